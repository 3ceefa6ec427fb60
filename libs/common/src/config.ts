import { plainToInstance, Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, validateSync } from 'class-validator';
import path from 'node:path';
import { OPS_CONFIG_VARIABLES, type OpsConfig, opsConfig, OpsEnvConfig } from './ops-config.js';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const toInt = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : /^-?\d+$/.test(String(value)) ? Number(value) : value;
const blankToUndefined = ({ value }: { value: unknown }) => (value === '' ? undefined : value);

/** The environment, validated at boot. Names are the environment variables themselves. */
export class EnvConfig {
  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'must be a whole number from 0 to 65535' })
  @Min(0, { message: 'must be a whole number from 0 to 65535' })
  @Max(65535, { message: 'must be a whole number from 0 to 65535' })
  PORT?: number;

  @IsOptional()
  @Transform(blankToUndefined)
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'must be a PostgreSQL URL such as postgres://user:password@host:5432/kravbank' })
  DATABASE_URL?: string;

  @IsOptional()
  @Transform(blankToUndefined)
  @IsString()
  @MinLength(1)
  KRAVBANK_DATA_DIR?: string;

  @IsOptional()
  @Transform(blankToUndefined)
  @IsIn(LOG_LEVELS, { message: `must be one of ${LOG_LEVELS.join(', ')}` })
  LOG_LEVEL?: LogLevel;

  @IsOptional()
  @Transform(blankToUndefined)
  @IsIn(['auto', 'never'], { message: 'must be auto (load the seed into an empty bank) or never' })
  KRAVBANK_SEED?: 'auto' | 'never';

  @IsOptional()
  @Transform(blankToUndefined)
  @IsIn(['true', 'false'], { message: 'must be true or false' })
  KRAVBANK_DEMO?: 'true' | 'false';

  @IsOptional()
  @Transform(blankToUndefined)
  @IsString()
  @MinLength(32, { message: 'must be at least 32 characters (a random secret)' })
  JWT_SECRET?: string;

  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'must be a whole number of seconds from 60 to 86400' })
  @Min(60, { message: 'must be a whole number of seconds from 60 to 86400' })
  @Max(86400, { message: 'must be a whole number of seconds from 60 to 86400' })
  JWT_TTL_SECONDS?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'must be a whole number of seconds from 0 to 60' })
  @Min(0, { message: 'must be a whole number of seconds from 0 to 60' })
  @Max(60, { message: 'must be a whole number of seconds from 0 to 60' })
  AUTH_USER_CACHE_SECONDS?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'must be a whole number from 1 to 20' })
  @Min(1, { message: 'must be a whole number from 1 to 20' })
  @Max(20, { message: 'must be a whole number from 1 to 20' })
  REVIEW_QUORUM?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'must be a whole number of minutes from 1 to 1440' })
  @Min(1, { message: 'must be a whole number of minutes from 1 to 1440' })
  @Max(1440, { message: 'must be a whole number of minutes from 1 to 1440' })
  SESSION_IDLE_MINUTES?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'must be a whole number of hours from 1 to 720' })
  @Min(1, { message: 'must be a whole number of hours from 1 to 720' })
  @Max(720, { message: 'must be a whole number of hours from 1 to 720' })
  SESSION_ABSOLUTE_HOURS?: number;

  @IsOptional()
  @Transform(blankToUndefined)
  @IsIn(['true', 'false'], { message: 'must be true or false' })
  TRUST_PROXY?: 'true' | 'false';

  @IsOptional()
  @Transform(blankToUndefined)
  @Matches(/^https?:\/\/\S+$/, { message: 'must be an http(s) URL such as http://127.0.0.1:7700' })
  MEILI_URL?: string;

  @IsOptional()
  @Transform(blankToUndefined)
  @IsString()
  MEILI_API_KEY?: string;

  @IsOptional()
  @Transform(blankToUndefined)
  @Matches(/^[A-Za-z0-9_-]{1,100}$/, { message: 'must be letters, digits, - or _ (at most 100)' })
  MEILI_INDEX?: string;

  @IsOptional()
  @Transform(blankToUndefined)
  @IsIn(['true', 'false'], { message: 'must be true or false' })
  DOCS_ENABLED?: 'true' | 'false';

  @IsOptional()
  @Transform(blankToUndefined)
  @IsString()
  @MinLength(1)
  OIDC_PROVIDERS_FILE?: string;

  @IsOptional()
  @Transform(blankToUndefined)
  @Matches(/^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/, {
    message: "must be the service's external http(s) address, such as https://kravbank.example.dk",
  })
  PUBLIC_URL?: string;

  @IsOptional()
  @Transform(blankToUndefined)
  @IsIn(['true', 'false'], { message: 'must be true or false' })
  LOCAL_LOGIN?: 'true' | 'false';
}

/** Values never echoed in an error line. */
const SECRETS = new Set(['JWT_SECRET', 'MEILI_API_KEY', 'DATABASE_URL']);

export interface AppConfig extends OpsConfig {
  port: number;
  databaseUrl?: string;
  dataDir: string;
  logLevel: LogLevel;
  seed: 'auto' | 'never';
  /** Demo organisations and users with password `demo`; on by default only with the embedded database. */
  demo: boolean;
  /** Secret for signing access tokens; required unless demo mode is on (then a random one per process). */
  jwtSecret?: string;
  jwtTtlSeconds: number;
  /** How long a request may trust a user's roles and active flag read by an earlier request; 0 reads them every time. */
  authUserCacheSeconds: number;
  reviewQuorum: number;
  /** A browser session ends after this many minutes without a request… */
  sessionIdleMinutes: number;
  /** …and this many hours after login, whatever happens. */
  sessionAbsoluteHours: number;
  /** Behind a TLS-terminating proxy: Express trusts X-Forwarded-* (the client address), HSTS is sent and session cookies are Secure. */
  trustProxy: boolean;
  meili?: { url: string; apiKey?: string; index: string };
  /** The OpenAPI page at /docs; on by default only in demo mode. */
  docsEnabled: boolean;
  /** The YAML file naming each organisation's OpenID Connect provider (none: no single sign-on). */
  oidcProvidersFile?: string;
  /** The service's external address, without a trailing slash; redirect URLs are built from it. */
  publicUrl?: string;
  /** Password login (POST /api/auth/login and /api/auth/session); false leaves only the organisations' providers and API keys. */
  localLogin: boolean;
}

export class ConfigError extends Error {
  constructor(readonly lines: string[]) {
    super(lines.join('\n'));
    this.name = 'ConfigError';
  }
}

/** Reads and validates the environment. Throws a ConfigError with one line per bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const raw = plainToInstance(EnvConfig, pick(env));
  const ops = plainToInstance(OpsEnvConfig, pick(env));
  const errors = [...validateSync(raw, { whitelist: true }), ...validateSync(ops, { whitelist: true })];
  if (errors.length) {
    throw new ConfigError(
      errors.map(
        (e) =>
          `Invalid configuration: ${e.property} ${Object.values(e.constraints ?? {})[0] ?? 'is invalid'} (${SECRETS.has(e.property) ? 'value not shown' : `got ${JSON.stringify(env[e.property])}`}).`,
      ),
    );
  }
  const demo = raw.KRAVBANK_DEMO ? raw.KRAVBANK_DEMO === 'true' : !raw.DATABASE_URL;
  if (!demo && !raw.JWT_SECRET) {
    throw new ConfigError([
      'Invalid configuration: JWT_SECRET is required when KRAVBANK_DEMO is not true (set a random secret of at least 32 characters).',
    ]);
  }
  if (raw.OIDC_PROVIDERS_FILE && !raw.PUBLIC_URL) {
    throw new ConfigError([
      'Invalid configuration: PUBLIC_URL is required with OIDC_PROVIDERS_FILE (the address browsers reach Kravbank at; redirect URLs are built from it).',
    ]);
  }
  return Object.freeze({
    port: raw.PORT ?? 3000,
    databaseUrl: raw.DATABASE_URL,
    dataDir: path.resolve(raw.KRAVBANK_DATA_DIR ?? '.kravbank'),
    logLevel: raw.LOG_LEVEL ?? 'info',
    seed: raw.KRAVBANK_SEED ?? 'auto',
    demo,
    jwtSecret: raw.JWT_SECRET,
    jwtTtlSeconds: raw.JWT_TTL_SECONDS ?? 900,
    authUserCacheSeconds: raw.AUTH_USER_CACHE_SECONDS ?? 5,
    reviewQuorum: raw.REVIEW_QUORUM ?? 2,
    sessionIdleMinutes: raw.SESSION_IDLE_MINUTES ?? 30,
    sessionAbsoluteHours: raw.SESSION_ABSOLUTE_HOURS ?? 12,
    trustProxy: raw.TRUST_PROXY === 'true',
    meili: raw.MEILI_URL ? { url: raw.MEILI_URL, apiKey: raw.MEILI_API_KEY, index: raw.MEILI_INDEX ?? 'requirements' } : undefined,
    ...opsConfig(ops),
    docsEnabled: raw.DOCS_ENABLED ? raw.DOCS_ENABLED === 'true' : demo,
    oidcProvidersFile: raw.OIDC_PROVIDERS_FILE ? path.resolve(raw.OIDC_PROVIDERS_FILE) : undefined,
    publicUrl: raw.PUBLIC_URL?.replace(/\/+$/, ''),
    localLogin: raw.LOCAL_LOGIN !== 'false',
  });
}

/** Every variable the configuration reads; the class above says what each may hold. */
export const CONFIG_VARIABLES = [
  'PORT',
  'DATABASE_URL',
  'KRAVBANK_DATA_DIR',
  'LOG_LEVEL',
  'KRAVBANK_SEED',
  'KRAVBANK_DEMO',
  'JWT_SECRET',
  'JWT_TTL_SECONDS',
  'AUTH_USER_CACHE_SECONDS',
  'REVIEW_QUORUM',
  'SESSION_IDLE_MINUTES',
  'SESSION_ABSOLUTE_HOURS',
  'TRUST_PROXY',
  'MEILI_URL',
  'MEILI_API_KEY',
  'MEILI_INDEX',
  ...OPS_CONFIG_VARIABLES,
  'DOCS_ENABLED',
  'OIDC_PROVIDERS_FILE',
  'PUBLIC_URL',
  'LOCAL_LOGIN',
] as const;

function pick(env: NodeJS.ProcessEnv): Record<string, string | undefined> {
  return Object.fromEntries(CONFIG_VARIABLES.map((k) => [k, env[k]]));
}

export const APP_CONFIG = Symbol('APP_CONFIG');

/** Loads the configuration, or prints what is wrong (one line per variable) and exits 1: the start of every command. */
export function loadConfigOrExit(env: NodeJS.ProcessEnv = process.env): AppConfig {
  try {
    return loadConfig(env);
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    for (const line of e.lines) process.stderr.write(`${line}\n`);
    process.exit(1);
  }
}
