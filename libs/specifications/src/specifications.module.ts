import { Module } from '@nestjs/common';
import { CatalogueModule } from '@kravbank/catalogue';
import { ExportModule } from '@kravbank/export';
import { SpecificationsService } from './specifications.service.js';

@Module({
  imports: [CatalogueModule, ExportModule],
  providers: [SpecificationsService],
  exports: [SpecificationsService],
})
export class SpecificationsModule {}
