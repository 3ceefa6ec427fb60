import type { SearchDocument } from './model.js';

/**
 * Where search documents come from: the published catalogue in the database, the truth
 * every index is derived from. Injected by this abstract class as its token.
 */
export abstract class SearchDocumentSource {
  /** The current documents of these keys; keys without a requirement are left out. */
  abstract findByKeys(keys: string[]): Promise<SearchDocument[]>;

  /** Every requirement's document, in key order, `pageSize` at a time. */
  abstract pages(pageSize: number): AsyncIterable<SearchDocument[]>;

  /** Titles of these legal sources, for labelling facets. */
  abstract legalSourceTitles(ids: string[]): Promise<Map<string, string>>;
}
