import type { Problem } from './types';
import { connection } from '../connection';

/** An answer other than 2xx, with its problem+json body (or a made-up one for a lost connection). */
export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title ?? `HTTP ${problem.status}`);
    this.name = 'ApiError';
  }
  get status(): number {
    return this.problem.status;
  }
}

type Query = Record<string, string | number | boolean | undefined | Array<string | number>>;

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

export function urlOf(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v === undefined || v === '') continue;
    for (const one of Array.isArray(v) ? v : [v]) params.append(k, String(one));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

/** One request to the service: JSON in and out, problem+json errors as ApiError, the connection banner kept up to date. */
export async function send(
  method: string,
  path: string,
  opts: { query?: Query; body?: unknown; signal?: AbortSignal; quiet401?: boolean } = {},
): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(urlOf(path, opts.query), {
      method,
      headers,
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      credentials: 'same-origin',
      signal: opts.signal,
    });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    connection.lost();
    throw new ApiError({ status: 0, title: 'Ingen forbindelse', detail: 'Kravbanken svarer ikke. Tjek din forbindelse.' });
  }
  if (res.status === 503 || res.status === 502 || res.status === 504) connection.lost();
  else connection.ok();
  if (res.ok) return res;
  const problem = (await res.json().catch(() => ({}))) as Problem;
  problem.status = res.status;
  if (res.status === 401 && !opts.quiet401) unauthorized();
  throw new ApiError(problem);
}

export async function api<T>(method: string, path: string, opts: Parameters<typeof send>[2] = {}): Promise<T> {
  const res = await send(method, path, opts);
  return (res.status === 204 ? undefined : await res.json()) as T;
}

export const get = <T>(path: string, query?: Query, signal?: AbortSignal) => api<T>('GET', path, { query, signal });
