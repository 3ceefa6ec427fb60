import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { setTimeout as sleep } from 'node:timers/promises';
import { answerModeOf } from './annex-defaults.js';
import { orderedItems } from './annex-model.js';
import { DocumentAnnexRenderer } from './annex-renderer.js';
import { contentFingerprint } from './fingerprint.js';
import { keyLabel } from './labels.js';
import { makeSnapshot } from '../../../test/fixtures/export/snapshot.fixture.js';
import { ANSWER_COLUMN, CONTROL_SHEET, GUIDE_SHEET, MATRIX_SHEET, XLSX_CONTENT_TYPE, renderXlsxAnnex } from './xlsx-annex.js';
import { spreadsheetText } from './spreadsheet-text.js';
import { readKravmatrix } from './xlsx-reader.js';

const load = async (bytes: Buffer) => {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbook;
};

describe('XLSX kravmatrix', () => {
  const snapshot = makeSnapshot();
  const items = orderedItems(snapshot.items);
  let bytes: Buffer;
  let zip: JSZip;
  let sheetXml: string;
  let workbook: ExcelJS.Workbook;

  beforeAll(async () => {
    bytes = await renderXlsxAnnex(snapshot, 'tender');
    zip = await JSZip.loadAsync(bytes);
    sheetXml = await zip.file('xl/worksheets/sheet2.xml')!.async('string');
    workbook = await load(bytes);
  });

  it('has the guide, the matrix and a very hidden control sheet', async () => {
    const xml = await zip.file('xl/workbook.xml')!.async('string');
    expect([...xml.matchAll(/<sheet [^>]*name="([^"]+)" state="(\w+)"/g)].map((m) => [m[1], m[2]])).toEqual([
      [GUIDE_SHEET, 'visible'],
      [MATRIX_SHEET, 'visible'],
      [CONTROL_SHEET, 'veryHidden'],
    ]);
    expect(xml).toContain(`<definedName name="_xlnm.Print_Titles" localSheetId="1">&apos;${MATRIX_SHEET}&apos;!$1:$1</definedName>`);
  });

  it('writes one row per requirement in document order, the bank text locked and the answer cells open by obligation', () => {
    const sheet = workbook.getWorksheet(MATRIX_SHEET)!;
    expect(sheet.getRow(1).values).toEqual([
      undefined,
      'Kravnr.',
      'Område',
      'Titel',
      'Kravtekst',
      'Kommunens bemærkning',
      'Retskilder',
      'Type',
      'Vægt',
      'Opfyldt (Ja/Nej)',
      'Tilbudsgivers beskrivelse',
      'Bilagshenvisning',
    ]);
    expect(sheet.rowCount).toBe(items.length + 1);
    items.forEach((item, i) => {
      const row = sheet.getRow(i + 2);
      expect(row.getCell(1).value).toBe(keyLabel(item));
      expect(row.getCell(4).value).toBe(item.statement);
      for (let c = 1; c <= 8; c++) expect(row.getCell(c).protection?.locked).not.toBe(false);
      const open = (c: number) => row.getCell(c).protection?.locked === false;
      const describe = answerModeOf(item) === 'describe';
      if (item.obligation === 'minimum') {
        expect(row.getCell(7).value).toBe('MK');
        expect(open(ANSWER_COLUMN.fulfilled)).toBe(true);
        expect([open(ANSWER_COLUMN.description), open(ANSWER_COLUMN.attachment)]).toEqual([describe, describe]);
      } else {
        expect(row.getCell(7).value).toBe('EK');
        expect(open(ANSWER_COLUMN.fulfilled)).toBe(false);
        expect([open(ANSWER_COLUMN.description), open(ANSWER_COLUMN.attachment)]).toEqual([true, true]);
      }
      expect(row.getCell(8).value ?? '').toBe(item.obligation === 'evaluated' && item.weight !== null ? String(item.weight) : '');
    });
    // MK rows carry no "Delvist".
    expect(sheetXml + JSON.stringify(sheet.getSheetValues())).not.toMatch(/Delvist/);
  });

  it('offers a Ja/Nej drop-down on exactly the MK rows', () => {
    const ranges = [
      ...sheetXml.matchAll(/<dataValidation type="list"[^>]*sqref="([^"]+)"[^>]*>\s*<formula1>&quot;Ja,Nej&quot;<\/formula1>/g),
    ].map((m) => m[1]);
    const covered = new Set<number>();
    for (const range of ranges) {
      const [from, to = from] = range.split(':').map((a) => Number(a.slice(1)));
      expect(range.startsWith('I')).toBe(true);
      for (let r = from; r <= to; r++) {
        expect(covered.has(r)).toBe(false); // no overlapping ranges
        covered.add(r);
      }
    }
    const mkRows = items.flatMap((item, i) => (item.obligation === 'minimum' ? [i + 2] : []));
    expect([...covered].sort((a, b) => a - b)).toEqual(mkRows);
  });

  it('protects the sheets, freezes the header and sets widths, wrapping and a landscape print fitted to width', async () => {
    expect(sheetXml).toMatch(/<sheetProtection sheet="1"[^>]*\/>/);
    expect(await zip.file('xl/worksheets/sheet1.xml')!.async('string')).toMatch(/<sheetProtection sheet="1"/);
    expect(sheetXml).toContain('<pane xSplit="1" ySplit="1" topLeftCell="B2" activePane="bottomRight" state="frozen"/>');
    expect(sheetXml).toContain('<col min="4" max="4" width="60" customWidth="1"/>');
    expect(sheetXml).toMatch(/<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/);
    expect(sheetXml).toContain('<pageSetUpPr fitToPage="1"/>');
    const styles = await zip.file('xl/styles.xml')!.async('string');
    expect(styles).toContain('<alignment vertical="top" wrapText="1"/>');
    expect(styles).toContain('<protection locked="0"/>');
  });

  it('prints the evaluation model, the weight sum and the marked instruction on the guide sheet', () => {
    const text = JSON.stringify(workbook.getWorksheet(GUIDE_SHEET)!.getSheetValues());
    expect(text).toContain('Instruktion til tilbudsgiver – fjernes ved kontraktindgåelse');
    expect(text).toContain('Evalueringsmodel');
    expect(text).toContain('underkriteriet »Kvalitet«');
    expect(text).toContain('0–10 point.');
    expect(text).toContain('45 (4 evalueringskrav, heraf 1 uden vægt).');
    expect(text).toContain('Et »Nej« betyder');
    expect(text).toContain('Bilag 3: Kravspecifikation – kravmatrix');
  });

  it('records ids, fingerprint and each row’s key, version and content hash on the hidden sheet, and reads them back', async () => {
    const read = await readKravmatrix(bytes);
    expect(read).toMatchObject({
      specificationId: snapshot.specification.id,
      revision: 3,
      fingerprint: contentFingerprint(snapshot, 'tender'),
      edition: 'tender',
      status: 'final',
    });
    expect(read.rows.map((r) => [r.itemId, r.key, r.version, r.contentHash])).toEqual(
      items.map((i) => [i.id, i.key, i.version, i.contentHash]),
    );
    expect(read.rows.every((r) => !r.textChanged)).toBe(true);
  });

  it('reads a bidder’s answers and detects a changed requirement text', async () => {
    const returned = await load(bytes);
    const sheet = returned.getWorksheet(MATRIX_SHEET)!;
    const mkRow = items.findIndex((i) => i.obligation === 'minimum') + 2;
    const ekRow = items.findIndex((i) => i.obligation === 'evaluated') + 2;
    sheet.getRow(mkRow).getCell(ANSWER_COLUMN.fulfilled).value = 'Ja';
    sheet.getRow(ekRow).getCell(ANSWER_COLUMN.description).value = 'Vi genbruger kommunens adgang til Serviceplatformen.';
    sheet.getRow(ekRow).getCell(ANSWER_COLUMN.attachment).value = 'Bilag 4, s. 12';
    sheet.getRow(ekRow).getCell(4).value = 'Leverandøren kan, hvis det passer, genbruge støttesystemerne.';
    const read = await readKravmatrix(Buffer.from(await returned.xlsx.writeBuffer()));
    expect(read.rows[mkRow - 2].answer).toMatchObject({ fulfilled: 'Ja' });
    expect(read.rows[ekRow - 2].answer).toMatchObject({
      fulfilled: null,
      description: 'Vi genbruger kommunens adgang til Serviceplatformen.',
      attachment: 'Bilag 4, s. 12',
    });
    expect(read.rows.filter((r) => r.textChanged).map((r) => r.row)).toEqual([ekRow]);
  });

  it('neutralises formulas in every text cell', async () => {
    expect(spreadsheetText('=HYPERLINK("http://x")')).toBe('\'=HYPERLINK("http://x")');
    expect(spreadsheetText('-1+2')).toBe("'-1+2");
    expect(spreadsheetText('Leverandøren skal')).toBe('Leverandøren skal');
    const s = makeSnapshot();
    s.items[0].title = '=1+2';
    s.items[0].note = '@SUM(A1)';
    s.specification.title = '+Titel';
    const x = await JSZip.loadAsync(await renderXlsxAnnex(s, 'tender'));
    const shared = await x.file('xl/sharedStrings.xml')!.async('string');
    expect(shared).toContain('<t>&apos;=1+2</t>');
    expect(shared).toContain('<t>&apos;@SUM(A1)</t>');
    expect(shared).toContain('&apos;+Titel');
    for (const name of Object.keys(x.files).filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n)))
      expect(await x.file(name)!.async('string')).not.toContain('<f>');
  });

  it('adds rationale, guidance and verification in the buyer edition only', async () => {
    const buyer = await load(await renderXlsxAnnex(snapshot, 'buyer'));
    const header = buyer.getWorksheet(MATRIX_SHEET)!.getRow(1).values as unknown[];
    expect(header.slice(-3)).toEqual(['Begrundelse', 'Vejledning', 'Verifikation']);
    expect(JSON.stringify(workbook.getWorksheet(MATRIX_SHEET)!.getSheetValues())).not.toContain(items[0].rationale);
  });

  it('marks a draft UDKAST in the page header and on the guide', async () => {
    const draft = makeSnapshot({ status: 'draft' });
    const x = await JSZip.loadAsync(await renderXlsxAnnex(draft, 'tender', { now: () => new Date('2026-12-24T10:00:00Z') }));
    expect(await x.file('xl/worksheets/sheet2.xml')!.async('string')).toMatch(/<oddHeader>[^<]*UDKAST[^<]*<\/oddHeader>/);
    expect(await x.file('xl/sharedStrings.xml')!.async('string')).toContain('UDKAST – kravspecifikationen er ikke endelig');
    expect(sheetXml).not.toContain('UDKAST');
  });

  it('renders a final specification to the same bytes at different times, dated finalizedAt', async () => {
    await sleep(1100);
    const again = await renderXlsxAnnex(makeSnapshot(), 'tender');
    expect(again.equals(bytes)).toBe(true);
    const core = await zip.file('docProps/core.xml')!.async('string');
    expect(core).toContain('2026-11-20T13:45:00Z');
    for (const entry of Object.values(zip.files)) expect(entry.date.toISOString()).toBe('2026-11-20T13:45:00.000Z');
  });

  it('is served as format=xlsx by the renderer', async () => {
    const rendered = await new DocumentAnnexRenderer().render(snapshot, 'xlsx', 'tender');
    expect(rendered.contentType).toBe(XLSX_CONTENT_TYPE);
    expect(rendered.fileName).toMatch(/-rev3-tender\.xlsx$/);
    expect(rendered.body.equals(bytes)).toBe(true);
  });
});
