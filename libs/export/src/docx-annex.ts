import {
  AlignmentType,
  BorderStyle,
  Document,
  type FileChild,
  Footer,
  Header,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  ShadingType,
  SimpleField,
  Tab,
  TabStopType,
  TableCell,
  TableRow,
  TextRun,
  type ISectionOptions,
  type ParagraphChild,
} from 'docx';
import { answerModeOf, annexLabel, withAnnexDefaults } from './annex-defaults.js';
import { groupItems, type AnnexGroup } from './annex-model.js';
import { cover, readingGuide, type FrontContext } from './docx-front.js';
import {
  A4,
  BUYER_FILL,
  GREY,
  LANDSCAPE_WIDTH,
  LINE,
  MARGIN,
  Outline,
  PORTRAIT_WIDTH,
  RED,
  STYLES,
  cell,
  contents,
  grid,
  headerRow,
  labelled,
  lines,
  para,
  run,
  tableText,
} from './docx-parts.js';
import { contentFingerprint } from './fingerprint.js';
import {
  BUYER_EDITION_WARNING,
  EDITION_NAMES,
  LEGAL_SOURCE_KIND_NAMES,
  cleanText,
  documentDate,
  formatNumber,
  keyLabel,
} from './labels.js';
import type { ExportEdition, SnapshotItem, SpecificationSnapshot } from './snapshot.js';
import { setZipEntryDates } from './zip-dates.js';

export const DOCX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/**
 * The requirement table, widths by what goes in them: the key ("SIK-014 v3"), the requirement
 * (most of the room), the type ("MK", "EK" and its weight), the MK's Ja / Nej, the bidder's
 * description and the Bilagshenvisning. Together the landscape text width.
 */
export const REQUIREMENT_COLUMNS = [
  { title: 'Kravnr.', width: 1200 },
  { title: 'Krav', width: 7670 },
  { title: 'Type', width: 800 },
  { title: 'Opfyldt', width: 1000 },
  { title: 'Tilbudsgivers beskrivelse', width: 2800 },
  { title: 'Bilags\u00adhenvisning', width: 1100 },
] as const;

const LEGAL_SOURCE_COLUMNS = [
  { title: 'Nr.', width: 700 },
  { title: 'Titel', width: 4200 },
  { title: 'Type', width: 1700 },
  { title: 'Udsteder', width: 2500 },
  { title: 'Version', width: 1700 },
  { title: 'Adresse', width: 3770 },
] as const;

export interface DocxRenderOptions {
  /** The clock for a draft's document date; a final specification always uses its `finalizedAt`. */
  now?: () => Date;
  /** The snapshot's content fingerprint for this edition, when the caller has it already (it is computed otherwise). */
  fingerprint?: string;
}

/**
 * The tender annex as a Word document. A final specification gives the same bytes on every
 * render: its `finalizedAt` is the date on the cover, in the document properties and on every
 * zip entry, bookmarks are numbered by this render alone, and nothing else in the package
 * depends on the time or on earlier renders.
 */
export async function renderDocxAnnex(
  snapshot: SpecificationSnapshot,
  edition: ExportEdition,
  options: DocxRenderOptions = {},
): Promise<Buffer> {
  const date = documentDate(snapshot, options.now ?? (() => new Date()));
  const fingerprint = options.fingerprint ?? contentFingerprint(snapshot, edition);
  const document = buildAnnexDocument(snapshot, edition, date, fingerprint);
  // docx stamps docProps/core.xml with the current time and leaves app.xml empty; these are written here.
  const body = await Packer.toBuffer(document, false, [
    { path: 'docProps/core.xml', data: coreProperties(snapshot, edition, date) },
    { path: 'docProps/app.xml', data: appProperties(snapshot) },
  ]);
  setZipEntryDates(body, date);
  return body;
}

/** The document model, before packing. */
export function buildAnnexDocument(snapshot: SpecificationSnapshot, edition: ExportEdition, date: Date, fingerprint: string): Document {
  const groups = groupItems(snapshot.items);
  const context: FrontContext = { snapshot, edition, settings: withAnnexDefaults(snapshot), date, fingerprint };
  const outline = new Outline();
  const guide = readingGuide(context, groups, outline);
  const requirements = groups.length
    ? [...requirementGroups(groups, edition, outline, legalNumbers(snapshot)), ...legalSourceAnnex(snapshot, outline)]
    : [outline.heading('Kravspecifikationen indeholder endnu ingen krav.', 1)];
  const portrait = { size: { width: A4.width, height: A4.height, orientation: PageOrientation.PORTRAIT }, margin: MARGIN };
  const landscape = { size: { width: A4.width, height: A4.height, orientation: PageOrientation.LANDSCAPE }, margin: MARGIN };
  // Title, author and dates go into docProps/core.xml, which `renderDocxAnnex` writes itself.
  return new Document({
    styles: STYLES,
    features: { updateFields: true },
    customProperties: customProperties(snapshot, edition, fingerprint),
    sections: [
      {
        properties: { titlePage: true, page: portrait },
        headers: { default: pageHeader(snapshot, edition, PORTRAIT_WIDTH), first: draftOnlyHeader(snapshot) },
        footers: { default: pageFooter(), first: pageFooter() },
        children: [
          ...cover(context),
          para([run('Indholdsfortegnelse')], { style: 'TOCHeading', pageBreakBefore: true }),
          ...contents(outline, PORTRAIT_WIDTH),
          ...guide,
        ],
      },
      {
        properties: { page: landscape },
        headers: { default: pageHeader(snapshot, edition, LANDSCAPE_WIDTH) },
        footers: { default: pageFooter() },
        children: requirements,
      },
    ] satisfies ISectionOptions[],
  });
}

// ---------------------------------------------------------------------------------------------
// Page furniture

const DRAFT_MARK = 'UDKAST';

/** The title and revision, "UDKAST" on every page of a draft, and the buyer edition's warning. */
function pageHeader(snapshot: SpecificationSnapshot, edition: ExportEdition, width: number): Header {
  const spec = snapshot.specification;
  const draft = spec.status !== 'final';
  const children = [
    para(
      [
        run(spec.title, { size: 17, color: GREY }),
        ...(draft ? [new TextRun({ children: [new Tab(), DRAFT_MARK], bold: true, size: 20, color: RED })] : []),
        new TextRun({ size: 17, color: GREY, children: [new Tab(), `Revision ${spec.revision}`] }),
      ],
      {
        tabStops: [
          ...(draft ? [{ type: TabStopType.CENTER, position: Math.round(width / 2) }] : []),
          { type: TabStopType.RIGHT, position: width },
        ],
        border: { bottom: { style: BorderStyle.SINGLE, size: 4, color: LINE, space: 4 } },
        spacing: { after: 0 },
      },
    ),
  ];
  if (edition === 'buyer')
    children.push(para([run(BUYER_EDITION_WARNING, { size: 17, bold: true, color: RED })], { spacing: { before: 40, after: 0 } }));
  return new Header({ children });
}

/** The cover's header: empty, or "UDKAST" for a draft. */
function draftOnlyHeader(snapshot: SpecificationSnapshot): Header {
  if (snapshot.specification.status === 'final') return new Header({ children: [] });
  return new Header({ children: [para([run(DRAFT_MARK, { bold: true, size: 20, color: RED })], { alignment: AlignmentType.CENTER })] });
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
// The requirements

/** Each legal source's short number in the legal-source annex (R1, R2, …), by id. */
function legalNumbers(snapshot: SpecificationSnapshot): Map<string, string> {
  return new Map(snapshot.legalSources.map((s, i) => [s.id, `R${i + 1}`]));
}

/** The groups one after another (no page break between them: the density goal), headings bookmarked for the contents. */
function requirementGroups(groups: AnnexGroup[], edition: ExportEdition, outline: Outline, numbers: Map<string, string>): FileChild[] {
  const out: FileChild[] = [];
  const fixed = fixedCells();
  for (const group of groups) {
    out.push(outline.heading(group.title, 1));
    for (const section of group.sections) {
      if (section.heading) out.push(outline.heading(section.heading, 2));
      const rows = [headerRow(REQUIREMENT_COLUMNS)];
      for (const item of section.items) rows.push(...requirementRows(item, edition, numbers, fixed));
      out.push(grid(REQUIREMENT_COLUMNS, rows));
    }
  }
  return out;
}

/** `[R2 art. 32; R3 A.8.5]`: the legal references in short, the full citations in the annex. */
export function compactReferences(item: SnapshotItem, numbers: Map<string, string>): string {
  const refs = item.legalSources.map((s) => [numbers.get(s.id) ?? s.title, s.section].filter(Boolean).join(' '));
  return refs.length ? `[${refs.join('; ')}]` : '';
}

/** The requirement cell: bold title, the statement with the short legal references at its end, and the municipality's note. */
function requirementText(item: SnapshotItem, numbers: Map<string, string>): Paragraph[] {
  const statement = lines(item.statement);
  const refs = compactReferences(item, numbers);
  const text: Paragraph[] = [para([run(item.title)], { style: 'Kravtitel' })];
  statement.forEach((l, i) => {
    const last = i === statement.length - 1 && refs;
    text.push(tableText(last ? [run(l), run(` ${refs}`, { style: 'Henvisning' })] : [run(l)]));
  });
  if (!statement.length && refs) text.push(tableText([run(refs, { style: 'Henvisning' })]));
  if (item.note?.trim()) text.push(...labelled('Kommunens bemærkning:', item.note, 'Bemaerkning'));
  return text;
}

const NOT_TO_FILL = { shading: { type: ShadingType.CLEAR, color: 'auto', fill: BUYER_FILL } } as const;
const muted = (text: string) => para([run(text)], { style: 'Hjaelpetekst' });

/**
 * The cells that read the same on every row of their kind, made once a render: docx writes a cell
 * where it stands each time, so thousands of rows share a few cells instead of building their own.
 */
function fixedCells() {
  const [, , typeCol, fulfilledCol, descriptionCol, attachmentCol] = REQUIREMENT_COLUMNS;
  return {
    minimum: cell([para([run('MK')], { style: 'Kravtype' })], typeCol.width),
    yesNo: cell(
      ['☐ Ja', '☐ Nej'].map((o) => para([run(o)], { style: 'Svarmulighed' })),
      fulfilledCol.width,
    ),
    described: cell([muted('Beskrives')], fulfilledCol.width, NOT_TO_FILL),
    description: cell([tableText([])], descriptionCol.width),
    attachment: cell([tableText([])], attachmentCol.width),
    confirmationOnly: cell([muted('Kun bekræftelse')], descriptionCol.width, NOT_TO_FILL),
    noAttachment: cell([muted('–')], attachmentCol.width, NOT_TO_FILL),
  };
}
type FixedCells = ReturnType<typeof fixedCells>;

/**
 * The answer cells by obligation. An MK is confirmed: ☐ Ja / ☐ Nej, and a description and a
 * Bilagshenvisning only where its verification asks for documentation. An EK is described, with
 * a Bilagshenvisning; it has no Ja / Nej.
 */
function answerCells(item: SnapshotItem, fixed: FixedCells): TableCell[] {
  if (item.obligation === 'evaluated') return [fixed.described, fixed.description, fixed.attachment];
  if (answerModeOf(item) === 'describe') return [fixed.yesNo, fixed.description, fixed.attachment];
  return [fixed.yesNo, fixed.confirmationOnly, fixed.noAttachment];
}

function typeCell(item: SnapshotItem, fixed: FixedCells): TableCell {
  if (item.obligation === 'minimum') return fixed.minimum;
  const weight = item.weight === null ? [] : [para([run(`vægt ${formatNumber(item.weight)}`)], { style: 'Vaegt' })];
  return cell([para([run('EK')], { style: 'Kravtype' }), ...weight], REQUIREMENT_COLUMNS[2].width);
}

/**
 * A requirement's row, and in the buyer edition a row of notes under it. Rows may break across
 * pages (the header row repeats), so a long answer typed by a bidder is never cut off.
 */
function requirementRows(item: SnapshotItem, edition: ExportEdition, numbers: Map<string, string>, fixed: FixedCells): TableRow[] {
  const keyParagraphs = [para([run(keyLabel(item))], { style: 'Kravnummer' })];
  if (item.source === 'local') keyParagraphs.push(muted('(lokalt krav)'));
  const rows = [
    new TableRow({
      ...(edition === 'buyer' ? { keepNext: true } : {}),
      children: [
        cell(keyParagraphs, REQUIREMENT_COLUMNS[0].width),
        cell(requirementText(item, numbers), REQUIREMENT_COLUMNS[1].width),
        typeCell(item, fixed),
        ...answerCells(item, fixed),
      ],
    }),
  ];
  if (edition === 'buyer') rows.push(...buyerNotes(item));
  return rows;
}

/** Only the buyer edition carries the bank's rationale, guidance and verification. */
function buyerNotes(item: SnapshotItem): TableRow[] {
  const notes = (
    [
      ['Begrundelse:', item.rationale],
      ['Vejledning:', item.guidance],
      ['Verifikation:', item.verification],
    ] as const
  ).flatMap(([label, value]) => (value.trim() ? labelled(label, value) : []));
  if (!notes.length) return [];
  const title = para([run(`Købers noter til ${keyLabel(item)} – indgår ikke i udbudsudgaven`)], { style: 'Koebersnote' });
  return [
    new TableRow({
      children: [
        cell([title, ...notes], LANDSCAPE_WIDTH, {
          columnSpan: REQUIREMENT_COLUMNS.length,
          shading: { type: ShadingType.CLEAR, color: 'auto', fill: BUYER_FILL },
        }),
      ],
    }),
  ];
}

/**
 * The text of each requirement row's cells as the annex writes them (paragraphs joined by line
 * breaks), in document order: Kravnr., Krav, Type and the answer cells' printed options. A
 * returned annex is compared with these, without rendering the document again.
 */
export function docxRowTexts(snapshot: SpecificationSnapshot): Array<{ itemId: string; cells: string[] }> {
  const numbers = legalNumbers(snapshot);
  return groupItems(snapshot.items).flatMap((g) =>
    g.sections.flatMap((section) =>
      section.items.map((item) => {
        const statement = lines(item.statement);
        const refs = compactReferences(item, numbers);
        const text = [
          cleanText(item.title),
          ...statement.map((l, i) => (i === statement.length - 1 && refs ? `${l} ${cleanText(refs)}` : l)),
        ];
        if (!statement.length && refs) text.push(cleanText(refs));
        if (item.note?.trim()) {
          const [first = '', ...rest] = lines(item.note);
          text.push(`Kommunens bemærkning: ${first}`, ...rest);
        }
        const key = [cleanText(keyLabel(item)), ...(item.source === 'local' ? ['(lokalt krav)'] : [])];
        const evaluated = item.obligation === 'evaluated';
        const type = evaluated ? ['EK', ...(item.weight === null ? [] : [`vægt ${formatNumber(item.weight)}`])] : ['MK'];
        const describe = answerModeOf(item) === 'describe';
        return {
          itemId: item.id,
          cells: [
            key.join('\n'),
            text.join('\n'),
            type.join('\n'),
            evaluated ? 'Beskrives' : '☐ Ja\n☐ Nej',
            describe ? '' : 'Kun bekræftelse',
            describe ? '' : '–',
          ],
        };
      }),
    ),
  );
}

// ---------------------------------------------------------------------------------------------
// Legal sources

/** A web address as a HYPERLINK field: clickable in Word and LibreOffice, and without the random relationship id docx gives an ExternalHyperlink. */
function link(url: string): ParagraphChild {
  const clean = cleanText(url).trim();
  if (!/^https?:\/\/[^\s"]+$/i.test(clean)) return run(clean);
  return new SimpleField(`HYPERLINK "${clean}"`, clean);
}

function legalSourceAnnex(snapshot: SpecificationSnapshot, outline: Outline): FileChild[] {
  if (snapshot.legalSources.length === 0) return [];
  const widths = LEGAL_SOURCE_COLUMNS.map((c) => c.width);
  const rows = snapshot.legalSources.map(
    (s, i) =>
      new TableRow({
        cantSplit: true,
        children: [
          cell([tableText([run(`R${i + 1}`, { bold: true })])], widths[0]),
          cell([tableText([run(s.title, { bold: true })])], widths[1]),
          cell([tableText([run(LEGAL_SOURCE_KIND_NAMES[s.kind] ?? s.kind)])], widths[2]),
          cell([tableText([run(s.issuer)])], widths[3]),
          cell([tableText([run(s.version)])], widths[4]),
          cell([tableText([link(s.url)])], widths[5]),
        ],
      }),
  );
  return [
    outline.heading('Bilag: Retskilder', 1, { pageBreakBefore: true }),
    para([
      run(
        'Kravene bygger på følgende love, bekendtgørelser, standarder og principper. Nr. er det nummer, kravene henviser til, fx »[R2 art. 32]«.',
      ),
    ]),
    grid(LEGAL_SOURCE_COLUMNS, [headerRow(LEGAL_SOURCE_COLUMNS), ...rows]),
  ];
}

// ---------------------------------------------------------------------------------------------
// Document properties

const xmlEscape = (s: string) =>
  cleanText(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);

/** Custom document properties a document-management system can index: specification id, case number, revision, fingerprint. */
function customProperties(
  snapshot: SpecificationSnapshot,
  edition: ExportEdition,
  fingerprint: string,
): Array<{ name: string; value: string }> {
  const spec = snapshot.specification;
  return [
    { name: 'Kravbank.SpecifikationId', value: spec.id },
    { name: 'Kravbank.Sagsnummer', value: spec.caseNumber?.trim() || '' },
    { name: 'Kravbank.Revision', value: String(spec.revision) },
    { name: 'Kravbank.Status', value: spec.status },
    { name: 'Kravbank.Udgave', value: edition },
    { name: 'Kravbank.Fingeraftryk', value: fingerprint },
    { name: 'Kravbank.Bilag', value: annexLabel(withAnnexDefaults(snapshot).annex) },
  ].map((p) => ({ name: p.name, value: cleanText(p.value) }));
}

/** docProps/app.xml: the application, the organisation and the document's title. */
export function appProperties(snapshot: SpecificationSnapshot): string {
  const spec = snapshot.specification;
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">' +
    '<Template>Normal.dotm</Template><Application>Kravbank</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>' +
    `<Company>${xmlEscape(spec.organisation.name)}</Company>` +
    '<HeadingPairs><vt:vector size="2" baseType="variant"><vt:variant><vt:lpstr>Titel</vt:lpstr></vt:variant><vt:variant><vt:i4>1</vt:i4></vt:variant></vt:vector></HeadingPairs>' +
    `<TitlesOfParts><vt:vector size="1" baseType="lpstr"><vt:lpstr>${xmlEscape(spec.title)}</vt:lpstr></vt:vector></TitlesOfParts>` +
    '<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged><AppVersion>16.0000</AppVersion>' +
    '</Properties>'
  );
}

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
