import { amendmentIn, as, login, USERS } from './factories/editorial.js';
import { createTestApp, type TestApp } from './setup/test-app.js';

/**
 * Hostile input, generated from one table: every write route × every kind of hostile body, and
 * the read routes' path and query parameters × hostile text. Each answer must be a 400 (413 for
 * the oversized body) problem+json carrying the request id, and no table may change.
 */

const PROBLEM = /^application\/problem\+json/;

interface Ids {
  spec: string;
  item: string;
  /** A final specification with an EK, an offer on it and the EK's item id. */
  finalSpec: string;
  offer: string;
  ek: string;
  draft: string;
  inReview: string;
  submitted: string;
}

interface WriteRoute {
  name: string;
  method: 'post' | 'patch' | 'put' | 'delete';
  path: (ids: Ids) => string;
  user?: string;
  /** A valid body; hostile variants change one field of it. Absent: the route takes no body. */
  body?: () => Record<string, unknown>;
  /** A text field (dotted path) to poison, and a field whose null is refused. */
  text?: string;
  required?: string;
}

const content = () => ({
  title: 'Multifaktorautentifikation for administratorer',
  statement: 'Leverandøren skal sikre multifaktorautentifikation.',
  rationale: 'Begrundelse.',
  guidance: 'Vejledning.',
  verification: 'Verifikation.',
  level: 2,
  obligation: 'minimum',
  tags: ['mfa'],
  legalSources: [{ id: 'gdpr', section: 'art. 32' }],
});

/** A global admin of the demo, and an id nothing has: the admin routes' bodies are refused before any lookup. */
const ADMIN = 'admin.sekretariat';
const NO_SUCH_ID = '00000000-0000-4000-8000-000000000000';

const WRITE_ROUTES: WriteRoute[] = [
  {
    name: 'log in',
    method: 'post',
    path: () => '/api/auth/login',
    body: () => ({ username: 'indkob.aarhus', password: 'forkert' }),
    text: 'username',
    required: 'username',
  },
  {
    name: 'create a specification',
    method: 'post',
    path: () => '/api/specifications',
    user: USERS.proposer,
    body: () => ({ title: 'Kravspecifikation', procurementName: 'Udbud', description: 'Linje 1\nLinje 2' }),
    text: 'title',
    required: 'procurementName',
  },
  {
    name: 'change a specification',
    method: 'patch',
    path: (i) => `/api/specifications/${i.spec}`,
    user: USERS.proposer,
    body: () => ({ title: 'Ny titel' }),
    text: 'title',
    required: 'title',
  },
  { name: 'delete a specification', method: 'delete', path: (i) => `/api/specifications/${i.spec}`, user: USERS.proposer },
  {
    name: 'add an item',
    method: 'post',
    path: (i) => `/api/specifications/${i.spec}/items`,
    user: USERS.proposer,
    body: () => ({ local: { title: 'Eget krav', statement: 'Leverandøren skal.' }, note: 'Note' }),
    text: 'local.title',
    required: 'local',
  },
  {
    name: 'add items in bulk',
    method: 'post',
    path: (i) => `/api/specifications/${i.spec}/items/bulk`,
    user: USERS.proposer,
    body: () => ({ items: [{ requirementKey: 'SIK-001' }, { local: { title: 'Eget krav', statement: 'Leverandøren skal.' } }] }),
    text: 'items.1.local.statement',
    required: 'items.0.requirementKey',
  },
  {
    name: 'change an item',
    method: 'patch',
    path: (i) => `/api/specifications/${i.spec}/items/${i.item}`,
    user: USERS.proposer,
    body: () => ({ note: 'Kommunens note', position: 5 }),
    text: 'note',
    required: 'position',
  },
  { name: 'remove an item', method: 'delete', path: (i) => `/api/specifications/${i.spec}/items/${i.item}`, user: USERS.proposer },
  { name: 'upgrade an item', method: 'post', path: (i) => `/api/specifications/${i.spec}/items/${i.item}/upgrade`, user: USERS.proposer },
  { name: 'upgrade all items', method: 'post', path: (i) => `/api/specifications/${i.spec}/upgrade-all`, user: USERS.proposer },
  {
    name: 'finalize',
    method: 'post',
    path: (i) => `/api/specifications/${i.spec}/finalize`,
    user: USERS.proposer,
    body: () => ({ acknowledgeWarnings: true }),
    text: 'acknowledgeWarnings',
    required: 'acknowledgeWarnings',
  },
  { name: 'start a revision', method: 'post', path: (i) => `/api/specifications/${i.spec}/revisions`, user: USERS.proposer },
  {
    name: 'register an offer',
    method: 'post',
    path: (i) => `/api/specifications/${i.finalSpec}/offers`,
    user: USERS.proposer,
    body: () => ({ bidderName: 'Leverandør A/S', cvr: '12345678' }),
    text: 'bidderName',
    required: 'cvr',
  },
  { name: 'delete an offer', method: 'delete', path: (i) => `/api/specifications/${i.finalSpec}/offers/${i.offer}`, user: USERS.proposer },
  {
    name: 'score an EK',
    method: 'put',
    path: (i) => `/api/specifications/${i.finalSpec}/offers/${i.offer}/scores/${i.ek}`,
    user: USERS.proposer,
    body: () => ({ points: 7, reason: 'Godt beskrevet.\nDokumenteret i bilag 7.' }),
    text: 'reason',
    required: 'points',
  },
  {
    name: 'set a consensus score',
    method: 'put',
    path: (i) => `/api/specifications/${i.finalSpec}/offers/${i.offer}/consensus/${i.ek}`,
    user: USERS.proposer,
    body: () => ({ points: 7, reason: 'Enighed.' }),
    text: 'reason',
    required: 'reason',
  },
  {
    name: 'create a change proposal',
    method: 'post',
    path: () => '/api/change-proposals',
    user: USERS.proposer,
    body: () => ({
      kind: 'amend',
      changeType: 'technical',
      requirementKey: 'SIK-003',
      baseVersion: 1,
      motivation: 'Fordi.',
      content: content(),
    }),
    text: 'content.title',
    required: 'requirementKey',
  },
  {
    name: 'create a change proposal (baseVersion)',
    method: 'post',
    path: () => '/api/change-proposals',
    user: USERS.proposer,
    body: () => ({
      kind: 'amend',
      changeType: 'technical',
      requirementKey: 'SIK-003',
      baseVersion: 1,
      motivation: 'Fordi.',
      content: content(),
    }),
    text: 'content.legalSources.0.section',
    required: 'baseVersion',
  },
  { name: 'submit', method: 'post', path: (i) => `/api/change-proposals/${i.draft}/submit`, user: USERS.proposer },
  {
    name: 'revise',
    method: 'post',
    path: (i) => `/api/change-proposals/${i.submitted}/revise`,
    user: USERS.editor,
    body: () => ({ content: content(), note: 'Rettet' }),
    text: 'content.statement',
    required: 'content',
  },
  { name: 'send to review', method: 'post', path: (i) => `/api/change-proposals/${i.submitted}/send-to-review`, user: USERS.editor },
  {
    name: 'vote',
    method: 'post',
    path: (i) => `/api/change-proposals/${i.inReview}/votes`,
    user: USERS.committee1,
    body: () => ({ decision: 'approve', comment: 'Fint.' }),
    text: 'comment',
    required: 'decision',
  },
  {
    name: 'reject',
    method: 'post',
    path: (i) => `/api/change-proposals/${i.submitted}/reject`,
    user: USERS.editor,
    body: () => ({ reason: 'Nej.' }),
    text: 'reason',
    required: 'reason',
  },
  { name: 'withdraw', method: 'post', path: (i) => `/api/change-proposals/${i.draft}/withdraw`, user: USERS.proposer },
  { name: 'publish', method: 'post', path: (i) => `/api/change-proposals/${i.inReview}/publish`, user: USERS.editor },
  { name: 'rebase', method: 'post', path: (i) => `/api/change-proposals/${i.inReview}/rebase`, user: USERS.editor },
  {
    name: 'comment',
    method: 'post',
    path: (i) => `/api/change-proposals/${i.inReview}/comments`,
    user: USERS.proposer,
    body: () => ({ text: 'En kommentar.' }),
    text: 'text',
    required: 'text',
  },
  {
    name: 'create an organisation',
    method: 'post',
    path: () => '/api/admin/organisations',
    user: ADMIN,
    body: () => ({ name: 'Vejle Kommune', cvr: '29189854', kind: 'municipality' }),
    text: 'name',
    required: 'cvr',
  },
  {
    name: 'create a user',
    method: 'post',
    path: () => '/api/admin/users',
    user: ADMIN,
    body: () => ({ username: 'ny.bruger', displayName: 'Ny Bruger', organisationId: NO_SUCH_ID, roles: ['procurer'] }),
    text: 'displayName',
    required: 'username',
  },
  {
    name: 'change a user',
    method: 'patch',
    path: () => `/api/admin/users/${NO_SUCH_ID}`,
    user: ADMIN,
    body: () => ({ displayName: 'Nyt navn', roles: ['procurer'] }),
    text: 'displayName',
    required: 'displayName',
  },
  {
    name: 'create an API key',
    method: 'post',
    path: () => '/api/admin/api-keys',
    user: ADMIN,
    body: () => ({ name: 'ESDH', roles: ['procurer'] }),
    text: 'name',
    required: 'name',
  },
  { name: 'revoke an API key', method: 'delete', path: () => `/api/admin/api-keys/${NO_SUCH_ID}`, user: ADMIN },
];

function setPath(body: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const keys = path.split('.');
  let node = body as Record<string, unknown>;
  for (const key of keys.slice(0, -1)) node = node[key] as Record<string, unknown>;
  node[keys[keys.length - 1]] = value;
  return body;
}

/** 5,000 levels of `{"a":…}`, as raw JSON text (stringifying such an object would overflow the test's own stack). */
const DEEP = `${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}`;
const fieldName = (path: string) => path;
const withKey = (json: string, member: string) => (json === '{}' ? `{${member}}` : json.replace(/^\{/, `{${member},`));

interface Variant {
  kind: string;
  /** The raw JSON body to send. */
  json: (route: WriteRoute) => string;
  status: number;
  /** The field the problem must name, if any. */
  field?: (route: WriteRoute) => string | undefined;
}

const poisoned = (value: unknown) => (r: WriteRoute) =>
  JSON.stringify(r.body && r.text ? setPath(r.body(), r.text, value) : { note: value }).replace('"(deep)"', DEEP);
const named = (r: WriteRoute) => (r.text ? fieldName(r.text) : undefined);

const VARIANTS: Variant[] = [
  { kind: 'NUL', json: poisoned('Kravspec\u0000ifikation'), status: 400, field: (r) => (r.text ? fieldName(r.text) : 'note') },
  { kind: 'other C0 control', json: poisoned('\u0001=HYPERLINK("http://ond.example")'), status: 400, field: (r) => named(r) ?? 'note' },
  { kind: 'backspace before a formula', json: poisoned('\u0008@SUM(1+1)'), status: 400, field: (r) => named(r) ?? 'note' },
  { kind: 'lone surrogate', json: poisoned('titel \ud800 her'), status: 400, field: (r) => named(r) ?? 'note' },
  {
    kind: 'null',
    json: (r) => JSON.stringify(r.body && r.required ? setPath(r.body(), r.required, null) : { note: null }),
    status: 400,
    field: (r) => (r.required ? fieldName(r.required) : '(body)'),
  },
  {
    kind: 'wrong type',
    json: (r) => JSON.stringify(r.body && r.text ? setPath(r.body(), r.text, 42) : { note: 42 }),
    status: 400,
    field: (r) => named(r) ?? '(body)',
  },
  { kind: 'deep nesting', json: poisoned('(deep)'), status: 400 },
  { kind: 'oversized body', json: poisoned('x'.repeat(1_100_000)), status: 413 },
  { kind: '__proto__ key', json: (r) => withKey(JSON.stringify(r.body?.() ?? {}), '"__proto__":{"isAdmin":true}'), status: 400 },
  {
    kind: 'constructor.prototype keys',
    json: (r) => withKey(JSON.stringify(r.body?.() ?? {}), '"x":{"constructor":{"prototype":{"isAdmin":true}}}'),
    status: 400,
  },
];

/** An md5 of every table's rows, in a fixed order. */
async function digest(t: TestApp): Promise<Record<string, string>> {
  const tables: Array<{ name: string }> = await t.db.query(
    `SELECT quote_ident(table_name) AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`,
  );
  const out: Record<string, string> = {};
  for (const { name } of tables) {
    const [row] = await t.db.query(`SELECT md5(coalesce(string_agg(r::text, E'\\n' ORDER BY r::text), '')) AS h FROM ${name} r`);
    out[name] = (row as { h: string }).h;
  }
  return out;
}

function expectProblem(res: { status: number; headers: Record<string, string>; body: Record<string, unknown> }, status: number): void {
  expect({ status: res.status, type: res.headers['content-type'] }).toEqual({ status, type: expect.stringMatching(PROBLEM) });
  expect(res.body.requestId).toBe(res.headers['x-request-id']);
  expect(typeof res.body.code).toBe('string');
}

describe('hostile input (e2e)', () => {
  let t: TestApp;
  let ids: Ids;
  let before: Record<string, string>;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp();
    const aarhus = await as(t, USERS.proposer);
    const spec = (await aarhus.post('/api/specifications').send({ title: 'Mål', procurementName: 'Udbud' }).expect(201)).body;
    const item = (await aarhus.post(`/api/specifications/${spec.id}/items`).send({ requirementKey: 'SIK-001' }).expect(201)).body;
    const final = (await aarhus.post('/api/specifications').send({ title: 'Tilbud', procurementName: 'Udbud' }).expect(201)).body;
    const ek = (
      await aarhus
        .post(`/api/specifications/${final.id}/items`)
        .send({ requirementKey: 'ARK-001', obligation: 'evaluated', weight: 10 })
        .expect(201)
    ).body;
    await aarhus.post(`/api/specifications/${final.id}/finalize`).send({ acknowledgeWarnings: true }).expect(200);
    const offer = (await aarhus.post(`/api/specifications/${final.id}/offers`).send({ bidderName: 'Mål A/S', cvr: '87654321' }).expect(201))
      .body;
    ids = {
      spec: spec.id,
      item: item.id,
      finalSpec: final.id,
      offer: offer.id,
      ek: ek.id,
      draft: await amendmentIn(t, 'draft', 'SIK-003'),
      submitted: await amendmentIn(t, 'submitted', 'SIK-004'),
      inReview: await amendmentIn(t, 'in_review', 'SIK-005'),
    };
    for (const user of [...Object.values(USERS), ADMIN]) tokens[user] = await login(t, user);
    before = await digest(t);
  }, 120_000);
  afterAll(async () => {
    await t.close();
  });

  const send = (route: WriteRoute, json: string) => {
    const req = t.http()[route.method](route.path(ids)).set('Content-Type', 'application/json');
    if (route.user) void req.set('Authorization', `Bearer ${tokens[route.user]}`);
    return req.send(json);
  };

  describe.each(WRITE_ROUTES.map((r) => [r.name, r] as const))('%s', (_name, route) => {
    it.each(VARIANTS.map((v) => [v.kind, v] as const))('refuses %s', async (_kind, variant) => {
      const res = await send(route, variant.json(route));
      expectProblem(res, variant.status);
      const field = variant.field?.(route);
      if (field) expect((res.body.errors as Array<{ field: string }>).map((e) => e.field)).toContain(field);
    });

    it('changed no table', async () => {
      expect(await digest(t)).toEqual(before);
    });
  });

  // Every row has three cells: Jest passes a `done` callback to a test whose function takes more parameters than the row has.
  const READS: Array<[string, string, string | null]> = [
    ['/api/requirements/SIK-001%00', 'key', null],
    ['/api/requirements/SIK-001%01', 'key', null],
    ['/api/requirements/SIK-%ED%A0%80', 'key', null],
    ['/api/requirements/SIK-001/versions/abc', 'n', null],
    ['/api/requirements/SIK-001/versions/1%00', 'n', null],
    ['/api/requirements/SIK-001/diff?from=1%00&to=2', 'from', null],
    ['/api/requirements?tag=mfa%00', 'tag', null],
    ['/api/requirements?category=%1Bsecurity', 'category', null],
    ['/api/requirements?legalSource=gdpr%ED%A0%80', 'legalSource', null],
    ['/api/legal-sources/gdpr%00', 'id', null],
    ['/api/legal-sources/gdpr%0A/requirements', 'id', null],
    ['/api/profiles/x%00', 'id', null],
    ['/api/search?q=adgang%00', 'q', null],
    ['/api/search?q=adgang%09log', 'q', null],
    ['/api/search?q=%ED%A0%80', 'q', null],
    ['/api/search?q=x&tag%00=mfa', '(query)', null],
    ['/api/specifications/SPEC%00', 'id', USERS.proposer],
    ['/api/specifications/SPEC/export?format=csv%00', 'format', USERS.proposer],
    ['/api/change-proposals?requirementKey=SIK-001%00', 'requirementKey', USERS.proposer],
    ['/api/change-proposals/ID%00/comments', 'id', USERS.proposer],
    ['/api/audit?entity=%00', 'entity', USERS.editor],
  ];

  it.each(READS)('refuses GET %s naming %s', async (url, field, user) => {
    const req = t.http().get(url.replace('SPEC', ids.spec).replace('ID', ids.draft));
    if (user) void req.set('Authorization', `Bearer ${tokens[user]}`);
    const res = await req;
    expectProblem(res, 400);
    if (!url.includes('%ED%A0%80') || url.includes('?')) {
      expect((res.body.errors as Array<{ field: string }>).map((e) => e.field)).toContain(field);
    }
  });

  it('reads still work, and no table changed', async () => {
    await t.http().get('/api/requirements/SIK-001').expect(200);
    expect(await digest(t)).toEqual(before);
  });
});
