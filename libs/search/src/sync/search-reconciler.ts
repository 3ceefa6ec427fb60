import { SearchDocumentSource } from '../document-source.js';
import type { EngineName, RebuildReport, SearchDocument } from '../model.js';
import { SearchEngine } from '../search-engine.js';
import { SearchOutbox } from './search-outbox.js';

export interface ReconcileReport {
  engine: EngineName;
  /** Requirements in the database. */
  checked: number;
  /** In the database, not in the index: added. */
  missing: number;
  /** In both, with a different hash: replaced. */
  changed: number;
  /** In the index, not in the database: removed. */
  removed: number;
  ms: number;
  at: string;
}

const PAGE = 500;

/**
 * Compares the index with the database document by document (by hash) and repairs every
 * difference, or rebuilds the index from scratch. The database is the truth.
 */
export class SearchReconciler {
  constructor(
    private readonly engine: SearchEngine,
    private readonly source: SearchDocumentSource,
    private readonly outbox: SearchOutbox,
  ) {}

  reconcile(): Promise<ReconcileReport> {
    return this.outbox.exclusive(async () => {
      const t0 = performance.now();
      const indexed = new Map<string, string>();
      for await (const page of this.engine.hashes(1000)) for (const h of page) indexed.set(h.key, h.hash);
      const report = { engine: this.engine.name, checked: 0, missing: 0, changed: 0, removed: 0 };
      for await (const page of this.source.pages(PAGE)) {
        const repair: SearchDocument[] = [];
        for (const d of page) {
          report.checked++;
          const hash = indexed.get(d.key);
          if (hash === undefined) report.missing++;
          else if (hash !== d.hash) report.changed++;
          if (hash !== d.hash) repair.push(d);
          indexed.delete(d.key);
        }
        if (repair.length) await this.engine.upsert(repair);
      }
      const extra = [...indexed.keys()];
      for (let i = 0; i < extra.length; i += 1000) await this.engine.delete(extra.slice(i, i + 1000));
      report.removed = extra.length;
      return { ...report, ms: Math.round(performance.now() - t0), at: new Date().toISOString() };
    });
  }

  /** Builds a new index from the database and swaps it in; deliveries wait meanwhile and follow after. */
  rebuild(): Promise<RebuildReport> {
    return this.outbox.exclusive(async () => {
      await this.engine.prepare();
      return this.engine.rebuild(this.source.pages(PAGE));
    });
  }
}

export const describeReconcile = (r: ReconcileReport): string =>
  `search reconcile (${r.engine}): ${r.checked} requirements checked; ${r.missing} added, ${r.changed} replaced, ${r.removed} removed in ${r.ms} ms`;
