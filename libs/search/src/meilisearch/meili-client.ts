import { Meilisearch, MeilisearchApiError, MeilisearchTaskTimeOutError, type Filter, type Settings } from 'meilisearch';

/**
 * The narrow part of Meilisearch that the engine uses. The engine depends on this
 * interface, not on the client library, so its unit tests run against a fake that keeps
 * to the same contract; `OfficialMeiliClient` adapts the official `meilisearch` client.
 */
export interface MeiliClient {
  health(): Promise<void>;
  /** The index's primary key, or null when the index does not exist. */
  getIndex(uid: string): Promise<{ uid: string; primaryKey: string | null } | null>;
  createIndex(uid: string, primaryKey: string): Promise<MeiliTaskRef>;
  deleteIndex(uid: string): Promise<MeiliTaskRef>;
  getSettings(uid: string): Promise<Settings>;
  updateSettings(uid: string, settings: Settings): Promise<MeiliTaskRef>;
  addDocuments(uid: string, documents: Array<Record<string, unknown>>, primaryKey: string): Promise<MeiliTaskRef>;
  deleteDocuments(uid: string, ids: string[]): Promise<MeiliTaskRef>;
  getDocuments(
    uid: string,
    query: { offset: number; limit: number; fields: string[] },
  ): Promise<{ results: Array<Record<string, unknown>>; total: number }>;
  search(uid: string, q: string, params: MeiliSearchParams): Promise<MeiliSearchResponse>;
  swapIndexes(a: string, b: string): Promise<MeiliTaskRef>;
  /**
   * Polls the task until it is no longer enqueued or processing and returns it, failed
   * tasks included; rejects with MeiliTaskTimeout when `timeoutMs` passes first.
   */
  waitForTask(taskUid: number, timeoutMs: number): Promise<MeiliTask>;
  indexStats(uid: string): Promise<{ numberOfDocuments: number; isIndexing: boolean }>;
}

export interface MeiliTaskRef {
  taskUid: number;
}

export interface MeiliTask {
  uid: number;
  status: 'enqueued' | 'processing' | 'succeeded' | 'failed' | 'canceled';
  type: string;
  error: { message: string; code: string } | null;
}

export interface MeiliSearchParams {
  filter?: Filter;
  facets?: string[];
  page?: number;
  hitsPerPage?: number;
  sort?: string[];
  attributesToRetrieve?: string[];
  attributesToHighlight?: string[];
  attributesToCrop?: string[];
  cropLength?: number;
  cropMarker?: string;
  highlightPreTag?: string;
  highlightPostTag?: string;
}

export interface MeiliSearchResponse {
  hits: Array<Record<string, unknown> & { _formatted?: Record<string, unknown> }>;
  totalHits?: number;
  facetDistribution?: Record<string, Record<string, number>>;
}

export class MeiliTaskTimeout extends Error {
  constructor(
    readonly taskUid: number,
    readonly timeoutMs: number,
  ) {
    super(`Meilisearch task ${taskUid} did not finish within ${timeoutMs} ms`);
    this.name = 'MeiliTaskTimeout';
  }
}

export interface MeiliConnection {
  url: string;
  apiKey?: string;
  /** Milliseconds for each HTTP request. */
  requestTimeoutMs?: number;
}

/** The official client behind the narrow interface. */
export class OfficialMeiliClient implements MeiliClient {
  private readonly client: Meilisearch;

  constructor(c: MeiliConnection) {
    this.client = new Meilisearch({ host: c.url, apiKey: c.apiKey, timeout: c.requestTimeoutMs ?? 10_000, clientAgents: ['kravbank'] });
  }

  async health(): Promise<void> {
    await this.client.health();
  }

  async getIndex(uid: string) {
    try {
      const info = await this.client.getRawIndex(uid);
      return { uid: info.uid, primaryKey: info.primaryKey ?? null };
    } catch (e) {
      if (e instanceof MeilisearchApiError && e.cause?.code === 'index_not_found') return null;
      throw e;
    }
  }

  async createIndex(uid: string, primaryKey: string) {
    return ref(await this.client.createIndex(uid, { primaryKey }));
  }

  async deleteIndex(uid: string) {
    return ref(await this.client.deleteIndex(uid));
  }

  getSettings(uid: string) {
    return this.client.index(uid).getSettings();
  }

  async updateSettings(uid: string, settings: Settings) {
    return ref(await this.client.index(uid).updateSettings(settings));
  }

  async addDocuments(uid: string, documents: Array<Record<string, unknown>>, primaryKey: string) {
    return ref(await this.client.index(uid).addDocuments(documents, { primaryKey }));
  }

  async deleteDocuments(uid: string, ids: string[]) {
    return ref(await this.client.index(uid).deleteDocuments(ids));
  }

  async getDocuments(uid: string, query: { offset: number; limit: number; fields: string[] }) {
    const r = await this.client.index(uid).getDocuments({ offset: query.offset, limit: query.limit, fields: query.fields });
    return { results: r.results, total: r.total };
  }

  async search(uid: string, q: string, params: MeiliSearchParams): Promise<MeiliSearchResponse> {
    // With `page`/`hitsPerPage` Meilisearch answers with an exhaustive `totalHits`.
    const r = (await this.client.index(uid).search(q, params)) as MeiliSearchResponse;
    return { hits: r.hits, totalHits: r.totalHits, facetDistribution: r.facetDistribution };
  }

  async swapIndexes(a: string, b: string) {
    return ref(await this.client.swapIndexes([{ indexes: [a, b], rename: false }]));
  }

  async waitForTask(taskUid: number, timeoutMs: number): Promise<MeiliTask> {
    try {
      const t = await this.client.tasks.waitForTask(taskUid, { timeout: timeoutMs, interval: 50 });
      return { uid: t.uid, status: t.status, type: t.type, error: t.error ? { message: t.error.message, code: t.error.code } : null };
    } catch (e) {
      if (e instanceof MeilisearchTaskTimeOutError) throw new MeiliTaskTimeout(taskUid, timeoutMs);
      throw e;
    }
  }

  async indexStats(uid: string) {
    const s = await this.client.index(uid).getStats();
    return { numberOfDocuments: s.numberOfDocuments, isIndexing: s.isIndexing };
  }
}

const ref = (t: { taskUid: number }): MeiliTaskRef => ({ taskUid: t.taskUid });
