import { createKravbankApp } from '../apps/api/src/bootstrap.js';
import { loadConfig } from '@kravbank/common';
import request from 'supertest';
import { createTestApp, type TestApp } from './setup/test-app.js';

/** Browser sessions: an httpOnly cookie, a CSRF token and an Origin check for every state change, revocable. */
describe('browser sessions', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const ORIGIN = 'http://kravbank.test';
  const start = async (username = 'indkob.aarhus') => {
    const res = await t.http().post('/api/auth/session').set('Host', 'kravbank.test').send({ username, password: 'demo' }).expect(201);
    const cookie = (res.headers['set-cookie'] as unknown as string[])[0];
    return { cookie: cookie.split(';')[0], setCookie: cookie, csrf: res.body.csrfToken as string, body: res.body };
  };

  it('sets an httpOnly, SameSite=Lax cookie (not Secure without TRUST_PROXY) and returns the user', async () => {
    const s = await start();
    expect(s.setCookie).toMatch(/^kravbank_session=[A-Za-z0-9_-]{43}; /);
    expect(s.setCookie).toMatch(/HttpOnly/);
    expect(s.setCookie).toMatch(/SameSite=Lax/);
    expect(s.setCookie).not.toMatch(/Secure/);
    expect(s.body.user).toMatchObject({ username: 'indkob.aarhus', organisationName: 'Aarhus Kommune', roles: ['procurer'] });
    expect(s.body.user.passwordHash).toBeUndefined();
    const me = await t.http().get('/api/auth/session').set('Cookie', s.cookie).expect(200);
    expect(me.body).toMatchObject({ user: { username: 'indkob.aarhus' }, csrfToken: s.csrf });
    await t.http().get('/api/specifications').set('Cookie', s.cookie).expect(200);
  });

  it('refuses a wrong password with the same answer as the bearer login', async () => {
    const res = await t.http().post('/api/auth/session').send({ username: 'indkob.aarhus', password: 'nope' }).expect(401);
    expect(res.body.code).toBe('invalid_credentials');
    await t.http().get('/api/auth/session').expect(401);
  });

  it('refuses a state change without the CSRF token or from another origin', async () => {
    const s = await start();
    const body = { title: 'CSRF', procurementName: 'CSRF' };
    const post = () => t.http().post('/api/specifications').set('Host', 'kravbank.test').set('Cookie', s.cookie);
    expect((await post().set('Origin', ORIGIN).send(body).expect(403)).body.code).toBe('csrf_refused');
    expect((await post().set('X-CSRF-Token', s.csrf).send(body).expect(403)).body.code).toBe('csrf_refused');
    await post().set('Origin', 'http://evil.test').set('X-CSRF-Token', s.csrf).send(body).expect(403);
    await post().set('Origin', ORIGIN).set('X-CSRF-Token', 'x'.repeat(43)).send(body).expect(403);
    await post().set('Origin', ORIGIN).set('X-CSRF-Token', s.csrf).send(body).expect(201);
  });

  it('logout revokes the session row: the same cookie no longer works', async () => {
    const s = await start();
    const out = await t
      .http()
      .delete('/api/auth/session')
      .set('Host', 'kravbank.test')
      .set('Cookie', s.cookie)
      .set('Origin', ORIGIN)
      .set('X-CSRF-Token', s.csrf)
      .expect(204);
    expect(String(out.headers['set-cookie'])).toMatch(/kravbank_session=;/);
    expect((await t.http().get('/api/specifications').set('Cookie', s.cookie).expect(401)).body.code).toBe('session_expired');
    const [row] = await t.db.query(`SELECT count(*)::int AS n FROM browser_session WHERE revoked_at IS NOT NULL`);
    expect(row.n).toBeGreaterThanOrEqual(1);
    // A public route still answers, as to anyone.
    await t.http().get('/api/requirements?limit=1').set('Cookie', s.cookie).expect(200);
  });

  it('ends when idle too long, and for a deactivated user', async () => {
    const s = await start();
    await t.db.query(`UPDATE browser_session SET last_seen_at = now() - interval '31 minutes'`);
    await t.http().get('/api/auth/session').set('Cookie', s.cookie).expect(401);
    const o = await start('indkob.odense');
    await t.db.query(`UPDATE app_user SET active = false WHERE username = 'indkob.odense'`);
    await new Promise((r) => setTimeout(r, 5100)); // AUTH_USER_CACHE_SECONDS defaults to 5
    await t.http().get('/api/specifications').set('Cookie', o.cookie).expect(401);
    await t.db.query(`UPDATE app_user SET active = true WHERE username = 'indkob.odense'`);
  });

  it('survives a restart: a new application on the same database knows the session', async () => {
    const s = await start();
    const other = await createKravbankApp(loadConfig({ LOG_LEVEL: 'silent' }), t.database.url);
    await other.init();
    try {
      await request(other.getHttpServer()).get('/api/auth/session').set('Cookie', s.cookie).expect(200);
    } finally {
      await other.close();
    }
  });

  it('marks the cookie Secure behind a TLS proxy (TRUST_PROXY=true)', async () => {
    const other = await createKravbankApp(loadConfig({ LOG_LEVEL: 'silent', TRUST_PROXY: 'true' }), t.database.url);
    await other.init();
    try {
      const res = await request(other.getHttpServer()).post('/api/auth/session').send({ username: 'indkob.aarhus', password: 'demo' });
      expect(String(res.headers['set-cookie'])).toMatch(/; Secure/);
    } finally {
      await other.close();
    }
  });

  it('bearer tokens still work for machine clients, and a bearer client needs no CSRF token', async () => {
    const login = await t.http().post('/api/auth/login').send({ username: 'indkob.aarhus', password: 'demo' }).expect(200);
    await t
      .http()
      .post('/api/specifications')
      .set('Authorization', `Bearer ${login.body.accessToken}`)
      .send({ title: 'Maskine', procurementName: 'Maskine' })
      .expect(201);
  });
});
