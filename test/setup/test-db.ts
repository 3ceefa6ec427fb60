import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { withDatabase, appDataSource, createDatabaseIfMissing, dropDatabase, assertTestDatabase } from '@kravbank/database';

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

/** A fresh database for one test file, cloned from the run's migrated and seeded template. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.KRAVBANK_TEST_SERVER_URL;
  const template = process.env.KRAVBANK_TEST_TEMPLATE;
  if (!serverUrl || !template) throw new Error('The test database server was not set up (jest globalSetup).');
  const name = `${template.replace('template', 'run')}_${randomBytes(4).toString('hex')}`;
  const url = withDatabase(serverUrl, name);
  assertTestDatabase(url);
  await createDatabaseIfMissing(withDatabase(serverUrl, 'postgres'), name, template);
  return { url, name, drop: () => dropDatabase(serverUrl, name) };
}

export async function openDataSource(url: string): Promise<DataSource> {
  const ds = appDataSource(url, 4);
  await ds.initialize();
  return ds;
}
