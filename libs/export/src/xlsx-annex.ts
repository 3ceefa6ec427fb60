import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import { answerModeOf, withAnnexDefaults } from './annex-defaults.js';
import { groupItems } from './annex-model.js';
import { contentFingerprint } from './fingerprint.js';
import { BUYER_EDITION_WARNING, cleanText, documentDate, formatNumber, keyLabel } from './labels.js';
import type { ExportEdition, SnapshotItem, SpecificationSnapshot } from './snapshot.js';
import { spreadsheetText } from './spreadsheet-text.js';
import { writeGuideSheet } from './xlsx-guide.js';
import { setZipEntryDates } from './zip-dates.js';

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const MATRIX_SHEET = 'Kravmatrix';
export const GUIDE_SHEET = 'Vejledning';
export const CONTROL_SHEET = 'Kontrol';
/** The version of the hidden sheet's layout, so a reader can refuse a file it does not understand. */
export const KRAVMATRIX_LAYOUT = 'kravbank-kravmatrix/1';

/** The columns of the requirement matrix; `answer` columns are the bidder's. Widths in characters. */
export const MATRIX_COLUMNS = [
  { key: 'key', title: 'Kravnr.', width: 12 },
  { key: 'area', title: 'Område', width: 18 },
  { key: 'title', title: 'Titel', width: 26 },
  { key: 'statement', title: 'Kravtekst', width: 60 },
  { key: 'note', title: 'Kommunens bemærkning', width: 24 },
  { key: 'legal', title: 'Retskilder', width: 30 },
  { key: 'type', title: 'Type', width: 6 },
  { key: 'weight', title: 'Vægt', width: 7 },
  { key: 'fulfilled', title: 'Opfyldt (Ja/Nej)', width: 11, answer: true },
  { key: 'description', title: 'Tilbudsgivers beskrivelse', width: 50, answer: true },
  { key: 'attachment', title: 'Bilagshenvisning', width: 20, answer: true },
] as const;
export const BUYER_COLUMNS = [
  { key: 'rationale', title: 'Begrundelse', width: 40 },
  { key: 'guidance', title: 'Vejledning', width: 40 },
  { key: 'verification', title: 'Verifikation', width: 40 },
] as const;
/** The columns whose text is the bank's (or the municipality's) and is hashed to detect changes: Kravnr. to Vægt. */
export const LOCKED_TEXT_COLUMNS = 8;
export const ANSWER_COLUMN = { fulfilled: 9, description: 10, attachment: 11 } as const;

const DARK = 'FF1F3864';
const GREY_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEDEDED' } };
const OPEN_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF2CC' } };
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: DARK } };
const WRAP: Partial<ExcelJS.Alignment> = { wrapText: true, vertical: 'top' };
const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin', color: { argb: 'FFA6A6A6' } },
  bottom: { style: 'thin', color: { argb: 'FFA6A6A6' } },
  left: { style: 'thin', color: { argb: 'FFA6A6A6' } },
  right: { style: 'thin', color: { argb: 'FFA6A6A6' } },
};

export interface XlsxRenderOptions {
  now?: () => Date;
  /** The snapshot's content fingerprint for this edition, when the caller has it already (it is computed otherwise). */
  fingerprint?: string;
}

/** A text as it goes into a cell: cleaned for XML and guarded against formulas. */
export const cellText = (text: string | null | undefined): string => spreadsheetText(cleanText(text ?? ''));

/** SHA-256 (hex) over the locked texts of a matrix row, as the cells hold them. */
export function rowTextHash(texts: readonly string[]): string {
  return createHash('sha256').update(JSON.stringify(texts), 'utf8').digest('hex');
}

/**
 * The kravmatrix: the specification as an Excel workbook a bidder fills in. One row per
 * requirement on a protected sheet (the requirement text locked, the answer cells open), the
 * guide and the evaluation model on a sheet of their own, and a very hidden control sheet that
 * lets a returned file be read back and checked. A final specification gives the same bytes on
 * every render: the workbook's dates and every zip entry carry its `finalizedAt`.
 */
export async function renderXlsxAnnex(
  snapshot: SpecificationSnapshot,
  edition: ExportEdition,
  options: XlsxRenderOptions = {},
): Promise<Buffer> {
  const date = documentDate(snapshot, options.now ?? (() => new Date()));
  const fingerprint = options.fingerprint ?? contentFingerprint(snapshot, edition);
  const workbook = new ExcelJS.Workbook();
  const spec = snapshot.specification;
  workbook.creator = spec.organisation.name;
  workbook.lastModifiedBy = 'Kravbank';
  workbook.created = date;
  workbook.modified = date;
  workbook.title = spec.title;
  workbook.subject = `Kravmatrix til ${spec.procurementName}`;
  workbook.company = spec.organisation.name;
  workbook.keywords = 'kravspecifikation; kravmatrix; udbudsbilag; kravbank';
  workbook.calcProperties.fullCalcOnLoad = false;
  const settings = withAnnexDefaults(snapshot);
  await writeGuideSheet(workbook.addWorksheet(GUIDE_SHEET), snapshot, edition, settings, fingerprint, date);
  const rows = await writeMatrixSheet(workbook.addWorksheet(MATRIX_SHEET), snapshot, edition);
  writeControlSheet(workbook.addWorksheet(CONTROL_SHEET, { state: 'veryHidden' }), snapshot, edition, fingerprint, rows);
  workbook.views = [{ x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, activeTab: 1, visibility: 'visible' }];
  const body = Buffer.from(
    await workbook.xlsx.writeBuffer({ zip: { compression: 'DEFLATE', compressionOptions: { level: 1 } } } as ExcelJS.XlsxWriteOptions),
  );
  setZipEntryDates(body, date);
  return body;
}

/** The titles of the columns whose texts are locked and hashed (Kravnr. to Vægt). */
export const LOCKED_TEXT_TITLES: readonly string[] = MATRIX_COLUMNS.slice(0, LOCKED_TEXT_COLUMNS).map((c) => c.title);

/**
 * The locked texts of every requirement row as the kravmatrix writes them, by item id: what a
 * returned file is compared with when its text hashes show a change.
 */
export function kravmatrixTexts(snapshot: SpecificationSnapshot): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const group of groupItems(snapshot.items))
    for (const section of group.sections)
      for (const item of section.items)
        out.set(item.id, matrixTexts(item, section.title ? `${group.title} – ${section.title}` : group.title));
  return out;
}

interface MatrixRow {
  row: number;
  item: SnapshotItem;
  textHash: string;
}

function matrixTexts(item: SnapshotItem, area: string): string[] {
  const refs = item.legalSources.map((s) => (s.section ? `${s.title}, ${s.section}` : s.title)).join('; ');
  return [
    keyLabel(item),
    area,
    item.title,
    item.statement,
    item.note ?? '',
    refs,
    item.obligation === 'minimum' ? 'MK' : 'EK',
    item.obligation === 'evaluated' && item.weight !== null ? formatNumber(item.weight) : '',
  ].map(cellText);
}

function styleHeader(sheet: ExcelJS.Worksheet, columns: ReadonlyArray<{ title: string; width: number }>): void {
  sheet.columns = columns.map((c) => ({ header: c.title, width: c.width }));
  const header = sheet.getRow(1);
  header.font = { bold: true, color: { argb: 'FFFFFFFF' } };
  header.alignment = WRAP;
  columns.forEach((_, i) => {
    const cell = header.getCell(i + 1);
    cell.fill = HEADER_FILL;
    cell.border = THIN;
  });
}

async function writeMatrixSheet(sheet: ExcelJS.Worksheet, snapshot: SpecificationSnapshot, edition: ExportEdition): Promise<MatrixRow[]> {
  const columns = edition === 'buyer' ? [...MATRIX_COLUMNS, ...BUYER_COLUMNS] : [...MATRIX_COLUMNS];
  styleHeader(sheet, columns);
  const rows: MatrixRow[] = [];
  for (const group of groupItems(snapshot.items))
    for (const section of group.sections)
      for (const item of section.items) {
        const area = section.title ? `${group.title} – ${section.title}` : group.title;
        rows.push(writeMatrixRow(sheet, rows.length + 2, item, area, edition));
      }
  mkDropDowns(sheet, rows);
  matrixPageSetup(sheet, snapshot, edition, columns.length, rows.length);
  await sheet.protect('', {
    selectLockedCells: true,
    selectUnlockedCells: true,
    formatColumns: true,
    formatRows: true,
    autoFilter: true,
    sort: false,
    insertRows: false,
    deleteRows: false,
  });
  return rows;
}

/**
 * The cell styles, one object each: exceljs recognises a style object it has seen before and
 * reuses its style id, which keeps a 5,000-row matrix fast and small.
 */
const STYLE = {
  text: { alignment: WRAP, border: THIN, protection: { locked: true } },
  key: { alignment: WRAP, border: THIN, protection: { locked: true }, font: { bold: true } },
  open: { alignment: WRAP, border: THIN, protection: { locked: false }, fill: OPEN_FILL },
  closed: {
    alignment: WRAP,
    border: THIN,
    protection: { locked: true },
    fill: GREY_FILL,
    font: { color: { argb: 'FF595959' }, italic: true },
  },
} satisfies Record<string, Partial<ExcelJS.Style>>;

const MK_VALIDATION: ExcelJS.DataValidation = {
  type: 'list',
  allowBlank: true,
  formulae: ['"Ja,Nej"'],
  showErrorMessage: true,
  errorStyle: 'stop',
  errorTitle: 'Opfyldt',
  error: 'Vælg Ja eller Nej.',
  showInputMessage: true,
  promptTitle: 'Mindstekrav',
  prompt: 'Bekræft med Ja. Nej betyder, at mindstekravet ikke er opfyldt, og at tilbuddet ikke er konditionsmæssigt.',
};

function writeMatrixRow(sheet: ExcelJS.Worksheet, r: number, item: SnapshotItem, area: string, edition: ExportEdition): MatrixRow {
  const texts = matrixTexts(item, area);
  const describe = answerModeOf(item) === 'describe';
  const evaluated = item.obligation === 'evaluated';
  const values: string[] = [...texts, evaluated ? 'Ikke relevant (EK)' : '', describe ? '' : 'Kun bekræftelse (MK)', describe ? '' : '–'];
  if (edition === 'buyer') values.push(cellText(item.rationale), cellText(item.guidance), cellText(item.verification));
  const row = sheet.getRow(r);
  row.values = values;
  const answerStyle = (open: boolean) => (open ? STYLE.open : STYLE.closed);
  for (let c = 1; c <= values.length; c++) {
    const cell = row.getCell(c);
    if (c === 1) cell.style = STYLE.key;
    else if (c === ANSWER_COLUMN.fulfilled) cell.style = answerStyle(!evaluated);
    else if (c === ANSWER_COLUMN.description || c === ANSWER_COLUMN.attachment) cell.style = answerStyle(describe);
    else cell.style = STYLE.text;
  }
  row.height = rowHeight(values, edition === 'buyer' ? [...MATRIX_COLUMNS, ...BUYER_COLUMNS] : MATRIX_COLUMNS, describe);
  return { row: r, item, textHash: rowTextHash(texts) };
}

/**
 * A row's height in points from its texts, so every line shows when the file opens: LibreOffice
 * does not fit row heights to wrapped text on load, and Excel not in every version. About 1.2
 * characters of Danish text go on a line per unit of column width; 15 points to the line. A row
 * with room for a description gets at least four lines.
 */
function rowHeight(values: readonly string[], columns: ReadonlyArray<{ width: number }>, describe: boolean): number {
  let lines = describe ? 4 : 1;
  values.forEach((v, i) => {
    const perLine = Math.max(1, Math.floor((columns[i]?.width ?? 10) * 1.2));
    const n = v.split('\n').reduce((sum, l) => sum + Math.max(1, Math.ceil(l.length / perLine)), 0);
    lines = Math.max(lines, n);
  });
  return Math.min(409, lines * 15 + 4);
}

/**
 * The Ja / Nej drop-down on the MK rows, one validation per run of consecutive MK rows. Given as
 * ranges, because exceljs's own merging of per-cell validations writes overlapping ranges.
 */
/** The sheet's data validations, which exceljs has but does not declare in its types. */
const validations = (sheet: ExcelJS.Worksheet) =>
  (sheet as unknown as { dataValidations: { add(address: string, validation: ExcelJS.DataValidation): void } }).dataValidations;

function mkDropDowns(sheet: ExcelJS.Worksheet, rows: MatrixRow[]): void {
  const column = sheet.getColumn(ANSWER_COLUMN.fulfilled).letter;
  const mk = rows.filter((r) => r.item.obligation === 'minimum').map((r) => r.row);
  for (let i = 0; i < mk.length;) {
    let j = i;
    while (j + 1 < mk.length && mk[j + 1] === mk[j] + 1) j++;
    const range = i === j ? `${column}${mk[i]}` : `${column}${mk[i]}:${column}${mk[j]}`;
    validations(sheet).add(range, MK_VALIDATION);
    i = j + 1;
  }
}

function matrixPageSetup(
  sheet: ExcelJS.Worksheet,
  snapshot: SpecificationSnapshot,
  edition: ExportEdition,
  columns: number,
  rows: number,
): void {
  const spec = snapshot.specification;
  sheet.views = [{ state: 'frozen', xSplit: 1, ySplit: 1, topLeftCell: 'B2', activeCell: 'B2' }];
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, rows + 1), column: columns } };
  sheet.pageSetup = {
    paperSize: 9,
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    printTitlesRow: '1:1',
    margins: { left: 0.5, right: 0.5, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 },
  };
  const marks = [spec.status === 'final' ? '' : 'UDKAST', edition === 'buyer' ? BUYER_EDITION_WARNING : ''].filter(Boolean).join(' – ');
  const escape = (s: string) => cleanText(s).replace(/&/g, '&&');
  sheet.headerFooter = {
    oddHeader: `&L${escape(spec.title)}${marks ? `&C&"-,Bold"${escape(marks)}` : ''}&RRevision ${spec.revision}`,
    oddFooter: '&CSide &P af &N',
  };
}

/** The very hidden control sheet: the specification's ids and fingerprint, and each row's key, version and hashes. */
function writeControlSheet(
  sheet: ExcelJS.Worksheet,
  snapshot: SpecificationSnapshot,
  edition: ExportEdition,
  fingerprint: string,
  rows: MatrixRow[],
): void {
  const spec = snapshot.specification;
  sheet.addRows([
    ['Layout', KRAVMATRIX_LAYOUT],
    ['Specifikation', spec.id],
    ['Revision', spec.revision],
    ['Fingeraftryk', fingerprint],
    ['Udgave', edition],
    ['Status', spec.status],
    [],
    ['Række', 'Id', 'Kravnr.', 'Version', 'Indholdshash', 'Teksthash'],
    ...rows.map(({ row, item, textHash }) => [row, item.id, item.key, item.version ?? '', item.contentHash ?? '', textHash]),
  ]);
}
