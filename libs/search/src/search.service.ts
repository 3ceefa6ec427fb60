import { Injectable, Logger } from '@nestjs/common';
import { DomainError, invalid } from '@kravbank/common';
import type { Level } from '@kravbank/catalogue';
import { SearchDocumentSource } from './document-source.js';
import type { SearchQueryDto } from './dto.js';
import { MAX_SEARCH_WINDOW, type EngineStats, type SearchRequest, type SearchResult } from './model.js';
import { SearchEngine, SearchEngineUnavailable } from './search-engine.js';
import { SearchSyncService, type SyncStatus } from './sync/search-sync.service.js';

export interface SearchStatusView extends EngineStats {
  sync: SyncStatus;
}

@Injectable()
export class SearchService {
  private readonly logger = new Logger('Search');

  constructor(
    private readonly engine: SearchEngine,
    private readonly source: SearchDocumentSource,
    private readonly sync: SearchSyncService,
  ) {}

  async search(query: SearchQueryDto): Promise<SearchResult> {
    if (query.page * query.limit > MAX_SEARCH_WINDOW) {
      throw invalid('page', `page × limit must be at most ${MAX_SEARCH_WINDOW}: narrow the search with words or filters instead`);
    }
    const request: SearchRequest = {
      // A trailing space is kept: it tells that the last word is complete (no prefix match).
      q: (query.q ?? '').replace(/[\u0000-\u001f\u007f]/g, ' ').trimStart(),
      filters: {
        category: query.category,
        level: query.level as Level[] | undefined,
        tag: query.tag,
        legalSource: query.legalSource,
        status: query.status ?? 'active',
      },
      page: query.page,
      limit: query.limit,
    };
    let result: SearchResult;
    try {
      result = await this.engine.search(request);
    } catch (e) {
      if (!(e instanceof SearchEngineUnavailable)) throw e;
      this.logger.error({ err: e.cause ?? e }, `search engine ${this.engine.name} unavailable: ${e.message}`);
      throw new DomainError(
        'unavailable',
        'search_unavailable',
        'Search is unavailable right now. The catalogue can still be listed and filtered at /api/requirements.',
        [],
        {
          engine: this.engine.name,
        },
      );
    }
    const titles = await this.source.legalSourceTitles(result.facets.legalSource.map((f) => f.value));
    result.facets.legalSource = result.facets.legalSource.map((f) => ({ ...f, title: titles.get(f.value) ?? f.value }));
    return result;
  }

  async status(): Promise<SearchStatusView> {
    const [stats, sync] = await Promise.all([this.engine.stats(), this.sync.status()]);
    // The public view leaves out error texts: they may name internal hosts.
    return {
      engine: stats.engine,
      healthy: stats.healthy,
      documents: stats.documents,
      sync: {
        ...sync,
        backlog: { ...sync.backlog, lastError: sync.backlog.lastError ? 'see the server log' : null },
        engineProblem: sync.engineProblem ? 'see the server log' : null,
      },
    };
  }
}
