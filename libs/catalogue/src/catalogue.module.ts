import { Module } from '@nestjs/common';
import { CatalogueRepository } from './catalogue.repository.js';
import { CatalogueService } from './catalogue.service.js';
import { TypeOrmCatalogueRepository } from './typeorm-catalogue.repository.js';

@Module({
  providers: [CatalogueService, { provide: CatalogueRepository, useClass: TypeOrmCatalogueRepository }],
  exports: [CatalogueService, CatalogueRepository],
})
export class CatalogueModule {}
