/** The catalogue's vocabulary, shared by the seed, the read API, change proposals and specifications. */
export const CATEGORIES = ['framework-architecture', 'security', 'archive'] as const;
export type Category = (typeof CATEGORIES)[number];

/** The key prefix of each category: RAM-001, SIK-001, ARK-001. */
export const CATEGORY_PREFIX: Record<Category, string> = { 'framework-architecture': 'RAM', security: 'SIK', archive: 'ARK' };

export const OBLIGATIONS = ['minimum', 'evaluated'] as const;
export type Obligation = (typeof OBLIGATIONS)[number];

export const REQUIREMENT_STATUSES = ['active', 'retired'] as const;
export type RequirementStatus = (typeof REQUIREMENT_STATUSES)[number];

export const LEGAL_SOURCE_KINDS = ['act', 'executive-order', 'standard', 'principle', 'guideline', 'judgment'] as const;
export type LegalSourceKind = (typeof LEGAL_SOURCE_KINDS)[number];

export const LEVELS = [1, 2, 3] as const;
export type Level = (typeof LEVELS)[number];

export const KEY_PATTERN = /^([A-Z]{2,5})-(\d{3,6})$/;
export const LEGAL_SOURCE_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/;
export const TAG_PATTERN = /^[a-z0-9æøå][a-z0-9æøå-]{0,39}$/;

export interface LegalSourceRef {
  id: string;
  section?: string | null;
}

/** The content of one requirement version: exactly the fields an editor writes. */
export interface RequirementContent {
  title: string;
  statement: string;
  rationale: string;
  guidance: string;
  verification: string;
  level: Level;
  obligation: Obligation;
  tags: string[];
  legalSources: LegalSourceRef[];
}

export const CONTENT_FIELDS = [
  'title',
  'statement',
  'rationale',
  'guidance',
  'verification',
  'level',
  'obligation',
  'tags',
  'legalSources',
] as const;
export type ContentField = (typeof CONTENT_FIELDS)[number];

export interface LegalSource {
  id: string;
  title: string;
  kind: LegalSourceKind;
  issuer: string;
  url: string;
  version: string;
}
