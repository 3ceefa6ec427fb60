import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit chain is linked when a transaction commits, not when it appends.
 *
 * Before, kravbank_audit_append locked the chain's head row at once and held it until the
 * commit, so every audited transaction waited for the one before it to finish talking to
 * the application. Now the append only stages the entries in the transaction; a deferred
 * constraint trigger, which runs inside COMMIT, locks the head, links the staged entries
 * and moves the head. The lock is held for the commit alone, and the chain's order is the
 * order in which transactions committed.
 */
export class AuditChainAtCommit1763900000004 implements MigrationInterface {
  name = 'AuditChainAtCommit1763900000004';

  async up(q: QueryRunner): Promise<void> {
    // Rows live only inside the transaction that stages them: the commit-time trigger deletes
    // them, and a rolled-back transaction's rows are never seen. Unlogged: nothing here must
    // survive a crash, and staging costs no WAL.
    await q.query(`CREATE UNLOGGED TABLE audit_pending (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      at timestamptz NOT NULL,
      actor_id uuid,
      action text NOT NULL,
      entity_type text NOT NULL,
      entity_id text NOT NULL,
      before_hash text,
      after_hash text,
      data jsonb NOT NULL,
      body text NOT NULL
    ) WITH (autovacuum_vacuum_threshold = 500, autovacuum_vacuum_scale_factor = 0)`);

    await q.query(`DROP FUNCTION kravbank_audit_append`);
    // Stages entries, in the order given, for the commit-time trigger.
    await q.query(`CREATE FUNCTION kravbank_audit_append(
        p_at timestamptz, p_actor uuid[], p_action text[], p_entity_type text[], p_entity_id text[],
        p_before text[], p_after text[], p_data jsonb[], p_body text[])
      RETURNS void LANGUAGE sql AS $$
        INSERT INTO audit_pending (at, actor_id, action, entity_type, entity_id, before_hash, after_hash, data, body)
        SELECT p_at, a.actor, a.action, a.entity_type, a.entity_id, a.before_hash, a.after_hash, a.data, a.body
          FROM unnest(p_actor, p_action, p_entity_type, p_entity_id, p_before, p_after, p_data, p_body)
               WITH ORDINALITY AS a(actor, action, entity_type, entity_id, before_hash, after_hash, data, body, n)
         ORDER BY a.n
      $$`);

    // Links the transaction's staged entries to the chain. It fires once per staged row; the
    // first firing takes them all, the later ones find nothing. An entry's hash is SHA-256 of
    // "<body>|<seq>|<previous hash>", as before.
    await q.query(`CREATE FUNCTION kravbank_audit_link() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        v_seq bigint;
        v_prev char(64);
        v_hash char(64);
        r record;
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM audit_pending) THEN
          RETURN NULL;
        END IF;
        SELECT h.seq, h.hash INTO v_seq, v_prev FROM audit_head h FOR UPDATE;
        FOR r IN SELECT * FROM audit_pending ORDER BY id LOOP
          v_seq := v_seq + 1;
          v_hash := encode(sha256(convert_to(r.body || '|' || v_seq::text || '|' || v_prev, 'UTF8')), 'hex');
          INSERT INTO audit_entry (seq, at, actor_id, action, entity_type, entity_id, before_hash, after_hash, data, prev_hash, hash)
          VALUES (v_seq, r.at, r.actor_id, r.action, r.entity_type, r.entity_id, r.before_hash, r.after_hash, r.data, v_prev, v_hash);
          v_prev := v_hash;
        END LOOP;
        DELETE FROM audit_pending;
        UPDATE audit_head SET seq = v_seq, hash = v_prev;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE CONSTRAINT TRIGGER audit_pending_link AFTER INSERT ON audit_pending
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION kravbank_audit_link()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER audit_pending_link ON audit_pending`);
    await q.query(`DROP FUNCTION kravbank_audit_link`);
    await q.query(`DROP FUNCTION kravbank_audit_append`);
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
    await q.query(`DROP TABLE audit_pending`);
  }
}
