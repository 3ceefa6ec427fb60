import { MigrationInterface, QueryRunner } from 'typeorm';

/** Organisations and users, change proposals with revisions, votes and comments, and the hash-chained audit log. */
export class IdentityEditorialAudit1763900000001 implements MigrationInterface {
  name = 'IdentityEditorialAudit1763900000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE organisation (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name text NOT NULL CONSTRAINT organisation_name_key UNIQUE,
      kind text NOT NULL CHECK (kind IN ('municipality', 'secretariat')),
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE TABLE app_user (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      username text NOT NULL CONSTRAINT app_user_username_key UNIQUE CHECK (username ~ '^[a-z0-9][a-z0-9._-]{1,63}$'),
      display_name text NOT NULL,
      organisation_id uuid NOT NULL REFERENCES organisation (id),
      password_hash text NOT NULL,
      roles text[] NOT NULL CHECK (roles <@ ARRAY['procurer', 'editor', 'committee', 'admin']::text[] AND cardinality(roles) > 0),
      active boolean NOT NULL DEFAULT true,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);

    await q.query(`CREATE TABLE change_proposal (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      number serial NOT NULL CONSTRAINT change_proposal_number_key UNIQUE,
      kind text NOT NULL CHECK (kind IN ('create', 'amend', 'retire')),
      change_type text NOT NULL CHECK (change_type IN ('legal', 'technical', 'needs', 'development')),
      state text NOT NULL CHECK (state IN ('draft', 'submitted', 'in_review', 'approved', 'rejected', 'withdrawn', 'published')),
      requirement_key text REFERENCES requirement (key),
      base_version int CHECK (base_version >= 1),
      category text REFERENCES category (id),
      motivation text NOT NULL,
      triggering_legal_source_id text REFERENCES legal_source (id),
      content jsonb,
      revision int NOT NULL DEFAULT 1,
      proposer_id uuid NOT NULL REFERENCES app_user (id),
      organisation_id uuid NOT NULL REFERENCES organisation (id),
      rejection_reason text,
      published_version int,
      published_by uuid REFERENCES app_user (id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      submitted_at timestamptz,
      decided_at timestamptz,
      published_at timestamptz,
      lock_version int NOT NULL DEFAULT 1,
      CHECK ((kind = 'create') = (category IS NOT NULL)),
      CHECK (kind = 'create' OR (requirement_key IS NOT NULL AND base_version IS NOT NULL)),
      CHECK ((kind = 'retire') = (content IS NULL)),
      CHECK ((state = 'rejected') = (rejection_reason IS NOT NULL))
    )`);
    await q.query(`CREATE INDEX change_proposal_state_idx ON change_proposal (state, number)`);
    await q.query(`CREATE INDEX change_proposal_requirement_idx ON change_proposal (requirement_key)`);
    await q.query(
      `ALTER TABLE requirement_version ADD CONSTRAINT requirement_version_proposal_fkey FOREIGN KEY (proposal_id) REFERENCES change_proposal (id)`,
    );

    await q.query(`CREATE TABLE change_proposal_revision (
      proposal_id uuid NOT NULL REFERENCES change_proposal (id),
      revision int NOT NULL,
      content jsonb,
      content_hash char(64),
      author_id uuid NOT NULL REFERENCES app_user (id),
      note text,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (proposal_id, revision)
    )`);
    await q.query(`CREATE TRIGGER change_proposal_revision_immutable BEFORE UPDATE OR DELETE ON change_proposal_revision
      FOR EACH ROW EXECUTE FUNCTION kravbank_refuse_change()`);

    await q.query(`CREATE TABLE proposal_vote (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      proposal_id uuid NOT NULL REFERENCES change_proposal (id),
      voter_id uuid NOT NULL REFERENCES app_user (id),
      decision text NOT NULL CHECK (decision IN ('approve', 'reject', 'abstain')),
      comment text,
      revision int NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      cleared_at timestamptz,
      cleared_reason text
    )`);
    await q.query(`CREATE UNIQUE INDEX proposal_vote_active_key ON proposal_vote (proposal_id, voter_id) WHERE cleared_at IS NULL`);

    await q.query(`CREATE TABLE proposal_comment (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      proposal_id uuid NOT NULL REFERENCES change_proposal (id),
      author_id uuid NOT NULL REFERENCES app_user (id),
      text text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX proposal_comment_proposal_idx ON proposal_comment (proposal_id, created_at)`);

    // Append-only, hash-chained: each row carries the hash of the one before it.
    await q.query(`CREATE TABLE audit_entry (
      seq bigint PRIMARY KEY CHECK (seq >= 1),
      at timestamptz NOT NULL,
      actor_id uuid REFERENCES app_user (id),
      action text NOT NULL,
      entity_type text NOT NULL,
      entity_id text NOT NULL,
      before_hash text,
      after_hash text,
      data jsonb NOT NULL DEFAULT '{}',
      prev_hash char(64) NOT NULL,
      hash char(64) NOT NULL
    )`);
    await q.query(`CREATE INDEX audit_entry_entity_idx ON audit_entry (entity_type, entity_id, seq)`);
    await q.query(`CREATE TRIGGER audit_entry_append_only BEFORE UPDATE OR DELETE ON audit_entry
      FOR EACH ROW EXECUTE FUNCTION kravbank_refuse_change()`);
    // The head of the chain: its row lock orders the writers; its values let verification see a removed tail.
    await q.query(`CREATE TABLE audit_head (
      id boolean PRIMARY KEY DEFAULT true CHECK (id),
      seq bigint NOT NULL,
      hash char(64) NOT NULL
    )`);
    await q.query(`INSERT INTO audit_head (seq, hash) VALUES (0, repeat('0', 64))`);
    // Appends entries in one round trip: lock the head, chain the hashes, insert, move the head.
    // An entry's hash is SHA-256 of "<body>|<seq>|<previous hash>", where the body is the
    // canonical JSON the application computes over the entry's other fields.
    await q.query(`CREATE FUNCTION kravbank_audit_append(
        p_at timestamptz, p_actor uuid[], p_action text[], p_entity_type text[], p_entity_id text[],
        p_before text[], p_after text[], p_data jsonb[], p_body text[])
      RETURNS TABLE (entry_seq bigint, entry_hash char(64)) LANGUAGE plpgsql AS $$
      DECLARE
        v_seq bigint;
        v_prev char(64);
        v_hash char(64);
      BEGIN
        SELECT h.seq, h.hash INTO v_seq, v_prev FROM audit_head h FOR UPDATE;
        FOR i IN 1 .. coalesce(array_length(p_body, 1), 0) LOOP
          v_seq := v_seq + 1;
          v_hash := encode(sha256(convert_to(p_body[i] || '|' || v_seq::text || '|' || v_prev, 'UTF8')), 'hex');
          INSERT INTO audit_entry (seq, at, actor_id, action, entity_type, entity_id, before_hash, after_hash, data, prev_hash, hash)
          VALUES (v_seq, p_at, p_actor[i], p_action[i], p_entity_type[i], p_entity_id[i], p_before[i], p_after[i], p_data[i], v_prev, v_hash);
          entry_seq := v_seq;
          entry_hash := v_hash;
          RETURN NEXT;
          v_prev := v_hash;
        END LOOP;
        UPDATE audit_head SET seq = v_seq, hash = v_prev;
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION kravbank_audit_append`);
    await q.query(`DROP TABLE audit_head`);
    await q.query(`DROP TABLE audit_entry`);
    await q.query(`DROP TABLE proposal_comment`);
    await q.query(`DROP TABLE proposal_vote`);
    await q.query(`DROP TABLE change_proposal_revision`);
    await q.query(`ALTER TABLE requirement_version DROP CONSTRAINT requirement_version_proposal_fkey`);
    await q.query(`DROP TABLE change_proposal`);
    await q.query(`DROP TABLE app_user`);
    await q.query(`DROP TABLE organisation`);
  }
}
