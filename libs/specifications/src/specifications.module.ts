import { Module } from '@nestjs/common';
import { CatalogueModule } from '../../catalogue/src/catalogue.module.js';
import { ExportModule } from '../../export/src/export.module.js';
import { SpecificationsService } from './specifications.service.js';

@Module({
  imports: [CatalogueModule, ExportModule],
  providers: [SpecificationsService],
  exports: [SpecificationsService],
})
export class SpecificationsModule {}
