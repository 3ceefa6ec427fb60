import {
  Inject,
  Injectable,
  Logger,
  Optional,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type OnModuleDestroy,
} from '@nestjs/common';
import { REQUIREMENT_PUBLISHED, REQUIREMENT_RETIRED } from '@kravbank/catalogue';
import { SearchDocumentSource } from '../document-source.js';
import { SearchEngine } from '../search-engine.js';
import { SearchReconciler, describeReconcile, type ReconcileReport } from './search-reconciler.js';
import { SearchOutbox, type DeliveryRound, type OutboxBacklog } from './search-outbox.js';

/** The outbox topics that change the index. */
export const SEARCH_TOPICS = [REQUIREMENT_PUBLISHED, REQUIREMENT_RETIRED] as const;

export interface SearchSyncOptions {
  /** Run the delivery loop in this process (the default). */
  worker: boolean;
  /** Idle wait between polls of the outbox. */
  pollMs: number;
  /** Events claimed per round. */
  batchSize: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Reconcile once after start-up (catches an index that was emptied, swapped or changed engine). */
  reconcileOnStart: boolean;
  /** Reconcile again this often; 0 turns it off. */
  reconcileEveryMs: number;
}

export const SEARCH_SYNC_OPTIONS = Symbol('SEARCH_SYNC_OPTIONS');

export const DEFAULT_SYNC_OPTIONS: SearchSyncOptions = {
  worker: true,
  pollMs: 250,
  batchSize: 200,
  baseDelayMs: 1_000,
  maxDelayMs: 5 * 60_000,
  reconcileOnStart: true,
  reconcileEveryMs: 6 * 60 * 60_000,
};

export interface DrainReport {
  delivered: number;
  failed: number;
  /** Events still waiting for a retry (they failed and back off). */
  waiting: number;
}

export interface SyncStatus {
  worker: 'running' | 'stopped';
  ready: boolean;
  backlog: OutboxBacklog;
  lastReconcile: ReconcileReport | null;
  /** Why the engine could not be prepared, while it cannot. */
  engineProblem: string | null;
}

/**
 * Delivers `requirement.published` / `requirement.retired` outbox events to the search
 * engine: a loop in the API process that polls the outbox (and is kicked at start-up),
 * retries failures with exponential backoff, reconciles after start and periodically,
 * and stops cleanly on shutdown. `drain()` delivers everything due and returns when done.
 */
@Injectable()
export class SearchSyncService implements OnApplicationBootstrap, OnModuleDestroy, OnApplicationShutdown {
  private readonly logger = new Logger('SearchSync');
  private readonly options: SearchSyncOptions;
  private running = false;
  private loopDone: Promise<void> = Promise.resolve();
  private wake: (() => void) | null = null;
  private prepared: Promise<void> | null = null;
  private engineProblem: string | null = null;
  private lastReconcile: ReconcileReport | null = null;
  private nextReconcileAt = 0;
  private readyResolve!: () => void;
  private readonly readyPromise = new Promise<void>((resolve) => (this.readyResolve = resolve));
  private isReady = false;
  /** The start-up delivery and reconcile ran (a restart of the loop does not repeat them). */
  private startupDone = false;

  constructor(
    private readonly engine: SearchEngine,
    private readonly source: SearchDocumentSource,
    private readonly outbox: SearchOutbox,
    private readonly reconciler: SearchReconciler,
    @Optional() @Inject(SEARCH_SYNC_OPTIONS) options?: Partial<SearchSyncOptions>,
  ) {
    this.options = { ...DEFAULT_SYNC_OPTIONS, ...options };
  }

  onApplicationBootstrap(): void {
    if (this.options.worker) this.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.stop();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loopDone = this.loop();
  }

  /** Stops the loop after the round in progress (waits for it at most `graceMs`). */
  async stop(graceMs = 10_000): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.kick();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.loopDone, new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)))]);
    clearTimeout(timer);
  }

  /** Wakes the loop now instead of at the next poll. */
  kick(): void {
    this.wake?.();
  }

  /** Resolves once the loop has delivered the backlog found at start-up (and reconciled, if configured). */
  ready(): Promise<void> {
    return this.readyPromise;
  }

  /** One delivery round: claims due events, indexes the current documents of their keys. */
  async deliverOnce(): Promise<DeliveryRound> {
    await this.ensurePrepared();
    return this.outbox.deliver(SEARCH_TOPICS, this.options.batchSize, (keys) => this.index(keys), {
      baseDelayMs: this.options.baseDelayMs,
      maxDelayMs: this.options.maxDelayMs,
    });
  }

  /**
   * Delivers until no event is due, waiting for a round another worker holds. Events that
   * fail go back with a retry time and are counted as `waiting`.
   */
  async drain(timeoutMs = 30_000): Promise<DrainReport> {
    const deadline = Date.now() + timeoutMs;
    const report = { delivered: 0, failed: 0 };
    for (;;) {
      const round = await this.deliverOnce();
      report.delivered += round.delivered;
      report.failed += round.failed;
      if (!round.locked && round.claimed === 0) break;
      if (Date.now() > deadline) {
        const backlog = await this.outbox.backlog(SEARCH_TOPICS);
        throw new Error(
          `The search outbox was not drained within ${timeoutMs} ms: ${backlog.due} due, ${backlog.waiting} waiting${backlog.lastError ? ` (last error: ${backlog.lastError})` : ''}.`,
        );
      }
      if (round.locked) await sleep(20);
    }
    const { waiting } = await this.outbox.backlog(SEARCH_TOPICS);
    return { ...report, waiting };
  }

  async reconcile(): Promise<ReconcileReport> {
    await this.ensurePrepared();
    const report = await this.reconciler.reconcile();
    this.lastReconcile = report;
    this.nextReconcileAt = this.options.reconcileEveryMs > 0 ? Date.now() + this.options.reconcileEveryMs : Number.POSITIVE_INFINITY;
    const repaired = report.missing + report.changed + report.removed;
    if (repaired) this.logger.warn(describeReconcile(report));
    else this.logger.log(describeReconcile(report));
    return report;
  }

  async status(): Promise<SyncStatus> {
    return {
      worker: this.running ? 'running' : 'stopped',
      ready: this.isReady,
      backlog: await this.outbox.backlog(SEARCH_TOPICS),
      lastReconcile: this.lastReconcile,
      engineProblem: this.engineProblem,
    };
  }

  private async index(keys: string[]): Promise<void> {
    const documents = await this.source.findByKeys(keys);
    const found = new Set(documents.map((d) => d.key));
    const gone = keys.filter((k) => !found.has(k));
    if (documents.length) await this.engine.upsert(documents);
    if (gone.length) await this.engine.delete(gone);
  }

  private ensurePrepared(): Promise<void> {
    this.prepared ??= this.engine.prepare().then(
      () => {
        this.engineProblem = null;
      },
      (e: unknown) => {
        this.prepared = null;
        this.engineProblem = (e as Error).message;
        throw e;
      },
    );
    return this.prepared;
  }

  private async loop(): Promise<void> {
    let failures = 0;
    while (this.running) {
      let busy = false;
      try {
        const round = await this.deliverOnce();
        if (round.failed) this.logger.warn(`search sync: ${round.failed} event(s) failed and will be retried: ${round.error}`);
        busy = round.claimed > 0 && round.failed === 0;
        if (!busy && !round.locked) {
          if (!this.startupDone) {
            if (this.options.reconcileOnStart) await this.reconcile();
            this.startupDone = true;
            this.markReady();
          } else if (Date.now() >= this.nextReconcileAt) {
            await this.reconcile();
          }
        }
        failures = 0;
      } catch (e) {
        failures++;
        if (!this.running) break;
        this.logger.error(`search sync failed (${failures} in a row): ${(e as Error).message}`);
      }
      if (busy) continue;
      // Back off while the engine or the database fails; poll briskly otherwise.
      const wait = failures ? Math.min(this.options.maxDelayMs, this.options.baseDelayMs * 2 ** (failures - 1)) : this.options.pollMs;
      await this.sleepUnlessKicked(wait);
    }
  }

  private markReady(): void {
    if (this.isReady) return;
    this.isReady = true;
    this.readyResolve();
  }

  private sleepUnlessKicked(ms: number): Promise<void> {
    if (!this.running) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = () => {
        this.wake = null;
        done();
      };
    });
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
