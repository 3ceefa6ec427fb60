import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { isoOrNull, type Page } from '@kravbank/common';
import { SqlFilter, preparedQuery } from '@kravbank/database';
import {
  CatalogueRepository,
  pinKey,
  type BankState,
  type CurrentVersionRecord,
  type PinOptions,
  type PinnedText,
  type ProfileSelectionItem,
  type ProposalFacts,
  type RequirementFilter,
  type RequirementHead,
  type VersionPin,
} from './catalogue.repository.js';
import type { Category, LegalSource, Level, Obligation, RequirementStatus } from './model.js';
import type {
  CategoryView,
  LegalSourceView,
  ProfileSummary,
  ProfileView,
  RequirementListItem,
  VersionSummary,
  VersionView,
} from './views.js';

/** Columns of a version with its legal sources, as one JSON-ready row. */
const VERSION_COLUMNS = `
  v.requirement_key AS key, r.category, v.version, v.title, v.statement, v.rationale, v.guidance, v.verification,
  v.level, v.obligation, v.tags, v.published_at, v.content_hash, v.origin, v.proposal_id, v.change_summary,
  COALESCE((SELECT json_agg(json_build_object('id', s.legal_source_id, 'section', s.section, 'title', ls.title) ORDER BY s.position)
            FROM requirement_version_source s JOIN legal_source ls ON ls.id = s.legal_source_id
            WHERE s.version_id = v.id), '[]') AS legal_sources`;

interface VersionRow {
  key: string;
  category: VersionView['category'];
  version: number;
  title: string;
  statement: string;
  rationale: string;
  guidance: string;
  verification: string;
  level: number;
  obligation: VersionView['obligation'];
  tags: string[];
  published_at: Date;
  content_hash: string;
  origin: VersionView['origin'];
  proposal_id: string | null;
  change_summary: string | null;
  legal_sources: VersionView['legalSources'];
}

export function toVersionView(r: VersionRow): VersionView {
  return {
    key: r.key,
    category: r.category,
    version: r.version,
    title: r.title,
    statement: r.statement,
    rationale: r.rationale,
    guidance: r.guidance,
    verification: r.verification,
    level: r.level as VersionView['level'],
    obligation: r.obligation,
    tags: r.tags,
    legalSources: r.legal_sources,
    publishedAt: isoOrNull(r.published_at)!,
    contentHash: r.content_hash,
    origin: r.origin,
    proposalId: r.proposal_id,
    changeSummary: r.change_summary,
  };
}

interface HeadRow {
  key: string;
  category: Category;
  status: RequirementStatus;
  current_version: number;
  retired_at: Date | null;
}

const toHead = (row: HeadRow): RequirementHead => ({
  key: row.key,
  category: row.category,
  status: row.status,
  currentVersion: row.current_version,
  retiredAt: isoOrNull(row.retired_at),
});

/** Each pin once, in the order first given. */
function uniquePins(pins: VersionPin[]): VersionPin[] {
  const seen = new Map<string, VersionPin>();
  for (const p of pins) if (!seen.has(pinKey(p.key, p.version))) seen.set(pinKey(p.key, p.version), p);
  return [...seen.values()];
}

const CURRENT_VERSION_SQL = `
  SELECT r.key, r.category, c.position AS "categoryPosition", r.number, r.status,
         v.version, v.title, v.statement, v.rationale, v.guidance, v.tags, v.level, v.obligation, v.published_at AS "publishedAt",
         COALESCE((SELECT json_agg(json_build_object('id', s.legal_source_id, 'title', ls.title) ORDER BY s.position)
                     FROM requirement_version_source s JOIN legal_source ls ON ls.id = s.legal_source_id
                    WHERE s.version_id = v.id), '[]') AS "legalSources"
    FROM requirement r
    JOIN category c ON c.id = r.category
    JOIN requirement_version v ON v.requirement_key = r.key AND v.version = r.current_version`;

@Injectable()
export class TypeOrmCatalogueRepository extends CatalogueRepository {
  private readonly db: EntityManager;

  /** Reads on the pool (a DataSource) or on one transaction's connection (its EntityManager). */
  constructor(@InjectDataSource() db: DataSource | EntityManager) {
    super();
    this.db = db instanceof DataSource ? db.manager : db;
  }

  within(manager: EntityManager): CatalogueRepository {
    return new TypeOrmCatalogueRepository(manager);
  }

  async listRequirements(f: RequirementFilter): Promise<Page<RequirementListItem>> {
    // Filters on the requirement row alone (tags and level are kept there), so the count and
    // the page need the version only for the legal-source filter and the page's own columns.
    const filter = new SqlFilter()
      .when(f.category, 'r.category = ?')
      .when(f.status, 'r.status = ?')
      .when(f.tag, 'r.tags @> ARRAY[?]::text[]')
      .when(f.level, 'r.level = ?')
      .when(
        f.legalSource,
        `EXISTS (SELECT 1 FROM requirement_version cv JOIN requirement_version_source s ON s.version_id = cv.id
                  WHERE cv.requirement_key = r.key AND cv.version = r.current_version AND s.legal_source_id = ?)`,
      );
    const [{ n }] = await this.db.query(`SELECT count(*) AS n FROM requirement r ${filter.sql}`, filter.params);
    // With one category the order is by number alone, which the (category, level, number) index gives.
    const order = f.category ? 'r.number' : `(SELECT c.position FROM category c WHERE c.id = r.category), r.number`;
    const rows: Array<{
      key: string;
      category: RequirementListItem['category'];
      status: RequirementListItem['status'];
      version: number;
      title: string;
      level: number;
      obligation: RequirementListItem['obligation'];
      tags: string[];
      published_at: Date;
    }> = await this.db.query(
      `SELECT r.key, r.category, r.status, v.version, v.title, v.level, v.obligation, r.tags, v.published_at
           FROM (SELECT r.* FROM requirement r ${filter.sql} ORDER BY ${order} LIMIT ${filter.param(f.limit)} OFFSET ${filter.param((f.page - 1) * f.limit)}) r
           JOIN requirement_version v ON v.requirement_key = r.key AND v.version = r.current_version
          ORDER BY ${order}`,
      filter.params,
    );
    return {
      items: rows.map((r) => ({
        key: r.key,
        category: r.category,
        status: r.status,
        version: r.version,
        title: r.title,
        level: r.level as RequirementListItem['level'],
        obligation: r.obligation,
        tags: r.tags,
        publishedAt: isoOrNull(r.published_at)!,
      })),
      total: Number(n),
      page: f.page,
      limit: f.limit,
    };
  }

  async findRequirementHead(key: string): Promise<RequirementHead | null> {
    const [row] = await preparedQuery<HeadRow>(
      this.db,
      `SELECT key, category, status, current_version, retired_at FROM requirement WHERE key = $1`,
      [key],
    );
    return row ? toHead(row) : null;
  }

  async findHeads(keys: string[]): Promise<Map<string, RequirementHead>> {
    if (!keys.length) return new Map();
    const rows: HeadRow[] = await this.db.query(
      `SELECT key, category, status, current_version, retired_at FROM requirement WHERE key = ANY($1)`,
      [[...new Set(keys)]],
    );
    return new Map(rows.map((r) => [r.key, toHead(r)]));
  }

  async findVersions(pins: VersionPin[]): Promise<Map<string, VersionView>> {
    const unique = uniquePins(pins);
    if (!unique.length) return new Map();
    const rows: VersionRow[] = await this.db.query(
      `SELECT ${VERSION_COLUMNS}
         FROM unnest($1::text[], $2::int[]) AS p(key, version)
         JOIN requirement_version v ON v.requirement_key = p.key AND v.version = p.version
         JOIN requirement r ON r.key = v.requirement_key`,
      [unique.map((p) => p.key), unique.map((p) => p.version)],
    );
    return new Map(rows.map((r) => [pinKey(r.key, r.version), toVersionView(r)]));
  }

  async findPinnedTexts(pins: VersionPin[]): Promise<Map<string, PinnedText>> {
    const unique = uniquePins(pins);
    if (!unique.length) return new Map();
    const rows: Array<HeadRow & { version: number; title: string; statement: string; level: Level }> = await this.db.query(
      `SELECT r.key, r.category, r.status, r.current_version, r.retired_at, v.version, v.title, v.statement, v.level
         FROM unnest($1::text[], $2::int[]) AS p(key, version)
         JOIN requirement_version v ON v.requirement_key = p.key AND v.version = p.version
         JOIN requirement r ON r.key = v.requirement_key`,
      [unique.map((p) => p.key), unique.map((p) => p.version)],
    );
    return new Map(
      rows.map((r) => [pinKey(r.key, r.version), { head: toHead(r), title: r.title, statement: r.statement, level: r.level }]),
    );
  }

  async findPinOptions(keys: string[]): Promise<Map<string, PinOptions>> {
    const options = new Map<string, PinOptions>();
    if (!keys.length) return options;
    const rows: Array<{ key: string; status: RequirementStatus; current_version: number; version: number; obligation: Obligation }> =
      await this.db.query(
        `SELECT r.key, r.status, r.current_version, v.version, v.obligation FROM requirement r JOIN requirement_version v ON v.requirement_key = r.key WHERE r.key = ANY($1)`,
        [keys],
      );
    for (const r of rows) {
      const entry = options.get(r.key) ?? { status: r.status, currentVersion: r.current_version, obligations: new Map() };
      entry.obligations.set(r.version, r.obligation);
      options.set(r.key, entry);
    }
    return options;
  }

  async listLegalSourcesCitedBy(pins: VersionPin[]): Promise<LegalSource[]> {
    const unique = uniquePins(pins);
    if (!unique.length) return [];
    return this.db.query(
      `SELECT DISTINCT ls.id, ls.title, ls.kind, ls.issuer, ls.url, ls.version
         FROM unnest($1::text[], $2::int[]) AS p(key, version)
         JOIN requirement_version v ON v.requirement_key = p.key AND v.version = p.version
         JOIN requirement_version_source s ON s.version_id = v.id
         JOIN legal_source ls ON ls.id = s.legal_source_id
        ORDER BY ls.title, ls.id`,
      [unique.map((p) => p.key), unique.map((p) => p.version)],
    );
  }

  async categoryPositions(): Promise<Map<Category, number>> {
    const rows: Array<{ id: Category; position: number }> = await this.db.query(`SELECT id, position FROM category`);
    return new Map(rows.map((r) => [r.id, r.position]));
  }

  async bankState(): Promise<BankState> {
    const [row] = await this.db.query(
      `SELECT to_char(max(v.published_at) AT TIME ZONE 'Europe/Copenhagen', 'YYYY-MM-DD') AS day,
              (SELECT count(*) FROM requirement WHERE status = 'active')::int AS active
         FROM requirement_version v`,
    );
    return { lastPublishedDay: row.day, active: row.active };
  }

  async findProfileSelection(profileId: string): Promise<ProfileSelectionItem[] | null> {
    const [profile] = await this.db.query(`SELECT id FROM profile WHERE id = $1`, [profileId]);
    if (!profile) return null;
    // Retired requirements are left out.
    return this.db.query(
      `SELECT r.key, r.current_version AS version, p.obligation, p.position
         FROM profile_item p JOIN requirement r ON r.key = p.requirement_key
        WHERE p.profile_id = $1 AND r.status = 'active' ORDER BY p.position`,
      [profileId],
    );
  }

  async findProposalFacts(legalSourceIds: string[], key: string | null, version: number | null): Promise<ProposalFacts> {
    const [row]: Array<{
      known: string[];
      status: RequirementStatus | null;
      current_version: number | null;
      version_hash: string | null;
    }> = await preparedQuery(
      this.db,
      `SELECT (SELECT COALESCE(array_agg(id), '{}') FROM legal_source WHERE id = ANY($1)) AS known, r.status, r.current_version,
              (SELECT content_hash FROM requirement_version WHERE requirement_key = $2 AND version = $3) AS version_hash
         FROM (SELECT 1) one LEFT JOIN requirement r ON r.key = $2`,
      [legalSourceIds, key, version],
    );
    return {
      known: new Set(row.known),
      requirement: row.status ? { status: row.status, currentVersion: row.current_version! } : null,
      versionHash: row.version_hash,
    };
  }

  async findCurrentVersions(keys: string[]): Promise<CurrentVersionRecord[]> {
    if (!keys.length) return [];
    // The query names its columns as the record's fields: the rows are the records.
    return this.db.query<CurrentVersionRecord[]>(`${CURRENT_VERSION_SQL} WHERE r.key = ANY($1) ORDER BY r.key`, [keys]);
  }

  async listCurrentVersions(after: string, limit: number): Promise<CurrentVersionRecord[]> {
    return this.db.query<CurrentVersionRecord[]>(`${CURRENT_VERSION_SQL} WHERE r.key > $1 ORDER BY r.key LIMIT $2`, [after, limit]);
  }

  async legalSourceTitles(ids: string[]): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    const rows: Array<{ id: string; title: string }> = await this.db.query(`SELECT id, title FROM legal_source WHERE id = ANY($1)`, [ids]);
    return new Map(rows.map((r) => [r.id, r.title]));
  }

  async findVersion(key: string, version: number): Promise<VersionView | null> {
    const [row] = await preparedQuery<VersionRow>(
      this.db,
      `SELECT ${VERSION_COLUMNS} FROM requirement_version v JOIN requirement r ON r.key = v.requirement_key
        WHERE v.requirement_key = $1 AND v.version = $2`,
      [key, version],
    );
    return row ? toVersionView(row) : null;
  }

  async listVersionSummaries(key: string): Promise<VersionSummary[]> {
    const rows = await preparedQuery(
      this.db,
      `SELECT version, title, published_at, content_hash, origin, change_summary FROM requirement_version
        WHERE requirement_key = $1 ORDER BY version`,
      [key],
    );
    return rows.map(
      (r: {
        version: number;
        title: string;
        published_at: Date;
        content_hash: string;
        origin: 'seed' | 'proposal';
        change_summary: string | null;
      }) => ({
        version: r.version,
        title: r.title,
        publishedAt: isoOrNull(r.published_at)!,
        contentHash: r.content_hash,
        origin: r.origin,
        changeSummary: r.change_summary,
      }),
    );
  }

  async listVersions(key: string, page: number, limit: number): Promise<Page<VersionView>> {
    const rows = await preparedQuery(
      this.db,
      `SELECT ${VERSION_COLUMNS}, count(*) OVER () AS total FROM requirement_version v JOIN requirement r ON r.key = v.requirement_key
        WHERE v.requirement_key = $1 ORDER BY v.version LIMIT $2 OFFSET $3`,
      [key, limit, (page - 1) * limit],
    );
    const total = rows.length
      ? Number(rows[0].total)
      : Number((await this.db.query(`SELECT count(*) AS n FROM requirement_version WHERE requirement_key = $1`, [key]))[0].n);
    return { items: rows.map(toVersionView), total, page, limit };
  }

  private legalSourceSql(where: string): string {
    return `SELECT ls.id, ls.title, ls.kind, ls.issuer, ls.url, ls.version,
                   (SELECT count(DISTINCT r.key) FROM requirement r
                      JOIN requirement_version v ON v.requirement_key = r.key AND v.version = r.current_version
                      JOIN requirement_version_source s ON s.version_id = v.id
                     WHERE s.legal_source_id = ls.id) AS requirement_count
              FROM legal_source ls ${where}`;
  }

  private toLegalSourceView(r: Omit<LegalSourceView, 'requirementCount'> & { requirement_count: string }): LegalSourceView {
    return {
      id: r.id,
      title: r.title,
      kind: r.kind,
      issuer: r.issuer,
      url: r.url,
      version: r.version,
      requirementCount: Number(r.requirement_count),
    };
  }

  async listLegalSources(page: number, limit: number): Promise<Page<LegalSourceView>> {
    const rows = await this.db.query(`${this.legalSourceSql('')} ORDER BY ls.id LIMIT $1 OFFSET $2`, [limit, (page - 1) * limit]);
    const [{ n }] = await this.db.query(`SELECT count(*) AS n FROM legal_source`);
    return { items: rows.map((r: never) => this.toLegalSourceView(r)), total: Number(n), page, limit };
  }

  async findLegalSource(id: string): Promise<LegalSourceView | null> {
    const [row] = await this.db.query(`${this.legalSourceSql('WHERE ls.id = $1')}`, [id]);
    return row ? this.toLegalSourceView(row) : null;
  }

  async countCategories(): Promise<CategoryView[]> {
    const rows = await this.db.query(
      `SELECT c.id, c.prefix, c.title,
              count(r.key) FILTER (WHERE r.status = 'active') AS active,
              count(r.key) FILTER (WHERE r.status = 'retired') AS retired
         FROM category c LEFT JOIN requirement r ON r.category = c.id
        GROUP BY c.id ORDER BY c.position`,
    );
    return rows.map((r: { id: CategoryView['id']; prefix: string; title: string; active: string; retired: string }) => ({
      id: r.id,
      prefix: r.prefix,
      title: r.title,
      active: Number(r.active),
      retired: Number(r.retired),
    }));
  }

  async listProfiles(page: number, limit: number): Promise<Page<ProfileSummary>> {
    const rows = await this.db.query(
      `SELECT p.id, p.title, p.description, (SELECT count(*) FROM profile_item i WHERE i.profile_id = p.id) AS item_count
         FROM profile p ORDER BY p.position, p.id LIMIT $1 OFFSET $2`,
      [limit, (page - 1) * limit],
    );
    const [{ n }] = await this.db.query(`SELECT count(*) AS n FROM profile`);
    return {
      items: rows.map((r: { id: string; title: string; description: string; item_count: string }) => ({
        id: r.id,
        title: r.title,
        description: r.description,
        itemCount: Number(r.item_count),
      })),
      total: Number(n),
      page,
      limit,
    };
  }

  async findProfile(id: string): Promise<ProfileView | null> {
    const [profile] = await this.db.query(`SELECT id, title, description FROM profile WHERE id = $1`, [id]);
    if (!profile) return null;
    const items = await this.db.query(
      `SELECT i.requirement_key AS key, i.obligation, v.title, r.category, r.current_version AS version, r.status
         FROM profile_item i JOIN requirement r ON r.key = i.requirement_key
         JOIN requirement_version v ON v.requirement_key = r.key AND v.version = r.current_version
        WHERE i.profile_id = $1 ORDER BY i.position`,
      [id],
    );
    return { id: profile.id, title: profile.title, description: profile.description, items };
  }
}

/** The catalogue's reads over a DataSource or a transaction, for code that is not wired by Nest (the CLI, tests). */
export function catalogueRepositoryFor(db: DataSource | EntityManager): CatalogueRepository {
  return new TypeOrmCatalogueRepository(db);
}
