import { ConfigError, loadConfig } from './config.js';

describe('operational limits from the environment', () => {
  it('reads the database timeouts, rate limits, login throttle and export pool', () => {
    const c = loadConfig({
      DB_STATEMENT_TIMEOUT_MS: '2000',
      DB_ACQUIRE_TIMEOUT_MS: '500',
      RATE_LIMIT_MAX: '0',
      RATE_LIMIT_WINDOW_SECONDS: '60',
      LOGIN_USER_FAILURES: '3',
      LOGIN_ADDRESS_FAILURES: '20',
      LOGIN_LOCKOUT_SECONDS: '5',
      EXPORT_WORKERS: '0',
      EXPORT_QUEUE: '2',
      EXPORT_WORKER_HEAP_MB: '256',
      OFFER_UPLOAD_MAX_BYTES: '1048576',
      OFFER_ZIP_MAX_ENTRIES: '50',
      OFFER_ZIP_MAX_UNCOMPRESSED_BYTES: '10485760',
      OFFER_MAX_ROWS: '300',
    });
    expect(c.database).toEqual({ statementTimeoutMs: 2000, acquireTimeoutMs: 500 });
    expect(c.rateLimit).toEqual({ max: 0, windowSeconds: 60 });
    expect(c.loginThrottle).toEqual({ userFailures: 3, addressFailures: 20, lockoutSeconds: 5 });
    expect(c.exports).toEqual({ workers: 0, queue: 2, heapMb: 256 });
    expect(c.offers).toEqual({ maxUploadBytes: 1048576, maxZipEntries: 50, maxUncompressedBytes: 10485760, maxRows: 300 });
  });

  it.each([
    ['DB_STATEMENT_TIMEOUT_MS', '50', 'must be a whole number of milliseconds from 100 to 600000'],
    ['DB_ACQUIRE_TIMEOUT_MS', 'soon', 'must be a whole number of milliseconds from 100 to 60000'],
    ['LOGIN_USER_FAILURES', '0', 'must be a whole number from 1 to 100'],
    ['EXPORT_WORKERS', '-1', 'must be a whole number from 0 to 32'],
    ['EXPORT_WORKER_HEAP_MB', '32', 'must be a whole number of MiB from 64 to 16384'],
    ['OFFER_UPLOAD_MAX_BYTES', '10', 'must be a whole number of bytes from 1024 to 209715200'],
  ])('refuses %s=%s with one line', (name, value, message) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    try {
      loadConfig({ [name]: value });
    } catch (e) {
      expect((e as ConfigError).lines).toEqual([`Invalid configuration: ${name} ${message} (got "${value}").`]);
    }
  });
});
