import type { EngineName, EngineStats, RebuildReport, SearchDocument, SearchRequest, SearchResult } from './model.js';

/** The engine could not answer (it is down, or timed out): a 503 for the caller, not a bug. */
export class SearchEngineUnavailable extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SearchEngineUnavailable';
  }
}

/** A page of (key, hash) pairs read from an index, for the reconciler. */
export interface IndexedHash {
  key: string;
  hash: string;
}

/**
 * The search engine port. Kravbank has two adapters: Postgres full-text search (the
 * default) and Meilisearch. Both hold a derived copy of the catalogue that can be
 * thrown away and rebuilt from the database at any time.
 */
export abstract class SearchEngine {
  abstract readonly name: EngineName;

  /** Creates what the engine needs (index, settings); safe to call at every start. */
  abstract prepare(): Promise<void>;

  /** Adds or replaces documents by key. */
  abstract upsert(documents: SearchDocument[]): Promise<void>;

  /** Removes documents by key; unknown keys are ignored. */
  abstract delete(keys: string[]): Promise<void>;

  abstract search(request: SearchRequest): Promise<SearchResult>;

  /**
   * Replaces the whole index with the given documents. Search keeps answering from the
   * old index until the new one is complete.
   */
  abstract rebuild(batches: AsyncIterable<SearchDocument[]>): Promise<RebuildReport>;

  /** Every indexed document's key and hash, in pages of at most `pageSize`. */
  abstract hashes(pageSize: number): AsyncIterable<IndexedHash[]>;

  abstract stats(): Promise<EngineStats>;
}
