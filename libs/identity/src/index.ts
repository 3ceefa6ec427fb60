export * from './model.js';
export * from './decorators.js';
export * from './auth.service.js';
export * from './identity.module.js';
export * from './demo.js';
