import { Transform } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { availableParallelism } from 'node:os';

const toInt = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : /^-?\d+$/.test(String(value)) ? Number(value) : value;

/** A whole number from `min` to `max`, with one message for every failure. */
function WholeNumber(min: number, max: number, unit = ''): PropertyDecorator {
  const message = `must be a whole number${unit ? ` of ${unit}` : ''} from ${min} to ${max}`;
  return (target, key) => {
    IsOptional()(target, key);
    Transform(toInt)(target, key);
    IsInt({ message })(target, key);
    Min(min, { message })(target, key);
    Max(max, { message })(target, key);
  };
}

/** The operational limits: database timeouts, throttling and the export pool. Names are the environment variables. */
export class OpsEnvConfig {
  @WholeNumber(100, 600_000, 'milliseconds')
  DB_STATEMENT_TIMEOUT_MS?: number;

  @WholeNumber(100, 60_000, 'milliseconds')
  DB_ACQUIRE_TIMEOUT_MS?: number;

  @WholeNumber(0, 1_000_000)
  RATE_LIMIT_MAX?: number;

  @WholeNumber(1, 3600, 'seconds')
  RATE_LIMIT_WINDOW_SECONDS?: number;

  @WholeNumber(1, 100)
  LOGIN_USER_FAILURES?: number;

  @WholeNumber(1, 100_000)
  LOGIN_ADDRESS_FAILURES?: number;

  @WholeNumber(1, 3600, 'seconds')
  LOGIN_LOCKOUT_SECONDS?: number;

  @WholeNumber(0, 32)
  EXPORT_WORKERS?: number;

  @WholeNumber(0, 1000)
  EXPORT_QUEUE?: number;

  @WholeNumber(64, 16_384, 'MiB')
  EXPORT_WORKER_HEAP_MB?: number;

  @WholeNumber(1024, 200 * 1024 * 1024, 'bytes')
  OFFER_UPLOAD_MAX_BYTES?: number;

  @WholeNumber(10, 100_000)
  OFFER_ZIP_MAX_ENTRIES?: number;

  @WholeNumber(1024 * 1024, 2 * 1024 * 1024 * 1024, 'bytes')
  OFFER_ZIP_MAX_UNCOMPRESSED_BYTES?: number;

  @WholeNumber(10, 100_000)
  OFFER_MAX_ROWS?: number;
}

export const OPS_CONFIG_VARIABLES = [
  'DB_STATEMENT_TIMEOUT_MS',
  'DB_ACQUIRE_TIMEOUT_MS',
  'RATE_LIMIT_MAX',
  'RATE_LIMIT_WINDOW_SECONDS',
  'LOGIN_USER_FAILURES',
  'LOGIN_ADDRESS_FAILURES',
  'LOGIN_LOCKOUT_SECONDS',
  'EXPORT_WORKERS',
  'EXPORT_QUEUE',
  'EXPORT_WORKER_HEAP_MB',
  'OFFER_UPLOAD_MAX_BYTES',
  'OFFER_ZIP_MAX_ENTRIES',
  'OFFER_ZIP_MAX_UNCOMPRESSED_BYTES',
  'OFFER_MAX_ROWS',
] as const;

export interface OpsConfig {
  /** Bounds on every wait on the database: the server's statement timeout and the wait for a connection. */
  database: { statementTimeoutMs: number; acquireTimeoutMs: number };
  /** Requests per client address and window; max 0 switches the general limit off. */
  rateLimit: { max: number; windowSeconds: number };
  /** Failed logins before a lockout, per username and per client address; the first lockout's length (it doubles). */
  loginThrottle: { userFailures: number; addressFailures: number; lockoutSeconds: number };
  /**
   * Worker threads that render exports (0 renders in the request's thread), exports that may wait for one, and
   * each thread's JavaScript heap: V8 keeps an earlier export's garbage while it may, so without a bound a thread
   * that has rendered a few large exports holds twice the memory one of them needs.
   */
  exports: { workers: number; queue: number; heapMb: number };
  /** Bounds on a bidder's returned file: its size, and its zip archive's entries, uncompressed size and table rows. */
  offers: OfferLimits;
}

export interface OfferLimits {
  maxUploadBytes: number;
  maxZipEntries: number;
  maxUncompressedBytes: number;
  maxRows: number;
}

export const DEFAULT_OFFER_LIMITS: Readonly<OfferLimits> = {
  maxUploadBytes: 20 * 1024 * 1024,
  maxZipEntries: 1000,
  maxUncompressedBytes: 100 * 1024 * 1024,
  maxRows: 5000,
};

export function opsConfig(raw: OpsEnvConfig): OpsConfig {
  return {
    database: { statementTimeoutMs: raw.DB_STATEMENT_TIMEOUT_MS ?? 5000, acquireTimeoutMs: raw.DB_ACQUIRE_TIMEOUT_MS ?? 3000 },
    rateLimit: { max: raw.RATE_LIMIT_MAX ?? 1000, windowSeconds: raw.RATE_LIMIT_WINDOW_SECONDS ?? 10 },
    loginThrottle: {
      userFailures: raw.LOGIN_USER_FAILURES ?? 5,
      addressFailures: raw.LOGIN_ADDRESS_FAILURES ?? 50,
      lockoutSeconds: raw.LOGIN_LOCKOUT_SECONDS ?? 30,
    },
    exports: {
      workers: raw.EXPORT_WORKERS ?? Math.min(2, Math.max(1, availableParallelism() - 1)),
      queue: raw.EXPORT_QUEUE ?? 8,
      heapMb: raw.EXPORT_WORKER_HEAP_MB ?? 768,
    },
    offers: {
      maxUploadBytes: raw.OFFER_UPLOAD_MAX_BYTES ?? DEFAULT_OFFER_LIMITS.maxUploadBytes,
      maxZipEntries: raw.OFFER_ZIP_MAX_ENTRIES ?? DEFAULT_OFFER_LIMITS.maxZipEntries,
      maxUncompressedBytes: raw.OFFER_ZIP_MAX_UNCOMPRESSED_BYTES ?? DEFAULT_OFFER_LIMITS.maxUncompressedBytes,
      maxRows: raw.OFFER_MAX_ROWS ?? DEFAULT_OFFER_LIMITS.maxRows,
    },
  };
}
