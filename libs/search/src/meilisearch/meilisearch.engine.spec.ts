import { FakeMeiliClient } from '../../../../test/factories/fake-meili-client.js';
import { withHash } from '../document.js';
import { MARK_END, MARK_START } from '../highlight.js';
import type { SearchDocument } from '../model.js';
import { SearchVocabulary } from '../search-data.js';
import { SearchEngineUnavailable } from '../search-engine.js';
import { MeilisearchEngine, MeiliTaskError } from './meilisearch.engine.js';
import { desiredSettings, settingsDrift } from './meili-settings.js';

const vocabulary = new SearchVocabulary(
  [
    ['mfa', 'multifaktor', 'to-faktor'],
    ['log', 'logning'],
  ],
  new Set(['og', 'af']),
);

const doc = (key: string, over: Partial<SearchDocument> = {}): SearchDocument =>
  withHash({
    key,
    category: 'security',
    title: `Titel ${key}`,
    statement: 'Leverandøren skal logge opslag.',
    rationale: 'Fordi.',
    guidance: 'Brug det.',
    tags: ['logning'],
    legalSources: ['gdpr'],
    legalSourceTitles: ['Databeskyttelsesforordningen'],
    level: 2,
    obligation: 'minimum',
    status: 'active',
    version: 1,
    publishedAt: '2026-01-01T00:00:00.000Z',
    browseOrder: 20_000_001,
    ...over,
  });

async function* batches(...lists: SearchDocument[][]): AsyncIterable<SearchDocument[]> {
  for (const l of lists) yield l;
}

describe('Meilisearch engine (against a fake of its client port)', () => {
  let client: FakeMeiliClient;
  let engine: MeilisearchEngine;

  beforeEach(() => {
    client = new FakeMeiliClient();
    engine = new MeilisearchEngine(client, vocabulary, { index: 'requirements', taskTimeoutMs: 1000, batchSize: 2 });
  });

  describe('settings', () => {
    it('creates the index with key as primary key and applies the settings at start', async () => {
      await engine.prepare();
      const index = client.indexes.get('requirements')!;
      expect(index.primaryKey).toBe('key');
      expect(index.settings.searchableAttributes).toEqual([
        'key',
        'title',
        'statement',
        'rationale',
        'guidance',
        'tags',
        'legalSourceTitles',
        'legalSources',
      ]);
      expect([...(index.settings.filterableAttributes as string[])].sort()).toEqual([
        'category',
        'legalSources',
        'level',
        'obligation',
        'status',
        'tags',
      ]);
      expect(index.settings.typoTolerance).toMatchObject({ disableOnAttributes: ['key'] });
      expect(index.settings.stopWords).toEqual(['af', 'og']);
      expect(index.settings.synonyms).toEqual({
        mfa: ['multifaktor', 'to-faktor'],
        multifaktor: ['mfa', 'to-faktor'],
        'to-faktor': ['mfa', 'multifaktor'],
        log: ['logning'],
        logning: ['log'],
      });
    });

    it('is idempotent: a second start changes nothing', async () => {
      await engine.prepare();
      client.calls.length = 0;
      await engine.prepare();
      expect(client.calls).toEqual(['getIndex requirements']);
    });

    it('re-applies the settings when they drifted, and only then', async () => {
      await engine.prepare();
      client.indexes.get('requirements')!.settings.stopWords = ['og'];
      client.calls.length = 0;
      expect(await engine.ensureSettings('requirements')).toEqual(['stopWords']);
      expect(client.calls).toEqual(['updateSettings requirements']);
    });

    it('compares settings the way the server returns them (order of sets and synonym lists does not matter)', () => {
      const desired = desiredSettings(vocabulary);
      const shuffled = {
        ...desired,
        filterableAttributes: [...(desired.filterableAttributes as string[])].reverse(),
        stopWords: [...desired.stopWords!].reverse(),
        synonyms: Object.fromEntries(Object.entries(desired.synonyms!).map(([k, v]) => [k.toUpperCase(), [...v].reverse()])),
        rankingRules: ['words', 'typo'],
      };
      expect(settingsDrift(shuffled, desired)).toEqual([]);
      expect(settingsDrift({ ...shuffled, searchableAttributes: ['title', 'key'] }, desired)).toEqual(['searchableAttributes']);
      expect(settingsDrift({}, desired).length).toBeGreaterThan(5);
    });

    it('refuses an existing index that is not a Kravbank index', async () => {
      await client.createIndex('requirements', 'id').then((t) => client.waitForTask(t.taskUid, 10));
      await expect(engine.prepare()).rejects.toThrow(/primary key 'id'.*MEILI_INDEX/);
    });
  });

  describe('tasks', () => {
    it('raises a failed task with its code and message', async () => {
      await engine.prepare();
      client.forced.push({ code: 'invalid_document_id', message: 'Document identifier `a b` is invalid.' });
      const error = await engine.upsert([doc('SIK-001')]).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MeiliTaskError);
      expect(error).toMatchObject({ code: 'invalid_document_id' });
      expect((error as Error).message).toMatch(
        /could not add 1 document\(s\) to index requirements: task \d+ failed \(invalid_document_id: Document identifier `a b` is invalid\.\)/,
      );
    });

    it('raises a task that does not finish in time', async () => {
      await engine.prepare();
      client.forced.push('hang');
      await expect(engine.delete(['SIK-001'])).rejects.toThrow(
        /did not delete 1 document\(s\) from index requirements within 1000 ms \(task \d+\)/,
      );
    });

    it('raises a failed settings update at start instead of carrying on', async () => {
      client.forced.push({ code: 'index_creation_failed', message: 'disk full' }); // the index creation
      await expect(engine.prepare()).rejects.toThrow(/could not create index requirements.*index_creation_failed: disk full/);
    });
  });

  describe('documents', () => {
    it('stores the search document as it is, in batches, keyed by requirement key', async () => {
      await engine.prepare();
      const docs = [
        doc('SIK-001'),
        doc('SIK-002'),
        doc('SIK-003', { status: 'retired', legalSources: ['gdpr', 'nis2'], legalSourceTitles: ['GDPR', 'NIS2'] }),
      ];
      await engine.upsert(docs);
      expect(client.calls.filter((c) => c.startsWith('addDocuments'))).toEqual([
        'addDocuments requirements 2',
        'addDocuments requirements 1',
      ]);
      const stored = client.indexes.get('requirements')!.documents;
      expect([...stored.keys()]).toEqual(['SIK-001', 'SIK-002', 'SIK-003']);
      expect(stored.get('SIK-003')).toEqual({ ...docs[2] });
      expect(Object.keys(stored.get('SIK-001')!).sort()).toEqual(
        [
          'browseOrder',
          'category',
          'guidance',
          'hash',
          'key',
          'legalSourceTitles',
          'legalSources',
          'level',
          'obligation',
          'publishedAt',
          'rationale',
          'statement',
          'status',
          'tags',
          'title',
          'version',
        ].sort(),
      );
      await engine.delete(['SIK-002']);
      expect([...stored.keys()]).toEqual(['SIK-001', 'SIK-003']);
    });

    it('pages through key and hash for the reconciler', async () => {
      await engine.prepare();
      const docs = ['A-001', 'A-002', 'A-003', 'A-004', 'A-005'].map((k) => doc(k));
      await engine.upsert(docs);
      const pages: string[][] = [];
      for await (const page of engine.hashes(2))
        pages.push(page.map((h) => `${h.key}:${h.hash === docs.find((d) => d.key === h.key)!.hash}`));
      expect(pages).toEqual([['A-001:true', 'A-002:true'], ['A-003:true', 'A-004:true'], ['A-005:true']]);
    });
  });

  describe('search', () => {
    beforeEach(async () => {
      await engine.prepare();
    });

    it('asks for the page, the whitelisted filter, the facets and marked highlights', async () => {
      await engine.search({
        q: ' logning ',
        filters: { status: 'active', category: ['security'], level: [2, 3], tag: ['x" OR status = "retired'] },
        page: 3,
        limit: 10,
      });
      expect(client.searches).toEqual([
        {
          uid: 'requirements',
          q: 'logning',
          params: expect.objectContaining({
            page: 3,
            hitsPerPage: 10,
            filter: ['status = "active"', ['category = "security"'], ['level = 2', 'level = 3'], ['tags = "x\\" OR status = \\"retired"']],
            facets: ['category', 'level', 'tags', 'legalSources'],
            attributesToHighlight: ['title', 'statement'],
            attributesToCrop: ['statement'],
            highlightPreTag: MARK_START,
            highlightPostTag: MARK_END,
          }),
        },
      ]);
      expect(client.searches[0].params.sort).toBeUndefined();
    });

    it('browses in catalogue order when the query is empty', async () => {
      await engine.search({ q: '', filters: { status: 'active' }, page: 1, limit: 20 });
      expect(client.searches[0].params.sort).toEqual(['browseOrder:asc']);
    });

    it('maps hits, escaped highlights and facets (most frequent first, bounded, levels as numbers)', async () => {
      client.searchResponse = {
        totalHits: 57,
        hits: [
          {
            key: 'SIK-025',
            version: 2,
            title: 'Logning af opslag',
            category: 'security',
            level: 2,
            statement: 'Løsningen skal logge <alt> & mere.',
            _formatted: {
              title: `${MARK_START}Logning${MARK_END} af opslag`,
              statement: `…skal ${MARK_START}logge${MARK_END} <alt> & mere.`,
            },
          },
        ],
        facetDistribution: {
          category: { security: 40, archive: 17 },
          level: { '1': 5, '2': 50, '3': 2 },
          tags: Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`t${String(i).padStart(2, '0')}`, i + 1])),
          legalSources: { gdpr: 30 },
        },
      };
      const r = await engine.search({ q: 'log', filters: { status: 'active' }, page: 1, limit: 20 });
      expect(r).toMatchObject({ engine: 'meilisearch', total: 57, page: 1, limit: 20 });
      expect(r.hits).toEqual([
        {
          key: 'SIK-025',
          version: 2,
          title: 'Logning af opslag',
          category: 'security',
          level: 2,
          highlights: { title: '<mark>Logning</mark> af opslag', statement: '…skal <mark>logge</mark> &lt;alt&gt; &amp; mere.' },
        },
      ]);
      expect(r.facets.category).toEqual([
        { value: 'security', count: 40 },
        { value: 'archive', count: 17 },
      ]);
      expect(r.facets.level).toEqual([
        { value: 2, count: 50 },
        { value: 1, count: 5 },
        { value: 3, count: 2 },
      ]);
      expect(r.facets.tag).toHaveLength(30);
      expect(r.facets.tag[0]).toEqual({ value: 't39', count: 40 });
      expect(r.facets.legalSource).toEqual([{ value: 'gdpr', count: 30 }]);
    });

    it('reports an unreachable server as unavailable', async () => {
      client.searchError = new Error('fetch failed');
      await expect(engine.search({ q: 'x', filters: { status: 'active' }, page: 1, limit: 20 })).rejects.toBeInstanceOf(
        SearchEngineUnavailable,
      );
    });
  });

  describe('rebuild', () => {
    it('fills a fresh index with the settings, swaps it in and deletes the old one', async () => {
      await engine.prepare();
      await engine.upsert([doc('OLD-001')]);
      client.calls.length = 0;
      const report = await engine.rebuild(batches([doc('SIK-001'), doc('SIK-002')], [doc('SIK-003')]));
      expect(report).toMatchObject({ engine: 'meilisearch', documents: 3 });
      const fresh = client.calls[0].split(' ')[1];
      expect(fresh).toMatch(/^requirements_rebuild_\d+$/);
      expect(client.calls).toEqual([
        `createIndex ${fresh}`,
        `updateSettings ${fresh}`,
        `addDocuments ${fresh} 2`,
        `addDocuments ${fresh} 1`,
        'getIndex requirements',
        `swapIndexes requirements ${fresh}`,
        `deleteIndex ${fresh}`,
      ]);
      expect([...client.indexes.keys()]).toEqual(['requirements']);
      const live = client.indexes.get('requirements')!;
      expect([...live.documents.keys()]).toEqual(['SIK-001', 'SIK-002', 'SIK-003']);
      expect(settingsDrift(live.settings, desiredSettings(vocabulary))).toEqual([]);
    });

    it('creates the live index first when there is none, so the swap can happen', async () => {
      await engine.rebuild(batches([doc('SIK-001')]));
      expect([...client.indexes.get('requirements')!.documents.keys()]).toEqual(['SIK-001']);
    });

    it('leaves the live index untouched and removes the half-built one when a batch fails', async () => {
      await engine.prepare();
      await engine.upsert([doc('OLD-001')]);
      // create, settings, first batch succeed; the second batch fails
      const failing = async function* () {
        yield [doc('SIK-001'), doc('SIK-002')];
        client.forced.push({ code: 'payload_too_large', message: 'too big' });
        yield [doc('SIK-003')];
      };
      await expect(engine.rebuild(failing())).rejects.toThrow(/payload_too_large/);
      expect([...client.indexes.keys()]).toEqual(['requirements']);
      expect([...client.indexes.get('requirements')!.documents.keys()]).toEqual(['OLD-001']);
      expect(client.calls.some((c) => c.startsWith('swapIndexes'))).toBe(false);
    });
  });

  it('reports health and the number of documents', async () => {
    await engine.prepare();
    await engine.upsert([doc('SIK-001')]);
    expect(await engine.stats()).toEqual({ engine: 'meilisearch', healthy: true, documents: 1 });
    client.healthy = false;
    expect(await engine.stats()).toMatchObject({ healthy: false, problem: 'connect ECONNREFUSED' });
  });
});
