export * from './model.js';
export * from './decorators.js';
export * from './auth.service.js';
export * from './identity.module.js';
export * from './demo.js';
export * from './responses.js';
export * from './login-throttle.js';
export * from './sessions.js';
