import { groupItems, orderedItems } from './annex-model.js';
import { cleanText, danishDate, documentDate, exportFileName, keyLabel, slug, typeLabel } from './labels.js';
import { FIXTURE_KEYS_IN_ORDER, makeSnapshot } from '../../../test/fixtures/export/snapshot.fixture.js';

describe('labels', () => {
  const items = makeSnapshot().items;
  const item = (key: string) => items.find((i) => i.key === key)!;

  it('names a requirement by key and pinned version, a local one by its key', () => {
    expect(keyLabel(item('SIK-014'))).toBe('SIK-014 v3');
    expect(keyLabel(item('LOK-1'))).toBe('LOK-1');
  });

  it('types a requirement as MK or EK with its weight', () => {
    expect(typeLabel(item('SIK-014'))).toBe('MK');
    expect(typeLabel(item('SIK-022'))).toBe('EK (vægt 10)');
    expect(typeLabel(item('ARK-009'))).toBe('EK');
    expect(typeLabel({ ...item('SIK-022'), weight: 2.5 })).toBe('EK (vægt 2,5)');
  });

  it('writes dates the Danish way, on the Danish calendar day', () => {
    expect(danishDate(new Date('2026-11-20T13:45:00Z'))).toBe('20. november 2026');
    expect(danishDate(new Date('2026-11-30T23:30:00Z'))).toBe('1. december 2026');
    expect(danishDate(new Date('2026-06-30T22:30:00Z'))).toBe('1. juli 2026');
  });

  it('dates a final specification by finalizedAt and a draft by the clock', () => {
    const clock = () => new Date('2027-01-02T03:04:05Z');
    expect(documentDate(makeSnapshot(), clock).toISOString()).toBe('2026-11-20T13:45:00.000Z');
    expect(documentDate(makeSnapshot({ status: 'draft' }), clock).toISOString()).toBe('2027-01-02T03:04:05.000Z');
  });

  it('makes file names from the title with æ, ø, å spelt out', () => {
    expect(slug('Fagsystem til økonomi – Ærø & Åbenrå (2027)')).toBe('fagsystem-til-oekonomi-aeroe-aabenraa-2027');
    expect(slug('  ***  ')).toBe('uden-titel');
    expect(slug('é'.repeat(100)).length).toBeLessThanOrEqual(60);
    expect(exportFileName(makeSnapshot(), 'docx', 'tender')).toBe(
      'kravspecifikation-omsorgssystem-til-aeldre-og-sundhedsomraadet-rev3-tender.docx',
    );
    const titled = makeSnapshot();
    titled.specification.title = 'Kravspecifikation: Ny løsning til hjemmeplejen';
    expect(exportFileName(titled, 'csv', 'buyer')).toBe('kravspecifikation-ny-loesning-til-hjemmeplejen-rev3-buyer.csv');
  });

  it('cleans text for XML: unified line ends, no control characters', () => {
    expect(cleanText('a\r\nb\rc\td\u0000e\u001ff')).toBe('a\nb\nc def');
  });
});

describe('groupItems', () => {
  it('orders by category (RAM, SIK, ARK, local), each section and the sectionless items where their first item stands', () => {
    const snapshot = makeSnapshot();
    expect(orderedItems([...snapshot.items].reverse()).map((i) => i.key)).toEqual([
      'RAM-007',
      'RAM-003',
      'RAM-012',
      'SIK-022',
      'SIK-031',
      'SIK-014',
      'ARK-009',
      'ARK-002',
      'LOK-2',
      'LOK-1',
    ]);
    expect(orderedItems(snapshot.items).map((i) => i.key)).toEqual(FIXTURE_KEYS_IN_ORDER);
    const groups = groupItems(snapshot.items);
    expect(groups.map((g) => [g.title, g.sections.map((s) => s.title)])).toEqual([
      ['Rammearkitektur', [null, 'Integration og snitflader']],
      ['Informationssikkerhed', ['Adgangsstyring', 'Logning og overvågning']],
      ['Arkivering', [null]],
      ['Kommunens egne krav', [null]],
    ]);
    // Sectionless items after a section get a heading of their own, so they are not read as part of it.
    expect(groupItems([...snapshot.items].reverse())[0].sections.map((s) => [s.title, s.heading])).toEqual([
      ['Integration og snitflader', 'Integration og snitflader'],
      [null, 'Øvrige krav'],
    ]);
    expect(groups[0].sections.map((s) => s.heading)).toEqual([null, 'Integration og snitflader']);
  });

  it('leaves out empty categories', () => {
    const onlySecurity = makeSnapshot().items.filter((i) => i.category === 'security');
    expect(groupItems(onlySecurity).map((g) => g.key)).toEqual(['security']);
  });
});
