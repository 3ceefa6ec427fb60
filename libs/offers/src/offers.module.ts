import { Module } from '@nestjs/common';
import { ExportModule } from '@kravbank/export';
import { SpecificationsModule } from '@kravbank/specifications';
import { EvaluationService } from './evaluation.service.js';
import { OffersService } from './offers.service.js';

/** Offers on final specifications: import of the returned annexes, scoring and the evaluation report. */
@Module({
  imports: [SpecificationsModule, ExportModule],
  providers: [OffersService, EvaluationService],
  exports: [OffersService, EvaluationService],
})
export class OffersModule {}
