import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { Response } from 'supertest';
import { login, USERS } from './factories/editorial.js';
import { fillDocx, fillXlsx, handZip, resaveInLibreOffice, TENDER_ITEMS } from './factories/offers.js';
import { createTestApp, type TestApp } from './setup/test-app.js';

const PROBLEM = /application\/problem\+json/;
const EVALUATOR2 = 'evaluering.aarhus';

/** supertest: collect a binary body into a Buffer. */
const binary = (res: NodeJS.ReadableStream & { setEncoding(e: string): void }, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

type Method = 'get' | 'post' | 'put' | 'delete';

describe('offers: import of returned annexes, scoring and the evaluation report (e2e)', () => {
  let t: TestApp;
  const tokens: Record<string, string> = {};
  const call = (user: string, method: Method, path: string) => t.http()[method](path).set('Authorization', `Bearer ${tokens[user]}`);
  const download = async (user: string, path: string): Promise<Buffer> =>
    (
      await call(user, 'get', path)
        .buffer(true)
        .parse(binary as never)
        .expect(200)
    ).body as Buffer;
  const upload = (user: string, path: string, body: Buffer, name: string) => call(user, 'put', path).attach('file', body, name);

  let spec: { id: string };
  let xlsx: Buffer;
  let docx: Buffer;
  let items: Array<{ id: string; key: string; obligation: string }>;

  /** A final specification with three MKs (two bank, one local) and two EKs (weights 20 and 5). */
  async function finalSpecification(title: string): Promise<{ id: string }> {
    const created = await call(USERS.proposer, 'post', '/api/specifications')
      .send({ title, procurementName: 'Udbud af ESDH-løsning', caseNumber: '00.01.00-G01-1-26' })
      .expect(201);
    await call(USERS.proposer, 'post', `/api/specifications/${created.body.id}/items/bulk`)
      .send({
        items: TENDER_ITEMS,
      })
      .expect(201);
    await call(USERS.proposer, 'post', `/api/specifications/${created.body.id}/finalize`).send({ acknowledgeWarnings: true }).expect(200);
    return created.body;
  }

  beforeAll(async () => {
    t = await createTestApp({ EXPORT_WORKERS: '0' });
    await t.db.query(
      `INSERT INTO app_user (username, display_name, organisation_id, password_hash, roles)
       SELECT $1, 'Evaluator 2, Aarhus Kommune', organisation_id, password_hash, roles FROM app_user WHERE username = $2`,
      [EVALUATOR2, USERS.proposer],
    );
    for (const u of [USERS.proposer, USERS.procurer, USERS.committee1, EVALUATOR2]) tokens[u] = await login(t, u);
    spec = await finalSpecification('Kravspecifikation: ESDH');
    xlsx = await download(USERS.proposer, `/api/specifications/${spec.id}/export?format=xlsx`);
    docx = await download(USERS.proposer, `/api/specifications/${spec.id}/export?format=docx`);
    const listed = await call(USERS.proposer, 'get', `/api/specifications/${spec.id}/items?limit=100`).expect(200);
    items = listed.body.items.map((i: { id: string; requirementKey: string | null; localRef: string; obligation: string }) => ({
      id: i.id,
      key: i.requirementKey ?? i.localRef,
      obligation: i.obligation,
    }));
  });
  afterAll(() => t.close());

  const newOffer = async (bidderName: string, cvr: string, specId = spec.id) =>
    (await call(USERS.proposer, 'post', `/api/specifications/${specId}/offers`).send({ bidderName, cvr }).expect(201)).body;

  it('validates the bidder and the CVR number, and refuses a draft specification', async () => {
    const bad = await call(USERS.proposer, 'post', `/api/specifications/${spec.id}/offers`)
      .send({ bidderName: 'X', cvr: '1234' })
      .expect(400);
    expect(bad.headers['content-type']).toMatch(PROBLEM);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['cvr']);
    await call(USERS.proposer, 'post', `/api/specifications/${spec.id}/offers`).send({ bidderName: ' ', cvr: '12345678' }).expect(400);
    const draft = await call(USERS.proposer, 'post', '/api/specifications').send({ title: 'Udkast', procurementName: 'x' }).expect(201);
    const refused = await call(USERS.proposer, 'post', `/api/specifications/${draft.body.id}/offers`)
      .send({ bidderName: 'X', cvr: '12345678' })
      .expect(409);
    expect(refused.body.code).toBe('specification_not_final');
  });

  describe('the round trip: three bidders, XLSX and DOCX, one re-saved by LibreOffice Calc', () => {
    const offers: Record<string, { id: string }> = {};
    let reports: Record<string, Response>;
    let savedByCalc: Buffer;

    beforeAll(async () => {
      offers.nej = await newOffer('Nej-leverandøren ApS', '11111111');
      offers.changed = await newOffer('Forbehold A/S', '22222222');
      offers.all = await newOffer('Alt-opfyldt A/S', '33333333');
      const nejFile = await fillXlsx(xlsx, { no: ['RAM-001'] });
      const changedFile = await fillDocx(docx, { change: { 'LOK-1': ['skal integrere', 'kan efter aftale integrere'] } });
      const allFile = (savedByCalc = await resaveInLibreOffice(await fillXlsx(xlsx, {})));
      reports = {
        nej: await upload(USERS.proposer, `/api/specifications/${spec.id}/offers/${offers.nej.id}/file`, nejFile, 'nej.xlsx'),
        changed: await upload(
          USERS.proposer,
          `/api/specifications/${spec.id}/offers/${offers.changed.id}/file`,
          changedFile,
          'forbehold.docx',
        ),
        all: await upload(USERS.proposer, `/api/specifications/${spec.id}/offers/${offers.all.id}/file`, allFile, 'alt.xlsx'),
      };
    }, 180_000);

    it('flags the MK answered Nej, and nothing else', () => {
      const res = reports.nej;
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ conformity: 'possibly_non_conforming', file: { format: 'xlsx', name: 'nej.xlsx' } });
      const flagged = res.body.report.rows.filter((r: { flags: string[] }) => r.flags.length);
      expect(flagged.map((r: { key: string; flags: string[] }) => [r.key, r.flags])).toEqual([['RAM-001', ['mk_no']]]);
      expect(res.body.summary).toMatchObject({
        requirements: 5,
        minimum: 3,
        evaluated: 2,
        mkYes: 2,
        mkNo: 1,
        reservations: 0,
        missing: 0,
        added: 0,
      });
      const ek = res.body.report.rows.find((r: { key: string }) => r.key === 'ARK-001');
      expect(ek).toMatchObject({
        fulfilled: null,
        description: 'Vi opfylder ARK-001 som beskrevet i bilag 7.',
        attachment: 'Bilag 7, afsnit 2',
      });
    });

    it('flags the changed requirement text as a possible reservation, with the word diff; the DOCX answers are read', () => {
      const res = reports.changed;
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ conformity: 'conforming', file: { format: 'docx' } });
      const flagged = res.body.report.rows.filter((r: { flags: string[] }) => r.flags.length);
      expect(flagged.map((r: { key: string; flags: string[] }) => [r.key, r.flags])).toEqual([['LOK-1', ['reservation']]]);
      const change = flagged[0].changes[0];
      expect(change.column).toBe('Krav');
      const runs = (op: string) =>
        change.diff
          .filter((d: { op: string }) => d.op === op)
          .map((d: { text: string }) => d.text.trim())
          .join(' ');
      expect({ deleted: runs('delete'), inserted: runs('insert') }).toEqual({ deleted: 'skal', inserted: 'kan efter aftale' });
      const mk = res.body.report.rows.filter((r: { obligation: string }) => r.obligation === 'minimum');
      expect(mk.every((r: { fulfilled: string }) => r.fulfilled === 'Ja')).toBe(true);
      const lok = res.body.report.rows.find((r: { key: string }) => r.key === 'LOK-1');
      expect(lok.description).toBe('Vi opfylder LOK-1 som beskrevet i bilag 7.');
    });

    it('reads the file LibreOffice Calc saved: everything answered, nothing flagged', async () => {
      const app = await (await JSZip.loadAsync(savedByCalc)).file('docProps/app.xml')!.async('string');
      expect(app).toContain('LibreOffice');
      const res = reports.all;
      expect(res.status).toBe(200);
      expect(res.body.report.rows.filter((r: { flags: string[] }) => r.flags.length)).toEqual([]);
      expect(res.body.conformity).toBe('conforming');
      expect(res.body.summary).toMatchObject({ mkYes: 3, mkNo: 0, mkBlank: 0, reservations: 0, missing: 0, added: 0 });
    });

    it('scores with two evaluators, shows where they differ, sets consensus, and reports totals and ranking', async () => {
      const ark = items.find((i) => i.key === 'ARK-001')!;
      const lok = items.find((i) => i.key === 'LOK-1')!;
      const path = (offer: string, kind: string, item: string) => `/api/specifications/${spec.id}/offers/${offer}/${kind}/${item}`;
      const points: Array<[string, string, number, number, number]> = [
        // offer, item, evaluator 1, evaluator 2, consensus
        [offers.changed.id, ark.id, 8, 6, 8],
        [offers.changed.id, lok.id, 6, 6, 6],
        [offers.all.id, ark.id, 6, 6, 6],
        [offers.all.id, lok.id, 10, 8, 10],
        [offers.nej.id, ark.id, 10, 10, 10],
        [offers.nej.id, lok.id, 10, 10, 10],
      ];
      for (const [offer, item, a, b, c] of points) {
        await call(USERS.proposer, 'put', path(offer, 'scores', item))
          .send({ points: a, reason: `Vurdering ${a}.` })
          .expect(200);
        const cell = await call(EVALUATOR2, 'put', path(offer, 'scores', item))
          .send({ points: b, reason: `Vurdering ${b}.` })
          .expect(200);
        expect(cell.body).toMatchObject({ spread: Math.abs(a - b), differs: a !== b });
        await call(USERS.proposer, 'put', path(offer, 'consensus', item))
          .send({ points: c, reason: `Enighed om ${c} point.` })
          .expect(200);
      }
      await call(USERS.proposer, 'put', path(offers.all.id, 'scores', ark.id))
        .send({ points: 6, reason: ' ' })
        .expect(400);
      await call(USERS.proposer, 'put', path(offers.all.id, 'scores', ark.id))
        .send({ points: 11, reason: 'For mange' })
        .expect(400);
      const mk = items.find((i) => i.key === 'SIK-001')!;
      await call(USERS.proposer, 'put', path(offers.all.id, 'scores', mk.id))
        .send({ points: 5, reason: 'MK' })
        .expect(404);

      const matrix = (await call(USERS.proposer, 'get', `/api/specifications/${spec.id}/scores?limit=100`).expect(200)).body;
      expect(matrix.scale).toMatchObject({ min: 0, max: 10, subCriterion: 'Kvalitet' });
      expect(matrix.items.map((i: { key: string }) => i.key).sort()).toEqual(['ARK-001', 'LOK-1']);
      const differing = matrix.cells
        .filter((c: { differs: boolean }) => c.differs)
        .map((c: { offerId: string; itemId: string }) => [c.offerId, c.itemId]);
      expect(differing).toEqual(
        expect.arrayContaining([
          [offers.changed.id, ark.id],
          [offers.all.id, lok.id],
        ]),
      );
      expect(differing).toHaveLength(2);
      const byOffer = Object.fromEntries(matrix.offers.map((o: { offerId: string }) => [o.offerId, o]));
      // (8 × 20 + 6 × 5) / 25 = 7.6; (6 × 20 + 10 × 5) / 25 = 6.8; the offer that said Nej is not ranked.
      expect(byOffer[offers.changed.id]).toMatchObject({ weightedTotal: 7.6, rank: 1, complete: true });
      expect(byOffer[offers.all.id]).toMatchObject({ weightedTotal: 6.8, rank: 2 });
      expect(byOffer[offers.nej.id]).toMatchObject({ weightedTotal: 10, rank: null, conformity: 'possibly_non_conforming' });

      const book = new ExcelJS.Workbook();
      await book.xlsx.load(
        (await download(USERS.proposer, `/api/specifications/${spec.id}/evaluation?format=xlsx`)) as unknown as ArrayBuffer,
      );
      const rows: unknown[][] = [];
      book.getWorksheet('Rangering')!.eachRow((r, n) => n > 1 && rows.push((r.values as unknown[]).slice(1, 6)));
      expect(rows).toEqual([
        [1, 'Forbehold A/S', '22222222', expect.any(String), 7.6],
        [2, 'Alt-opfyldt A/S', '33333333', expect.any(String), 6.8],
        ['Ikke rangeret (mindstekrav)', 'Nej-leverandøren ApS', '11111111', expect.stringContaining('Muligvis ikke'), 10],
      ]);
      const reasons: unknown[] = [];
      book.getWorksheet('Point')!.eachRow((r, n) => n > 1 && reasons.push(r.getCell(6).value));
      expect(reasons).toContain('Enighed om 8 point.');

      const word = await JSZip.loadAsync(await download(USERS.proposer, `/api/specifications/${spec.id}/evaluation?format=docx`));
      const text = (await word.file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, ' ');
      expect(text).toContain('Evalueringsrapport');
      expect(text).toContain('Vægtet pointsum: 7,6. Placering: 1.');
      expect(text).toContain('Vægtet pointsum: 6,8. Placering: 2.');
      expect(text).toContain('Mindstekrav besvaret med Nej');
      expect(text).toContain('Kravteksten er ændret i besvarelsen');

      const own = await JSZip.loadAsync(
        await download(USERS.proposer, `/api/specifications/${spec.id}/offers/${offers.all.id}/evaluation?format=docx`),
      );
      const ownText = (await own.file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, ' ');
      expect(ownText).toContain('Alt-opfyldt A/S');
      expect(ownText).toContain('nr. 2 af 2 rangerede tilbud');
      expect(ownText).not.toContain('Forbehold A/S');
      expect(ownText).not.toContain('Nej-leverandøren');
    });

    it('keeps a scored offer: no deletion, no new import', async () => {
      await call(USERS.proposer, 'delete', `/api/specifications/${spec.id}/offers/${offers.all.id}`).expect(409);
      const again = await upload(
        USERS.proposer,
        `/api/specifications/${spec.id}/offers/${offers.all.id}/file`,
        await fillXlsx(xlsx, {}),
        'igen.xlsx',
      );
      expect(again.status).toBe(409);
    });

    it('audits every read and every score change', async () => {
      await call(USERS.proposer, 'get', `/api/specifications/${spec.id}/offers/${offers.all.id}`).expect(200);
      await call(USERS.proposer, 'get', `/api/specifications/${spec.id}/offers`).expect(200);
      const rows: Array<{ action: string; n: number }> = await t.db.query(
        `SELECT action, count(*)::int AS n FROM audit_entry WHERE entity_id = ANY($1) GROUP BY action`,
        [[offers.all.id, spec.id]],
      );
      const n = Object.fromEntries(rows.map((r) => [r.action, r.n]));
      expect(n['offer.read']).toBeGreaterThanOrEqual(1);
      expect(n['offer.listed']).toBeGreaterThanOrEqual(1);
      expect(n['offer.scores_read']).toBeGreaterThanOrEqual(1);
      expect(n['offer.evaluation_read']).toBeGreaterThanOrEqual(2);
      expect(n['offer.imported']).toBe(1);
      expect(n['offer.scored']).toBe(4);
      expect(n['offer.consensus_set']).toBe(2);
    });
  });

  describe('hostile files: a clear 4xx each, nothing stored', () => {
    let offer: { id: string };
    let other: Buffer;
    beforeAll(async () => {
      offer = await newOffer('Fjendtlig A/S', '44444444');
      const otherSpec = await finalSpecification('En anden kravspecifikation');
      other = await download(USERS.proposer, `/api/specifications/${otherSpec.id}/export?format=xlsx`);
    });
    const put = (body: Buffer, name = 'besvarelse.xlsx') =>
      upload(USERS.proposer, `/api/specifications/${spec.id}/offers/${offer.id}/file`, body, name);
    const nothingStored = async () => {
      const res = await call(USERS.proposer, 'get', `/api/specifications/${spec.id}/offers/${offer.id}`).expect(200);
      expect(res.body).toMatchObject({ file: null, report: null, conformity: null });
    };
    const refused = async (res: Response, status: number, code: string) => {
      expect({ status: res.status, code: res.body.code }).toEqual({ status, code });
      expect(res.headers['content-type']).toMatch(PROBLEM);
      await nothingStored();
    };
    const withPart = async (file: Buffer, edit: (zip: JSZip) => void | Promise<void>) => {
      const zip = await JSZip.loadAsync(file);
      await edit(zip);
      return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    };

    it('a file over the upload limit (OFFER_UPLOAD_MAX_BYTES, 20 MiB by default)', async () => {
      await refused(await put(Buffer.alloc(21 * 1024 * 1024, 1)), 413, 'payload_too_large');
    });

    it('not a zip (whatever its name)', async () =>
      refused(await put(Buffer.from('Dette er ikke et regneark.\n'.repeat(50))), 400, 'unsupported_file'));

    it('a zip that is no Office file', async () =>
      refused(await put(handZip([{ name: 'hej.txt', data: Buffer.from('hej') }])), 400, 'unsupported_file'));

    it('a zip bomb, honest and lying about its size', async () => {
      const zeros = Buffer.alloc(110 * 1024 * 1024);
      await refused(await put(handZip([{ name: 'xl/worksheets/sheet1.xml', data: zeros }])), 413, 'archive_too_large');
      const lying = handZip([
        { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
        { name: 'xl/worksheets/sheet1.xml', data: zeros, declaredSize: 1000 },
      ]);
      await refused(await put(lying), 413, 'archive_too_large');
    });

    it('100,000 rows', async () => {
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(xlsx as unknown as ArrayBuffer);
      const sheet = book.getWorksheet('Kravmatrix')!;
      for (let r = 0; r < 100_000; r++) sheet.addRow(['X']);
      await refused(await put(Buffer.from(await book.xlsx.writeBuffer())), 413, 'too_many_rows');
    });

    it('a macro-enabled workbook', async () => {
      const file = await withPart(await fillXlsx(xlsx, {}), (zip) => {
        zip.file('xl/vbaProject.bin', Buffer.from('macro'));
      });
      await refused(await put(file, 'besvarelse.xlsm'), 422, 'macro_enabled');
    });

    it('formulas in answer cells', async () => {
      const book = new ExcelJS.Workbook();
      await book.xlsx.load((await fillXlsx(xlsx, {})) as unknown as ArrayBuffer);
      book.getWorksheet('Kravmatrix')!.getCell('J2').value = { formula: 'WEBSERVICE("http://example.invalid/")' };
      const res = await put(Buffer.from(await book.xlsx.writeBuffer()));
      await refused(res, 422, 'active_content');
      expect(res.body.findings).toEqual([expect.objectContaining({ kind: 'formula', location: 'Kravmatrix!J2' })]);
    });

    it('an external link', async () => {
      const file = await withPart(await fillXlsx(xlsx, {}), async (zip) => {
        zip.file('xl/externalLinks/externalLink1.xml', '<externalLink xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>');
        zip.file(
          'xl/externalLinks/_rels/externalLink1.xml.rels',
          '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" ' +
            'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/externalLinkPath" Target="file:///C:/priser.xlsx" TargetMode="External"/></Relationships>',
        );
      });
      const res = await put(file);
      await refused(res, 422, 'active_content');
      expect(res.body.findings[0]).toMatchObject({ kind: 'external_link', text: expect.stringContaining('priser.xlsx') });
    });

    it("another specification's file", async () => refused(await put(await fillXlsx(other, {})), 400, 'wrong_specification'));

    it('a truncated file and a truncated upload', async () => {
      const file = await fillXlsx(xlsx, {});
      await refused(await put(file.subarray(0, Math.floor(file.length / 2))), 400, 'corrupt_file');
      const boundary = 'kravbankgrænse';
      const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="b.xlsx"\r\nContent-Type: application/octet-stream\r\n\r\n`;
      const res = await call(USERS.proposer, 'put', `/api/specifications/${spec.id}/offers/${offer.id}/file`)
        .set('Content-Type', `multipart/form-data; boundary=${boundary}`)
        .send(Buffer.concat([Buffer.from(head), file.subarray(0, 1000)]));
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(PROBLEM);
      await nothingStored();
    });

    it('no file at all', async () => {
      const res = await call(USERS.proposer, 'put', `/api/specifications/${spec.id}/offers/${offer.id}/file`).send({});
      expect(res.status).toBe(400);
      await nothingStored();
    });
  });

  it('another organisation gets 404 on every route; a non-procurer 403', async () => {
    const offer = await newOffer('Hemmelig A/S', '55555555');
    const ek = items.find((i) => i.obligation === 'evaluated')!;
    const s = `/api/specifications/${spec.id}`;
    const o = `${s}/offers/${offer.id}`;
    const routes: Array<[Method, string, object | Buffer | null]> = [
      ['post', `${s}/offers`, { bidderName: 'X', cvr: '66666666' }],
      ['get', `${s}/offers`, null],
      ['get', o, null],
      ['delete', o, null],
      ['put', `${o}/file`, xlsx],
      ['get', `${s}/scores`, null],
      ['put', `${o}/scores/${ek.id}`, { points: 5, reason: 'x' }],
      ['put', `${o}/consensus/${ek.id}`, { points: 5, reason: 'x' }],
      ['get', `${s}/evaluation?format=xlsx`, null],
      ['get', `${o}/evaluation?format=docx`, null],
    ];
    for (const [method, path, body] of routes) {
      const send = (user: string) => {
        const r = call(user, method, path);
        return Buffer.isBuffer(body) ? r.attach('file', body, 'b.xlsx') : body ? r.send(body) : r;
      };
      const res = await send(USERS.procurer);
      expect({ route: `${method} ${path}`, status: res.status }).toEqual({ route: `${method} ${path}`, status: 404 });
      const committee = await send(USERS.committee1);
      expect({ route: `${method} ${path}`, status: committee.status }).toEqual({ route: `${method} ${path}`, status: 403 });
    }
    await call(USERS.proposer, 'get', o).expect(200);
    await call(USERS.proposer, 'delete', o).expect(204);
    await call(USERS.proposer, 'get', o).expect(404);
  });
});
