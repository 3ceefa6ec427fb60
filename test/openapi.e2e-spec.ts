import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { OpenAPIObject } from '@nestjs/swagger';
import type { Response } from 'supertest';
import { projectRoot } from '@kravbank/common';
import { API_DOCUMENT_FILE, API_TYPES_FILE, documentText, typesFromDocument } from '../apps/api/src/api-types.js';
import { amendmentIn, as, USERS } from './factories/editorial.js';
import { fillXlsx } from './factories/offers.js';
import { createTestApp, type TestApp } from './setup/test-app.js';

/**
 * The OpenAPI document is what the web app's client and integrators are typed from: every
 * operation must describe its success answer, the committed generated files must match the
 * document, and real answers must match their schemas.
 */

type Schema = {
  $ref?: string;
  type?: string;
  format?: string;
  nullable?: boolean;
  enum?: unknown[];
  allOf?: Schema[];
  oneOf?: Schema[];
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
};
type Operation = { responses: Record<string, { content?: Record<string, { schema?: Schema }> }> };

/** The production configuration (demo mode off), as `npm run api:generate` uses. */
// Demo mode off, as integrators meet the service; the document is served because DOCS_ENABLED says so.
const PRODUCTION_ENV = { KRAVBANK_DEMO: 'false', DOCS_ENABLED: 'true', JWT_SECRET: 'openapi-test-secret-of-at-least-32-characters' };

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** Every problem with `value` against `schema`, as "path: what". Undocumented properties are problems too. */
function problems(doc: OpenAPIObject, schema: Schema, value: unknown, at = '$'): string[] {
  if (schema.$ref) return problems(doc, resolve(doc, schema.$ref), value, at);
  if (value === null) return schema.nullable ? [] : [`${at}: null, but the schema does not allow null`];
  if (schema.allOf) return schema.allOf.flatMap((s) => problems(doc, { ...s, nullable: schema.nullable }, value, at));
  if (schema.oneOf) return schema.oneOf.some((s) => !problems(doc, s, value, at).length) ? [] : [`${at}: matches none of oneOf`];
  if (schema.enum && !schema.enum.includes(value)) return [`${at}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`];
  const type = schema.type ?? (schema.properties ? 'object' : undefined);
  const actual = Array.isArray(value) ? 'array' : typeof value;
  const fits =
    type === undefined || (type === 'integer' ? Number.isInteger(value) : type === 'number' ? actual === 'number' : type === actual);
  if (!fits) return [`${at}: ${JSON.stringify(value)} is not of type ${type}`];
  if (type === 'array') return (value as unknown[]).flatMap((v, i) => (schema.items ? problems(doc, schema.items, v, `${at}[${i}]`) : []));
  if (type !== 'object') return [];
  const object = value as Record<string, unknown>;
  const found = (schema.required ?? []).filter((k) => !(k in object)).map((k) => `${at}.${k}: required, missing`);
  for (const [k, v] of Object.entries(object)) {
    const property = schema.properties?.[k];
    if (property) found.push(...problems(doc, property, v, `${at}.${k}`));
    else if (schema.properties && !schema.additionalProperties) found.push(`${at}.${k}: not in the schema`);
  }
  return found;
}

function resolve(doc: OpenAPIObject, ref: string): Schema {
  const name = ref.replace('#/components/schemas/', '');
  const schema = doc.components?.schemas?.[name];
  if (!schema) throw new Error(`no schema ${ref}`);
  return schema as Schema;
}

describe('OpenAPI document (/docs-json)', () => {
  let t: TestApp;
  let doc: OpenAPIObject;

  /**
   * Asserts the answer succeeded (or has the `status` given), that its status is documented for the
   * route, and that its JSON body matches the documented schema.
   */
  function matches(res: Response, method: (typeof METHODS)[number], route: string, status?: number): void {
    if (status ? res.status !== status : res.status >= 300)
      throw new Error(`${method.toUpperCase()} ${route}: ${res.status} ${res.text.slice(0, 300)}`);
    const operation = (doc.paths[route] as Record<string, Operation> | undefined)?.[method];
    if (!operation) throw new Error(`${method.toUpperCase()} ${route} is not in the document`);
    const documented = operation.responses[String(res.status)];
    if (!documented)
      throw new Error(`${method.toUpperCase()} ${route}: status ${res.status} is not documented (${res.text.slice(0, 200)})`);
    if (res.status === 204) return;
    const type = String(res.headers['content-type']).split(';')[0];
    const schema = documented.content?.[type]?.schema;
    if (!schema) throw new Error(`${method.toUpperCase()} ${route} ${res.status}: no schema for ${type}`);
    if (schema.format === 'binary') return;
    expect({ route: `${method.toUpperCase()} ${route} ${res.status}`, problems: problems(doc, schema, res.body) }).toEqual({
      route: `${method.toUpperCase()} ${route} ${res.status}`,
      problems: [],
    });
  }

  beforeAll(async () => {
    t = await createTestApp(PRODUCTION_ENV);
    doc = (await t.http().get('/docs-json').expect(200)).body;
  });
  afterAll(() => t.close());

  it('describes the success answer of every operation: a schema for each 2xx with content, a documented 204, or a documented redirect', () => {
    const lacking: string[] = [];
    let operations = 0;
    for (const [route, item] of Object.entries(doc.paths)) {
      for (const method of METHODS) {
        const operation = (item as Record<string, Operation>)[method];
        if (!operation) continue;
        operations++;
        const success = Object.entries(operation.responses).filter(([status]) => /^2\d\d$/.test(status));
        // A route that only redirects (the start of a sign-in at an identity provider) documents its 302 instead.
        const redirects = Object.entries(operation.responses).some(
          ([status, r]) => status === '302' && (r as { description?: string }).description,
        );
        if (!success.length && !redirects) lacking.push(`${method.toUpperCase()} ${route}: no 2xx answer documented`);
        for (const [status, response] of success) {
          if (status === '204') continue;
          const contents = Object.entries(response.content ?? {});
          if (!contents.length) lacking.push(`${method.toUpperCase()} ${route} ${status}: no content`);
          for (const [type, media] of contents)
            if (!media.schema) lacking.push(`${method.toUpperCase()} ${route} ${status} ${type}: no schema`);
        }
      }
    }
    expect(lacking).toEqual([]);
    expect(operations).toBeGreaterThan(40);
  });

  it('types every property: none is an object without properties (a nullable scalar the generator could not infer)', () => {
    const untyped: string[] = [];
    for (const [name, schema] of Object.entries(doc.components?.schemas ?? {}))
      for (const [property, s] of Object.entries((schema as Schema).properties ?? {}))
        if (s.type === 'object' && !s.properties && !s.additionalProperties && !s.allOf && !s.$ref) untyped.push(`${name}.${property}`);
    expect(untyped).toEqual([]);
  });

  it('declares every {parameter} of every route as a path parameter (the typed client needs it to call the route)', () => {
    const undeclared: string[] = [];
    for (const [route, item] of Object.entries(doc.paths))
      for (const method of METHODS) {
        const operation = (item as Record<string, { parameters?: Array<{ in: string; name: string }> }>)[method];
        if (!operation) continue;
        const declared = (operation.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name);
        for (const [, name] of route.matchAll(/\{(\w+)\}/g))
          if (!declared.includes(name)) undeclared.push(`${method.toUpperCase()} ${route}: {${name}}`);
      }
    expect(undeclared).toEqual([]);
  });

  it('the checker refuses an answer that lacks a required field, has the wrong type or an undocumented field', () => {
    const schema = { $ref: '#/components/schemas/VersionSummary' };
    const good = { version: 1, title: 'x', publishedAt: '2026-01-01T00:00:00.000Z', contentHash: 'h', origin: 'seed', changeSummary: null };
    expect(problems(doc, schema, good)).toEqual([]);
    const { title: _t, ...withoutTitle } = good;
    expect(problems(doc, schema, withoutTitle)).toEqual(['$.title: required, missing']);
    expect(problems(doc, schema, { ...good, version: '1' })).toEqual(['$.version: "1" is not of type integer']);
    expect(problems(doc, schema, { ...good, origin: 'import' })).toHaveLength(1);
    expect(problems(doc, schema, { ...good, extra: true })).toEqual(['$.extra: not in the schema']);
  });

  it('matches the committed apps/web/src/lib/api/openapi.json and schema.d.ts (else run npm run api:generate)', async () => {
    const committed = (file: string) => readFileSync(path.join(projectRoot(), file), 'utf8');
    expect(committed(API_DOCUMENT_FILE)).toBe(documentText(doc));
    expect(committed(API_TYPES_FILE)).toBe(await typesFromDocument(doc));
  });

  it('a real requirement answer has every required property of RequirementView and VersionView', async () => {
    const res = await t.http().get('/api/requirements/SIK-001').expect(200);
    const required = (name: string) => (doc.components!.schemas![name] as Schema).required!;
    expect(required('RequirementView')).toEqual(expect.arrayContaining(['key', 'current', 'versions', 'retiredAt']));
    for (const k of required('RequirementView')) expect(res.body).toHaveProperty([k]);
    for (const k of required('VersionView')) expect(res.body.current).toHaveProperty([k]);
    matches(res, 'get', '/api/requirements/{key}');
  });

  it('public answers match their schemas', async () => {
    const get = async (url: string, route = url) => {
      const res = await t.http().get(url);
      matches(res, 'get', route);
      return res.body;
    };
    await get('/health');
    await get('/api/requirements?limit=100', '/api/requirements');
    await get('/api/requirements/SIK-001/versions', '/api/requirements/{key}/versions');
    await get('/api/requirements/SIK-001/versions/1', '/api/requirements/{key}/versions/{n}');
    await get('/api/requirements/SIK-001/diff?from=1&to=1', '/api/requirements/{key}/diff');
    await get('/api/categories');
    const sources = await get('/api/legal-sources?limit=100', '/api/legal-sources');
    await get(`/api/legal-sources/${sources.items[0].id}`, '/api/legal-sources/{id}');
    await get(`/api/legal-sources/${sources.items[0].id}/requirements`, '/api/legal-sources/{id}/requirements');
    const profiles = await get('/api/profiles');
    await get(`/api/profiles/${profiles.items[0].id}`, '/api/profiles/{id}');
    await get('/api/search?q=logning', '/api/search');
    await get('/api/search/status');
    matches(await t.http().get('/api/requirements/NOPE-001'), 'get', '/api/requirements/{key}', 404);
  });

  it('identity answers match their schemas', async () => {
    const login = await t.http().post('/api/auth/login').send({ username: USERS.editor, password: 'demo' });
    matches(login, 'post', '/api/auth/login');
    matches(await t.http().get('/api/me').set('Authorization', `Bearer ${login.body.accessToken}`), 'get', '/api/me');
    matches(await t.http().post('/api/auth/login').send({ username: USERS.editor, password: 'wrong' }), 'post', '/api/auth/login', 401);
  });

  it('editorial, catalogue provenance, specification and audit answers match their schemas', async () => {
    const editor = await as(t, USERS.editor);
    const aarhus = await as(t, USERS.proposer);
    const auth = `Bearer ${(await t.http().post('/api/auth/login').send({ username: USERS.proposer, password: 'demo' })).body.accessToken}`;

    // A specification that pins SIK-003 version 1 before a new version is published.
    const profiles = (await t.http().get('/api/profiles').expect(200)).body;
    const created = await aarhus
      .post('/api/specifications')
      .send({ title: 'OpenAPI', procurementName: 'Udbud', profileId: profiles.items[0].id });
    matches(created, 'post', '/api/specifications');
    const spec = created.body.id as string;
    const added = await aarhus.post(`/api/specifications/${spec}/items`).send({ requirementKey: 'SIK-003', version: 1 });
    matches(added, 'post', '/api/specifications/{id}/items');
    const bulk = await aarhus
      .post(`/api/specifications/${spec}/items/bulk`)
      .send({ items: [{ local: { title: 'Lokalt krav', statement: 'Leverandøren skal.' } }] });
    matches(bulk, 'post', '/api/specifications/{id}/items/bulk');

    // A proposal through the whole workflow, with a comment.
    const id = await amendmentIn(t, 'approved', 'SIK-003');
    matches(await aarhus.get(`/api/change-proposals/${id}`), 'get', '/api/change-proposals/{id}');
    matches(await aarhus.get('/api/change-proposals'), 'get', '/api/change-proposals');
    matches(
      await aarhus.post(`/api/change-proposals/${id}/comments`).send({ text: 'Godt.' }),
      'post',
      '/api/change-proposals/{id}/comments',
    );
    matches(await aarhus.get(`/api/change-proposals/${id}/comments`), 'get', '/api/change-proposals/{id}/comments');
    matches(await aarhus.get(`/api/change-proposals/${id}/revisions`), 'get', '/api/change-proposals/{id}/revisions');
    matches(await aarhus.get(`/api/change-proposals/${id}/revisions/diff`), 'get', '/api/change-proposals/{id}/revisions/diff');
    matches(await aarhus.get(`/api/change-proposals/${id}/history`), 'get', '/api/change-proposals/{id}/history');
    matches(await editor.get(`/api/change-proposals/${id}/rebase`), 'get', '/api/change-proposals/{id}/rebase');
    matches(await editor.post(`/api/change-proposals/${id}/publish`), 'post', '/api/change-proposals/{id}/publish');
    const v2 = await t.http().get('/api/requirements/SIK-003/versions/2');
    expect(v2.body.provenance).not.toBeNull();
    matches(v2, 'get', '/api/requirements/{key}/versions/{n}');
    matches(await t.http().get('/api/requirements/SIK-003/diff'), 'get', '/api/requirements/{key}/diff');

    // The specification sees the newer version.
    const http = (method: 'get' | 'post' | 'patch' | 'delete', url: string) => t.http()[method](url).set('Authorization', auth);
    const s = `/api/specifications/${spec}`;
    matches(await http('get', `${s}/updates`), 'get', '/api/specifications/{id}/updates');
    const items = await http('get', `${s}/items?limit=100`);
    matches(items, 'get', '/api/specifications/{id}/items');
    const item = items.body.items.find((i: { requirementKey: string }) => i.requirementKey === 'SIK-003').id;
    const local = items.body.items.find((i: { source: string }) => i.source === 'local').id;
    const itemPath = '/api/specifications/{id}/items/{itemId}';
    matches(await http('patch', `${s}/items/${item}`).send({ obligation: 'evaluated', weight: 5 }), 'patch', itemPath);
    matches(await http('post', `${s}/items/${item}/upgrade`), 'post', `${itemPath}/upgrade`);
    matches(await http('post', `${s}/upgrade-all`), 'post', '/api/specifications/{id}/upgrade-all');
    matches(await http('delete', `${s}/items/${local}`), 'delete', itemPath);
    matches(await http('patch', s).send({ description: 'Beskrivelse' }), 'patch', '/api/specifications/{id}');
    matches(
      await http('patch', s).send({ evaluation: { subCriterion: 'Funktionalitet' }, annex: { number: '4' }, sections: ['Drift'] }),
      'patch',
      '/api/specifications/{id}',
    );
    const checks = await http('get', `${s}/checks`);
    expect(checks.body.total).toBeGreaterThan(0);
    matches(checks, 'get', '/api/specifications/{id}/checks');
    matches(await http('get', `${s}/export?format=csv`), 'get', '/api/specifications/{id}/export');
    matches(await http('post', `${s}/finalize`).send({ acknowledgeWarnings: true }), 'post', '/api/specifications/{id}/finalize');
    const revision = await http('post', `${s}/revisions`);
    matches(revision, 'post', '/api/specifications/{id}/revisions');
    matches(await http('get', '/api/specifications'), 'get', '/api/specifications');
    matches(await http('delete', `/api/specifications/${revision.body.id}`), 'delete', '/api/specifications/{id}');
    matches(await http('get', s), 'get', '/api/specifications/{id}');

    matches(await editor.get('/api/audit?limit=100'), 'get', '/api/audit');
    matches(await editor.get('/api/audit/verify'), 'get', '/api/audit/verify');
  });

  it('offer, scoring and evaluation answers match their schemas', async () => {
    const auth = `Bearer ${(await t.http().post('/api/auth/login').send({ username: USERS.proposer, password: 'demo' })).body.accessToken}`;
    const http = (method: 'get' | 'post' | 'put' | 'delete', url: string) => t.http()[method](url).set('Authorization', auth);
    const spec = (await http('post', '/api/specifications').send({ title: 'Tilbud', procurementName: 'Udbud' }).expect(201)).body.id;
    const s = `/api/specifications/${spec}`;
    await http('post', `${s}/items/bulk`)
      .send({
        items: [
          { requirementKey: 'SIK-001', obligation: 'minimum' },
          { requirementKey: 'ARK-001', obligation: 'evaluated', weight: 10 },
        ],
      })
      .expect(201);
    await http('post', `${s}/finalize`).send({ acknowledgeWarnings: true }).expect(200);
    const chunks = (res: NodeJS.ReadableStream, cb: (err: Error | null, body: Buffer) => void) => {
      const parts: Buffer[] = [];
      res.on('data', (c: Buffer) => parts.push(c));
      res.on('end', () => cb(null, Buffer.concat(parts)));
    };
    const xlsx = (
      await http('get', `${s}/export?format=xlsx`)
        .buffer(true)
        .parse(chunks as never)
        .expect(200)
    ).body as Buffer;
    const created = await http('post', `${s}/offers`).send({ bidderName: 'Leverandør A/S', cvr: '12345678' });
    matches(created, 'post', '/api/specifications/{id}/offers');
    const o = `${s}/offers/${created.body.id}`;
    matches(
      await http('put', `${o}/file`).attach('file', await fillXlsx(xlsx, { no: ['SIK-001'] }), 'svar.xlsx'),
      'put',
      '/api/specifications/{id}/offers/{offerId}/file',
    );
    matches(await http('get', o), 'get', '/api/specifications/{id}/offers/{offerId}');
    matches(await http('get', `${s}/offers`), 'get', '/api/specifications/{id}/offers');
    const matrix = await http('get', `${s}/scores`);
    matches(matrix, 'get', '/api/specifications/{id}/scores');
    const ek = matrix.body.items[0].itemId;
    const score = { points: 7, reason: 'Godt beskrevet.' };
    matches(await http('put', `${o}/scores/${ek}`).send(score), 'put', '/api/specifications/{id}/offers/{offerId}/scores/{itemId}');
    matches(await http('put', `${o}/consensus/${ek}`).send(score), 'put', '/api/specifications/{id}/offers/{offerId}/consensus/{itemId}');
    matches(await http('get', `${s}/scores`), 'get', '/api/specifications/{id}/scores');
    matches(await http('get', `${s}/evaluation?format=xlsx`), 'get', '/api/specifications/{id}/evaluation');
    matches(await http('get', `${o}/evaluation?format=docx`), 'get', '/api/specifications/{id}/offers/{offerId}/evaluation');
    const other = await http('post', `${s}/offers`).send({ bidderName: 'Leverandør B A/S', cvr: '87654321' });
    matches(await http('delete', `${s}/offers/${other.body.id}`), 'delete', '/api/specifications/{id}/offers/{offerId}');
  });
});
