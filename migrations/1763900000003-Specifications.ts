import { MigrationInterface, QueryRunner } from 'typeorm';

/** A municipality's requirement specifications with pinned items; a final one is frozen by the database. */
export class Specifications1763900000003 implements MigrationInterface {
  name = 'Specifications1763900000003';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE specification (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      organisation_id uuid NOT NULL REFERENCES organisation (id),
      lineage_id uuid NOT NULL,
      revision int NOT NULL DEFAULT 1 CHECK (revision >= 1),
      parent_id uuid REFERENCES specification (id),
      title text NOT NULL,
      procurement_name text NOT NULL,
      case_number text,
      description text,
      profile_id text REFERENCES profile (id) ON DELETE SET NULL,
      status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'final')),
      bank_stamp text,
      -- What a final specification exports, frozen at finalization: later edits to the bank
      -- or the legal-source register cannot change the annex a municipality published.
      final_snapshot jsonb,
      created_by uuid NOT NULL REFERENCES app_user (id),
      updated_by uuid NOT NULL REFERENCES app_user (id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      finalized_at timestamptz,
      finalized_by uuid REFERENCES app_user (id),
      CONSTRAINT specification_lineage_revision_key UNIQUE (lineage_id, revision),
      CHECK ((status = 'final') = (finalized_at IS NOT NULL AND bank_stamp IS NOT NULL AND final_snapshot IS NOT NULL))
    )`);
    await q.query(`CREATE INDEX specification_organisation_idx ON specification (organisation_id, updated_at DESC)`);

    await q.query(`CREATE TABLE specification_item (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      specification_id uuid NOT NULL REFERENCES specification (id) ON DELETE CASCADE,
      position int NOT NULL,
      section text,
      source text NOT NULL CHECK (source IN ('bank', 'local')),
      requirement_key text,
      version int,
      local_ref text,
      local_title text,
      local_statement text,
      obligation text NOT NULL CHECK (obligation IN ('minimum', 'evaluated')),
      weight int CHECK (weight BETWEEN 1 AND 1000),
      note text,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      FOREIGN KEY (requirement_key, version) REFERENCES requirement_version (requirement_key, version),
      CHECK ((source = 'bank') = (requirement_key IS NOT NULL AND version IS NOT NULL)),
      CHECK ((source = 'local') = (local_ref IS NOT NULL AND local_title IS NOT NULL AND local_statement IS NOT NULL)),
      CHECK (weight IS NULL OR obligation = 'evaluated'),
      CONSTRAINT specification_item_key_key UNIQUE (specification_id, requirement_key),
      CONSTRAINT specification_item_local_ref_key UNIQUE (specification_id, local_ref)
    )`);
    await q.query(`CREATE INDEX specification_item_order_idx ON specification_item (specification_id, position)`);

    // A final specification is what went into a tender: the database refuses to change it.
    await q.query(`CREATE FUNCTION kravbank_refuse_final_change() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        v_status text;
      BEGIN
        IF TG_TABLE_NAME = 'specification' THEN
          v_status := OLD.status;
        ELSE
          SELECT status INTO v_status FROM specification WHERE id = COALESCE(NEW.specification_id, OLD.specification_id);
        END IF;
        IF v_status = 'final' THEN
          RAISE EXCEPTION 'a final specification cannot change' USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        RETURN COALESCE(NEW, OLD);
      END $$`);
    await q.query(`CREATE TRIGGER specification_final_frozen BEFORE UPDATE OR DELETE ON specification
      FOR EACH ROW EXECUTE FUNCTION kravbank_refuse_final_change()`);
    await q.query(`CREATE TRIGGER specification_item_final_frozen BEFORE INSERT OR UPDATE OR DELETE ON specification_item
      FOR EACH ROW EXECUTE FUNCTION kravbank_refuse_final_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE specification_item`);
    await q.query(`DROP TABLE specification`);
    await q.query(`DROP FUNCTION kravbank_refuse_final_change()`);
  }
}
