export * from './snapshot.js';
export * from './annex-renderer.js';
export * from './export.module.js';
export { contentFingerprint, canonicalJson } from './fingerprint.js';
export { exportFileName } from './labels.js';
export { DOCX_CONTENT_TYPE } from './docx-annex.js';
export { CSV_CONTENT_TYPE } from './csv-annex.js';
export { JSON_CONTENT_TYPE, JSON_EXPORT_FORMAT, type JsonExport, type JsonExportItem } from './json-annex.js';
export { spreadsheetText, looksLikeFormula } from './spreadsheet-text.js';
