import { Inject, Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig, RetryLaterError } from '@kravbank/common';
import { preparedQuery } from '@kravbank/database';

export type ThrottleScope = 'user' | 'address';

export interface LoginLockout {
  scope: ThrottleScope;
  /** The username as typed (normalised), or the client address. */
  subject: string;
  failures: number;
  lockedSeconds: number;
}

/**
 * Where lockouts are recorded (the audit trail; the application provides it, since identity
 * does not depend on the audit lib). Injected by this abstract class as its token.
 */
export abstract class LoginLockoutLog {
  abstract lockedOut(lockout: LoginLockout): Promise<void>;
}

/** Failures are counted while they come less than this apart; a quiet hour starts the count again. */
const WINDOW_SECONDS = 3600;
/** The longest lockout: the first lasts LOGIN_LOCKOUT_SECONDS, each further failure doubles it, up to this. */
const MAX_LOCK_SECONDS = 900;

/** The next failure count: one more, or 1 when the last failure is older than the window ($3). */
const NEXT = `(CASE WHEN t.last_failure_at < now() - make_interval(secs => $3) THEN 1 ELSE t.failures + 1 END)`;
/** The lock that count earns: none below the limit ($4), else base ($5) × 2^(count − limit), at most $6. */
const lockFor = (count: string) =>
  `CASE WHEN ${count} >= $4 THEN now() + make_interval(secs => least($6::float8, $5::float8 * power(2::float8, (${count} - $4)::float8))) END`;

const RECORD_FAILURE = `
  INSERT INTO login_throttle AS t (scope, subject, failures, last_failure_at, locked_until)
  VALUES ($1, $2, 1, now(), ${lockFor('1')})
  ON CONFLICT (scope, subject) DO UPDATE
     SET failures = ${NEXT}, last_failure_at = now(), locked_until = coalesce(${lockFor(NEXT)}, t.locked_until)
  RETURNING failures, ceil(extract(epoch FROM (locked_until - now())))::int AS locked_seconds`;

const LOCKED_FOR = `
  SELECT ceil(extract(epoch FROM max(locked_until) - now()))::int AS wait
    FROM login_throttle
   WHERE ((scope = 'user' AND subject = $1) OR (scope = 'address' AND subject = $2)) AND locked_until > now()`;

/**
 * Login throttling kept in PostgreSQL, so that it holds across instances and restarts. After
 * LOGIN_USER_FAILURES failures for one username, or LOGIN_ADDRESS_FAILURES from one client
 * address, further attempts are refused with 429 and Retry-After until the lockout ends; every
 * further failure doubles it. A successful login clears the username's count. Unknown usernames
 * are counted exactly like known ones, so the answers never tell whether a user exists.
 */
@Injectable()
export class LoginThrottle {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Optional() private readonly lockouts?: LoginLockoutLog,
  ) {}

  /** Refuses with 429 while the username or the address is locked out. */
  async assertAllowed(username: string, address: string | undefined): Promise<void> {
    const [row] = await preparedQuery<{ wait: number | null }>(this.db, LOCKED_FOR, [username, address ?? null]);
    const wait = row?.wait;
    if (wait && wait > 0) {
      throw new RetryLaterError(
        'too_many_requests',
        'login_throttled',
        `Too many failed logins. Try again in ${wait} second${wait === 1 ? '' : 's'}.`,
        wait,
      );
    }
  }

  /** Counts a failed attempt against the username and the address; records a lockout when one begins. */
  async failed(username: string, address: string | undefined): Promise<void> {
    const { userFailures, addressFailures } = this.config.loginThrottle;
    await Promise.all([
      this.count('user', username, userFailures),
      ...(address ? [this.count('address', address, addressFailures)] : []),
      this.sweep(),
    ]);
  }

  /** Rows whose failures are long past; removed now and then by a failed login (about one in a hundred). */
  private async sweep(): Promise<void> {
    if (Math.random() >= 0.01) return;
    await preparedQuery(
      this.db,
      `DELETE FROM login_throttle WHERE last_failure_at < now() - make_interval(secs => $1) AND (locked_until IS NULL OR locked_until < now())`,
      [WINDOW_SECONDS],
    );
  }

  /** A successful login clears the username's failures (not the address's: one good account must not unlock guessing at others). */
  async succeeded(username: string): Promise<void> {
    await preparedQuery(this.db, `DELETE FROM login_throttle WHERE scope = 'user' AND subject = $1`, [username]);
  }

  private async count(scope: ThrottleScope, subject: string, limit: number): Promise<void> {
    const base = this.config.loginThrottle.lockoutSeconds;
    const [row] = await preparedQuery<{ failures: number; locked_seconds: number | null }>(this.db, RECORD_FAILURE, [
      scope,
      subject,
      WINDOW_SECONDS,
      limit,
      base,
      MAX_LOCK_SECONDS,
    ]);
    if (row && row.failures >= limit && (row.locked_seconds ?? 0) > 0) {
      await this.lockouts?.lockedOut({ scope, subject, failures: row.failures, lockedSeconds: row.locked_seconds ?? 0 });
    }
  }
}
