import JSZip from 'jszip';

/**
 * Reads a DOCX produced by the exporter for assertions: the parts of the package and the
 * paragraphs of a part with their style and text. Regular expressions suffice because the XML is
 * docx's own (no nested paragraphs, text only in `w:t`).
 */
export interface OpenedDocx {
  zip: JSZip;
  /** Entry names in the order the zip file holds them. */
  names: string[];
  part(name: string): Promise<string>;
  document: string;
}

export async function openDocx(bytes: Buffer): Promise<OpenedDocx> {
  const zip = await JSZip.loadAsync(bytes);
  const part = async (name: string) => {
    const file = zip.file(name);
    if (!file) throw new Error(`The package has no part ${name}`);
    return file.async('string');
  };
  return { zip, names: Object.keys(zip.files), part, document: await part('word/document.xml') };
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&apos;': "'" };
export const unescapeXml = (s: string) => s.replace(/&(amp|lt|gt|quot|apos);/g, (e) => ENTITIES[e]);

export interface DocxParagraph {
  style: string | null;
  /** The text of the paragraph; a tab shows as a tab, a symbol (`w:sym`) as its character. */
  text: string;
  xml: string;
}

/** The paragraphs of a part (body, header or footer), tables' paragraphs included, in order. */
export function paragraphsOf(xml: string): DocxParagraph[] {
  return [...xml.matchAll(/<w:p\b[^>]*>([\s\S]*?)<\/w:p>/g)].map(([whole, inner]) => ({
    style: /<w:pStyle w:val="([^"]+)"\/>/.exec(inner)?.[1] ?? null,
    text: textOf(inner),
    xml: whole,
  }));
}

/** The visible text of a piece of WordprocessingML. */
export function textOf(xml: string): string {
  let text = '';
  for (const m of xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:tab\/>|<w:sym [^>]*w:char="([0-9A-Fa-f]+)"[^>]*\/>/g)) {
    if (m[0].startsWith('<w:tab')) text += '\t';
    else if (m[2]) text += String.fromCodePoint(parseInt(m[2], 16));
    else text += unescapeXml(m[1]);
  }
  return text;
}

/** The tables of a part, each as its rows of cell texts (a cell's paragraphs joined by `\n`). */
export function tablesOf(xml: string): Array<{ xml: string; rows: Array<{ xml: string; cells: string[] }> }> {
  return [...xml.matchAll(/<w:tbl>([\s\S]*?)<\/w:tbl>/g)].map(([whole]) => ({
    xml: whole,
    rows: [...whole.matchAll(/<w:tr\b[^>]*>([\s\S]*?)<\/w:tr>/g)].map(([row]) => ({
      xml: row,
      cells: [...row.matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)].map(([, cell]) =>
        paragraphsOf(cell)
          .map((p) => p.text)
          .join('\n'),
      ),
    })),
  }));
}
