import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@kravbank/common';
import { AnnexRenderer, DocumentAnnexRenderer } from './annex-renderer.js';
import { PooledAnnexRenderer } from './pooled-renderer.js';

/**
 * Provides the tender annex renderer behind its port. Pure: no database, no HTTP. With
 * EXPORT_WORKERS > 0 (the default) exports are rendered in worker threads; with 0, or without
 * the application's configuration (unit tests), in the calling thread.
 */
@Module({
  providers: [
    {
      provide: AnnexRenderer,
      inject: [{ token: APP_CONFIG, optional: true }],
      useFactory: (config?: AppConfig) =>
        config && config.exports.workers > 0
          ? new PooledAnnexRenderer({ workers: config.exports.workers, queue: config.exports.queue, heapMb: config.exports.heapMb })
          : new DocumentAnnexRenderer(),
    },
  ],
  exports: [AnnexRenderer],
})
export class ExportModule {}
