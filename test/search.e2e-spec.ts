import { jest } from '@jest/globals';
import { CatalogueWriter } from '../libs/catalogue/src/catalogue-writer.js';
import type { RequirementContent } from '../libs/catalogue/src/model.js';
import { SearchDocumentSource } from '../libs/search/src/document-source.js';
import type { SearchDocument } from '../libs/search/src/model.js';
import { PostgresSearchEngine } from '../libs/search/src/postgres/postgres-search.engine.js';
import { loadSearchVocabulary } from '../libs/search/src/search-data.js';
import { SearchEngine } from '../libs/search/src/search-engine.js';
import { SearchReconciler } from '../libs/search/src/sync/search-reconciler.js';
import { SearchOutbox } from '../libs/search/src/sync/search-outbox.js';
import { SEARCH_TOPICS, SearchSyncService } from '../libs/search/src/sync/search-sync.service.js';
import { createTestApp, type TestApp } from './setup/test-app.js';

/** A requirement's search document for a test of its own, with only what the test is about given. */
function testDocument(key: string, version: number, given: Pick<SearchDocument, 'title' | 'statement' | 'browseOrder'>): SearchDocument {
  return {
    key,
    category: 'security',
    rationale: '',
    guidance: '',
    tags: [],
    legalSources: [],
    legalSourceTitles: [],
    level: 1,
    obligation: 'minimum',
    status: 'active',
    version,
    publishedAt: new Date().toISOString(),
    hash: `${key}-${version}`.padEnd(64, '0'),
    ...given,
  };
}

const PROBLEM = /application\/problem\+json/;

interface Hit {
  key: string;
  version: number;
  title: string;
  category: string;
  level: number;
  highlights: { title: string; statement: string };
}
interface Facet {
  value: string | number;
  count: number;
  title?: string;
}

const content = (over: Partial<RequirementContent> = {}): RequirementContent => ({
  title: 'Kvantesikker kryptering af arkivdata',
  statement: 'Leverandøren skal anvende kvantesikre algoritmer, når data <arkiveres> & sendes til "langtidslager", og føre adgangslogning.',
  rationale: 'Data, der bevares i årtier, skal kunne modstå fremtidige angreb.',
  guidance: 'Bruges ved løsninger med lang opbevaring af følsomme oplysninger.',
  verification: 'Tilbudsgiver beskriver algoritmerne og deres standardisering.',
  level: 3,
  obligation: 'evaluated',
  tags: ['kryptering', 'kvantesikkerhed'],
  legalSources: [{ id: 'iso-27001-2022', section: 'A.8.24' }],
  ...over,
});

describe('search (e2e, Postgres engine)', () => {
  let t: TestApp;
  let sync: SearchSyncService;

  const search = async (query: string) => {
    const res = await t.http().get(`/api/search${query}`).expect(200);
    return res.body as { engine: string; total: number; page: number; limit: number; hits: Hit[]; facets: Record<string, Facet[]> };
  };
  const keys = (hits: Hit[]) => hits.map((h) => h.key);
  const indexedCount = async () => Number((await t.db.query(`SELECT count(*) AS n FROM search_document`))[0].n);
  const activeCount = async () => Number((await t.db.query(`SELECT count(*) AS n FROM search_document WHERE status = 'active'`))[0].n);

  beforeAll(async () => {
    t = await createTestApp();
    sync = t.app.get(SearchSyncService);
    await sync.ready();
    await sync.drain();
  });
  afterAll(async () => {
    await t.close();
  });

  describe('the index after start-up', () => {
    it('holds every requirement the seed published, delivered through the outbox', async () => {
      const [{ n: requirements }] = await t.db.query(`SELECT count(*)::int AS n FROM requirement`);
      expect(requirements).toBeGreaterThanOrEqual(120);
      expect(await indexedCount()).toBe(requirements);
      const [events] = await t.db.query(
        `SELECT count(*)::int AS total, count(*) FILTER (WHERE delivered_at IS NULL)::int AS pending FROM outbox_event WHERE topic = ANY($1)`,
        [SEARCH_TOPICS],
      );
      expect(events.total).toBeGreaterThanOrEqual(requirements);
      expect(events.pending).toBe(0);
      const status = await t.http().get('/api/search/status').expect(200);
      expect(status.body).toMatchObject({
        engine: 'postgres',
        healthy: true,
        documents: requirements,
        sync: { worker: 'running', ready: true, backlog: { due: 0 } },
      });
    });
  });

  describe('GET /api/search', () => {
    it('finds "logning af opslag" with SIK-025 first and the matched words marked', async () => {
      const body = await search('?q=logning%20af%20opslag');
      expect(body).toMatchObject({ engine: 'postgres', page: 1, limit: 20 });
      expect(body.hits[0]).toMatchObject({ key: 'SIK-025', version: 1, category: 'security', level: 2 });
      expect(body.hits[0].title).toBe('Logning af opslag i personoplysninger');
      expect(body.hits[0].highlights.title).toBe('<mark>Logning</mark> af <mark>opslag</mark> i personoplysninger');
      expect(body.hits[0].highlights.statement).toMatch(/<mark>[^<]+<\/mark>/);
      expect(body.total).toBe(body.hits.length);
    });

    it('matches inflections, compounds, abbreviations and typos', async () => {
      expect(keys((await search('?q=krypteret')).hits).slice(0, 3)).toEqual(expect.arrayContaining(['SIK-021', 'SIK-022']));
      expect(keys((await search('?q=MFA')).hits)[0]).toBe('SIK-017');
      expect(keys((await search('?q=arkivversion')).hits)[0]).toBe('ARK-004');
      expect(keys((await search('?q=penetrationstets')).hits)[0]).toBe('SIK-037');
      expect(keys((await search('?q=sikkerhedskopi%20genetablering')).hits)[0]).toBe('SIK-032');
    });

    it('finds a requirement by its key, also while the key is being typed', async () => {
      expect(keys((await search('?q=SIK-017')).hits)[0]).toBe('SIK-017');
      expect(keys((await search('?q=sik-17')).hits)[0]).toBe('SIK-017');
      // "ARK-01" may be ARK-001 or the start of ARK-010 … ARK-019; then come texts that mention such a key.
      const typing = await search('?q=ARK-01');
      expect(typing.hits[0].key).toBe('ARK-001');
      expect(keys(typing.hits).slice(1, 11).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `ARK-01${i}`));
      // Then the active requirements whose indexed text names such a key (e.g. ARK-003: "se ARK-014 og ARK-018").
      const mentioning: Array<{ key: string }> = await t.db.query(
        `SELECT r.key FROM requirement r JOIN requirement_version v ON v.requirement_key = r.key AND v.version = r.current_version
          WHERE r.status = 'active' AND r.key NOT LIKE 'ARK-01%'
            AND concat_ws(' ', v.title, v.statement, v.rationale, v.guidance) ~ 'ARK-01[0-9]'`,
      );
      expect(mentioning.length).toBeGreaterThan(0);
      expect(keys(typing.hits).slice(11).sort()).toEqual(mentioning.map((r) => r.key).sort());
      expect(typing.total).toBe(11 + mentioning.length);
    });

    it('browses the bank in catalogue order with facets when q is empty', async () => {
      const body = await search('');
      expect(body.total).toBe(await activeCount()); // browsing leaves retired requirements out
      expect(keys(body.hits).slice(0, 2)).toEqual(['RAM-001', 'RAM-002']);
      expect(body.hits[0].highlights.title).toBe(body.hits[0].title);
      expect(body.hits[0].highlights.statement.length).toBeLessThanOrEqual(260);
      const sum = (f: Facet[]) => f.reduce((a, b) => a + b.count, 0);
      expect(sum(body.facets.category)).toBe(body.total);
      expect(sum(body.facets.level)).toBe(body.total);
      expect(body.facets.category.map((f) => f.value).sort()).toEqual(['archive', 'framework-architecture', 'security']);
      expect(body.facets.level.every((f) => typeof f.value === 'number')).toBe(true);
      expect(body.facets.tag.length).toBeLessThanOrEqual(30);
      const counts = body.facets.tag.map((f) => f.count);
      expect(counts).toEqual([...counts].sort((a, b) => b - a));
      const gdpr = body.facets.legalSource.find((f) => f.value === 'gdpr');
      expect(gdpr).toMatchObject({ title: expect.stringMatching(/\S/), count: expect.any(Number) });
      const blank = await search('?q=%20%20');
      expect(blank.total).toBe(body.total);
    });

    it('filters by category, level, tag and legal source; a repeated filter means any of its values', async () => {
      const sec = await search('?category=security&limit=100');
      expect(sec.hits.every((h) => h.category === 'security')).toBe(true);
      expect(sec.facets.category).toEqual([{ value: 'security', count: sec.total }]);

      const two = await search('?category=security&category=archive&level=3&limit=100');
      expect(two.total).toBeGreaterThan(0);
      expect(two.hits.every((h) => h.level === 3 && ['security', 'archive'].includes(h.category))).toBe(true);
      expect(two.facets.level).toEqual([{ value: 3, count: two.total }]);

      const tagged = await search('?tag=mfa&limit=100');
      expect(keys(tagged.hits).sort()).toEqual(['SIK-017', 'SIK-018']);
      const either = await search('?tag=mfa&tag=sso&limit=100');
      expect(either.total).toBeGreaterThan(tagged.total);

      const law = await search('?q=sletning&legalSource=datatilsynet-sletning&limit=100');
      expect(law.total).toBeGreaterThan(0);
      expect(law.facets.legalSource.find((f) => f.value === 'datatilsynet-sletning')?.count).toBe(law.total);

      const none = await search('?q=MFA&category=archive');
      expect(none).toMatchObject({ total: 0, hits: [] });
    });

    it('pages without overlap and answers past the end with no hits', async () => {
      const p1 = await search('?q=sletning&limit=5');
      const p2 = await search('?q=sletning&limit=5&page=2');
      expect(p1.total).toBeGreaterThan(10);
      expect(p2.total).toBe(p1.total);
      expect(keys(p1.hits).filter((k) => keys(p2.hits).includes(k))).toEqual([]);
      const beyond = await search('?q=sletning&limit=5&page=500');
      expect(beyond).toMatchObject({ total: p1.total, hits: [] });
    });

    async function expectProblem(path: string, field: string) {
      const res = await t.http().get(path);
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(PROBLEM);
      expect(res.body).toMatchObject({ status: 400, code: 'validation_failed' });
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }

    it.each([
      [`/api/search?q=${'a'.repeat(201)}`, 'q'],
      ['/api/search?q=a&q=b', 'q'],
      ['/api/search?category=nope', 'category'],
      ['/api/search?category=security&category=nope', 'category'],
      ['/api/search?level=4', 'level'],
      ['/api/search?level=two', 'level'],
      ['/api/search?tag=Not%20A%20Tag', 'tag'],
      [`/api/search?${Array.from({ length: 11 }, (_, i) => `tag=t${i}`).join('&')}`, 'tag'],
      ['/api/search?legalSource=GDPR!', 'legalSource'],
      ['/api/search?status=gone', 'status'],
      ['/api/search?page=0', 'page'],
      ['/api/search?limit=101', 'limit'],
      ['/api/search?limit=abc', 'limit'],
      ['/api/search?page=200&limit=100', 'page'],
      ['/api/search?foo=bar', 'foo'],
    ])('refuses %s with 400 problem+json naming %s', async (path, field) => {
      await expectProblem(path, field);
    });

    it('never lets query syntax through: quotes, operators and odd characters are plain text', async () => {
      for (const q of ["'", '"', '\\', '!', '&|', "a' | 'b", ':*', '(()', '<->', 'æøå', '–', '🙂']) {
        const res = await t.http().get(`/api/search?q=${encodeURIComponent(q)}`);
        expect([q, res.status]).toEqual([q, 200]);
      }
    });
  });

  describe('keeping the index in step with the catalogue', () => {
    it('indexes a publication made through CatalogueWriter once its transaction commits, via the outbox', async () => {
      const before = Number((await t.db.query(`SELECT count(*) AS n FROM outbox_event WHERE aggregate_key = 'SIK-901'`))[0].n);
      await t.db.transaction((m) =>
        new CatalogueWriter(m).publish({ key: 'SIK-901', category: 'security', content: content(), origin: 'seed', baseVersion: null }),
      );
      const [event] = await t.db.query(`SELECT topic, payload FROM outbox_event WHERE aggregate_key = 'SIK-901' ORDER BY id DESC LIMIT 1`);
      expect(before).toBe(0);
      expect(event).toMatchObject({ topic: 'requirement.published', payload: { key: 'SIK-901', version: 1 } });
      await sync.drain();
      const found = await search('?q=kvantesikker');
      expect(keys(found.hits)).toEqual(['SIK-901']);
      // Text is escaped in highlights; only <mark> is markup.
      expect(found.hits[0].highlights.title).toBe('<mark>Kvantesikker</mark> kryptering af arkivdata');
      expect(found.hits[0].highlights.statement).toContain('&lt;arkiveres&gt; &amp; sendes til &quot;langtidslager&quot;');
      expect(found.hits[0].highlights.statement).not.toMatch(/<(?!\/?mark>)/);
      // A compound that holds a query word counts: "logning" finds "adgangslogning".
      expect(keys((await search('?q=logning&limit=100')).hits)).toContain('SIK-901');
    });

    it('indexes nothing from a transaction that rolled back', async () => {
      await expect(
        t.db.transaction(async (m) => {
          await new CatalogueWriter(m).publish({
            key: 'SIK-902',
            category: 'security',
            content: content({ title: 'Rullet tilbage zebrakrav' }),
            origin: 'seed',
            baseVersion: null,
          });
          throw new Error('abort');
        }),
      ).rejects.toThrow('abort');
      await sync.drain();
      expect((await search('?q=zebrakrav')).total).toBe(0);
      expect(Number((await t.db.query(`SELECT count(*) AS n FROM outbox_event WHERE aggregate_key = 'SIK-902'`))[0].n)).toBe(0);
    });

    it('replaces the document with a new version, and hides a retired requirement unless asked for', async () => {
      await t.db.transaction((m) =>
        new CatalogueWriter(m).publish({
          key: 'SIK-901',
          content: content({ title: 'Kvantesikker kryptering af arkivdata og sikkerhedskopier' }),
          origin: 'seed',
          baseVersion: 1,
        }),
      );
      await sync.drain();
      const v2 = await search('?q=kvantesikker');
      expect(v2.hits).toEqual([
        expect.objectContaining({ key: 'SIK-901', version: 2, title: 'Kvantesikker kryptering af arkivdata og sikkerhedskopier' }),
      ]);

      await t.db.transaction((m) => new CatalogueWriter(m).retire('SIK-901'));
      await sync.drain();
      expect((await search('?q=kvantesikker')).total).toBe(0);
      const retired = await search('?q=kvantesikker&status=retired');
      expect(keys(retired.hits)).toEqual(['SIK-901']);
    });

    it('retries a failed delivery with backoff, recording attempts and the error, and delivers it later', async () => {
      await sync.stop();
      try {
        const outbox = t.app.get(SearchOutbox);
        const source = t.app.get(SearchDocumentSource);
        const engine = t.app.get(SearchEngine);
        const failing = Object.create(engine) as SearchEngine;
        failing.upsert = async () => {
          throw new Error('engine down');
        };
        const broken = new SearchSyncService(failing, source, outbox, t.app.get(SearchReconciler), { worker: false, baseDelayMs: 60_000 });
        await t.db.transaction((m) =>
          new CatalogueWriter(m).publish({
            key: 'ARK-901',
            category: 'archive',
            content: content({ title: 'Okapikrav om arkiv' }),
            origin: 'seed',
            baseVersion: null,
          }),
        );
        const round = await broken.deliverOnce();
        expect(round).toMatchObject({ claimed: 1, delivered: 0, failed: 1 });
        const [row] = await t.db.query(
          `SELECT attempts, last_error, delivered_at, available_at > now() + interval '30 seconds' AS later FROM outbox_event WHERE aggregate_key = 'ARK-901'`,
        );
        expect(row).toMatchObject({ attempts: 1, delivered_at: null, later: true });
        expect(row.last_error).toContain('engine down');
        // Not due yet: a drain leaves it waiting.
        expect(await sync.drain()).toMatchObject({ delivered: 0, waiting: 1 });
        await t.db.query(`UPDATE outbox_event SET available_at = now() WHERE aggregate_key = 'ARK-901'`);
        expect(await sync.drain()).toMatchObject({ delivered: 1, waiting: 0 });
        const [done] = await t.db.query(`SELECT attempts, last_error, delivered_at FROM outbox_event WHERE aggregate_key = 'ARK-901'`);
        expect(done).toMatchObject({ attempts: 2, last_error: null, delivered_at: expect.any(Date) });
        expect(keys((await search('?q=okapikrav')).hits)).toEqual(['ARK-901']);
      } finally {
        sync.start();
      }
    });

    it('lets only one of two workers deliver an event', async () => {
      await sync.stop();
      try {
        const delivered: string[] = [];
        const engine = t.app.get(SearchEngine);
        const slow = Object.create(engine) as SearchEngine;
        slow.upsert = async (docs: SearchDocument[]) => {
          delivered.push(...docs.map((d) => d.key));
          await new Promise((r) => setTimeout(r, 100));
          return engine.upsert(docs);
        };
        const make = () =>
          new SearchSyncService(slow, t.app.get(SearchDocumentSource), t.app.get(SearchOutbox), t.app.get(SearchReconciler), {
            worker: false,
          });
        await t.db.transaction(async (m) => {
          const w = new CatalogueWriter(m);
          await w.publish({
            key: 'RAM-901',
            category: 'framework-architecture',
            content: content({ title: 'Tapirkrav A' }),
            origin: 'seed',
            baseVersion: null,
          });
          await w.publish({
            key: 'RAM-902',
            category: 'framework-architecture',
            content: content({ title: 'Tapirkrav B' }),
            origin: 'seed',
            baseVersion: null,
          });
        });
        const [a, b] = await Promise.all([make().deliverOnce(), make().deliverOnce()]);
        expect(a.claimed + b.claimed).toBe(2);
        expect(delivered.sort()).toEqual(['RAM-901', 'RAM-902']);
        expect((await search('?q=tapirkrav')).total).toBe(2);
      } finally {
        sync.start();
      }
    });

    it('repairs drift: a missing, a stale and a foreign document, and a legal source renamed in the register', async () => {
      await sync.drain();
      const reconciler = t.app.get(SearchReconciler);
      expect(await reconciler.reconcile()).toMatchObject({ missing: 0, changed: 0, removed: 0 });

      await t.db.query(`DELETE FROM search_document WHERE key = 'SIK-017'`);
      await t.db.query(`UPDATE search_document SET doc_hash = repeat('0', 64), title = 'Zyxwvu forældet' WHERE key = 'ARK-001'`);
      await t.db.transaction(async (m) => {
        await m.query(`CREATE TEMP TABLE foreign_doc ON COMMIT DROP AS SELECT * FROM search_document WHERE key = 'SIK-001'`);
        await m.query(`UPDATE foreign_doc SET key = 'SIK-999'`);
        await m.query(`INSERT INTO search_document SELECT * FROM foreign_doc`);
      });
      const [{ n: citing }] = await t.db.query(
        `SELECT count(DISTINCT r.key)::int AS n FROM requirement r JOIN requirement_version v ON v.requirement_key = r.key AND v.version = r.current_version
           JOIN requirement_version_source s ON s.version_id = v.id WHERE s.legal_source_id = 'datatilsynet-sletning'`,
      );
      await t.db.query(
        `UPDATE legal_source SET title = 'Datatilsynets vejledning om struds og sletning' WHERE id = 'datatilsynet-sletning'`,
      );
      expect((await search('?q=MFA')).hits.map((h) => h.key)).not.toContain('SIK-017');

      const report = await reconciler.reconcile();
      expect(report).toMatchObject({ missing: 1, changed: 1 + citing, removed: 1 });
      expect(report.checked).toBe(await indexedCount());
      expect(keys((await search('?q=MFA')).hits)[0]).toBe('SIK-017');
      expect((await search('?q=zyxwvu')).total).toBe(0);
      expect(keys((await search('?q=struds&limit=100')).hits).length).toBe(citing);
      expect(await reconciler.reconcile()).toMatchObject({ missing: 0, changed: 0, removed: 0 });
    });

    it('rebuilds the index from the database while search keeps answering', async () => {
      const total = await indexedCount();
      const browse = (await search('')).total;
      await t.db.query(`DELETE FROM search_document WHERE category = 'archive'`);
      const reconciler = t.app.get(SearchReconciler);
      const rebuilding = reconciler.rebuild();
      const during: number[] = [];
      let done = false;
      void rebuilding.finally(() => (done = true));
      while (!done) {
        during.push((await search('?category=security')).total);
        await new Promise((r) => setTimeout(r, 5));
      }
      const report = await rebuilding;
      expect(report).toMatchObject({ engine: 'postgres', documents: total });
      expect(during.length).toBeGreaterThan(0);
      expect(during.every((n) => n > 40)).toBe(true);
      expect((await search('')).total).toBe(browse);
      expect((await search('?q=arkivversion')).hits[0].key).toBe('ARK-004');
      expect(await reconciler.reconcile()).toMatchObject({ missing: 0, changed: 0, removed: 0 });
    });
  });

  describe('large results (thresholds lowered so that the seed corpus crosses them)', () => {
    const exact = () => new PostgresSearchEngine(t.db, loadSearchVocabulary(), { cacheEntries: 0 });
    const request = (q: string, page = 1, limit = 10) => ({ q, filters: { status: 'active' as const }, page, limit });

    it('ranks only title matches and typed keys above the rest, which follow in catalogue order, and pages through them all', async () => {
      const large = new PostgresSearchEngine(t.db, loadSearchVocabulary(), { cacheEntries: 0, rankAllUpTo: 3 });
      const everyPage = async (engine: PostgresSearchEngine, limit: number) => {
        const hits = [];
        for (let page = 1; ; page++) {
          const result = await engine.search(request('leverandøren data', page, limit));
          hits.push(...result.hits);
          if (page * limit >= result.total) return { total: result.total, hits };
        }
      };
      const all = await everyPage(exact(), 50);
      expect(all.total).toBeGreaterThan(10);
      const { hits: pages } = await everyPage(large, 7);
      // The same hits, each once.
      expect(pages.map((h) => h.key).sort()).toEqual(all.hits.map((h) => h.key).sort());
      // The title highlight marks what the query matched in the title.
      const inTitle = new Set(pages.filter((h) => h.highlights.title.includes('<mark>')).map((h) => h.key));
      expect(inTitle.size).toBeGreaterThan(0);
      expect(inTitle.size).toBeLessThan(pages.length);
      const firstUntitled = pages.findIndex((h) => !inTitle.has(h.key));
      // Title matches first…
      expect(pages.slice(0, firstUntitled).every((h) => inTitle.has(h.key))).toBe(true);
      expect(pages.slice(firstUntitled).some((h) => inTitle.has(h.key))).toBe(false);
      // …then the others in catalogue order.
      const [{ order }] = await t.db.query(
        `SELECT array_agg(key ORDER BY browse_order) AS order FROM search_document WHERE key = ANY($1)`,
        [pages.slice(firstUntitled).map((h) => h.key)],
      );
      expect(pages.slice(firstUntitled).map((h) => h.key)).toEqual(order);
      // A typed key is ranked first among many hits too.
      expect((await large.search(request('SIK-025 leverandøren'))).hits[0].key).toBe('SIK-025');
    });

    it('counts a search expected to match many in one pass: the same total, category and level counts and pages; sampled tag counts', async () => {
      // The planner's statistics must know the bank's size.
      await t.db.query(`ANALYZE search_document`);
      const run = jest.spyOn(PostgresSearchEngine.prototype as unknown as { run: (...args: unknown[]) => Promise<unknown> }, 'run');
      try {
        const options = { cacheEntries: 0, rankAllUpTo: 3, exactFacetsUpTo: 20, facetSampleSize: 10 };
        const kept = new PostgresSearchEngine(t.db, loadSearchVocabulary(), options);
        const onePass = new PostgresSearchEngine(t.db, loadSearchVocabulary(), { ...options, singlePassFrom: 1 });
        for (const limit of [7, 50]) {
          for (let page = 1; page <= 3; page++) {
            const a = await kept.search(request('leverandøren data', page, limit));
            run.mockClear();
            const b = await onePass.search(request('leverandøren data', page, limit));
            expect(run.mock.calls.map((c) => typeof c[3])).toEqual(['number']);
            expect(a.total).toBeGreaterThan(20);
            expect([b.total, b.facets.category, b.facets.level, b.hits]).toEqual([a.total, a.facets.category, a.facets.level, a.hits]);
            expect(b.facetCountsExact).toBe(false);
            const estimated = b.facets.tag.reduce((n, f) => n + f.count, 0);
            const counted = (await exact().search(request('leverandøren data'))).facets.tag.reduce((n, f) => n + f.count, 0);
            expect(estimated).toBeGreaterThan(counted / 3);
            expect(estimated).toBeLessThan(counted * 3);
          }
        }
        // Fewer hits than exactFacetsUpTo after all: they are read again and every count is exact.
        run.mockClear();
        const few = await new PostgresSearchEngine(t.db, loadSearchVocabulary(), { cacheEntries: 0, singlePassFrom: 1 }).search(
          request('leverandøren data', 2, 5),
        );
        expect(run.mock.calls.map((c) => typeof c[3])).toEqual(['number']);
        expect(few).toEqual(await exact().search(request('leverandøren data', 2, 5)));
        expect(few.facetCountsExact).toBe(true);
      } finally {
        run.mockRestore();
      }
    });

    it('looks for no compounds of a word that compoundsBelowDocuments documents contain already', async () => {
      // A requirement that holds "logning" only inside a compound.
      const compound = testDocument('TST-911', 1, {
        title: 'Sporbarhed i fagsystemet',
        statement: 'Leverandøren skal sikre adgangslogning i fagsystemet.',
        browseOrder: 9_100_000,
      });
      const engine = exact();
      await engine.upsert([compound]);
      try {
        const [{ documents }] = await t.db.query(`SELECT documents FROM search_term WHERE word = 'logning'`);
        expect(documents).toBeGreaterThan(0);
        const withCompounds = new PostgresSearchEngine(t.db, loadSearchVocabulary(), {
          cacheEntries: 0,
          compoundsBelowDocuments: documents + 1,
        });
        const without = new PostgresSearchEngine(t.db, loadSearchVocabulary(), { cacheEntries: 0, compoundsBelowDocuments: documents });
        const all = await withCompounds.search(request('logning', 1, 200));
        const plain = await without.search(request('logning', 1, 200));
        // Below the threshold the compound counts; at it, it does not, nor does any other hit that holds "logning" only inside a compound.
        expect(all.hits.map((h) => h.key)).toContain('TST-911');
        expect(plain.hits.map((h) => h.key)).not.toContain('TST-911');
        const dropped = all.hits.filter((h) => !plain.hits.some((p) => p.key === h.key));
        expect(dropped.length).toBe(all.total - plain.total);
        const [{ n }] = await t.db.query(
          `SELECT count(*)::int AS n FROM search_document WHERE key = ANY($1) AND tsv @@ to_tsquery('kravbank_da', 'logning:*')`,
          [dropped.map((h) => h.key)],
        );
        expect(n).toBe(0);
      } finally {
        await engine.delete(['TST-911']);
      }
    });

    it('estimates tag and legal-source counts from a sample of about facetSampleSize past exactFacetsUpTo, and says so; total, category and level stay exact', async () => {
      const sampled = await new PostgresSearchEngine(t.db, loadSearchVocabulary(), {
        cacheEntries: 0,
        exactFacetsUpTo: 20,
        facetSampleSize: 10,
      }).search(request(''));
      const full = await exact().search(request(''));
      expect(full.facetCountsExact).toBe(true);
      expect(sampled.facetCountsExact).toBe(false);
      expect(sampled.total).toBe(full.total);
      expect(sampled.facets.category).toEqual(full.facets.category);
      expect(sampled.facets.level).toEqual(full.facets.level);
      expect(sampled.hits).toEqual(full.hits);
      // One hit in every ceil(total / 10) is counted, and each counted hit stands for that many.
      const every = Math.ceil(full.total / 10);
      expect(sampled.facets.tag.length).toBeGreaterThan(0);
      for (const f of [...sampled.facets.tag, ...sampled.facets.legalSource]) expect(f.count % every).toBe(0);
      const estimated = sampled.facets.tag.reduce((n, f) => n + f.count, 0);
      const counted = full.facets.tag.reduce((n, f) => n + f.count, 0);
      expect(estimated).toBeGreaterThan(counted / 3);
      expect(estimated).toBeLessThan(counted * 3);
    });
  });

  it('goes straight to typo matching when no indexed word can match a typed word', async () => {
    const engine = new PostgresSearchEngine(t.db, loadSearchVocabulary(), { cacheEntries: 0 });
    const run = jest.spyOn(PostgresSearchEngine.prototype as unknown as { run: (...args: unknown[]) => Promise<unknown> }, 'run');
    try {
      // No indexed word starts with "kyr": the exact stage is skipped, the typo stage finds "kryptering".
      const typo = await engine.search({ q: 'kyrptering', filters: { status: 'active' }, page: 1, limit: 5 });
      expect(run).toHaveBeenCalledTimes(1);
      expect(typo.total).toBeGreaterThan(0);
      expect(typo.hits[0].highlights.title + typo.hits[0].highlights.statement).toMatch(/<mark>krypter/i);
      // A word that can match runs the exact stage first, as before.
      run.mockClear();
      await engine.search({ q: 'kryptering', filters: { status: 'active' }, page: 1, limit: 5 });
      expect(run).toHaveBeenCalledTimes(1);
      run.mockClear();
      await engine.search({ q: 'krypteringen sagsnummer', filters: { status: 'active' }, page: 1, limit: 5 });
      expect(run.mock.calls[0][2]).toMatchObject({ mode: 'all', groups: [{ typed: 'krypteringen' }, { typed: 'sagsnummer' }] });
      // Indexed words start with "krypteir" no more than with "kyr", though with "kryp": the
      // stemmer leaves "krypteirng" whole, so nothing can match it and the typo stage comes at once.
      run.mockClear();
      const late = await engine.search({ q: 'krypteirng', filters: { status: 'active' }, page: 1, limit: 5 });
      expect(run).toHaveBeenCalledTimes(1);
      expect(late.hits[0].highlights.title + late.hits[0].highlights.statement).toMatch(/<mark>krypter/i);
    } finally {
      run.mockRestore();
    }
  });

  it('adds words that look like a typed word only to a word no indexed word starts with', async () => {
    const engine = new PostgresSearchEngine(t.db, loadSearchVocabulary(), { cacheEntries: 0 });
    const run = jest.spyOn(PostgresSearchEngine.prototype as unknown as { run: (...args: unknown[]) => Promise<unknown> }, 'run');
    try {
      const result = await engine.search({ q: 'krypteirng adgangslogning', filters: { status: 'active' }, page: 1, limit: 5 });
      expect(result.total).toBeGreaterThan(0);
      // Nothing can match "krypteirng": the first stage is the typo stage.
      const [typoStage] = run.mock.calls.map((c) => c[2] as { mode: string; groups: Array<{ typed: string; broad: string[] }> });
      // The misspelt word gains the indexed words that look like it…
      expect(typoStage.groups[0].broad.length).toBeGreaterThan(1);
      expect(typoStage.groups[0].broad.join(' ')).toContain('kryptering');
      // …the word spelt right keeps what it had.
      expect(typoStage.groups[1].typed).toBe('adgangslogning');
      expect(typoStage.groups[1].broad).toEqual(["'adgangslogning':*"]);
    } finally {
      run.mockRestore();
    }
  });

  it('leaves out the operands and groups that other ones match already, once stemmed, and finds the same hits', async () => {
    const engine = new PostgresSearchEngine(t.db, loadSearchVocabulary(), { cacheEntries: 0 });
    type Group = { typed: string; broad: string[]; strict: string[] };
    const simplify = jest.spyOn(
      PostgresSearchEngine.prototype as unknown as { withoutCovered: (...args: unknown[]) => Promise<Group[]> },
      'withoutCovered',
    );
    const count = async (tsquery: string) =>
      (
        await t.db.query(
          `SELECT count(*)::int AS n FROM search_document WHERE status = 'active' AND tsv @@ to_tsquery('kravbank_da', $1)`,
          [tsquery],
        )
      )[0].n as number;
    const combined = (groups: Group[]) => groups.map((g) => `(${g.broad.join(' | ')})`).join(' & ');
    try {
      // The typo stage adds inflections of one word ("leverandøren", "leverandørens", …): one stem is enough.
      const typo = await engine.search({ q: 'leveerandøren', filters: { status: 'active' }, page: 1, limit: 5 });
      const asked = simplify.mock.calls.at(-1)![1] as Group[];
      const kept = (await simplify.mock.results.at(-1)!.value) as Group[];
      expect(kept[0].broad.length).toBeLessThan(asked[0].broad.length);
      expect(await count(combined(kept))).toBe(await count(combined(asked)));
      expect(typo.total).toBe(await count(combined(asked)));
      // A word that another word of the query implies ("logningen" once "logning" is there) is left out, but still ranks.
      simplify.mockClear();
      const both = await engine.search({ q: 'logning logningen', filters: { status: 'active' }, page: 1, limit: 5 });
      const [groups, mode] = simplify.mock.calls[0].slice(1) as [Group[], string];
      const left = (await simplify.mock.results[0].value) as Group[];
      expect([groups.length, mode, left.length]).toEqual([2, 'all', 1]);
      expect(left[0].strict.join(' ')).toContain('logningen');
      expect(both.total).toBe(await count(combined(groups)));
      expect(both.total).toBeGreaterThan(0);
    } finally {
      simplify.mockRestore();
    }
  });

  it('counts for each indexed word the documents that hold it, once per document, however often it is indexed again', async () => {
    const engine = new PostgresSearchEngine(t.db, loadSearchVocabulary(), { cacheEntries: 0 });
    const documentsWith = async (word: string) =>
      ((await t.db.query(`SELECT documents FROM search_term WHERE word = $1`, [word])) as Array<{ documents: number }>).map(
        (r) => r.documents,
      );
    const doc = (key: string, version: number) =>
      testDocument(key, version, {
        title: 'Zebrafiskeovervågning',
        statement: 'Leverandøren skal overvåge zebrafiskeovervågning og zebrafiskeovervågning igen.',
        browseOrder: 9_000_000 + version,
      });
    try {
      expect(await documentsWith('zebrafiskeovervagning')).toEqual([]);
      await engine.upsert([doc('TST-901', 1)]);
      expect(await documentsWith('zebrafiskeovervagning')).toEqual([1]);
      await engine.upsert([doc('TST-901', 2)]);
      expect(await documentsWith('zebrafiskeovervagning')).toEqual([1]);
      await engine.upsert([doc('TST-902', 1), doc('TST-903', 1)]);
      expect(await documentsWith('zebrafiskeovervagning')).toEqual([3]);
      // A rebuild counts afresh, from the documents the catalogue holds.
      await engine.delete(['TST-901', 'TST-902', 'TST-903']);
      await t.app.get(SearchReconciler).rebuild();
      expect(await documentsWith('zebrafiskeovervagning')).toEqual([]);
      const [{ n }] = await t.db.query(
        `SELECT count(*)::int AS n FROM search_document WHERE tsv @@ to_tsquery('kravbank_da', 'kryptering')`,
      );
      const [counted] = await documentsWith('kryptering');
      expect(counted).toBeGreaterThan(0);
      expect(counted).toBeLessThanOrEqual(n);
    } finally {
      await engine.delete(['TST-901', 'TST-902', 'TST-903']);
    }
  });

  it('serves a repeated search from its cache only while the index is unchanged', async () => {
    const engine = new PostgresSearchEngine(t.db, loadSearchVocabulary(), { cacheMinMs: 0 });
    const request = { q: 'multifaktor', filters: { status: 'active' as const }, page: 1, limit: 5 };
    const first = await engine.search(request);
    expect(first.hits[0].key).toBe('SIK-017');
    // run() is where a stage's query is built and sent.
    const run = jest.spyOn(PostgresSearchEngine.prototype as unknown as { run: () => Promise<unknown> }, 'run');
    try {
      expect(await engine.search(request)).toEqual(first);
      expect(run).not.toHaveBeenCalled();
      // Any change to the index (here straight in the table, as another process might) ends the cached result.
      await t.db.query(`UPDATE search_document SET title = 'Multifaktor for alle, zebra' WHERE key = 'SIK-017'`);
      const after = await engine.search(request);
      expect(run).toHaveBeenCalled();
      expect(after.hits[0].title).toBe('Multifaktor for alle, zebra');
    } finally {
      run.mockRestore();
      await t.app.get(SearchReconciler).reconcile();
    }
  });

  it('documents the search route in OpenAPI', async () => {
    const res = await t.http().get('/docs-json').expect(200);
    expect(Object.keys(res.body.paths)).toEqual(expect.arrayContaining(['/api/search', '/api/search/status']));
    const params = res.body.paths['/api/search'].get.parameters.map((p: { name: string }) => p.name);
    expect(params).toEqual(expect.arrayContaining(['q', 'category', 'level', 'tag', 'legalSource', 'page', 'limit']));
    const ok = res.body.paths['/api/search'].get.responses['200'].content['application/json'].schema.$ref as string;
    expect(res.body.components.schemas[ok.split('/').pop()!].properties).toEqual(
      expect.objectContaining({ engine: expect.anything(), total: expect.anything(), hits: expect.anything(), facets: expect.anything() }),
    );
    expect(Object.keys(res.body.paths['/api/search'].get.responses)).toEqual(expect.arrayContaining(['200', '400', '503']));
  });
});

describe('search (e2e) with a Meilisearch server that does not answer', () => {
  let t: TestApp;

  beforeAll(async () => {
    // Nothing listens on port 9 of this host: every request to it is refused at once.
    t = await createTestApp({ MEILI_URL: 'http://127.0.0.1:9', MEILI_INDEX: 'unreachable' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('starts anyway, answers searches with 503 problem+json, and reports the engine unhealthy', async () => {
    const res = await t.http().get('/api/search?q=MFA');
    expect(res.status).toBe(503);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(res.body).toMatchObject({ status: 503, code: 'search_unavailable', engine: 'meilisearch' });
    expect(res.body.detail).toContain('/api/requirements');
    const status = await t.http().get('/api/search/status').expect(200);
    expect(status.body).toMatchObject({ engine: 'meilisearch', healthy: false, documents: 0 });
    await t.http().get('/api/requirements?limit=1').expect(200);
  });
});
