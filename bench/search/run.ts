/**
 * Search benchmark, Postgres engine: for each size (10,000 and 100,000 synthetic
 * requirements whose texts are mixed from the seed's own wording) the time to build the
 * index from the database, a reconcile without drift, and p50/p95 over 300 searches each
 * of (a) 1–3 word queries, (b) queries with a typo, (c) facet-only browsing: first with the
 * engine's result cache off (every search does the full work), then the same sequence of
 * searches with the cache on (repeated expensive searches are served from memory).
 *
 *   npm run bench:search                 (SIZES=10000,100000 QUERIES=300 by default)
 */
import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { seedDir } from '../../libs/common/src/paths.js';
import { readSeed } from '../../libs/catalogue/src/seed/corpus.js';
import { seedFromDir } from '../../libs/catalogue/src/seed/seed-runner.js';
import { withDatabase } from '../../libs/database/src/data-source.js';
import { startEmbeddedPostgres } from '../../libs/database/src/embedded.js';
import { appDataSource, createDatabaseIfMissing, migrate } from '../../libs/database/src/prepare.js';
import type { SearchFilters, SearchRequest } from '../../libs/search/src/model.js';
import { PostgresSearchEngine } from '../../libs/search/src/postgres/postgres-search.engine.js';
import { loadSearchVocabulary } from '../../libs/search/src/search-data.js';
import { SearchReconciler } from '../../libs/search/src/sync/search-reconciler.js';
import { TypeOrmSearchOutbox } from '../../libs/search/src/sync/typeorm-search-outbox.js';
import { TypeOrmSearchDocumentSource } from '../../libs/search/src/typeorm-document-source.js';
import { tokenize } from '../../libs/search/src/tokens.js';
import { ms, printTable, rng, stats, time, type Stats } from '../lib.js';
import { loadSyntheticCatalogue, type SyntheticTexts } from '../catalogue/synthetic.js';

const SIZES = (process.env.SIZES ?? '10000,100000').split(',').map(Number);
const QUERIES = Number(process.env.QUERIES ?? 300);
const GOAL_MS: Record<number, number> = { 10_000: 30, 100_000: 100 };
const CATEGORIES = ['framework-architecture', 'security', 'archive'] as const;

/** The seed's wording, cut into the pieces the synthetic loader mixes. */
function seedTexts(): SyntheticTexts & { titleWords: string[][] } {
  const { corpus } = readSeed(seedDir());
  const sentences = corpus.requirements.flatMap((r) =>
    [r.content.statement, r.content.rationale, r.content.guidance].flatMap((t) => t.split(/(?<=\.)\s+/).filter((s) => s.length > 30)),
  );
  const stop = loadSearchVocabulary().stopWords;
  return {
    titles: corpus.requirements.map((r) => r.content.title),
    sentences,
    tags: [...new Set(corpus.requirements.flatMap((r) => r.content.tags))],
    legalSources: corpus.legalSources.map((s) => s.id),
    titleWords: corpus.requirements
      .map((r) => tokenize(r.content.title).filter((w) => w.length >= 3 && !stop.has(w)))
      .filter((w) => w.length > 0),
  };
}

/** One letter dropped, doubled or swapped with its neighbour: what a hurried procurer types. */
function typo(word: string, random: () => number): string {
  const i = 1 + Math.floor(random() * (word.length - 2));
  switch (Math.floor(random() * 3)) {
    case 0:
      return word.slice(0, i) + word.slice(i + 1);
    case 1:
      return word.slice(0, i) + word[i] + word.slice(i);
    default:
      return word.slice(0, i - 1) + word[i] + word[i - 1] + word.slice(i + 1);
  }
}

function workloads(texts: ReturnType<typeof seedTexts>, random: () => number): Record<string, () => SearchRequest> {
  const any = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  const base = (q: string, filters: Partial<SearchFilters> = {}): SearchRequest => ({
    q,
    filters: { status: 'active', ...filters },
    page: 1,
    limit: 20,
  });
  return {
    '(a) 1–3 words': () => {
      const words = any(texts.titleWords);
      const n = 1 + Math.floor(random() * Math.min(3, words.length));
      const start = Math.floor(random() * (words.length - n + 1));
      return base(words.slice(start, start + n).join(' '));
    },
    '(b) a typo': () => {
      const long = texts.titleWords.flat().filter((w) => w.length >= 7);
      const words = [typo(any(long), random)];
      if (random() < 0.4) words.push(any(texts.titleWords.flat()));
      return base(words.join(' '));
    },
    '(c) facets only': () => {
      const filters: Partial<SearchFilters> = { category: [any(CATEGORIES)] };
      if (random() < 0.5) filters.level = [1 + Math.floor(random() * 3)] as SearchFilters['level'];
      if (random() < 0.4) filters.tag = [any(texts.tags)];
      if (random() < 0.2) filters.legalSource = [any(texts.legalSources)];
      return base('', filters);
    },
  };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kravbank-bench-search-'));
  const pg = await startEmbeddedPostgres(dir);
  const texts = seedTexts();
  const vocabulary = loadSearchVocabulary();
  const rows: Array<Record<string, string | number>> = [];
  const builds: Array<Record<string, string | number>> = [];
  const verdicts: string[] = [];
  try {
    for (const n of SIZES) {
      const name = `kravbank_search_${n}`;
      await createDatabaseIfMissing(pg.url, name);
      const ds = appDataSource(withDatabase(pg.url, name), 4);
      await ds.initialize();
      await migrate(ds);
      await seedFromDir(ds, seedDir());
      const [, loadMs] = await time(() => loadSyntheticCatalogue(ds, n, 1, texts));
      const source = new TypeOrmSearchDocumentSource(ds);
      const engine = new PostgresSearchEngine(ds, vocabulary, { cacheEntries: 0 });
      const reconciler = new SearchReconciler(engine, source, new TypeOrmSearchOutbox(ds));
      const [built, buildMs] = await time(() => reconciler.rebuild());
      const [, reconcileMs] = await time(() => reconciler.reconcile());
      // Write the build's dirty pages out now, so that the checkpoint does not land on the searches measured next.
      await ds.query('CHECKPOINT');
      const [{ size }] = await ds.query(
        `SELECT pg_size_pretty(pg_total_relation_size('search_document') + pg_total_relation_size('search_term')) AS size`,
      );
      const [{ words }] = await ds.query(`SELECT count(*)::int AS words FROM search_term`);
      builds.push({
        requirements: built.documents,
        'load (SQL)': ms(loadMs),
        'index build': ms(buildMs),
        'reconcile, no drift': ms(reconcileMs),
        'index size': size,
        'distinct words': words,
      });

      const warm = workloads(texts, rng(1));
      for (const make of Object.values(warm)) for (let i = 0; i < 30; i++) await engine.search(make());
      const goal = GOAL_MS[n];
      for (const cache of ['off', 'on'] as const) {
        // The same searches in the same order for both runs.
        const kinds = workloads(texts, rng(n));
        const searcher = cache === 'off' ? engine : new PostgresSearchEngine(ds, vocabulary, { cacheEntries: 500 });
        const samples: Record<string, number[]> = Object.fromEntries(Object.keys(kinds).map((k) => [k, []]));
        const totals: Record<string, number[]> = Object.fromEntries(Object.keys(kinds).map((k) => [k, []]));
        // Interleave the kinds so that noise on the machine falls on all of them alike.
        for (let i = 0; i < QUERIES; i++) {
          for (const [kind, make] of Object.entries(kinds)) {
            const request = make();
            const [result, took] = await time(() => searcher.search(request));
            samples[kind].push(took);
            totals[kind].push(result.total);
          }
        }
        for (const [kind, s] of Object.entries(samples)) {
          const st: Stats = stats(s);
          const hits = stats(totals[kind]);
          rows.push({
            requirements: n,
            cache,
            workload: kind,
            p50: ms(st.p50),
            p95: ms(st.p95),
            p99: ms(st.p99),
            max: ms(st.max),
            'median total hits': hits.p50,
          });
          if (goal) verdicts.push(`${n} ${kind}, cache ${cache}: p95 ${ms(st.p95)} (< ${goal} ms: ${st.p95 < goal ? 'met' : 'NOT met'})`);
        }
      }
      await ds.destroy();
    }
  } finally {
    await pg.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  printTable('Index build (Postgres engine, embedded PostgreSQL; the 126 seed requirements included)', builds);
  printTable(
    `Search latency, engine.search() in process, ${QUERIES} queries per workload, 20 hits per page with facets and highlights`,
    rows,
  );
  process.stdout.write(`\ngoals:\n${verdicts.map((v) => `  ${v}`).join('\n')}\n`);
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack}\n`);
  process.exit(1);
});
