import {
  BookmarkEnd,
  BookmarkStart,
  BorderStyle,
  HeadingLevel,
  InternalHyperlink,
  PageReference,
  Tab,
  TabStopType,
  LeaderType,
  LineRuleType,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
  type ParagraphChild,
} from 'docx';
import { cleanText } from './labels.js';

/** The DOCX annex's styles, page measures and small builders, shared by its parts. */

// Measures are in twips (1/20 pt; 567 to the centimetre).
export const A4 = { width: 11906, height: 16838 };
export const MARGIN = { top: 1134, bottom: 1134, left: 1134, right: 1134, header: 567, footer: 567 };
export const PORTRAIT_WIDTH = A4.width - MARGIN.left - MARGIN.right; // 17 cm
export const LANDSCAPE_WIDTH = A4.height - MARGIN.left - MARGIN.right; // 25.7 cm

export const FONT = 'Calibri';
export const MONO = 'Consolas';
export const DARK = '1F3864';
export const ACCENT = '2E5597';
export const GREY = '595959';
export const RED = 'C00000';
export const NOTE_FILL = 'FFF2CC';
export const BUYER_FILL = 'EDEDED';
export const INSTRUCTION_FILL = 'F2F2F2';
export const LINE = 'A6A6A6';

export const thin = { style: BorderStyle.SINGLE, size: 4, color: LINE };
export const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
export const GRID_BORDERS = { top: thin, bottom: thin, left: thin, right: thin, insideHorizontal: thin, insideVertical: thin };
export const NO_BORDERS = { top: none, bottom: none, left: none, right: none, insideHorizontal: none, insideVertical: none };

export const STYLES = {
  default: {
    document: {
      run: { font: FONT, size: 21, language: { value: 'da-DK' } },
      paragraph: { spacing: { after: 120, line: 264, lineRule: LineRuleType.AUTO } },
    },
    title: {
      run: { font: FONT, size: 52, bold: true, color: DARK },
      paragraph: { spacing: { after: 240, line: 240, lineRule: LineRuleType.AUTO } },
    },
    heading1: {
      run: { font: FONT, size: 32, bold: true, color: DARK },
      paragraph: { spacing: { before: 240, after: 160 }, keepNext: true, keepLines: true, outlineLevel: 0 },
    },
    heading2: {
      run: { font: FONT, size: 26, bold: true, color: ACCENT },
      paragraph: { spacing: { before: 280, after: 120 }, keepNext: true, keepLines: true, outlineLevel: 1 },
    },
  },
  paragraphStyles: [
    {
      id: 'Tabeltekst',
      name: 'Tabeltekst',
      basedOn: 'Normal',
      quickFormat: true,
      run: { size: 19 },
      paragraph: { spacing: { before: 0, after: 60, line: 252, lineRule: LineRuleType.AUTO } },
    },
    {
      id: 'Tabeloverskrift',
      name: 'Tabeloverskrift',
      basedOn: 'Tabeltekst',
      run: { bold: true, color: 'FFFFFF' },
      paragraph: { keepNext: true },
    },
    // The parts of a requirement row have styles of their own, so an officer can restyle them all at once in Word
    // (and a row of thousands carries a style's name, not its formatting, which keeps the file small and quick to write).
    { id: 'Kravnummer', name: 'Kravnummer', basedOn: 'Tabeltekst', run: { bold: true } },
    { id: 'Kravtitel', name: 'Kravtitel', basedOn: 'Tabeltekst', run: { bold: true } },
    { id: 'Kravtype', name: 'Kravtype', basedOn: 'Tabeltekst', run: { bold: true } },
    { id: 'Vaegt', name: 'Vægt', basedOn: 'Tabeltekst', run: { size: 16 } },
    { id: 'Hjaelpetekst', name: 'Hjælpetekst', basedOn: 'Tabeltekst', run: { italics: true, color: GREY, size: 16 } },
    { id: 'Koebersnote', name: 'Købers note', basedOn: 'Tabeltekst', run: { size: 15, color: GREY, allCaps: true } },
    {
      id: 'Bemaerkning',
      name: 'Kommunens bemærkning',
      basedOn: 'Tabeltekst',
      paragraph: { shading: { type: ShadingType.CLEAR, color: 'auto', fill: NOTE_FILL } },
    },
    {
      id: 'Retskildehenvisning',
      name: 'Retskildehenvisning',
      basedOn: 'Tabeltekst',
      run: { size: 16, color: GREY },
      paragraph: { spacing: { before: 60, after: 0 } },
    },
    { id: 'Svarmulighed', name: 'Svarmulighed', basedOn: 'Tabeltekst', paragraph: { spacing: { after: 40 } } },
    {
      id: 'TOC1',
      name: 'toc 1',
      basedOn: 'Normal',
      next: 'Normal',
      run: { bold: true },
      paragraph: { spacing: { before: 60, after: 40 } },
    },
    { id: 'TOC2', name: 'toc 2', basedOn: 'Normal', next: 'Normal', paragraph: { indent: { left: 284 }, spacing: { after: 20 } } },
    {
      id: 'Instruktion',
      name: 'Instruktion til tilbudsgiver',
      basedOn: 'Normal',
      paragraph: {
        shading: { type: ShadingType.CLEAR, color: 'auto', fill: INSTRUCTION_FILL },
        indent: { left: 113, right: 113 },
      },
    },
    {
      id: 'TOCHeading',
      name: 'TOC Heading',
      basedOn: 'Normal',
      next: 'Normal',
      run: { size: 32, bold: true, color: DARK },
      paragraph: { spacing: { after: 240 } },
    },
  ],
  characterStyles: [
    // The short legal references at the end of a requirement's statement: `[R2 art. 32]`.
    { id: 'Henvisning', name: 'Kort henvisning', basedOn: 'DefaultParagraphFont', run: { size: 16, color: GREY } },
  ],
};

// Small builders

/** A text as paragraphs, one per line; empty lines are dropped. */
export const lines = (text: string): string[] =>
  cleanText(text)
    .split('\n')
    .map((l) => l.trimEnd())
    .filter((l) => l.trim() !== '');

export const run = (text: string, options: Omit<ConstructorParameters<typeof TextRun>[0] & object, 'text'> = {}) =>
  new TextRun({ ...options, text: cleanText(text) });

export const para = (children: ParagraphChild[], options: Omit<ConstructorParameters<typeof Paragraph>[0] & object, 'children'> = {}) =>
  new Paragraph({ ...options, children });

export const tableText = (
  children: ParagraphChild[],
  options: Omit<ConstructorParameters<typeof Paragraph>[0] & object, 'children'> = {},
) => para(children, { style: 'Tabeltekst', ...options });

/** A labelled text: the label in bold before the first line, the other lines as paragraphs of their own. */
export function labelled(label: string, text: string, style = 'Tabeltekst'): Paragraph[] {
  const [first = '', ...rest] = lines(text);
  return [para([run(`${label} `, { bold: true }), run(first)], { style }), ...rest.map((l) => para([run(l)], { style }))];
}

export function cell(
  children: Paragraph[],
  width: number,
  options: Omit<ConstructorParameters<typeof TableCell>[0], 'children' | 'width'> = {},
): TableCell {
  return new TableCell({ ...options, width: { size: width, type: WidthType.DXA }, children: children.length ? children : [tableText([])] });
}

export function headerRow(columns: ReadonlyArray<{ title: string; width: number }>): TableRow {
  return new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: columns.map((c) =>
      cell([para([run(c.title)], { style: 'Tabeloverskrift' })], c.width, {
        shading: { type: ShadingType.CLEAR, color: 'auto', fill: DARK },
      }),
    ),
  });
}

export function grid(columns: ReadonlyArray<{ width: number }>, rows: TableRow[]): Table {
  return new Table({
    width: { size: columns.reduce((sum, c) => sum + c.width, 0), type: WidthType.DXA },
    columnWidths: columns.map((c) => c.width),
    layout: TableLayoutType.FIXED,
    borders: GRID_BORDERS,
    margins: { top: 57, bottom: 57, left: 85, right: 85, marginUnitType: WidthType.DXA },
    rows,
  });
}

/** A heading in the contents: its text, level and the bookmark it carries. */
export interface OutlineEntry {
  title: string;
  level: 1 | 2;
  anchor: string;
}

/**
 * The headings of the document as they are made, each with a bookmark whose name and id come
 * from this render alone (`_Toc_kb_1`, id 1, …), so two renders give the same bytes; docx's own
 * bookmarks take their ids from a counter that lives as long as the process.
 */
export class Outline {
  readonly entries: OutlineEntry[] = [];

  heading(title: string, level: 1 | 2, options: Omit<ConstructorParameters<typeof Paragraph>[0] & object, 'children'> = {}): Paragraph {
    const id = this.entries.length + 1;
    const anchor = `_Toc_kb_${id}`;
    this.entries.push({ title: cleanText(title), level, anchor });
    const children = [new BookmarkStart(anchor, id), run(title), new BookmarkEnd(id)] as unknown as ParagraphChild[];
    return para(children, { heading: level === 1 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2, ...options });
  }
}

/**
 * The contents as paragraphs in the TOC styles: each entry links to its heading's bookmark and
 * carries a PAGEREF field for the page number. Word and LibreOffice both compute the PAGEREF
 * fields (the document asks the word processor to update fields when it opens); LibreOffice
 * drops them inside a TOC field, so the list is not wrapped in one.
 */
export function contents(outline: Outline, width: number): Paragraph[] {
  const children = outline.entries.map((e) =>
    para(
      [
        new InternalHyperlink({ anchor: e.anchor, children: [run(e.title)] }),
        new TextRun({ children: [new Tab()] }),
        new PageReference(e.anchor, { hyperlink: true }) as unknown as ParagraphChild,
      ],
      { style: e.level === 1 ? 'TOC1' : 'TOC2', tabStops: [{ type: TabStopType.RIGHT, position: width, leader: LeaderType.DOT }] },
    ),
  );
  return children;
}
