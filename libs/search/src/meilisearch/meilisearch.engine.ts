import type { Category } from '@kravbank/catalogue';
import { MARK_END, MARK_START, renderHighlight, snippet } from '../highlight.js';
import {
  topFacetValues,
  type EngineStats,
  type RebuildReport,
  type SearchDocument,
  type SearchHit,
  type SearchRequest,
  type SearchResult,
} from '../model.js';
import type { SearchVocabulary } from '../search-data.js';
import { SearchEngine, SearchEngineUnavailable, type IndexedHash } from '../search-engine.js';
import { MeiliTaskTimeout, type MeiliClient, type MeiliSearchParams, type MeiliTaskRef } from './meili-client.js';
import { buildFilter } from './meili-filter.js';
import { desiredSettings, FACET_ATTRIBUTES, settingsDrift } from './meili-settings.js';

export interface MeiliEngineOptions {
  /** The index searched; rebuilds fill `<index>_rebuild_<time>` and swap it in. */
  index: string;
  /** How long to wait for one Meilisearch task before giving up. */
  taskTimeoutMs: number;
  /** Documents per addDocuments call. */
  batchSize: number;
}

/** A Meilisearch task that failed, was cancelled or did not finish in time; the message says which and why. */
export class MeiliTaskError extends Error {
  constructor(
    message: string,
    readonly taskUid?: number,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'MeiliTaskError';
  }
}

const PRIMARY_KEY = 'key';
const RETRIEVED = ['key', 'version', 'title', 'category', 'level', 'statement'];

/**
 * The Meilisearch engine: settings applied idempotently at start, every task awaited with
 * a timeout and its failure raised, rebuilds into a fresh index swapped in atomically.
 */
export class MeilisearchEngine extends SearchEngine {
  readonly name = 'meilisearch' as const;
  private readonly options: MeiliEngineOptions;

  constructor(
    private readonly client: MeiliClient,
    private readonly vocabulary: SearchVocabulary,
    options: Partial<MeiliEngineOptions> & { index: string },
  ) {
    super();
    this.options = { taskTimeoutMs: 60_000, batchSize: 1_000, ...options };
  }

  get index(): string {
    return this.options.index;
  }

  /** Creates the index when missing and applies the settings when they differ; returns the settings changed. */
  async prepare(): Promise<void> {
    await this.ensureIndex(this.index);
    await this.ensureSettings(this.index);
  }

  async ensureSettings(uid: string): Promise<string[]> {
    const desired = desiredSettings(this.vocabulary);
    const drift = settingsDrift(await this.client.getSettings(uid), desired);
    if (drift.length)
      await this.settle(this.client.updateSettings(uid, desired), `update the settings of index ${uid} (${drift.join(', ')})`);
    return drift;
  }

  private async ensureIndex(uid: string): Promise<void> {
    const info = await this.client.getIndex(uid);
    if (!info) {
      await this.settle(this.client.createIndex(uid, PRIMARY_KEY), `create index ${uid}`);
    } else if (info.primaryKey && info.primaryKey !== PRIMARY_KEY) {
      throw new MeiliTaskError(
        `Index ${uid} has primary key '${info.primaryKey}', not '${PRIMARY_KEY}': it is not a Kravbank index. Set MEILI_INDEX to another name.`,
      );
    }
  }

  async upsert(documents: SearchDocument[]): Promise<void> {
    await this.add(this.index, documents);
  }

  private async add(uid: string, documents: SearchDocument[]): Promise<number> {
    for (let i = 0; i < documents.length; i += this.options.batchSize) {
      const batch = documents.slice(i, i + this.options.batchSize).map(toMeiliDocument);
      await this.settle(this.client.addDocuments(uid, batch, PRIMARY_KEY), `add ${batch.length} document(s) to index ${uid}`);
    }
    return documents.length;
  }

  async delete(keys: string[]): Promise<void> {
    if (keys.length)
      await this.settle(this.client.deleteDocuments(this.index, keys), `delete ${keys.length} document(s) from index ${this.index}`);
  }

  async search(request: SearchRequest): Promise<SearchResult> {
    const q = request.q.trim();
    const params: MeiliSearchParams = {
      filter: buildFilter(request.filters),
      facets: Object.values(FACET_ATTRIBUTES),
      page: request.page,
      hitsPerPage: request.limit,
      attributesToRetrieve: RETRIEVED,
      attributesToHighlight: ['title', 'statement'],
      attributesToCrop: ['statement'],
      cropLength: 40,
      cropMarker: '…',
      highlightPreTag: MARK_START,
      highlightPostTag: MARK_END,
    };
    if (!q) params.sort = ['browseOrder:asc'];
    let r;
    try {
      r = await this.client.search(this.index, q, params);
    } catch (e) {
      throw new SearchEngineUnavailable(`Meilisearch did not answer a search on index ${this.index}: ${(e as Error).message}`, {
        cause: e,
      });
    }
    const facet = (attribute: string) => Object.entries(r.facetDistribution?.[attribute] ?? {});
    return {
      engine: this.name,
      total: r.totalHits ?? r.hits.length,
      // Meilisearch counts every facet value it returns (up to maxValuesPerFacet).
      facetCountsExact: true,
      page: request.page,
      limit: request.limit,
      hits: r.hits.map((h): SearchHit => {
        const f = h._formatted ?? {};
        return {
          key: String(h.key),
          version: Number(h.version),
          title: String(h.title),
          category: h.category as Category,
          level: Number(h.level) as SearchHit['level'],
          highlights: {
            title: renderHighlight(String(f.title ?? h.title)),
            statement: renderHighlight(typeof f.statement === 'string' ? f.statement : snippet(String(h.statement ?? ''))),
          },
        };
      }),
      facets: {
        category: topFacetValues(facet(FACET_ATTRIBUTES.category) as Array<[Category, number]>),
        level: topFacetValues(facet(FACET_ATTRIBUTES.level).map(([v, n]): [number, number] => [Number(v), n])),
        tag: topFacetValues(facet(FACET_ATTRIBUTES.tag)),
        legalSource: topFacetValues(facet(FACET_ATTRIBUTES.legalSource)),
      },
    };
  }

  /**
   * Fills a fresh index with the same settings, then swaps it with the live one in one
   * atomic task: searches answer from the old documents until the swap.
   */
  async rebuild(batches: AsyncIterable<SearchDocument[]>): Promise<RebuildReport> {
    const t0 = performance.now();
    const fresh = `${this.index}_rebuild_${Date.now()}`;
    let documents = 0;
    try {
      await this.settle(this.client.createIndex(fresh, PRIMARY_KEY), `create index ${fresh}`);
      await this.ensureSettings(fresh);
      for await (const batch of batches) documents += await this.add(fresh, batch);
      await this.ensureIndex(this.index);
      await this.settle(this.client.swapIndexes(this.index, fresh), `swap index ${fresh} into ${this.index}`);
    } catch (e) {
      await this.dropQuietly(fresh);
      throw e;
    }
    // After the swap `fresh` holds the old documents.
    await this.settle(this.client.deleteIndex(fresh), `delete the replaced index (now ${fresh})`);
    return { engine: this.name, documents, ms: Math.round(performance.now() - t0) };
  }

  private async dropQuietly(uid: string): Promise<void> {
    try {
      if (await this.client.getIndex(uid)) await this.settle(this.client.deleteIndex(uid), `delete index ${uid}`);
    } catch {
      // The rebuild's own error is the one to report; a leftover index is harmless and named.
    }
  }

  async *hashes(pageSize: number): AsyncIterable<IndexedHash[]> {
    for (let offset = 0; ; offset += pageSize) {
      const page = await this.client.getDocuments(this.index, { offset, limit: pageSize, fields: [PRIMARY_KEY, 'hash'] });
      if (page.results.length) yield page.results.map((d) => ({ key: String(d.key), hash: String(d.hash ?? '') }));
      if (page.results.length < pageSize || offset + pageSize >= page.total) return;
    }
  }

  async stats(): Promise<EngineStats> {
    try {
      await this.client.health();
      const s = await this.client.indexStats(this.index);
      return { engine: this.name, healthy: true, documents: s.numberOfDocuments };
    } catch (e) {
      return { engine: this.name, healthy: false, documents: 0, problem: (e as Error).message };
    }
  }

  /** Awaits the enqueued task and raises when it failed, was cancelled or took too long. */
  private async settle(enqueued: Promise<MeiliTaskRef>, what: string): Promise<void> {
    const { taskUid } = await enqueued;
    let task;
    try {
      task = await this.client.waitForTask(taskUid, this.options.taskTimeoutMs);
    } catch (e) {
      if (e instanceof MeiliTaskTimeout)
        throw new MeiliTaskError(`Meilisearch did not ${what} within ${e.timeoutMs} ms (task ${taskUid}).`, taskUid);
      throw e;
    }
    if (task.status === 'succeeded') return;
    const why = task.error ? `${task.error.code}: ${task.error.message}` : task.status;
    throw new MeiliTaskError(`Meilisearch could not ${what}: task ${taskUid} ${task.status} (${why}).`, taskUid, task.error?.code);
  }
}

export function toMeiliDocument(d: SearchDocument): Record<string, unknown> {
  return { ...d };
}
