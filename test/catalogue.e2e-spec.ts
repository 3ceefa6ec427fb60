import { CatalogueWriter } from '../libs/catalogue/src/catalogue-writer.js';
import type { RequirementContent } from '../libs/catalogue/src/model.js';
import { createTestApp, type TestApp } from './setup/test-app.js';

const PROBLEM = /application\/problem\+json/;

describe('catalogue read API (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  async function expectProblem(path: string, status: number, code: string, field?: string) {
    const res = await t.http().get(path);
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(res.body).toMatchObject({ status, code, instance: path });
    expect(res.body.requestId).toBe(res.headers['x-request-id']);
    if (field) expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    return res.body;
  }

  describe('categories', () => {
    it('lists the three categories with counts from the seed', async () => {
      const res = await t.http().get('/api/categories').expect(200);
      expect(res.body.map((c: { id: string }) => c.id)).toEqual(['framework-architecture', 'security', 'archive']);
      for (const c of res.body) expect(c.active).toBeGreaterThanOrEqual(40);
      expect(res.body.map((c: { prefix: string }) => c.prefix)).toEqual(['RAM', 'SIK', 'ARK']);
    });
  });

  describe('GET /api/requirements', () => {
    it('pages with a default limit of 20 and a total', async () => {
      const first = await t.http().get('/api/requirements').expect(200);
      expect(first.body).toMatchObject({ page: 1, limit: 20 });
      expect(first.body.items).toHaveLength(20);
      expect(first.body.total).toBeGreaterThanOrEqual(120);
      expect(first.body.items[0]).toMatchObject({ key: 'RAM-001', category: 'framework-architecture', version: 1, status: 'active' });
      const last = await t
        .http()
        .get(`/api/requirements?page=${Math.ceil(first.body.total / 20)}`)
        .expect(200);
      expect(last.body.items.length).toBeGreaterThan(0);
      const beyond = await t.http().get('/api/requirements?page=999').expect(200);
      expect(beyond.body).toMatchObject({ items: [], total: first.body.total });
    });

    it('filters by category, level, tag, legal source and status', async () => {
      const sec = await t.http().get('/api/requirements?category=security&limit=100').expect(200);
      expect(sec.body.items.every((r: { key: string }) => r.key.startsWith('SIK-'))).toBe(true);
      expect(sec.body.total).toBe(sec.body.items.length);

      const level3 = await t.http().get('/api/requirements?level=3&limit=100').expect(200);
      expect(level3.body.total).toBeGreaterThan(0);
      expect(level3.body.items.every((r: { level: number }) => r.level === 3)).toBe(true);

      const tagged = await t.http().get('/api/requirements?tag=kle&limit=100').expect(200);
      expect(tagged.body.total).toBeGreaterThan(0);
      expect(tagged.body.items.every((r: { tags: string[] }) => r.tags.includes('kle'))).toBe(true);

      const gdpr = await t.http().get('/api/requirements?legalSource=gdpr&category=security&limit=100').expect(200);
      expect(gdpr.body.total).toBeGreaterThan(0);
      expect(gdpr.body.total).toBeLessThanOrEqual(sec.body.total);
      const detail = await t.http().get(`/api/requirements/${gdpr.body.items[0].key}`).expect(200);
      expect(detail.body.current.legalSources.map((s: { id: string }) => s.id)).toContain('gdpr');

      const retired = await t.http().get('/api/requirements?status=retired').expect(200);
      expect(retired.body.items.map((r: { key: string }) => r.key)).toEqual(['ARK-025']);
    });

    it.each([
      ['/api/requirements?limit=1000', 'limit'],
      ['/api/requirements?limit=0', 'limit'],
      ['/api/requirements?page=0', 'page'],
      ['/api/requirements?page=abc', 'page'],
      ['/api/requirements?category=nope', 'category'],
      ['/api/requirements?level=4', 'level'],
      ['/api/requirements?status=gone', 'status'],
      ['/api/requirements?tag=Not%20A%20Tag', 'tag'],
      ['/api/requirements?foo=bar', 'foo'],
    ])('refuses %s with 400 naming %s', async (path, field) => {
      const body = await expectProblem(path, 400, 'validation_failed', field);
      expect(body.detail).toContain(field);
    });
  });

  describe('one requirement and its versions', () => {
    it('returns the current version with legal sources and a version summary', async () => {
      const res = await t.http().get('/api/requirements/SIK-001').expect(200);
      expect(res.body).toMatchObject({ key: 'SIK-001', category: 'security', status: 'active', currentVersion: 1 });
      expect(res.body.current).toMatchObject({ key: 'SIK-001', version: 1, origin: 'seed' });
      for (const f of ['title', 'statement', 'rationale', 'guidance', 'verification'])
        expect(res.body.current[f].length).toBeGreaterThan(10);
      expect(res.body.current.contentHash).toMatch(/^[0-9a-f]{64}$/);
      expect(res.body.current.legalSources[0]).toEqual(expect.objectContaining({ id: expect.any(String), title: expect.any(String) }));
      expect(res.body.versions).toEqual([expect.objectContaining({ version: 1, publishedAt: '2026-01-01T00:00:00.000Z' })]);
    });

    it('accepts a lower-case key', async () => {
      const res = await t.http().get('/api/requirements/sik-001').expect(200);
      expect(res.body.key).toBe('SIK-001');
    });

    it('gives 404 problems for unknown keys, versions and routes', async () => {
      await expectProblem('/api/requirements/SIK-999', 404, 'requirement_not_found');
      await expectProblem('/api/requirements/SIK-001/versions/9', 404, 'version_not_found');
      await expectProblem('/api/requirements/NOPE-1/versions/1', 404, 'requirement_not_found');
      await expectProblem('/api/nothing-here', 404, 'not_found');
      await expectProblem('/api/requirements/SIK-001/versions/0', 400, 'validation_failed', 'n');
      await expectProblem('/api/requirements/SIK-001/versions/x', 400, 'validation_failed', 'n');
    });
  });

  describe('new versions, immutability and diff', () => {
    const key = 'ARK-003';
    let v1: RequirementContent;

    beforeAll(async () => {
      const res = await t.http().get(`/api/requirements/${key}/versions/1`).expect(200);
      v1 = {
        ...res.body,
        legalSources: res.body.legalSources.map((s: { id: string; section: string | null }) => ({ id: s.id, section: s.section })),
      };
      await t.db.transaction((m) =>
        new CatalogueWriter(m).publish({
          key,
          content: { ...v1, statement: `${v1.statement} Dokumentationen skal foreligge på dansk.`, level: 3 },
          origin: 'seed',
          baseVersion: 1,
        }),
      );
    });

    it('keeps version 1 readable and unchanged beside version 2', async () => {
      const list = await t.http().get(`/api/requirements/${key}/versions`).expect(200);
      expect(list.body.total).toBe(2);
      expect(list.body.items.map((v: { version: number }) => v.version)).toEqual([1, 2]);
      expect(list.body.items[0].statement).toBe(v1.statement);
      const head = await t.http().get(`/api/requirements/${key}`).expect(200);
      expect(head.body.currentVersion).toBe(2);
      expect(head.body.current.level).toBe(3);
    });

    it('refuses any UPDATE or DELETE of a published version in the database itself', async () => {
      await expect(t.db.query(`UPDATE requirement_version SET statement = 'x' WHERE requirement_key = $1`, [key])).rejects.toThrow(
        /immutable/,
      );
      await expect(t.db.query(`DELETE FROM requirement_version WHERE requirement_key = $1`, [key])).rejects.toThrow(/immutable/);
      await expect(t.db.query(`UPDATE requirement_version_source SET section = 'x'`)).rejects.toThrow(/immutable/);
    });

    it('diffs two versions word by word, field by field', async () => {
      const res = await t.http().get(`/api/requirements/${key}/diff?from=1&to=2`).expect(200);
      expect(res.body).toMatchObject({ key, from: 1, to: 2 });
      expect(res.body.changed.sort()).toEqual(['level', 'statement']);
      const runs = res.body.fields.statement.runs;
      expect(
        runs
          .filter((r: { op: string }) => r.op === 'insert')
          .map((r: { text: string }) => r.text)
          .join(''),
      ).toContain('Dokumentationen skal foreligge på dansk.');
      expect(
        runs
          .filter((r: { op: string }) => r.op !== 'insert')
          .map((r: { text: string }) => r.text)
          .join(''),
      ).toBe(v1.statement);
      expect(res.body.fields.level.runs).toEqual(
        expect.arrayContaining([
          { op: 'delete', text: String(v1.level) },
          { op: 'insert', text: '3' },
        ]),
      );
      expect(res.body.fields.title).toEqual({ changed: false, runs: [{ op: 'equal', text: v1.title }] });
      const defaults = await t.http().get(`/api/requirements/${key}/diff`).expect(200);
      expect(defaults.body).toMatchObject({ from: 1, to: 2 });
    });

    it('refuses from > to and unknown versions', async () => {
      await expectProblem(`/api/requirements/${key}/diff?from=2&to=1`, 400, 'validation_failed', 'from');
      await expectProblem(`/api/requirements/${key}/diff?from=1&to=7`, 404, 'version_not_found');
      await expectProblem(`/api/requirements/${key}/diff?from=one`, 400, 'validation_failed', 'from');
    });

    it('refuses a publication on an outdated base version', async () => {
      await expect(
        t.db.transaction((m) => new CatalogueWriter(m).publish({ key, content: v1, origin: 'seed', baseVersion: 1 })),
      ).rejects.toMatchObject({ code: 'base_version_outdated' });
    });
  });

  describe('legal sources and traceability', () => {
    it('lists the register and traces a source to the requirements citing it', async () => {
      const list = await t.http().get('/api/legal-sources?limit=100').expect(200);
      expect(list.body.total).toBeGreaterThanOrEqual(14);
      const gdpr = list.body.items.find((s: { id: string }) => s.id === 'gdpr');
      expect(gdpr).toMatchObject({ kind: 'act', url: expect.stringMatching(/^https:/) });
      expect(gdpr.requirementCount).toBeGreaterThan(0);

      const one = await t.http().get('/api/legal-sources/arkivloven').expect(200);
      expect(one.body.title).toBe('Arkivloven');
      const citing = await t.http().get('/api/legal-sources/arkivloven/requirements?limit=100').expect(200);
      expect(citing.body.total).toBe(one.body.requirementCount);
      expect(citing.body.items.length).toBeGreaterThan(0);
      expect(citing.body.items.some((r: { key: string }) => r.key.startsWith('ARK-'))).toBe(true);
    });

    it('gives 404 for an unknown source', async () => {
      await expectProblem('/api/legal-sources/no-such-law', 404, 'legal_source_not_found');
      await expectProblem('/api/legal-sources/no-such-law/requirements', 404, 'legal_source_not_found');
    });
  });

  describe('selection profiles', () => {
    it('lists the profiles and shows one with its requirements and suggested obligations', async () => {
      const list = await t.http().get('/api/profiles').expect(200);
      expect(list.body.total).toBeGreaterThanOrEqual(4);
      expect(list.body.items.map((p: { id: string }) => p.id)).toEqual(
        expect.arrayContaining(['standard-saas', 'fagsystem-personoplysninger', 'fagsystem-arkivpligt', 'faelleskommunal-integration']),
      );
      const one = await t.http().get('/api/profiles/fagsystem-arkivpligt').expect(200);
      expect(one.body.items.length).toBe(list.body.items.find((p: { id: string }) => p.id === 'fagsystem-arkivpligt').itemCount);
      expect(one.body.items[0]).toEqual(
        expect.objectContaining({
          key: expect.stringMatching(/^(RAM|SIK|ARK)-\d{3}$/),
          obligation: expect.stringMatching(/^(minimum|evaluated)$/),
          version: 1,
          status: 'active',
        }),
      );
      expect(one.body.items.some((i: { category: string }) => i.category === 'archive')).toBe(true);
      await expectProblem('/api/profiles/no-such-profile', 404, 'profile_not_found');
    });
  });

  describe('health, request ids and OpenAPI', () => {
    it('reports database health, without process details for the public', async () => {
      const res = await t.http().get('/health').expect(200);
      expect(res.body).toMatchObject({ status: 'ok', database: { status: 'up' } });
      expect(res.body.process).toBeUndefined();
    });

    it('echoes a sane X-Request-Id and replaces an unsafe one', async () => {
      const given = await t.http().get('/api/requirements/NOPE-001').set('X-Request-Id', 'abc-123');
      expect(given.headers['x-request-id']).toBe('abc-123');
      expect(given.body.requestId).toBe('abc-123');
      const unsafe = await t.http().get('/health').set('X-Request-Id', 'bad id with spaces');
      expect(unsafe.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('serves the OpenAPI document generated from the code', async () => {
      const res = await t.http().get('/docs-json').expect(200);
      expect(Object.keys(res.body.paths)).toEqual(
        expect.arrayContaining([
          '/api/requirements',
          '/api/requirements/{key}',
          '/api/requirements/{key}/diff',
          '/api/legal-sources/{id}/requirements',
          '/api/categories',
          '/health',
        ]),
      );
      const ui = await t.http().get('/docs').expect(200);
      expect(ui.text).toContain('swagger');
    });
  });
});
