import { DomainError } from '@kravbank/common';
import type { PinOptions } from '@kravbank/catalogue';
import type { AddItemDto } from './dto.js';
import {
  checkItemLimit,
  existingItems,
  isOutdated,
  itemChange,
  placeItems,
  resolveItems,
  specificationChange,
  toItemView,
} from './item-rules.js';
import type { StoredItem } from './specification.store.js';

/** The field and reason a refusal names. */
function refusal(work: () => unknown): { field: string; reason: string } {
  try {
    work();
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    const [error] = (e as DomainError).errors!;
    return { field: error.field, reason: error.reason };
  }
  throw new Error('expected a refusal');
}

const bank = new Map<string, PinOptions>([
  [
    'SIK-001',
    {
      status: 'active',
      currentVersion: 2,
      obligations: new Map([
        [1, 'minimum'],
        [2, 'evaluated'],
      ]),
    },
  ],
  ['ARK-002', { status: 'retired', currentVersion: 1, obligations: new Map([[1, 'minimum']]) }],
]);
const empty = existingItems([]);
const local = { title: ' Egen titel ', statement: ' Leverandøren skal noget. ' };

const stored = (over: Partial<StoredItem> = {}): StoredItem => ({
  id: 'i1',
  position: 10,
  section: 'A',
  source: 'bank',
  requirement_key: 'SIK-001',
  local_ref: null,
  version: 1,
  local_title: null,
  local_statement: null,
  obligation: 'evaluated',
  weight: 4,
  note: 'n',
  answer_mode: null,
  ...over,
});

describe('specification item rules', () => {
  it('pins a bank requirement at its current version with the obligation that version suggests', () => {
    const [item] = resolveItems([{ requirementKey: 'sik-001', note: '  ', section: ' B ' }], '', bank, empty);
    expect(item).toEqual({
      source: 'bank',
      requirementKey: 'SIK-001',
      version: 2,
      localRef: null,
      localTitle: null,
      localStatement: null,
      obligation: 'evaluated',
      weight: null,
      note: null,
      section: 'B',
      position: null,
    });
    expect(resolveItems([{ requirementKey: 'SIK-001', version: 1 }], '', bank, empty)[0]).toMatchObject({
      version: 1,
      obligation: 'minimum',
    });
  });

  it('numbers local requirements after the highest LOK number already used', () => {
    const existing = existingItems([
      { requirement_key: null, local_ref: 'LOK-7' },
      { requirement_key: 'SIK-009', local_ref: null },
    ]);
    const items = resolveItems([{ local }, { local, obligation: 'evaluated', weight: 2 }], 'items.', bank, existing);
    expect(items.map((i) => [i.localRef, i.localTitle, i.localStatement, i.obligation, i.weight])).toEqual([
      ['LOK-8', 'Egen titel', 'Leverandøren skal noget.', 'minimum', null],
      ['LOK-9', 'Egen titel', 'Leverandøren skal noget.', 'evaluated', 2],
    ]);
  });

  it.each<[string, AddItemDto[], string, string]>([
    ['neither key nor local', [{}], 'requirementKey', 'give either requirementKey'],
    ['both key and local', [{ requirementKey: 'SIK-001', local }], 'requirementKey', 'give either requirementKey'],
    ['a version on a local requirement', [{ local, version: 1 }], 'version', 'a local requirement has no bank version'],
    ['an unknown key', [{ requirementKey: 'SIK-404' }], 'requirementKey', 'there is no requirement SIK-404'],
    ['a retired requirement', [{ requirementKey: 'ARK-002' }], 'requirementKey', 'ARK-002 is retired'],
    ['a version that does not exist', [{ requirementKey: 'SIK-001', version: 3 }], 'version', 'SIK-001 has versions 1 to 2'],
    ['a weight on a minimum requirement', [{ requirementKey: 'SIK-001', version: 1, weight: 3 }], 'weight', 'only an evaluated'],
    ['one key twice', [{ requirementKey: 'SIK-001' }, { requirementKey: 'sik-001' }], 'requirementKey', 'already in the specification'],
  ])('refuses %s and names the field', (_, dtos, field, reason) => {
    const r = refusal(() => resolveItems(dtos, '', bank, empty));
    expect(r.field).toBe(field);
    expect(r.reason).toContain(reason);
  });

  it('names the item of a bulk request, and refuses a key the specification holds', () => {
    const existing = existingItems([{ requirement_key: 'SIK-001', local_ref: null }]);
    expect(refusal(() => resolveItems([{ local }, { requirementKey: 'SIK-001' }], 'items.', bank, existing))).toEqual({
      field: 'items.1.requirementKey',
      reason: 'SIK-001 is already in the specification',
    });
  });

  it('holds at most 2,000 items', () => {
    expect(() => checkItemLimit('items', 1990, 10)).not.toThrow();
    expect(refusal(() => checkItemLimit('items', 1990, 11))).toEqual({
      field: 'items',
      reason: 'a specification holds at most 2000 items; it has 1990 and this adds 11',
    });
  });

  it('places items without a position after the highest one, in steps of 10', () => {
    const items = resolveItems([{ local }, { local, position: 5 }, { local }], '', bank, empty);
    expect(placeItems(items, 30).map((i) => i.position)).toEqual([40, 5, 50]);
  });

  it('changes an item: given fields replace stored ones, a minimum obligation drops the weight', () => {
    expect(itemChange(stored(), { note: ' ny ' })).toEqual({
      obligation: 'evaluated',
      weight: 4,
      note: 'ny',
      section: 'A',
      position: 10,
      localTitle: null,
      localStatement: null,
      answerMode: null,
    });
    expect(itemChange(stored({ answer_mode: 'describe' }), {}).answerMode).toBe('describe');
    expect(itemChange(stored({ answer_mode: 'describe' }), { answerMode: null }).answerMode).toBeNull();
    expect(itemChange(stored(), { obligation: 'minimum', section: null })).toMatchObject({
      obligation: 'minimum',
      weight: null,
      section: null,
    });
    expect(refusal(() => itemChange(stored(), { obligation: 'minimum', weight: 2 })).field).toBe('weight');
    expect(refusal(() => itemChange(stored(), { local })).field).toBe('local');
    expect(itemChange(stored({ source: 'local', requirement_key: null, version: null }), { local })).toMatchObject({
      localTitle: 'Egen titel',
      localStatement: 'Leverandøren skal noget.',
    });
  });

  it('changes the specification’s own fields, and needs at least one', () => {
    const none = { evaluation: null, annex: null };
    expect(specificationChange({ title: ' T ', caseNumber: '  ', description: null }, none)).toEqual({
      title: 'T',
      caseNumber: null,
      description: null,
    });
    expect(refusal(() => specificationChange({}, none)).field).toBe('(body)');
  });

  it('calls an item outdated when the bank has a newer version or retired it', () => {
    expect(isOutdated(1, { status: 'active', currentVersion: 2 })).toBe(true);
    expect(isOutdated(2, { status: 'active', currentVersion: 2 })).toBe(false);
    expect(isOutdated(2, { status: 'retired', currentVersion: 2 })).toBe(true);
  });

  it('shows a local item without bank state, and a bank item with its current version', () => {
    const head = { key: 'SIK-001', category: 'security' as const, status: 'active' as const, currentVersion: 2, retiredAt: null };
    const pinned = { head, title: 'Logning', statement: 'Løsningen skal logge.', level: 2 as const };
    expect(toItemView(stored(), pinned)).toMatchObject({
      currentVersion: 2,
      newerVersionAvailable: true,
      category: 'security',
      title: 'Logning',
      statement: 'Løsningen skal logge.',
      level: 2,
    });
    expect(
      toItemView(
        stored({ source: 'local', requirement_key: null, version: null, local_ref: 'LOK-1', local_title: 'T', local_statement: 'S' }),
        undefined,
      ),
    ).toMatchObject({
      currentVersion: null,
      requirementStatus: null,
      newerVersionAvailable: false,
      category: null,
      title: 'T',
      statement: 'S',
      level: null,
    });
  });
});
