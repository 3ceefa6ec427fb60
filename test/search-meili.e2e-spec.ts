import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { DataSource } from 'typeorm';
import { withHash } from '../libs/search/src/document.js';
import { MeilisearchEngine, MeiliTaskError } from '../libs/search/src/meilisearch/meilisearch.engine.js';
import { OfficialMeiliClient } from '../libs/search/src/meilisearch/meili-client.js';
import { desiredSettings, settingsDrift } from '../libs/search/src/meilisearch/meili-settings.js';
import { loadSearchVocabulary } from '../libs/search/src/search-data.js';
import { SearchSyncService } from '../libs/search/src/sync/search-sync.service.js';
import { TypeOrmSearchDocumentSource } from '../libs/search/src/typeorm-document-source.js';
import { createTestApp, type TestApp } from './setup/test-app.js';
import { createTestDatabase, openDataSource, type TestDatabase } from './setup/test-db.js';

/**
 * Against a real Meilisearch server: only when MEILI_URL is set (none can be installed on the
 * development machines). Each run uses its own index names and deletes them afterwards.
 */
const url = process.env.MEILI_URL;
if (!url) {
  console.warn(
    'SKIPPED: Meilisearch integration tests: MEILI_URL is not set (no Meilisearch server on this machine). ' +
      'The engine is unit-tested against a fake of its client port (libs/search/src/meilisearch/*.spec.ts); ' +
      'set MEILI_URL (and MEILI_API_KEY) to run these against a real server.',
  );
}
const describeWithServer = url ? describe : describe.skip;

describeWithServer('Meilisearch engine against a real server', () => {
  const client = new OfficialMeiliClient({ url: url ?? 'http://127.0.0.1:7700', apiKey: process.env.MEILI_API_KEY });
  const vocabulary = loadSearchVocabulary();
  const index = `kravbank_test_${randomBytes(4).toString('hex')}`;
  const engine = new MeilisearchEngine(client, vocabulary, { index, taskTimeoutMs: 60_000 });
  let database: TestDatabase;
  let ds: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase();
    ds = await openDataSource(database.url);
    await engine.prepare();
    await engine.rebuild(new TypeOrmSearchDocumentSource(ds).pages(500));
  });
  afterAll(async () => {
    for (const uid of [index]) {
      if (await client.getIndex(uid)) await client.waitForTask((await client.deleteIndex(uid)).taskUid, 30_000);
    }
    await ds?.destroy();
    await database?.drop();
  });

  it('applies the settings, and a second start finds nothing to change', async () => {
    expect(settingsDrift(await client.getSettings(index), desiredSettings(vocabulary))).toEqual([]);
    expect(await engine.ensureSettings(index)).toEqual([]);
  });

  it('finds, filters, facets and highlights', async () => {
    const r = await engine.search({ q: 'MFA', filters: { status: 'active' }, page: 1, limit: 5 });
    expect(r.hits[0].key).toBe('SIK-017');
    expect(r.hits[0].highlights.title).toContain('<mark>');
    const sec = await engine.search({ q: '', filters: { status: 'active', category: ['security'], level: [2] }, page: 1, limit: 100 });
    expect(sec.total).toBeGreaterThan(0);
    expect(sec.hits.every((h) => h.category === 'security' && h.level === 2)).toBe(true);
    expect(sec.facets.category).toEqual([{ value: 'security', count: sec.total }]);
    // Browsing lists the bank in catalogue order.
    const all = await engine.search({ q: '', filters: { status: 'active' }, page: 1, limit: 3 });
    expect(all.hits.map((h) => h.key)).toEqual(['RAM-001', 'RAM-002', 'RAM-003']);
  });

  it.each(['x" OR status = "retired', 'gdpr" OR category = "archive', "x' OR 'a' = 'a", 'a\\', ' OR '])(
    'keeps the hostile filter value %j a plain value on the server',
    async (value) => {
      const r = await engine.search({ q: '', filters: { status: 'active', legalSource: [value] }, page: 1, limit: 5 });
      expect(r.total).toBe(0);
    },
  );

  it('raises a failed task with the server’s code', async () => {
    const bad = withHash({ ...(await new TypeOrmSearchDocumentSource(ds).findByKeys(['SIK-001']))[0], key: 'not a valid id!' });
    await expect(engine.upsert([bad])).rejects.toBeInstanceOf(MeiliTaskError);
    await expect(engine.upsert([bad])).rejects.toMatchObject({ code: 'invalid_document_id' });
  });

  it('rebuilds into a fresh index and swaps it in while search keeps answering', async () => {
    const before = (await engine.stats()).documents;
    const rebuilding = engine.rebuild(new TypeOrmSearchDocumentSource(ds).pages(50));
    let done = false;
    void rebuilding.finally(() => (done = true));
    const totals: number[] = [];
    while (!done) {
      totals.push((await engine.search({ q: '', filters: { status: 'active' }, page: 1, limit: 1 })).total);
      await sleep(5);
    }
    expect(await rebuilding).toMatchObject({ documents: before });
    expect(totals.every((n) => n > 0)).toBe(true);
    const hashes: string[] = [];
    for await (const page of engine.hashes(100)) hashes.push(...page.map((h) => h.key));
    expect(hashes.length).toBe(before);
  });
});

describeWithServer('the whole application with MEILI_URL set', () => {
  let t: TestApp;
  const index = `kravbank_test_app_${randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    t = await createTestApp({
      MEILI_URL: url!,
      MEILI_INDEX: index,
      ...(process.env.MEILI_API_KEY ? { MEILI_API_KEY: process.env.MEILI_API_KEY } : {}),
    });
    await t.app.get(SearchSyncService).ready();
  });
  afterAll(async () => {
    const client = new OfficialMeiliClient({ url: url!, apiKey: process.env.MEILI_API_KEY });
    await t?.close();
    if (await client.getIndex(index)) await client.waitForTask((await client.deleteIndex(index)).taskUid, 30_000);
  });

  it('indexes the seed through the outbox and answers GET /api/search', async () => {
    const res = await t.http().get('/api/search?q=logning%20af%20opslag').expect(200);
    expect(res.body.engine).toBe('meilisearch');
    expect(res.body.hits[0].key).toBe('SIK-025');
    const status = await t.http().get('/api/search/status').expect(200);
    expect(status.body).toMatchObject({ engine: 'meilisearch', healthy: true });
  });
});
