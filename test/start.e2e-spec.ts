import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SERVICE_MAIN, startServiceProcess, type ServiceProcess } from './setup/service-process.js';

/** Starts the built service the way `npm start` does, on the embedded database. */
const start = (dataDir: string, extra: Record<string, string> = {}): Promise<ServiceProcess> =>
  startServiceProcess({ env: { KRAVBANK_DATA_DIR: dataDir, DATABASE_URL: undefined, ...extra }, timeoutMs: 45_000 });

const stop = (s: ServiceProcess): Promise<number | null> => s.stop();

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
    const r = spawnSync(process.execPath, [SERVICE_MAIN], { env, encoding: 'utf8', timeout: 20_000 });
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toEqual(['Invalid configuration: PORT must be a whole number from 0 to 65535 (got "eighty").']);
  });
});
