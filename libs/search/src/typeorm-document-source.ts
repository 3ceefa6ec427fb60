import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Category, Level, Obligation, RequirementStatus } from '@kravbank/catalogue';
import { browseOrderOf, withHash } from './document.js';
import { SearchDocumentSource } from './document-source.js';
import type { SearchDocument } from './model.js';

interface DocumentRow {
  key: string;
  category: Category;
  category_position: number;
  number: number;
  status: RequirementStatus;
  version: number;
  title: string;
  statement: string;
  rationale: string;
  guidance: string;
  tags: string[];
  level: number;
  obligation: Obligation;
  published_at: Date;
  legal_sources: Array<{ id: string; title: string }>;
}

const DOCUMENT_SQL = `
  SELECT r.key, r.category, c.position AS category_position, r.number, r.status,
         v.version, v.title, v.statement, v.rationale, v.guidance, v.tags, v.level, v.obligation, v.published_at,
         COALESCE((SELECT json_agg(json_build_object('id', s.legal_source_id, 'title', ls.title) ORDER BY s.position)
                     FROM requirement_version_source s JOIN legal_source ls ON ls.id = s.legal_source_id
                    WHERE s.version_id = v.id), '[]') AS legal_sources
    FROM requirement r
    JOIN category c ON c.id = r.category
    JOIN requirement_version v ON v.requirement_key = r.key AND v.version = r.current_version`;

export function toSearchDocument(r: DocumentRow): SearchDocument {
  // A version may cite one source twice (two sections); the document names each source once.
  const seen = new Set<string>();
  const sources = r.legal_sources.filter((s) => !seen.has(s.id) && seen.add(s.id));
  return withHash({
    key: r.key,
    category: r.category,
    title: r.title,
    statement: r.statement,
    rationale: r.rationale,
    guidance: r.guidance,
    tags: r.tags,
    legalSources: sources.map((s) => s.id),
    legalSourceTitles: sources.map((s) => s.title),
    level: Number(r.level) as Level,
    obligation: r.obligation,
    status: r.status,
    version: r.version,
    publishedAt: new Date(r.published_at).toISOString(),
    browseOrder: browseOrderOf(r.category_position, r.number),
  });
}

/** Reads search documents straight from the published catalogue. */
@Injectable()
export class TypeOrmSearchDocumentSource extends SearchDocumentSource {
  constructor(@InjectDataSource() private readonly db: DataSource) {
    super();
  }

  async findByKeys(keys: string[]): Promise<SearchDocument[]> {
    if (!keys.length) return [];
    const rows: DocumentRow[] = await this.db.query(`${DOCUMENT_SQL} WHERE r.key = ANY($1) ORDER BY r.key`, [keys]);
    return rows.map(toSearchDocument);
  }

  async *pages(pageSize: number): AsyncIterable<SearchDocument[]> {
    let after = '';
    for (;;) {
      const rows: DocumentRow[] = await this.db.query(`${DOCUMENT_SQL} WHERE r.key > $1 ORDER BY r.key LIMIT $2`, [after, pageSize]);
      if (!rows.length) return;
      yield rows.map(toSearchDocument);
      if (rows.length < pageSize) return;
      after = rows[rows.length - 1].key;
    }
  }

  async legalSourceTitles(ids: string[]): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    const rows: Array<{ id: string; title: string }> = await this.db.query(`SELECT id, title FROM legal_source WHERE id = ANY($1)`, [ids]);
    return new Map(rows.map((r) => [r.id, r.title]));
  }
}
