import { spawn } from 'node:child_process';
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
  const childEnv: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), KRAVBANK_DATA_DIR: dir, KRAVBANK_DEMO: 'true', LOG_LEVEL: 'info', ...env };
  delete childEnv.DATABASE_URL;
  // BENCH_SERVER_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof", profiles the server.
  const nodeArgs = process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...nodeArgs, path.join(projectRoot(), 'dist/apps/api/src/main.js')], { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
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

/** A tiny JSON client for the benchmarks; throws on an unexpected status. */
export function client(base: string, token?: string) {
  const call = async (method: string, path: string, body?: unknown, expect = [200, 201]) => {
    const res = await fetch(base + path, {
      method,
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!expect.includes(res.status)) throw new Error(`${method} ${path}: HTTP ${res.status} ${text.slice(0, 300)}`);
    return text ? JSON.parse(text) : undefined;
  };
  return { get: (p: string) => call('GET', p), post: (p: string, b: unknown = {}) => call('POST', p, b) };
}

export async function loginAs(base: string, username: string): Promise<ReturnType<typeof client>> {
  const { accessToken } = await client(base).post('/api/auth/login', { username, password: 'demo' });
  return client(base, accessToken);
}
