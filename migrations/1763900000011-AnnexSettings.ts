import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The tender annex's settings per specification: the evaluation model and the front matter, each
 * a JSON object holding only the fields the procurer set (null or a missing field: the Danish
 * default), the sections the specification declares, and how a bidder answers an MK item
 * (null: from the requirement's verification).
 */
export class AnnexSettings1763900000011 implements MigrationInterface {
  name = 'AnnexSettings1763900000011';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE specification
      ADD COLUMN evaluation jsonb CHECK (evaluation IS NULL OR jsonb_typeof(evaluation) = 'object'),
      ADD COLUMN annex jsonb CHECK (annex IS NULL OR jsonb_typeof(annex) = 'object'),
      ADD COLUMN sections text[] NOT NULL DEFAULT '{}'`);
    await q.query(`ALTER TABLE specification_item
      ADD COLUMN answer_mode text CHECK (answer_mode IN ('confirm', 'describe'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE specification_item DROP COLUMN answer_mode`);
    await q.query(`ALTER TABLE specification DROP COLUMN evaluation, DROP COLUMN annex, DROP COLUMN sections`);
  }
}
