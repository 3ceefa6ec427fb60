import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { catalogueRepositoryFor, type CatalogueRepository, type CurrentVersionRecord, type Level } from '@kravbank/catalogue';
import { browseOrderOf, withHash } from './document.js';
import { SearchDocumentSource } from './document-source.js';
import type { SearchDocument } from './model.js';

export function toSearchDocument(r: CurrentVersionRecord): SearchDocument {
  // A version may cite one source twice (two sections); the document names each source once.
  const seen = new Set<string>();
  const sources = r.legalSources.filter((s) => !seen.has(s.id) && seen.add(s.id));
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
    publishedAt: new Date(r.publishedAt).toISOString(),
    browseOrder: browseOrderOf(r.categoryPosition, r.number),
  });
}

/** Search documents from the published catalogue, read through the catalogue's repository. */
@Injectable()
export class TypeOrmSearchDocumentSource extends SearchDocumentSource {
  private readonly catalogue: CatalogueRepository;

  constructor(@InjectDataSource() db: DataSource) {
    super();
    this.catalogue = catalogueRepositoryFor(db);
  }

  async findByKeys(keys: string[]): Promise<SearchDocument[]> {
    if (!keys.length) return [];
    return (await this.catalogue.findCurrentVersions(keys)).map(toSearchDocument);
  }

  async *pages(pageSize: number): AsyncIterable<SearchDocument[]> {
    let after = '';
    for (;;) {
      const rows = await this.catalogue.listCurrentVersions(after, pageSize);
      if (!rows.length) return;
      yield rows.map(toSearchDocument);
      if (rows.length < pageSize) return;
      after = rows[rows.length - 1].key;
    }
  }

  legalSourceTitles(ids: string[]): Promise<Map<string, string>> {
    return this.catalogue.legalSourceTitles(ids);
  }
}
