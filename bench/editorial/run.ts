/**
 * Editorial benchmark: 1,000 amendment proposals taken from creation to publication
 * through HTTP, first by one client, then by 8 concurrent clients (each on its own
 * requirements, so no proposal is outdated by another). Prints publication latency
 * p50/p95 and proposals published per second.
 *
 *   npm run bench:editorial            (PROPOSALS=1000 CLIENTS=8 by default)
 */
import pg from 'pg';
import { contentOf } from '@kravbank/catalogue';
import { ms, printTable, stats } from '../lib.js';
import { loginAs, startBenchService } from '../harness.js';

const PROPOSALS = Number(process.env.PROPOSALS ?? 1000);
const CLIENTS = Number(process.env.CLIENTS ?? 8);

async function main(): Promise<void> {
  const svc = await startBenchService({ JWT_TTL_SECONDS: '86400' });
  try {
    const [proposer, editor, c1, c2] = await Promise.all(
      ['indkob.aarhus', 'redaktion', 'udvalg1', 'udvalg2'].map((u) => loginAs(svc.base, u)),
    );
    const keys: string[] = [];
    for (let page = 1; ; page++) {
      const res = await proposer.get(`/api/requirements?limit=100&page=${page}`);
      keys.push(...res.items.map((i: { key: string }) => i.key));
      if (keys.length >= res.total) break;
    }

    /** One proposal from creation to publication; returns the publication's latency. */
    const lifecycle = async (key: string, n: number): Promise<number> => {
      const current = await proposer.get(`/api/requirements/${key}`);
      const c = current.current;
      const p = await proposer.post('/api/change-proposals', {
        kind: 'amend',
        changeType: 'technical',
        requirementKey: key,
        baseVersion: current.currentVersion,
        motivation: `Benchmark-ændring ${n}`,
        content: { ...contentOf(c), guidance: `${c.guidance.replace(/ \(ændring \d+\)$/, '')} (ændring ${n})` },
      });
      await proposer.post(`/api/change-proposals/${p.id}/submit`);
      await editor.post(`/api/change-proposals/${p.id}/send-to-review`);
      await c1.post(`/api/change-proposals/${p.id}/votes`, { decision: 'approve' });
      await c2.post(`/api/change-proposals/${p.id}/votes`, { decision: 'approve' });
      const t0 = performance.now();
      await editor.post(`/api/change-proposals/${p.id}/publish`);
      return performance.now() - t0;
    };

    const run = async (clients: number, count: number, offset: number) => {
      const latencies: number[] = [];
      const t0 = performance.now();
      await Promise.all(
        Array.from({ length: clients }, async (_, c) => {
          // Client c amends only keys c, c + clients, …: no two clients touch one requirement.
          const mine = keys.filter((_, i) => i % clients === c);
          for (let i = c; i < count; i += clients) latencies.push(await lifecycle(mine[Math.floor(i / clients) % mine.length], offset + i));
        }),
      );
      return { latencies, seconds: (performance.now() - t0) / 1000 };
    };

    await run(1, 20, 0); // warm-up
    const sequential = await run(1, PROPOSALS, 1_000);
    const sampler = process.env.SAMPLE_WAITS ? sampleWaits(svc.databaseUrl) : null;
    const concurrent = await run(CLIENTS, PROPOSALS, 10_000);
    if (sampler) printTable('What the database sessions were doing during the concurrent run (samples)', await sampler.stop());
    const rows = [
      { mode: 'sequential, 1 client', ...row(sequential) },
      { mode: `concurrent, ${CLIENTS} clients`, ...row(concurrent) },
    ];
    printTable(
      `${PROPOSALS} proposals from creation to publication (7 HTTP calls each: read the requirement, create, submit, send to review, two votes, publish)`,
      rows,
    );
    const p95 = Math.max(stats(sequential.latencies).p95, stats(concurrent.latencies).p95);
    process.stdout.write(
      `\nratio concurrent/sequential publication p95: ${(stats(concurrent.latencies).p95 / stats(sequential.latencies).p95).toFixed(2)}\n`,
    );
    process.stdout.write(`goal: publication p95 < 50 ms: ${p95 < 50 ? 'met' : 'NOT met'} (worst p95 ${ms(p95)})\n`);
    const verify = await editor.get('/api/audit/verify');
    process.stdout.write(`audit trail after the run: ${verify.ok ? 'intact' : 'BROKEN'}, ${verify.entries} entries\n`);
  } finally {
    await svc.close();
  }
}

/** Samples pg_stat_activity every few milliseconds: where do the sessions wait? (SAMPLE_WAITS=1) */
function sampleWaits(url: string) {
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  const counts = new Map<string, number>();
  let running = true;
  const loop = (async () => {
    while (running) {
      const { rows } = await pool.query(
        `SELECT state, coalesce(wait_event_type || ':' || wait_event, 'on CPU') AS w FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND state <> 'idle'`,
      );
      for (const r of rows) counts.set(`${r.state} / ${r.w}`, (counts.get(`${r.state} / ${r.w}`) ?? 0) + 1);
      await new Promise((r) => setTimeout(r, 5));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      await pool.end();
      return [...counts]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 10)
        .map(([what, n]) => ({ what, samples: n }));
    },
  };
}

function row(r: { latencies: number[]; seconds: number }) {
  const s = stats(r.latencies);
  return {
    'publish p50': ms(s.p50),
    'publish p95': ms(s.p95),
    'publish p99': ms(s.p99),
    'proposals/s': (r.latencies.length / r.seconds).toFixed(1),
  };
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack}\n`);
  process.exit(1);
});
