import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Failed logins per username and per client address, kept in the database so that a lockout
 * holds across instances and restarts. A row is the count of recent failures and, once that
 * passes the limit, the time the lockout ends.
 */
export class LoginThrottle1763900000009 implements MigrationInterface {
  name = 'LoginThrottle1763900000009';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE login_throttle (
      scope text NOT NULL CHECK (scope IN ('user', 'address')),
      subject text NOT NULL,
      failures integer NOT NULL CHECK (failures >= 0),
      last_failure_at timestamptz NOT NULL,
      locked_until timestamptz,
      PRIMARY KEY (scope, subject)
    )`);
    await q.query(`CREATE INDEX login_throttle_last_failure_idx ON login_throttle (last_failure_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE login_throttle`);
  }
}
