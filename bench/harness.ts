import { spawn } from 'node:child_process';
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../libs/common/src/paths.js';
import { freePort } from '../libs/database/src/embedded.js';

export interface BenchService {
  base: string;
  /** URL of the service's embedded database, for diagnostics. */
  databaseUrl: string;
  close(): Promise<void>;
}

/**
 * Starts the built service in its own process, as `npm start` runs it (embedded PostgreSQL
 * in a temporary folder, migrations, seed, demo users), so that the benchmark's clients do
 * not share the server's event loop.
 */
export async function startBenchService(env: Record<string, string> = {}): Promise<BenchService> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kravbank-bench-'));
  const port = await freePort();
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    KRAVBANK_DATA_DIR: dir,
    KRAVBANK_DEMO: 'true',
    LOG_LEVEL: 'info',
    // The benchmarks' clients send far more than one person would: the general rate limit is off.
    RATE_LIMIT_MAX: '0',
    ...env,
  };
  delete childEnv.DATABASE_URL;
  // BENCH_SERVER_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof", profiles the server.
  const nodeArgs = process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...nodeArgs, path.join(projectRoot(), 'dist/apps/api/src/main.js')], {
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // The start-up lines are kept for the error message; later log lines are read and dropped.
  let out = '';
  const keep = (d: Buffer) => {
    if (out.length < 1_000_000) out += d;
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const deadline = Date.now() + 60_000;
  while (!out.includes('Kravbank listens')) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`the service did not start:\n${out}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const pgPort = /on port (\d+)/.exec(out)?.[1];
  return {
    base: `http://127.0.0.1:${port}`,
    databaseUrl: `postgres://kravbank:kravbank@127.0.0.1:${pgPort}/kravbank`,
    close: async () => {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Kept-alive connections for the load generator, which shares the machine's two cores with the service. */
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

/**
 * A tiny JSON client for the benchmarks; throws on an unexpected status. It uses node:http with
 * kept-alive connections rather than fetch, which costs the client several times the CPU per
 * request: CPU the service under test would otherwise not get.
 */
export function client(base: string, token?: string) {
  const url = new URL(base);
  const call = (method: string, path: string, body?: unknown, expect = [200, 201]) =>
    new Promise<any>((resolve, reject) => {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      const headers: Record<string, string | number> = {
        'Content-Type': 'application/json',
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
      };
      if (payload !== undefined) headers['Content-Length'] = Buffer.byteLength(payload);
      const req = http.request({ host: url.hostname, port: url.port, method, path, headers, agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          if (!expect.includes(res.statusCode!)) reject(new Error(`${method} ${path}: HTTP ${res.statusCode} ${text.slice(0, 300)}`));
          else resolve(text ? JSON.parse(text) : undefined);
        });
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(payload);
    });
  return { get: (p: string) => call('GET', p), post: (p: string, b: unknown = {}) => call('POST', p, b) };
}

export async function loginAs(base: string, username: string): Promise<ReturnType<typeof client>> {
  const { accessToken } = await client(base).post('/api/auth/login', { username, password: 'demo' });
  return client(base, accessToken);
}
