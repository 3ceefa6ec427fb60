import { wordDiff } from '@kravbank/catalogue';
import type { SnapshotItem, SpecificationSnapshot } from '@kravbank/export';
import type { Conformity, Finding, ImportReport, ImportSummary, ReportRow, RowFlag, TextChange } from './model.js';

/** One requirement row as read from a returned file and matched to the specification's item. */
export interface ReturnedRow {
  itemId: string;
  /** The locked texts of the row: as exported and as returned. */
  texts: Array<{ column: string; exported: string; returned: string }>;
  /** The hidden control data (key, version, content hash) no longer matches the item. */
  controlChanged: boolean;
  fulfilled: 'Ja' | 'Nej' | null;
  fulfilledText: string | null;
  description: string | null;
  attachment: string | null;
}

/** A returned file, read and matched, before it is judged. */
export interface ReturnedFile {
  format: 'xlsx' | 'docx';
  edition: 'tender' | 'buyer';
  fingerprint: string;
  rows: ReturnedRow[];
  added: Array<{ position: number; text: string }>;
  findings: Finding[];
}

const blankToNull = (s: string | null | undefined): string | null => (s && s.trim() ? s.trim() : null);

function changesOf(row: ReturnedRow): TextChange[] {
  const norm = (s: string) => s.replace(/\r\n?/g, '\n').trim();
  return row.texts
    .filter((t) => norm(t.exported) !== norm(t.returned))
    .map((t) => ({ column: t.column, from: t.exported, to: t.returned, diff: wordDiff(t.exported, t.returned) }));
}

function flagsOf(item: SnapshotItem, row: ReturnedRow | undefined, changes: TextChange[]): RowFlag[] {
  if (!row) return ['missing'];
  const flags: RowFlag[] = [];
  if (item.obligation === 'minimum') {
    if (row.fulfilledText) flags.push('mk_invalid');
    else if (row.fulfilled === 'Nej') flags.push('mk_no');
    else if (row.fulfilled === null) flags.push('mk_blank');
  }
  if (changes.length || row.controlChanged) flags.push('reservation');
  return flags;
}

function reportRow(item: SnapshotItem, row: ReturnedRow | undefined): ReportRow {
  const changes = row ? changesOf(row) : [];
  if (row?.controlChanged && !changes.length)
    changes.push({ column: 'Kontrol', from: 'Kravnr., version og indholdshash som udsendt', to: 'ændret', diff: [] });
  const minimum = item.obligation === 'minimum';
  return {
    itemId: item.id,
    key: item.key,
    version: item.version,
    obligation: item.obligation,
    title: item.title,
    weight: item.weight,
    fulfilled: minimum ? (row?.fulfilled ?? null) : null,
    fulfilledText: minimum ? (row?.fulfilledText ?? null) : null,
    description: blankToNull(row?.description),
    attachment: blankToNull(row?.attachment),
    flags: flagsOf(item, row, changes),
    changes,
  };
}

/** Possibly non-conforming when any MK was answered Nej, left blank, answered otherwise, changed or left out. */
export function conformityOf(rows: readonly ReportRow[]): Conformity {
  return rows.some((r) => r.obligation === 'minimum' && r.flags.length) ? 'possibly_non_conforming' : 'conforming';
}

function summaryOf(rows: ReportRow[], file: ReturnedFile): ImportSummary {
  const mk = rows.filter((r) => r.obligation === 'minimum');
  const count = (flag: RowFlag) => rows.filter((r) => r.flags.includes(flag)).length;
  return {
    requirements: rows.length,
    minimum: mk.length,
    evaluated: rows.length - mk.length,
    mkYes: mk.filter((r) => r.fulfilled === 'Ja' && !r.fulfilledText).length,
    mkNo: count('mk_no'),
    mkBlank: mk.filter((r) => r.flags.includes('mk_blank')).length,
    mkInvalid: count('mk_invalid'),
    reservations: count('reservation'),
    missing: count('missing'),
    added: file.added.length,
    findings: file.findings.length,
  };
}

/**
 * The import report: each requirement of the specification with the bidder's answer, in the
 * snapshot's order, and what was flagged (MK Nej or blank, text changed, rows missing or added).
 * A missing MK row counts as not confirmed.
 */
export function buildImportReport(snapshot: SpecificationSnapshot, file: ReturnedFile): ImportReport {
  const byItem = new Map(file.rows.map((r) => [r.itemId, r]));
  const rows = snapshot.items.map((item) => reportRow(item, byItem.get(item.id)));
  return {
    format: file.format,
    edition: file.edition,
    fingerprint: file.fingerprint,
    conformity: conformityOf(rows),
    summary: summaryOf(rows, file),
    rows,
    added: file.added,
    findings: file.findings,
  };
}
