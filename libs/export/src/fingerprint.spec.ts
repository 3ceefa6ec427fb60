import { createHash } from 'node:crypto';
import { canonicalJson, contentFingerprint } from './fingerprint.js';
import { makeSnapshot } from '../../../test/fixtures/export/snapshot.fixture.js';

describe('canonicalJson', () => {
  it('sorts keys at every level and writes no white space', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: true, y: null }], c: 'æøå' } })).toBe(
      '{"a":{"c":"æøå","d":[3,{"y":null,"z":true}]},"b":1}',
    );
  });

  it('gives the same text whatever order the keys were built in, and leaves out undefined', () => {
    expect(canonicalJson({ x: 1, y: 2, u: undefined })).toBe(canonicalJson({ y: 2, x: 1 }));
  });

  it('refuses values JSON cannot carry faithfully', () => {
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(TypeError);
    expect(() => canonicalJson({ d: new Date(0) })).toThrow(TypeError);
    expect(() => canonicalJson({ f: () => 1 })).toThrow(TypeError);
  });
});

describe('contentFingerprint', () => {
  it('is SHA-256 over the canonical JSON of edition and snapshot', () => {
    const s = makeSnapshot();
    const expected = createHash('sha256')
      .update(canonicalJson({ edition: 'tender', snapshot: s }))
      .digest('hex');
    expect(contentFingerprint(s, 'tender')).toBe(expected);
    expect(contentFingerprint(s, 'tender')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('is the same for equal snapshots and differs between editions', () => {
    expect(contentFingerprint(makeSnapshot(), 'tender')).toBe(contentFingerprint(makeSnapshot(), 'tender'));
    expect(contentFingerprint(makeSnapshot(), 'buyer')).not.toBe(contentFingerprint(makeSnapshot(), 'tender'));
  });

  it('changes with any change of content: a note, a pinned version, the bank stamp', () => {
    const base = contentFingerprint(makeSnapshot(), 'tender');
    const note = makeSnapshot();
    note.items[0].note = 'Ny bemærkning';
    const version = makeSnapshot();
    version.items[0].version = 5;
    const stamp = makeSnapshot();
    stamp.bank.stamp = 'Kravbank 2026-12-01 (127 krav)';
    for (const s of [note, version, stamp]) expect(contentFingerprint(s, 'tender')).not.toBe(base);
  });
});

describe('contentFingerprint and the annex settings', () => {
  it('is unchanged for a snapshot that sets no evaluation model, front matter or answer mode (as before these fields existed)', () => {
    // The fixture's tender fingerprint as the exporter computed it before the fields were added.
    expect(contentFingerprint(makeSnapshot(), 'tender')).toBe('6412f4aa2e1b1675b4e591b9dd04ec842e49f411ed9e2a64a4179db7a0027f53');
    const absent = makeSnapshot();
    absent.specification.evaluation = undefined;
    absent.specification.annex = undefined;
    absent.items[0].answerMode = undefined;
    expect(contentFingerprint(absent, 'tender')).toBe(contentFingerprint(makeSnapshot(), 'tender'));
  });

  it('changes when a procurer sets the evaluation model, the front matter or an answer mode', () => {
    const base = contentFingerprint(makeSnapshot(), 'tender');
    const evaluation = makeSnapshot();
    evaluation.specification.evaluation = { subCriterion: 'Kvalitet' };
    const annex = makeSnapshot();
    annex.specification.annex = { number: '4' };
    const mode = makeSnapshot();
    mode.items[0].answerMode = 'describe';
    for (const s of [evaluation, annex, mode]) expect(contentFingerprint(s, 'tender')).not.toBe(base);
  });
});
