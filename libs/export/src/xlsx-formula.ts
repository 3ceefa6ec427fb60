/**
 * A text cell made safe for a spreadsheet: a text that starts with = + - @, a tab or a line break
 * could be taken as a formula when a cell is edited or the sheet is saved as CSV, so it gets a
 * leading apostrophe. The XLSX kravmatrix runs every text cell through this. (The CSV export has
 * the same rule in `guardFormula`; the two are meant to become one shared function.)
 */
export function neutralizeFormula(text: string): string {
  return /^[=+\-@\t\r\n]/.test(text) ? `'${text}` : text;
}
