import { groupItems } from './annex-model.js';
import { contentFingerprint } from './fingerprint.js';
import { documentDate } from './labels.js';
import type { ExportEdition, SnapshotSpecification, SpecificationSnapshot } from './snapshot.js';

export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

/** Names the shape of the JSON export; bump it when a field changes meaning or goes away. */
export const JSON_EXPORT_FORMAT = 'kravbank.kravspecifikation/v1';

export interface JsonExportItem {
  key: string;
  version: number | null;
  source: 'bank' | 'local';
  category: string | null;
  section: string | null;
  position: number;
  title: string;
  statement: string;
  obligation: 'minimum' | 'evaluated';
  /** `MK` or `EK`, as printed in the annex. */
  type: 'MK' | 'EK';
  weight: number | null;
  level: number | null;
  note: string | null;
  /** SHA-256 of the pinned version's content; null for local requirements. */
  contentHash: string | null;
  legalSources: Array<{ id: string; section: string | null; title: string }>;
  /** Buyer edition only. */
  rationale?: string;
  guidance?: string;
  verification?: string;
}

export interface JsonExport {
  format: typeof JSON_EXPORT_FORMAT;
  edition: ExportEdition;
  /** See `contentFingerprint`: the same value the DOCX prints on its cover. */
  contentFingerprint: string;
  documentDate: string;
  specification: Omit<SnapshotSpecification, 'createdAt' | 'updatedAt'>;
  bank: { stamp: string };
  items: JsonExportItem[];
  legalSources: SpecificationSnapshot['legalSources'];
}

/**
 * The specification for machines: the bank stamp, every item with its pinned version and content
 * hash in document order, and the legal sources. The tender edition leaves out the rationale,
 * guidance and verification; the keys are absent, not empty. A final specification gives the same
 * bytes every time (its document date is `finalizedAt`).
 */
export function buildJsonExport(
  snapshot: SpecificationSnapshot,
  edition: ExportEdition,
  now: () => Date = () => new Date(),
  fingerprint: string = contentFingerprint(snapshot, edition),
): JsonExport {
  const spec = snapshot.specification;
  const items = groupItems(snapshot.items).flatMap((g) => g.sections.flatMap((s) => s.items));
  return {
    format: JSON_EXPORT_FORMAT,
    edition,
    contentFingerprint: fingerprint,
    documentDate: documentDate(snapshot, now).toISOString(),
    specification: {
      id: spec.id,
      title: spec.title,
      procurementName: spec.procurementName,
      caseNumber: spec.caseNumber,
      description: spec.description,
      status: spec.status,
      revision: spec.revision,
      organisation: spec.organisation,
      finalizedAt: spec.finalizedAt,
    },
    bank: { stamp: snapshot.bank.stamp },
    items: items.map((item) => ({
      key: item.key,
      version: item.version,
      source: item.source,
      category: item.category,
      section: item.section,
      position: item.position,
      title: item.title,
      statement: item.statement,
      obligation: item.obligation,
      type: item.obligation === 'minimum' ? 'MK' : 'EK',
      weight: item.weight,
      level: item.level,
      note: item.note,
      contentHash: item.contentHash,
      legalSources: item.legalSources.map((s) => ({ id: s.id, section: s.section, title: s.title })),
      ...(edition === 'buyer' ? { rationale: item.rationale, guidance: item.guidance, verification: item.verification } : {}),
    })),
    legalSources: snapshot.legalSources.map((s) => ({
      id: s.id,
      title: s.title,
      kind: s.kind,
      issuer: s.issuer,
      url: s.url,
      version: s.version,
    })),
  };
}

export function renderJsonExport(snapshot: SpecificationSnapshot, edition: ExportEdition, now?: () => Date, fingerprint?: string): Buffer {
  return Buffer.from(`${JSON.stringify(buildJsonExport(snapshot, edition, now, fingerprint), null, 2)}\n`, 'utf8');
}
