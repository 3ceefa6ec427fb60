import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { parseCookie } from 'cookie';
import { DomainError } from '@kravbank/common';
import { PUBLIC_ROUTE, REQUIRED_ROLES } from './decorators.js';
import { PrincipalCache } from './principal-cache.js';
import { hasRole, type Principal, type Role } from './model.js';
import { CSRF_HEADER, csrfMatches, sameOrigin, SESSION_COOKIE, SessionVerifier, sessionRequired, type SessionRecord } from './sessions.js';
import { TokenVerifier } from './tokens.js';

interface GuardedRequest {
  method: string;
  headers: Record<string, string | undefined>;
  host?: string;
  user?: Principal;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The one authentication gate, registered globally: every route needs a valid bearer
 * token or browser session unless marked @Public(); @Roles() then narrows who may call it.
 * A browser session changes state only with its CSRF token in X-CSRF-Token and an Origin of this host.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenVerifier,
    private readonly sessions: SessionVerifier,
    private readonly users: PrincipalCache,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    const isPublic = this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets);
    const req = ctx.switchToHttp().getRequest<GuardedRequest>();
    const header = req.headers.authorization;
    const cookie = header ? undefined : sessionCookieOf(req);
    if (!header && !cookie) {
      if (isPublic) return true;
      throw new DomainError(
        'unauthenticated',
        'unauthenticated',
        'Log in first: send "Authorization: Bearer <token>" from POST /api/auth/login.',
      );
    }
    const subject = header ? await this.bearerSubject(header) : await this.sessionSubject(req, cookie!, isPublic);
    if (subject === undefined) return true; // a public route, reached with a session that has ended
    const user = subject ? await this.users.get(subject) : null;
    if (!user || !user.active) {
      if (!header) throw sessionRequired();
      throw new DomainError('unauthenticated', 'invalid_token', 'The access token is invalid or has expired: log in again.');
    }
    const { passwordHash: _p, active: _a, ...principal } = user;
    req.user = principal;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets);
    if (roles?.length && !hasRole(principal, ...roles)) {
      throw new DomainError('forbidden', 'forbidden', `This needs the role ${roles.join(' or ')}.`);
    }
    return true;
  }

  private async bearerSubject(header: string): Promise<string | null> {
    const match = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/.exec(header);
    const verified = match ? await this.tokens.verify(match[1]) : null;
    return verified?.subject ?? null;
  }

  /** The session's user; undefined on a public route when the session has ended (the caller is then anonymous). */
  private async sessionSubject(req: GuardedRequest, cookie: string, isPublic: boolean): Promise<string | undefined> {
    const session = await this.sessions.verify(cookie);
    if (!session) {
      if (isPublic) return undefined;
      throw sessionRequired();
    }
    if (!SAFE_METHODS.has(req.method.toUpperCase()) && !trustedChange(req, session)) {
      if (isPublic) return undefined;
      throw new DomainError(
        'forbidden',
        'csrf_refused',
        "A browser session changes data only from Kravbank's own pages (X-CSRF-Token and Origin).",
      );
    }
    return session.userId;
  }
}

function trustedChange(req: GuardedRequest, session: SessionRecord): boolean {
  return sameOrigin(req.headers.origin, req.host ?? req.headers.host) && csrfMatches(session, req.headers[CSRF_HEADER]);
}

function sessionCookieOf(req: GuardedRequest): string | undefined {
  const raw = req.headers.cookie;
  return raw ? parseCookie(raw)[SESSION_COOKIE] || undefined : undefined;
}
