export * from './model.js';
export * from './dto.js';
export { EditorialService, type ProposalEvent, type ProposalView } from './editorial.service.js';
export * from './editorial.module.js';
export * from './responses.js';
