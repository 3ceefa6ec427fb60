import type { Category, LegalSource, Level, Obligation, RequirementContent, RequirementStatus } from './model.js';

export interface LegalSourceCitation {
  id: string;
  section: string | null;
  title: string;
}

export interface RequirementListItem {
  key: string;
  category: Category;
  status: RequirementStatus;
  version: number;
  title: string;
  level: Level;
  obligation: Obligation;
  tags: string[];
  publishedAt: string;
}

export interface VersionView extends Omit<RequirementContent, 'legalSources'> {
  key: string;
  category: Category;
  version: number;
  legalSources: LegalSourceCitation[];
  publishedAt: string;
  contentHash: string;
  origin: 'seed' | 'proposal';
  proposalId: string | null;
  changeSummary: string | null;
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
  status: RequirementStatus;
  currentVersion: number;
  retiredAt: string | null;
  current: VersionView;
  versions: VersionSummary[];
}

export interface LegalSourceView extends LegalSource {
  /** How many requirements cite it in their current version. */
  requirementCount: number;
}

export interface CategoryView {
  id: Category;
  prefix: string;
  title: string;
  active: number;
  retired: number;
}

export interface ProfileSummary {
  id: string;
  title: string;
  description: string;
  itemCount: number;
}

export interface ProfileView extends Omit<ProfileSummary, 'itemCount'> {
  items: Array<{
    key: string;
    obligation: import('./model.js').Obligation;
    title: string;
    category: Category;
    version: number;
    status: RequirementStatus;
  }>;
}
