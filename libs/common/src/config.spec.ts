import path from 'node:path';
import { ConfigError, loadConfig } from './config.js';

describe('configuration from the environment', () => {
  it('has defaults for everything', () => {
    expect(loadConfig({})).toEqual({ port: 3000, databaseUrl: undefined, dataDir: path.resolve('.kravbank'), logLevel: 'info', seed: 'auto' });
  });

  it('reads valid values', () => {
    const c = loadConfig({ PORT: '8080', DATABASE_URL: 'postgres://u:p@db:5432/kravbank', KRAVBANK_DATA_DIR: '/var/lib/kravbank', LOG_LEVEL: 'debug', KRAVBANK_SEED: 'never' });
    expect(c).toMatchObject({ port: 8080, databaseUrl: 'postgres://u:p@db:5432/kravbank', dataDir: '/var/lib/kravbank', logLevel: 'debug', seed: 'never' });
  });

  it.each([
    ['PORT', 'abc', 'Invalid configuration: PORT must be a whole number from 0 to 65535 (got "abc").'],
    ['PORT', '70000', 'Invalid configuration: PORT must be a whole number from 0 to 65535 (got "70000").'],
    ['DATABASE_URL', 'mysql://x', 'Invalid configuration: DATABASE_URL must be a PostgreSQL URL such as postgres://user:password@host:5432/kravbank (got "mysql://x").'],
    ['LOG_LEVEL', 'loud', 'Invalid configuration: LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "loud").'],
    ['KRAVBANK_SEED', 'sometimes', 'Invalid configuration: KRAVBANK_SEED must be auto (load the seed into an empty bank) or never (got "sometimes").'],
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
