/**
 * The views the web app reads, in one place. When the OpenAPI document describes every answer
 * (`npm run api:generate` → schema.d.ts), these become aliases of its `components['schemas']`.
 */
export type Category = 'framework-architecture' | 'security' | 'archive';
export type Obligation = 'minimum' | 'evaluated';
export type Role = 'procurer' | 'editor' | 'committee' | 'admin';

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  limit: number;
}

export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  organisationId: string;
  organisationName: string;
  roles: Role[];
}

export interface SessionView {
  user: SessionUser;
  csrfToken: string;
  expiresAt?: string;
}

export interface FacetCount<V = string> {
  value: V;
  count: number;
  title?: string;
}

export interface SearchHit {
  key: string;
  version: number;
  title: string;
  category: Category;
  level: number;
  highlights: { title: string; statement: string };
}

export interface SearchResult {
  engine: string;
  total: number;
  facetCountsExact: boolean;
  page: number;
  limit: number;
  hits: SearchHit[];
  facets: { category: FacetCount<Category>[]; level: FacetCount<number>[]; tag: FacetCount[]; legalSource: FacetCount[] };
}

export interface LegalSourceCitation {
  id: string;
  section: string | null;
  title: string;
}

export interface VersionView {
  key: string;
  category: Category;
  version: number;
  title: string;
  statement: string;
  rationale: string;
  guidance: string;
  verification: string;
  level: number;
  obligation: Obligation;
  tags: string[];
  legalSources: LegalSourceCitation[];
  publishedAt: string;
  contentHash: string;
  origin: 'seed' | 'proposal';
  proposalId: string | null;
  changeSummary: string | null;
}

export interface VersionProvenanceView {
  proposal: { id: string; number: number; kind: string; changeType: string; motivation: string; triggeringLegalSource: string | null };
  proposer: { username: string; displayName: string; organisation: string };
  publishedBy: { username: string; displayName: string } | null;
  publishedAt: string | null;
  votes: Array<{ voter: string; displayName: string; organisation: string; decision: string; comment: string | null; at: string }>;
  approvers: string[];
}

export interface VersionSummary {
  version: number;
  title: string;
  publishedAt: string;
  contentHash: string;
  origin: 'seed' | 'proposal';
  changeSummary: string | null;
}

export interface RequirementView {
  key: string;
  category: Category;
  status: 'active' | 'retired';
  currentVersion: number;
  retiredAt: string | null;
  current: VersionView;
  versions: VersionSummary[];
}

export interface DiffRun {
  op: 'equal' | 'insert' | 'delete';
  text: string;
}

export type ContentDiff = Record<string, { changed: boolean; runs: DiffRun[] }>;

export interface VersionDiffView {
  key: string;
  from: number;
  to: number;
  changed: string[];
  fields: ContentDiff;
}

export interface LegalSourceView {
  id: string;
  title: string;
  kind: string;
  issuer: string;
  url: string;
  version: string;
  requirementCount: number;
}

export interface RequirementListItem {
  key: string;
  category: Category;
  status: 'active' | 'retired';
  version: number;
  title: string;
  level: number;
  obligation: Obligation;
  tags: string[];
  publishedAt: string;
}

export interface ProfileSummary {
  id: string;
  title: string;
  description: string;
  itemCount: number;
}

export interface SpecificationView {
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
  finalizedAt: string | null;
  lineageId: string;
  parentId: string | null;
  profileId: string | null;
  itemCount: number;
  updatesAvailable: number;
}

export interface ItemView {
  id: string;
  position: number;
  section: string | null;
  source: 'bank' | 'local';
  requirementKey: string | null;
  localRef: string | null;
  version: number | null;
  currentVersion: number | null;
  requirementStatus: 'active' | 'retired' | null;
  newerVersionAvailable: boolean;
  category: Category | null;
  title: string;
  statement: string;
  level: number | null;
  obligation: Obligation;
  weight: number | null;
  note: string | null;
}

export interface UpdateView {
  itemId: string;
  requirementKey: string;
  pinnedVersion: number;
  currentVersion: number;
  retired: boolean;
  changed: string[];
  diff: ContentDiff | null;
}

export interface Problem {
  type?: string;
  title?: string;
  status: number;
  detail?: string;
  code?: string;
  requestId?: string;
  errors?: Array<{ field: string; reason: string; in?: string }>;
}
