import type { Settings } from 'meilisearch';
import {
  MeiliTaskTimeout,
  type MeiliClient,
  type MeiliSearchParams,
  type MeiliSearchResponse,
  type MeiliTask,
  type MeiliTaskRef,
} from '@kravbank/search';

interface FakeIndex {
  primaryKey: string | null;
  settings: Settings;
  documents: Map<string, Record<string, unknown>>;
}

type Step = () => { ok: true } | { ok: false; code: string; message: string };

/**
 * An in-memory stand-in for the MeiliClient contract, for unit tests of the engine. Like
 * the server, every write is a task that is enqueued first and applied when awaited; a
 * task fails (rather than the call) on a missing or duplicate index; searching returns
 * what the test scripts and records the request. Tests can make the next tasks fail or
 * never finish.
 */
export class FakeMeiliClient implements MeiliClient {
  readonly indexes = new Map<string, FakeIndex>();
  readonly calls: string[] = [];
  readonly searches: Array<{ uid: string; q: string; params: MeiliSearchParams }> = [];
  searchResponse: MeiliSearchResponse = { hits: [], totalHits: 0, facetDistribution: {} };
  searchError: Error | null = null;
  healthy = true;
  /** Outcomes forced on the next tasks, in order: a failure code, or 'hang' (never finishes). */
  readonly forced: Array<{ code: string; message: string } | 'hang'> = [];
  private readonly tasks = new Map<number, { type: string; step: Step; result?: MeiliTask; hang?: boolean }>();
  private nextUid = 1;

  async health() {
    if (!this.healthy) throw new Error('connect ECONNREFUSED');
  }

  async getIndex(uid: string) {
    this.calls.push(`getIndex ${uid}`);
    const i = this.indexes.get(uid);
    return i ? { uid, primaryKey: i.primaryKey } : null;
  }

  async createIndex(uid: string, primaryKey: string) {
    this.calls.push(`createIndex ${uid}`);
    return this.enqueue('indexCreation', () => {
      if (this.indexes.has(uid)) return fail('index_already_exists', `Index \`${uid}\` already exists.`);
      this.indexes.set(uid, { primaryKey, settings: {}, documents: new Map() });
      return { ok: true };
    });
  }

  async deleteIndex(uid: string) {
    this.calls.push(`deleteIndex ${uid}`);
    return this.enqueue('indexDeletion', () =>
      this.indexes.delete(uid) ? { ok: true } : fail('index_not_found', `Index \`${uid}\` not found.`),
    );
  }

  async getSettings(uid: string): Promise<Settings> {
    const i = this.indexes.get(uid);
    if (!i) throw new Error(`Index \`${uid}\` not found.`);
    return structuredClone(i.settings);
  }

  async updateSettings(uid: string, settings: Settings) {
    this.calls.push(`updateSettings ${uid}`);
    return this.enqueue('settingsUpdate', () => {
      const i = this.indexes.get(uid);
      if (!i) return fail('index_not_found', `Index \`${uid}\` not found.`);
      i.settings = { ...i.settings, ...structuredClone(settings) };
      return { ok: true };
    });
  }

  async addDocuments(uid: string, documents: Array<Record<string, unknown>>, primaryKey: string) {
    this.calls.push(`addDocuments ${uid} ${documents.length}`);
    const copy = structuredClone(documents);
    return this.enqueue('documentAdditionOrUpdate', () => {
      // Like the server, adding documents creates a missing index.
      const i = this.indexes.get(uid) ?? { primaryKey, settings: {}, documents: new Map() };
      this.indexes.set(uid, i);
      for (const d of copy) i.documents.set(String(d[primaryKey]), d);
      return { ok: true };
    });
  }

  async deleteDocuments(uid: string, ids: string[]) {
    this.calls.push(`deleteDocuments ${uid} ${ids.length}`);
    return this.enqueue('documentDeletion', () => {
      const i = this.indexes.get(uid);
      if (!i) return fail('index_not_found', `Index \`${uid}\` not found.`);
      for (const id of ids) i.documents.delete(id);
      return { ok: true };
    });
  }

  async getDocuments(uid: string, query: { offset: number; limit: number; fields: string[] }) {
    const i = this.indexes.get(uid);
    if (!i) throw new Error(`Index \`${uid}\` not found.`);
    const all = [...i.documents.values()];
    const results = all.slice(query.offset, query.offset + query.limit).map((d) => Object.fromEntries(query.fields.map((f) => [f, d[f]])));
    return { results, total: all.length };
  }

  async search(uid: string, q: string, params: MeiliSearchParams) {
    this.searches.push({ uid, q, params: structuredClone(params) });
    if (this.searchError) throw this.searchError;
    return structuredClone(this.searchResponse);
  }

  async swapIndexes(a: string, b: string) {
    this.calls.push(`swapIndexes ${a} ${b}`);
    return this.enqueue('indexSwap', () => {
      const ia = this.indexes.get(a);
      const ib = this.indexes.get(b);
      if (!ia || !ib) return fail('index_not_found', `Indexes ${!ia ? a : b} not found.`);
      this.indexes.set(a, ib);
      this.indexes.set(b, ia);
      return { ok: true };
    });
  }

  async waitForTask(taskUid: number, timeoutMs: number): Promise<MeiliTask> {
    const t = this.tasks.get(taskUid);
    if (!t) throw new Error(`Task \`${taskUid}\` not found.`);
    if (t.hang) throw new MeiliTaskTimeout(taskUid, timeoutMs);
    if (!t.result) {
      const outcome = t.step();
      t.result = {
        uid: taskUid,
        type: t.type,
        status: outcome.ok ? 'succeeded' : 'failed',
        error: outcome.ok ? null : { code: outcome.code, message: outcome.message },
      };
    }
    return t.result;
  }

  async indexStats(uid: string) {
    const i = this.indexes.get(uid);
    if (!i) throw new Error(`Index \`${uid}\` not found.`);
    return { numberOfDocuments: i.documents.size, isIndexing: false };
  }

  private enqueue(type: string, step: Step): MeiliTaskRef {
    const taskUid = this.nextUid++;
    const forced = this.forced.shift();
    if (forced === 'hang') this.tasks.set(taskUid, { type, step, hang: true });
    else if (forced) this.tasks.set(taskUid, { type, step: () => fail(forced.code, forced.message) });
    else this.tasks.set(taskUid, { type, step });
    return { taskUid };
  }
}

const fail = (code: string, message: string) => ({ ok: false as const, code, message });
