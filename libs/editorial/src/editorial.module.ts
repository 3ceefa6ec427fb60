import { Global, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CatalogueModule, VersionProvenance } from '@kravbank/catalogue';
import { EditorialProvenance } from './editorial-provenance.js';
import { EditorialService } from './editorial.service.js';
import { ProposalStore } from './proposal.store.js';
import { TypeOrmProposalStore } from './typeorm-proposal.store.js';

/** Global so that the catalogue finds the provenance of a version without importing editorial. */
@Global()
@Module({
  imports: [CatalogueModule],
  providers: [
    EditorialService,
    { provide: ProposalStore, useFactory: (db: DataSource) => new TypeOrmProposalStore(db.manager), inject: [DataSource] },
    { provide: VersionProvenance, useClass: EditorialProvenance },
  ],
  exports: [EditorialService, VersionProvenance],
})
export class EditorialModule {}
