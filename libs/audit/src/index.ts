export * from './audit.js';
export * from './dto.js';
export * from './audit.service.js';
