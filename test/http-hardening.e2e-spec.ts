import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { loadConfig } from '@kravbank/common';
import { createKravbankApp } from '../apps/api/src/bootstrap.js';
import { login, USERS } from './factories/editorial.js';
import { createTestApp, type TestApp } from './setup/test-app.js';
import { createTestDatabase, type TestDatabase } from './setup/test-db.js';

const PROBLEM = /^application\/problem\+json/;
const SECRET = 's'.repeat(40);

function directives(csp: string | undefined): Record<string, string> {
  expect(csp).toBeDefined();
  return Object.fromEntries(
    csp!.split(';').map((d) => {
      const [name, ...values] = d.trim().split(/\s+/);
      return [name, values.join(' ')];
    }),
  );
}

describe('security headers, problem answers and the request log (e2e)', () => {
  let t: TestApp;
  let logged: Array<Record<string, unknown>>;
  let logDb: TestDatabase;
  let logApp: NestExpressApplication;

  beforeAll(async () => {
    // The app whose log this file reads: the first one made in the process also owns the root logger.
    logged = [];
    logDb = await createTestDatabase();
    const destination = { write: (line: string) => void logged.push(JSON.parse(line) as Record<string, unknown>) };
    logApp = await createKravbankApp(loadConfig({ LOG_LEVEL: 'info' }), logDb.url, { logDestination: destination });
    await logApp.init();
    t = await createTestApp();
  }, 120_000);
  afterAll(async () => {
    await t.close();
    await logApp.close();
    await logDb.drop();
  });

  describe('headers', () => {
    const strict = (res: request.Response) => {
      const csp = directives(res.headers['content-security-policy']);
      expect(csp).toMatchObject({
        'default-src': "'self'",
        'script-src': "'self'",
        'script-src-attr': "'none'",
        'style-src': "'self'",
        'img-src': "'self' data:",
        'object-src': "'none'",
        'frame-ancestors': "'none'",
        'base-uri': "'self'",
        'form-action': "'self'",
      });
      expect(res.headers['content-security-policy']).not.toMatch(/unsafe-inline|unsafe-eval|upgrade-insecure-requests/);
      expect(res.headers).toMatchObject({
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'DENY',
        'referrer-policy': 'no-referrer',
      });
      expect(res.headers['strict-transport-security']).toBeUndefined(); // not behind TLS: TRUST_PROXY is false
      expect(res.headers['x-powered-by']).toBeUndefined();
    };

    it('a public answer: strict headers, and it may be cached', async () => {
      const res = await t.http().get('/api/requirements').expect(200);
      strict(res);
      expect(res.headers['cache-control'] ?? '').not.toMatch(/no-store/);
    });

    it('an authenticated answer and the login answer: strict headers and no-store', async () => {
      const res = await t.http().post('/api/auth/login').send({ username: USERS.proposer, password: 'demo' }).expect(200);
      strict(res);
      expect(res.headers['cache-control']).toBe('no-store');
      const me = await t.http().get('/api/me').set('Authorization', `Bearer ${res.body.accessToken}`).expect(200);
      strict(me);
      expect(me.headers['cache-control']).toBe('no-store');
      const refused = await t.http().post('/api/auth/login').send({ username: USERS.proposer, password: 'forkert' }).expect(401);
      expect(refused.headers['cache-control']).toBe('no-store');
    });

    it('an authenticated export keeps no-store, even where the route would allow caching', async () => {
      const token = await login(t, USERS.proposer);
      const auth = { Authorization: `Bearer ${token}` };
      const spec = (await t.http().post('/api/specifications').set(auth).send({ title: 'Hoveder', procurementName: 'Udbud' }).expect(201))
        .body;
      await t.http().post(`/api/specifications/${spec.id}/items`).set(auth).send({ requirementKey: 'SIK-001' }).expect(201);
      await t.http().post(`/api/specifications/${spec.id}/finalize`).set(auth).expect(200);
      const res = await t.http().get(`/api/specifications/${spec.id}/export?format=csv`).set(auth).expect(200);
      expect(res.headers['cache-control']).toBe('no-store');
    });

    it('an error answer: strict headers on the problem', async () => {
      const res = await t.http().get('/api/requirements/NOPE-999').expect(404);
      expect(res.headers['content-type']).toMatch(PROBLEM);
      strict(res);
    });

    it('the OpenAPI page allows its inline styles, never inline script', async () => {
      const res = await t.http().get('/docs').expect(200);
      const csp = directives(res.headers['content-security-policy']);
      expect(csp['style-src']).toBe("'self' 'unsafe-inline'");
      expect(csp['script-src']).toBe("'self'");
      expect(csp['frame-ancestors']).toBe("'none'");
      expect(res.text).not.toMatch(/<script>(?!\s*<\/script>)/); // every script is a file
      // In demo mode the document may suggest the demo login.
      expect((await t.http().get('/docs-json').expect(200)).text).toContain('indkob.aarhus');
    });

    it('behind TLS (TRUST_PROXY=true): HSTS and upgrade-insecure-requests; outside demo mode /docs carries no demo credentials', async () => {
      const tls = await createTestApp({ TRUST_PROXY: 'true', KRAVBANK_DEMO: 'false', JWT_SECRET: SECRET, DOCS_ENABLED: 'true' });
      try {
        const res = await tls.http().get('/api/categories').expect(200);
        expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
        expect(directives(res.headers['content-security-policy'])).toHaveProperty('upgrade-insecure-requests');
        expect((tls.app.getHttpAdapter().getInstance() as { get(name: string): unknown }).get('trust proxy')).toBe(true);
        const doc = (await tls.http().get('/docs-json').expect(200)).text;
        expect(doc).not.toMatch(/indkob\.aarhus|"example":\s*"demo"/);
        expect(doc).toContain('/api/auth/login');
      } finally {
        await tls.close();
      }
    });

    it('outside demo mode /docs is not served unless DOCS_ENABLED=true', async () => {
      const prod = await createTestApp({ KRAVBANK_DEMO: 'false', JWT_SECRET: SECRET });
      try {
        await prod.http().get('/docs').expect(404);
        await prod.http().get('/docs-json').expect(404);
      } finally {
        await prod.close();
      }
    });
  });

  describe('refused bodies are problems with a request id', () => {
    it('malformed JSON is a 400 problem+json with the request id', async () => {
      const res = await t
        .http()
        .post('/api/auth/login')
        .set('Content-Type', 'application/json')
        .set('X-Request-Id', 'feil-json-1')
        .send('{"username": "a",');
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(PROBLEM);
      expect(res.headers['x-request-id']).toBe('feil-json-1');
      expect(res.body).toMatchObject({ code: 'malformed_json', status: 400, requestId: 'feil-json-1' });
    });

    it('an oversized body is a 413 problem+json with the request id', async () => {
      const res = await t
        .http()
        .post('/api/auth/login')
        .set('Content-Type', 'application/json')
        .send(JSON.stringify({ username: 'x'.repeat(1_100_000), password: 'y' }));
      expect(res.status).toBe(413);
      expect(res.headers['content-type']).toMatch(PROBLEM);
      expect(res.body).toMatchObject({ code: 'payload_too_large', status: 413 });
      expect(res.body.requestId).toBe(res.headers['x-request-id']);
    });
  });

  describe('the request log', () => {
    const http = () => request(logApp.getHttpServer());
    const linesFor = (id: string) => logged.filter((l) => (l.req as { id?: string } | undefined)?.id === id);

    it('writes one line per request with method, route, status, time and request id, refused bodies included', async () => {
      const cases: Array<[string, () => request.Test, number]> = [
        ['log-health', () => http().get('/health'), 200],
        ['log-read', () => http().get('/api/requirements/SIK-001'), 200],
        ['log-404', () => http().get('/api/requirements/NOPE-001'), 404],
        ['log-malformed', () => http().post('/api/auth/login').set('Content-Type', 'application/json').send('{"a":'), 400],
        [
          'log-413',
          () =>
            http()
              .post('/api/auth/login')
              .set('Content-Type', 'application/json')
              .send(`"${'x'.repeat(1_100_000)}"`),
          413,
        ],
        [
          'log-deep',
          () =>
            http()
              .post('/api/auth/login')
              .set('Content-Type', 'application/json')
              .send(`${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`),
          400,
        ],
        ['log-nul', () => http().get('/api/requirements/SIK-001%00'), 400],
      ];
      for (const [id, call, status] of cases) expect((await call().set('X-Request-Id', id)).status).toBe(status);
      await new Promise((resolve) => setTimeout(resolve, 100));
      for (const [id, , status] of cases) {
        const lines = linesFor(id).filter((l) => l.res);
        expect({ id, lines: lines.length }).toEqual({ id, lines: 1 });
        expect(lines[0]).toMatchObject({ req: { id, method: expect.any(String), url: expect.any(String) }, res: { statusCode: status } });
        expect(typeof lines[0].responseTime).toBe('number');
      }
      expect(linesFor('log-read').find((l) => l.res)).toMatchObject({ route: '/api/requirements/:key' });
      expect(linesFor('log-health').find((l) => l.res)).toMatchObject({ route: '/health' });
    });

    it('never writes the content of a refused or failed request', () => {
      const text = logged.map((l) => JSON.stringify(l)).join('\n');
      expect(text).not.toContain('x'.repeat(100));
      expect(text).not.toMatch(/"parameters"/);
    });
  });
});
