/**
 * Text for a cell of any tabular format the service writes (CSV now, XLSX later): one function,
 * so every format makes formulas inert the same way.
 */

// Characters a person does not see at the start of a cell: white space other than tab and line
// breaks, and the format characters (zero-width spaces and joiners, bidi marks, the BOM).
const INVISIBLE = /^[\p{Zs}\p{Cf}]*/u;
const FORMULA_START = new Set(['=', '+', '-', '@']);
// Control characters a cell never keeps: C0 except tab and LF, DEL and C1 (CR is unified to LF first).
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/**
 * True when a spreadsheet could take the text for a formula: its first visible character is
 * = + - or @ (also in their full-width forms), or a tab or line break comes before anything
 * visible.
 */
export function looksLikeFormula(text: string): boolean {
  const lead = INVISIBLE.exec(text)![0].length;
  const first = text[lead];
  if (first === undefined) return false;
  return first === '\t' || first === '\r' || first === '\n' || FORMULA_START.has(first.normalize('NFKC'));
}

/** A leading apostrophe, which the spreadsheet shows as text, when the text could be a formula. */
export function guardFormula(text: string): string {
  return looksLikeFormula(text) ? `'${text}` : text;
}

/**
 * A text cell's content: NFC-normalised, line ends unified to LF (as Excel writes them), control
 * characters other than tab and LF removed, and only then the formula guard, so that no control
 * character in front can hide a formula (`"\u0001=HYPERLINK(…)"` becomes `'=HYPERLINK(…)`).
 */
export function spreadsheetText(text: string | null | undefined): string {
  if (!text) return '';
  return guardFormula(text.normalize('NFC').replace(/\r\n?/g, '\n').replace(CONTROL, ''));
}
