import type { EntityManager } from 'typeorm';
import { isoOrNull } from '@kravbank/common';
import type { Conformity, ImportReport, OfferDetailView, OfferView } from './model.js';

interface OfferRow {
  id: string;
  specification_id: string;
  bidder_name: string;
  cvr: string;
  created_at: Date;
  created_by_name: string;
  file_name: string | null;
  file_format: 'xlsx' | 'docx' | null;
  file_sha256: string | null;
  file_size: number | null;
  imported_at: Date | null;
  imported_by_name: string | null;
  conformity: Conformity | null;
  summary: ImportReport['summary'] | null;
  score_count: number;
  report?: ImportReport | null;
}

export interface StoredScore {
  offerId: string;
  itemId: string;
  evaluatorId: string;
  evaluatorName: string;
  points: number;
  reason: string;
  updatedAt: string;
}

export interface StoredConsensus {
  offerId: string;
  itemId: string;
  points: number;
  reason: string;
  setBy: string;
  setAt: string;
}

const SELECT_OFFER = (withReport: boolean) => `
  SELECT o.id, o.specification_id, o.bidder_name, o.cvr, o.created_at, cu.username AS created_by_name,
         o.file_name, o.file_format, o.file_sha256, o.file_size, o.imported_at, iu.username AS imported_by_name,
         o.conformity, o.summary${withReport ? ', o.report' : ''},
         ((SELECT count(*) FROM offer_score s WHERE s.offer_id = o.id) + (SELECT count(*) FROM offer_consensus c WHERE c.offer_id = o.id))::int AS score_count
    FROM offer o
    JOIN app_user cu ON cu.id = o.created_by
    LEFT JOIN app_user iu ON iu.id = o.imported_by`;

function toView(r: OfferRow): OfferView {
  return {
    id: r.id,
    specificationId: r.specification_id,
    bidderName: r.bidder_name,
    cvr: r.cvr,
    createdAt: isoOrNull(r.created_at)!,
    createdBy: r.created_by_name,
    file:
      r.file_name && r.file_format && r.imported_at
        ? {
            name: r.file_name,
            format: r.file_format,
            sha256: r.file_sha256 ?? '',
            size: r.file_size ?? 0,
            importedAt: isoOrNull(r.imported_at)!,
            importedBy: r.imported_by_name ?? '',
          }
        : null,
    conformity: r.conformity,
    summary: r.summary,
    scoreCount: r.score_count,
  };
}

/**
 * Every statement on the offer tables. The specification's organisation is checked by the
 * service (through the specifications service) before any of these run; each statement is
 * scoped by the specification id as well.
 */
export class OfferStore {
  constructor(private readonly manager: EntityManager) {}

  within(manager: EntityManager): OfferStore {
    return new OfferStore(manager);
  }

  async insert(o: { specificationId: string; bidderName: string; cvr: string; userId: string }): Promise<string> {
    const rows: Array<{ id: string }> = await this.manager.query(
      `INSERT INTO offer (specification_id, bidder_name, cvr, created_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT (specification_id, cvr) DO NOTHING RETURNING id`,
      [o.specificationId, o.bidderName, o.cvr, o.userId],
    );
    return rows[0]?.id ?? '';
  }

  async list(specificationId: string, page: number, limit: number): Promise<{ items: OfferView[]; total: number }> {
    const rows: OfferRow[] = await this.manager.query(
      `${SELECT_OFFER(false)} WHERE o.specification_id = $1 ORDER BY o.created_at, o.id LIMIT $2 OFFSET $3`,
      [specificationId, limit, (page - 1) * limit],
    );
    return { items: rows.map(toView), total: await this.count(specificationId) };
  }

  /** Every offer of the specification (at most `cap`), oldest first. */
  async all(specificationId: string, cap: number): Promise<OfferView[]> {
    const rows: OfferRow[] = await this.manager.query(
      `${SELECT_OFFER(false)} WHERE o.specification_id = $1 ORDER BY o.created_at, o.id LIMIT $2`,
      [specificationId, cap],
    );
    return rows.map(toView);
  }

  async count(specificationId: string): Promise<number> {
    return (await this.manager.query(`SELECT count(*)::int AS n FROM offer WHERE specification_id = $1`, [specificationId]))[0].n;
  }

  async find(specificationId: string, offerId: string): Promise<OfferDetailView | null> {
    const rows: OfferRow[] = await this.manager.query(`${SELECT_OFFER(true)} WHERE o.specification_id = $1 AND o.id = $2`, [
      specificationId,
      offerId,
    ]);
    return rows[0] ? { ...toView(rows[0]), report: rows[0].report ?? null } : null;
  }

  /** Locks the offer's row until the transaction ends; returns how many scores it has. */
  async lock(specificationId: string, offerId: string): Promise<{ scoreCount: number; imported: boolean } | null> {
    const rows: Array<{ imported: boolean }> = await this.manager.query(
      `SELECT imported_at IS NOT NULL AS imported FROM offer WHERE specification_id = $1 AND id = $2 FOR UPDATE`,
      [specificationId, offerId],
    );
    if (!rows[0]) return null;
    const n: Array<{ n: number }> = await this.manager.query(
      `SELECT ((SELECT count(*) FROM offer_score WHERE offer_id = $1) + (SELECT count(*) FROM offer_consensus WHERE offer_id = $1))::int AS n`,
      [offerId],
    );
    return { scoreCount: n[0].n, imported: rows[0].imported };
  }

  async delete(offerId: string): Promise<void> {
    await this.manager.query(`DELETE FROM offer WHERE id = $1`, [offerId]);
  }

  async saveImport(
    offerId: string,
    f: { name: string; format: 'xlsx' | 'docx'; sha256: string; size: number; userId: string; report: ImportReport },
  ): Promise<void> {
    await this.manager.query(
      `UPDATE offer SET file_name = $2, file_format = $3, file_sha256 = $4, file_size = $5, imported_by = $6, imported_at = now(),
              conformity = $7, summary = $8, report = $9 WHERE id = $1`,
      [
        offerId,
        f.name,
        f.format,
        f.sha256,
        f.size,
        f.userId,
        f.report.conformity,
        JSON.stringify(f.report.summary),
        JSON.stringify(f.report),
      ],
    );
  }

  // ---- scores ---------------------------------------------------------------------------------

  async scores(specificationId: string, itemIds: string[]): Promise<StoredScore[]> {
    return this.manager.query(
      `SELECT s.offer_id AS "offerId", s.item_id AS "itemId", s.evaluator_id AS "evaluatorId", u.username AS "evaluatorName",
              s.points::float8 AS points, s.reason, to_char(s.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "updatedAt"
         FROM offer_score s JOIN offer o ON o.id = s.offer_id JOIN app_user u ON u.id = s.evaluator_id
        WHERE o.specification_id = $1 AND s.item_id = ANY($2::uuid[])
        ORDER BY s.offer_id, s.item_id, u.username`,
      [specificationId, itemIds],
    );
  }

  async consensus(specificationId: string, itemIds: string[] | null): Promise<StoredConsensus[]> {
    return this.manager.query(
      `SELECT c.offer_id AS "offerId", c.item_id AS "itemId", c.points::float8 AS points, c.reason, u.username AS "setBy",
              to_char(c.set_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "setAt"
         FROM offer_consensus c JOIN offer o ON o.id = c.offer_id JOIN app_user u ON u.id = c.set_by
        WHERE o.specification_id = $1 AND ($2::uuid[] IS NULL OR c.item_id = ANY($2::uuid[]))`,
      [specificationId, itemIds],
    );
  }

  /** Sets the evaluator's points; returns the points and reason it had before (null when new). */
  async setScore(
    offerId: string,
    itemId: string,
    evaluatorId: string,
    points: number,
    reason: string,
  ): Promise<{ points: number; reason: string } | null> {
    const before: Array<{ points: number; reason: string }> = await this.manager.query(
      `SELECT points::float8 AS points, reason FROM offer_score WHERE offer_id = $1 AND item_id = $2 AND evaluator_id = $3 FOR UPDATE`,
      [offerId, itemId, evaluatorId],
    );
    await this.manager.query(
      `INSERT INTO offer_score (offer_id, item_id, evaluator_id, points, reason) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (offer_id, item_id, evaluator_id) DO UPDATE SET points = EXCLUDED.points, reason = EXCLUDED.reason, updated_at = now()`,
      [offerId, itemId, evaluatorId, points, reason],
    );
    return before[0] ?? null;
  }

  async setConsensus(
    offerId: string,
    itemId: string,
    userId: string,
    points: number,
    reason: string,
  ): Promise<{ points: number; reason: string } | null> {
    const before: Array<{ points: number; reason: string }> = await this.manager.query(
      `SELECT points::float8 AS points, reason FROM offer_consensus WHERE offer_id = $1 AND item_id = $2 FOR UPDATE`,
      [offerId, itemId],
    );
    await this.manager.query(
      `INSERT INTO offer_consensus (offer_id, item_id, points, reason, set_by) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (offer_id, item_id) DO UPDATE SET points = EXCLUDED.points, reason = EXCLUDED.reason, set_by = EXCLUDED.set_by, set_at = now()`,
      [offerId, itemId, points, reason, userId],
    );
    return before[0] ?? null;
  }
}
