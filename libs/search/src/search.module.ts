import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@kravbank/common';
import { SearchDocumentSource } from './document-source.js';
import { createSearchEngine } from './engine-factory.js';
import { loadSearchVocabulary, SearchVocabulary } from './search-data.js';
import { SearchEngine } from './search-engine.js';
import { SearchService } from './search.service.js';
import { SearchOutbox } from './sync/search-outbox.js';
import { SearchReconciler } from './sync/search-reconciler.js';
import { SearchSyncService } from './sync/search-sync.service.js';
import { TypeOrmSearchOutbox } from './sync/typeorm-search-outbox.js';
import { TypeOrmSearchDocumentSource } from './typeorm-document-source.js';

/**
 * Search over the published catalogue: the engine chosen by configuration (Meilisearch
 * when MEILI_URL is set, else Postgres), the outbox worker that keeps it in step with the
 * database, the reconciler, and the service the controller calls.
 */
@Module({
  providers: [
    { provide: SearchVocabulary, useFactory: () => loadSearchVocabulary() },
    { provide: SearchDocumentSource, useClass: TypeOrmSearchDocumentSource },
    { provide: SearchOutbox, useClass: TypeOrmSearchOutbox },
    {
      provide: SearchEngine,
      useFactory: (config: AppConfig, db: DataSource, vocabulary: SearchVocabulary) => createSearchEngine(config, db, vocabulary),
      inject: [APP_CONFIG, DataSource, SearchVocabulary],
    },
    {
      provide: SearchReconciler,
      useFactory: (engine: SearchEngine, source: SearchDocumentSource, outbox: SearchOutbox) =>
        new SearchReconciler(engine, source, outbox),
      inject: [SearchEngine, SearchDocumentSource, SearchOutbox],
    },
    SearchSyncService,
    SearchService,
  ],
  exports: [SearchService, SearchSyncService, SearchReconciler, SearchEngine],
})
export class SearchModule {}
