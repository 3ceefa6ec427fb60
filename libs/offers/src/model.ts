import type { DiffRun, Obligation } from '@kravbank/catalogue';

export type Conformity = 'conforming' | 'possibly_non_conforming';

/** Why a requirement row of an offer needs the procurer's attention. */
export type RowFlag = 'mk_no' | 'mk_blank' | 'mk_invalid' | 'reservation' | 'missing';

/** A requirement's text as exported and as returned, with the word diff between them. */
export interface TextChange {
  /** The column or cell, e.g. "Kravtekst" or "Krav". */
  column: string;
  from: string;
  to: string;
  diff: DiffRun[];
}

export interface ReportRow {
  itemId: string;
  key: string;
  version: number | null;
  obligation: Obligation;
  title: string;
  weight: number | null;
  /** MK: Ja, Nej or null (blank); always null for an EK. */
  fulfilled: 'Ja' | 'Nej' | null;
  /** What the bidder wrote in Opfyldt when it was neither Ja nor Nej. */
  fulfilledText: string | null;
  description: string | null;
  attachment: string | null;
  flags: RowFlag[];
  changes: TextChange[];
}

/** Something found in the returned file that was not run or followed, only reported. */
export interface Finding {
  kind: 'formula' | 'hyperlink' | 'external_link' | 'field';
  /** Where: a cell (Kravmatrix!J12), a part of the package, or the document. */
  location: string;
  text: string;
}

export interface ImportSummary {
  requirements: number;
  minimum: number;
  evaluated: number;
  mkYes: number;
  mkNo: number;
  mkBlank: number;
  mkInvalid: number;
  reservations: number;
  missing: number;
  added: number;
  findings: number;
}

/** The import report stored with an offer: every requirement's answer and what was flagged. */
export interface ImportReport {
  format: 'xlsx' | 'docx';
  edition: 'tender' | 'buyer';
  fingerprint: string;
  conformity: Conformity;
  summary: ImportSummary;
  rows: ReportRow[];
  /** Rows in the returned file that the specification does not have. */
  added: Array<{ position: number; text: string }>;
  findings: Finding[];
}

export interface OfferFileView {
  name: string;
  format: 'xlsx' | 'docx';
  sha256: string;
  size: number;
  importedAt: string;
  importedBy: string;
}

export interface OfferView {
  id: string;
  specificationId: string;
  bidderName: string;
  cvr: string;
  createdAt: string;
  createdBy: string;
  file: OfferFileView | null;
  conformity: Conformity | null;
  summary: ImportSummary | null;
  /** Evaluators' scores and consensus scores given: an offer with scores cannot be deleted or re-imported. */
  scoreCount: number;
}

export interface OfferDetailView extends OfferView {
  report: ImportReport | null;
}
