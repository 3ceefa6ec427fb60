import type { DataSource } from 'typeorm';
import type { AppConfig } from '@kravbank/common';
import { MeilisearchEngine } from './meilisearch/meilisearch.engine.js';
import { OfficialMeiliClient } from './meilisearch/meili-client.js';
import { PostgresSearchEngine } from './postgres/postgres-search.engine.js';
import type { SearchVocabulary } from './search-data.js';
import type { SearchEngine } from './search-engine.js';

/** Meilisearch when MEILI_URL is set, else Postgres full-text search. */
export function createSearchEngine(config: Pick<AppConfig, 'meili'>, db: DataSource, vocabulary: SearchVocabulary): SearchEngine {
  if (config.meili) {
    return new MeilisearchEngine(new OfficialMeiliClient({ url: config.meili.url, apiKey: config.meili.apiKey }), vocabulary, {
      index: config.meili.index,
    });
  }
  return new PostgresSearchEngine(db, vocabulary);
}
