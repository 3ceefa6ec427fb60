import { createHash } from 'node:crypto';
import type { SearchDocument, SearchDocumentFields } from './model.js';

/** The fields in a fixed order, so that the hash does not depend on how an object was built. */
const HASHED_FIELDS: Array<keyof SearchDocumentFields> = [
  'key',
  'category',
  'title',
  'statement',
  'rationale',
  'guidance',
  'tags',
  'legalSources',
  'legalSourceTitles',
  'level',
  'obligation',
  'status',
  'version',
  'publishedAt',
  'browseOrder',
];

export function documentHash(fields: SearchDocumentFields): string {
  const canonical = JSON.stringify(HASHED_FIELDS.map((f) => fields[f]));
  return createHash('sha256').update(canonical).digest('hex');
}

export function withHash(fields: SearchDocumentFields): SearchDocument {
  const plain = Object.fromEntries(HASHED_FIELDS.map((f) => [f, fields[f]])) as unknown as SearchDocumentFields;
  return { ...plain, hash: documentHash(plain) };
}

/** The catalogue order of a requirement: category position first, then its number. */
export function browseOrderOf(categoryPosition: number, number: number): number {
  return categoryPosition * 10_000_000 + number;
}
