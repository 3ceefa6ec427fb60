import createClient, { type Middleware } from 'openapi-fetch';
import { connection } from '../connection';
import type { paths } from './schema';
import type { Problem } from './types';

/** An answer other than 2xx, with its problem+json body (or a made-up one for a lost connection). */
export class ApiError extends Error {
  constructor(readonly problem: Problem & { status: number }) {
    super(problem.detail ?? problem.title ?? `HTTP ${problem.status}`);
    this.name = 'ApiError';
  }
  get status(): number {
    return this.problem.status;
  }
}

let csrfToken: string | null = null;
/** The session's CSRF token, sent back in X-CSRF-Token on every state change. Kept in memory only. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

let unauthorized: () => void = () => undefined;
/** What to do when the service says the session has ended (the app sends the user to the login page). */
export function onUnauthorized(handler: () => void): void {
  unauthorized = handler;
}

/** Routes where 401 is an answer, not an ended session: reading, starting and ending the session itself. */
const QUIET_401 = new Set<string>(['/api/auth/session']);
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * What every request needs: the CSRF header on state changes, the connection banner kept up to date
 * (network loss and 502/503/504 raise it, any other answer lowers it), and 401 ends the session.
 */
export const sessionMiddleware: Middleware = {
  onRequest({ request }) {
    if (!SAFE.has(request.method) && csrfToken) request.headers.set('X-CSRF-Token', csrfToken);
    return request;
  },
  onResponse({ response, schemaPath }) {
    if (response.status === 502 || response.status === 503 || response.status === 504) connection.lost();
    else connection.ok();
    if (response.status === 401 && !QUIET_401.has(schemaPath)) unauthorized();
    return response;
  },
  onError({ error }) {
    if (error instanceof Error && error.name === 'AbortError') return error;
    connection.lost();
    return new ApiError({ status: 0, title: 'Ingen forbindelse', detail: 'Kravbanken svarer ikke. Tjek din forbindelse.' });
  },
};

/** The one client of the service, typed from its OpenAPI document (schema.d.ts, `npm run api:generate`). */
export const client = createClient<paths>({ credentials: 'same-origin' });
client.use(sessionMiddleware);

/** The success body of a call, or an ApiError with the problem+json body. */
export async function data<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data: body, error, response } = await call;
  if (response.ok) return body as T;
  const problem = error && typeof error === 'object' ? (error as Problem) : {};
  throw new ApiError({ ...problem, status: response.status });
}

/** The file name the service gives in Content-Disposition (RFC 6266 `filename*` first), or a fallback. */
export function fileNameOf(response: Response, fallback: string): string {
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  const plain = /filename="([^"]+)"/i.exec(disposition);
  return star ? decodeURIComponent(star[1]) : (plain?.[1] ?? fallback);
}

/** Hands a downloaded body to the browser as a file. */
export function saveFile(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Hands a file the service answered (asked with `parseAs: 'blob'`) to the browser under the name the service gives; returns that name. */
export async function downloadFile(call: Promise<{ data?: Blob; error?: unknown; response: Response }>, fallback: string): Promise<string> {
  const { response } = await call;
  const name = fileNameOf(response, fallback);
  saveFile(await data(call), name);
  return name;
}
