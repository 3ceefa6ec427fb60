/**
 * The service stays responsive while it exports: `/health` p95 while 5 DOCX exports of 2,000
 * items run in parallel, as a ratio to `/health` p95 at rest (goal: ratio <= 3). Runs against the
 * built service in its own process (embedded PostgreSQL, demo users), once with the default
 * export worker pool and once with EXPORT_WORKERS=0 (rendering on the event loop, as before the
 * pool) for comparison.
 */
import http from 'node:http';
import { client, startBenchService } from '../harness.js';
import { ms, printTable, stats } from '../lib.js';

const ITEMS = 2000;
const PARALLEL = 5;
const REST_SAMPLES = 100;
const GAP_MS = 20;

const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });

/** One GET, the body read and dropped; resolves with its time in ms and the status. */
function timedGet(base: string, path: string, token?: string): Promise<{ ms: number; status: number }> {
  const url = new URL(path, base);
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent, headers: token ? { Authorization: `Bearer ${token}` } : {} }, (res) => {
      res.on('data', () => {});
      res.on('end', () => resolve({ ms: performance.now() - t0, status: res.statusCode ?? 0 }));
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Local requirements of about 300 characters, like the bank's. */
function items(n: number) {
  return Array.from({ length: n }, (_, i) => ({
    local: {
      title: `Lokalt krav ${i + 1}: logning af adgang til personoplysninger`,
      statement: `Leverandøren skal sikre, at enhver adgang til personoplysninger i løsningen logges med bruger, tidspunkt og formål (krav ${i + 1}), og at loggen opbevares i mindst seks måneder, så kommunen kan dokumentere behandlingen over for Datatilsynet.`,
    },
  }));
}

async function measure(workers: string | undefined): Promise<Record<string, string | number>> {
  const svc = await startBenchService(workers === undefined ? {} : { EXPORT_WORKERS: workers });
  try {
    const { accessToken } = await client(svc.base).post('/api/auth/login', { username: 'indkob.aarhus', password: 'demo' });
    const procurer = client(svc.base, accessToken);
    const spec = await procurer.post('/api/specifications', { title: 'Benchmark: 2.000 krav', procurementName: 'Udbud af benchmark' });
    await procurer.post(`/api/specifications/${spec.id}/items/bulk`, { items: items(ITEMS) });
    await procurer.post(`/api/specifications/${spec.id}/finalize`, { acknowledgeWarnings: true });
    const exportPath = `/api/specifications/${spec.id}/export?format=docx&edition=buyer`;
    await timedGet(svc.base, exportPath, accessToken); // warm-up: worker thread and caches
    const rest: number[] = [];
    for (let i = 0; i < REST_SAMPLES; i++) {
      rest.push((await timedGet(svc.base, '/health')).ms);
      await sleep(GAP_MS);
    }
    const t0 = performance.now();
    let running = PARALLEL;
    const exports = Array.from({ length: PARALLEL }, () => timedGet(svc.base, exportPath, accessToken).finally(() => (running -= 1)));
    const busy: number[] = [];
    while (running > 0) {
      busy.push((await timedGet(svc.base, '/health')).ms);
      await sleep(GAP_MS);
    }
    const done = await Promise.all(exports);
    const wall = performance.now() - t0;
    const [r, b] = [stats(rest), stats(busy)];
    return {
      'export workers': workers ?? 'default',
      '/health p95 at rest': ms(r.p95),
      '/health p95 during exports': ms(b.p95),
      '/health max during exports': ms(b.max),
      ratio: (b.p95 / r.p95).toFixed(2),
      [`${PARALLEL} exports (wall)`]: ms(wall),
      statuses: done.map((d) => d.status).join(','),
    };
  } finally {
    await svc.close();
  }
}

export async function healthDuringExports(): Promise<void> {
  const rows = [await measure(undefined), await measure('0')];
  printTable(`/health while ${PARALLEL} DOCX exports of ${ITEMS} items run in parallel (built service; samples every ${GAP_MS} ms)`, rows);
  process.stdout.write(`\ngoal: /health p95 ratio <= 3 with the worker pool (${rows[0].ratio}; on the event loop: ${rows[1].ratio})\n`);
}
