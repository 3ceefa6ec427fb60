import { canonicalContent, contentHash } from './content.js';
import type { RequirementContent } from './model.js';

const base: RequirementContent = {
  title: 'Kryptering af data under transport',
  statement: 'Leverandøren skal kryptere al trafik med TLS 1.2 eller nyere.',
  rationale: 'Beskytter personoplysninger.',
  guidance: 'Brug altid.',
  verification: 'Leverandøren dokumenterer konfigurationen.',
  level: 1,
  obligation: 'minimum',
  tags: ['kryptering', 'tls'],
  legalSources: [{ id: 'gdpr', section: 'art. 32' }],
};

describe('content hash', () => {
  it('is a 64-character hex SHA-256', () => {
    expect(contentHash(base)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('ignores tag order, outer white space, line endings and Unicode normal form', () => {
    const same: RequirementContent = {
      ...base,
      title: `  ${base.title}\r\n`,
      statement: base.statement.normalize('NFD'),
      tags: ['tls', 'kryptering', 'tls'],
    };
    expect(contentHash(same)).toBe(contentHash(base));
  });

  it('changes when any field changes', () => {
    const variants: Partial<RequirementContent>[] = [
      { title: 'Kryptering af data' },
      { statement: 'Leverandøren skal kryptere al trafik med TLS 1.3.' },
      { rationale: 'Andet.' },
      { guidance: 'Andet.' },
      { verification: 'Andet.' },
      { level: 2 },
      { obligation: 'evaluated' },
      { tags: ['kryptering'] },
      { legalSources: [{ id: 'gdpr', section: 'art. 28' }] },
      { legalSources: [{ id: 'gdpr' }] },
    ];
    const hashes = new Set(variants.map((v) => contentHash({ ...base, ...v })));
    expect(hashes.size).toBe(variants.length);
    expect(hashes.has(contentHash(base))).toBe(false);
  });

  it('keeps the order of legal sources, which is the order shown to readers', () => {
    const two = { ...base, legalSources: [{ id: 'gdpr' }, { id: 'iso-27001-2022' }] };
    const swapped = { ...base, legalSources: [{ id: 'iso-27001-2022' }, { id: 'gdpr' }] };
    expect(contentHash(two)).not.toBe(contentHash(swapped));
    expect(canonicalContent(two).legalSources).toEqual([
      { id: 'gdpr', section: null },
      { id: 'iso-27001-2022', section: null },
    ]);
  });
});
