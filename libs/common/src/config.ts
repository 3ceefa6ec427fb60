import { plainToInstance, Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, validateSync } from 'class-validator';
import path from 'node:path';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : /^-?\d+$/.test(String(value)) ? Number(value) : value);
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
}

export interface AppConfig {
  port: number;
  databaseUrl?: string;
  dataDir: string;
  logLevel: LogLevel;
  seed: 'auto' | 'never';
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
  const errors = validateSync(raw, { whitelist: true });
  if (errors.length) {
    throw new ConfigError(
      errors.map((e) => `Invalid configuration: ${e.property} ${Object.values(e.constraints ?? {})[0] ?? 'is invalid'} (got ${JSON.stringify(env[e.property])}).`),
    );
  }
  return Object.freeze({
    port: raw.PORT ?? 3000,
    databaseUrl: raw.DATABASE_URL,
    dataDir: path.resolve(raw.KRAVBANK_DATA_DIR ?? '.kravbank'),
    logLevel: raw.LOG_LEVEL ?? 'info',
    seed: raw.KRAVBANK_SEED ?? 'auto',
  });
}

function pick(env: NodeJS.ProcessEnv): Record<string, string | undefined> {
  const keys = ['PORT', 'DATABASE_URL', 'KRAVBANK_DATA_DIR', 'LOG_LEVEL', 'KRAVBANK_SEED'];
  return Object.fromEntries(keys.map((k) => [k, env[k]]));
}

export const APP_CONFIG = Symbol('APP_CONFIG');
