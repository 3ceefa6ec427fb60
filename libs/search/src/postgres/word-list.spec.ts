import { danishStemKeeps, foldAccents, trigramsOf, WordList } from './word-list.js';

describe('the in-memory word list (compounds and typos)', () => {
  const list = new WordList([
    'adgangslogning',
    'arkiveringsversion',
    'haendelseslogning',
    'krypteret',
    'kryptering',
    'logning',
    'logningen',
    'sarbarhed',
    'slettelog',
  ]);

  it('computes trigram similarity as pg_trgm does', () => {
    // Values PostgreSQL's similarity() gives for the same pairs.
    const sim = (a: string, b: string) => {
      const x = trigramsOf(a);
      const y = trigramsOf(b);
      const shared = [...x].filter((g) => y.has(g)).length;
      return shared / (x.size + y.size - shared);
    };
    expect(sim('krpyteret', 'krypteret')).toBeCloseTo(0.42857143, 6);
    expect(sim('arkivversion', 'arkiveringsversion')).toBeCloseTo(0.55, 6);
    expect(sim('multifakor', 'multifaktorautentifikation')).toBeCloseTo(0.27586207, 6);
  });

  it('finds compounds that hold a word inside them, not those that start with it', () => {
    expect(list.containing('logning', 10)).toEqual(['adgangslogning', 'haendelseslogning']);
    expect(list.containing('log', 10)).toEqual(['slettelog', 'adgangslogning', 'haendelseslogning']);
    expect(list.containing('logning', 1)).toEqual(['adgangslogning']);
  });

  it('finds words that look like a misspelt one, most similar first, and folds accents like unaccent', () => {
    expect(list.similar('arkivversion', 0.45, 5)).toEqual(['arkiveringsversion']);
    expect(list.similar('kryptring', 0.45, 5)).toEqual(['kryptering']);
    expect(list.similar('sårbarhed', 0.45, 5)).toEqual([]); // the same word once folded: not a typo
    expect(list.similar('sårbarhd', 0.45, 5)).toEqual(['sarbarhed']);
    expect(list.similar('xyz', 0.45, 5)).toEqual([]);
  });

  it('tells whether any word starts with a prefix, in any order the database gave the words', () => {
    const shuffled = new WordList(['logning', 'kryptering', 'adgangslogning', 'arkiveringsversion']);
    expect(shuffled.hasPrefix('log')).toBe(true);
    expect(shuffled.hasPrefix('krypteringen')).toBe(false);
    expect(shuffled.hasPrefix('Arkiv')).toBe(true);
    expect(shuffled.hasPrefix('zz')).toBe(false);
  });

  it('tells the most documents any one word that starts with a prefix occurs in', () => {
    const counted = new WordList(['logningen', 'kryptering', 'logning', 'adgangslogning'], [40, 7, 120, 900]);
    expect(counted.documentsWithPrefix('logning')).toBe(120);
    expect(counted.documentsWithPrefix('Logningen')).toBe(40);
    expect(counted.documentsWithPrefix('adgang')).toBe(900);
    expect(counted.documentsWithPrefix('zz')).toBe(0);
    // Without counts nothing counts as common.
    expect(new WordList(['logning']).documentsWithPrefix('log')).toBe(0);
  });

  it('names the start of a word the Danish stemmer keeps (up to the consonant after the first vowel, at least three letters)', () => {
    expect(danishStemKeeps('kommunens')).toBe('kom');
    expect(danishStemKeeps('kmmunens')).toBe('kmmun');
    expect(danishStemKeeps('arkiveringsversionen')).toBe('ark');
    expect(danishStemKeeps('sletniing')).toBe('slet');
    expect(danishStemKeeps('aeble')).toBe('aeb');
    expect(danishStemKeeps('ia')).toBe('ia');
  });

  it('folds Danish and other accents', () => {
    expect(foldAccents('Æblegrød på Øen, café, Straße')).toBe('aeblegrod pa oen, cafe, strasse');
  });
});
