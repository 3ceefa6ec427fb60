import { EntityManager } from 'typeorm';
import { isoOrNull, type Page } from '@kravbank/common';
import { preparedQuery, SqlFilter } from '@kravbank/database';
import type { RequirementContent } from '@kravbank/catalogue';
import { OPEN_STATES, type ProposalRecord, type ProposalState, type VoteDecision, type VoteRecord } from './model.js';
import {
  ProposalStore,
  type NewProposal,
  type ProposalChange,
  type ProposalComment,
  type ProposalContext,
  type ProposalRevision,
  type ProposalFilter,
  type Person,
} from './proposal.store.js';

interface ProposalRow {
  id: string;
  number: number;
  kind: ProposalRecord['kind'];
  change_type: ProposalRecord['changeType'];
  state: ProposalState;
  requirement_key: string | null;
  base_version: number | null;
  category: ProposalRecord['category'];
  motivation: string;
  triggering_legal_source_id: string | null;
  content: RequirementContent | null;
  revision: number;
  proposer_id: string;
  organisation_id: string;
  rejection_reason: string | null;
  published_version: number | null;
  published_by: string | null;
  created_at: Date;
  updated_at: Date;
  submitted_at: Date | null;
  decided_at: Date | null;
  published_at: Date | null;
  lock_version: number;
}

/**
 * The columns a proposal is read with, named: a prepared statement that said `*` would fail
 * ("cached plan must not change result type") on every connection once a migration adds a column.
 */
const COLUMNS =
  'id, number, kind, change_type, state, requirement_key, base_version, category, motivation, triggering_legal_source_id, content, revision, proposer_id, organisation_id, rejection_reason, published_version, published_by, created_at, updated_at, submitted_at, decided_at, published_at, lock_version';
const P_COLUMNS = COLUMNS.split(', ')
  .map((c) => `p.${c}`)
  .join(', ');

const toRecord = (r: ProposalRow): ProposalRecord => ({
  id: r.id,
  number: r.number,
  kind: r.kind,
  changeType: r.change_type,
  state: r.state,
  requirementKey: r.requirement_key,
  baseVersion: r.base_version,
  category: r.category,
  motivation: r.motivation,
  triggeringLegalSource: r.triggering_legal_source_id,
  content: r.content,
  revision: r.revision,
  proposerId: r.proposer_id,
  organisationId: r.organisation_id,
  rejectionReason: r.rejection_reason,
  publishedVersion: r.published_version,
  publishedBy: r.published_by,
  createdAt: isoOrNull(r.created_at)!,
  updatedAt: isoOrNull(r.updated_at)!,
  submittedAt: isoOrNull(r.submitted_at),
  decidedAt: isoOrNull(r.decided_at),
  publishedAt: isoOrNull(r.published_at),
  lockVersion: r.lock_version,
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Proposal fields a workflow step changes, as named columns of change_proposal. */
const CHANGE_COLUMNS: Record<keyof ProposalChange, string> = {
  state: 'state',
  content: 'content',
  revision: 'revision',
  baseVersion: 'base_version',
  requirementKey: 'requirement_key',
  rejectionReason: 'rejection_reason',
  publishedVersion: 'published_version',
  publishedBy: 'published_by',
  publishedAt: 'published_at',
  submittedAt: 'submitted_at',
  decidedAt: 'decided_at',
};

/**
 * Persistence of change proposals in PostgreSQL, bound to one transaction's EntityManager
 * (or the DataSource's, for reads).
 */
export class TypeOrmProposalStore extends ProposalStore {
  constructor(private readonly manager: EntityManager) {
    super();
  }

  within(manager: EntityManager): ProposalStore {
    return new TypeOrmProposalStore(manager);
  }

  /** The proposal and its first revision, in one statement. */
  async insert(p: NewProposal): Promise<ProposalRecord> {
    const [row] = await preparedQuery(
      this.manager,
      `WITH p AS (
         INSERT INTO change_proposal (kind, change_type, state, requirement_key, base_version, category, motivation, triggering_legal_source_id, content, proposer_id, organisation_id)
         VALUES ($1, $2, 'draft', $3, $4, $5, $6, $7, $8, $9, $10) RETURNING ${COLUMNS}
       ), first_revision AS (
         INSERT INTO change_proposal_revision (proposal_id, revision, content, content_hash, author_id, note)
         SELECT p.id, 1, $8, $11, $9, $12 FROM p
       )
       SELECT ${COLUMNS} FROM p`,
      [
        p.kind,
        p.changeType,
        p.requirementKey,
        p.baseVersion,
        p.category,
        p.motivation,
        p.triggeringLegalSource,
        p.content ? JSON.stringify(p.content) : null,
        p.proposerId,
        p.organisationId,
        p.contentHash,
        'Forslagsstillerens første udgave',
      ],
    );
    return toRecord(row);
  }

  async find(id: string): Promise<ProposalRecord | null> {
    if (!UUID.test(id)) return null;
    const [row] = await preparedQuery(this.manager, `SELECT ${COLUMNS} FROM change_proposal WHERE id = $1`, [id]);
    return row ? toRecord(row) : null;
  }

  /** Reads the proposal and locks its row until the transaction ends. */
  async lock(id: string): Promise<ProposalRecord | null> {
    if (!UUID.test(id)) return null;
    const [row] = await preparedQuery(this.manager, `SELECT ${COLUMNS} FROM change_proposal WHERE id = $1 FOR UPDATE`, [id]);
    return row ? toRecord(row) : null;
  }

  /**
   * Writes a change guarded by the lock version read before it (optimistic locking):
   * returns false when someone else changed the proposal in between.
   */
  async update(p: ProposalRecord, change: ProposalChange): Promise<ProposalRecord | null> {
    const fields = Object.keys(change) as Array<keyof ProposalChange>;
    const sets = fields.map((f, i) => `${CHANGE_COLUMNS[f]} = $${i + 3}`);
    const [row] = await preparedQuery<ProposalRow>(
      this.manager,
      `UPDATE change_proposal SET ${[...sets, 'updated_at = now()', 'lock_version = lock_version + 1'].join(', ')}
        WHERE id = $1 AND lock_version = $2 RETURNING ${COLUMNS}`,
      [p.id, p.lockVersion, ...fields.map((f) => (f === 'content' && change.content ? JSON.stringify(change.content) : change[f]))],
    );
    return row ? toRecord(row) : null;
  }

  async insertRevision(
    proposalId: string,
    revision: number,
    content: RequirementContent | null,
    contentHash: string | null,
    authorId: string,
    note: string | null,
  ): Promise<void> {
    await preparedQuery(
      this.manager,
      `INSERT INTO change_proposal_revision (proposal_id, revision, content, content_hash, author_id, note) VALUES ($1, $2, $3, $4, $5, $6)`,
      [proposalId, revision, content ? JSON.stringify(content) : null, contentHash, authorId, note],
    );
  }

  async revisions(proposalId: string): Promise<ProposalRevision[]> {
    const rows = await preparedQuery(
      this.manager,
      `SELECT r.revision, r.content, r.content_hash, r.author_id, u.username AS author, r.note, r.created_at
         FROM change_proposal_revision r JOIN app_user u ON u.id = r.author_id
        WHERE r.proposal_id = $1 ORDER BY r.revision`,
      [proposalId],
    );
    return rows.map(
      (r: {
        revision: number;
        content: RequirementContent | null;
        content_hash: string | null;
        author_id: string;
        author: string;
        note: string | null;
        created_at: Date;
      }) => ({
        revision: r.revision,
        content: r.content,
        contentHash: r.content_hash,
        authorId: r.author_id,
        author: r.author,
        note: r.note,
        createdAt: isoOrNull(r.created_at)!,
      }),
    );
  }

  /** A member's new vote replaces their earlier one on the same proposal (one statement: the old one is cleared first). */
  async castVote(proposalId: string, voterId: string, decision: VoteDecision, comment: string | null, revision: number): Promise<void> {
    await preparedQuery(
      this.manager,
      `WITH cleared AS (
         UPDATE proposal_vote SET cleared_at = now(), cleared_reason = 'replaced' WHERE proposal_id = $1 AND voter_id = $2 AND cleared_at IS NULL RETURNING id
       )
       INSERT INTO proposal_vote (proposal_id, voter_id, decision, comment, revision)
       SELECT $1, $2, $3, $4, $5 FROM (SELECT count(*) FROM cleared) AS replaced`,
      [proposalId, voterId, decision, comment, revision],
    );
  }

  /** Clears every active vote (kept, with the reason); returns how many. */
  async clearVotes(proposalId: string, reason: string): Promise<number> {
    const rows = await preparedQuery(
      this.manager,
      `UPDATE proposal_vote SET cleared_at = now(), cleared_reason = $2 WHERE proposal_id = $1 AND cleared_at IS NULL RETURNING id`,
      [proposalId, reason],
    );
    return rows.length;
  }

  async list(f: ProposalFilter): Promise<Page<ProposalRecord>> {
    const filter = new SqlFilter()
      .always(`(p.state <> 'draft' OR p.proposer_id = ?)`, f.viewerId)
      .when(f.state, 'p.state = ?')
      .when(f.kind, 'p.kind = ?')
      .when(f.requirementKey, 'p.requirement_key = ?')
      .when(f.changeType, 'p.change_type = ?')
      .when(f.open ? OPEN_STATES : undefined, 'p.state = ANY (?)')
      .when(f.mine ? f.viewerId : undefined, 'p.proposer_id = ?');
    if (f.awaitingVoteOf)
      filter.always(
        `p.state IN ('in_review', 'approved') AND p.proposer_id <> ?
         AND NOT EXISTS (SELECT 1 FROM change_proposal_revision r WHERE r.proposal_id = p.id AND r.author_id = ?)
         AND NOT EXISTS (SELECT 1 FROM proposal_vote v WHERE v.proposal_id = p.id AND v.voter_id = ? AND v.cleared_at IS NULL)`,
        f.viewerId,
        f.viewerId,
        f.viewerId,
      );
    const [{ n }] = await preparedQuery(this.manager, `SELECT count(*) AS n FROM change_proposal p ${filter.sql}`, filter.params);
    const rows = await preparedQuery(
      this.manager,
      `SELECT ${P_COLUMNS} FROM change_proposal p ${filter.sql} ORDER BY p.number DESC LIMIT ${filter.param(f.limit)} OFFSET ${filter.param((f.page - 1) * f.limit)}`,
      filter.params,
    );
    return { items: rows.map(toRecord), total: Number(n), page: f.page, limit: f.limit };
  }

  async addComment(proposalId: string, authorId: string, text: string): Promise<{ id: string; createdAt: string }> {
    const [row] = await preparedQuery(
      this.manager,
      `INSERT INTO proposal_comment (proposal_id, author_id, text) VALUES ($1, $2, $3) RETURNING id, created_at`,
      [proposalId, authorId, text],
    );
    return { id: row.id, createdAt: isoOrNull(row.created_at)! };
  }

  async comments(proposalId: string, page: number, limit: number): Promise<Page<ProposalComment>> {
    const [{ n }] = await preparedQuery(this.manager, `SELECT count(*) AS n FROM proposal_comment WHERE proposal_id = $1`, [proposalId]);
    const rows = await preparedQuery(
      this.manager,
      `SELECT c.id, u.username AS author, u.display_name, o.name AS organisation, c.text, c.created_at
         FROM proposal_comment c JOIN app_user u ON u.id = c.author_id JOIN organisation o ON o.id = u.organisation_id
        WHERE c.proposal_id = $1 ORDER BY c.created_at, c.id LIMIT $2 OFFSET $3`,
      [proposalId, limit, (page - 1) * limit],
    );
    return {
      items: rows.map((r: { id: string; author: string; display_name: string; organisation: string; text: string; created_at: Date }) => ({
        id: r.id,
        author: r.author,
        authorName: r.display_name,
        organisation: r.organisation,
        text: r.text,
        createdAt: isoOrNull(r.created_at)!,
      })),
      total: Number(n),
      page,
      limit,
    };
  }

  /**
   * What a proposal's view needs besides its row, for any number of proposals in one round
   * trip: the active votes, who wrote revisions of the content, and the people to name.
   */
  async contexts(proposals: ProposalRecord[]): Promise<Map<string, ProposalContext>> {
    if (!proposals.length) return new Map();
    // One proposal (every change and every single view) has a statement of its own: PostgreSQL
    // plans the array form anew each time, as it cannot know the array's length in advance.
    const source =
      proposals.length === 1
        ? `(VALUES ($1::uuid, $2::uuid, $3::uuid)) AS i (id, proposer_id, published_by)`
        : `unnest($1::uuid[], $2::uuid[], $3::uuid[]) AS i (id, proposer_id, published_by)`;
    const params =
      proposals.length === 1
        ? [proposals[0].id, proposals[0].proposerId, proposals[0].publishedBy]
        : [proposals.map((p) => p.id), proposals.map((p) => p.proposerId), proposals.map((p) => p.publishedBy)];
    const rows: Array<{
      id: string;
      votes: Array<Omit<VoteRecord, 'createdAt'> & { createdAt: string }>;
      authors: string[];
      people: Person[] | null;
    }> = await preparedQuery(
      this.manager,
      `SELECT i.id, vv.votes, aa.authors, pp.people
         FROM ${source}
         CROSS JOIN LATERAL (
           SELECT COALESCE(json_agg(json_build_object('voterId', v.voter_id, 'voter', u.username, 'decision', v.decision, 'comment', v.comment,
                                                      'revision', v.revision, 'createdAt', v.created_at) ORDER BY v.created_at, v.id), '[]') AS votes
             FROM proposal_vote v JOIN app_user u ON u.id = v.voter_id
            WHERE v.proposal_id = i.id AND v.cleared_at IS NULL) vv
         CROSS JOIN LATERAL (
           SELECT COALESCE(array_agg(r.author_id ORDER BY r.first), '{}') AS authors
             FROM (SELECT author_id, min(revision) AS first FROM change_proposal_revision WHERE proposal_id = i.id GROUP BY author_id) r) aa
         CROSS JOIN LATERAL (
           SELECT json_agg(json_build_object('id', u.id, 'username', u.username, 'displayName', u.display_name, 'organisation', o.name)) AS people
             FROM app_user u JOIN organisation o ON o.id = u.organisation_id
            WHERE u.id = ANY (aa.authors || i.proposer_id || i.published_by)) pp`,
      params,
    );
    return new Map(
      rows.map((r) => [
        r.id,
        {
          votes: r.votes.map((v) => ({ ...v, createdAt: isoOrNull(new Date(v.createdAt))! })),
          authorIds: r.authors,
          people: new Map((r.people ?? []).map((person) => [person.id, person])),
        },
      ]),
    );
  }
}
