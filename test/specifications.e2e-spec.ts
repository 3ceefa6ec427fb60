import JSZip from 'jszip';
import { createHash } from 'node:crypto';
import { amendmentIn, as, login, USERS } from './factories/editorial.js';
import { createTestApp, type TestApp } from './setup/test-app.js';

const PROBLEM = /application\/problem\+json/;

/** supertest: collect a binary body into a Buffer. */
const binary = (res: NodeJS.ReadableStream & { setEncoding(e: string): void }, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

describe('specifications and the tender annex (e2e)', () => {
  let t: TestApp;
  let aarhus: Awaited<ReturnType<typeof as>>;
  let odense: Awaited<ReturnType<typeof as>>;

  beforeAll(async () => {
    t = await createTestApp();
    aarhus = await as(t, USERS.proposer);
    odense = await as(t, USERS.procurer);
  });
  afterAll(async () => {
    await t.close();
  });

  const create = async (body: object = {}) =>
    (
      await aarhus
        .post('/api/specifications')
        .send({ title: 'Kravspecifikation: ESDH', procurementName: 'Udbud af ESDH-løsning', caseNumber: '00.01.00-G01-1-26', ...body })
        .expect(201)
    ).body;

  it('starts from a profile with the current versions and the obligations it suggests', async () => {
    const profile = (await t.http().get('/api/profiles/fagsystem-personoplysninger').expect(200)).body;
    const spec = await create({ profileId: 'fagsystem-personoplysninger' });
    expect(spec).toMatchObject({
      status: 'draft',
      revision: 1,
      organisation: { name: 'Aarhus Kommune' },
      createdBy: 'indkob.aarhus',
      itemCount: profile.items.length,
      updatesAvailable: 0,
    });
    const items = (await aarhus.get(`/api/specifications/${spec.id}/items?limit=100`).expect(200)).body;
    expect(items.total).toBe(profile.items.length);
    expect(items.items.map((i: { requirementKey: string }) => i.requirementKey)).toEqual(profile.items.map((i: { key: string }) => i.key));
    expect(items.items.map((i: { obligation: string }) => i.obligation)).toEqual(
      profile.items.map((i: { obligation: string }) => i.obligation),
    );
    expect(items.items.every((i: { version: number; currentVersion: number }) => i.version === i.currentVersion)).toBe(true);
    await aarhus.post('/api/specifications').send({ title: 'x', procurementName: 'y', profileId: 'no-such-profile' }).expect(400);
  });

  it('adds items by key, in bulk and as local requirements, with obligations, weights and notes', async () => {
    const spec = await create();
    const one = await aarhus
      .post(`/api/specifications/${spec.id}/items`)
      .send({ requirementKey: 'sik-001', note: 'Gælder også mobil-appen.', section: 'Adgang' })
      .expect(201);
    expect(one.body).toMatchObject({
      requirementKey: 'SIK-001',
      version: 1,
      source: 'bank',
      note: 'Gælder også mobil-appen.',
      section: 'Adgang',
    });
    const bulk = await aarhus
      .post(`/api/specifications/${spec.id}/items/bulk`)
      .send({
        items: [
          { requirementKey: 'ARK-001', obligation: 'evaluated', weight: 20 },
          { requirementKey: 'RAM-001' },
          {
            local: { title: 'Integration til vagtplan', statement: 'Leverandøren skal integrere til kommunens vagtplansystem.' },
            obligation: 'evaluated',
            weight: 5,
          },
        ],
      })
      .expect(201);
    expect(bulk.body.added).toBe(3);
    const local = bulk.body.items.find((i: { source: string }) => i.source === 'local');
    expect(local).toMatchObject({ localRef: 'LOK-1', requirementKey: null, version: null, title: 'Integration til vagtplan', weight: 5 });
    const ark = bulk.body.items.find((i: { requirementKey: string }) => i.requirementKey === 'ARK-001');
    const patched = await send('patch', `/api/specifications/${spec.id}/items/${ark.id}`, { obligation: 'minimum' });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ obligation: 'minimum', weight: null });
    const view = (await aarhus.get(`/api/specifications/${spec.id}`).expect(200)).body;
    expect(view.itemCount).toBe(4);
  });

  describe('refuses bad items with 400 and writes nothing', () => {
    let specId: string;
    beforeAll(async () => {
      specId = (await create()).id;
      await aarhus.post(`/api/specifications/${specId}/items`).send({ requirementKey: 'SIK-002' }).expect(201);
    });
    const count = async () => (await aarhus.get(`/api/specifications/${specId}`)).body.itemCount;

    it.each<[string, object, string]>([
      ['neither key nor local', { note: 'x' }, 'requirementKey'],
      ['both key and local', { requirementKey: 'SIK-003', local: { title: 'a', statement: 'b' } }, 'requirementKey'],
      ['unknown key', { requirementKey: 'SIK-999' }, 'requirementKey'],
      ['version that does not exist', { requirementKey: 'SIK-003', version: 7 }, 'version'],
      ['a key already there', { requirementKey: 'SIK-002' }, 'requirementKey'],
      ['weight on a minimum requirement', { requirementKey: 'SIK-003', obligation: 'minimum', weight: 10 }, 'weight'],
      ['unknown obligation', { requirementKey: 'SIK-003', obligation: 'nice' }, 'obligation'],
      ['weight out of range', { requirementKey: 'SIK-003', obligation: 'evaluated', weight: 5000 }, 'weight'],
      ['local without statement', { local: { title: 'a' } }, 'local.statement'],
      ['unknown field', { requirementKey: 'SIK-003', colour: 'red' }, 'colour'],
    ])('%s', async (_what, body, field) => {
      const before = await count();
      const res = await aarhus.post(`/api/specifications/${specId}/items`).send(body).expect(400);
      expect(res.headers['content-type']).toMatch(PROBLEM);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      expect(await count()).toBe(before);
    });

    it('adds none of a bulk request when one item is bad, and names it', async () => {
      const before = await count();
      const res = await aarhus
        .post(`/api/specifications/${specId}/items/bulk`)
        .send({ items: [{ requirementKey: 'SIK-010' }, { requirementKey: 'SIK-011' }, { requirementKey: 'SIK-404' }] })
        .expect(400);
      expect(res.body.errors).toEqual([{ field: 'items.2.requirementKey', reason: 'there is no requirement SIK-404' }]);
      expect(await count()).toBe(before);
    });

    it('holds at most 2,000 items', async () => {
      const res = await aarhus
        .post(`/api/specifications/${specId}/items/bulk`)
        .send({ items: Array.from({ length: 2001 }, (_, i) => ({ local: { title: `Krav ${i}`, statement: 'Leverandøren skal.' } })) })
        .expect(400);
      expect(res.body.errors[0].field).toBe('items');
      const many = await aarhus
        .post(`/api/specifications/${specId}/items/bulk`)
        .send({ items: Array.from({ length: 1999 }, (_, i) => ({ local: { title: `Krav ${i}`, statement: 'Leverandøren skal.' } })) })
        .expect(201);
      expect(many.body.added).toBe(1999);
      const over = await aarhus
        .post(`/api/specifications/${specId}/items`)
        .send({ local: { title: 'En for meget', statement: 'Leverandøren skal.' } })
        .expect(400);
      expect(over.body.detail).toMatch(/at most 2000 items; it has 2000/);
      const page = await aarhus.get(`/api/specifications/${specId}/items?limit=100&page=20`).expect(200);
      expect(page.body).toMatchObject({ total: 2000, limit: 100, page: 20 });
      expect(page.body.items).toHaveLength(100);
      await aarhus.get(`/api/specifications/${specId}/items?limit=101`).expect(400);
    });
  });

  it('tells about newer versions published through the editorial workflow, and upgrades on request', async () => {
    const spec = await create();
    const added = await aarhus
      .post(`/api/specifications/${spec.id}/items/bulk`)
      .send({
        items: [{ requirementKey: 'SIK-012' }, { requirementKey: 'SIK-013', obligation: 'evaluated', weight: 3, note: 'Vores note' }],
      })
      .expect(201);
    expect((await aarhus.get(`/api/specifications/${spec.id}/updates`).expect(200)).body.total).toBe(0);

    // The bank publishes new versions of both through the four-eyes workflow.
    const editor = await as(t, USERS.editor);
    for (const key of ['SIK-012', 'SIK-013'])
      await editor.post(`/api/change-proposals/${await amendmentIn(t, 'approved', key)}/publish`).expect(200);

    const updates = await aarhus.get(`/api/specifications/${spec.id}/updates`).expect(200);
    expect(updates.body.total).toBe(2);
    expect(updates.body.items[0]).toMatchObject({
      requirementKey: 'SIK-012',
      pinnedVersion: 1,
      currentVersion: 2,
      retired: false,
      changed: ['guidance'],
    });
    expect(
      updates.body.items[0].diff.guidance.runs.some(
        (r: { op: string; text: string }) => r.op === 'insert' && r.text.includes('Præciseret'),
      ),
    ).toBe(true);
    expect((await aarhus.get(`/api/specifications/${spec.id}`)).body.updatesAvailable).toBe(2);

    const sik12 = added.body.items.find((i: { requirementKey: string }) => i.requirementKey === 'SIK-012');
    const one = await aarhus.post(`/api/specifications/${spec.id}/items/${sik12.id}/upgrade`).expect(200);
    expect(one.body).toMatchObject({ requirementKey: 'SIK-012', version: 2, newerVersionAvailable: false });
    await aarhus.post(`/api/specifications/${spec.id}/items/${sik12.id}/upgrade`).expect(409);
    const all = await aarhus.post(`/api/specifications/${spec.id}/upgrade-all`).expect(200);
    expect(all.body).toEqual({ upgraded: [expect.objectContaining({ requirementKey: 'SIK-013', from: 1, to: 2 })], retired: [] });
    const items = (await aarhus.get(`/api/specifications/${spec.id}/items`)).body.items;
    expect(items.find((i: { requirementKey: string }) => i.requirementKey === 'SIK-013')).toMatchObject({
      version: 2,
      obligation: 'evaluated',
      weight: 3,
      note: 'Vores note',
    });

    const trail = await editor
      .get(`/api/audit?entityType=specification&entityId=${spec.id}&action=specification.item_upgraded`)
      .expect(200);
    expect(trail.body.items.map((e: { data: { requirementKey: string } }) => e.data.requirementKey).sort()).toEqual(['SIK-012', 'SIK-013']);
    expect(trail.body.items[0].actor).toBe('indkob.aarhus');
  });

  describe('final specifications and exports', () => {
    let spec: { id: string };
    beforeAll(async () => {
      spec = await create({ title: 'Kravspecifikation: Sagsbehandling (æøå)' });
      await aarhus
        .post(`/api/specifications/${spec.id}/items/bulk`)
        .send({
          items: [
            { requirementKey: 'ARK-002' },
            { requirementKey: 'SIK-020', obligation: 'evaluated', weight: 10, note: 'Særligt vigtigt for hjemmeplejen.' },
            { requirementKey: 'RAM-002' },
          ],
        })
        .expect(201);
    });

    const download = async (path: string) => {
      const res = await aarhus
        .get(path)
        .buffer(true)
        .parse(binary as never)
        .expect(200);
      return { res, body: res.body as Buffer };
    };

    it('exports the tender edition without guidance and the buyer edition with it', async () => {
      const sik = (await t.http().get('/api/requirements/SIK-020')).body.current;
      const tender = await download(`/api/specifications/${spec.id}/export?format=docx&edition=tender`);
      expect(tender.res.headers['content-type']).toMatch(/wordprocessingml/);
      expect(tender.res.headers['x-content-sha256']).toBe(createHash('sha256').update(tender.body).digest('hex'));
      expect(tender.res.headers['content-disposition']).toMatch(/attachment; filename=.*\.docx/);
      const xml = await (await JSZip.loadAsync(tender.body)).file('word/document.xml')!.async('string');
      const positions = ['RAM-002', 'SIK-020', 'ARK-002'].map((k) => xml.indexOf(k));
      expect(positions.every((p) => p > 0)).toBe(true);
      expect([...positions].sort((a, b) => a - b)).toEqual(positions);
      expect(xml).toContain('Særligt vigtigt for hjemmeplejen.');
      expect(xml).not.toContain(sik.guidance.slice(0, 60));
      expect(xml).not.toContain(sik.rationale.slice(0, 60));
      const buyer = await download(`/api/specifications/${spec.id}/export?format=docx&edition=buyer`);
      const buyerXml = await (await JSZip.loadAsync(buyer.body)).file('word/document.xml')!.async('string');
      expect(buyerXml).toContain(sik.guidance.slice(0, 60).replace(/&/g, '&amp;'));

      const csv = await download(`/api/specifications/${spec.id}/export?format=csv`);
      expect([...csv.body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      expect(csv.body.toString('utf8').split('\r\n')[0]).toContain('Kravnr.;');
      const json = await aarhus.get(`/api/specifications/${spec.id}/export?format=json`).expect(200);
      const parsed = typeof json.body === 'object' && !Buffer.isBuffer(json.body) ? json.body : JSON.parse(json.text);
      expect(JSON.stringify(parsed)).toContain(sik.contentHash);
      await aarhus.get(`/api/specifications/${spec.id}/export?format=pdf`).expect(400);
      await aarhus.get(`/api/specifications/${spec.id}/export?edition=public`).expect(400);
    });

    it('finalizes: then nothing changes, and every export is byte-for-byte the same', async () => {
      // SIK-020 is the only EK and weighs 10: the checks warn that the weights do not add up to 100.
      const final = await aarhus.post(`/api/specifications/${spec.id}/finalize`).send({ acknowledgeWarnings: true }).expect(200);
      expect(final.body).toMatchObject({
        status: 'final',
        finalizedBy: 'indkob.aarhus',
        bankStamp: expect.stringMatching(/^Kravbank pr\. \d{4}-\d{2}-\d{2} \(\d+ aktive krav\)$/),
      });
      const first = await download(`/api/specifications/${spec.id}/export?format=docx`);
      await new Promise((r) => setTimeout(r, 1100));
      const second = await download(`/api/specifications/${spec.id}/export?format=docx`);
      expect(second.body.equals(first.body)).toBe(true);
      expect(second.res.headers['x-content-sha256']).toBe(first.res.headers['x-content-sha256']);
      // Later changes to the bank do not reach a published annex: the final snapshot is frozen.
      await t.db.query(`UPDATE legal_source SET title = title || ' (ændret)'`);
      const editor = await as(t, USERS.editor);
      await editor.post(`/api/change-proposals/${await amendmentIn(t, 'approved', 'RAM-002')}/publish`).expect(200);
      const third = await download(`/api/specifications/${spec.id}/export?format=docx`);
      expect(third.body.equals(first.body)).toBe(true);
      const xml = await (await JSZip.loadAsync(first.body)).file('word/document.xml')!.async('string');
      expect(xml).toContain(first.res.headers['x-kravbank-content-fingerprint']);

      const item = (await aarhus.get(`/api/specifications/${spec.id}/items`)).body.items[0];
      for (const [method, path, body] of [
        ['post', `/api/specifications/${spec.id}/items`, { requirementKey: 'SIK-030' }],
        ['post', `/api/specifications/${spec.id}/items/bulk`, { items: [{ requirementKey: 'SIK-030' }] }],
        ['patch', `/api/specifications/${spec.id}/items/${item.id}`, { note: 'x' }],
        ['delete', `/api/specifications/${spec.id}/items/${item.id}`, undefined],
        ['post', `/api/specifications/${spec.id}/items/${item.id}/upgrade`, {}],
        ['post', `/api/specifications/${spec.id}/upgrade-all`, {}],
        ['post', `/api/specifications/${spec.id}/finalize`, {}],
        ['patch', `/api/specifications/${spec.id}`, { title: 'Ny' }],
        ['delete', `/api/specifications/${spec.id}`, undefined],
      ] as const) {
        const res = await send(method, path, body);
        expect({ path, method, status: res.status, code: res.body.code }).toEqual({
          path,
          method,
          status: 409,
          code: 'specification_final',
        });
      }
      await expect(t.db.query(`UPDATE specification_item SET note = 'x' WHERE specification_id = $1`, [spec.id])).rejects.toThrow(
        /final specification cannot change/,
      );

      const revision = await aarhus.post(`/api/specifications/${spec.id}/revisions`).expect(201);
      expect(revision.body).toMatchObject({ status: 'draft', revision: 2, parentId: spec.id, itemCount: 3 });
      await aarhus.post(`/api/specifications/${spec.id}/revisions`).expect(409);
      await aarhus.post(`/api/specifications/${revision.body.id}/items`).send({ requirementKey: 'SIK-030' }).expect(201);
    });
  });

  async function send(method: 'get' | 'post' | 'patch' | 'delete', path: string, body?: object, username: string = USERS.proposer) {
    const req = t
      .http()
      [method](path)
      .set('Authorization', `Bearer ${await login(t, username)}`);
    return body === undefined ? req : req.send(body);
  }

  it('answers 404 on every route to another organisation’s specification, and 403 to other roles', async () => {
    const spec = await create();
    const item = (await aarhus.post(`/api/specifications/${spec.id}/items`).send({ requirementKey: 'SIK-001' }).expect(201)).body;
    const routes: Array<['get' | 'post' | 'patch' | 'delete', string, object?]> = [
      ['get', `/api/specifications/${spec.id}`],
      ['patch', `/api/specifications/${spec.id}`, { title: 'Odense tager over' }],
      ['delete', `/api/specifications/${spec.id}`],
      ['get', `/api/specifications/${spec.id}/items`],
      ['post', `/api/specifications/${spec.id}/items`, { requirementKey: 'SIK-002' }],
      ['post', `/api/specifications/${spec.id}/items/bulk`, { items: [{ requirementKey: 'SIK-002' }] }],
      ['patch', `/api/specifications/${spec.id}/items/${item.id}`, { note: 'x' }],
      ['delete', `/api/specifications/${spec.id}/items/${item.id}`],
      ['get', `/api/specifications/${spec.id}/updates`],
      ['post', `/api/specifications/${spec.id}/items/${item.id}/upgrade`, {}],
      ['post', `/api/specifications/${spec.id}/upgrade-all`, {}],
      ['post', `/api/specifications/${spec.id}/finalize`, {}],
      ['post', `/api/specifications/${spec.id}/revisions`, {}],
      ['get', `/api/specifications/${spec.id}/export?format=docx`],
    ];
    for (const [method, path, body] of routes) {
      const other = await send(method, path, body, USERS.procurer);
      expect({ path, method, status: other.status }).toEqual({ path, method, status: 404 });
      expect(other.body.code).toMatch(/not_found/);
      const wrongRole = await send(method, path, body, USERS.committee1);
      expect({ path, method, status: wrongRole.status }).toEqual({ path, method, status: 403 });
      const anonymous = await (body === undefined ? t.http()[method](path) : t.http()[method](path).send(body));
      expect({ path, method, status: anonymous.status }).toEqual({ path, method, status: 401 });
    }
    const list = await odense.get('/api/specifications?limit=100').expect(200);
    expect(list.body.items.map((s: { id: string }) => s.id)).not.toContain(spec.id);
    const still = await aarhus.get(`/api/specifications/${spec.id}`).expect(200);
    expect(still.body).toMatchObject({ title: 'Kravspecifikation: ESDH', itemCount: 1 });
  });
});
