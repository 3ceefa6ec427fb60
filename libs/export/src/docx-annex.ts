import {
  AlignmentType,
  BorderStyle,
  Document,
  type FileChild,
  Footer,
  Header,
  HeadingLevel,
  LeaderType,
  LineRuleType,
  Packer,
  PageOrientation,
  PageNumber,
  Paragraph,
  ShadingType,
  SimpleField,
  Tab,
  TabStopType,
  Table,
  TableCell,
  TableLayoutType,
  TableOfContents,
  TableRow,
  TextRun,
  WidthType,
  type ISectionOptions,
  type ParagraphChild,
} from 'docx';
import { groupItems, type AnnexGroup } from './annex-model.js';
import { contentFingerprint } from './fingerprint.js';
import {
  BUYER_EDITION_WARNING,
  COMPLIANCE_OPTIONS,
  EDITION_NAMES,
  FINGERPRINT_LABEL,
  LEGAL_SOURCE_KIND_NAMES,
  cleanText,
  danishDate,
  documentDate,
  keyLabel,
  typeLabel,
} from './labels.js';
import type { ExportEdition, SnapshotItem, SpecificationSnapshot } from './snapshot.js';
import { setZipEntryDates } from './zip-dates.js';

export const DOCX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

// Measures are in twips (1/20 pt; 567 to the centimetre).
const A4 = { width: 11906, height: 16838 };
const MARGIN = { top: 1134, bottom: 1134, left: 1134, right: 1134, header: 567, footer: 567 };
const PORTRAIT_WIDTH = A4.width - MARGIN.left - MARGIN.right; // 17 cm
const LANDSCAPE_WIDTH = A4.height - MARGIN.left - MARGIN.right; // 25.7 cm

const FONT = 'Calibri';
const MONO = 'Consolas';
const DARK = '1F3864';
const ACCENT = '2E5597';
const GREY = '595959';
const RED = 'C00000';
const NOTE_FILL = 'FFF2CC';
const BUYER_FILL = 'EDEDED';
const LINE = 'A6A6A6';

/** The requirement table: the requirement gets the most room, then the bidder's answer. */
const REQUIREMENT_COLUMNS = [
  { title: 'Kravnr.', width: 1750 },
  { title: 'Krav', width: 5600 },
  { title: 'Type', width: 1550 },
  { title: 'Opfyldelsesgrad', width: 2000 },
  { title: 'Leverandørens besvarelse', width: 3670 },
] as const;

const LEGAL_SOURCE_COLUMNS = [
  { title: 'Titel', width: 4400 },
  { title: 'Type', width: 1900 },
  { title: 'Udsteder', width: 2700 },
  { title: 'Version', width: 1700 },
  { title: 'Adresse', width: 3870 },
] as const;

const SUMMARY_COLUMNS = [
  { title: 'Kategori', width: 3838 },
  { title: 'Mindstekrav (MK)', width: 2200 },
  { title: 'Evalueringskrav (EK)', width: 2400 },
  { title: 'I alt', width: 1200 },
] as const;

const COVER_COLUMNS = [3000, PORTRAIT_WIDTH - 3000];

const thin = { style: BorderStyle.SINGLE, size: 4, color: LINE };
const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const GRID_BORDERS = { top: thin, bottom: thin, left: thin, right: thin, insideHorizontal: thin, insideVertical: thin };
const NO_BORDERS = { top: none, bottom: none, left: none, right: none, insideHorizontal: none, insideVertical: none };

export interface DocxRenderOptions {
  /** The clock for a draft's document date; a final specification always uses its `finalizedAt`. */
  now?: () => Date;
}

/**
 * The tender annex as a Word document. A final specification gives the same bytes on every
 * render: its `finalizedAt` is the date on the cover, in the document properties and on every
 * zip entry, and nothing else in the package depends on the time or on earlier renders.
 */
export async function renderDocxAnnex(
  snapshot: SpecificationSnapshot,
  edition: ExportEdition,
  options: DocxRenderOptions = {},
): Promise<Buffer> {
  const date = documentDate(snapshot, options.now ?? (() => new Date()));
  const document = buildAnnexDocument(snapshot, edition, date, contentFingerprint(snapshot, edition));
  // docx stamps docProps/core.xml with the current time; this replaces it with the document's own date.
  const body = await Packer.toBuffer(document, false, [{ path: 'docProps/core.xml', data: coreProperties(snapshot, edition, date) }]);
  setZipEntryDates(body, date);
  return body;
}

/** The document model, before packing. */
export function buildAnnexDocument(snapshot: SpecificationSnapshot, edition: ExportEdition, date: Date, fingerprint: string): Document {
  const groups = groupItems(snapshot.items);
  // Title, author and dates go into docProps/core.xml, which `renderDocxAnnex` writes itself.
  return new Document({
    styles: STYLES,
    sections: [
      {
        properties: {
          titlePage: true,
          page: { size: { width: A4.width, height: A4.height, orientation: PageOrientation.PORTRAIT }, margin: MARGIN },
        },
        headers: { default: pageHeader(snapshot, edition, PORTRAIT_WIDTH), first: new Header({ children: [] }) },
        footers: { default: pageFooter(), first: pageFooter() },
        children: [
          ...cover(snapshot, edition, date, fingerprint),
          ...tableOfContents(groups, snapshot),
          ...readingGuide(snapshot, edition, groups),
        ],
      },
      {
        properties: {
          page: { size: { width: A4.width, height: A4.height, orientation: PageOrientation.LANDSCAPE }, margin: MARGIN },
        },
        headers: { default: pageHeader(snapshot, edition, LANDSCAPE_WIDTH) },
        footers: { default: pageFooter() },
        children: groups.length
          ? [...groups.flatMap((group, i) => requirementGroup(group, edition, i > 0)), ...legalSourceAnnex(snapshot)]
          : [para([run('Kravspecifikationen indeholder endnu ingen krav.')], { heading: HeadingLevel.HEADING_1 })],
      },
    ] satisfies ISectionOptions[],
  });
}

const STYLES = {
  default: {
    document: {
      run: { font: FONT, size: 21, language: { value: 'da-DK' } },
      paragraph: { spacing: { after: 120, line: 264, lineRule: LineRuleType.AUTO } },
    },
    title: {
      run: { font: FONT, size: 52, bold: true, color: DARK },
      paragraph: { spacing: { after: 240, line: 240, lineRule: LineRuleType.AUTO } },
    },
    heading1: {
      run: { font: FONT, size: 32, bold: true, color: DARK },
      paragraph: { spacing: { before: 240, after: 160 }, keepNext: true, keepLines: true, outlineLevel: 0 },
    },
    heading2: {
      run: { font: FONT, size: 26, bold: true, color: ACCENT },
      paragraph: { spacing: { before: 280, after: 120 }, keepNext: true, keepLines: true, outlineLevel: 1 },
    },
  },
  paragraphStyles: [
    {
      id: 'Tabeltekst',
      name: 'Tabeltekst',
      basedOn: 'Normal',
      quickFormat: true,
      run: { size: 19 },
      paragraph: { spacing: { before: 0, after: 60, line: 252, lineRule: LineRuleType.AUTO } },
    },
    {
      id: 'Tabeloverskrift',
      name: 'Tabeloverskrift',
      basedOn: 'Tabeltekst',
      run: { bold: true, color: 'FFFFFF' },
      paragraph: { keepNext: true },
    },
    // The parts of a requirement row have styles of their own, so an officer can restyle them all at once in Word.
    { id: 'Kravnummer', name: 'Kravnummer', basedOn: 'Tabeltekst', run: { bold: true } },
    { id: 'Kravtitel', name: 'Kravtitel', basedOn: 'Tabeltekst', run: { bold: true } },
    {
      id: 'Bemaerkning',
      name: 'Kommunens bemærkning',
      basedOn: 'Tabeltekst',
      paragraph: { shading: { type: ShadingType.CLEAR, color: 'auto', fill: NOTE_FILL } },
    },
    {
      id: 'Retskildehenvisning',
      name: 'Retskildehenvisning',
      basedOn: 'Tabeltekst',
      run: { size: 16, color: GREY },
      paragraph: { spacing: { before: 60, after: 0 } },
    },
    { id: 'Svarmulighed', name: 'Svarmulighed', basedOn: 'Tabeltekst', paragraph: { spacing: { after: 40 } } },
    {
      id: 'TOCHeading',
      name: 'TOC Heading',
      basedOn: 'Normal',
      next: 'Normal',
      run: { size: 32, bold: true, color: DARK },
      paragraph: { spacing: { after: 240 } },
    },
  ],
};

// ---------------------------------------------------------------------------------------------
// Small builders

/** A text as paragraphs, one per line; empty lines are dropped. */
const lines = (text: string): string[] =>
  cleanText(text)
    .split('\n')
    .map((l) => l.trimEnd())
    .filter((l) => l.trim() !== '');

const run = (text: string, options: Omit<ConstructorParameters<typeof TextRun>[0] & object, 'text'> = {}) =>
  new TextRun({ ...options, text: cleanText(text) });

const para = (children: ParagraphChild[], options: Omit<ConstructorParameters<typeof Paragraph>[0] & object, 'children'> = {}) =>
  new Paragraph({ ...options, children });

const tableText = (children: ParagraphChild[], options: Omit<ConstructorParameters<typeof Paragraph>[0] & object, 'children'> = {}) =>
  para(children, { style: 'Tabeltekst', ...options });

/** A labelled text: the label in bold before the first line, the other lines as paragraphs of their own. */
function labelled(label: string, text: string, style = 'Tabeltekst'): Paragraph[] {
  const [first = '', ...rest] = lines(text);
  return [para([run(`${label} `, { bold: true }), run(first)], { style }), ...rest.map((l) => para([run(l)], { style }))];
}

function cell(
  children: Paragraph[],
  width: number,
  options: Omit<ConstructorParameters<typeof TableCell>[0], 'children' | 'width'> = {},
): TableCell {
  return new TableCell({ ...options, width: { size: width, type: WidthType.DXA }, children: children.length ? children : [tableText([])] });
}

function headerRow(columns: ReadonlyArray<{ title: string; width: number }>): TableRow {
  return new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: columns.map((c) =>
      cell([para([run(c.title)], { style: 'Tabeloverskrift' })], c.width, {
        shading: { type: ShadingType.CLEAR, color: 'auto', fill: DARK },
      }),
    ),
  });
}

function grid(columns: ReadonlyArray<{ width: number }>, rows: TableRow[]): Table {
  return new Table({
    width: { size: columns.reduce((sum, c) => sum + c.width, 0), type: WidthType.DXA },
    columnWidths: columns.map((c) => c.width),
    layout: TableLayoutType.FIXED,
    borders: GRID_BORDERS,
    margins: { top: 57, bottom: 57, left: 85, right: 85, marginUnitType: WidthType.DXA },
    rows,
  });
}

// ---------------------------------------------------------------------------------------------
// Page furniture

function pageHeader(snapshot: SpecificationSnapshot, edition: ExportEdition, width: number): Header {
  const spec = snapshot.specification;
  const children = [
    para(
      [
        run(spec.title, { size: 17, color: GREY }),
        new TextRun({ size: 17, color: GREY, children: [new Tab(), `Revision ${spec.revision}`] }),
      ],
      {
        tabStops: [{ type: TabStopType.RIGHT, position: width }],
        border: { bottom: { style: BorderStyle.SINGLE, size: 4, color: LINE, space: 4 } },
        spacing: { after: 0 },
      },
    ),
  ];
  if (edition === 'buyer')
    children.push(para([run(BUYER_EDITION_WARNING, { size: 17, bold: true, color: RED })], { spacing: { before: 40, after: 0 } }));
  return new Header({ children });
}

/** "Side X af Y" from the PAGE and NUMPAGES fields. */
function pageFooter(): Footer {
  return new Footer({
    children: [
      para([new TextRun({ size: 17, color: GREY, children: ['Side ', PageNumber.CURRENT, ' af ', PageNumber.TOTAL_PAGES] })], {
        alignment: AlignmentType.CENTER,
        spacing: { after: 0 },
      }),
    ],
  });
}

// ---------------------------------------------------------------------------------------------
// Cover, table of contents, reading guide

/** The cover's table of facts: organisation, procurement, dates, status, edition, bank version and fingerprint. */
function coverFacts(snapshot: SpecificationSnapshot, edition: ExportEdition, date: Date, fingerprint: string): Table {
  const spec = snapshot.specification;
  const final = spec.status === 'final';
  const facts: Array<[string, Paragraph]> = [
    ['Organisation', tableText([run(spec.organisation.name)])],
    ['Udbud', tableText([run(spec.procurementName)])],
    ['Sagsnummer', tableText([run(spec.caseNumber?.trim() || 'Ikke angivet')])],
    ['Dato', tableText([run(danishDate(date))])],
    ['Revision', tableText([run(String(spec.revision))])],
    ['Status', tableText([run(final ? 'Endelig' : 'Udkast')])],
    ['Udgave', tableText([run(EDITION_NAMES[edition])])],
    ['Kravbankens version', tableText([run(snapshot.bank.stamp)])],
    [FINGERPRINT_LABEL, tableText([run(fingerprint, { font: MONO, size: 15 })])],
  ];
  // The fingerprint's label breaks before "(SHA-256)", so no line ends inside "SHA-256".
  const labelRuns = (label: string) =>
    label === FINGERPRINT_LABEL
      ? [
          run(label.replace('(SHA-256)', ''), { bold: true, color: GREY }),
          new TextRun({ text: '(SHA-256)', break: 1, bold: true, color: GREY }),
        ]
      : [run(label, { bold: true, color: GREY })];
  const factRows = facts.map(
    ([label, value]) =>
      new TableRow({
        cantSplit: true,
        children: [cell([tableText(labelRuns(label))], COVER_COLUMNS[0]), cell([value], COVER_COLUMNS[1])],
      }),
  );
  return new Table({
    width: { size: PORTRAIT_WIDTH, type: WidthType.DXA },
    columnWidths: COVER_COLUMNS,
    layout: TableLayoutType.FIXED,
    borders: { ...NO_BORDERS, insideHorizontal: thin, top: thin, bottom: thin },
    margins: { top: 85, bottom: 85, left: 0, right: 85, marginUnitType: WidthType.DXA },
    rows: factRows,
  });
}

/** The red warnings on the cover: the buyer edition's, and a draft's. */
function coverWarnings(edition: ExportEdition, final: boolean): Paragraph[] {
  const warnings: Paragraph[] = [];
  if (edition === 'buyer') {
    warnings.push(
      para([run(BUYER_EDITION_WARNING, { bold: true, size: 26, color: RED })], {
        border: {
          top: { style: BorderStyle.SINGLE, size: 12, color: RED, space: 6 },
          bottom: { style: BorderStyle.SINGLE, size: 12, color: RED, space: 6 },
        },
        spacing: { before: 240, after: 240 },
      }),
    );
  }
  if (!final) {
    warnings.push(
      para([run('Udkast – kravspecifikationen er ikke endelig og kan ændre sig.', { bold: true, size: 24, color: RED })], {
        spacing: { after: 240 },
      }),
    );
  }
  return warnings;
}

function cover(snapshot: SpecificationSnapshot, edition: ExportEdition, date: Date, fingerprint: string): FileChild[] {
  const spec = snapshot.specification;
  return [
    para([run('Udbudsbilag · Kravspecifikation', { size: 24, color: ACCENT, allCaps: true, bold: true })], {
      spacing: { before: 2400, after: 120 },
    }),
    para([run(spec.title)], { heading: HeadingLevel.TITLE }),
    para([run(spec.procurementName, { size: 30, color: GREY })], { spacing: { after: 480 } }),
    ...coverWarnings(edition, spec.status === 'final'),
    coverFacts(snapshot, edition, date, fingerprint),
    para(
      [
        run(
          'Fingeraftrykket er beregnet over det indhold, bilaget er dannet af: kravspecifikationen, de fastlåste kravversioner og udgaven. ' +
            'Det er det samme for alle eksemplarer af samme revision og udgave og ændrer sig, hvis indholdet ændres.',
          { size: 16, color: GREY, italics: true },
        ),
      ],
      { spacing: { before: 120 } },
    ),
  ];
}

/**
 * A TOC field over Heading 1 and 2. Its entries are written in (without page numbers), so the
 * table is not empty in programs that do not update fields; it is marked dirty, so Word offers to
 * update it with page numbers when the document is opened. The entries are given rather than left
 * for docx to collect, because docx then bookmarks the headings with ids from a counter that lives
 * as long as the process, and two renders would differ.
 */
function tableOfContents(groups: AnnexGroup[], snapshot: SpecificationSnapshot): FileChild[] {
  const entries = [
    { title: 'Læsevejledning for tilbudsgiver', level: 1 },
    ...groups.flatMap((g) => [
      { title: g.title, level: 1 },
      ...g.sections.flatMap((s) => (s.title ? [{ title: cleanText(s.title), level: 2 }] : [])),
    ]),
    ...(snapshot.legalSources.length ? [{ title: 'Bilag: Retskilder', level: 1 }] : []),
  ];
  return [
    para([run('Indholdsfortegnelse')], { style: 'TOCHeading', pageBreakBefore: true }),
    new TableOfContents('Indholdsfortegnelse', {
      hyperlink: true,
      headingStyleRange: '1-2',
      cachedEntries: entries,
      beginDirty: true,
      tabLeader: LeaderType.NONE,
    }),
  ];
}

function readingGuide(snapshot: SpecificationSnapshot, edition: ExportEdition, groups: AnnexGroup[]): FileChild[] {
  const spec = snapshot.specification;
  const lead = (text: string) => para([run(text, { bold: true, color: DARK })], { spacing: { before: 200, after: 80 }, keepNext: true });
  const body = (text: string) => para([run(text)]);
  const bullet = (text: string) => para([run(text)], { bullet: { level: 0 }, spacing: { after: 80 } });
  const out: FileChild[] = [
    para([run('Læsevejledning for tilbudsgiver')], { heading: HeadingLevel.HEADING_1, pageBreakBefore: true }),
    body(
      `Dette bilag indeholder de krav, som ${spec.organisation.name} stiller i udbuddet »${spec.procurementName}«. ` +
        'Kravene er hentet fra den fælleskommunale kravbank og suppleret med kommunens egne krav, hvor det er angivet.',
    ),
  ];
  if (spec.description?.trim()) out.push(lead('Om udbuddet'), ...lines(spec.description).map(body));
  out.push(
    lead('Mindstekrav og evalueringskrav'),
    body(
      'Mindstekrav (MK) skal være opfyldt. Opfylder tilbuddet ikke et mindstekrav, er tilbuddet ikke konditionsmæssigt og kan ikke tages i betragtning.',
    ),
    body(
      'Evalueringskrav (EK) indgår i evalueringen af tilbuddet: jo bedre kravet opfyldes, jo bedre bedømmes besvarelsen. ' +
        'Er der angivet en vægt, fx »EK (vægt 10)«, viser den kravets betydning i forhold til de øvrige evalueringskrav. ' +
        'Hvordan evalueringskravene indgår i tildelingen, fremgår af udbudsbetingelserne.',
    ),
    lead('Sådan besvarer I kravene'),
    bullet(
      'Markér for hvert krav i kolonnen Opfyldelsesgrad ét af felterne Opfyldt, Delvist opfyldt eller Ikke opfyldt ved at erstatte ☐ med ☒ eller X.',
    ),
    bullet(
      'Beskriv i kolonnen Leverandørens besvarelse, hvordan den tilbudte løsning opfylder kravet. Er kravet delvist eller ikke opfyldt, beskrives det, der mangler.',
    ),
    bullet('Besvar alle krav. Et krav uden besvarelse kan blive betragtet som ikke opfyldt.'),
    bullet('Henvis gerne til dokumentation andetsteds i tilbuddet med bilag og side, men gør besvarelsen forståelig i sig selv.'),
    bullet('Kravteksterne må ikke ændres.'),
    lead('Kravnumre, bemærkninger og retskilder'),
    body(
      'Kravnr. angiver kravets nummer og version i kravbanken, fx »SIK-014 v3«. Krav markeret »(lokalt krav)« er formuleret af kommunen til dette udbud.',
    ),
    body('Tekst markeret »Kommunens bemærkning:« er kommunens præcisering af kravet i dette udbud og skal læses sammen med kravteksten.'),
    body(
      'Under »Retskilder« står de love, standarder og principper, kravet bygger på. De er samlet i bilaget »Retskilder« bagest i dokumentet.',
    ),
  );
  if (edition === 'buyer') {
    out.push(
      lead('Købers udgave'),
      body(
        'Denne udgave er til kommunens eget brug. Under hvert krav står kravbankens begrundelse, vejledning og verifikation. ' +
          'Brug udbudsudgaven i udbudsmaterialet.',
      ),
    );
  }
  out.push(lead('Overblik'), summaryTable(groups));
  return out;
}

function summaryTable(groups: AnnexGroup[]): Table {
  const count = (items: SnapshotItem[]) => [
    items.filter((i) => i.obligation === 'minimum').length,
    items.filter((i) => i.obligation === 'evaluated').length,
  ];
  const row = (label: string, items: SnapshotItem[], bold = false) => {
    const [mk, ek] = count(items);
    const values = [label, String(mk), String(ek), String(items.length)];
    return new TableRow({
      cantSplit: true,
      children: SUMMARY_COLUMNS.map((c, i) =>
        cell([tableText([run(values[i], { bold })], { alignment: i === 0 ? AlignmentType.LEFT : AlignmentType.RIGHT })], c.width),
      ),
    });
  };
  const groupItemsOf = (g: AnnexGroup) => g.sections.flatMap((s) => s.items);
  return grid(SUMMARY_COLUMNS, [
    headerRow(SUMMARY_COLUMNS),
    ...groups.map((g) => row(g.title, groupItemsOf(g))),
    row('I alt', groups.flatMap(groupItemsOf), true),
  ]);
}

// ---------------------------------------------------------------------------------------------
// The requirements

function requirementGroup(group: AnnexGroup, edition: ExportEdition, newPage: boolean): FileChild[] {
  const out: FileChild[] = [para([run(group.title)], { heading: HeadingLevel.HEADING_1, pageBreakBefore: newPage })];
  for (const section of group.sections) {
    if (section.title) out.push(para([run(section.title)], { heading: HeadingLevel.HEADING_2 }));
    out.push(
      grid(REQUIREMENT_COLUMNS, [headerRow(REQUIREMENT_COLUMNS), ...section.items.flatMap((item) => requirementRows(item, edition))]),
    );
  }
  return out;
}

/**
 * Whether a requirement row surely fits on one landscape page, so it can be kept in one piece
 * (`cantSplit`). Word clips a row that cannot split and is taller than a page, so long rows must
 * stay free to break. About 50 characters go on a line of the Krav column and about 30 lines on a
 * page under the heading and the table header; each paragraph may end with a short line.
 */
const LINE_CHARS = 50;
const PAGE_LINES = 30;
function fitsOnOnePage(paragraphs: number, texts: string[]): boolean {
  const chars = texts.reduce((n, t) => n + t.length, 0);
  return Math.ceil(chars / LINE_CHARS) + paragraphs <= PAGE_LINES;
}

function requirementRows(item: SnapshotItem, edition: ExportEdition): TableRow[] {
  const [keyCol, textCol, typeCol, complianceCol, answerCol] = REQUIREMENT_COLUMNS;
  const keyParagraphs = [para([run(keyLabel(item))], { style: 'Kravnummer' })];
  if (item.source === 'local') keyParagraphs.push(tableText([run('(lokalt krav)', { italics: true, color: GREY })]));

  const text: Paragraph[] = [para([run(item.title)], { style: 'Kravtitel' }), ...lines(item.statement).map((l) => tableText([run(l)]))];
  if (item.note?.trim()) {
    text.push(...labelled('Kommunens bemærkning:', item.note, 'Bemaerkning'));
  }
  const refs = item.legalSources.map((s) => (s.section ? `${s.title}, ${s.section}` : s.title)).join('; ');
  if (refs) {
    text.push(para([run('Retskilder: ', { bold: true }), run(refs)], { style: 'Retskildehenvisning' }));
  }

  // Printed boxes rather than Word checkbox content controls: they read the same on paper and in
  // any program, and the controls (ten XML elements each) made the document half again as slow to build.
  const compliance = COMPLIANCE_OPTIONS.map((option) => para([run(`☐ ${option}`)], { style: 'Svarmulighed' }));

  const rows = [
    new TableRow({
      // A requirement is read as one piece: a row that fits moves to the next page rather than
      // break. In the buyer edition it also stays with the notes below it where Word can manage.
      cantSplit: fitsOnOnePage(text.length, [item.title, item.statement, item.note ?? '', refs]),
      ...(edition === 'buyer' ? { keepNext: true } : {}),
      children: [
        cell(keyParagraphs, keyCol.width),
        cell(text, textCol.width),
        cell([tableText([run(typeLabel(item), item.obligation === 'minimum' ? { bold: true } : {})])], typeCol.width),
        cell(compliance, complianceCol.width),
        cell([tableText([])], answerCol.width),
      ],
    }),
  ];
  // Only the buyer edition carries the bank's rationale, guidance and verification.
  if (edition === 'buyer') {
    const notes = (
      [
        ['Begrundelse:', item.rationale],
        ['Vejledning:', item.guidance],
        ['Verifikation:', item.verification],
      ] as const
    ).flatMap(([label, value]) => (value.trim() ? labelled(label, value) : []));
    if (notes.length) {
      rows.push(
        new TableRow({
          children: [
            cell(
              [
                tableText([
                  run(`Købers noter til ${keyLabel(item)} – indgår ikke i udbudsudgaven`, { size: 15, color: GREY, allCaps: true }),
                ]),
                ...notes,
              ],
              LANDSCAPE_WIDTH,
              { columnSpan: REQUIREMENT_COLUMNS.length, shading: { type: ShadingType.CLEAR, color: 'auto', fill: BUYER_FILL } },
            ),
          ],
        }),
      );
    }
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------
// Legal sources

/** A web address as a HYPERLINK field: clickable in Word and LibreOffice, and without the random relationship id docx gives an ExternalHyperlink. */
function link(url: string): ParagraphChild {
  const clean = cleanText(url).trim();
  if (!/^https?:\/\/[^\s"]+$/i.test(clean)) return run(clean);
  return new SimpleField(`HYPERLINK "${clean}"`, clean);
}

function legalSourceAnnex(snapshot: SpecificationSnapshot): FileChild[] {
  if (snapshot.legalSources.length === 0) return [];
  const rows = snapshot.legalSources.map(
    (s) =>
      new TableRow({
        cantSplit: true,
        children: [
          cell([tableText([run(s.title, { bold: true })])], LEGAL_SOURCE_COLUMNS[0].width),
          cell([tableText([run(LEGAL_SOURCE_KIND_NAMES[s.kind] ?? s.kind)])], LEGAL_SOURCE_COLUMNS[1].width),
          cell([tableText([run(s.issuer)])], LEGAL_SOURCE_COLUMNS[2].width),
          cell([tableText([run(s.version)])], LEGAL_SOURCE_COLUMNS[3].width),
          cell([tableText([link(s.url)])], LEGAL_SOURCE_COLUMNS[4].width),
        ],
      }),
  );
  return [
    para([run('Bilag: Retskilder')], { heading: HeadingLevel.HEADING_1, pageBreakBefore: true }),
    para([run('Kravene i kravspecifikationen bygger på følgende love, bekendtgørelser, standarder og principper.')]),
    grid(LEGAL_SOURCE_COLUMNS, [headerRow(LEGAL_SOURCE_COLUMNS), ...rows]),
  ];
}

// ---------------------------------------------------------------------------------------------
// Document properties

const xmlEscape = (s: string) =>
  cleanText(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);

/** docProps/core.xml with the document date as created and modified (W3CDTF, whole seconds). */
export function coreProperties(snapshot: SpecificationSnapshot, edition: ExportEdition, date: Date): string {
  const spec = snapshot.specification;
  const when = date.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const element = (name: string, value: string) => `<${name}>${xmlEscape(value)}</${name}>`;
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" ' +
    'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    element('dc:title', spec.title) +
    element('dc:subject', `Udbudsbilag: kravspecifikation til ${spec.procurementName}`) +
    element('dc:creator', spec.organisation.name) +
    element('cp:keywords', 'kravspecifikation; udbudsbilag; kravbank') +
    element('dc:description', `${EDITION_NAMES[edition]}. ${snapshot.bank.stamp}.`) +
    element('cp:lastModifiedBy', 'Kravbank') +
    element('cp:revision', String(spec.revision)) +
    element('dc:language', 'da-DK') +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${when}</dcterms:created>` +
    `<dcterms:modified xsi:type="dcterms:W3CDTF">${when}</dcterms:modified>` +
    '</cp:coreProperties>'
  );
}
