import { MAX_FACET_VALUES, type SearchFilters } from '../model.js';
import { SearchVocabulary } from '../search-data.js';
import { combine, planQuery } from './query-plan.js';
import { estimateSql, filterConditions, LT_PLACEHOLDER, searchSql, type SearchStage, type SqlStatement } from './search-sql.js';

const options = { rankAllUpTo: 1111, exactFacetsUpTo: 22_222, facetSampleSize: 3333 };
const vocabulary = new SearchVocabulary([], new Set(['og']));
const active: SearchFilters = { status: 'active' };
const words = (q: string, mode: SearchStage['mode'] = 'all'): SearchStage => ({ mode, groups: planQuery(q, vocabulary).groups });

/** The placeholder a value is bound to; fails when it is not bound exactly once. */
function placeholder(statement: SqlStatement, value: unknown): string {
  const at = statement.values.flatMap((v, i) => (JSON.stringify(v) === JSON.stringify(value) ? [i] : []));
  expect(at).toHaveLength(1);
  return `$${at[0] + 1}`;
}

/** Every value is used in the text and every placeholder in the text has a value. */
function expectBound(statement: SqlStatement): void {
  const used = new Set([...statement.text.matchAll(/\$(\d+)/g)].map((m) => Number(m[1])));
  expect([...used].sort((a, b) => a - b)).toEqual(statement.values.map((_, i) => i + 1));
}

describe('search SQL', () => {
  it('binds every filter as a parameter, never in the text', () => {
    const filters: SearchFilters = {
      status: 'retired',
      category: ['security'],
      level: [1, 3],
      tag: ["x'); DROP TABLE search_document; --"],
      legalSource: ['GDPR art. 32'],
    };
    const statement = searchSql({ filters, page: 1, limit: 20 }, words('logning'), options);
    expectBound(statement);
    expect(statement.text).not.toContain('DROP TABLE');
    expect(statement.text).not.toContain('GDPR');
    expect(statement.text).not.toContain("'retired'");
    expect(statement.text).toContain(`d.status = ${placeholder(statement, 'retired')}`);
    expect(statement.text).toContain(`d.category = ANY(${placeholder(statement, ['security'])}::text[])`);
    expect(statement.text).toContain(`d.level = ANY(${placeholder(statement, [1, 3])}::smallint[])`);
    const tag = placeholder(statement, filters.tag);
    const legal = placeholder(statement, filters.legalSource);
    expect(statement.text).toContain(
      `d.facet_ids && ARRAY(SELECT id FROM search_facet_value WHERE facet = 'tag' AND value = ANY(${tag}::text[]))`,
    );
    expect(statement.text).toContain(`facet = 'legalSource' AND value = ANY(${legal}::text[])`);
  });

  it('adds a condition only for the filters given, in a fixed order', () => {
    const values: unknown[] = [];
    const bind = (v: unknown) => `$${values.push(v)}`;
    expect(filterConditions(active, bind)).toEqual(['d.status = $1']);
    expect(filterConditions({ status: 'active', category: [], level: [2], tag: [] }, bind)).toEqual([
      'd.status = $2',
      'd.level = ANY($3::smallint[])',
    ]);
    expect(values).toEqual(['active', 'active', [2]]);
  });

  it('pages with bound LIMIT and OFFSET, and ranks up to the end of the page asked for', () => {
    const statement = searchSql({ filters: active, page: 3, limit: 17 }, words('adgangskontrol'), options);
    expectBound(statement);
    const [limit, offset, window] = [placeholder(statement, 17), placeholder(statement, 34), placeholder(statement, 51)];
    expect(statement.text).toContain(`ORDER BY rank DESC, browse_order LIMIT ${limit} OFFSET ${offset})`);
    // The ranked title matches and the unranked rest are each cut at page × limit.
    expect(statement.text).toContain(`ORDER BY 3 DESC, 2 LIMIT ${window}`);
    expect(statement.text).toContain(`(SELECT count(*) FROM titled) < ${window}`);
    expect(statement.text).toContain(`ORDER BY m.browse_order LIMIT ${window})`);
    const first = searchSql({ filters: active, page: 1, limit: 17 }, words('adgangskontrol'), options);
    expect(first.values.slice(1, 3)).toEqual([17, 0]);
    expect(first.text).toContain('LIMIT $2 OFFSET $3');
  });

  it('browses without words: catalogue order, no tsquery, no highlights, no ranking', () => {
    const statement = searchSql({ filters: active, page: 2, limit: 10 }, null, options);
    expectBound(statement);
    expect(statement.values).toEqual(['active', 10, 10, MAX_FACET_VALUES, options.exactFacetsUpTo, options.facetSampleSize]);
    expect(statement.text).not.toContain('to_tsquery');
    expect(statement.text).not.toContain('titled');
    expect(statement.text).toContain('SELECT m.key, m.browse_order, 0::real AS rank FROM m');
    expect(statement.text).toContain('ORDER BY browse_order LIMIT $2 OFFSET $3');
    expect(statement.text).toContain('NULL AS hl_title, NULL AS hl_statement');
    expect(statement.text).toContain(
      'WITH m AS MATERIALIZED (SELECT d.key, d.category, d.level, d.facet_ids, d.browse_order FROM search_document d WHERE d.status = $1)',
    );
  });

  it('matches every group with the broad tsquery and ranks exact words through the strict one', () => {
    const stage = words('logning opslag');
    const statement = searchSql({ filters: active, page: 1, limit: 20 }, stage, options);
    expectBound(statement);
    const broad = placeholder(statement, combine(stage.groups, 'all'));
    expect(combine(stage.groups, 'all')).toBe("('logning':*) & ('opslag':*)");
    const strict = placeholder(statement, "'logning' | 'opslag'");
    expect(statement.text).toContain(`to_tsquery('kravbank_da', ${broad}) AS broad`);
    expect(statement.text).toContain(`to_tsquery('kravbank_da', ${strict}) AS strict`);
    expect(statement.text).toContain('d.status = $1 AND (d.tsv @@ q.broad)');
    // Mode all: no per-group cover terms.
    expect(statement.text).toContain('+ 2 * (0 + 0)');
    expect(statement.text).toContain(`WHERE (SELECT n FROM total) <= ${placeholder(statement, options.rankAllUpTo)}`);
    expect(statement.text).not.toMatch(/CASE WHEN d\.key/);
  });

  it('highlights through bound headline options, with < hidden behind a placeholder', () => {
    const statement = searchSql({ filters: active, page: 1, limit: 20 }, words('logning'), options);
    const lt = placeholder(statement, LT_PLACEHOLDER);
    expect(statement.text).toContain(`ts_headline('kravbank_da', replace(d.title, '<', ${lt}), q.broad, $`);
    expect(statement.text).toContain(`ts_headline('kravbank_da', replace(d.statement, '<', ${lt}), q.broad, $`);
    expect(statement.values.filter((v) => typeof v === 'string' && v.startsWith('HighlightAll=true'))).toHaveLength(1);
    expect(statement.values.filter((v) => typeof v === 'string' && v.startsWith('MaxWords=35'))).toHaveLength(1);
  });

  it('in the any-word fallback, counts each group a hit contains, each through its own bound tsquery', () => {
    const stage = words('logning opslag arkiv', 'any');
    const statement = searchSql({ filters: active, page: 1, limit: 20 }, stage, options);
    expectBound(statement);
    expect(placeholder(statement, combine(stage.groups, 'any'))).toBe('$4');
    for (const g of stage.groups) {
      const own = placeholder(statement, combine([g], 'all'));
      expect(statement.text).toContain(`(d.title_tsv @@ to_tsquery('kravbank_da', ${own}))::int`);
      expect(statement.text).toContain(`(d.rank_tsv @@ to_tsquery('kravbank_da', ${own}))::int`);
    }
  });

  it('matches and boosts typed keys and starts of keys, through bound arrays', () => {
    const stage = words('sik-7 logning');
    expect(stage.groups[0]).toMatchObject({ key: 'SIK-007', keyPrefix: 'SIK-7' });
    const statement = searchSql({ filters: active, page: 1, limit: 20 }, stage, options);
    expectBound(statement);
    const keys = placeholder(statement, ['SIK-007']);
    const prefixes = placeholder(statement, ['SIK-7%']);
    expect(statement.text).toContain(`(d.tsv @@ q.broad OR d.key = ANY(${keys}::text[]))`);
    expect(statement.text).toContain(`CASE WHEN d.key = ANY(${keys}::text[]) THEN 10 ELSE 0 END`);
    expect(statement.text).toContain(`CASE WHEN d.key LIKE ANY(${prefixes}::text[]) THEN 5 ELSE 0 END`);
    // Hits found by key rank even when many match.
    expect(statement.text).toContain(`AND (m.key = ANY(${keys}::text[]) OR m.key LIKE ANY(${prefixes}::text[]))`);
    const plain = searchSql({ filters: active, page: 1, limit: 20 }, words('logning'), options);
    expect(plain.text).not.toContain('UNION SELECT');
    expect(plain.text).not.toContain('ANY($');
  });

  it('counts every match and samples the facets past exactFacetsUpTo, by default', () => {
    const statement = searchSql({ filters: active, page: 1, limit: 20 }, words('logning'), options);
    expectBound(statement);
    const exact = placeholder(statement, options.exactFacetsUpTo);
    const sampleSize = placeholder(statement, options.facetSampleSize);
    expect(statement.text).toMatch(/^\s*WITH m AS MATERIALIZED \(/);
    expect(statement.text).not.toContain('counted');
    expect(statement.text).toContain(`WHEN (SELECT n FROM total) <= ${exact} THEN 1`);
    expect(statement.text).toContain(`ceil((SELECT n FROM total)::numeric / ${sampleSize})`);
    expect(statement.text).toContain(`LIMIT ${placeholder(statement, MAX_FACET_VALUES)}) y)`);
  });

  it('on the large-result path counts in one pass, samples every n-th hit and keeps the hits only if few', () => {
    const request = { filters: { status: 'active' as const, category: ['security' as const] }, page: 2, limit: 20 };
    const statement = searchSql(request, words('sikkerhed'), options, 7);
    expectBound(statement);
    const every = placeholder(statement, 7);
    const exact = placeholder(statement, options.exactFacetsUpTo);
    expect(statement.values).not.toContain(options.facetSampleSize);
    expect(statement.text).toMatch(/^\s*WITH counted AS MATERIALIZED \(/);
    expect(statement.text).toContain(`FILTER (WHERE d.browse_order % ${every} = 0) AS ids`);
    expect(statement.text).toContain(
      `m AS MATERIALIZED (SELECT d.key, d.category, d.level, d.facet_ids, d.browse_order FROM search_document d`,
    );
    expect(statement.text).toContain(
      `WHERE (SELECT n FROM total) <= ${exact} AND d.status = $1 AND d.category = ANY($2::text[]) AND (d.tsv @@ q.broad)`,
    );
    expect(statement.text).toContain(`ELSE ${every}::int END AS every`);
    // The unranked rest is read from the index, as m holds no hits when they are many.
    expect(statement.text).toContain(
      "FROM (SELECT d.key, d.browse_order FROM search_document d, (SELECT to_tsquery('kravbank_da', $5) AS broad",
    );
    expect(statement.text).toContain('WHERE d.status = $1 AND d.category = ANY($2::text[]) AND (d.tsv @@ q.broad)) m');
  });

  it('estimates a stage with EXPLAIN over the filters and the broad tsquery', () => {
    const stage = words('logning opslag', 'any');
    const statement = estimateSql({ status: 'active', level: [2] }, stage);
    expect(statement.values).toEqual(['active', [2], "('logning':*) | ('opslag':*)"]);
    expect(statement.text).toMatch(
      /^EXPLAIN \(FORMAT JSON\) SELECT 1 FROM search_document d, \(SELECT to_tsquery\('kravbank_da', \$3\) AS broad\) q\s+WHERE d\.status = \$1 AND d\.level = ANY\(\$2::smallint\[\]\) AND d\.tsv @@ q\.broad$/,
    );
  });

  it('is pure: the same input gives the same statement', () => {
    const request = { filters: active, page: 1, limit: 20 };
    expect(searchSql(request, words('logning'), options, 3)).toEqual(searchSql(request, words('logning'), options, 3));
  });
});
