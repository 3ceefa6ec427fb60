import type { Request, Response } from 'express';
import { parseCookie } from 'cookie';
import { SESSION_COOKIE, type StartedSession } from '@kravbank/identity';

/** Behind TLS (TRUST_PROXY=true) the session cookie is sent only over HTTPS. */
const options = (secure: boolean) => ({ httpOnly: true, sameSite: 'lax' as const, secure, path: '/' });

/** Sets the session cookie (it lives until the session's absolute deadline) and returns what the browser may see. */
export function setSessionCookie(res: Response, started: StartedSession, secure: boolean) {
  res.cookie(SESSION_COOKIE, started.token, { ...options(secure), expires: started.expiresAt });
  res.setHeader('Cache-Control', 'no-store');
  return { user: started.user, csrfToken: started.csrfToken, expiresAt: started.expiresAt.toISOString() };
}

export function clearSessionCookie(res: Response, secure: boolean): void {
  res.clearCookie(SESSION_COOKIE, options(secure));
}

export function sessionCookieOf(req: Request): string | undefined {
  const raw = req.headers.cookie;
  return raw ? parseCookie(raw)[SESSION_COOKIE] || undefined : undefined;
}
