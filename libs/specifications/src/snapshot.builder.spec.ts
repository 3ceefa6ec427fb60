import type { SnapshotItem } from '@kravbank/export';
import { bankStampText, inDocumentOrder, toSnapshotItem } from './snapshot.builder.js';

const item = (id: string, category: SnapshotItem['category']): SnapshotItem => ({
  ...toSnapshotItem(
    {
      id,
      position: 10,
      section: null,
      source: 'local',
      requirement_key: null,
      local_ref: `LOK-${id}`,
      version: null,
      local_title: 'T',
      local_statement: 'S',
      obligation: 'minimum',
      weight: null,
      note: null,
      answer_mode: null,
    },
    undefined,
  ),
  category,
});

describe('the specification snapshot', () => {
  it('orders items by the category’s place in the bank, local items last, keeping the stored order within each', () => {
    const positions = new Map([
      ['framework-architecture', 0],
      ['security', 1],
      ['archive', 2],
    ]);
    const items = [
      item('a', null),
      item('b', 'archive'),
      item('c', 'security'),
      item('d', null),
      item('e', 'archive'),
      item('f', 'security'),
    ];
    expect(inDocumentOrder(items, positions).map((i) => i.id)).toEqual(['c', 'f', 'b', 'e', 'a', 'd']);
  });

  it('gathers a category’s items by section where each section first stands, so keys in order stay in order', () => {
    const positions = new Map([['security', 0]]);
    const at = (id: string, section: string | null) => ({ ...item(id, 'security'), section });
    // SIK-1..2 in »Adgang«, SIK-3 in none, SIK-4 in »Adgang« again, SIK-5 in »Logning«.
    const items = [at('1', 'Adgang'), at('2', 'Adgang'), at('3', null), at('4', ' Adgang '), at('5', 'Logning')];
    expect(inDocumentOrder(items, positions).map((i) => i.id)).toEqual(['1', '2', '4', '3', '5']);
    const contiguous = [at('1', 'Adgang'), at('2', 'Logning'), at('3', null)];
    expect(inDocumentOrder(contiguous, positions).map((i) => i.id)).toEqual(['1', '2', '3']);
  });

  it('gives a local item empty bank fields', () => {
    expect(item('x', null)).toMatchObject({
      key: 'LOK-x',
      version: null,
      rationale: '',
      guidance: '',
      verification: '',
      level: null,
      contentHash: null,
      legalSources: [],
    });
  });

  it('stamps the bank with its newest publication day and its active requirements', () => {
    expect(bankStampText({ lastPublishedDay: '2026-12-01', active: 125 })).toBe('Kravbank pr. 2026-12-01 (125 aktive krav)');
    expect(bankStampText({ lastPublishedDay: null, active: 0 })).toBe('Kravbank pr. – (0 aktive krav)');
  });
});
