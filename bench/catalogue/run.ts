/**
 * Catalogue benchmark: cold and warm start of the embedded database, then 10,000
 * synthetic requirements with 3 versions each, and p50/p95 over 2,000 requests of
 * get-by-key, a filtered list and /health, in one run.
 *
 *   npm run bench:catalogue            (N=10000 REQUESTS=2000 by default)
 */
import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createKravbankApp } from '../../apps/api/src/bootstrap.js';
import { loadConfig, seedDir } from '@kravbank/common';
import { seedFromDir } from '@kravbank/catalogue';
import { withDatabase, startEmbeddedPostgres, appDataSource, createDatabaseIfMissing, migrate } from '@kravbank/database';
import { ms, printTable, rng, stats, time } from '../lib.js';
import { loadSyntheticCatalogue } from './synthetic.js';

const N = Number(process.env.N ?? 10_000);
const REQUESTS = Number(process.env.REQUESTS ?? 2_000);

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kravbank-bench-'));
  try {
    // Cold start: init the cluster, create the database, migrate, seed.
    const [cold, coldMs] = await time(async () => {
      const pg = await startEmbeddedPostgres(dir);
      await createDatabaseIfMissing(pg.url, 'kravbank');
      const ds = appDataSource(withDatabase(pg.url, 'kravbank'), 2);
      await ds.initialize();
      await migrate(ds);
      await seedFromDir(ds, seedDir());
      await ds.destroy();
      return pg;
    });
    await cold.stop();
    // Warm start: the same folder again, migrations already applied.
    const [pg, warmMs] = await time(async () => {
      const started = await startEmbeddedPostgres(dir);
      const ds = appDataSource(withDatabase(started.url, 'kravbank'), 2);
      await ds.initialize();
      await migrate(ds);
      await ds.destroy();
      return started;
    });
    printTable('Embedded database start', [
      { phase: 'cold (init + migrate + seed)', time: ms(coldMs) },
      { phase: 'warm (start + migrate check)', time: ms(warmMs) },
    ]);

    const url = withDatabase(pg.url, 'kravbank');
    const ds = appDataSource(url, 2);
    await ds.initialize();
    const [, loadMs] = await time(() => loadSyntheticCatalogue(ds, N, 3));
    const [{ n: total }] = await ds.query(`SELECT count(*) AS n FROM requirement`);
    const [{ n: versions }] = await ds.query(`SELECT count(*) AS n FROM requirement_version`);
    await ds.destroy();
    process.stdout.write(
      `\nloaded ${N} synthetic requirements x 3 versions in ${ms(loadMs)} (bank now: ${total} requirements, ${versions} versions)\n`,
    );

    const app = await createKravbankApp(loadConfig({ LOG_LEVEL: 'silent' }), url);
    await app.listen(0, '127.0.0.1');
    const address = app.getHttpServer().address();
    const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const random = rng(7);
    const categories = ['framework-architecture', 'security', 'archive'];
    const prefixes = ['RAM', 'SIK', 'ARK'];
    const randomKey = () => {
      const i = Math.floor(random() * N);
      return `${prefixes[i % 3]}-${10000 + i}`;
    };

    const routes: Record<string, () => string> = {
      'GET /api/requirements/{key}': () => `/api/requirements/${randomKey()}`,
      'GET /api/requirements?category&level&page': () =>
        `/api/requirements?category=${categories[Math.floor(random() * 3)]}&level=${1 + Math.floor(random() * 3)}&page=${1 + Math.floor(random() * 20)}`,
      'GET /health': () => '/health',
    };
    // Warm up the pool and the plans.
    for (const make of Object.values(routes)) for (let i = 0; i < 100; i++) await (await fetch(base + make())).arrayBuffer();
    const samples: Record<string, number[]> = Object.fromEntries(Object.keys(routes).map((k) => [k, []]));
    // Interleave the routes so that noise on the machine falls on all of them alike.
    for (let i = 0; i < REQUESTS; i++) {
      for (const [name, make] of Object.entries(routes)) {
        const t0 = performance.now();
        const res = await fetch(base + make());
        await res.arrayBuffer();
        samples[name].push(performance.now() - t0);
        if (res.status !== 200) throw new Error(`${name}: HTTP ${res.status}`);
      }
    }
    await app.close();
    await pg.stop();

    const health = stats(samples['GET /health']);
    printTable(
      `HTTP latency over ${REQUESTS} requests each (sequential, keep-alive)`,
      Object.entries(samples).map(([route, s]) => {
        const st = stats(s);
        return {
          route,
          p50: ms(st.p50),
          p95: ms(st.p95),
          p99: ms(st.p99),
          'p50 / health': (st.p50 / health.p50).toFixed(2),
          'p95 / health': (st.p95 / health.p95).toFixed(2),
        };
      }),
    );
    const byKey = stats(samples['GET /api/requirements/{key}']);
    const list = stats(samples['GET /api/requirements?category&level&page']);
    process.stdout.write(
      `\ngoals: get-by-key p95 ${ms(byKey.p95)} (< 15 ms: ${byKey.p95 < 15 ? 'met' : 'NOT met'}), list p95 ${ms(list.p95)} (< 30 ms: ${list.p95 < 30 ? 'met' : 'NOT met'})\n`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack}\n`);
  process.exit(1);
});
