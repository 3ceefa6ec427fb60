import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Offers on a final specification: the bidder, the returned annex's import report, each
 * evaluator's points per evaluated requirement (EK) and the consensus points. Items are the
 * final snapshot's item ids (the snapshot never changes). Offers are confidential: the routes
 * audit every read.
 */
export class Offers1763900000012 implements MigrationInterface {
  name = 'Offers1763900000012';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE offer (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      specification_id uuid NOT NULL REFERENCES specification (id),
      bidder_name text NOT NULL CHECK (length(bidder_name) BETWEEN 1 AND 200),
      cvr text NOT NULL CHECK (cvr ~ '^[0-9]{8}$'),
      created_by uuid NOT NULL REFERENCES app_user (id),
      created_at timestamptz NOT NULL DEFAULT now(),
      file_name text,
      file_format text CHECK (file_format IN ('xlsx', 'docx')),
      file_sha256 text,
      file_size integer,
      imported_by uuid REFERENCES app_user (id),
      imported_at timestamptz,
      conformity text CHECK (conformity IN ('conforming', 'possibly_non_conforming')),
      summary jsonb,
      report jsonb,
      UNIQUE (specification_id, cvr),
      CHECK ((report IS NULL) = (imported_at IS NULL))
    )`);
    await q.query(`CREATE INDEX offer_specification_idx ON offer (specification_id, created_at, id)`);
    await q.query(`CREATE TABLE offer_score (
      offer_id uuid NOT NULL REFERENCES offer (id) ON DELETE CASCADE,
      item_id uuid NOT NULL,
      evaluator_id uuid NOT NULL REFERENCES app_user (id),
      points numeric(6, 2) NOT NULL,
      reason text NOT NULL CHECK (length(btrim(reason)) > 0),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (offer_id, item_id, evaluator_id)
    )`);
    await q.query(`CREATE TABLE offer_consensus (
      offer_id uuid NOT NULL REFERENCES offer (id) ON DELETE CASCADE,
      item_id uuid NOT NULL,
      points numeric(6, 2) NOT NULL,
      reason text NOT NULL CHECK (length(btrim(reason)) > 0),
      set_by uuid NOT NULL REFERENCES app_user (id),
      set_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (offer_id, item_id)
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE offer_consensus`);
    await q.query(`DROP TABLE offer_score`);
    await q.query(`DROP TABLE offer`);
  }
}
