import yauzl from 'yauzl';
import { DomainError, type OfferLimits } from '@kravbank/common';

/** What a returned file turned out to be, from its content (never its name). */
export type OfficeKind = 'xlsx' | 'docx';

export interface OfficeArchive {
  kind: OfficeKind;
  /** Every entry's name, in the archive's order. */
  names: string[];
  /** The small parts the import reads itself: content types, relationships, the Word document and its properties. */
  parts: Map<string, Buffer>;
  /** Table rows counted in the worksheets or the Word document while checking the archive. */
  rows: number;
}

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const KEPT_PART = /^(\[Content_Types\]\.xml|.*\.rels|word\/document\.xml|docProps\/custom\.xml)$/;
const ROW_PARTS = /^(xl\/worksheets\/[^/]+\.xml|word\/document\.xml)$/;
const MACRO_PART = /(^|\/)vbaProject\.bin$|\.bin$/i;

const refused = (kind: 'invalid' | 'too_large' | 'unprocessable', code: string, message: string, extra: Record<string, unknown> = {}) =>
  new DomainError(kind, code, message, [{ field: 'file', reason: message, in: 'body' }], extra);

export const notOffice = () =>
  refused('invalid', 'unsupported_file', 'Filen er ikke en XLSX- eller DOCX-fil (den udfyldte kravmatrix eller det udfyldte bilag).');

/** Counts `<row` or `<w:tr` start tags in a stream of XML chunks, also across chunk boundaries. */
class RowCounter {
  count = 0;
  private tail = '';
  constructor(private readonly tag: RegExp) {}
  push(chunk: Buffer): void {
    const text = this.tail + chunk.toString('latin1');
    this.count += (text.match(this.tag) ?? []).length;
    // Every tag counted is at least 5 characters long, so the last 4 hold no whole one: they are
    // carried over, in case a tag starts there and ends in the next chunk.
    this.tail = text.slice(-4);
  }
}

/**
 * Opens a returned file as an Office zip package, bounded before anything is decompressed: the
 * central directory's entry count and the declared uncompressed sizes are checked first, then
 * every entry is inflated once (yauzl refuses an entry that inflates past its declared size) to
 * count the table rows; only the small parts the import needs are kept. The kind comes from
 * `[Content_Types].xml`; a macro-enabled package is refused.
 */
export async function openOfficeArchive(body: Buffer, limits: OfferLimits): Promise<OfficeArchive> {
  if (body.length < 22 || !body.subarray(0, 4).equals(ZIP_MAGIC)) throw notOffice();
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.fromBufferPromise(body, { lazyEntries: true, validateEntrySizes: true, strictFileNames: false });
  } catch {
    throw refused('invalid', 'corrupt_file', 'Filen er ikke et helt zip-arkiv: den er afkortet eller beskadiget. Upload den igen.');
  }
  if (zip.entryCount > limits.maxZipEntries)
    throw refused('too_large', 'archive_too_large', `Arkivet har ${zip.entryCount} filer; højst ${limits.maxZipEntries} modtages.`);
  const entries: yauzl.Entry[] = [];
  let declared = 0;
  try {
    for await (const entry of zip.eachEntry()) {
      entries.push(entry);
      declared += entry.uncompressedSize;
      if (entry.isEncrypted()) throw refused('unprocessable', 'encrypted_file', 'Filen er krypteret eller beskyttet med adgangskode.');
      if (declared > limits.maxUncompressedBytes) throw tooBig(limits);
    }
    return await readEntries(zip, entries, limits);
  } catch (e) {
    if (e instanceof DomainError) throw e;
    // An entry that inflates past the size its header declares: a zip bomb that lies.
    if (e instanceof Error && /too many bytes/.test(e.message)) throw tooBig(limits);
    throw refused('invalid', 'corrupt_file', 'Filen er ikke et helt zip-arkiv: den er afkortet eller beskadiget. Upload den igen.');
  } finally {
    zip.close();
  }
}

const tooBig = (limits: OfferLimits) =>
  refused(
    'too_large',
    'archive_too_large',
    `Arkivet fylder udpakket mere end ${Math.round(limits.maxUncompressedBytes / 1024 / 1024)} MB og modtages ikke (mulig zip-bombe).`,
  );

async function readEntries(zip: yauzl.ZipFile, entries: yauzl.Entry[], limits: OfferLimits): Promise<OfficeArchive> {
  const names = entries.map((e) => e.fileName);
  if (names.some((n) => MACRO_PART.test(n))) throw macros();
  const parts = new Map<string, Buffer>();
  let rows = 0;
  let inflated = 0;
  for (const entry of entries) {
    if (entry.fileName.endsWith('/')) continue;
    const keep = KEPT_PART.test(entry.fileName);
    const counter = ROW_PARTS.test(entry.fileName) ? new RowCounter(entry.fileName.startsWith('xl/') ? /<row[\s>]/g : /<w:tr[\s>]/g) : null;
    const chunks: Buffer[] = [];
    const stream = await zip.openReadStreamPromise(entry);
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      inflated += chunk.length;
      if (inflated > limits.maxUncompressedBytes) {
        stream.destroy();
        throw tooBig(limits);
      }
      counter?.push(chunk);
      if (keep) chunks.push(chunk);
    }
    if (counter) rows += counter.count;
    if (keep) parts.set(entry.fileName, Buffer.concat(chunks));
  }
  const kind = kindOf(parts.get('[Content_Types].xml')?.toString('utf8') ?? '');
  if (rows > limits.maxRows)
    throw refused('too_large', 'too_many_rows', `Filen har ${rows} tabelrækker; højst ${limits.maxRows} modtages.`, { rows });
  return { kind, names, parts, rows };
}

const macros = () =>
  refused(
    'unprocessable',
    'macro_enabled',
    'Filen indeholder makroer (VBA) og modtages ikke. Gem den som almindelig .xlsx eller .docx uden makroer, og upload den igen.',
  );

function kindOf(contentTypes: string): OfficeKind {
  if (/macroEnabled/i.test(contentTypes)) throw macros();
  if (contentTypes.includes('spreadsheetml.sheet.main+xml')) return 'xlsx';
  if (contentTypes.includes('wordprocessingml.document.main+xml')) return 'docx';
  throw notOffice();
}

/** Relationships that reach outside the file (other than plain hyperlinks): external workbooks, templates, OLE links. */
export function externalRelationships(archive: OfficeArchive): Array<{ part: string; type: string; target: string }> {
  const found: Array<{ part: string; type: string; target: string }> = [];
  for (const [name, body] of archive.parts) {
    if (!name.endsWith('.rels')) continue;
    for (const m of body.toString('utf8').matchAll(/<Relationship\b[^>]*>/g)) {
      const attr = (a: string) => new RegExp(`\\b${a}="([^"]*)"`).exec(m[0])?.[1] ?? '';
      if (attr('TargetMode') !== 'External' || attr('Type').endsWith('/hyperlink')) continue;
      found.push({ part: name, type: attr('Type').split('/').pop() ?? '', target: attr('Target') });
    }
  }
  if (archive.names.some((n) => n.startsWith('xl/externalLinks/')) && !found.length)
    found.push({ part: 'xl/externalLinks', type: 'externalLink', target: '' });
  return found;
}

/** Hyperlinks to outside addresses, reported (never followed). */
export function hyperlinks(archive: OfficeArchive): string[] {
  const found: string[] = [];
  for (const [name, body] of archive.parts) {
    if (!name.endsWith('.rels')) continue;
    for (const m of body.toString('utf8').matchAll(/<Relationship\b[^>]*\/hyperlink"[^>]*>/g))
      found.push(/\bTarget="([^"]*)"/.exec(m[0])?.[1] ?? '');
  }
  return found;
}
