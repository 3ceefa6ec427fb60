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
      expect(t.rows[0].cells).toEqual(['Kravnr.', 'Krav', 'Type', 'Opfyldelsesgrad', 'Leverandørens besvarelse']);
      expect(t.rows[0].xml).toMatch(/<w:trPr>[\s\S]*<w:tblHeader\/>[\s\S]*<\/w:trPr>/);
      for (const row of t.rows.slice(1)) expect(row.xml).not.toContain('<w:tblHeader');
      expect(t.xml).toContain('<w:tblLayout w:type="fixed"/>');
    }
    expect(tables.reduce((n, t) => n + t.rows.length - 1, 0)).toBe(snapshot.items.length);
  });

  it('fills each row: key, bold title and statement, local note, type, three answer options and an empty answer', async () => {
    const rows = tablesOf(tender.document).flatMap((t) => t.rows.filter((r) => KEY_CELL.test(r.cells[0]?.split('\n')[0] ?? '')));
    const row = (key: string) => rows.find((r) => r.cells[0].startsWith(key))!;

    const sik014 = row('SIK-014');
    expect(sik014.cells[0]).toBe('SIK-014 v3');
    expect(sik014.cells[1].split('\n')).toEqual([
      'Multifaktorautentifikation for administratorer',
      'Leverandøren skal sikre, at alle brugere med administrative rettigheder logger på med mindst to uafhængige faktorer.',
      'Kommunens bemærkning: Kommunens identitetsudbyder (Microsoft Entra ID) skal anvendes; lokale brugerkonti må ikke oprettes.',
      'Retskilder: ISO/IEC 27001:2022 Informationssikkerhed, cybersikkerhed og beskyttelse af privatlivets fred, A.8.5; Databeskyttelsesforordningen (GDPR), art. 32',
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
    expect(sik014.cells[2]).toBe('MK');
    expect(sik014.cells[3]).toBe('☐ Opfyldt\n☐ Delvist opfyldt\n☐ Ikke opfyldt');
    expect(sik014.cells[4]).toBe('');

    expect(row('RAM-007').cells[2]).toBe('EK (vægt 15)');
    expect(row('SIK-022').cells[2]).toBe('EK (vægt 10)');
    expect(row('ARK-009').cells[2]).toBe('EK');
    expect(row('LOK-2').cells[2]).toBe('EK (vægt 20)');
    expect(row('LOK-1').cells[0]).toBe('LOK-1\n(lokalt krav)');
    expect(row('LOK-1').cells[1]).toContain('Kommunens bemærkning: Gælder især hjemmeplejens medarbejdere i Ærøskøbing-distriktet.');
  });

  it('keeps a requirement row in one piece unless it may be taller than a page', async () => {
    const s = makeSnapshot();
    s.items[1].statement = 'Leverandøren skal dokumentere løsningens arkitektur og dataflow. '.repeat(60);
    const docx = await openDocx(await renderDocxAnnex(s, 'tender'));
    const rows = tablesOf(docx.document).flatMap((t) => t.rows.slice(1));
    const long = rows.find((r) => r.cells[0] === `${s.items[1].key} v${s.items[1].version}`)!;
    expect(long.xml).not.toContain('<w:cantSplit/>');
    for (const r of rows.filter((r) => r !== long)) expect(r.xml).toContain('<w:cantSplit/>');
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
      expect(rows[at + 1].xml).toContain('<w:gridSpan w:val="5"/>');
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

  it('has a table of contents field over heading levels 1–2, with its entries written in', () => {
    const toc = /<w:sdt><w:sdtPr><w:alias w:val="Indholdsfortegnelse"\/>[\s\S]*?<\/w:sdt>/.exec(tender.document)?.[0] ?? '';
    expect(toc).toContain('<w:docPartGallery w:val="Table of Contents"/>');
    expect(toc).toMatch(
      /<w:fldChar w:fldCharType="begin" w:dirty="true"\/><w:instrText xml:space="preserve">TOC \\h \\o &quot;1-2&quot;<\/w:instrText>/,
    );
    const entries = paragraphsOf(toc).map((p) => [p.style, p.text.trim()]);
    expect(entries).toEqual([
      ['TOC1', 'Læsevejledning for tilbudsgiver'],
      ['TOC1', 'Rammearkitektur'],
      ['TOC2', 'Integration og snitflader'],
      ['TOC1', 'Informationssikkerhed'],
      ['TOC2', 'Adgangsstyring'],
      ['TOC2', 'Logning og overvågning'],
      ['TOC1', 'Arkivering'],
      ['TOC1', 'Kommunens egne krav'],
      ['TOC1', 'Bilag: Retskilder'],
    ]);
    // No bookmarks: their ids would come from a process-wide counter and differ between renders.
    expect(tender.document).not.toContain('w:bookmarkStart');
  });

  it('has a reading guide that explains MK, EK with weight and how to answer', () => {
    const text = textOf(tender.document);
    expect(text).toContain('Mindstekrav (MK) skal være opfyldt.');
    expect(text).toContain('Evalueringskrav (EK) indgår i evalueringen af tilbuddet');
    expect(text).toContain('»EK (vægt 10)«');
    expect(text).toContain(
      'Markér for hvert krav i kolonnen Opfyldelsesgrad ét af felterne Opfyldt, Delvist opfyldt eller Ikke opfyldt ved at erstatte ☐ med ☒ eller X.',
    );
    expect(text).toContain('Beskriv i kolonnen Leverandørens besvarelse');
  });

  it('lists the legal sources in an annex with title, kind, issuer, version and a link', () => {
    const table = tablesOf(tender.document).find((t) => t.rows[0]?.cells[0] === 'Titel')!;
    expect(table.rows[0].cells).toEqual(['Titel', 'Type', 'Udsteder', 'Version', 'Adresse']);
    expect(table.rows.slice(1).map((r) => r.cells)).toEqual(
      snapshot.legalSources.map((s) => [
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
    ).toEqual(['Læsevejledning for tilbudsgiver', 'Kravspecifikationen indeholder endnu ingen krav.']);
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
