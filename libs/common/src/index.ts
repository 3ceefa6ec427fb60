export * from './errors.js';
export * from './problem.filter.js';
export * from './validation.js';
export * from './pagination.js';
export * from './config.js';
export * from './paths.js';
export * from './canonical-json.js';
