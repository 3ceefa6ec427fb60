export * from './model.js';
export * from './dto.js';
export * from './rules.js';
export * from './proposal.store.js';
export * from './editorial.service.js';
export * from './editorial.module.js';
export * from './responses.js';
