import { SearchVocabulary } from '../search-data.js';
import { combine, MAX_QUERY_GROUPS, operand, planQuery } from './query-plan.js';

const vocabulary = new SearchVocabulary(
  [
    ['mfa', 'multifaktor', 'to-faktor'],
    ['sso', 'single sign-on'],
    ['ret til sletning', 'ret til at blive glemt'],
  ],
  new Set(['og', 'af', 'til', 'at', 'i']),
);

describe('query planning for the Postgres engine', () => {
  it('drops stop words and one-letter words; long words and the word being typed match as prefixes', () => {
    const plan = planQuery('logning af opslag i cpr', vocabulary);
    expect(plan.groups.map((g) => g.broad)).toEqual([["'logning':*"], ["'opslag':*"], ["'cpr':*"]]);
    expect(plan.groups.map((g) => g.strict)).toEqual([["'logning'"], ["'opslag'"], ["'cpr'"]]);
    // A trailing space means the last word is complete: short words then match whole.
    expect(planQuery('cpr ', vocabulary).groups[0].broad).toEqual(["'cpr'"]);
    expect(planQuery('x cpr api', vocabulary).groups.map((g) => g.broad)).toEqual([["'cpr'"], ["'api':*"]]);
  });

  it('expands synonym phrases, longest first, and keeps their words together', () => {
    const plan = planQuery('MFA og ret til sletning', vocabulary);
    expect(plan.groups).toHaveLength(2);
    // A hyphenated word matches by its parts (as a phrase it would make PostgreSQL re-read every candidate).
    expect(plan.groups[0]).toMatchObject({ typed: 'mfa', broad: ["'mfa'", "'multifaktor':*", "('to' & 'faktor':*)"] });
    expect(plan.groups[1].typed).toBe('ret til sletning');
    expect(plan.groups[1].broad).toEqual(["('ret' & 'sletning':*)", "('ret' & 'blive':* & 'glemt':*)"]);
    expect(planQuery('single sign-on', vocabulary).groups[0].broad).toEqual(["'sso'", "('single':* & ('sign' & 'on':*))"]);
  });

  it('marks words to look for inside compounds and for typos', () => {
    const [word, short, number] = planQuery('logning api 27001', vocabulary).groups;
    expect(word.expand).toBe('logning');
    expect(short.expand).toBeUndefined();
    expect(number.expand).toBeUndefined();
  });

  it('matches a hyphenated word by its parts, and keeps the whole word for ranking; a key stays whole', () => {
    expect(planQuery('it-systemet', vocabulary).groups[0]).toMatchObject({ broad: ["('it' & 'systemet':*)"], strict: ["'it-systemet'"] });
    expect(planQuery('nemlog-in', vocabulary).groups[0].broad).toEqual(["('nemlog' & 'in':*)"]);
    expect(planQuery('ark-01', vocabulary).groups[0].broad).toEqual(["'ark-01':*"]);
  });

  it('reads requirement keys, padding short numbers', () => {
    expect(planQuery('SIK-17', vocabulary).groups[0]).toMatchObject({ keyPrefix: 'SIK-17', key: 'SIK-017' });
    expect(planQuery('ark-004', vocabulary).groups[0]).toMatchObject({ keyPrefix: 'ARK-004', key: 'ARK-004' });
    expect(planQuery('nis2', vocabulary).groups[0].key).toBeUndefined();
  });

  it('lets nothing but words into the tsquery', () => {
    const plan = planQuery(`'ab' | !bc & cd:* <-> (de) "ef" \\fg ; DROP TABLE xy; -- æøå`, vocabulary);
    for (const g of plan.groups) for (const o of [...g.broad, ...g.strict]) expect(o).toMatch(/^'[\p{L}\p{N}.-]+'(:\*)?$/u);
    expect(plan.groups.map((g) => g.typed)).toEqual(['ab', 'bc', 'cd', 'de', 'ef', 'fg', 'drop', 'table', 'xy', 'æøå']);
    expect(() => operand("a'b", false)).toThrow(/not a query token/);
    expect(() => operand('-a', false)).toThrow(/not a query token/);
  });

  it('bounds the number of groups', () => {
    const plan = planQuery(Array.from({ length: 40 }, (_, i) => `ord${i}`).join(' '), vocabulary);
    expect(plan.groups).toHaveLength(MAX_QUERY_GROUPS);
  });

  it('combines groups with AND, or with OR for the last-resort pass', () => {
    const groups = [{ broad: ["'a'", "'b'"] }, { broad: ["'c'"] }];
    expect(combine(groups, 'all')).toBe("('a' | 'b') & ('c')");
    expect(combine(groups, 'any')).toBe("('a' | 'b') | ('c')");
  });
});
