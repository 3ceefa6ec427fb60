import { MigrationInterface, QueryRunner } from 'typeorm';

/** Categories, legal sources, requirements with immutable versions, and the outbox. */
export class CatalogueSchema1763900000000 implements MigrationInterface {
  name = 'CatalogueSchema1763900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE category (
      id text PRIMARY KEY,
      prefix text NOT NULL CONSTRAINT category_prefix_key UNIQUE CHECK (prefix ~ '^[A-Z]{2,5}$'),
      title text NOT NULL,
      position int NOT NULL
    )`);
    await q.query(`INSERT INTO category (id, prefix, title, position) VALUES
      ('framework-architecture', 'RAM', 'Rammearkitektur', 1),
      ('security', 'SIK', 'Informationssikkerhed', 2),
      ('archive', 'ARK', 'Arkivering', 3)`);

    await q.query(`CREATE TABLE legal_source (
      id text PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9-]{0,63}$'),
      title text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('act', 'executive-order', 'standard', 'principle', 'guideline', 'judgment')),
      issuer text NOT NULL,
      url text NOT NULL,
      version text NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);

    await q.query(`CREATE TABLE requirement (
      key text PRIMARY KEY CHECK (key ~ '^[A-Z]{2,5}-[0-9]{3,6}$'),
      category text NOT NULL REFERENCES category (id),
      number int NOT NULL CHECK (number > 0),
      status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'retired')),
      current_version int NOT NULL CHECK (current_version >= 1),
      -- The current version's tags and level, kept here so that filtering needs no join.
      tags text[] NOT NULL DEFAULT '{}',
      level smallint NOT NULL CHECK (level BETWEEN 1 AND 3),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      retired_at timestamptz,
      CHECK ((status = 'retired') = (retired_at IS NOT NULL))
    )`);
    await q.query(`CREATE INDEX requirement_category_number_idx ON requirement (category, number)`);
    await q.query(`CREATE INDEX requirement_tags_idx ON requirement USING gin (tags)`);
    await q.query(`CREATE INDEX requirement_category_level_number_idx ON requirement (category, level, number)`);

    await q.query(`CREATE TABLE requirement_version (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      requirement_key text NOT NULL REFERENCES requirement (key),
      version int NOT NULL CHECK (version >= 1),
      title text NOT NULL CHECK (title ~ '\\S'),
      statement text NOT NULL CHECK (statement ~ '\\S'),
      rationale text NOT NULL,
      guidance text NOT NULL,
      verification text NOT NULL,
      level smallint NOT NULL CHECK (level BETWEEN 1 AND 3),
      obligation text NOT NULL CHECK (obligation IN ('minimum', 'evaluated')),
      tags text[] NOT NULL DEFAULT '{}',
      content_hash char(64) NOT NULL,
      origin text NOT NULL CHECK (origin IN ('seed', 'proposal')),
      proposal_id uuid,
      change_summary text,
      published_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT requirement_version_key_version_key UNIQUE (requirement_key, version)
    )`);
    await q.query(`ALTER TABLE requirement ADD CONSTRAINT requirement_current_version_fkey
      FOREIGN KEY (key, current_version) REFERENCES requirement_version (requirement_key, version) DEFERRABLE INITIALLY DEFERRED`);

    await q.query(`CREATE TABLE requirement_version_source (
      version_id uuid NOT NULL REFERENCES requirement_version (id),
      position smallint NOT NULL,
      legal_source_id text NOT NULL REFERENCES legal_source (id),
      section text,
      PRIMARY KEY (version_id, position)
    )`);
    await q.query(`CREATE INDEX requirement_version_source_legal_source_idx ON requirement_version_source (legal_source_id, version_id)`);

    // A published version is never changed: no UPDATE or DELETE reaches these tables.
    await q.query(`CREATE FUNCTION kravbank_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'rows of % are immutable', TG_TABLE_NAME USING ERRCODE = 'integrity_constraint_violation';
      END $$`);
    await q.query(`CREATE TRIGGER requirement_version_immutable BEFORE UPDATE OR DELETE ON requirement_version
      FOR EACH ROW EXECUTE FUNCTION kravbank_refuse_change()`);
    await q.query(`CREATE TRIGGER requirement_version_source_immutable BEFORE UPDATE OR DELETE ON requirement_version_source
      FOR EACH ROW EXECUTE FUNCTION kravbank_refuse_change()`);

    // Selection profiles: named starting points for a specification.
    await q.query(`CREATE TABLE profile (
      id text PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9-]{0,63}$'),
      title text NOT NULL,
      description text NOT NULL,
      position int NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE TABLE profile_item (
      profile_id text NOT NULL REFERENCES profile (id) ON DELETE CASCADE,
      position int NOT NULL,
      requirement_key text NOT NULL REFERENCES requirement (key),
      obligation text NOT NULL CHECK (obligation IN ('minimum', 'evaluated')),
      PRIMARY KEY (profile_id, position),
      CONSTRAINT profile_item_profile_key_key UNIQUE (profile_id, requirement_key)
    )`);

    // Events written in the same transaction as the change they announce (transactional outbox).
    await q.query(`CREATE TABLE outbox_event (
      id bigserial PRIMARY KEY,
      topic text NOT NULL,
      aggregate_key text NOT NULL,
      payload jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      available_at timestamptz NOT NULL DEFAULT now(),
      attempts int NOT NULL DEFAULT 0,
      delivered_at timestamptz,
      last_error text
    )`);
    await q.query(`CREATE INDEX outbox_event_pending_idx ON outbox_event (available_at, id) WHERE delivered_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE outbox_event`);
    await q.query(`DROP TABLE profile_item`);
    await q.query(`DROP TABLE profile`);
    await q.query(`DROP TABLE requirement_version_source`);
    await q.query(`ALTER TABLE requirement DROP CONSTRAINT requirement_current_version_fkey`);
    await q.query(`DROP TABLE requirement_version`);
    await q.query(`DROP TABLE requirement`);
    await q.query(`DROP FUNCTION kravbank_refuse_change()`);
    await q.query(`DROP TABLE legal_source`);
    await q.query(`DROP TABLE category`);
  }
}
