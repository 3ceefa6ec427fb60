/**
 * The SQL of a search, as pure functions: given the request (filters and paging), a stage of
 * the query plan and the engine's thresholds, they return the statement's text and its values.
 * Every value a procurer chose (filters, words, paging) is bound as a parameter; the text holds
 * only placeholders and the fixed names of facets.
 */
import { MARK_END, MARK_START } from '../highlight.js';
import { MAX_FACET_VALUES, type FacetCount, type Facets, type SearchFilters, type SearchHit, type SearchRequest } from '../model.js';
import { combine, type QueryGroup } from './query-plan.js';

/** A statement and the values of its placeholders ($1 is values[0]). */
export interface SqlStatement {
  text: string;
  values: unknown[];
}

/** One stage of a search: every group must match (`all`), or at least one (`any`, the last fallback). */
export interface SearchStage {
  mode: 'all' | 'any';
  groups: QueryGroup[];
}

/** What a search statement needs from the request: the filters and the page. */
export type SearchPaging = Pick<SearchRequest, 'filters' | 'page' | 'limit'>;

/** The engine's thresholds the statement depends on (see PostgresEngineOptions). */
export interface SearchSqlOptions {
  rankAllUpTo: number;
  exactFacetsUpTo: number;
  facetSampleSize: number;
}

/** The one row a search statement returns. */
export interface SearchRow {
  total: number;
  facet_sample: number;
  category: Array<FacetCount<Facets['category'][number]['value']>>;
  level: Array<FacetCount<number>>;
  tag: FacetCount[];
  legal_source: FacetCount[];
  hits: Array<{
    key: string;
    version: number;
    title: string;
    category: SearchHit['category'];
    level: number;
    hl_title: string | null;
    hl_statement: string | null;
    statement: string;
  }>;
}

/** Stands for `<` in the texts given to ts_headline, whose parser would take `<word …>` for a tag and drop it. */
export const LT_PLACEHOLDER = '\u0004';

const TITLE_HEADLINE = `HighlightAll=true, StartSel=${MARK_START}, StopSel=${MARK_END}`;
const STATEMENT_HEADLINE = `MaxWords=35, MinWords=15, ShortWord=2, StartSel=${MARK_START}, StopSel=${MARK_END}`;

/** Binds a value and returns its placeholder. */
type Bind = (value: unknown) => string;

function parameters(): { values: unknown[]; bind: Bind } {
  const values: unknown[] = [];
  return {
    values,
    bind: (value) => {
      values.push(value);
      return `$${values.length}`;
    },
  };
}

/** The filters as SQL conditions on `d` (search_document), their values bound through `p`. */
export function filterConditions(f: SearchFilters, p: Bind): string[] {
  const where = [`d.status = ${p(f.status)}`];
  if (f.category?.length) where.push(`d.category = ANY(${p(f.category)}::text[])`);
  if (f.level?.length) where.push(`d.level = ANY(${p(f.level)}::smallint[])`);
  const facetIds = (facet: string, values: string[]) =>
    `ARRAY(SELECT id FROM search_facet_value WHERE facet = '${facet}' AND value = ANY(${p(values)}::text[]))`;
  if (f.tag?.length) where.push(`d.facet_ids && ${facetIds('tag', f.tag)}`);
  if (f.legalSource?.length) where.push(`d.facet_ids && ${facetIds('legalSource', f.legalSource)}`);
  return where;
}

/** The query planner's plan for a stage's text search: its `Plan Rows` is how many documents it expects to match. */
export function estimateSql(filters: SearchFilters, stage: SearchStage): SqlStatement {
  const { values, bind: p } = parameters();
  const where = filterConditions(filters, p);
  const text = `EXPLAIN (FORMAT JSON) SELECT 1 FROM search_document d, (SELECT to_tsquery('kravbank_da', ${p(combine(stage.groups, stage.mode))}) AS broad) q
                  WHERE ${where.join(' AND ')} AND d.tsv @@ q.broad`;
  return { text, values };
}

/** What a stage adds to the statement: the tsqueries, the ranked candidates, the order and the highlights. */
interface StageSql {
  /** The tsqueries `q.broad` and `q.strict`, as a FROM item to append (empty when browsing). */
  q: string;
  /** The filters and, for a text search, the match condition: what a hit satisfies. */
  where: string[];
  /** A CTE of the hits ranked by title (to append after the counting CTEs), or empty. */
  titled: string;
  /** The candidates for the page, as (key, browse_order, rank). */
  scored: string;
  order: (alias: string) => string;
  headline: string;
}

/** Browsing (no words): every match in catalogue order, nothing highlighted. */
function browseStage(filters: string[]): StageSql {
  return {
    q: '',
    where: filters,
    titled: '',
    scored: `SELECT m.key, m.browse_order, 0::real AS rank FROM m`,
    order: (alias) => `${alias}browse_order`,
    headline: `NULL AS hl_title, NULL AS hl_statement`,
  };
}

/** Conditions on typed keys (`alias.key = …`) and starts of keys (`alias.key LIKE …`); null when none was typed. */
interface KeyMatch {
  isKey: ((alias: string) => string) | null;
  startsKey: ((alias: string) => string) | null;
}

function keyMatch(groups: QueryGroup[], p: Bind): KeyMatch {
  const keys = groups.flatMap((g) => (g.key ? [g.key] : []));
  const keyPrefixes = groups.flatMap((g) => (g.keyPrefix ? [`${g.keyPrefix}%`] : []));
  const keysParam = keys.length ? p(keys) : '';
  const prefixesParam = keyPrefixes.length ? p(keyPrefixes) : '';
  return {
    isKey: keys.length ? (alias) => `${alias}.key = ANY(${keysParam}::text[])` : null,
    startsKey: keyPrefixes.length ? (alias) => `${alias}.key LIKE ANY(${prefixesParam}::text[])` : null,
  };
}

/**
 * The parts of a hit's rank. Highest first:
 *  - a typed key (+10) or the start of one (+5);
 *  - a match in the title (+1, then the title's ts_rank): above every match in the body only;
 *  - ts_rank of title and statement together, exact words counting double; computed when at
 *    most rankAllUpTo hits match: beyond that, body-only hits follow in catalogue order;
 *  - with "any word" (the last fallback), +2 for each word (group) a hit contains.
 */
interface Ranking {
  titleRank: string;
  keyBoost: string;
  /** Title match and key boost, for a hit that may match in its body only. */
  base: string;
  /** The +2 per group a vector matches (mode `any`), as ` + …` terms; ` + 0` otherwise. */
  cover: (vector: string) => string;
}

function ranking(stage: SearchStage, keys: KeyMatch, p: Bind): Ranking {
  const titleRank = `1 + ts_rank(d.title_tsv, q.broad) + 2 * ts_rank(d.title_tsv, q.strict)`;
  let keyBoost = '';
  if (keys.isKey) keyBoost += ` + CASE WHEN ${keys.isKey('d')} THEN 10 ELSE 0 END`;
  if (keys.startsKey) keyBoost += ` + CASE WHEN ${keys.startsKey('d')} THEN 5 ELSE 0 END`;
  const base = `CASE WHEN d.title_tsv @@ q.broad THEN ${titleRank} ELSE 0 END${keyBoost}`;
  const groupQueries = stage.mode === 'any' ? stage.groups.map((g) => p(combine([g], 'all'))) : [];
  const cover = (vector: string) => groupQueries.map((g) => ` + (${vector} @@ to_tsquery('kravbank_da', ${g}))::int`).join('') || ' + 0';
  return { titleRank, keyBoost, base, cover };
}

/** Placeholders and fragments shared by the parts of a text stage. */
interface TextParts {
  q: string;
  filters: string[];
  where: string[];
  keys: KeyMatch;
  rank: Ranking;
  rankAllUpTo: string;
  window: string;
  singlePass: number | null;
}

/**
 * Many hits: only those with a title match (found through the title's own index, so the title
 * need not be tested again) or a typed key are ranked; the others follow in catalogue order.
 */
function titledSql({ q, filters, keys, rank, rankAllUpTo, window }: TextParts): string {
  const { titleRank, keyBoost, base, cover } = rank;
  const keyOf = [keys.isKey?.('m'), keys.startsKey?.('m')].filter(Boolean).join(' OR ');
  const keyed = keyOf
    ? `UNION SELECT d.key, d.browse_order, ${base} + 2 * (0${cover('d.title_tsv')})
          FROM m JOIN search_document d ON d.key = m.key${q}
         WHERE (SELECT n FROM total) > ${rankAllUpTo} AND (${keyOf})`
    : '';
  return `,
      titled AS MATERIALIZED (
        SELECT d.key, d.browse_order, ${titleRank}${keyBoost} + 2 * (0${cover('d.title_tsv')}) AS rank
          FROM search_document d${q}
         WHERE (SELECT n FROM total) > ${rankAllUpTo} AND ${filters.join(' AND ')} AND d.title_tsv @@ q.broad
        ${keyed}
         -- Only the best up to this page are kept: fewer than that means every ranked hit.
         ORDER BY 3 DESC, 2 LIMIT ${window}
      )`;
}

/**
 * The candidates for the page: up to rankAllUpTo hits, every hit ranked; beyond it, the ranked
 * title matches, then (only if they do not fill the pages up to this one) the others in
 * catalogue order. In a single pass the hits are not kept in `m`, so they are read here.
 */
function scoredSql({ q, where, rank, rankAllUpTo, window, singlePass }: TextParts): string {
  const { base, cover } = rank;
  const unranked = singlePass ? `(SELECT d.key, d.browse_order FROM search_document d${q} WHERE ${where.join(' AND ')}) m` : 'm';
  return `
        (SELECT t.key, t.browse_order, t.rank FROM titled t ORDER BY t.rank DESC, t.browse_order LIMIT ${window})
        UNION ALL
        (SELECT m.key, m.browse_order, 0 FROM ${unranked}
          -- Needed only when the ranked hits do not fill the pages up to this one.
          WHERE (SELECT n FROM total) > ${rankAllUpTo} AND (SELECT count(*) FROM titled) < ${window}
            AND NOT EXISTS (SELECT 1 FROM titled t WHERE t.key = m.key)
          ORDER BY m.browse_order LIMIT ${window})
        UNION ALL
        SELECT d.key, d.browse_order, ${base} + ts_rank(d.rank_tsv, q.broad) + 2 * ts_rank(d.rank_tsv, q.strict) + 2 * (0${cover('d.rank_tsv')})
          FROM m JOIN search_document d ON d.key = m.key${q}
         WHERE (SELECT n FROM total) <= ${rankAllUpTo}`;
}

/** A text search: hits match the broad tsquery (or a typed key), ranked, with highlights. */
function textStage(
  stage: SearchStage,
  request: SearchPaging,
  options: SearchSqlOptions,
  filters: string[],
  p: Bind,
  singlePass: number | null,
): StageSql {
  const q = `, (SELECT to_tsquery('kravbank_da', ${p(combine(stage.groups, stage.mode))}) AS broad,
                     to_tsquery('kravbank_da', ${p([...new Set(stage.groups.flatMap((g) => g.strict))].join(' | '))}) AS strict) q`;
  const keys = keyMatch(stage.groups, p);
  const where = [...filters, `(d.tsv @@ q.broad${keys.isKey ? ` OR ${keys.isKey('d')}` : ''})`];
  const rank = ranking(stage, keys, p);
  const rankAllUpTo = p(options.rankAllUpTo);
  const window = p(request.page * request.limit);
  const parts: TextParts = { q, filters, where, keys, rank, rankAllUpTo, window, singlePass };
  const lt = p(LT_PLACEHOLDER);
  return {
    q,
    where,
    titled: titledSql(parts),
    scored: scoredSql(parts),
    order: (alias) => `${alias}rank DESC, ${alias}browse_order`,
    headline: `ts_headline('kravbank_da', replace(d.title, '<', ${lt}), q.broad, ${p(TITLE_HEADLINE)}) AS hl_title,
                  ts_headline('kravbank_da', replace(d.statement, '<', ${lt}), q.broad, ${p(STATEMENT_HEADLINE)}) AS hl_statement`,
  };
}

/**
 * Every aggregate reads the matches once more: category × level (the total is their sum), then
 * tags and legal sources together (their ids share one sequence), over every match or, past
 * exactFacetsUpTo, over every n-th match in catalogue order, a sample of about facetSampleSize
 * (the catalogue number is already at hand; hashing every match's key costs more).
 */
function countingSql(stage: StageSql, exactFacetsUpTo: string, sampleSize: string): string {
  const matches = `SELECT d.key, d.category, d.level, d.facet_ids, d.browse_order FROM search_document d${stage.q}`;
  return `
      WITH m AS MATERIALIZED (${matches} WHERE ${stage.where.join(' AND ')}),
      category_level AS MATERIALIZED (SELECT category, level, count(*) AS n FROM m GROUP BY 1, 2),
      total AS (SELECT COALESCE(sum(n), 0)::int AS n FROM category_level),
      sample AS (
        SELECT CASE WHEN (SELECT n FROM total) <= ${exactFacetsUpTo} THEN 1
                    ELSE GREATEST(1, ceil((SELECT n FROM total)::numeric / ${sampleSize}))::int END AS every),
      facet_ids AS MATERIALIZED (
        SELECT id, round(count(*) * (SELECT every FROM sample))::int AS n
          FROM (SELECT unnest(m.facet_ids) AS id FROM m
                 WHERE (SELECT every FROM sample) = 1 OR m.browse_order % (SELECT every FROM sample) = 0) u
         GROUP BY 1)`;
}

/**
 * One pass counts category × level and keeps, as text, the facet ids of one hit in every
 * `every`; the hits themselves are read again only if they are few after all.
 */
function singlePassCountingSql(stage: StageSql, exactFacetsUpTo: string, every: string): string {
  const matches = `SELECT d.key, d.category, d.level, d.facet_ids, d.browse_order FROM search_document d${stage.q}`;
  const where = stage.where.join(' AND ');
  return `
      WITH counted AS MATERIALIZED (
        SELECT d.category, d.level, count(*) AS n,
               string_agg(d.facet_ids::text, '') FILTER (WHERE d.browse_order % ${every} = 0) AS ids
          FROM search_document d${stage.q}
         WHERE ${where}
         GROUP BY 1, 2
      ),
      category_level AS (SELECT category, level, n FROM counted),
      total AS (SELECT COALESCE(sum(n), 0)::int AS n FROM category_level),
      m AS MATERIALIZED (${matches} WHERE (SELECT n FROM total) <= ${exactFacetsUpTo} AND ${where}),
      sample AS (SELECT CASE WHEN (SELECT n FROM total) <= ${exactFacetsUpTo} THEN 1 ELSE ${every}::int END AS every),
      facet_ids AS MATERIALIZED (
        SELECT id, (count(*) * (SELECT every FROM sample))::int AS n
          FROM (SELECT unnest(m.facet_ids) AS id FROM m
                UNION ALL
                SELECT x::int FROM counted, unnest(string_to_array(translate(counted.ids, '{}', ',,'), ',')) AS x
                 WHERE (SELECT n FROM total) > ${exactFacetsUpTo} AND x <> '') u
         GROUP BY 1)`;
}

/** The page and the facet counts, as one row (SearchRow), from the CTEs before it. */
function resultSql(stage: StageSql, limit: string, offset: string, maxFacets: string): string {
  const facet = (column: string) =>
    `(SELECT COALESCE(json_agg(json_build_object('value', v, 'count', n) ORDER BY n DESC, v), '[]')
          FROM (SELECT ${column} AS v, sum(n)::int AS n FROM category_level GROUP BY 1) x)`;
  const facetOfIds = (name: string) =>
    `(SELECT COALESCE(json_agg(json_build_object('value', y.value, 'count', y.n) ORDER BY y.n DESC, y.value), '[]') FROM (
          SELECT v.value, x.n FROM facet_ids x JOIN search_facet_value v ON v.id = x.id AND v.facet = '${name}'
           ORDER BY x.n DESC, v.value LIMIT ${maxFacets}) y)`;
  return `${stage.titled},
      page AS (SELECT key, rank, browse_order FROM (${stage.scored}) s ORDER BY ${stage.order('')} LIMIT ${limit} OFFSET ${offset})
      SELECT (SELECT n FROM total) AS total,
             (SELECT every FROM sample) AS facet_sample,
             ${facet('category')} AS category,
             ${facet('level')} AS level,
             ${facetOfIds('tag')} AS tag,
             ${facetOfIds('legalSource')} AS legal_source,
             (SELECT COALESCE(json_agg(h ORDER BY h.ord), '[]') FROM (
                SELECT row_number() OVER (ORDER BY ${stage.order('p.')}) AS ord,
                       d.key, d.version, d.title, d.category, d.level, d.statement, ${stage.headline}
                  FROM page p JOIN search_document d ON d.key = p.key${stage.q}) h) AS hits`;
}

/**
 * One stage's statement: the total, the facet counts and one page of hits, in one row. Without
 * a stage it browses in catalogue order. `singlePass` (a sampling period) counts the hits in one
 * pass over them and keeps none of them, for a stage expected to match many; it needs a stage
 * without typed keys.
 */
export function searchSql(
  request: SearchPaging,
  stage: SearchStage | null,
  options: SearchSqlOptions,
  singlePass: number | null = null,
): SqlStatement {
  const { values, bind: p } = parameters();
  const filters = filterConditions(request.filters, p);
  const limit = p(request.limit);
  const offset = p((request.page - 1) * request.limit);
  const parts = stage ? textStage(stage, request, options, filters, p, singlePass) : browseStage(filters);
  const maxFacets = p(MAX_FACET_VALUES);
  const exactFacetsUpTo = p(options.exactFacetsUpTo);
  const counting = singlePass
    ? singlePassCountingSql(parts, exactFacetsUpTo, p(singlePass))
    : countingSql(parts, exactFacetsUpTo, p(options.facetSampleSize));
  return { text: counting + resultSql(parts, limit, offset, maxFacets), values };
}
