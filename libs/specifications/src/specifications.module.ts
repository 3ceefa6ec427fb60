import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CatalogueModule } from '@kravbank/catalogue';
import { ExportModule } from '@kravbank/export';
import { SpecificationStore } from './specification.store.js';
import { SpecificationsService } from './specifications.service.js';
import { TypeOrmSpecificationStore } from './typeorm-specification.store.js';

@Module({
  imports: [CatalogueModule, ExportModule],
  providers: [
    SpecificationsService,
    { provide: SpecificationStore, useFactory: (db: DataSource) => new TypeOrmSpecificationStore(db.manager), inject: [DataSource] },
  ],
  exports: [SpecificationsService],
})
export class SpecificationsModule {}
