import ExcelJS from 'exceljs';
import JSZip from 'jszip';

/*
 * A bidder filling in the returned annex, as the benchmark and the tests do it: the kravmatrix
 * with exceljs, the Word annex by editing its table XML.
 */

/** How a bidder fills in the annex: the answer per key ("SIK-001"), Ja by default, and text changes. */
export interface Filling {
  /** MK keys answered Nej. */
  no?: string[];
  /** MK keys left blank. */
  blank?: string[];
  /** Replace text in a requirement's statement: key → [from, to]. */
  change?: Record<string, [string, string]>;
  description?: (key: string) => string;
}

const describe = (f: Filling, key: string) => (f.description ? f.description(key) : `Vi opfylder ${key} som beskrevet i bilag 7.`);

/** Fills a kravmatrix as a bidder would in Excel: Ja / Nej, descriptions and attachment references in the open cells. */
export async function fillXlsx(body: Buffer, f: Filling): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  const sheet = wb.getWorksheet('Kravmatrix')!;
  sheet.eachRow((row, r) => {
    if (r === 1) return;
    const label = String(row.getCell(1).value ?? '');
    const key = label.split(' ')[0];
    const open = (c: number) => row.getCell(c).protection?.locked === false;
    if (open(9)) row.getCell(9).value = f.blank?.includes(key) ? null : f.no?.includes(key) ? 'Nej' : 'Ja';
    if (open(10)) row.getCell(10).value = describe(f, key);
    if (open(11)) row.getCell(11).value = 'Bilag 7, afsnit 2';
    const change = f.change?.[key];
    if (change) row.getCell(4).value = String(row.getCell(4).value).replace(change[0], change[1]);
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const xmlText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Writes text into the first (empty) paragraph of a table cell's XML. */
function writeIntoCell(cell: string, text: string): string {
  if (/<w:t[ >]/.test(cell)) return cell;
  return cell.replace(/<\/w:p>/, `<w:r><w:t xml:space="preserve">${xmlText(text)}</w:t></w:r></w:p>`);
}

/** Fills the Word annex by editing its table XML, as a bidder's word processor would: ☒ Ja / ☒ Nej, descriptions, changed text. */
export async function fillDocx(body: Buffer, f: Filling): Promise<Buffer> {
  const zip = await JSZip.loadAsync(body);
  const xml = await zip.file('word/document.xml')!.async('string');
  const filled = xml.replace(/<w:tr\b[^>]*>[\s\S]*?<\/w:tr>/g, (row) => {
    const cells = row.match(/<w:tc>[\s\S]*?<\/w:tc>/g);
    if (!cells || cells.length !== 6) return row;
    const first = /<w:t(?: [^>]*)?>([^<]*)<\/w:t>/.exec(cells[0])?.[1] ?? '';
    if (!/^[A-Z]{3}-\d+/.test(first)) return row;
    const key = first.split(' ')[0];
    const out = [...cells];
    if (cells[3].includes('☐ Ja') && !f.blank?.includes(key))
      out[3] = f.no?.includes(key) ? cells[3].replace('☐ Nej', '☒ Nej') : cells[3].replace('☐ Ja', '☒ Ja');
    out[4] = writeIntoCell(cells[4], describe(f, key));
    out[5] = writeIntoCell(cells[5], 'Bilag 7, afsnit 2');
    const change = f.change?.[key];
    if (change) out[1] = cells[1].replace(change[0], xmlText(change[1]));
    let result = row;
    cells.forEach((c, i) => (result = result.replace(c, out[i])));
    return result;
  });
  zip.file('word/document.xml', filled);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}
