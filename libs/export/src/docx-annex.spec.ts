import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { DocumentAnnexRenderer } from './annex-renderer.js';
import { renderDocxAnnex } from './docx-annex.js';
import { contentFingerprint } from './fingerprint.js';
import { FIXTURE_KEYS_IN_ORDER, FINALIZED_AT, makeSnapshot } from '../../../test/fixtures/export/snapshot.fixture.js';
import { openDocx, paragraphsOf, tablesOf, textOf, type OpenedDocx } from '../../../test/fixtures/export/docx-reader.js';
import type { SpecificationSnapshot } from './snapshot.js';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const KEY_CELL = /^(RAM|SIK|ARK|LOK)-\d+( v\d+)?$/;

/** The parts a header or footer reference of the body points to, read through the relationships. */
async function referencedParts(docx: OpenedDocx, kind: 'header' | 'footer'): Promise<string[]> {
  const rels = await docx.part('word/_rels/document.xml.rels');
  const ids = [...docx.document.matchAll(new RegExp(`<w:${kind}Reference w:type="(\\w+)" r:id="(\\w+)"/>`, 'g'))].map((m) => m[2]);
  return Promise.all(
    ids.map((id) => {
      const target =
        new RegExp(`<Relationship [^>]*Id="${id}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ??
        new RegExp(`Target="([^"]+)"[^>]*Id="${id}"`).exec(rels)?.[1];
      if (!target) throw new Error(`no relationship ${id}`);
      return docx.part(`word/${target}`);
    }),
  );
}

describe('DOCX tender annex', () => {
  const snapshot = makeSnapshot();
  let tender: OpenedDocx;
  let buyer: OpenedDocx;
  let tenderBytes: Buffer;

  beforeAll(async () => {
    tenderBytes = await renderDocxAnnex(snapshot, 'tender');
    tender = await openDocx(tenderBytes);
    buyer = await openDocx(await renderDocxAnnex(snapshot, 'buyer'));
  });

  it('is a Word package with the document, styles, headers, footers and properties', () => {
    expect(tenderBytes.subarray(0, 4)).toEqual(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
    expect(tender.names).toEqual(
      expect.arrayContaining([
        '[Content_Types].xml',
        '_rels/.rels',
        'word/document.xml',
        'word/styles.xml',
        'docProps/core.xml',
        'word/footer1.xml',
        'word/header1.xml',
      ]),
    );
  });

  it('has a cover with title, organisation, procurement, case number, date, revision, bank stamp and fingerprint', () => {
    const cover = paragraphsOf(tender.document.split('<w:pStyle w:val="TOCHeading"/>')[0]).map((p) => p.text);
    const spec = snapshot.specification;
    expect(cover).toEqual(
      expect.arrayContaining([
        spec.title,
        spec.procurementName,
        'Organisation',
        spec.organisation.name,
        'Sagsnummer',
        '2026-014562',
        'Dato',
        '20. november 2026',
        'Revision',
        '3',
        'Status',
        'Endelig',
        'Kravbankens version',
        'Kravbank 2026-11-18 (126 krav)',
        'Dokumentets indholdsfingeraftryk (SHA-256)',
        contentFingerprint(snapshot, 'tender'),
      ]),
    );
    expect(paragraphsOf(tender.document).find((p) => p.style === 'Title')?.text).toBe(spec.title);
    expect(cover.join('\n')).not.toContain('Købers udgave');
  });

  it('says on the cover and in every header of the buyer edition that it must not go into the tender', async () => {
    const cover = textOf(buyer.document.split('<w:pStyle w:val="TOCHeading"/>')[0]);
    expect(cover).toContain('Købers udgave – må ikke indgå i udbudsmaterialet');
    expect(cover).toContain(contentFingerprint(snapshot, 'buyer'));
    const headers = await referencedParts(buyer, 'header');
    const withText = headers.filter((h) => textOf(h) !== '');
    expect(withText.length).toBe(2); // portrait and landscape; the cover's own first-page header is empty
    for (const h of withText) expect(textOf(h)).toContain('Købers udgave – må ikke indgå i udbudsmaterialet');
  });

  it('heads every category with Heading 1 and every section with Heading 2, in the bank’s order', () => {
    const paragraphs = paragraphsOf(tender.document);
    expect(paragraphs.filter((p) => p.style === 'Heading1').map((p) => p.text)).toEqual([
      'Læsevejledning for tilbudsgiver',
      'Evalueringsmodel',
      'Rammearkitektur',
      'Informationssikkerhed',
      'Arkivering',
      'Kommunens egne krav',
      'Bilag: Retskilder',
    ]);
    expect(paragraphs.filter((p) => p.style === 'Heading2').map((p) => p.text)).toEqual([
      'Integration og snitflader',
      'Adgangsstyring',
      'Logning og overvågning',
    ]);
    // The heading styles are real Word headings, with outline levels the TOC picks up.
    return tender.part('word/styles.xml').then((styles) => {
      expect(styles).toMatch(
        /<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="Heading 1"\/>[\s\S]*?<w:outlineLvl w:val="0"\/>/,
      );
      expect(styles).toMatch(
        /<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="Heading 2"\/>[\s\S]*?<w:outlineLvl w:val="1"\/>/,
      );
    });
  });

  it('lists the requirements in document order, with key and pinned version', () => {
    const keys = paragraphsOf(tender.document)
      .map((p) => p.text)
      .filter((t) => KEY_CELL.test(t));
    const versions: Record<string, number | null> = Object.fromEntries(snapshot.items.map((i) => [i.key, i.version]));
    expect(keys).toEqual(FIXTURE_KEYS_IN_ORDER.map((k) => (versions[k] === null ? k : `${k} v${versions[k]}`)));
    expect(keys.slice(0, 4)).toEqual(['RAM-012 v4', 'RAM-003 v2', 'RAM-007 v1', 'SIK-014 v3']);
  });

  it('writes one table per section with a header row repeated on each page', () => {
    const tables = tablesOf(tender.document).filter((t) => t.rows[0]?.cells[0] === 'Kravnr.');
    expect(tables).toHaveLength(6); // RAM: no section + 1 section, SIK: 2 sections, ARK, local
    for (const t of tables) {
      expect(t.rows[0].cells).toEqual(['Kravnr.', 'Krav', 'Type', 'Opfyldt', 'Tilbudsgivers beskrivelse', 'Bilags\u00adhenvisning']);
      expect(t.rows[0].xml).toMatch(/<w:trPr>[\s\S]*<w:tblHeader\/>[\s\S]*<\/w:trPr>/);
      for (const row of t.rows.slice(1)) expect(row.xml).not.toContain('<w:tblHeader');
      expect(t.xml).toContain('<w:tblLayout w:type="fixed"/>');
    }
    expect(tables.reduce((n, t) => n + t.rows.length - 1, 0)).toBe(snapshot.items.length);
  });

  it('fills each row: key, bold title, statement with short legal references, local note, type and the answer cells by obligation', async () => {
    const rows = tablesOf(tender.document).flatMap((t) => t.rows.filter((r) => KEY_CELL.test(r.cells[0]?.split('\n')[0] ?? '')));
    const row = (key: string) => rows.find((r) => r.cells[0].startsWith(key))!;

    const sik014 = row('SIK-014');
    expect(sik014.cells[0]).toBe('SIK-014 v3');
    expect(sik014.cells[1].split('\n')).toEqual([
      'Multifaktorautentifikation for administratorer',
      'Leverandøren skal sikre, at alle brugere med administrative rettigheder logger på med mindst to uafhængige faktorer. [R3 A.8.5; R2 art. 32]',
      'Kommunens bemærkning: Kommunens identitetsudbyder (Microsoft Entra ID) skal anvendes; lokale brugerkonti må ikke oprettes.',
    ]);
    // Title and key are bold through their paragraph styles; the note's label is a bold run.
    expect(sik014.xml).toContain(
      '<w:pStyle w:val="Kravtitel"/></w:pPr><w:r><w:t xml:space="preserve">Multifaktorautentifikation for administratorer</w:t>',
    );
    expect(sik014.xml).toContain('<w:pStyle w:val="Kravnummer"/></w:pPr><w:r><w:t xml:space="preserve">SIK-014 v3</w:t>');
    expect(sik014.xml).toContain(
      '<w:pStyle w:val="Bemaerkning"/></w:pPr><w:r><w:rPr><w:b/><w:bCs/></w:rPr><w:t xml:space="preserve">Kommunens bemærkning: </w:t>',
    );
    const styles = await tender.part('word/styles.xml');
    for (const style of ['Kravtitel', 'Kravnummer']) expect(styles).toMatch(new RegExp(`w:styleId="${style}">(?:(?!</w:style>).)*<w:b/>`));
    expect(styles).toMatch(/w:styleId="Bemaerkning">(?:(?!<\/w:style>).)*<w:shd [^>]*w:fill="FFF2CC"/);
    // The rest of a row takes its look from styles too: MK/EK, the weight, the help texts and the short legal references.
    expect(styles).toMatch(/w:styleId="Kravtype">(?:(?!<\/w:style>).)*<w:b\/>/);
    expect(styles).toMatch(/w:styleId="Hjaelpetekst">(?:(?!<\/w:style>).)*<w:i\/>(?:(?!<\/w:style>).)*<w:color w:val="595959"\/>/);
    expect(styles).toMatch(/w:type="character" w:styleId="Henvisning">(?:(?!<\/w:style>).)*<w:sz w:val="16"\/>/);
    expect(sik014.xml).toContain(
      '<w:r><w:rPr><w:rStyle w:val="Henvisning"/></w:rPr><w:t xml:space="preserve"> [R3 A.8.5; R2 art. 32]</w:t>',
    );
    expect(sik014.xml).toContain('<w:pStyle w:val="Hjaelpetekst"/></w:pPr><w:r><w:t xml:space="preserve">Kun bekræftelse</w:t>');
    expect(sik014.xml).toContain('<w:pStyle w:val="Kravtype"/></w:pPr><w:r><w:t xml:space="preserve">MK</w:t>');
    // An MK whose verification asks nothing of the bid is only confirmed: Ja / Nej, no description.
    expect(sik014.cells[2]).toBe('MK');
    expect(sik014.cells.slice(3)).toEqual(['☐ Ja\n☐ Nej', 'Kun bekræftelse', '–']);
    // An EK is described, with a Bilagshenvisning; it has no Ja / Nej.
    expect(row('RAM-007').cells.slice(2)).toEqual(['EK\nvægt 15', 'Beskrives', '', '']);
    expect(row('SIK-022').cells[2]).toBe('EK\nvægt 10');
    expect(row('ARK-009').cells[2]).toBe('EK');
    expect(row('LOK-2').cells[2]).toBe('EK\nvægt 20');
    for (const r of rows) expect(r.cells.join('\n')).not.toMatch(/Delvist|Ikke opfyldt/);
    expect(row('LOK-1').cells[0]).toBe('LOK-1\n(lokalt krav)');
    expect(row('LOK-1').cells[1]).toContain('Kommunens bemærkning: Gælder især hjemmeplejens medarbejdere i Ærøskøbing-distriktet.');
  });

  it('lets every requirement row break across pages, so a long answer is never cut off', async () => {
    const rows = tablesOf(tender.document)
      .filter((t) => t.rows[0]?.cells[0] === 'Kravnr.')
      .flatMap((t) => t.rows.slice(1));
    expect(rows).toHaveLength(snapshot.items.length);
    for (const r of rows) expect(r.xml).not.toContain('<w:cantSplit/>');
  });

  it('keeps rationale, guidance and verification out of the tender edition', () => {
    const everything = textOf(tender.document);
    for (const item of snapshot.items) {
      for (const text of [item.rationale, item.guidance, item.verification].filter(Boolean)) expect(everything).not.toContain(text);
    }
    expect(everything).not.toMatch(/Begrundelse:|Vejledning:|Verifikation:|Købers noter/);
  });

  it('shows rationale, guidance and verification under each bank requirement in the buyer edition', () => {
    const rows = tablesOf(buyer.document).flatMap((t) => t.rows);
    for (const item of snapshot.items.filter((i) => i.source === 'bank')) {
      const at = rows.findIndex((r) => r.cells[0] === `${item.key} v${item.version}`);
      const notes = rows[at + 1].cells.join('\n');
      expect(notes).toContain(`Begrundelse: ${item.rationale}`);
      expect(notes).toContain(`Vejledning: ${item.guidance}`);
      expect(notes).toContain(`Verifikation: ${item.verification}`);
      expect(rows[at + 1].xml).toContain('<w:gridSpan w:val="6"/>');
    }
    // A local requirement has no bank notes, so no notes row follows it.
    const lok1 = rows.findIndex((r) => r.cells[0].startsWith('LOK-1'));
    expect(rows[lok1 + 1].cells[0]).toMatch(/^LOK-2/);
  });

  it('numbers the pages "Side X af Y" with PAGE and NUMPAGES fields and puts the title in the header', async () => {
    const footers = await referencedParts(tender, 'footer');
    expect(footers.length).toBe(3);
    for (const f of footers) {
      expect(textOf(f)).toBe('Side  af ');
      expect(f).toMatch(
        /<w:t xml:space="preserve">Side <\/w:t>[\s\S]*<w:instrText xml:space="preserve">PAGE<\/w:instrText>[\s\S]*<w:t xml:space="preserve"> af <\/w:t>[\s\S]*<w:instrText xml:space="preserve">NUMPAGES<\/w:instrText>/,
      );
    }
    const headers = (await referencedParts(tender, 'header')).map(textOf);
    expect(headers.filter((h) => h.startsWith(snapshot.specification.title))).toHaveLength(2);
    expect(headers).toContain('');
  });

  it('has contents whose entries link to bookmarked headings and carry PAGEREF fields, and asks to update fields on open', async () => {
    const entries = paragraphsOf(tender.document).filter((p) => p.style === 'TOC1' || p.style === 'TOC2');
    expect(entries.map((p) => [p.style, p.text.trim()])).toEqual([
      ['TOC1', 'Læsevejledning for tilbudsgiver'],
      ['TOC1', 'Evalueringsmodel'],
      ['TOC1', 'Rammearkitektur'],
      ['TOC2', 'Integration og snitflader'],
      ['TOC1', 'Informationssikkerhed'],
      ['TOC2', 'Adgangsstyring'],
      ['TOC2', 'Logning og overvågning'],
      ['TOC1', 'Arkivering'],
      ['TOC1', 'Kommunens egne krav'],
      ['TOC1', 'Bilag: Retskilder'],
    ]);
    entries.forEach((p, i) => {
      const anchor = `_Toc_kb_${i + 1}`;
      expect(p.xml).toContain(`w:anchor="${anchor}"`);
      expect(p.xml).toContain(`PAGEREF ${anchor} \\h`);
      // The heading carries the bookmark, with an id from this render alone.
      expect(tender.document).toContain(`<w:bookmarkStart w:name="${anchor}" w:id="${i + 1}"/>`);
    });
    expect([...tender.document.matchAll(/<w:bookmarkEnd w:id="(\d+)"\/>/g)].map((m) => Number(m[1]))).toEqual(entries.map((_, i) => i + 1));
    expect(await tender.part('word/settings.xml')).toContain('<w:updateFields/>');
  });

  it('has a reading guide that says how MK and EK are answered, what a "Nej" means, the front matter and the instruction marking', () => {
    const paragraphs = paragraphsOf(tender.document);
    const text = paragraphs.map((p) => p.text).join('\n');
    expect(text).toContain('Mindstekrav (MK) besvares ved at bekræfte dem: angiv »Ja« i kolonnen Opfyldt. Et »Nej« betyder');
    expect(text).toContain('tilbuddet er da ikke konditionsmæssigt');
    expect(text).toContain('Evalueringskrav (EK) besvares med en beskrivelse');
    expect(text).toContain('Bilagshenvisning');
    expect(text).toContain('Bilagets status i kontrakten');
    expect(text).toContain('Tilbudsgiver må ikke tage forbehold over for mindstekrav.');
    const marked = paragraphs.filter((p) => p.style === 'Instruktion');
    expect(marked[0].text).toBe('Instruktion til tilbudsgiver – fjernes ved kontraktindgåelse');
    expect(marked.map((p) => p.text).join('\n')).toContain('Mindstekrav (MK) besvares');
    expect(text).not.toMatch(/Delvist opfyldt|Opfyldelsesgrad/);
    expect(paragraphs.find((p) => p.style === 'Title')?.xml).toBeDefined();
    expect(textOf(tender.document)).toContain('Bilag 3: Kravspecifikation');
  });

  it('prints the evaluation model with the sum of the weights', () => {
    const text = paragraphsOf(tender.document.split('Evalueringsmodel</w:t>').at(-1)!).map((p) => p.text);
    expect(text).toEqual(
      expect.arrayContaining([
        'Underkriterium: Evalueringskravene indgår i underkriteriet »Kvalitet«.',
        'Pointskala: 0–10 point.',
        '10 point: Besvarelsen opfylder kravet i særdeles tilfredsstillende grad.',
        // RAM-007 15, SIK-022 10, LOK-2 20; ARK-009 has none.
        'Summen af vægtene: 45 (4 evalueringskrav, heraf 1 uden vægt).',
      ]),
    );
  });

  it('prints a procurer’s own evaluation model and annex number instead of the defaults', async () => {
    const s = makeSnapshot();
    s.specification.evaluation = { subCriterion: 'Funktionalitet', scaleMax: 5, scaleMeaning: [{ points: 5, meaning: 'Fremragende.' }] };
    s.specification.annex = { number: '2', title: 'Kravmatrix' };
    const text = textOf((await openDocx(await renderDocxAnnex(s, 'tender'))).document);
    expect(text).toContain('underkriteriet »Funktionalitet«');
    expect(text).toContain('0–5 point.');
    expect(text).toContain('5 point: Fremragende.');
    expect(text).toContain('Bilag 2: Kravmatrix');
    expect(text).toContain('Tilbudsgiver må ikke tage forbehold'); // the clause not set keeps its default
  });

  it('lists the legal sources in an annex with title, kind, issuer, version and a link', () => {
    const table = tablesOf(tender.document).find((t) => t.rows[0]?.cells[0] === 'Nr.')!;
    expect(table.rows[0].cells).toEqual(['Nr.', 'Titel', 'Type', 'Udsteder', 'Version', 'Adresse']);
    expect(table.rows.slice(1).map((r) => r.cells)).toEqual(
      snapshot.legalSources.map((s, i) => [
        `R${i + 1}`,
        s.title,
        { act: 'Lov', 'executive-order': 'Bekendtgørelse', standard: 'Standard', principle: 'Princip' }[s.kind as string],
        s.issuer,
        s.version,
        s.url,
      ]),
    );
    expect(table.xml).toContain('<w:fldSimple w:instr="HYPERLINK &quot;https://www.retsinformation.dk/eli/lta/2016/1201&quot;">');
  });

  it('sets A4 pages: portrait for cover and guide, landscape for the requirement tables', () => {
    const sections = [...tender.document.matchAll(/<w:pgSz w:w="(\d+)" w:h="(\d+)" w:orient="(\w+)"\/>/g)].map((m) => m.slice(1));
    expect(sections).toEqual([
      ['11906', '16838', 'portrait'],
      ['16838', '11906', 'landscape'],
    ]);
    expect(tender.document).toContain(
      '<w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1134" w:header="567" w:footer="567" w:gutter="0"/>',
    );
  });

  it('writes custom document properties and a filled app.xml', async () => {
    const custom = await tender.part('docProps/custom.xml');
    const props = Object.fromEntries(
      [...custom.matchAll(/<property [^>]*name="([^"]+)"[^>]*><vt:lpwstr>([^<]*)<\/vt:lpwstr><\/property>/g)].map((m) => [m[1], m[2]]),
    );
    expect(props).toEqual({
      'Kravbank.SpecifikationId': snapshot.specification.id,
      'Kravbank.Sagsnummer': '2026-014562',
      'Kravbank.Revision': '3',
      'Kravbank.Status': 'final',
      'Kravbank.Udgave': 'tender',
      'Kravbank.Fingeraftryk': contentFingerprint(snapshot, 'tender'),
      'Kravbank.Bilag': 'Bilag 3: Kravspecifikation',
    });
    const app = await tender.part('docProps/app.xml');
    expect(app).toContain('<Application>Kravbank</Application>');
    expect(app).toContain('<Company>Sønderborg Kommune</Company>');
    expect(app).toContain(`<vt:lpstr>${snapshot.specification.title}</vt:lpstr>`);
    // Final: no draft marking in any header.
    expect(textOf(tender.document)).not.toContain('UDKAST');
  });

  it('dates the document properties with finalizedAt and writes them in Danish', async () => {
    const core = await tender.part('docProps/core.xml');
    expect(core).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">2026-11-20T13:45:00Z</dcterms:created>');
    expect(core).toContain('<dcterms:modified xsi:type="dcterms:W3CDTF">2026-11-20T13:45:00Z</dcterms:modified>');
    expect(core).toContain(`<dc:title>${snapshot.specification.title}</dc:title>`);
    expect(core).toContain('<dc:creator>Sønderborg Kommune</dc:creator>');
    expect(core).toContain('<dc:language>da-DK</dc:language>');
    expect(await tender.part('word/styles.xml')).toContain('<w:lang w:val="da-DK"/>');
  });

  it('escapes XML and drops control characters that would make Word refuse the file', async () => {
    const s = makeSnapshot();
    s.items[0].title = 'Data <ejes> af "kommunen" & ingen andre\u0007';
    s.specification.title = 'Titel med <tegn> & \u0001styretegn';
    const docx = await openDocx(await renderDocxAnnex(s, 'tender'));
    expect(textOf(docx.document)).toContain('Data <ejes> af "kommunen" & ingen andre');
    expect(docx.document).not.toMatch(/[\u0000-\u0008]/);
    expect(await docx.part('docProps/core.xml')).toContain('<dc:title>Titel med &lt;tegn&gt; &amp; styretegn</dc:title>');
  });

  it('says so when a specification has no requirements yet', async () => {
    const empty = makeSnapshot({ status: 'draft', items: [] });
    empty.legalSources = [];
    const docx = await openDocx(await renderDocxAnnex(empty, 'tender'));
    expect(
      paragraphsOf(docx.document)
        .filter((p) => p.style === 'Heading1')
        .map((p) => p.text),
    ).toEqual(['Læsevejledning for tilbudsgiver', 'Evalueringsmodel', 'Kravspecifikationen indeholder endnu ingen krav.']);
    expect(tablesOf(docx.document).filter((t) => t.rows[0]?.cells[0] === 'Kravnr.')).toHaveLength(0);
  });

  it('refuses a final snapshot without finalizedAt', async () => {
    const s = makeSnapshot();
    s.specification.finalizedAt = null;
    await expect(renderDocxAnnex(s, 'tender')).rejects.toThrow(/final but has no finalizedAt/);
  });

  it('marks a draft on its cover and dates it with the clock', async () => {
    const draft = makeSnapshot({ status: 'draft' });
    const docx = await openDocx(await renderDocxAnnex(draft, 'tender', { now: () => new Date('2026-12-24T10:00:00Z') }));
    const text = textOf(docx.document);
    expect(text).toContain('Udkast – kravspecifikationen er ikke endelig og kan ændre sig.');
    expect(text).toContain('24. december 2026');
    expect(await docx.part('docProps/core.xml')).toContain('2026-12-24T10:00:00Z');
    // "UDKAST" in the header of every page, the cover's included.
    const headers = await referencedParts(docx, 'header');
    expect(headers).toHaveLength(3);
    for (const h of headers) expect(textOf(h)).toContain('UDKAST');
    expect(docx.zip.files['word/document.xml'].date.toISOString()).toBe('2026-12-24T10:00:00.000Z');
  });
});

describe('DOCX determinism', () => {
  const renderer = new DocumentAnnexRenderer();
  let final: [Awaited<ReturnType<typeof renderer.render>>, Awaited<ReturnType<typeof renderer.render>>];
  let draft: [Awaited<ReturnType<typeof renderer.render>>, Awaited<ReturnType<typeof renderer.render>>];
  let finalSnapshot: SpecificationSnapshot;

  beforeAll(async () => {
    finalSnapshot = makeSnapshot();
    const first = [
      await renderer.render(finalSnapshot, 'docx', 'tender'),
      await renderer.render(makeSnapshot({ status: 'draft' }), 'docx', 'tender'),
    ];
    // More than the 2-second resolution of zip timestamps, so a clock that leaks in shows.
    await sleep(2100);
    const second = [
      await renderer.render(makeSnapshot(), 'docx', 'tender'),
      await renderer.render(makeSnapshot({ status: 'draft' }), 'docx', 'tender'),
    ];
    final = [first[0], second[0]];
    draft = [first[1], second[1]];
  });

  it('renders a final specification to the same bytes at different times', () => {
    expect(final[1].sha256).toBe(final[0].sha256);
    expect(final[1].body.equals(final[0].body)).toBe(true);
    expect(final[0].sha256).toBe(sha256(final[0].body));
  });

  it('gives every zip entry the finalizedAt date, in a fixed order', async () => {
    const [a, b] = await Promise.all(final.map((r) => openDocx(r.body)));
    expect(b.names).toEqual(a.names);
    expect(a.names[0]).toBe('word/_rels/document.xml.rels');
    for (const name of a.names) expect(a.zip.files[name].date.toISOString()).toBe(FINALIZED_AT);
  });

  it('gives a draft the same fingerprint on every render, but not the same file', async () => {
    const [a, b] = await Promise.all(draft.map((r) => openDocx(r.body)));
    const fingerprint = contentFingerprint(makeSnapshot({ status: 'draft' }), 'tender');
    expect(textOf(a.document)).toContain(fingerprint);
    expect(textOf(b.document)).toContain(fingerprint);
    expect(draft[1].sha256).not.toBe(draft[0].sha256);
    expect(await b.part('docProps/core.xml')).not.toBe(await a.part('docProps/core.xml'));
  });

  it('changes the fingerprint and the file when the content changes', async () => {
    const changed = makeSnapshot();
    changed.items[3].note = 'En anden bemærkning.';
    const other = await renderer.render(changed, 'docx', 'tender');
    expect(contentFingerprint(changed, 'tender')).not.toBe(contentFingerprint(finalSnapshot, 'tender'));
    expect(other.sha256).not.toBe(final[0].sha256);
  });
});
