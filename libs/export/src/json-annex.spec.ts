import { buildJsonExport, JSON_EXPORT_FORMAT, renderJsonExport, type JsonExport } from './json-annex.js';
import { contentFingerprint } from './fingerprint.js';
import { FIXTURE_KEYS_IN_ORDER, FINALIZED_AT, makeSnapshot } from '../../../test/fixtures/export/snapshot.fixture.js';

describe('JSON export', () => {
  const snapshot = makeSnapshot();
  const parse = (body: Buffer) => JSON.parse(body.toString('utf8')) as JsonExport;

  it('carries the specification, the bank stamp, the fingerprint and the document date', () => {
    const json = parse(renderJsonExport(snapshot, 'tender'));
    expect(json.format).toBe(JSON_EXPORT_FORMAT);
    expect(json.edition).toBe('tender');
    expect(json.contentFingerprint).toBe(contentFingerprint(snapshot, 'tender'));
    expect(json.documentDate).toBe(FINALIZED_AT);
    expect(json.bank).toEqual({ stamp: 'Kravbank 2026-11-18 (126 krav)' });
    expect(json.specification).toMatchObject({
      title: snapshot.specification.title,
      revision: 3,
      status: 'final',
      caseNumber: '2026-014562',
      organisation: { name: 'Sønderborg Kommune' },
    });
  });

  it('lists the items in document order with pinned versions, content hashes and legal sources', () => {
    const json = parse(renderJsonExport(snapshot, 'tender'));
    expect(json.items.map((i) => i.key)).toEqual(FIXTURE_KEYS_IN_ORDER);
    const sik = json.items.find((i) => i.key === 'SIK-014')!;
    const source = snapshot.items.find((i) => i.key === 'SIK-014')!;
    expect(sik).toMatchObject({
      version: 3,
      contentHash: source.contentHash,
      type: 'MK',
      weight: null,
      category: 'security',
      section: 'Adgangsstyring',
      note: source.note,
    });
    expect(sik.legalSources).toEqual(source.legalSources);
    expect(json.items.find((i) => i.key === 'SIK-022')).toMatchObject({ type: 'EK', weight: 10 });
    expect(json.items.find((i) => i.key === 'LOK-1')).toMatchObject({ source: 'local', version: null, contentHash: null });
    expect(json.legalSources).toEqual(snapshot.legalSources);
  });

  it('leaves rationale, guidance and verification out of the tender edition, and keeps them in the buyer edition', () => {
    const tender = renderJsonExport(snapshot, 'tender').toString('utf8');
    for (const item of parse(Buffer.from(tender)).items) {
      expect(item).not.toHaveProperty('rationale');
      expect(item).not.toHaveProperty('guidance');
      expect(item).not.toHaveProperty('verification');
    }
    for (const i of snapshot.items)
      for (const t of [i.rationale, i.guidance, i.verification].filter(Boolean)) expect(tender).not.toContain(t);
    const buyer = buildJsonExport(snapshot, 'buyer');
    const item = snapshot.items.find((i) => i.key === 'ARK-002')!;
    expect(buyer.items.find((i) => i.key === 'ARK-002')).toMatchObject({
      rationale: item.rationale,
      guidance: item.guidance,
      verification: item.verification,
    });
  });

  it('is the same bytes for a final specification, and dated by the clock for a draft', () => {
    expect(
      renderJsonExport(makeSnapshot(), 'tender', () => new Date()).equals(renderJsonExport(makeSnapshot(), 'tender', () => new Date(0))),
    ).toBe(true);
    expect(buildJsonExport(makeSnapshot({ status: 'draft' }), 'tender', () => new Date('2027-03-04T05:06:07Z')).documentDate).toBe(
      '2027-03-04T05:06:07.000Z',
    );
  });
});
