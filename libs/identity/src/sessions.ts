import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig, DomainError } from '@kravbank/common';
import { preparedQuery } from '@kravbank/database';
import { AuthService, LoginDto, type LoginClient } from './auth.service.js';
import type { UserRecord } from './identity.repository.js';
import type { Principal } from './model.js';

/** The cookie that carries a browser session; httpOnly, SameSite=Lax, Secure behind TLS. */
export const SESSION_COOKIE = 'kravbank_session';
/** The header a browser sends back with the CSRF token it got at login, on every state change. */
export const CSRF_HEADER = 'x-csrf-token';

export interface SessionRecord {
  userId: string;
  csrfToken: string;
}

/** A session started by an organisation's provider remembers which, and the ID token (the hint for RP-initiated logout). */
export interface ProviderSession {
  organisationCvr: string;
  idToken: string;
}

/** Browser sessions in PostgreSQL, by the SHA-256 of the cookie's value. Injected by this abstract class. */
export abstract class SessionStore {
  abstract create(tokenHash: Buffer, userId: string, csrfToken: string, absoluteHours: number, provider?: ProviderSession): Promise<Date>;
  /** The live session, its idle clock restarted; null when unknown, revoked, idle too long or past its deadline. */
  abstract touch(tokenHash: Buffer, idleMinutes: number): Promise<SessionRecord | null>;
  /** Revokes the session; returns the provider it came from, if any. */
  abstract revoke(tokenHash: Buffer): Promise<ProviderSession | null>;
}

@Injectable()
export class PgSessionStore extends SessionStore {
  constructor(@InjectDataSource() private readonly db: DataSource) {
    super();
  }

  async create(tokenHash: Buffer, userId: string, csrfToken: string, absoluteHours: number, provider?: ProviderSession): Promise<Date> {
    // Sessions long past their deadline are removed as new ones start: the table stays small.
    await preparedQuery(this.db, `DELETE FROM browser_session WHERE expires_at < now() - interval '1 day'`);
    const [row] = await preparedQuery<{ expires_at: Date }>(
      this.db,
      `INSERT INTO browser_session (token_hash, user_id, csrf_token, expires_at, organisation_cvr, id_token)
       VALUES ($1, $2, $3, now() + make_interval(hours => $4), $5, $6) RETURNING expires_at`,
      [tokenHash, userId, csrfToken, absoluteHours, provider?.organisationCvr ?? null, provider?.idToken ?? null],
    );
    return row.expires_at;
  }

  async touch(tokenHash: Buffer, idleMinutes: number): Promise<SessionRecord | null> {
    const [row] = await preparedQuery<{ user_id: string; csrf_token: string }>(
      this.db,
      `UPDATE browser_session SET last_seen_at = now()
        WHERE token_hash = $1 AND revoked_at IS NULL AND expires_at > now()
          AND last_seen_at > now() - make_interval(mins => $2)
        RETURNING user_id, csrf_token`,
      [tokenHash, idleMinutes],
    );
    return row ? { userId: row.user_id, csrfToken: row.csrf_token } : null;
  }

  async revoke(tokenHash: Buffer): Promise<ProviderSession | null> {
    const [row] = await preparedQuery<{ organisation_cvr: string | null; id_token: string | null }>(
      this.db,
      `UPDATE browser_session SET revoked_at = now(), id_token = NULL WHERE token_hash = $1 AND revoked_at IS NULL
       RETURNING organisation_cvr, (SELECT id_token FROM browser_session WHERE token_hash = $1) AS id_token`,
      [tokenHash],
    );
    return row?.organisation_cvr && row.id_token ? { organisationCvr: row.organisation_cvr, idToken: row.id_token } : null;
  }
}

/** Finds the user behind a session cookie: the guard depends on this port beside the TokenVerifier. */
export abstract class SessionVerifier {
  abstract verify(token: string): Promise<SessionRecord | null>;
}

export interface StartedSession {
  token: string;
  csrfToken: string;
  expiresAt: Date;
  user: Principal;
}

const hashOf = (token: string): Buffer => createHash('sha256').update(token).digest();
const SESSION_TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** Starts, checks and ends browser sessions. The password check is AuthService's, as for bearer tokens. */
@Injectable()
export class BrowserSessions extends SessionVerifier {
  constructor(
    private readonly auth: AuthService,
    private readonly store: SessionStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  async start(dto: LoginDto, client: LoginClient = {}): Promise<StartedSession> {
    return this.startFor(await this.auth.verifyCredentials(dto, client));
  }

  /** A session for a user already authenticated (by password above, or by the organisation's provider). */
  async startFor(user: UserRecord, provider?: ProviderSession): Promise<StartedSession> {
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(32).toString('base64url');
    const expiresAt = await this.store.create(hashOf(token), user.id, csrfToken, this.config.sessionAbsoluteHours, provider);
    const { passwordHash: _p, active: _a, ...principal } = user;
    return { token, csrfToken, expiresAt, user: principal };
  }

  async verify(token: string): Promise<SessionRecord | null> {
    if (!SESSION_TOKEN.test(token)) return null;
    return this.store.touch(hashOf(token), this.config.sessionIdleMinutes);
  }

  /** The current session's user and CSRF token (the guard has checked the cookie already). */
  async describe(user: Principal, token: string | undefined): Promise<{ user: Principal; csrfToken: string }> {
    const session = token ? await this.verify(token) : null;
    if (!session || session.userId !== user.id) throw sessionRequired();
    return { user, csrfToken: session.csrfToken };
  }

  /** Ends the session; returns the provider it came from (for RP-initiated logout), if any. */
  async end(token: string | undefined): Promise<ProviderSession | null> {
    return token && SESSION_TOKEN.test(token) ? this.store.revoke(hashOf(token)) : null;
  }
}

/** True when the header holds the session's CSRF token (compared in constant time). */
export function csrfMatches(session: SessionRecord, header: string | undefined): boolean {
  if (!header) return false;
  const a = Buffer.from(session.csrfToken);
  const b = Buffer.from(header);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** A browser's state change must come from this service's own pages: its Origin names the host it was sent to. */
export function sameOrigin(origin: string | undefined, host: string | undefined): boolean {
  if (!origin || !host) return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

export const sessionRequired = (): DomainError =>
  new DomainError('unauthenticated', 'session_expired', 'The session has ended or is unknown: log in again.');
