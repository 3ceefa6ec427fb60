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
  /**
   * How the evaluated requirements are scored. Absent or partly given: the renderers use the
   * Danish defaults of `withAnnexDefaults` for what is missing. Left out of the snapshot (and so
   * of the fingerprint) when the procurer has set nothing.
   */
  evaluation?: Partial<EvaluationModel>;
  /** The annex's front matter: number, title, status in the contract, reservations, instruction. Same rules as `evaluation`. */
  annex?: Partial<AnnexFrontMatter>;
}

/** The evaluation model of a specification: how the EKs are scored and how points and weights add up. */
export interface EvaluationModel {
  /** The sub-criterion (underkriterium) of the award criterion the EKs count under, e.g. "Kvalitet". */
  subCriterion: string;
  /** The points scale, e.g. 0 to 10. */
  scaleMin: number;
  scaleMax: number;
  /** What the points mean, from the highest down. */
  scaleMeaning: Array<{ points: number; meaning: string }>;
  /** How points and weights add up to the score for the sub-criterion. */
  method: string;
}

/** The annex's front matter. */
export interface AnnexFrontMatter {
  /** The annex number in the tender material, e.g. "3". */
  number: string;
  title: string;
  /** The annex's status in the contract. */
  contractStatus: string;
  /** The reservations (forbehold) clause. */
  reservationsClause: string;
  /** Instruction to the bidder, printed marked as removed when the contract is signed. */
  instruction: string;
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
  /**
   * How a bidder answers an MK: `confirm` (Ja / Nej only) or `describe` (Ja / Nej and a
   * description). Absent: `describe` when the verification asks the bidder for documentation
   * (see `mkAnswerMode`), else `confirm`. EKs are always described.
   */
  answerMode?: 'confirm' | 'describe';
}

export type ExportFormat = 'docx' | 'csv' | 'json' | 'xlsx';
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
