import type { EntityManager } from 'typeorm';
import type { Page } from '@kravbank/common';
import type { Category, LegalSource, Level, Obligation, RequirementStatus } from './model.js';
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

/** What a list of pinned items shows of each pin: its requirement's head and the version's own text. */
export interface PinnedText {
  head: RequirementHead;
  title: string;
  statement: string;
  level: Level;
}

/** A requirement version pinned by key and number. */
export interface VersionPin {
  key: string;
  version: number;
}

/** What pinning a requirement needs: its state and the obligation each of its versions suggests. */
export interface PinOptions {
  status: RequirementStatus;
  currentVersion: number;
  obligations: Map<number, Obligation>;
}

/** A profile's active requirements at their current versions, in profile order. */
export interface ProfileSelectionItem {
  key: string;
  version: number;
  obligation: Obligation;
  position: number;
}

/** The bank as a whole: the day (Copenhagen time) of its newest publication and how many requirements are active. */
export interface BankState {
  lastPublishedDay: string | null;
  active: number;
}

/** What checking a change proposal needs, read in one round trip. */
export interface ProposalFacts {
  /** Which of the asked legal sources exist. */
  known: Set<string>;
  requirement: { status: RequirementStatus; currentVersion: number } | null;
  /** Content hash of the asked version; null when there is none. */
  versionHash: string | null;
}

/** A requirement's current version as the search index takes it. */
export interface CurrentVersionRecord {
  key: string;
  category: Category;
  categoryPosition: number;
  number: number;
  status: RequirementStatus;
  version: number;
  title: string;
  statement: string;
  rationale: string;
  guidance: string;
  tags: string[];
  level: number;
  obligation: Obligation;
  publishedAt: Date;
  legalSources: Array<{ id: string; title: string }>;
}

/** The key of a pinned version in the maps below. */
export const pinKey = (key: string, version: number): string => `${key}@${version}`;

/**
 * Reads of the published catalogue: the only way other libs read its tables. Injected by this
 * abstract class as its token; `within(manager)` gives the same reads inside a transaction.
 */
export abstract class CatalogueRepository {
  /** The same reads on a transaction's connection. */
  abstract within(manager: EntityManager): CatalogueRepository;
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

  /** Heads of many requirements at once; keys without a requirement are left out. */
  abstract findHeads(keys: string[]): Promise<Map<string, RequirementHead>>;
  /** Many pinned versions at once, by `pinKey`; pins without a version are left out. */
  abstract findVersions(pins: VersionPin[]): Promise<Map<string, VersionView>>;
  /** Heads and texts of many pinned versions in one read, by `pinKey` (the lists of specification items); pins without a version are left out. */
  abstract findPinnedTexts(pins: VersionPin[]): Promise<Map<string, PinnedText>>;
  /** For each existing key: its state and the obligation of each of its versions. */
  abstract findPinOptions(keys: string[]): Promise<Map<string, PinOptions>>;
  /** The legal sources these versions cite, each once, by title. */
  abstract listLegalSourcesCitedBy(pins: VersionPin[]): Promise<LegalSource[]>;
  /** Category ids with their position in the bank's order. */
  abstract categoryPositions(): Promise<Map<Category, number>>;
  abstract bankState(): Promise<BankState>;
  /** The profile's active requirements; null when there is no such profile. */
  abstract findProfileSelection(profileId: string): Promise<ProfileSelectionItem[] | null>;
  abstract findProposalFacts(legalSourceIds: string[], key: string | null, version: number | null): Promise<ProposalFacts>;
  /** Current versions of these keys, by key. */
  abstract findCurrentVersions(keys: string[]): Promise<CurrentVersionRecord[]>;
  /** Current versions of the keys after `after`, by key, at most `limit`. */
  abstract listCurrentVersions(after: string, limit: number): Promise<CurrentVersionRecord[]>;
  abstract legalSourceTitles(ids: string[]): Promise<Map<string, string>>;
}
