import pg from 'pg';
import { DataSource } from 'typeorm';
import type { AppConfig } from '@kravbank/common';
import { createDataSource, databaseName, withDatabase } from './data-source.js';
import { startEmbeddedPostgres, type EmbeddedDatabase, type EmbeddedOptions } from './embedded.js';
import { ENTITIES, MIGRATIONS } from './schema.js';
import { MIGRATION_LOCK, withAdvisoryLock } from './advisory-lock.js';

export interface PreparedDatabase {
  url: string;
  embedded?: EmbeddedDatabase;
  /** Stops the embedded cluster, if this process started one. */
  close(): Promise<void>;
}

const EMBEDDED_DATABASE = 'kravbank';

/**
 * `DATABASE_URL` when set; otherwise the embedded PostgreSQL with its data in
 * `KRAVBANK_DATA_DIR`, and a `kravbank` database created in it on first use.
 */
export async function prepareDatabase(
  config: AppConfig,
  log: (line: string) => void,
  embeddedOptions: EmbeddedOptions = {},
): Promise<PreparedDatabase> {
  if (config.databaseUrl) return { url: config.databaseUrl, close: async () => {} };
  const t0 = performance.now();
  const embedded = await startEmbeddedPostgres(config.dataDir, log, embeddedOptions);
  await createDatabaseIfMissing(embedded.url, EMBEDDED_DATABASE);
  log(
    `embedded PostgreSQL ${embedded.created ? 'created and started' : 'started'} in ${embedded.dataDir} on port ${embedded.port} (${Math.round(performance.now() - t0)} ms)`,
  );
  return { url: withDatabase(embedded.url, EMBEDDED_DATABASE), embedded, close: () => embedded.stop() };
}

export async function createDatabaseIfMissing(serverUrl: string, name: string, template?: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rowCount) return false;
    await client.query(
      `CREATE DATABASE ${client.escapeIdentifier(name)}${template ? ` TEMPLATE ${client.escapeIdentifier(template)}` : ''}`,
    );
    return true;
  } finally {
    await client.end();
  }
}

export async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: withDatabase(serverUrl, 'postgres') });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

export function appDataSource(url: string, poolSize?: number): DataSource {
  return createDataSource({ url, entities: ENTITIES, migrations: MIGRATIONS, poolSize });
}

/**
 * Runs pending migrations; returns their names. Under an advisory lock (TypeORM takes none), so
 * that processes starting at once on one database run each migration once: the others wait and
 * then find nothing pending. Needs a pool of at least 2 connections (one holds the lock).
 */
export async function migrate(ds: DataSource): Promise<string[]> {
  const done = await withAdvisoryLock(ds, MIGRATION_LOCK, () => ds.runMigrations({ transaction: 'each' }));
  return done.map((m) => m.name);
}

export { databaseName };
