import { Module } from '@nestjs/common';
import { AnnexRenderer, DocumentAnnexRenderer } from './annex-renderer.js';

/** Provides the tender annex renderer behind its port. Pure: no database, no HTTP. */
@Module({
  providers: [{ provide: AnnexRenderer, useFactory: () => new DocumentAnnexRenderer() }],
  exports: [AnnexRenderer],
})
export class ExportModule {}
