import pg from 'pg';
import { withDatabase } from '../../dist/libs/database/src/data-source.js';
import { dropDatabase } from '../../dist/libs/database/src/prepare.js';

/** Drops the template and every database the run cloned from it; stops the embedded server. */
export default async function globalTeardown() {
  const serverUrl = process.env.KRAVBANK_TEST_SERVER_URL;
  const template = process.env.KRAVBANK_TEST_TEMPLATE;
  if (serverUrl && template) {
    const client = new pg.Client({ connectionString: withDatabase(serverUrl, 'postgres') });
    await client.connect();
    const { rows } = await client.query(`SELECT datname FROM pg_database WHERE datname LIKE $1 || '%'`, [
      template.replace('template', 'run'),
    ]);
    await client.end();
    for (const r of rows) await dropDatabase(serverUrl, r.datname);
    await dropDatabase(serverUrl, template);
  }
  await globalThis.__kravbankEmbedded?.stop();
}
