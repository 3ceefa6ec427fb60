import { randomBytes } from 'node:crypto';
import pg from 'pg';
import request from 'supertest';
import { createDatabaseIfMissing, dropDatabase } from '../libs/database/src/prepare.js';
import { withDatabase } from '../libs/database/src/data-source.js';
import { assertTestDatabase } from '../libs/database/src/test-guard.js';
import { MIGRATIONS } from '../migrations/index.js';
import { amendmentIn, as, USERS } from './factories/editorial.js';
import type { TestApp } from './setup/test-app.js';
import { startServiceProcess, type ServiceProcess } from './setup/service-process.js';

interface Instance extends ServiceProcess {
  /** Enough of a TestApp for the factories: HTTP to this process. */
  app: TestApp;
}

/** Starts the built service on `databaseUrl` (no embedded database). */
async function start(name: string, databaseUrl: string, env: Record<string, string>): Promise<Instance> {
  const service = await startServiceProcess({ env: { ...env, DATABASE_URL: databaseUrl }, label: name, timeoutMs: 90_000 });
  const app = { http: () => request(service.base), database: { name: `${name}-${service.port}` } } as unknown as TestApp;
  return { ...service, app };
}

async function stop(i: Instance | undefined): Promise<void> {
  if (!i || i.child.exitCode !== null) return;
  const exited = new Promise((r) => i.child.once('exit', r));
  i.child.kill('SIGTERM');
  await exited;
}

describe('two instances on one database (e2e, built service)', () => {
  const serverUrl = process.env.KRAVBANK_TEST_SERVER_URL!;
  // Named like the run's clones, so that the global teardown drops it even if this file does not.
  const name = `${process.env.KRAVBANK_TEST_TEMPLATE!.replace('template', 'run')}_two_${randomBytes(3).toString('hex')}`;
  const url = withDatabase(serverUrl, name);
  const env = {
    KRAVBANK_DEMO: 'true',
    JWT_SECRET: randomBytes(24).toString('hex'),
    LOGIN_USER_FAILURES: '3',
    LOGIN_LOCKOUT_SECONDS: '60',
  };
  let a: Instance | undefined;
  let b: Instance | undefined;
  let db: pg.Client;

  beforeAll(async () => {
    assertTestDatabase(url);
    await createDatabaseIfMissing(withDatabase(serverUrl, 'postgres'), name);
    // Both at once on the empty database: one migrates and seeds, the other waits and finds it done.
    const started = await Promise.allSettled([start('a', url, env), start('b', url, env)]);
    [a, b] = started.map((s) => (s.status === 'fulfilled' ? s.value : undefined));
    for (const s of started) if (s.status === 'rejected') throw s.reason;
    db = new pg.Client({ connectionString: url });
    await db.connect();
  }, 180_000);

  afterAll(async () => {
    await db?.end();
    await Promise.all([stop(a), stop(b)]);
    await dropDatabase(serverUrl, name);
  });

  it('start together: every migration and the seed run once', async () => {
    const { rows } = await db.query<{ name: string; n: number }>(`SELECT name, count(*)::int AS n FROM migrations GROUP BY name`);
    expect(rows.length).toBe(MIGRATIONS.length);
    expect(rows.every((r) => r.n === 1)).toBe(true);
    const logs = [a!.output(), b!.output()];
    expect(logs.filter((l) => /applied \d+ migration/.test(l)).length).toBe(1);
    expect(logs.filter((l) => /seed: \d+ new requirements/.test(l)).length).toBe(1);
    const { rows: versions } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM requirement_version WHERE version > 1`);
    expect(versions[0].n).toBe(0);
  });

  it('a publication raced across both gives one version and one outbox delivery', async () => {
    const key = 'SIK-003';
    const id = await amendmentIn(a!.app, 'approved', key);
    const events = async () =>
      (
        await db.query<{ attempts: number; delivered: boolean }>(
          `SELECT attempts, delivered_at IS NOT NULL AS delivered FROM outbox_event WHERE aggregate_key = $1 ORDER BY id`,
          [key],
        )
      ).rows;
    const before = (await events()).length;
    const [editorA, editorB] = await Promise.all([as(a!.app, USERS.editor), as(b!.app, USERS.editor)]);
    const answers = await Promise.all([
      editorA.post(`/api/change-proposals/${id}/publish`).send({}),
      editorB.post(`/api/change-proposals/${id}/publish`).send({}),
    ]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
    const requirement = await a!.app.http().get(`/api/requirements/${key}`).expect(200);
    expect(requirement.body.currentVersion).toBe(2);
    const { rows } = await db.query(`SELECT count(*)::int AS n FROM requirement_version WHERE requirement_key = $1`, [key]);
    expect(rows[0].n).toBe(2);
    // One new event, delivered once (by whichever instance took it first).
    const deadline = Date.now() + 20_000;
    let after = await events();
    while (after.slice(before).some((e) => !e.delivered) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
      after = await events();
    }
    expect(after.slice(before)).toEqual([{ attempts: 1, delivered: true }]);
  }, 60_000);

  it('the login throttle holds across both', async () => {
    for (let i = 0; i < 3; i++) {
      await a!.app.http().post('/api/auth/login').send({ username: USERS.committee3, password: 'wrong' }).expect(401);
    }
    const res = await b!.app.http().post('/api/auth/login').send({ username: USERS.committee3, password: 'demo' }).expect(429);
    expect(res.body.code).toBe('login_throttled');
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  });
});
