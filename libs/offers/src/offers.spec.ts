import { DEFAULT_OFFER_LIMITS } from '@kravbank/common';
import { DocumentAnnexRenderer, docxRowTexts, type SnapshotItem } from '@kravbank/export';
import { makeSnapshot } from '../../../test/fixtures/export/snapshot.fixture.js';
import { openOfficeArchive } from './archive.js';
import { rankOffers, weightedTotal, type OfferResult } from './evaluation.js';
import { docxAnnexOf, docxFulfilled } from './returned-file.js';

describe('reading the Word annex back', () => {
  it.each(['tender', 'buyer'] as const)(
    'reads every requirement row of the %s edition exactly as docxRowTexts says it was written',
    async (edition) => {
      const snapshot = makeSnapshot();
      const file = await new DocumentAnnexRenderer().render(snapshot, 'docx', edition);
      const annex = docxAnnexOf(await openOfficeArchive(file.body, DEFAULT_OFFER_LIMITS));
      const expected = docxRowTexts(snapshot);
      expect(annex.rows.map((r) => r.cells)).toEqual(expected.map((r) => r.cells));
      expect(expected).toHaveLength(snapshot.items.length);
      expect(annex.properties.get('Kravbank.SpecifikationId')).toBe(snapshot.specification.id);
    },
  );

  it.each<[string, ReturnType<typeof docxFulfilled>]>([
    ['☐ Ja\n☐ Nej', { fulfilled: null, fulfilledText: null }],
    ['☒ Ja\n☐ Nej', { fulfilled: 'Ja', fulfilledText: null }],
    ['☐ Ja\n☑ Nej', { fulfilled: 'Nej', fulfilledText: null }],
    ['X Ja\n☐ Nej', { fulfilled: 'Ja', fulfilledText: null }],
    ['☐ Ja', { fulfilled: 'Ja', fulfilledText: null }],
    ['Nej', { fulfilled: 'Nej', fulfilledText: null }],
    ['☒ Ja\n☒ Nej', { fulfilled: null, fulfilledText: 'Ja / Nej' }],
    ['Delvist', { fulfilled: null, fulfilledText: 'Delvist' }],
  ])('reads the Opfyldt cell %j', (cell, answer) => {
    expect(docxFulfilled(cell)).toEqual(answer);
  });
});

describe('weighted totals and ranking', () => {
  const ek = (id: string, weight: number | null) => ({ id, weight, obligation: 'evaluated' }) as SnapshotItem;

  it('weighs points by the EK weights, and averages when no EK has a weight', () => {
    expect(
      weightedTotal(
        [ek('a', 20), ek('b', 5)],
        new Map([
          ['a', 8],
          ['b', 6],
        ]),
      ),
    ).toEqual({ total: 7.6, complete: true });
    expect(
      weightedTotal(
        [ek('a', null), ek('b', null)],
        new Map([
          ['a', 8],
          ['b', 5],
        ]),
      ),
    ).toEqual({ total: 6.5, complete: true });
    expect(weightedTotal([ek('a', 20), ek('b', 5)], new Map([['a', 8]]))).toEqual({ total: null, complete: false });
  });

  it('ranks complete conforming offers, ties share a place, others are not ranked', () => {
    const r = (offerId: string, weightedTotal: number | null, conformity: 'conforming' | 'possibly_non_conforming' = 'conforming') =>
      ({ offerId, weightedTotal, complete: weightedTotal !== null, conformity, rank: null }) as unknown as OfferResult;
    const results = [r('a', 6), r('b', 8), r('c', 8), r('d', 9, 'possibly_non_conforming'), r('e', null)];
    rankOffers(results);
    expect(results.map((x) => [x.offerId, x.rank])).toEqual([
      ['a', 3],
      ['b', 1],
      ['c', 1],
      ['d', null],
      ['e', null],
    ]);
  });
});
