import { EntityManager } from 'typeorm';
import { appendAudit, type AuditInput } from '@kravbank/audit';
import { appendToOutbox, preparedQuery } from '@kravbank/database';
import { conflict, DomainError, notFound } from '@kravbank/common';
import { canonicalContent, contentHash } from './content.js';
import { KEY_PATTERN, type Category, type RequirementContent } from './model.js';
import { REQUIREMENT_PUBLISHED, REQUIREMENT_RETIRED } from './events.js';

export interface PublishCommand {
  key: string;
  /** Needed when the key is new. */
  category?: Category;
  content: RequirementContent;
  origin: 'seed' | 'proposal';
  proposalId?: string | null;
  changeSummary?: string | null;
  /**
   * The version the change was written against. `null` means "the key must be new";
   * `undefined` publishes on top of whatever is current (the seed loader).
   */
  baseVersion?: number | null;
  publishedAt?: Date;
  /** Who published it; null for the system (the seed loader). */
  actorId?: string | null;
}

export interface Published {
  key: string;
  version: number;
  contentHash: string;
  publishedAt: Date;
}

interface LockedRequirement {
  key: string;
  category: Category;
  status: 'active' | 'retired';
  currentVersion: number;
  contentHash: string;
}

/**
 * The only code that writes the published catalogue. It runs inside the caller's
 * transaction: the seed loader's and the editorial publication's, so the version,
 * the requirement's current pointer and the outbox event commit together.
 */
export class CatalogueWriter {
  /**
   * @param auditSink when given, audit entries are collected there for the caller to append
   *   with its own at the end of the transaction (the audit chain's lock is then held briefly);
   *   otherwise each is appended at once.
   */
  constructor(
    private readonly manager: EntityManager,
    private readonly auditSink?: AuditInput[],
  ) {}

  private async audit(entry: AuditInput): Promise<void> {
    if (this.auditSink) this.auditSink.push(entry);
    else await appendAudit(this.manager, [entry]);
  }

  /**
   * Locks the requirement row for the rest of the transaction and reads its current version's
   * hash, and checks that the legal sources exist, in one round trip.
   */
  private async lock(key: string, legalSourceIds: string[] = []): Promise<LockedRequirement | null> {
    const unique = [...new Set(legalSourceIds)];
    // The row is locked alone in its subquery: a join there would be re-checked against the old
    // version after a wait.
    const [r]: Array<{
      known: string[];
      key: string | null;
      category: Category;
      status: 'active' | 'retired';
      current_version: number;
      content_hash: string | null;
    }> = await preparedQuery(
      this.manager,
      `SELECT ls.known, r.key, r.category, r.status, r.current_version,
                (SELECT content_hash FROM requirement_version WHERE requirement_key = r.key AND version = r.current_version) AS content_hash
           FROM (SELECT COALESCE(array_agg(id), '{}') AS known FROM legal_source WHERE id = ANY($2)) ls
           LEFT JOIN LATERAL (SELECT key, category, status, current_version FROM requirement WHERE key = $1 FOR UPDATE) r ON true`,
      [key, unique],
    );
    this.assertLegalSourcesExist(legalSourceIds, new Set(r.known));
    if (r.key === null) return null;
    let hash = r.content_hash;
    if (hash === null) {
      // The lock waited for a publication that committed a version this statement's snapshot
      // does not see; read it now.
      const [v]: Array<{ content_hash: string }> = await preparedQuery(
        this.manager,
        `SELECT content_hash FROM requirement_version WHERE requirement_key = $1 AND version = $2`,
        [key, r.current_version],
      );
      hash = v.content_hash;
    }
    return { key: r.key, category: r.category, status: r.status, currentVersion: r.current_version, contentHash: hash };
  }

  async publish(cmd: PublishCommand): Promise<Published> {
    const content = canonicalContent(cmd.content);
    const existing = await this.lock(
      cmd.key,
      content.legalSources.map((s) => s.id),
    );
    const publishedAt = cmd.publishedAt ?? new Date();
    const version = existing ? this.nextVersion(cmd, existing) : await this.insertRequirement(cmd, content);
    const hash = contentHash(content);
    await this.insertVersion(cmd, content, version, hash, publishedAt);
    await this.audit({
      actorId: cmd.actorId ?? null,
      action: 'requirement.version_published',
      entityType: 'requirement',
      entityId: cmd.key,
      beforeHash: existing?.contentHash ?? null,
      afterHash: hash,
      data: { version, origin: cmd.origin, proposalId: cmd.proposalId ?? null },
    });
    return { key: cmd.key, version, contentHash: hash, publishedAt };
  }

  /** A new requirement's row, at version 1. */
  private async insertRequirement(cmd: PublishCommand, content: RequirementContent): Promise<number> {
    if (cmd.baseVersion !== undefined && cmd.baseVersion !== null) throw notFound('requirement', cmd.key);
    const category = cmd.category;
    if (!category) throw new DomainError('invalid', 'category_required', `A new requirement ${cmd.key} needs a category.`);
    const number = await this.assertKeyFitsCategory(cmd.key, category);
    await preparedQuery(
      this.manager,
      `INSERT INTO requirement (key, category, number, status, current_version, tags, level, retired_at)
       VALUES ($1, $2, $3, 'active', 1, $4, $5, NULL)`,
      [cmd.key, category, number, content.tags, content.level],
    );
    return 1;
  }

  /** The version after the existing requirement's current one, when the command is written against it. */
  private nextVersion(cmd: PublishCommand, existing: LockedRequirement): number {
    if (cmd.baseVersion === null)
      throw conflict('requirement_exists', `Requirement ${cmd.key} already exists.`, { currentVersion: existing.currentVersion });
    if (cmd.baseVersion !== undefined && cmd.baseVersion !== existing.currentVersion) {
      throw conflict(
        'base_version_outdated',
        `Requirement ${cmd.key} is at version ${existing.currentVersion}, not ${cmd.baseVersion}: rebase the change.`,
        {
          currentVersion: existing.currentVersion,
          baseVersion: cmd.baseVersion,
        },
      );
    }
    if (existing.status === 'retired') throw conflict('requirement_retired', `Requirement ${cmd.key} is retired.`);
    return existing.currentVersion + 1;
  }

  /**
   * One statement, one round trip: the version, its legal sources, the requirement's current
   * pointer (for an existing requirement) and the outbox event.
   */
  private async insertVersion(cmd: PublishCommand, content: RequirementContent, version: number, hash: string, publishedAt: Date) {
    await preparedQuery(
      this.manager,
      `WITH v AS (
         INSERT INTO requirement_version (requirement_key, version, title, statement, rationale, guidance, verification, level, obligation, tags,
                                          content_hash, origin, proposal_id, change_summary, published_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id
       ), sources AS (
         INSERT INTO requirement_version_source (version_id, position, legal_source_id, section)
         SELECT v.id, t.ord - 1, t.id, t.section FROM v, unnest($16::text[], $17::text[]) WITH ORDINALITY AS t (id, section, ord)
       ), pointer AS (
         UPDATE requirement SET current_version = $2, tags = $10, level = $8, updated_at = now() WHERE key = $1 AND $2 > 1
       )
       INSERT INTO outbox_event (topic, aggregate_key, payload) VALUES ($18, $1, $19)`,
      [
        cmd.key,
        version,
        content.title,
        content.statement,
        content.rationale,
        content.guidance,
        content.verification,
        content.level,
        content.obligation,
        content.tags,
        hash,
        cmd.origin,
        cmd.proposalId ?? null,
        cmd.changeSummary ?? null,
        publishedAt,
        content.legalSources.map((s) => s.id),
        content.legalSources.map((s) => s.section ?? null),
        REQUIREMENT_PUBLISHED,
        JSON.stringify({ key: cmd.key, version, contentHash: hash }),
      ],
    );
  }

  async retire(
    key: string,
    baseVersion?: number,
    at: Date = new Date(),
    actorId: string | null = null,
    proposalId: string | null = null,
  ): Promise<{ key: string; version: number }> {
    const existing = await this.lock(key);
    if (!existing) throw notFound('requirement', key);
    if (existing.status === 'retired') throw conflict('requirement_retired', `Requirement ${key} is already retired.`);
    if (baseVersion !== undefined && baseVersion !== existing.currentVersion) {
      throw conflict(
        'base_version_outdated',
        `Requirement ${key} is at version ${existing.currentVersion}, not ${baseVersion}: rebase the change.`,
        {
          currentVersion: existing.currentVersion,
          baseVersion,
        },
      );
    }
    await preparedQuery(this.manager, `UPDATE requirement SET status = 'retired', retired_at = $2, updated_at = now() WHERE key = $1`, [
      key,
      at,
    ]);
    await appendToOutbox(this.manager, [
      { topic: REQUIREMENT_RETIRED, aggregateKey: key, payload: { key, version: existing.currentVersion } },
    ]);
    await this.audit({
      actorId,
      action: 'requirement.retired',
      entityType: 'requirement',
      entityId: key,
      beforeHash: existing.contentHash,
      afterHash: existing.contentHash,
      data: { version: existing.currentVersion, proposalId },
    });
    return { key, version: existing.currentVersion };
  }

  /** The next free key in a category (RAM-043 after RAM-042), reserved until the transaction ends. */
  async nextKey(category: Category): Promise<string> {
    await this.manager.query(`SELECT pg_advisory_xact_lock(hashtext('kravbank:key:' || $1))`, [category]);
    const rows: Array<{ prefix: string; next: number }> = await this.manager.query(
      `SELECT c.prefix, COALESCE((SELECT max(number) FROM requirement r WHERE r.category = c.id), 0) + 1 AS next FROM category c WHERE c.id = $1`,
      [category],
    );
    if (!rows.length)
      throw new DomainError('invalid', 'validation_failed', `Unknown category ${category}.`, [
        { field: 'category', reason: 'is not a known category' },
      ]);
    return `${rows[0].prefix}-${String(rows[0].next).padStart(3, '0')}`;
  }

  private assertLegalSourcesExist(ids: string[], known: Set<string>): void {
    const unknown = [...new Set(ids)].filter((id) => !known.has(id));
    if (unknown.length) {
      throw new DomainError(
        'invalid',
        'unknown_legal_source',
        `Unknown legal source: ${unknown.join(', ')}.`,
        ids.flatMap((id, i) => (known.has(id) ? [] : [{ field: `legalSources.${i}.id`, reason: `is not in the legal-source register` }])),
      );
    }
  }

  private async assertKeyFitsCategory(key: string, category: Category): Promise<number> {
    const m = KEY_PATTERN.exec(key);
    const rows: Array<{ prefix: string }> = await this.manager.query(`SELECT prefix FROM category WHERE id = $1`, [category]);
    if (!rows.length)
      throw new DomainError('invalid', 'validation_failed', `Unknown category ${category}.`, [
        { field: 'category', reason: 'is not a known category' },
      ]);
    if (!m || m[1] !== rows[0].prefix) {
      throw new DomainError('invalid', 'validation_failed', `Key ${key} does not fit category ${category} (prefix ${rows[0].prefix}).`, [
        { field: 'key', reason: `must be ${rows[0].prefix}- followed by at least three digits` },
      ]);
    }
    return Number(m[2]);
  }
}
