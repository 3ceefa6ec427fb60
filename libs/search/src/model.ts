import type { Category, Level, Obligation, RequirementStatus } from '@kravbank/catalogue';

/** The engines Kravbank can search with. */
export type EngineName = 'postgres' | 'meilisearch';

/**
 * One search document: the current published version of a requirement, flattened.
 * The database builds it; an engine stores it as it is and may throw it away at any time.
 */
export interface SearchDocument {
  key: string;
  category: Category;
  title: string;
  statement: string;
  rationale: string;
  guidance: string;
  tags: string[];
  /** Legal-source ids, in the order the version cites them (filterable). */
  legalSources: string[];
  /** The cited legal sources' titles (searchable), parallel to `legalSources`. */
  legalSourceTitles: string[];
  level: Level;
  obligation: Obligation;
  status: RequirementStatus;
  version: number;
  publishedAt: string;
  /** Catalogue order (category position, then number): how an empty query lists the bank. */
  browseOrder: number;
  /** sha256 of every field above; the reconciler compares it with the database's. */
  hash: string;
}

/** The fields of a document without its hash, as the database source builds them. */
export type SearchDocumentFields = Omit<SearchDocument, 'hash'>;

export interface SearchFilters {
  category?: Category[];
  level?: Level[];
  tag?: string[];
  legalSource?: string[];
  /** Defaults to active: retired requirements are found only when asked for. */
  status: RequirementStatus;
}

export interface SearchRequest {
  /** The text as typed; empty browses the bank in catalogue order. */
  q: string;
  filters: SearchFilters;
  page: number;
  limit: number;
}

/**
 * Highlighted fragments: the text is HTML-escaped and every match is wrapped in
 * `<mark>` … `</mark>`, so a client may insert it as HTML as it is.
 */
export interface Highlights {
  title: string;
  statement: string;
}

export interface SearchHit {
  key: string;
  version: number;
  title: string;
  category: Category;
  level: Level;
  highlights: Highlights;
}

export interface FacetCount<V extends string | number = string> {
  value: V;
  count: number;
  /** The legal source's title, on legal-source facets. */
  title?: string;
}

export interface Facets {
  category: Array<FacetCount<Category>>;
  level: Array<FacetCount<number>>;
  tag: FacetCount[];
  legalSource: FacetCount[];
}

export interface SearchResult {
  engine: EngineName;
  total: number;
  /** False when the tag and legal-source counts are estimates (a very large result); the total, category and level counts are always exact. */
  facetCountsExact: boolean;
  page: number;
  limit: number;
  hits: SearchHit[];
  facets: Facets;
}

/** At most this many values per facet, most frequent first (every list is bounded). */
export const MAX_FACET_VALUES = 30;
/** No page reaches past this many hits: narrow the search instead. */
export const MAX_SEARCH_WINDOW = 10_000;
/** The longest query text accepted. */
export const MAX_QUERY_LENGTH = 200;

export interface EngineStats {
  engine: EngineName;
  healthy: boolean;
  documents: number;
  /** Why the engine is not healthy, when it is not. */
  problem?: string;
}

export interface RebuildReport {
  engine: EngineName;
  documents: number;
  ms: number;
}

/** Sorts facet counts most frequent first, then by value, and keeps the first MAX_FACET_VALUES. */
export function topFacetValues<V extends string | number>(counts: Iterable<[V, number]>, limit = MAX_FACET_VALUES): Array<FacetCount<V>> {
  return [...counts]
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, limit)
    .map(([value, count]) => ({ value, count }));
}
