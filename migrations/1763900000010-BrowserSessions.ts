import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Browser sessions: the web app logs in with a cookie that names a row here. Only the SHA-256 of
 * the cookie's value is stored, so a copy of the table cannot be replayed. A session ends at its
 * idle or absolute deadline, or when it is revoked (logout).
 */
export class BrowserSessions1763900000010 implements MigrationInterface {
  name = 'BrowserSessions1763900000010';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE browser_session (
      token_hash bytea PRIMARY KEY CHECK (octet_length(token_hash) = 32),
      user_id uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
      csrf_token text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      last_seen_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      revoked_at timestamptz
    )`);
    await q.query(`CREATE INDEX browser_session_user_idx ON browser_session (user_id)`);
    await q.query(`CREATE INDEX browser_session_expires_idx ON browser_session (expires_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE browser_session`);
  }
}
