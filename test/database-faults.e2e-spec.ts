import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServiceProcess, type ServiceProcess } from './setup/service-process.js';

/** The service's database timeouts in this test: a request must fail well within TIMEOUT_BOUND_MS. */
const TIMEOUTS = { DB_STATEMENT_TIMEOUT_MS: '1000', DB_ACQUIRE_TIMEOUT_MS: '1000' };
const TIMEOUT_BOUND_MS = 4000;

interface Service extends ServiceProcess {
  dataDir: string;
}

/** Starts the built service on an embedded PostgreSQL in a fresh folder. */
async function start(): Promise<Service> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'kravbank-faults-'));
  const service = await startServiceProcess({ env: { KRAVBANK_DATA_DIR: dataDir, DATABASE_URL: undefined, ...TIMEOUTS } });
  return { ...service, dataDir };
}

/** The embedded PostgreSQL's postmaster and its backends (children), from /proc. */
function postgresProcesses(dataDir: string): number[] {
  const postmaster = Number(readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
  const children = readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((d) => {
      try {
        return Number(readFileSync(`/proc/${d}/stat`, 'utf8').split(') ')[1].split(' ')[1]) === postmaster;
      } catch {
        return false;
      }
    })
    .map(Number);
  return [postmaster, ...children];
}

/** True when the process has ended (no entry, or a zombie waiting for its parent). */
function gone(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].startsWith('Z');
  } catch {
    return true;
  }
}

function signal(pids: number[], sig: NodeJS.Signals): void {
  for (const pid of pids) {
    try {
      process.kill(pid, sig);
    } catch {
      // gone already
    }
  }
}

/** A GET with its status, body and the time it took; gives up after 15 s (a hung request fails the test). */
async function timedGet(url: string): Promise<{ status: number; body: Record<string, unknown>; retryAfter: string | null; ms: number }> {
  const t0 = performance.now();
  const res = await fetch(url, { signal: AbortSignal.timeout(15_000) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : {}, retryAfter: res.headers.get('retry-after'), ms: performance.now() - t0 };
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, ms = 40_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe().catch(() => undefined);
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('a failing embedded database (e2e, built service)', () => {
  let svc: Service;
  let stopped: number[] = [];

  beforeAll(async () => {
    svc = await start();
  }, 90_000);

  afterAll(async () => {
    signal(stopped, 'SIGCONT');
    if (svc.child.exitCode === null && svc.child.signalCode === null) {
      const exited = new Promise((r) => svc.child.once('exit', r));
      svc.child.kill('SIGTERM');
      await exited;
    }
    rmSync(svc.dataDir, { recursive: true, force: true });
  });

  it('answers 503 with Retry-After within the timeout while PostgreSQL is stopped, and 200 once it runs again', async () => {
    await fetch(`${svc.base}/api/requirements/SIK-001`).then((r) => expect(r.status).toBe(200));
    stopped = postgresProcesses(svc.dataDir);
    signal(stopped, 'SIGSTOP');
    for (const route of ['/api/requirements/SIK-001', '/api/requirements?limit=5', '/api/search?q=logning', '/health/ready']) {
      const res = await timedGet(`${svc.base}${route}`);
      expect({ route, status: res.status }).toEqual({ route, status: 503 });
      expect(res.ms).toBeLessThan(TIMEOUT_BOUND_MS);
      if (route.startsWith('/api/requirements')) {
        expect(res.body).toMatchObject({ code: 'database_unavailable', status: 503 });
        expect(res.retryAfter).toBe('5');
      }
    }
    // A login needs the database too.
    const login = await fetch(`${svc.base}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'indkob.aarhus', password: 'demo' }),
      signal: AbortSignal.timeout(15_000),
    });
    expect(login.status).toBe(503);
    // The process itself still answers.
    expect((await timedGet(`${svc.base}/health/live`)).status).toBe(200);
    signal(stopped, 'SIGCONT');
    stopped = [];
    await until('200 after SIGCONT', async () =>
      (await timedGet(`${svc.base}/api/requirements/SIK-001`)).status === 200 ? true : undefined,
    );
    expect((await timedGet(`${svc.base}/health/ready`)).body).toEqual({
      status: 'ok',
      database: { status: 'up' },
      search: { status: 'up' },
    });
  }, 90_000);

  it('answers 503 when PostgreSQL is killed, starts it again, and answers 200', async () => {
    const before = postgresProcesses(svc.dataDir)[0];
    signal(postgresProcesses(svc.dataDir), 'SIGKILL');
    const down = await timedGet(`${svc.base}/api/requirements/SIK-001`);
    // Right after the kill the answer is 503 (or already 200 if the restart was that quick).
    expect([503, 200]).toContain(down.status);
    if (down.status === 503) expect(down.body.code).toBe('database_unavailable');
    await until('200 after the restart', async () =>
      (await timedGet(`${svc.base}/api/requirements/SIK-001`)).status === 200 ? true : undefined,
    );
    expect(svc.output()).toMatch(/embedded PostgreSQL exited unexpectedly/);
    expect(svc.output()).toMatch(/embedded PostgreSQL restarted/);
    expect(postgresProcesses(svc.dataDir)[0]).not.toBe(before);
    expect(svc.child.exitCode).toBeNull();
  }, 90_000);

  it('ends within 3 s on SIGTERM while PostgreSQL is stopped', async () => {
    stopped = postgresProcesses(svc.dataDir);
    signal(stopped, 'SIGSTOP');
    // Leave a request hanging on the database, as a real shutdown would find one.
    const pending = fetch(`${svc.base}/api/requirements/SIK-002`).catch(() => undefined);
    await new Promise((r) => setTimeout(r, 200));
    const exited = new Promise<number | null>((r) => svc.child.once('exit', (code) => r(code)));
    const t0 = performance.now();
    svc.child.kill('SIGTERM');
    const code = await exited;
    expect(performance.now() - t0).toBeLessThan(3000);
    expect(code).not.toBeNull();
    await pending;
    // The orphaned PostgreSQL was asked to stop; once it runs again it does.
    signal(stopped, 'SIGCONT');
    const postmaster = stopped[0];
    stopped = [];
    await until('the embedded PostgreSQL to stop', async () => (gone(postmaster) ? true : undefined));
  }, 60_000);
});
