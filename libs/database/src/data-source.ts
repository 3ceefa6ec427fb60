import { DataSource, DataSourceOptions } from 'typeorm';
import { type DatabaseTimeouts, poolTimeouts } from './timeouts.js';

export interface DataSourceSettings {
  url: string;
  entities: NonNullable<DataSourceOptions['entities']>;
  migrations: NonNullable<DataSourceOptions['migrations']>;
  poolSize?: number;
  applicationName?: string;
  /** Bounds on every wait (the service's pool); unset for the CLI, migrations and the tests' own connections. */
  timeouts?: DatabaseTimeouts;
}

/** The one way to build a DataSource, shared by the API, the CLI and the tests. Schema only through migrations. */
export function dataSourceOptions(s: DataSourceSettings): DataSourceOptions {
  return {
    type: 'postgres',
    url: s.url,
    entities: s.entities,
    migrations: s.migrations,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    logging: false,
    extra: {
      max: s.poolSize ?? 10,
      application_name: s.applicationName ?? 'kravbank',
      ...(s.timeouts ? poolTimeouts(s.timeouts) : {}),
    },
  };
}

export function createDataSource(s: DataSourceSettings): DataSource {
  return new DataSource(dataSourceOptions(s));
}

/** Replaces the database name in a PostgreSQL URL. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export function databaseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, '')) || 'postgres';
}

/**
 * The rows of an UPDATE or DELETE … RETURNING. TypeORM answers those with
 * `[rows, affectedCount]` instead of the rows, unlike SELECT and INSERT.
 */
export async function returningRows<T = Record<string, unknown>>(
  m: { query(sql: string, params?: unknown[]): Promise<unknown> },
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  const result = (await m.query(sql, params)) as unknown;
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[0] as T[];
  return result as T[];
}
