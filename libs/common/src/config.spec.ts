import path from 'node:path';
import { ConfigError, loadConfig } from './config.js';

describe('configuration from the environment', () => {
  it('has defaults for everything', () => {
    expect(loadConfig({})).toEqual({
      port: 3000,
      databaseUrl: undefined,
      dataDir: path.resolve('.kravbank'),
      logLevel: 'info',
      seed: 'auto',
      demo: true,
      jwtSecret: undefined,
      jwtTtlSeconds: 900,
      authUserCacheSeconds: 5,
      reviewQuorum: 2,
      sessionIdleMinutes: 30,
      sessionAbsoluteHours: 12,
      trustProxy: false,
      meili: undefined,
      database: { statementTimeoutMs: 5000, acquireTimeoutMs: 3000 },
      rateLimit: { max: 1000, windowSeconds: 10 },
      loginThrottle: { userFailures: 5, addressFailures: 50, lockoutSeconds: 30 },
      exports: { workers: expect.any(Number), queue: 8, heapMb: 768 },
      offers: { maxUploadBytes: 20 * 1024 * 1024, maxZipEntries: 1000, maxUncompressedBytes: 100 * 1024 * 1024, maxRows: 5000 },
      docsEnabled: true,
      oidcProvidersFile: undefined,
      publicUrl: undefined,
      localLogin: true,
    });
  });

  it('needs PUBLIC_URL with OIDC_PROVIDERS_FILE, and reads LOCAL_LOGIN', () => {
    expect(() => loadConfig({ OIDC_PROVIDERS_FILE: 'providers.yaml' })).toThrow(/PUBLIC_URL is required with OIDC_PROVIDERS_FILE/);
    const c = loadConfig({ OIDC_PROVIDERS_FILE: 'providers.yaml', PUBLIC_URL: 'https://kravbank.example.dk/', LOCAL_LOGIN: 'false' });
    expect(c).toMatchObject({
      oidcProvidersFile: path.resolve('providers.yaml'),
      publicUrl: 'https://kravbank.example.dk',
      localLogin: false,
    });
    expect(() => loadConfig({ PUBLIC_URL: 'kravbank.example.dk' })).toThrow(/PUBLIC_URL must be/);
    expect(() => loadConfig({ LOCAL_LOGIN: 'nej' })).toThrow(/LOCAL_LOGIN must be true or false/);
  });

  it('serves /docs by default only in demo mode, and trusts a proxy only when told', () => {
    const outside = { DATABASE_URL: 'postgres://db/k', JWT_SECRET: 's'.repeat(32) };
    expect(loadConfig(outside).docsEnabled).toBe(false);
    expect(loadConfig({ ...outside, DOCS_ENABLED: 'true' }).docsEnabled).toBe(true);
    expect(loadConfig({ DOCS_ENABLED: 'false' }).docsEnabled).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(() => loadConfig({ TRUST_PROXY: 'yes' })).toThrow('Invalid configuration: TRUST_PROXY must be true or false (got "yes").');
  });

  it('reads valid values', () => {
    const c = loadConfig({
      PORT: '8080',
      DATABASE_URL: 'postgres://u:p@db:5432/kravbank',
      KRAVBANK_DATA_DIR: '/var/lib/kravbank',
      LOG_LEVEL: 'debug',
      KRAVBANK_SEED: 'never',
      JWT_SECRET: 'x'.repeat(32),
      REVIEW_QUORUM: '3',
      SESSION_IDLE_MINUTES: '15',
      SESSION_ABSOLUTE_HOURS: '8',
      TRUST_PROXY: 'true',
      MEILI_URL: 'http://127.0.0.1:7700',
      MEILI_API_KEY: 'key',
    });
    expect(c).toMatchObject({
      port: 8080,
      databaseUrl: 'postgres://u:p@db:5432/kravbank',
      dataDir: '/var/lib/kravbank',
      logLevel: 'debug',
      seed: 'never',
      demo: false,
      reviewQuorum: 3,
      sessionIdleMinutes: 15,
      sessionAbsoluteHours: 8,
      trustProxy: true,
      meili: { url: 'http://127.0.0.1:7700', apiKey: 'key', index: 'requirements' },
    });
  });

  it('turns demo mode on by default only with the embedded database, and then needs no secret', () => {
    expect(loadConfig({}).demo).toBe(true);
    expect(loadConfig({ DATABASE_URL: 'postgres://db/k', JWT_SECRET: 's'.repeat(32) }).demo).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'postgres://db/k', KRAVBANK_DEMO: 'true' }).demo).toBe(true);
    expect(loadConfig({ KRAVBANK_DEMO: 'false', JWT_SECRET: 's'.repeat(32) }).demo).toBe(false);
  });

  it('requires JWT_SECRET outside demo mode', () => {
    expect(() => loadConfig({ DATABASE_URL: 'postgres://db/k' })).toThrow(
      'Invalid configuration: JWT_SECRET is required when KRAVBANK_DEMO is not true',
    );
    expect(() => loadConfig({ KRAVBANK_DEMO: 'false', JWT_SECRET: 'short' })).toThrow(/JWT_SECRET must be at least 32 characters/);
  });

  it.each([
    ['PORT', 'abc', 'Invalid configuration: PORT must be a whole number from 0 to 65535 (got "abc").'],
    ['PORT', '70000', 'Invalid configuration: PORT must be a whole number from 0 to 65535 (got "70000").'],
    [
      'DATABASE_URL',
      'mysql://x',
      'Invalid configuration: DATABASE_URL must be a PostgreSQL URL such as postgres://user:password@host:5432/kravbank (value not shown).',
    ],
    ['JWT_SECRET', 'short', 'Invalid configuration: JWT_SECRET must be at least 32 characters (a random secret) (value not shown).'],
    ['LOG_LEVEL', 'loud', 'Invalid configuration: LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "loud").'],
    ['REVIEW_QUORUM', '0', 'Invalid configuration: REVIEW_QUORUM must be a whole number from 1 to 20 (got "0").'],
    [
      'MEILI_URL',
      'localhost:7700',
      'Invalid configuration: MEILI_URL must be an http(s) URL such as http://127.0.0.1:7700 (got "localhost:7700").',
    ],
    [
      'KRAVBANK_SEED',
      'sometimes',
      'Invalid configuration: KRAVBANK_SEED must be auto (load the seed into an empty bank) or never (got "sometimes").',
    ],
  ])('stops on a bad %s with one line naming it', (name, value, line) => {
    let error: unknown;
    try {
      loadConfig({ [name]: value });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).lines).toEqual([line]);
  });

  it('names every bad variable, one line each', () => {
    expect(() => loadConfig({ PORT: 'x', LOG_LEVEL: 'y' })).toThrow(/PORT[^\n]*\n[^\n]*LOG_LEVEL/);
  });
});
