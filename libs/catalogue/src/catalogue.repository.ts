import type { Page } from '@kravbank/common';
import type { Category, Level, RequirementStatus } from './model.js';
import type {
  CategoryView,
  LegalSourceView,
  ProfileSummary,
  ProfileView,
  RequirementListItem,
  VersionSummary,
  VersionView,
} from './views.js';

export interface RequirementFilter {
  category?: Category;
  tag?: string;
  legalSource?: string;
  level?: Level;
  status?: RequirementStatus;
  page: number;
  limit: number;
}

export interface RequirementHead {
  key: string;
  category: Category;
  status: RequirementStatus;
  currentVersion: number;
  retiredAt: string | null;
}

/** Reads of the published catalogue. Injected by this abstract class as its token. */
export abstract class CatalogueRepository {
  abstract listRequirements(filter: RequirementFilter): Promise<Page<RequirementListItem>>;
  abstract findRequirementHead(key: string): Promise<RequirementHead | null>;
  abstract findVersion(key: string, version: number): Promise<VersionView | null>;
  abstract listVersionSummaries(key: string): Promise<VersionSummary[]>;
  abstract listVersions(key: string, page: number, limit: number): Promise<Page<VersionView>>;
  abstract listLegalSources(page: number, limit: number): Promise<Page<LegalSourceView>>;
  abstract findLegalSource(id: string): Promise<LegalSourceView | null>;
  abstract countCategories(): Promise<CategoryView[]>;
  abstract listProfiles(page: number, limit: number): Promise<Page<ProfileSummary>>;
  abstract findProfile(id: string): Promise<ProfileView | null>;
}
