import type { OnModuleDestroy } from '@nestjs/common';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Piscina } from 'piscina';
import { DomainError, projectRoot, RetryLaterError } from '@kravbank/common';
import { AnnexRenderer } from './annex-renderer.js';
import type { RenderTask } from './render-worker.js';
import type { ExportEdition, ExportFormat, RenderedExport, SpecificationSnapshot } from './snapshot.js';

export interface PooledRendererOptions {
  /** Worker threads (at least 1). */
  workers: number;
  /** Exports that may wait for a free thread; one more is refused with 503 and Retry-After. */
  queue: number;
  /** Each thread's old-generation heap in MiB (V8's `maxOldGenerationSizeMb`); an export that needs more is refused. */
  heapMb?: number;
  now?: () => Date;
}

/** piscina's refusals when every thread is busy and the queue is full (or there is none). */
const POOL_FULL = new Set(['Task queue is at limit', 'No task queue available and all Workers are busy']);

/** How long a refused export is asked to wait before trying again. */
const BUSY_RETRY_AFTER_SECONDS = 10;

/**
 * The compiled worker entry. From dist/ it lies beside this file; when this file runs from its
 * TypeScript source (Jest), the worker still needs JavaScript, so the build's copy is used
 * (`npm test` builds first).
 */
export function renderWorkerFile(): string {
  const here = fileURLToPath(import.meta.url);
  const sibling = path.join(path.dirname(here), 'render-worker.js');
  if (here.endsWith('.js') && existsSync(sibling)) return sibling;
  const built = path.join(projectRoot(), 'dist/libs/export/src/render-worker.js');
  if (!existsSync(built)) throw new Error(`The export worker ${built} is missing: run npm run build first.`);
  return built;
}

/**
 * Renders exports in a pool of worker threads (piscina), so that a large DOCX does not hold up
 * every other request on the event loop. The queue is bounded: when it is full the export is
 * refused at once with 503 `export_busy` and Retry-After, instead of waiting without end.
 */
export class PooledAnnexRenderer extends AnnexRenderer implements OnModuleDestroy {
  private readonly pool: Piscina<RenderTask, RenderedExport>;
  private readonly now: () => Date;

  constructor(options: PooledRendererOptions) {
    super();
    this.now = options.now ?? (() => new Date());
    this.pool = new Piscina<RenderTask, RenderedExport>({
      filename: pathToFileURL(renderWorkerFile()).href,
      minThreads: 0,
      maxThreads: Math.max(1, options.workers),
      maxQueue: options.queue,
      // A thread that has loaded the document library is kept a while for the next export.
      idleTimeout: 60_000,
      // Exports yield the CPU to the request thread (nice 10, through piscina's optional
      // @napi-rs/nice): a large export may take longer on a busy machine, other requests do not.
      niceIncrement: 10,
      // A bounded heap makes V8 collect an earlier export's garbage instead of growing past it; the largest
      // specification (2,000 items, buyer edition) renders in about 300 MiB.
      ...(options.heapMb ? { resourceLimits: { maxOldGenerationSizeMb: options.heapMb } } : {}),
    });
  }

  async render(snapshot: SpecificationSnapshot, format: ExportFormat, edition: ExportEdition): Promise<RenderedExport> {
    let out: RenderedExport;
    try {
      out = await this.pool.run({ snapshot, format, edition, nowIso: this.now().toISOString() });
    } catch (e) {
      if ((e as { code?: string })?.code === 'ERR_WORKER_OUT_OF_MEMORY')
        throw new DomainError(
          'unavailable',
          'export_out_of_memory',
          'The export needs more memory than an export worker may use (EXPORT_WORKER_HEAP_MB).',
        );
      if (!POOL_FULL.has((e as Error)?.message)) throw e;
      throw new RetryLaterError(
        'unavailable',
        'export_busy',
        'Too many exports are being prepared right now. Try again shortly.',
        BUSY_RETRY_AFTER_SECONDS,
      );
    }
    // A Buffer arrives from the thread as a plain Uint8Array over the same memory.
    return { ...out, body: Buffer.from(out.body.buffer, out.body.byteOffset, out.body.byteLength) };
  }

  async onModuleDestroy(): Promise<void> {
    await this.pool.destroy();
  }
}
