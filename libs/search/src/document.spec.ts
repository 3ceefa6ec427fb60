import { documentHash, withHash } from './document.js';
import type { SearchDocumentFields } from './model.js';

const fields: SearchDocumentFields = {
  key: 'SIK-001',
  category: 'security',
  title: 'T',
  statement: 'S',
  rationale: 'R',
  guidance: 'G',
  tags: ['a', 'b'],
  legalSources: ['gdpr'],
  legalSourceTitles: ['GDPR'],
  level: 1,
  obligation: 'minimum',
  status: 'active',
  version: 1,
  publishedAt: '2026-01-01T00:00:00.000Z',
  browseOrder: 20000001,
};

describe('search document hash', () => {
  it('does not depend on the order the fields were set in, nor on extra properties', () => {
    const reversed = Object.fromEntries(Object.entries(fields).reverse()) as unknown as SearchDocumentFields;
    expect(documentHash(reversed)).toBe(documentHash(fields));
    const doc = withHash({ ...fields, extra: 'x' } as SearchDocumentFields);
    expect(doc).not.toHaveProperty('extra');
    expect(doc.hash).toBe(documentHash(fields));
  });

  it.each(Object.keys(fields))('changes when %s changes', (field) => {
    const value = (fields as unknown as Record<string, unknown>)[field];
    const changed = Array.isArray(value) ? [...value, 'z'] : typeof value === 'number' ? value + 1 : `${String(value)}x`;
    expect(documentHash({ ...fields, [field]: changed })).not.toBe(documentHash(fields));
  });
});
