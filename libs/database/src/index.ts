export * from './embedded.js';
export * from './data-source.js';
export * from './outbox.js';
export * from './test-guard.js';
export * from './prepare.js';
export * from './schema.js';
export * from './sql-filter.js';
export * from './prepared.js';
