import { loadSearchVocabulary, parseSearchData, SearchDataError } from './search-data.js';

describe('search data (synonyms and stop words)', () => {
  it('loads the files in seed-requirements/search', () => {
    const v = loadSearchVocabulary();
    expect(v.synonymsOf('MFA')).toEqual(expect.arrayContaining(['mfa', 'multifaktor', 'to-faktor']));
    expect(v.synonymsOf('arkivversion')).toContain('arkiveringsversion');
    expect(v.synonymsOf('Single  Sign-On')).toContain('sso');
    expect(v.stopWords.has('og')).toBe(true);
    expect(v.longestPhrase).toBeGreaterThanOrEqual(3);
    const map = v.synonymMap();
    expect(map.mfa).toContain('multifaktor');
    expect(map.multifaktor).toContain('mfa');
    expect(map.mfa).not.toContain('mfa');
  });

  it('names every problem: groups too small, phrases in two groups, stop words that are synonyms, bad words', () => {
    const { vocabulary, problems } = parseSearchData(
      { synonyms: [['mfa'], ['log', 'logning'], ['Logning', 'logfil'], ['ok', 'fine;drop'], 'nope'] },
      { stopWords: ['og', 'log', 'to ord', 7] },
    );
    expect(vocabulary).toBeUndefined();
    expect(problems).toEqual([
      'synonyms.yaml: synonyms[0]: must be a list of 2 to 12 phrases',
      "synonyms.yaml: synonyms[2]: 'logning' is already in synonyms[1]; merge the two groups",
      "synonyms.yaml: synonyms[3]: 'fine;drop' must be words of letters and digits (at most 60 characters)",
      'synonyms.yaml: synonyms[4]: must be a list of 2 to 12 phrases',
      "stopwords.yaml: 'log' is also a synonym (synonyms[1]); a query cannot both ignore and expand it",
      "stopwords.yaml: 'to ord' must be one word of letters",
      "stopwords.yaml: '7' must be one word of letters",
    ]);
  });

  it('refuses files without their lists', () => {
    expect(parseSearchData({}, null).problems).toEqual([
      "synonyms.yaml: must have a list 'synonyms' of groups",
      "stopwords.yaml: must have a list 'stopWords'",
    ]);
    expect(() => loadSearchVocabulary('/nonexistent')).toThrow(SearchDataError);
  });
});
