import { checkSpecification, type CheckItem } from './checks.js';

let n = 0;
function item(over: Partial<CheckItem> = {}): CheckItem {
  n++;
  return {
    id: `item-${n}`,
    key: `SIK-${String(n).padStart(3, '0')}`,
    source: 'bank',
    obligation: 'minimum',
    weight: null,
    statement: 'Leverandøren skal sikre logning af alle opslag.',
    section: null,
    pinnedVersion: 2,
    currentVersion: 2,
    status: 'active',
    ...over,
  };
}
const codes = (items: CheckItem[], sections?: string[]) => checkSpecification({ items, sections }).map((w) => w.code);

describe('checks before finalizing', () => {
  it('gives no warnings for a sound specification', () => {
    const items = [
      item(),
      item({ obligation: 'evaluated', weight: 60, statement: 'Løsningen bør understøtte brugervenlig søgning.' }),
      item({ obligation: 'evaluated', weight: 40, statement: 'Leverandøren bør tilbyde uddannelse på dansk.' }),
      item({
        source: 'local',
        key: 'LOK-1',
        pinnedVersion: null,
        currentVersion: null,
        status: null,
        section: 'Drift',
        statement: 'Leverandøren skal levere en integration til vagtplansystemet.',
      }),
    ];
    expect(checkSpecification({ items, sections: ['Drift'] })).toEqual([]);
  });

  it('warns of an EK whose text says "skal", and not of an EK that says "bør"', () => {
    const ek = item({ obligation: 'evaluated', weight: 100, statement: 'Løsningen skal overholde EN 301 549.' });
    const warnings = checkSpecification({ items: [ek] });
    expect(warnings).toEqual([expect.objectContaining({ code: 'ek-mandatory-text', itemId: ek.id })]);
    expect(warnings[0].message).toContain('»skal«');
    expect(codes([item({ obligation: 'evaluated', weight: 100, statement: 'Løsningen bør overholde EN 301 549.' })])).toEqual([]);
    // "skaleres" is not "skal".
    expect(codes([item({ obligation: 'evaluated', weight: 100, statement: 'Løsningen bør kunne skaleres.' })])).toEqual([]);
  });

  it('warns of an MK that only says "bør", and not of one that says "skal"', () => {
    const mk = item({ statement: 'Leverandøren bør kryptere data.' });
    expect(checkSpecification({ items: [mk] })).toEqual([
      expect.objectContaining({ code: 'mk-optional-text', itemId: mk.id, message: expect.stringContaining('»bør«') }),
    ]);
    expect(codes([item({ statement: 'Leverandøren skal kryptere data.' })])).toEqual([]);
  });

  it('warns when the weights do not add up to 100, and not when they do', () => {
    const w = checkSpecification({
      items: [
        item({ obligation: 'evaluated', weight: 50, statement: 'x bør y' }),
        item({ obligation: 'evaluated', weight: 25, statement: 'bør' }),
      ],
    });
    expect(w).toEqual([{ code: 'weights-not-100', itemId: null, message: expect.stringContaining('75, ikke 100') }]);
    const missing = checkSpecification({ items: [item({ obligation: 'evaluated', weight: null, statement: 'bør' })] });
    expect(missing[0].message).toContain('1 evalueringskrav har ingen vægt');
    expect(
      codes([
        item({ obligation: 'evaluated', weight: 62.5, statement: 'bør' }),
        item({ obligation: 'evaluated', weight: 37.5, statement: 'bør' }),
      ]),
    ).toEqual([]);
    expect(codes([item()])).toEqual([]); // no EKs: nothing to add up
  });

  it('warns of an outdated or a retired pinned version, and not of the current one', () => {
    const old = item({ pinnedVersion: 2, currentVersion: 4 });
    expect(checkSpecification({ items: [old] })).toEqual([
      expect.objectContaining({ code: 'version-outdated', itemId: old.id, message: expect.stringContaining('version 4') }),
    ]);
    expect(codes([item({ status: 'retired' })])).toEqual(['version-retired']);
    expect(codes([item({ pinnedVersion: 3, currentVersion: 3 })])).toEqual([]);
  });

  it('warns of the same requirement twice, once, on the second', () => {
    const a = item({ key: 'RAM-003' });
    const b = item({ key: 'RAM-003' });
    expect(checkSpecification({ items: [a, b] })).toEqual([expect.objectContaining({ code: 'duplicate-requirement', itemId: b.id })]);
    expect(codes([item({ key: 'RAM-003' }), item({ key: 'RAM-004' })])).toEqual([]);
  });

  it('warns of a local requirement with the text of another item, on the local one', () => {
    const local = { source: 'local' as const, pinnedVersion: null, currentVersion: null, status: null };
    const bank = item({ key: 'SIK-010', statement: 'Leverandøren skal kryptere data i hvile.' });
    const copy = item({ ...local, key: 'LOK-1', statement: ' leverandøren skal  kryptere data i hvile. ' });
    expect(checkSpecification({ items: [copy, bank] })).toEqual([
      { code: 'duplicate-requirement', itemId: copy.id, message: expect.stringContaining('samme kravtekst som SIK-010') },
    ]);
    const twice = item({ ...local, key: 'LOK-2', statement: 'Leverandøren skal kryptere data i hvile.' });
    expect(checkSpecification({ items: [copy, twice] })).toEqual([expect.objectContaining({ itemId: twice.id })]);
    expect(codes([bank, item({ ...local, key: 'LOK-3', statement: 'Leverandøren skal kryptere backup.' })])).toEqual([]);
  });

  it('warns of a declared section without requirements, and not of one with', () => {
    expect(checkSpecification({ items: [item({ section: 'Drift' })], sections: ['Drift', 'Exit'] })).toEqual([
      { code: 'empty-section', itemId: null, message: expect.stringContaining('»Exit«') },
    ]);
    expect(codes([item({ section: 'Exit' })], ['Exit'])).toEqual([]);
  });

  it('warns of a local requirement with neither "skal" nor "bør", and not of one with', () => {
    const local = { source: 'local' as const, pinnedVersion: null, currentVersion: null, status: null };
    const bad = item({ ...local, key: 'LOK-1', statement: 'Løsningen understøtter SAML.' });
    expect(checkSpecification({ items: [bad] })).toEqual([expect.objectContaining({ code: 'local-no-obligation-verb', itemId: bad.id })]);
    expect(codes([item({ ...local, key: 'LOK-2', statement: 'Løsningen skal understøtte SAML.' })])).toEqual([]);
  });
});
