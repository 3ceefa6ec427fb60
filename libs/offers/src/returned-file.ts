import { DomainError } from '@kravbank/common';
import {
  LOCKED_TEXT_TITLES,
  answerModeOf,
  docxRowTexts,
  contentFingerprint,
  kravmatrixTexts,
  readKravmatrix,
  type Kravmatrix,
  type SnapshotItem,
  type SpecificationSnapshot,
} from '@kravbank/export';
import { externalRelationships, type OfficeArchive } from './archive.js';
import { readDocxAnnex, type DocxAnnex, type DocxTableRow } from './docx-reader.js';
import type { ReturnedFile, ReturnedRow } from './import-report.js';
import type { Finding } from './model.js';

type Edition = 'tender' | 'buyer';

const fileError = (kind: 'invalid' | 'unprocessable', code: string, message: string, extra: Record<string, unknown> = {}) =>
  new DomainError(kind, code, message, [{ field: 'file', reason: message, in: 'body' }], extra);

/**
 * The file must be this revision's annex: its specification id, revision and content fingerprint
 * (written by the export) must match the final snapshot. Anything else is refused (400), so an
 * offer is never checked against requirements it was not given.
 */
export function checkIdentity(
  snapshot: SpecificationSnapshot,
  found: { specificationId: string; revision: number; fingerprint: string; edition: string },
): Edition {
  const spec = snapshot.specification;
  const edition = found.edition === 'buyer' ? 'buyer' : 'tender';
  const same =
    found.specificationId === spec.id &&
    found.revision === spec.revision &&
    (found.edition === 'tender' || found.edition === 'buyer') &&
    found.fingerprint === contentFingerprint(snapshot, edition);
  if (!same)
    throw fileError(
      'invalid',
      'wrong_specification',
      `Filen hører ikke til revision ${spec.revision} af denne kravspecifikation (specifikation, revision eller fingeraftryk passer ikke). ` +
        'Bed tilbudsgiver om at besvare det udsendte bilag.',
      { found: { specificationId: found.specificationId, revision: found.revision } },
    );
  return edition;
}

/** External links: other workbooks, templates, OLE objects the package points to. */
const externalFindings = (archive: OfficeArchive): Finding[] =>
  externalRelationships(archive).map((r) => ({ kind: 'external_link' as const, location: r.part, text: `${r.type}: ${r.target}` }));

/** Formulas, external links and fetching fields are refused (422, listed): a returned answer must not compute or reach outside the file. */
function refuseActive(found: Finding[]): void {
  if (found.length)
    throw fileError(
      'unprocessable',
      'active_content',
      'Filen indeholder formler, eksterne links eller felter, der henter indhold udefra. De er ikke udført; fjern dem og upload filen igen.',
      { findings: found },
    );
}

// ---- the XLSX kravmatrix ------------------------------------------------------------------------

async function readMatrix(body: Buffer): Promise<Kravmatrix> {
  try {
    return await readKravmatrix(body);
  } catch {
    throw fileError(
      'invalid',
      'not_a_kravmatrix',
      'Regnearket er ikke en kravmatrix fra Kravbank (arket Kravmatrix eller Kontrol mangler).',
    );
  }
}

/**
 * The answer of a kravmatrix row, read by the requirement's answer mode (the cells the export
 * left open), not by the cells' protection, which an office program may rewrite when it saves.
 */
function xlsxAnswer(
  item: SnapshotItem,
  cells: Kravmatrix['rows'][number]['answerTexts'],
): Omit<ReturnedRow, 'itemId' | 'texts' | 'controlChanged'> {
  const fulfilled = item.obligation === 'minimum' ? (cells.fulfilled?.trim() ?? '') : '';
  const valid = fulfilled === 'Ja' || fulfilled === 'Nej';
  const describe = answerModeOf(item) === 'describe';
  return {
    fulfilled: valid ? fulfilled : null,
    fulfilledText: !valid && fulfilled ? fulfilled : null,
    description: describe ? cells.description : null,
    attachment: describe ? cells.attachment : null,
  };
}

/** Reads a returned kravmatrix and matches its rows to the items by the hidden sheet's item ids. */
export async function returnedXlsx(body: Buffer, archive: OfficeArchive, snapshot: SpecificationSnapshot): Promise<ReturnedFile> {
  refuseActive(externalFindings(archive));
  const matrix = await readMatrix(body);
  const edition = checkIdentity(snapshot, matrix);
  refuseActive(
    matrix.activeCells
      .filter((c) => c.kind === 'formula')
      .map((c) => ({ kind: 'formula' as const, location: `${c.sheet}!${c.cell}`, text: c.text })),
  );
  const expected = kravmatrixTexts(snapshot);
  const items = new Map(snapshot.items.map((i) => [i.id, i]));
  const rows: ReturnedRow[] = [];
  const added: ReturnedFile['added'] = [];
  const seen = new Set<string>();
  for (const r of matrix.rows) {
    const item = items.get(r.itemId);
    if (!item || seen.has(item.id)) {
      added.push({ position: r.row, text: r.texts.filter(Boolean).join(' | ') });
      continue;
    }
    seen.add(item.id);
    const exported = expected.get(item.id) ?? [];
    rows.push({
      itemId: item.id,
      texts: LOCKED_TEXT_TITLES.map((column, i) => ({ column, exported: exported[i] ?? '', returned: r.texts[i] ?? '' })),
      controlChanged: r.key !== item.key || r.version !== item.version || (r.contentHash ?? null) !== (item.contentHash ?? null),
      ...xlsxAnswer(item, r.answerTexts),
    });
  }
  for (const extra of matrix.extraRows) added.push({ position: extra.row, text: extra.texts.filter(Boolean).join(' | ') });
  const findings: Finding[] = matrix.activeCells
    .filter((c) => c.kind === 'hyperlink')
    .map((c) => ({ kind: 'hyperlink', location: `${c.sheet}!${c.cell}`, text: c.text }));
  return { format: 'xlsx', edition, fingerprint: matrix.fingerprint, rows, added, findings };
}

// ---- the DOCX annex -----------------------------------------------------------------------------

const DOCX_TEXT_COLUMNS = ['Kravnr.', 'Krav', 'Type'];
/** Field instructions that fetch content from outside the document or run something. */
const ACTIVE_FIELD = /^\s*(INCLUDETEXT|INCLUDEPICTURE|DDE|DDEAUTO|LINK|IMPORT|MACROBUTTON|DATABASE)\b/i;

/** The Word annex's parts, read. */
export function docxAnnexOf(archive: OfficeArchive): DocxAnnex {
  const document = archive.parts.get('word/document.xml');
  if (!document) throw fileError('invalid', 'not_an_annex', 'Dokumentet er ikke et udbudsbilag fra Kravbank (word/document.xml mangler).');
  try {
    return readDocxAnnex(document.toString('utf8'), archive.parts.get('docProps/custom.xml')?.toString('utf8'));
  } catch {
    throw fileError('invalid', 'corrupt_file', 'Dokumentets XML kan ikke læses: filen er beskadiget.');
  }
}

/** The identity the annex carries in its custom properties. */
export function docxIdentity(annex: DocxAnnex): { specificationId: string; revision: number; fingerprint: string; edition: string } {
  const p = annex.properties;
  if (!p.get('Kravbank.Fingeraftryk'))
    throw fileError(
      'invalid',
      'not_an_annex',
      'Dokumentet er ikke et udbudsbilag fra Kravbank (egenskaben Kravbank.Fingeraftryk mangler).',
    );
  return {
    specificationId: p.get('Kravbank.SpecifikationId') ?? '',
    revision: Number(p.get('Kravbank.Revision')),
    fingerprint: p.get('Kravbank.Fingeraftryk') ?? '',
    edition: p.get('Kravbank.Udgave') ?? '',
  };
}

const CHECKED = /^(☒|☑|✓|✔|\[[xX]\]|[xX](?=\s))\s*/;
const OPTION = /^(☐|☒|☑|✓|✔|\[[ xX]?\]|[xX](?=\s))\s*/;

/** The MK's Opfyldt cell: one ticked box (☒ Ja), or only one option left, or the word alone. */
export function docxFulfilled(cell: string): { fulfilled: 'Ja' | 'Nej' | null; fulfilledText: string | null } {
  const lines = cell
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const word = (l: string) => l.replace(OPTION, '').trim();
  const valid = (w: string): w is 'Ja' | 'Nej' => w === 'Ja' || w === 'Nej';
  const ticked = lines.filter((l) => CHECKED.test(l)).map(word);
  if (ticked.length === 1 && valid(ticked[0])) return { fulfilled: ticked[0], fulfilledText: null };
  if (ticked.length > 1) return { fulfilled: null, fulfilledText: ticked.join(' / ') };
  const options = lines.map(word);
  if (options.length === 1 && valid(options[0])) return { fulfilled: options[0], fulfilledText: null };
  if (options.join('/') === 'Ja/Nej' || !options.length) return { fulfilled: null, fulfilledText: null };
  return { fulfilled: null, fulfilledText: lines.join(' ') };
}

const firstLine = (cell: string | undefined) => (cell ?? '').split('\n')[0].trim();

/** Pairs the returned rows with the expected ones: by key label, then what is left by place. */
function pairRows(
  returned: DocxTableRow[],
  expected: DocxTableRow[],
): { pairs: Array<[DocxTableRow, DocxTableRow]>; extra: DocxTableRow[] } {
  const byKey = new Map(expected.map((r) => [firstLine(r.cells[0]), r]));
  const used = new Set<DocxTableRow>();
  const pairs: Array<[DocxTableRow, DocxTableRow]> = [];
  const left: DocxTableRow[] = [];
  for (const row of returned) {
    const match = byKey.get(firstLine(row.cells[0]));
    if (match && !used.has(match)) {
      used.add(match);
      pairs.push([row, match]);
    } else left.push(row);
  }
  const extra: DocxTableRow[] = [];
  for (const row of left) {
    const atPlace = expected[row.index];
    if (atPlace && !used.has(atPlace)) {
      used.add(atPlace);
      pairs.push([row, atPlace]);
    } else extra.push(row);
  }
  return { pairs, extra };
}

function docxRow(item: SnapshotItem, row: DocxTableRow, exp: DocxTableRow): ReturnedRow {
  const answered = (i: number) => {
    const text = (row.cells[i] ?? '').trim();
    return text && text !== (exp.cells[i] ?? '').trim() ? text : null;
  };
  const mk = item.obligation === 'minimum' ? docxFulfilled(row.cells[3] ?? '') : { fulfilled: null, fulfilledText: null };
  return {
    itemId: item.id,
    texts: DOCX_TEXT_COLUMNS.map((column, i) => ({ column, exported: exp.cells[i] ?? '', returned: row.cells[i] ?? '' })),
    controlChanged: row.cells.length !== exp.cells.length,
    ...mk,
    description: answered(4),
    attachment: answered(5),
  };
}

/** Fields the annex writes itself: the contents, page numbers and links to the legal sources. */
function knownField(field: string, snapshot: SpecificationSnapshot): boolean {
  if (/^\s*(TOC|PAGE|NUMPAGES|SECTIONPAGES)\b/i.test(field)) return true;
  const link = /^\s*HYPERLINK\s+"([^"]*)"/i.exec(field)?.[1];
  return link !== undefined && snapshot.legalSources.some((s) => s.url.trim() === link);
}

/** Matches a returned Word annex to the texts the export wrote (`docxRowTexts`), row by row. */
export function returnedDocx(archive: OfficeArchive, annex: DocxAnnex, snapshot: SpecificationSnapshot, edition: Edition): ReturnedFile {
  const newFields = annex.fields.filter((f) => f && !knownField(f, snapshot));
  refuseActive([
    ...externalFindings(archive),
    ...newFields.filter((f) => ACTIVE_FIELD.test(f)).map((f) => ({ kind: 'field' as const, location: 'word/document.xml', text: f })),
  ]);
  const expectedRows = docxRowTexts(snapshot);
  const expected: DocxTableRow[] = expectedRows.map((r, index) => ({ index, cells: r.cells }));
  const itemOf = new Map(expected.map((r, i) => [r, expectedRows[i].itemId]));
  const items = new Map(snapshot.items.map((i) => [i.id, i]));
  const { pairs, extra } = pairRows(annex.rows, expected);
  const rows = pairs.map(([row, exp]) => docxRow(items.get(itemOf.get(exp)!)!, row, exp));
  const findings: Finding[] = newFields.map((f) => ({
    kind: /^\s*HYPERLINK/i.test(f) ? 'hyperlink' : 'field',
    location: 'word/document.xml',
    text: f,
  }));
  return {
    format: 'docx',
    edition,
    fingerprint: annex.properties.get('Kravbank.Fingeraftryk') ?? '',
    rows,
    added: extra.map((r) => ({ position: r.index + 1, text: r.cells.filter((c) => c.trim()).join(' | ') })),
    findings,
  };
}
