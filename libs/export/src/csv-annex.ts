import { groupItems } from './annex-model.js';
import type { ExportEdition, SpecificationSnapshot } from './snapshot.js';
import { spreadsheetText } from './spreadsheet-text.js';

export { guardFormula } from './spreadsheet-text.js';

export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8';

const BOM = '\ufeff';
const SEPARATOR = ';';
const LINE_END = '\r\n';

export const CSV_COLUMNS = [
  'Kravnr.',
  'Version',
  'Kategori',
  'Afsnit',
  'Titel',
  'Kravtekst',
  'Type',
  'Vægt',
  'Kommunens bemærkning',
  'Opfyldelsesgrad',
  'Leverandørens besvarelse',
] as const;
/** Only in the buyer edition. */
export const CSV_BUYER_COLUMNS = ['Begrundelse', 'Vejledning', 'Verifikation'] as const;

/** RFC 4180 quoting with `;` as the separator: a cell with a quote, separator or line break is quoted, quotes doubled. */
export function quoteCell(text: string): string {
  return /[";\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A text cell: the shared spreadsheet text rules (spreadsheet-text.ts), then quoted where it needs to be. */
function textCell(text: string | null | undefined): string {
  return quoteCell(spreadsheetText(text));
}
const numberCell = (n: number | null) => (n === null ? '' : String(n).replace('.', ','));

/**
 * The specification as a spreadsheet for Excel users: UTF-8 with a byte order mark (so Excel
 * reads æ, ø, å), `;` as separator (the Danish list separator), CRLF between records, one row per
 * requirement in document order, headers in Danish. The bidder's two columns are empty.
 */
export function renderCsvAnnex(snapshot: SpecificationSnapshot, edition: ExportEdition): Buffer {
  const header = edition === 'buyer' ? [...CSV_COLUMNS, ...CSV_BUYER_COLUMNS] : [...CSV_COLUMNS];
  const records: string[] = [header.map((h) => quoteCell(h)).join(SEPARATOR)];
  for (const group of groupItems(snapshot.items)) {
    for (const section of group.sections) {
      for (const item of section.items) {
        const cells = [
          textCell(item.key),
          numberCell(item.version),
          textCell(group.title),
          textCell(section.title),
          textCell(item.title),
          textCell(item.statement),
          textCell(item.obligation === 'minimum' ? 'MK' : 'EK'),
          numberCell(item.obligation === 'evaluated' ? item.weight : null),
          textCell(item.note),
          '',
          '',
        ];
        if (edition === 'buyer') cells.push(textCell(item.rationale), textCell(item.guidance), textCell(item.verification));
        records.push(cells.join(SEPARATOR));
      }
    }
  }
  return Buffer.from(BOM + records.join(LINE_END) + LINE_END, 'utf8');
}
