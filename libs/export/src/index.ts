export * from './snapshot.js';
export * from './annex-renderer.js';
export * from './export.module.js';
export { contentFingerprint } from './fingerprint.js';
