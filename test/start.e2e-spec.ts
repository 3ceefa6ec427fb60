import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../libs/database/src/embedded.js';
import { projectRoot } from '../libs/common/src/paths.js';

const MAIN = path.join(projectRoot(), 'dist/apps/api/src/main.js');

interface Started {
  child: ChildProcess;
  output: () => string;
  port: number;
}

/** Starts the built service the way `npm start` does, on the embedded database. */
async function start(dataDir: string, extra: Record<string, string> = {}): Promise<Started> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), KRAVBANK_DATA_DIR: dataDir, LOG_LEVEL: 'info', ...extra };
  delete env.DATABASE_URL;
  delete env.NODE_OPTIONS;
  const child = spawn(process.execPath, [MAIN], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const deadline = Date.now() + 45_000;
  while (!out.includes('Kravbank listens')) {
    if (child.exitCode !== null) throw new Error(`the service exited (${child.exitCode}):\n${out}`);
    if (Date.now() > deadline) throw new Error(`the service did not start in time:\n${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { child, output: () => out, port };
}

async function stop(s: Started): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => s.child.once('exit', (code) => resolve(code)));
  s.child.kill('SIGTERM');
  return exited;
}

describe('starting the service (e2e, built code, embedded PostgreSQL)', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'kravbank-start-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('starts on an empty data folder, seeds, and keeps the data across a restart', async () => {
    const first = await start(dataDir);
    try {
      expect(first.output()).toMatch(/embedded PostgreSQL created and started/);
      expect(first.output()).toMatch(/seed: \d+ new requirements/);
      const res = await fetch(`http://127.0.0.1:${first.port}/api/categories`);
      expect(res.status).toBe(200);
      const categories = (await res.json()) as Array<{ active: number }>;
      expect(categories.every((c) => c.active >= 40)).toBe(true);
    } finally {
      expect(await stop(first)).toBe(0);
    }

    // Second start: the same folder, seeding switched off, so every row must come from disk.
    const second = await start(dataDir, { KRAVBANK_SEED: 'never' });
    try {
      expect(second.output()).toMatch(/embedded PostgreSQL started/);
      expect(second.output()).not.toMatch(/created and started|applied \d+ migration|seed:/);
      const res = await fetch(`http://127.0.0.1:${second.port}/api/requirements/SIK-001`);
      expect(res.status).toBe(200);
      const health = await fetch(`http://127.0.0.1:${second.port}/health`);
      expect(((await health.json()) as { database: { status: string } }).database.status).toBe('up');
    } finally {
      expect(await stop(second)).toBe(0);
    }
  });

  it('stops at once with one line naming a bad variable', () => {
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: 'eighty', KRAVBANK_DATA_DIR: dataDir };
    delete env.NODE_OPTIONS;
    const r = spawnSync(process.execPath, [MAIN], { env, encoding: 'utf8', timeout: 20_000 });
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toEqual(['Invalid configuration: PORT must be a whole number from 0 to 65535 (got "eighty").']);
  });
});
