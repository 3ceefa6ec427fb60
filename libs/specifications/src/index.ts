export * from './dto.js';
export * from './views.js';
export * from './specifications.service.js';
export * from './specifications.module.js';
export * from './responses.js';
export * from './checks.js';
