import { DomainError, type ErrorKind } from './errors.js';

/**
 * A refusal the client may retry after a while: the answer carries `Retry-After` (seconds).
 * Used for 429 (too many attempts) and 503 (the database or the export pool is busy or away).
 */
export class RetryLaterError extends DomainError {
  constructor(
    kind: Extract<ErrorKind, 'too_many_requests' | 'unavailable'>,
    code: string,
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(kind, code, message);
  }
}

/** How long a client is asked to wait before retrying when the database did not answer. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/** Socket errors of a connection that could not be made or was cut. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOENT', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);

/**
 * SQLSTATEs that say the server, not the statement, is the trouble: class 08 (connection),
 * 53 (insufficient resources), 57P01-57P05 (shut down, crashed, starting, idle timeouts) and
 * 57014 (cancelled: the statement timeout).
 */
const UNAVAILABLE_STATE = /^(08|53|57P0[1-5]$|57014$)/;

/** node-postgres and pg-pool messages for a connection that timed out or went away. */
const DRIVER_MESSAGES = [
  'timeout exceeded when trying to connect',
  'Query read timeout',
  'Connection terminated',
  'Client has encountered a connection error and is not queryable',
  'Client was closed and is not queryable',
  'Cannot use a pool after calling end on the pool',
];

/**
 * True when an error (TypeORM's QueryFailedError with its driver error, or node-postgres's own)
 * means the database cannot be reached or did not answer in time, as opposed to a statement it
 * refused. Recognised by shape, so that this lib needs neither driver.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e = error as Record<string, unknown> | undefined, depth = 0; e && typeof e === 'object' && depth < 4; depth++) {
    const code = typeof e.code === 'string' ? e.code : '';
    if (UNAVAILABLE_STATE.test(code)) return true;
    // ENOENT is a missing Unix socket only when it comes from connect(); from a file read it is no database matter.
    if (NETWORK_CODES.has(code) && (code !== 'ENOENT' || e.syscall === 'connect')) return true;
    const message = typeof e.message === 'string' ? e.message : '';
    if (DRIVER_MESSAGES.some((m) => message.startsWith(m))) return true;
    e = (e.driverError ?? e.cause) as Record<string, unknown> | undefined;
  }
  return false;
}

/** The 503 a request gets when its database work failed for want of a database. */
export function databaseUnavailable(): RetryLaterError {
  return new RetryLaterError(
    'unavailable',
    'database_unavailable',
    'The database is not available right now. Try again shortly.',
    DATABASE_RETRY_AFTER_SECONDS,
  );
}
