import ExcelJS from 'exceljs';
import { ANSWER_COLUMN, CONTROL_SHEET, KRAVMATRIX_LAYOUT, LOCKED_TEXT_COLUMNS, MATRIX_SHEET, rowTextHash } from './xlsx-annex.js';

/** One requirement row of a returned kravmatrix: what the hidden sheet recorded and what the bidder answered. */
export interface KravmatrixRow {
  row: number;
  itemId: string;
  key: string;
  version: number | null;
  /** The pinned version's content hash as exported; null for a local requirement. */
  contentHash: string | null;
  /** SHA-256 over the row's locked texts as exported, and as the returned file holds them. */
  textHash: string;
  currentTextHash: string;
  /** True when the requirement text in the returned file differs from what was exported. */
  textChanged: boolean;
  /** The row's locked texts (Kravnr. to Vægt) as the returned file holds them. */
  texts: string[];
  answer: { fulfilled: 'Ja' | 'Nej' | null; description: string | null; attachment: string | null; invalidFulfilled: string | null };
  /**
   * The answer cells' text whatever their protection says: an office program that saves the file
   * again may drop or rewrite the cells' protection, so a reader that knows the requirement's
   * answer mode decides from that.
   */
  answerTexts: { fulfilled: string | null; description: string | null; attachment: string | null };
}

export interface Kravmatrix {
  layout: string;
  specificationId: string;
  revision: number;
  fingerprint: string;
  edition: string;
  status: string;
  rows: KravmatrixRow[];
  /** Rows of the matrix sheet with content that the control sheet does not list (rows a bidder added). */
  extraRows: Array<{ row: number; texts: string[] }>;
  /** Cells that hold a formula or a hyperlink, on any sheet: never evaluated or followed, only reported. */
  activeCells: ActiveCell[];
}

/** A cell with a formula or a hyperlink, as found in a returned workbook. */
export interface ActiveCell {
  sheet: string;
  /** A1 address, e.g. J12. */
  cell: string;
  kind: 'formula' | 'hyperlink';
  /** The formula as written, or the link's target. */
  text: string;
}

/** Every formula and hyperlink cell of the workbook: exceljs reads them as values and never evaluates them. */
function activeCellsOf(workbook: ExcelJS.Workbook): ActiveCell[] {
  const found: ActiveCell[] = [];
  workbook.eachSheet((sheet) =>
    sheet.eachRow({ includeEmpty: false }, (row) =>
      row.eachCell({ includeEmpty: false }, (cell) => {
        const v = cell.value as unknown as Record<string, unknown> | null;
        if (v && typeof v === 'object' && ('formula' in v || 'sharedFormula' in v))
          found.push({ sheet: sheet.name, cell: cell.address, kind: 'formula', text: String(v.formula ?? v.sharedFormula) });
        else if (v && typeof v === 'object' && 'hyperlink' in v)
          found.push({ sheet: sheet.name, cell: cell.address, kind: 'hyperlink', text: String(v.hyperlink) });
      }),
    ),
  );
  return found;
}

/** Matrix rows below the header that the control sheet does not list and that hold any text. */
function extraRowsOf(matrix: ExcelJS.Worksheet, listed: Set<number>): Kravmatrix['extraRows'] {
  const extra: Kravmatrix['extraRows'] = [];
  matrix.eachRow({ includeEmpty: false }, (row, r) => {
    if (r === 1 || listed.has(r)) return;
    const texts = Array.from({ length: LOCKED_TEXT_COLUMNS + 3 }, (_, i) => text(row.getCell(i + 1)) ?? '');
    if (texts.some((t) => t.trim())) extra.push({ row: r, texts });
  });
  return extra;
}

/** A cell's value as text: rich text joined, numbers as written, empty as null. */
function text(cell: ExcelJS.Cell): string | null {
  const v = cell.value;
  if (v === null || v === undefined) return null;
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((r) => r.text).join('');
  if (typeof v === 'object' && 'text' in v) return String(v.text);
  if (typeof v === 'object' && 'result' in v) return v.result === undefined ? null : String(v.result);
  const s = String(v);
  return s === '' ? null : s;
}

function answerOf(row: ExcelJS.Row): KravmatrixRow['answer'] {
  const fulfilled = text(row.getCell(ANSWER_COLUMN.fulfilled))?.trim() ?? null;
  const locked = (cell: ExcelJS.Cell) => cell.protection?.locked !== false;
  const open = (c: number) => (locked(row.getCell(c)) ? null : text(row.getCell(c)));
  const valid = fulfilled === 'Ja' || fulfilled === 'Nej';
  return {
    fulfilled: locked(row.getCell(ANSWER_COLUMN.fulfilled)) || !valid ? null : fulfilled,
    invalidFulfilled: !locked(row.getCell(ANSWER_COLUMN.fulfilled)) && fulfilled && !valid ? fulfilled : null,
    description: open(ANSWER_COLUMN.description),
    attachment: open(ANSWER_COLUMN.attachment),
  };
}

/**
 * Reads a kravmatrix returned by a bidder: the hidden control sheet's ids, fingerprint and
 * per-row hashes, and the answers; each row's locked texts are hashed again, so a changed
 * requirement text shows as `textChanged`. Throws on a workbook that is not a kravmatrix.
 */
export async function readKravmatrix(buffer: Buffer): Promise<Kravmatrix> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  const control = workbook.getWorksheet(CONTROL_SHEET);
  const matrix = workbook.getWorksheet(MATRIX_SHEET);
  if (!control || !matrix) throw new Error('Not a kravmatrix: the Kontrol or Kravmatrix sheet is missing.');
  const meta = (r: number) => text(control.getRow(r).getCell(2)) ?? '';
  if (meta(1) !== KRAVMATRIX_LAYOUT) throw new Error(`Not a kravmatrix this version reads (layout '${meta(1)}').`);
  const rows: KravmatrixRow[] = [];
  for (let r = 9; r <= control.rowCount; r++) {
    const c = control.getRow(r);
    const row = Number(text(c.getCell(1)));
    if (!row) continue;
    const sheetRow = matrix.getRow(row);
    const texts = Array.from({ length: LOCKED_TEXT_COLUMNS }, (_, i) => text(sheetRow.getCell(i + 1)) ?? '');
    const textHash = text(c.getCell(6)) ?? '';
    const currentTextHash = rowTextHash(texts);
    const version = text(c.getCell(4));
    rows.push({
      row,
      itemId: text(c.getCell(2)) ?? '',
      key: text(c.getCell(3)) ?? '',
      version: version ? Number(version) : null,
      contentHash: text(c.getCell(5)),
      textHash,
      currentTextHash,
      textChanged: textHash !== currentTextHash,
      texts,
      answer: answerOf(sheetRow),
      answerTexts: {
        fulfilled: text(sheetRow.getCell(ANSWER_COLUMN.fulfilled)),
        description: text(sheetRow.getCell(ANSWER_COLUMN.description)),
        attachment: text(sheetRow.getCell(ANSWER_COLUMN.attachment)),
      },
    });
  }
  return {
    layout: meta(1),
    specificationId: meta(2),
    revision: Number(meta(3)),
    fingerprint: meta(4),
    edition: meta(5),
    status: meta(6),
    rows,
    extraRows: extraRowsOf(matrix, new Set(rows.map((r) => r.row))),
    activeCells: activeCellsOf(workbook),
  };
}
