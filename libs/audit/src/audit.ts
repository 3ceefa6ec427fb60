import { createHash } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { type Page, canonicalJson } from '@kravbank/common';
import { SqlFilter, preparedQuery } from '@kravbank/database';

export interface AuditInput {
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  beforeHash?: string | null;
  afterHash?: string | null;
  data?: Record<string, unknown>;
}

export interface AuditEntry {
  seq: number;
  at: string;
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  beforeHash: string | null;
  afterHash: string | null;
  data: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

export const GENESIS_HASH = '0'.repeat(64);

/** The part of an entry the application hashes: every field but the sequence number and the chain. */
export function auditBody(
  e: Pick<AuditEntry, 'at' | 'actorId' | 'action' | 'entityType' | 'entityId' | 'beforeHash' | 'afterHash' | 'data'>,
): string {
  return canonicalJson([e.at, e.actorId, e.action, e.entityType, e.entityId, e.beforeHash, e.afterHash, e.data]);
}

/**
 * The hash of an entry: SHA-256 of "<body>|<seq>|<previous hash>". The database computes
 * the same when it appends (kravbank_audit_append); verification recomputes it here.
 */
export function auditHash(e: Omit<AuditEntry, 'hash'>): string {
  return createHash('sha256')
    .update(`${auditBody(e)}|${e.seq}|${e.prevHash}`, 'utf8')
    .digest('hex');
}

/** SHA-256 of a state, for the before/after columns. */
export function stateHash(state: unknown): string {
  return createHash('sha256').update(canonicalJson(state)).digest('hex');
}

/**
 * Appends entries inside the caller's transaction, in one round trip. The database stages
 * them and links them to the chain when the transaction commits (a deferred trigger locks
 * the chain's head for the commit alone), so sequence numbers are gapless, the chain's order
 * is the commit order, and a rolled-back transaction leaves no entry.
 */
export async function appendAudit(manager: EntityManager, inputs: AuditInput[]): Promise<void> {
  if (!inputs.length) return;
  // Milliseconds only, so the stored timestamp reads back exactly as it was hashed.
  const at = new Date().toISOString();
  const entries = inputs.map((i) => ({
    at,
    actorId: i.actorId,
    action: i.action,
    entityType: i.entityType,
    entityId: i.entityId,
    beforeHash: i.beforeHash ?? null,
    afterHash: i.afterHash ?? null,
    data: i.data ?? {},
  }));
  await preparedQuery(manager, `SELECT * FROM kravbank_audit_append($1, $2, $3, $4, $5, $6, $7, $8, $9)`, [
    at,
    entries.map((e) => e.actorId),
    entries.map((e) => e.action),
    entries.map((e) => e.entityType),
    entries.map((e) => e.entityId),
    entries.map((e) => e.beforeHash),
    entries.map((e) => e.afterHash),
    entries.map((e) => JSON.stringify(e.data)),
    entries.map((e) => auditBody(e)),
  ]);
}

interface AuditRow {
  seq: string;
  at: Date;
  actor_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string;
  before_hash: string | null;
  after_hash: string | null;
  data: Record<string, unknown>;
  prev_hash: string;
  hash: string;
}

function toEntry(r: AuditRow): AuditEntry {
  return {
    seq: Number(r.seq),
    at: new Date(r.at).toISOString(),
    actorId: r.actor_id,
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    beforeHash: r.before_hash,
    afterHash: r.after_hash,
    data: r.data,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

export interface AuditVerification {
  ok: boolean;
  entries: number;
  /** The hash of the newest entry: keep it elsewhere to detect a removed tail later. */
  headHash: string;
  headSeq: number;
  problems: Array<{ seq: number; problem: string }>;
}

/** Recomputes the whole chain: an edited, inserted or deleted row breaks it. */
export async function verifyAuditChain(db: DataSource | EntityManager, batch = 5000): Promise<AuditVerification> {
  const problems: AuditVerification['problems'] = [];
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let count = 0;
  for (;;) {
    const rows: AuditRow[] = await db.query(`SELECT * FROM audit_entry WHERE seq >= $1 ORDER BY seq LIMIT $2`, [expectedSeq, batch]);
    if (!rows.length) break;
    for (const row of rows) {
      const e = toEntry(row);
      count++;
      if (e.seq !== expectedSeq) problems.push({ seq: e.seq, problem: `entries ${expectedSeq}–${e.seq - 1} are missing` });
      if (e.prevHash !== prevHash)
        problems.push({ seq: e.seq, problem: 'does not link to the entry before it (an entry was removed or changed)' });
      if (auditHash(e) !== e.hash) problems.push({ seq: e.seq, problem: 'its content does not match its hash (the row was edited)' });
      prevHash = e.hash;
      expectedSeq = e.seq + 1;
    }
  }
  const [head] = await db.query(`SELECT seq, hash FROM audit_head`);
  // Staged entries are linked and removed at commit; a committed one was never linked.
  const [{ n: unlinked }] = await db.query(`SELECT count(*)::int AS n FROM audit_pending`);
  if (unlinked > 0)
    problems.push({
      seq: expectedSeq,
      problem: `${unlinked} entries were committed without being linked to the chain (triggers were switched off)`,
    });
  if (head && (Number(head.seq) !== expectedSeq - 1 || head.hash !== prevHash)) {
    problems.push({
      seq: Number(head.seq),
      problem: `the chain ends at entry ${expectedSeq - 1}, but its head says ${head.seq} (entries at the end were removed)`,
    });
  }
  return { ok: problems.length === 0, entries: count, headHash: prevHash, headSeq: expectedSeq - 1, problems };
}

export interface AuditFilter {
  entityType?: string;
  entityId?: string;
  actorId?: string;
  /** The actor's username. */
  actor?: string;
  action?: string;
  /** Entries at or after this instant (ISO 8601). */
  from?: string;
  /** Entries before this instant (ISO 8601). */
  to?: string;
  /** Newest first (default) or oldest first. */
  order?: 'asc' | 'desc';
  page: number;
  limit: number;
}

export type AuditListEntry = AuditEntry & { actor: string | null; actorName: string | null };

export async function listAudit(db: DataSource, f: AuditFilter): Promise<Page<AuditListEntry>> {
  const filter = new SqlFilter()
    .when(f.entityType, 'a.entity_type = ?')
    .when(f.entityId, 'a.entity_id = ?')
    .when(f.actorId, 'a.actor_id = ?')
    .when(f.actor, 'a.actor_id = (SELECT id FROM app_user WHERE username = ?)')
    .when(f.action, 'a.action = ?')
    .when(f.from, 'a.at >= ?::timestamptz')
    .when(f.to, 'a.at < ?::timestamptz');
  const [{ n }] = await db.query(`SELECT count(*) AS n FROM audit_entry a ${filter.sql}`, filter.params);
  const rows = await db.query(
    `SELECT a.*, u.username AS actor, u.display_name AS actor_name FROM audit_entry a LEFT JOIN app_user u ON u.id = a.actor_id ${filter.sql}
      ORDER BY a.seq ${f.order === 'asc' ? 'ASC' : 'DESC'} LIMIT ${filter.param(f.limit)} OFFSET ${filter.param((f.page - 1) * f.limit)}`,
    filter.params,
  );
  return {
    items: rows.map((r: AuditRow & { actor: string | null; actor_name: string | null }) => ({
      ...toEntry(r),
      actor: r.actor,
      actorName: r.actor_name,
    })),
    total: Number(n),
    page: f.page,
    limit: f.limit,
  };
}
