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
  answer: { fulfilled: 'Ja' | 'Nej' | null; description: string | null; attachment: string | null; invalidFulfilled: string | null };
}

export interface Kravmatrix {
  layout: string;
  specificationId: string;
  revision: number;
  fingerprint: string;
  edition: string;
  status: string;
  rows: KravmatrixRow[];
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
      answer: answerOf(sheetRow),
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
  };
}
