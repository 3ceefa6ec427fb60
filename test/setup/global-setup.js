// Jest loads global setup outside its ESM module system, so this file is plain JavaScript
// and uses the compiled code: `npm test` builds first.
import 'reflect-metadata';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { seedDir } from '../../dist/libs/common/src/paths.js';
import { seedFromDir } from '../../dist/libs/catalogue/src/seed/seed-runner.js';
import { appDataSource, createDatabaseIfMissing, dropDatabase, migrate } from '../../dist/libs/database/src/prepare.js';
import { startEmbeddedPostgres } from '../../dist/libs/database/src/embedded.js';
import { withDatabase } from '../../dist/libs/database/src/data-source.js';
import { assertTestDatabase } from '../../dist/libs/database/src/test-guard.js';
import { ensureDemoIdentities } from '../../dist/libs/identity/src/demo.js';

/** The date the seed is published at in tests, so that dates in assertions are fixed. */
export const SEED_DATE = new Date('2026-01-01T00:00:00Z');

/**
 * Once per test run: a PostgreSQL server (DATABASE_URL's, or an embedded one in a
 * temporary folder) and a template database, migrated, seeded and with the demo users, from which every
 * test file clones its own database.
 */
export default async function globalSetup() {
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kravbank-test-'));
    globalThis.__kravbankEmbedded = await startEmbeddedPostgres(dir);
    serverUrl = globalThis.__kravbankEmbedded.url;
  }
  const template = `kravbank_test_template_${process.pid}`;
  const templateUrl = withDatabase(serverUrl, template);
  assertTestDatabase(templateUrl);
  await dropDatabase(serverUrl, template);
  await createDatabaseIfMissing(withDatabase(serverUrl, 'postgres'), template);
  const ds = appDataSource(templateUrl, 2);
  await ds.initialize();
  try {
    await migrate(ds);
    await seedFromDir(ds, seedDir(), SEED_DATE);
    await ensureDemoIdentities(ds);
  } finally {
    await ds.destroy();
  }
  process.env.KRAVBANK_TEST_SERVER_URL = serverUrl;
  process.env.KRAVBANK_TEST_TEMPLATE = template;
}
