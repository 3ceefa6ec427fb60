export * from './audit.js';
export * from './dto.js';
export * from './audit.module.js';
export * from './responses.js';
