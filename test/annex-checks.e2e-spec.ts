import JSZip from 'jszip';
import { amendmentIn, as, currentContent, login, USERS } from './factories/editorial.js';
import { createTestApp, type TestApp } from './setup/test-app.js';

/**
 * The tender annex's settings (evaluation model, front matter, sections, an MK's answer mode),
 * the checks before finalizing through GET …/checks, finalizing with acknowledged warnings,
 * and 304 on a matching If-None-Match for every export format.
 */

const PROBLEM = /application\/problem\+json/;

const binary = (res: NodeJS.ReadableStream & { setEncoding(e: string): void }, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

/** Every XML part of an Office file, as one text. */
async function officeText(body: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(body);
  const parts = await Promise.all(
    Object.values(zip.files)
      .filter((f) => f.name.endsWith('.xml'))
      .map((f) => f.async('string')),
  );
  return parts.join('\n');
}

interface Warning {
  code: string;
  itemId: string | null;
  itemKey: string | null;
  message: string;
}

describe('annex settings, checks and finalizing with warnings (e2e)', () => {
  let t: TestApp;
  let aarhus: Awaited<ReturnType<typeof as>>;
  let token: string;

  beforeAll(async () => {
    t = await createTestApp();
    aarhus = await as(t, USERS.proposer);
    token = await login(t, USERS.proposer);
  });
  afterAll(async () => {
    await t.close();
  });

  const patch = (path: string) => t.http().patch(path).set('Authorization', `Bearer ${token}`);
  const create = async (title = 'Kravspecifikation: bilag') =>
    (await aarhus.post('/api/specifications').send({ title, procurementName: 'Udbud af fagsystem' }).expect(201)).body as {
      id: string;
    };
  const add = async (id: string, body: object) => (await aarhus.post(`/api/specifications/${id}/items`).send(body).expect(201)).body;
  const checks = async (id: string): Promise<Warning[]> =>
    (await aarhus.get(`/api/specifications/${id}/checks?limit=100`).expect(200)).body.items;
  const download = async (path: string) =>
    (
      await aarhus
        .get(path)
        .buffer(true)
        .parse(binary as never)
        .expect(200)
    ).body as Buffer;

  describe('the evaluation model and the front matter', () => {
    it('shows the defaults, and which fields are defaults, until the procurer sets them', async () => {
      const spec = (await aarhus.get(`/api/specifications/${(await create()).id}`).expect(200)).body;
      expect(spec.evaluation).toMatchObject({ subCriterion: 'Kvalitet', scaleMin: 0, scaleMax: 10 });
      expect(spec.annex).toMatchObject({ number: '3', title: 'Kravspecifikation' });
      expect(spec.defaultFields).toEqual([
        'evaluation.subCriterion',
        'evaluation.scaleMin',
        'evaluation.scaleMax',
        'evaluation.scaleMeaning',
        'evaluation.method',
        'annex.number',
        'annex.title',
        'annex.contractStatus',
        'annex.reservationsClause',
        'annex.instruction',
      ]);
      expect(spec.sections).toEqual([]);
    });

    it('stores what the procurer sets, prints it in the DOCX and the XLSX, and copies it into a new revision', async () => {
      const { id } = await create();
      await add(id, { requirementKey: 'SIK-001' });
      const set = await patch(`/api/specifications/${id}`)
        .send({
          evaluation: {
            subCriterion: 'Funktionalitet og sikkerhed',
            scaleMin: 1,
            scaleMax: 5,
            scaleMeaning: [
              { points: 1, meaning: 'Ringe opfyldelse.' },
              { points: 5, meaning: 'Fremragende opfyldelse.' },
            ],
          },
          annex: { number: '4a', title: 'Kravbilag for sagsbehandling', reservationsClause: 'Forbehold afvises.\nOgså delvise.' },
          sections: ['Adgang'],
        })
        .expect(200);
      expect(set.body.evaluation).toMatchObject({
        subCriterion: 'Funktionalitet og sikkerhed',
        scaleMin: 1,
        scaleMax: 5,
        scaleMeaning: [
          { points: 5, meaning: 'Fremragende opfyldelse.' },
          { points: 1, meaning: 'Ringe opfyldelse.' },
        ],
      });
      expect(set.body.annex).toMatchObject({ number: '4a', title: 'Kravbilag for sagsbehandling' });
      expect(set.body.defaultFields).toEqual(['evaluation.method', 'annex.contractStatus', 'annex.instruction']);
      expect(set.body.sections).toEqual(['Adgang']);

      const docx = await officeText(await download(`/api/specifications/${id}/export?format=docx`));
      expect(docx).toContain('Bilag 4a: Kravbilag for sagsbehandling');
      expect(docx).toContain('Funktionalitet og sikkerhed');
      expect(docx).toContain('Fremragende opfyldelse.');
      expect(docx).toContain('Også delvise.');
      const xlsx = await officeText(await download(`/api/specifications/${id}/export?format=xlsx`));
      expect(xlsx).toContain('Funktionalitet og sikkerhed');
      expect(xlsx).toContain('Kravbilag for sagsbehandling');

      // null puts one field back to its default; null for the whole object puts them all back.
      const one = await patch(`/api/specifications/${id}`)
        .send({ annex: { title: null } })
        .expect(200);
      expect(one.body.annex).toMatchObject({ number: '4a', title: 'Kravspecifikation' });
      await patch(`/api/specifications/${id}`)
        .send({ annex: { title: 'Kravbilag' } })
        .expect(200);

      await aarhus.post(`/api/specifications/${id}/finalize`).send({ acknowledgeWarnings: true }).expect(200);
      const frozen = await patch(`/api/specifications/${id}`).send({ annex: { number: '5' } });
      expect({ status: frozen.status, code: frozen.body.code }).toEqual({ status: 409, code: 'specification_final' });
      const revision = (await aarhus.post(`/api/specifications/${id}/revisions`).expect(201)).body;
      expect(revision.evaluation).toEqual(set.body.evaluation);
      expect(revision.annex).toMatchObject({ number: '4a', title: 'Kravbilag' });
      expect(revision.sections).toEqual(['Adgang']);

      const reset = await patch(`/api/specifications/${revision.id}`).send({ evaluation: null, annex: null }).expect(200);
      expect(reset.body.defaultFields).toHaveLength(10);
    });

    it.each([
      ['a scale that runs backwards', { evaluation: { scaleMin: 10, scaleMax: 5 } }, 'evaluation.scaleMax'],
      [
        'points off the scale',
        { evaluation: { scaleMeaning: [{ points: 11, meaning: 'For meget' }] } },
        'evaluation.scaleMeaning.0.points',
      ],
      ['a scale above 100', { evaluation: { scaleMax: 1000 } }, 'evaluation.scaleMax'],
      ['a fractional scale', { evaluation: { scaleMin: 0.5 } }, 'evaluation.scaleMin'],
      ['a blank sub-criterion', { evaluation: { subCriterion: '  ' } }, 'evaluation.subCriterion'],
      ['a meaning without text', { evaluation: { scaleMeaning: [{ points: 2 }] } }, 'evaluation.scaleMeaning.0.meaning'],
      ['an empty scale', { evaluation: { scaleMeaning: [] } }, 'evaluation.scaleMeaning'],
      ['an annex number with spaces', { annex: { number: 'bilag 3' } }, 'annex.number'],
      ['a title in a line break', { annex: { title: 'Krav\nbilag' } }, 'annex.title'],
      ['an unknown field', { annex: { colour: 'red' } }, 'annex.colour'],
      ['the settings as text', { evaluation: 'Kvalitet' }, 'evaluation'],
      ['a section named twice', { sections: ['Drift', 'drift '] }, 'sections'],
      ['a blank section', { sections: ['Drift', ' '] }, 'sections'],
    ])('refuses %s with 400 naming the field', async (_what, body, field) => {
      const { id } = await create();
      const res = await patch(`/api/specifications/${id}`).send(body);
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(PROBLEM);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      const after = (await aarhus.get(`/api/specifications/${id}`).expect(200)).body;
      expect(after.defaultFields).toHaveLength(10);
      expect(after.sections).toEqual([]);
    });

    it('lets an MK be answered with a description, and prints the description cell for it', async () => {
      const { id } = await create();
      const local = await add(id, { local: { title: 'Driftsdokumentation', statement: 'Leverandøren skal levere driftsdokumentation.' } });
      expect(local.answerMode).toBeNull();
      const before = await officeText(await download(`/api/specifications/${id}/export?format=xlsx`));
      const describe = await patch(`/api/specifications/${id}/items/${local.id}`).send({ answerMode: 'describe' }).expect(200);
      expect(describe.body.answerMode).toBe('describe');
      const after = await officeText(await download(`/api/specifications/${id}/export?format=xlsx`));
      expect(after).not.toEqual(before);
      const bad = await patch(`/api/specifications/${id}/items/${local.id}`).send({ answerMode: 'maybe' }).expect(400);
      expect(bad.body.errors[0].field).toBe('answerMode');
      await patch(`/api/specifications/${id}/items/${local.id}`).send({ answerMode: null }).expect(200);
    });
  });

  describe('the checks, each reached through the route', () => {
    const codesFor = (warnings: Warning[], itemId: string | null) => warnings.filter((w) => w.itemId === itemId).map((w) => w.code);

    it('an EK whose text says "skal", and not an EK that says "bør"', async () => {
      const { id } = await create();
      const skal = await add(id, { requirementKey: 'SIK-001', obligation: 'evaluated', weight: 50 });
      const boer = await add(id, {
        local: { title: 'Brugervenlighed', statement: 'Løsningen bør være let at bruge.' },
        obligation: 'evaluated',
        weight: 50,
      });
      const warnings = await checks(id);
      expect(warnings).toEqual([
        {
          code: 'ek-mandatory-text',
          itemId: skal.id,
          itemKey: 'SIK-001',
          message: expect.stringContaining('SIK-001 er et evalueringskrav'),
        },
      ]);
      expect(codesFor(warnings, boer.id)).toEqual([]);
    });

    it('an MK whose text only says "bør", and not an MK that says "skal"', async () => {
      const { id } = await create();
      const boer = await add(id, { local: { title: 'Brugervenlighed', statement: 'Løsningen bør være let at bruge.' } });
      const skal = await add(id, { local: { title: 'Logning', statement: 'Løsningen skal logge alle opslag.' } });
      const warnings = await checks(id);
      expect(codesFor(warnings, boer.id)).toEqual(['mk-optional-text']);
      expect(codesFor(warnings, skal.id)).toEqual([]);
      expect(warnings.find((w) => w.itemId === boer.id)).toMatchObject({
        itemKey: 'LOK-1',
        message: expect.stringMatching(/^LOK-1 er et mindstekrav/),
      });
    });

    it('a local requirement with no obligation verb, and not one with', async () => {
      const { id } = await create();
      const none = await add(id, { local: { title: 'SAML', statement: 'Løsningen understøtter SAML 2.0.' } });
      const verb = await add(id, { local: { title: 'OIDC', statement: 'Løsningen skal understøtte OpenID Connect.' } });
      const warnings = await checks(id);
      expect(codesFor(warnings, none.id)).toEqual(['local-no-obligation-verb']);
      expect(codesFor(warnings, verb.id)).toEqual([]);
    });

    it('weights that do not add up to 100, and none when they do', async () => {
      const { id } = await create();
      const a = await add(id, { local: { title: 'A', statement: 'Løsningen bør understøtte A.' }, obligation: 'evaluated', weight: 30 });
      await add(id, { local: { title: 'B', statement: 'Løsningen bør understøtte B.' }, obligation: 'evaluated', weight: 20 });
      expect(await checks(id)).toEqual([
        { code: 'weights-not-100', itemId: null, itemKey: null, message: expect.stringContaining('tilsammen 50, ikke 100') },
      ]);
      await patch(`/api/specifications/${id}/items/${a.id}`).send({ weight: 80 }).expect(200);
      expect(await checks(id)).toEqual([]);
    });

    it('an outdated pin, gone after the upgrade; a retired one; and not a current one', async () => {
      const { id } = await create();
      const outdated = await add(id, { requirementKey: 'SIK-012' });
      const retiring = await add(id, { requirementKey: 'ARK-020' });
      const current = await add(id, { requirementKey: 'SIK-014' });
      expect(await checks(id)).toEqual([]);
      const editor = await as(t, USERS.editor);
      await editor.post(`/api/change-proposals/${await amendmentIn(t, 'approved', 'SIK-012')}/publish`).expect(200);
      const { version } = await currentContent(t, 'ARK-020');
      const retire = (
        await aarhus
          .post('/api/change-proposals')
          .send({
            kind: 'retire',
            changeType: 'needs',
            requirementKey: 'ARK-020',
            baseVersion: version,
            motivation: 'Dækkes af andre krav.',
          })
          .expect(201)
      ).body.id;
      for (const [user, step, body] of [
        [USERS.proposer, 'submit', {}],
        [USERS.editor, 'send-to-review', {}],
        [USERS.committee1, 'votes', { decision: 'approve' }],
        [USERS.committee3, 'votes', { decision: 'approve' }],
        [USERS.editor, 'publish', {}],
      ] as const)
        await (await as(t, user)).post(`/api/change-proposals/${retire}/${step}`).send(body).expect(200);

      const warnings = await checks(id);
      expect(codesFor(warnings, outdated.id)).toEqual(['version-outdated']);
      expect(warnings.find((w) => w.itemId === outdated.id)!.message).toContain('version 1, men kravbanken har version 2');
      expect(codesFor(warnings, retiring.id)).toEqual(['version-retired']);
      expect(codesFor(warnings, current.id)).toEqual([]);
      await aarhus.post(`/api/specifications/${id}/items/${outdated.id}/upgrade`).expect(200);
      expect(codesFor(await checks(id), outdated.id)).toEqual([]);
    });

    it('the same requirement twice (a local copy of a bank text), and not two different ones', async () => {
      const { id } = await create();
      const sik = (await t.http().get('/api/requirements/SIK-001').expect(200)).body.current;
      const bank = await add(id, { requirementKey: 'SIK-001' });
      const copy = await add(id, { local: { title: 'Kopi', statement: `  ${sik.statement}` } });
      const other = await add(id, { local: { title: 'Andet', statement: 'Leverandøren skal noget helt andet.' } });
      const warnings = await checks(id);
      expect(warnings.filter((w) => w.code === 'duplicate-requirement')).toEqual([
        {
          code: 'duplicate-requirement',
          itemId: copy.id,
          itemKey: 'LOK-1',
          message: expect.stringContaining('samme kravtekst som SIK-001'),
        },
      ]);
      expect(codesFor(warnings, bank.id)).toEqual([]);
      expect(codesFor(warnings, other.id)).toEqual([]);
    });

    it('a declared section with no requirement, and none once an item is in it', async () => {
      const { id } = await create();
      const item = await add(id, { requirementKey: 'SIK-001', section: 'Adgang' });
      await patch(`/api/specifications/${id}`)
        .send({ sections: ['Adgang', 'Logning'] })
        .expect(200);
      expect(await checks(id)).toEqual([
        { code: 'empty-section', itemId: null, itemKey: null, message: expect.stringContaining('»Logning«') },
      ]);
      await patch(`/api/specifications/${id}/items/${item.id}`).send({ section: 'Logning' }).expect(200);
      expect((await checks(id)).map((w) => w.message)).toEqual([expect.stringContaining('»Adgang«')]);
      await patch(`/api/specifications/${id}`)
        .send({ sections: ['Logning'] })
        .expect(200);
      expect(await checks(id)).toEqual([]);
    });

    it('pages the warnings, and answers 404 for another organisation', async () => {
      const { id } = await create();
      for (const n of [1, 2, 3]) await add(id, { local: { title: `Krav ${n}`, statement: `Løsningen understøtter funktion ${n}.` } });
      const page = (await aarhus.get(`/api/specifications/${id}/checks?limit=2&page=2`).expect(200)).body;
      expect(page).toMatchObject({ total: 3, page: 2, limit: 2, items: [expect.objectContaining({ itemKey: 'LOK-3' })] });
      const odense = await as(t, USERS.procurer);
      const other = await odense.get(`/api/specifications/${id}/checks`);
      expect({ status: other.status, code: other.body.code }).toEqual({ status: 404, code: 'specification_not_found' });
      await aarhus.get(`/api/specifications/${id}/checks?limit=0`).expect(400);
    });
  });

  describe('finalizing with open warnings', () => {
    it('needs acknowledgeWarnings: 409 lists the warnings; acknowledged, they are in the audit trail', async () => {
      const { id } = await create();
      await add(id, { requirementKey: 'SIK-001', obligation: 'evaluated', weight: 40 });
      const refused = await aarhus.post(`/api/specifications/${id}/finalize`).send({});
      expect(refused.status).toBe(409);
      expect(refused.headers['content-type']).toMatch(PROBLEM);
      expect(refused.body.code).toBe('warnings_not_acknowledged');
      expect(refused.body.warnings.map((w: Warning) => w.code)).toEqual(['ek-mandatory-text', 'weights-not-100']);
      const no = await aarhus.post(`/api/specifications/${id}/finalize`).send({ acknowledgeWarnings: false });
      expect(no.status).toBe(409);
      const notBool = await aarhus.post(`/api/specifications/${id}/finalize`).send({ acknowledgeWarnings: 'ja' });
      expect({ status: notBool.status, field: notBool.body.errors?.[0]?.field }).toEqual({ status: 400, field: 'acknowledgeWarnings' });
      expect((await aarhus.get(`/api/specifications/${id}`)).body.status).toBe('draft');

      const done = await aarhus.post(`/api/specifications/${id}/finalize`).send({ acknowledgeWarnings: true }).expect(200);
      expect(done.body.status).toBe('final');
      const editor = await as(t, USERS.editor);
      const trail = await editor.get(`/api/audit?entityType=specification&entityId=${id}&action=specification.finalized`).expect(200);
      expect(trail.body.items).toHaveLength(1);
      expect(trail.body.items[0].data.acknowledgedWarnings).toEqual(refused.body.warnings);
    });

    it('finalizes without acknowledgement when the checks find nothing', async () => {
      const { id } = await create();
      await add(id, { requirementKey: 'SIK-001' });
      expect(await checks(id)).toEqual([]);
      await aarhus.post(`/api/specifications/${id}/finalize`).expect(200);
      const editor = await as(t, USERS.editor);
      const trail = await editor.get(`/api/audit?entityType=specification&entityId=${id}&action=specification.finalized`).expect(200);
      expect(trail.body.items[0].data.acknowledgedWarnings).toEqual([]);
    });
  });

  describe('the order inside a category when sections are used', () => {
    it('keeps the keys in order when the sections follow them, and heads sectionless items after a section »Øvrige krav«', async () => {
      const { id } = await create();
      await aarhus
        .post(`/api/specifications/${id}/items/bulk`)
        .send({
          items: [
            { requirementKey: 'SIK-001', section: 'Adgang' },
            { requirementKey: 'SIK-002', section: 'Adgang' },
            { requirementKey: 'SIK-003', section: 'Logning' },
            { requirementKey: 'SIK-004' },
            { requirementKey: 'RAM-001' },
            { requirementKey: 'RAM-002', section: 'Data' },
          ],
        })
        .expect(201);
      const json = await aarhus.get(`/api/specifications/${id}/export?format=json`).expect(200);
      const parsed = typeof json.body === 'object' && !Buffer.isBuffer(json.body) ? json.body : JSON.parse(json.text);
      expect(parsed.items.map((i: { key: string }) => i.key)).toEqual(['RAM-001', 'RAM-002', 'SIK-001', 'SIK-002', 'SIK-003', 'SIK-004']);
      const docx = await officeText(await download(`/api/specifications/${id}/export?format=docx`));
      // The heading's last occurrence is in the body (the first is in the contents list).
      const heading = docx.lastIndexOf('Øvrige krav');
      expect(heading).toBeGreaterThan(docx.indexOf('SIK-003'));
      expect(heading).toBeLessThan(docx.indexOf('SIK-004'));
      expect(docx.indexOf('SIK-003')).toBeGreaterThan(docx.indexOf('SIK-002'));
      const csv = (await aarhus.get(`/api/specifications/${id}/export?format=csv`).expect(200)).text;
      const keys = [...csv.matchAll(/^(?:\uFEFF)?"?((?:RAM|SIK)-\d{3})/gm)].map((m) => m[1]);
      expect(keys).toEqual(['RAM-001', 'RAM-002', 'SIK-001', 'SIK-002', 'SIK-003', 'SIK-004']);
    });
  });

  describe('If-None-Match', () => {
    // A final specification gives the same bytes every time, so its ETag repeats (a draft's DOCX, XLSX and JSON carry the time).
    it.each(['docx', 'xlsx', 'csv', 'json'])('answers 304 without a body for the ETag just sent (%s), 200 for another', async (format) => {
      const { id } = await create();
      await add(id, { requirementKey: 'SIK-001' });
      await aarhus.post(`/api/specifications/${id}/finalize`).expect(200);
      const path = `/api/specifications/${id}/export?format=${format}`;
      const first = await aarhus
        .get(path)
        .buffer(true)
        .parse(binary as never)
        .expect(200);
      const etag = first.headers.etag;
      expect(etag).toBe(`"${first.headers['x-content-sha256']}"`);
      const same = await aarhus
        .get(path)
        .set('If-None-Match', etag)
        .buffer(true)
        .parse(binary as never);
      expect(same.status).toBe(304);
      expect((same.body as Buffer).length).toBe(0);
      expect(same.headers.etag).toBe(etag);
      const listed = await aarhus.get(path).set('If-None-Match', `"abc", W/${etag}`);
      expect(listed.status).toBe(304);
      const other = await aarhus
        .get(path)
        .set('If-None-Match', '"0000"')
        .buffer(true)
        .parse(binary as never);
      expect(other.status).toBe(200);
      expect((other.body as Buffer).equals(first.body as Buffer)).toBe(true);
    });

    it('gives 200 again once the specification changed', async () => {
      const { id } = await create();
      await add(id, { requirementKey: 'SIK-001' });
      const path = `/api/specifications/${id}/export?format=csv`;
      const etag = (await aarhus.get(path).expect(200)).headers.etag;
      await add(id, { requirementKey: 'SIK-002' });
      const changed = await aarhus.get(path).set('If-None-Match', etag);
      expect(changed.status).toBe(200);
      expect(changed.headers.etag).not.toBe(etag);
    });
  });
});
