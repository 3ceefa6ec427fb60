import type { Category, LegalSource, Level, Obligation } from '@kravbank/catalogue';

/**
 * Everything an export needs, as plain data. The specifications service builds it from the
 * database; the renderers know nothing of HTTP or TypeORM.
 */
export interface SpecificationSnapshot {
  specification: SnapshotSpecification;
  bank: {
    /** A short human-readable version stamp of the bank, e.g. "Kravbank 2026-11-23 (126 krav)". */
    stamp: string;
  };
  /** In the order they appear in the document: by category (RAM, SIK, ARK, then local), section, position. */
  items: SnapshotItem[];
  /** Every legal source cited by a bank item, for the annex. */
  legalSources: LegalSource[];
}

/** The specification itself, as the document's cover and header show it. */
export interface SnapshotSpecification {
  id: string;
  title: string;
  procurementName: string;
  caseNumber: string | null;
  description: string | null;
  status: 'draft' | 'final';
  revision: number;
  organisation: { id: string; name: string };
  createdAt: string;
  updatedAt: string;
  /** Set when final: the document date of every export of this revision. */
  finalizedAt: string | null;
}

export interface SnapshotItem {
  id: string;
  position: number;
  section: string | null;
  /** `bank`: a pinned version of a bank requirement; `local`: written by the municipality itself. */
  source: 'bank' | 'local';
  /** Bank key (e.g. SIK-014) or the local reference (e.g. LOK-1). */
  key: string;
  /** Pinned version; null for local requirements. */
  version: number | null;
  /** Null for local requirements. */
  category: Category | null;
  title: string;
  statement: string;
  /** The buyer edition shows these; the tender edition never does. Empty for local requirements. */
  rationale: string;
  guidance: string;
  verification: string;
  level: Level | null;
  obligation: Obligation;
  /** Only for evaluated requirements. */
  weight: number | null;
  /** The municipality's own note; the bank text is never changed. */
  note: string | null;
  legalSources: Array<{ id: string; section: string | null; title: string }>;
  /** SHA-256 of the pinned version's content; null for local requirements. */
  contentHash: string | null;
}

export type ExportFormat = 'docx' | 'csv' | 'json';
export type ExportEdition = 'tender' | 'buyer';

export interface RenderedExport {
  body: Buffer;
  contentType: string;
  fileName: string;
  /** SHA-256 (hex) of `body`. */
  sha256: string;
  /** The content fingerprint (contentFingerprint), when the renderer computed it off the request thread. */
  fingerprint?: string;
}
