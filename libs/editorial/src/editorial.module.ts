import { Global, Module } from '@nestjs/common';
import { VersionProvenance } from '@kravbank/catalogue';
import { EditorialProvenance } from './editorial-provenance.js';
import { EditorialService } from './editorial.service.js';

/** Global so that the catalogue finds the provenance of a version without importing editorial. */
@Global()
@Module({
  providers: [EditorialService, { provide: VersionProvenance, useClass: EditorialProvenance }],
  exports: [EditorialService, VersionProvenance],
})
export class EditorialModule {}
