export * from './model.js';
export * from './dto.js';
export * from './responses.js';
export * from './scoring-views.js';
export { OffersService, MAX_OFFERS, type UploadedOfferFile } from './offers.service.js';
export { EvaluationService, type EvaluationFile } from './evaluation.service.js';
export { OffersModule } from './offers.module.js';
export { openOfficeArchive } from './archive.js';
export { readDocxAnnex } from './docx-reader.js';
