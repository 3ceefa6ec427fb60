import { SaxesParser } from 'saxes';

/** One row of a requirement table in the Word annex: each cell's text, paragraphs joined by line breaks. */
export interface DocxTableRow {
  /** The row's place among all requirement rows of the document, from 0. */
  index: number;
  cells: string[];
}

export interface DocxAnnex {
  /** The custom document properties (Kravbank.SpecifikationId, Kravbank.Fingeraftryk, …). */
  properties: Map<string, string>;
  /** The rows of the requirement tables (tables whose header starts with "Kravnr."), header rows left out. */
  rows: DocxTableRow[];
  /** Field instructions (HYPERLINK, INCLUDETEXT, DDE, …) as written: never run, only checked and reported. */
  fields: string[];
}

/** The first header cell of a requirement table, as the annex writes it. */
export const REQUIREMENT_TABLE_HEADER = 'Kravnr.';

/** Reads the custom properties part (docProps/custom.xml). */
export function customProperties(xml: string): Map<string, string> {
  const out = new Map<string, string>();
  const parser = new SaxesParser({ xmlns: false });
  let name: string | null = null;
  let value = '';
  parser.on('opentag', (tag) => {
    if (tag.name === 'property') {
      name = String(tag.attributes.name ?? '');
      value = '';
    }
  });
  parser.on('text', (t) => {
    if (name !== null) value += t;
  });
  parser.on('closetag', (tag) => {
    if (tag.name === 'property' && name !== null) {
      out.set(name, value.trim());
      name = null;
    }
  });
  parser.write(xml).close();
  return out;
}

interface TableState {
  rows: string[][];
  row: string[] | null;
  cell: string[] | null;
  paragraph: string | null;
}

/** The SAX handlers of `readDocumentTables`: one table state per open table, the outermost first. */
class TableCollector {
  readonly tables: string[][][] = [];
  readonly fields: string[] = [];
  private readonly stack: TableState[] = [];
  private inText = false;
  private inInstr = false;
  private instr = '';

  /** The outermost table, while only it is open (nested tables are skipped). */
  private get outer(): TableState | undefined {
    return this.stack.length === 1 ? this.stack[0] : undefined;
  }

  private append(text: string): void {
    const t = this.outer;
    if (t && t.paragraph !== null) t.paragraph += text;
  }

  open(name: string, attributes: Record<string, unknown>): void {
    const t = this.outer;
    if (name === 'w:tbl') this.stack.push({ rows: [], row: null, cell: null, paragraph: null });
    else if (name === 'w:tr' && t) t.row = [];
    else if (name === 'w:tc' && t) t.cell = [];
    else if (name === 'w:p' && t?.cell) t.paragraph = '';
    else if (name === 'w:t') this.inText = true;
    else if (name === 'w:tab') this.append('\t');
    else if (name === 'w:br' || name === 'w:cr') this.append('\n');
    else if (name === 'w:instrText') this.inInstr = true;
    else if (name === 'w:fldSimple') this.fields.push(String(attributes['w:instr'] ?? '').trim());
  }

  text(text: string): void {
    if (this.inText) this.append(text);
    if (this.inInstr) this.instr += text;
  }

  close(name: string): void {
    const t = this.outer;
    if (name === 'w:t') this.inText = false;
    else if (name === 'w:instrText') {
      this.inInstr = false;
      this.fields.push(this.instr.trim());
      this.instr = '';
    } else if (name === 'w:p' && t?.cell && t.paragraph !== null) {
      t.cell.push(t.paragraph);
      t.paragraph = null;
    } else if (name === 'w:tc' && t) {
      if (t.row && t.cell) t.row.push(t.cell.join('\n'));
      t.cell = null;
    } else if (name === 'w:tr' && t) {
      if (t.row) t.rows.push(t.row);
      t.row = null;
    } else if (name === 'w:tbl') {
      if (t) this.tables.push(t.rows);
      this.stack.pop();
    }
  }
}

/**
 * Reads word/document.xml as a stream of tags (SAX): the text of each cell of each top-level
 * table, and every field instruction. Deleted text (tracked changes, w:delText) is left out;
 * inserted text counts. Tables nested in a cell are skipped.
 */
export function readDocumentTables(xml: string): { tables: string[][][]; fields: string[] } {
  const collector = new TableCollector();
  const parser = new SaxesParser({ xmlns: false });
  parser.on('opentag', (tag) => collector.open(tag.name, tag.attributes));
  parser.on('text', (text) => collector.text(text));
  parser.on('closetag', (tag) => collector.close(tag.name));
  parser.write(xml).close();
  return { tables: collector.tables, fields: collector.fields };
}

/** The requirement rows of the annex, with its properties and fields. */
export function readDocxAnnex(documentXml: string, customXml: string | undefined): DocxAnnex {
  const { tables, fields } = readDocumentTables(documentXml);
  const rows: DocxTableRow[] = [];
  for (const table of tables) {
    if (table[0]?.[0]?.trim() !== REQUIREMENT_TABLE_HEADER) continue;
    for (const cells of table.slice(1)) {
      if (cells[0]?.trim() === REQUIREMENT_TABLE_HEADER) continue;
      // A one-cell row under a requirement is the buyer edition's notes.
      if (cells.length < 2) continue;
      rows.push({ index: rows.length, cells });
    }
  }
  return { properties: customXml ? customProperties(customXml) : new Map(), rows, fields };
}
