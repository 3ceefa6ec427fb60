import { guardFormula, looksLikeFormula, spreadsheetText } from './spreadsheet-text.js';

const FORMULA_STARTS = ['=', '+', '-', '@'];

describe('spreadsheet text', () => {
  it('makes a formula inert whatever control characters, spaces or format characters precede it', () => {
    const hiding = ['', '\u0001', '\u0008', '\u0000\u001f', '\u007f', '\u0085', ' ', '\u00a0', '\u200b', '\ufeff', '\u202e', ' \u0002 '];
    for (const prefix of hiding) {
      for (const start of FORMULA_STARTS) {
        const cell = spreadsheetText(`${prefix}${start}HYPERLINK("http://ond.example")`);
        expect(cell.startsWith("'")).toBe(true);
        expect(cell).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
      }
    }
  });

  it('treats a leading tab or line break, and full-width formula signs, as a formula start', () => {
    expect(['\tx', '\rx', '\nx', ' \tx', '\r\n=1', '＝1+1', '＠SUM(A1)', '﹢1'].map(spreadsheetText)).toEqual([
      "'\tx",
      "'\nx",
      "'\nx",
      "' \tx",
      "'\n=1",
      "'＝1+1",
      "'＠SUM(A1)",
      "'﹢1",
    ]);
  });

  it('leaves ordinary text alone, keeps tabs and line breaks inside it and NFC-normalises it', () => {
    expect(spreadsheetText('Leverandøren skal\r\nlogge = alt')).toBe('Leverandøren skal\nlogge = alt');
    expect(spreadsheetText('a\tb')).toBe('a\tb');
    expect(spreadsheetText('Løsningen\u0007 skal')).toBe('Løsningen skal');
    expect(spreadsheetText('Kommune A\u030a')).toBe('Kommune Å');
    expect(spreadsheetText(null)).toBe('');
    expect(spreadsheetText('   ')).toBe('   ');
    expect(looksLikeFormula('')).toBe(false);
    expect(guardFormula('almindelig')).toBe('almindelig');
  });
});
