import { hashPassword } from '../libs/identity/src/password.js';
import { createTestApp, type TestApp } from './setup/test-app.js';
import { createHash } from 'node:crypto';

/** Logs in; returns the response. */
const attempt = (t: TestApp, username: string, password: string) => t.http().post('/api/auth/login').send({ username, password });

const binary = (res: NodeJS.ReadableStream, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** The parts of a problem answer that may not differ between an unknown user and a wrong password. */
const shape = (res: { status: number; body: Record<string, unknown>; headers: Record<string, string> }) => ({
  status: res.status,
  code: res.body.code,
  detail: res.body.detail,
  keys: Object.keys(res.body).sort(),
  retryAfter: res.headers['retry-after'] !== undefined,
});

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

describe('hardening: health, login throttling, timeouts, the export pool (e2e)', () => {
  describe('with a lockout after 3 failures for a username', () => {
    let t: TestApp;
    let adminToken: string;

    beforeAll(async () => {
      t = await createTestApp({ LOGIN_USER_FAILURES: '3', LOGIN_ADDRESS_FAILURES: '1000', LOGIN_LOCKOUT_SECONDS: '1' });
      await t.db.query(
        `INSERT INTO app_user (username, display_name, organisation_id, password_hash, roles)
         SELECT 'drift.admin', 'Drift', o.id, $1, '{admin}' FROM organisation o WHERE o.name = 'Kravbank-sekretariatet'`,
        [await hashPassword('drift-password')],
      );
      adminToken = (await attempt(t, 'drift.admin', 'drift-password').expect(200)).body.accessToken;
    });
    afterAll(() => t.close());

    it('answers /health/live and /health/ready with statuses only; /health is ready', async () => {
      expect((await t.http().get('/health/live').expect(200)).body).toEqual({ status: 'ok' });
      for (const path of ['/health/ready', '/health']) {
        const res = await t.http().get(path).expect(200);
        expect(res.body).toEqual({ status: 'ok', database: { status: 'up' }, search: { status: 'up' } });
        expect(JSON.stringify(res.body)).not.toMatch(/pid|node|rss|version|latency|error/i);
      }
    });

    it('gives admins the details, and other users none', async () => {
      const admin = await t.http().get('/health/ready').set('Authorization', `Bearer ${adminToken}`).expect(200);
      expect(admin.body.details).toMatchObject({
        process: { pid: process.pid, node: process.version },
        database: { status: 'up', info: expect.stringMatching(/^PostgreSQL/) },
        search: { status: 'up', info: expect.stringMatching(/^postgres/) },
      });
      const editor = (await attempt(t, 'redaktion', 'demo').expect(200)).body.accessToken;
      const other = await t.http().get('/health').set('Authorization', `Bearer ${editor}`).expect(200);
      expect(other.body.details).toBeUndefined();
    });

    it('locks a username out after 3 failures with 429 and Retry-After, longer each time, and records it', async () => {
      for (let i = 0; i < 3; i++) await attempt(t, 'indkob.odense', 'wrong').expect(401);
      const locked = await attempt(t, 'indkob.odense', 'demo').expect(429);
      expect(locked.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(locked.body.code).toBe('login_throttled');
      expect(Number(locked.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      // The lockout ends; the next failure locks again, for twice as long.
      await new Promise((r) => setTimeout(r, 1100));
      await attempt(t, 'indkob.odense', 'wrong').expect(401);
      const again = await attempt(t, 'indkob.odense', 'wrong').expect(429);
      expect(Number(again.headers['retry-after'])).toBe(2);
      const audit = await t.db.query(`SELECT action, entity_id, data FROM audit_entry WHERE entity_type = 'login' ORDER BY seq`);
      expect(audit).toEqual([
        { action: 'login_locked', entity_id: 'user:indkob.odense', data: { failures: 3, lockedSeconds: 1 } },
        { action: 'login_locked', entity_id: 'user:indkob.odense', data: { failures: 4, lockedSeconds: 2 } },
      ]);
    });

    it('lets a success reset the count', async () => {
      for (let i = 0; i < 2; i++) await attempt(t, 'udvalg1', 'wrong').expect(401);
      await attempt(t, 'udvalg1', 'demo').expect(200);
      for (let i = 0; i < 2; i++) await attempt(t, 'udvalg1', 'wrong').expect(401);
      await attempt(t, 'udvalg1', 'demo').expect(200);
    });

    it('answers an unknown user as it answers a wrong password, in kind and roughly in time', async () => {
      const unknown: Array<ReturnType<typeof shape>> = [];
      const wrong: Array<ReturnType<typeof shape>> = [];
      for (let i = 0; i < 4; i++) {
        unknown.push(shape(await attempt(t, 'ingen.saadan.bruger', 'wrong')));
        wrong.push(shape(await attempt(t, 'udvalg2', 'wrong')));
      }
      expect(unknown).toEqual(wrong);
      expect(unknown.map((s) => s.status)).toEqual([401, 401, 401, 429]);
      // Timing: unknown and known usernames with a wrong password, on fresh names (no lockout in the way).
      const times = { unknown: [] as number[], known: [] as number[] };
      for (const [i, name] of ['udvalg3', 'indkob.aarhus', 'redaktion', 'drift.admin', 'udvalg3'].entries()) {
        let t0 = performance.now();
        await attempt(t, `ukendt.${i}`, 'wrong').expect(401);
        times.unknown.push(performance.now() - t0);
        t0 = performance.now();
        await attempt(t, name, 'wrong').expect(401);
        times.known.push(performance.now() - t0);
      }
      const ratio = median(times.unknown) / median(times.known);
      expect(ratio).toBeGreaterThan(0.5);
      expect(ratio).toBeLessThan(2);
    });

    it('answers 503 database_unavailable with Retry-After when a statement runs past the timeout, then recovers', async () => {
      // A second application on the same database, with a short statement timeout.
      const { loadConfig } = await import('@kravbank/common');
      const { createKravbankApp } = await import('../apps/api/src/bootstrap.js');
      const config = loadConfig({ LOG_LEVEL: 'silent', DB_STATEMENT_TIMEOUT_MS: '300', DB_ACQUIRE_TIMEOUT_MS: '500' });
      const app = await createKravbankApp(config, t.database.url);
      await app.init();
      const request = (await import('supertest')).default;
      const locker = t.db.createQueryRunner();
      try {
        await locker.connect();
        await locker.startTransaction();
        await locker.query('LOCK TABLE requirement IN ACCESS EXCLUSIVE MODE');
        const t0 = performance.now();
        const res = await request(app.getHttpServer()).get('/api/requirements/SIK-001');
        expect(performance.now() - t0).toBeLessThan(2500);
        expect(res.status).toBe(503);
        expect(res.body).toMatchObject({ code: 'database_unavailable', status: 503 });
        expect(res.headers['retry-after']).toBe('5');
        expect(res.body.requestId).toBeTruthy();
        await locker.rollbackTransaction();
        await request(app.getHttpServer()).get('/api/requirements/SIK-001').expect(200);
      } finally {
        await locker.release();
        await app.close();
      }
    });
  });

  describe('with low limits per address, a small general limit and one export thread without a queue', () => {
    let t: TestApp;

    beforeAll(async () => {
      t = await createTestApp({
        LOGIN_ADDRESS_FAILURES: '4',
        LOGIN_LOCKOUT_SECONDS: '60',
        RATE_LIMIT_MAX: '40',
        RATE_LIMIT_WINDOW_SECONDS: '60',
        EXPORT_WORKERS: '1',
        EXPORT_QUEUE: '0',
      });
    });
    afterAll(() => t.close());

    it('renders exports in the worker pool and refuses one that finds the pool full with 503 and Retry-After', async () => {
      const token = (await attempt(t, 'indkob.aarhus', 'demo').expect(200)).body.accessToken;
      const auth = { Authorization: `Bearer ${token}` };
      const spec = await t
        .http()
        .post('/api/specifications')
        .set(auth)
        .send({ title: 'Kravspecifikation: ESDH', procurementName: 'Udbud af ESDH', profileId: 'fagsystem-arkivpligt' })
        .expect(201);
      await t.http().post(`/api/specifications/${spec.body.id}/finalize`).set(auth).send({ acknowledgeWarnings: true }).expect(200);
      const url = `/api/specifications/${spec.body.id}/export?format=docx&edition=buyer`;
      const answers = await Promise.all(
        [1, 2, 3, 4].map(() =>
          t
            .http()
            .get(url)
            .set(auth)
            .buffer(true)
            .parse(binary as never),
        ),
      );
      const ok = answers.filter((r) => r.status === 200);
      const busy = answers.filter((r) => r.status === 503);
      expect(ok.length).toBeGreaterThanOrEqual(1);
      expect(busy.length).toBeGreaterThanOrEqual(1);
      expect(JSON.parse((busy[0].body as Buffer).toString('utf8'))).toMatchObject({ code: 'export_busy', status: 503 });
      expect(busy[0].headers['retry-after']).toBe('10');
      // The rendered files are the same bytes, and the hash header is theirs.
      const hashes = ok.map((r) => sha(r.body as Buffer));
      expect(new Set(hashes).size).toBe(1);
      expect(ok[0].headers['x-content-sha256']).toBe(hashes[0]);
    });

    it('locks a client address out after 4 failures, whatever the usernames', async () => {
      for (let i = 0; i < 4; i++) await attempt(t, `gaet.${i}`, 'wrong').expect(401);
      const res = await attempt(t, 'indkob.odense', 'demo').expect(429);
      expect(res.body.code).toBe('login_throttled');
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(50);
    });

    it('limits every route per address with 429 and Retry-After (the general limit)', async () => {
      let limited;
      for (let i = 0; i < 45 && !limited; i++) {
        const res = await t.http().get('/api/categories');
        if (res.status === 429) limited = res;
        else expect(res.status).toBe(200);
      }
      expect(limited?.body).toMatchObject({ code: 'too_many_requests', status: 429 });
      expect(Number(limited?.headers['retry-after'])).toBeGreaterThan(0);
      // Health probes are not limited.
      await t.http().get('/health/live').expect(200);
    });
  });
});
