import type { PoolClient, QueryResult } from 'pg';
import type { DataSource, EntityManager } from 'typeorm';
import { renderHighlight, snippet } from '../highlight.js';
import type { EngineStats, RebuildReport, SearchDocument, SearchHit, SearchRequest, SearchResult } from '../model.js';
import type { SearchVocabulary } from '../search-data.js';
import { SearchEngine, type IndexedHash } from '../search-engine.js';
import { operand, planQuery, type QueryGroup, type QueryPlan } from './query-plan.js';
import { estimateSql, LT_PLACEHOLDER, searchSql, type SearchRow, type SearchStage } from './search-sql.js';
import { danishStemKeeps, foldAccents, WordList } from './word-list.js';

export interface PostgresEngineOptions {
  /** Fewer hits than this and the engine tries again with typo matching, then with any word. */
  minResults: number;
  /** Indexed words that contain a query word (compounds), added per word. */
  maxCompoundWords: number;
  /**
   * A query word that this many documents contain already (counted for the indexed word that
   * starts with it and occurs most) gets no compounds: they would add few hits to a result that
   * large, while each one makes every search for the word read another long list of documents.
   */
  compoundsBelowDocuments: number;
  /** Indexed words that look like a query word (typos), added per word. */
  maxTypoWords: number;
  /** pg_trgm similarity a word needs to count as a typo of a query word. */
  typoSimilarity: number;
  /**
   * Up to this many hits every hit is ranked by its title and statement. Above it, hits are
   * ranked by their title alone: title matches come first, the others follow in catalogue
   * order (ranking tens of thousands of body texts would cost more than a search may take).
   */
  rankAllUpTo: number;
  /**
   * Up to this many hits the tag and legal-source counts are exact. Above it they are
   * estimated from a fixed sample of about facetSampleSize hits (every n-th in catalogue order)
   * and the result says so (`facetCountsExact: false`); the total and the category and level
   * counts are always exact.
   */
  exactFacetsUpTo: number;
  /** About how many hits the estimated tag and legal-source counts are taken from. */
  facetSampleSize: number;
  /**
   * A text search the query planner expects to match at least this many documents counts them
   * in one pass, without keeping them for the facets and the page: the tag and legal-source
   * counts come from the sample taken in that pass (one hit in every ceil(estimate /
   * facetSampleSize)), the page from the ranked title matches. Should it match no more than
   * exactFacetsUpTo after all, the hits are read once more for exact counts.
   */
  singlePassFrom: number;
  /**
   * Results of expensive searches kept in memory (0 turns caching off). A result is kept when
   * it took at least `cacheMinMs`, and served only while the index has not changed since.
   */
  cacheEntries: number;
  cacheMinMs: number;
}

const DEFAULTS: PostgresEngineOptions = {
  minResults: 3,
  maxCompoundWords: 20,
  compoundsBelowDocuments: 5000,
  maxTypoWords: 4,
  typoSimilarity: 0.45,
  rankAllUpTo: 1000,
  exactFacetsUpTo: 10_000,
  facetSampleSize: 5_000,
  singlePassFrom: 20_000,
  cacheEntries: 500,
  cacheMinMs: 25,
};

/** The vocabulary is read whole into memory; a bank would need a million distinct words to reach this. */
const MAX_WORDS = 1_000_000;

/** Stemmed operands kept in memory; past this the memory starts afresh. */
const MAX_STEMMED = 50_000;

/** Documents per INSERT statement when indexing. */
const UPSERT_BATCH = 500;

/**
 * The text-search parser reads `<word …>` as an XML tag and skips it (ts_headline drops it
 * from the text). Requirement texts are plain text, so `<` is hidden from the parser: as a
 * space when indexing, as a placeholder that highlighting turns back into `<`.
 */
const untagged = (sql: string) => `replace(${sql}, '<', ' ')`;

const A = `setweight(to_tsvector('kravbank_da', d.key || ' ' || ${untagged('d.title')}), 'A')`;
const B = `setweight(to_tsvector('kravbank_da', ${untagged('d.statement')}), 'B')`;
/** Every searchable field, weighted: key and title (A) > statement (B) > rationale and guidance (C) > tags and legal sources (D). */
const TSV = `${A} || ${B} ||
  setweight(to_tsvector('kravbank_da', ${untagged("d.rationale || ' ' || d.guidance")}), 'C') ||
  setweight(to_tsvector('kravbank_da', array_to_string(d.tags || d.legal_source_titles || d.legal_sources, ' ')), 'D')`;

/**
 * The words of the documents for the vocabulary (unstemmed, accents folded, plain letters,
 * digits and hyphens), each with the number of documents that contain it and were not indexed
 * before (the statement sees the index as it was before it): a word's count grows when a
 * document is first indexed, not when one is indexed again.
 */
const WORDS = `
  SELECT w, (count(*) FILTER (WHERE before.key IS NULL))::int
    FROM d LEFT JOIN search_document before ON before.key = d.key,
         unnest(tsvector_to_array(to_tsvector('kravbank_words', ${untagged(`
         d.title || ' ' || d.statement || ' ' || d.rationale || ' ' || d.guidance || ' ' ||
         array_to_string(d.tags || d.legal_source_titles, ' ')`)}))) AS w
   WHERE length(w) BETWEEN 3 AND 60 AND w ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND w ~ '[a-z]'
   GROUP BY w
   ORDER BY w`;

const RECORD = `json_to_recordset($1::json) AS d(key text, version int, category text, title text, statement text, rationale text,
  guidance text, tags text[], legal_sources text[], legal_source_titles text[], level smallint, obligation text, status text,
  published_at timestamptz, browse_order bigint, doc_hash text)`;

const FACET_VALUES_SQL = `
  WITH d AS (SELECT * FROM ${RECORD})
  INSERT INTO search_facet_value (facet, value)
  SELECT DISTINCT facet, value FROM (
    SELECT 'tag' AS facet, t AS value FROM d, unnest(d.tags) AS t
    UNION ALL SELECT 'legalSource', s FROM d, unnest(d.legal_sources) AS s) v
  ORDER BY 1, 2
  ON CONFLICT (facet, value) DO NOTHING`;

/** The ids of a document's tags or legal sources, in the document's order. */
const ids = (facet: string, column: string) =>
  `ARRAY(SELECT v.id FROM unnest(${column}) WITH ORDINALITY AS x(value, ord) JOIN search_facet_value v ON v.facet = '${facet}' AND v.value = x.value ORDER BY x.ord)`;

/**
 * Writes a batch of documents and their words. A rebuild counts the words of each batch into a
 * temporary table and adds them up once at the end (`wordCounts`): updating the count of every
 * word in every batch would rewrite the vocabulary hundreds of times.
 */
const upsertSql = (wordCounts: boolean) => `
  WITH d AS (SELECT * FROM ${RECORD}),
  up AS (
    INSERT INTO search_document (key, version, category, level, obligation, status, facet_ids, browse_order,
                                 title_tsv, title, statement, published_at, doc_hash, rank_tsv, tsv, indexed_at)
    SELECT d.key, d.version, d.category, d.level, d.obligation, d.status, ${ids('tag', 'd.tags')} || ${ids('legalSource', 'd.legal_sources')},
           d.browse_order, ${A}, d.title, d.statement, d.published_at, d.doc_hash, ${A} || ${B}, ${TSV}, now()
      FROM d
    ON CONFLICT (key) DO UPDATE SET
      version = EXCLUDED.version, category = EXCLUDED.category, level = EXCLUDED.level, obligation = EXCLUDED.obligation,
      status = EXCLUDED.status, facet_ids = EXCLUDED.facet_ids,
      browse_order = EXCLUDED.browse_order, title_tsv = EXCLUDED.title_tsv, title = EXCLUDED.title, statement = EXCLUDED.statement,
      published_at = EXCLUDED.published_at, doc_hash = EXCLUDED.doc_hash, rank_tsv = EXCLUDED.rank_tsv, tsv = EXCLUDED.tsv,
      indexed_at = EXCLUDED.indexed_at
    RETURNING 1
  ),
  words AS (${
    wordCounts
      ? `INSERT INTO pg_temp.search_term_count (word, documents) ${WORDS}`
      : `INSERT INTO search_term (word, documents) ${WORDS}
         ON CONFLICT (word) DO UPDATE SET documents = search_term.documents + EXCLUDED.documents WHERE EXCLUDED.documents > 0`
  })
  SELECT count(*)::int AS n FROM up`;
const UPSERT_SQL = upsertSql(false);
const REBUILD_SQL = upsertSql(true);

type SqlQuery = (sql: string, params?: unknown[]) => Promise<unknown[]>;

/**
 * Postgres full-text search: the default engine, with nothing to run besides the database.
 * Words match by Danish stem and as prefixes (search-as-you-type); synonyms from the
 * search data expand the query; an indexed compound containing a query word counts
 * ("logning" finds "adgangslogning"); when that finds too little, words that look like a
 * query word (pg_trgm) are tried, and at last documents matching any word.
 */
export class PostgresSearchEngine extends SearchEngine {
  readonly name = 'postgres' as const;
  private readonly options: PostgresEngineOptions;
  /** The indexed words, as of an index generation. */
  private wordList: { list: Promise<WordList>; generation: string } | null = null;
  /** Expensive results by request, with the index generation they were computed at; oldest first. */
  private readonly cache = new Map<string, { generation: string; result: SearchResult }>();
  /** What `kravbank_da` makes of a one-word operand (`'logningen':*` → `'logning':*`); null when not one lexeme. */
  private readonly stemmed = new Map<string, Lexeme | null>();

  constructor(
    private readonly db: DataSource,
    private readonly vocabulary: SearchVocabulary,
    options: Partial<PostgresEngineOptions> = {},
  ) {
    super();
    this.options = { ...DEFAULTS, ...options };
  }

  async prepare(): Promise<void> {
    const [row] = await this.db.query(
      `SELECT to_regclass('search_document') IS NOT NULL AS table, EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'kravbank_da') AS config`,
    );
    if (!row.table || !row.config) throw new Error('The Postgres search index is missing: run the database migrations (kravbank migrate).');
  }

  async upsert(documents: SearchDocument[]): Promise<void> {
    await this.db.transaction((manager) => this.write(manager, documents));
  }

  private async write(manager: EntityManager, documents: SearchDocument[], sql = UPSERT_SQL): Promise<number> {
    let n = 0;
    for (let i = 0; i < documents.length; i += UPSERT_BATCH) {
      const rows = JSON.stringify(documents.slice(i, i + UPSERT_BATCH).map(toRow));
      await manager.query(FACET_VALUES_SQL, [rows]);
      const [{ n: written }] = await manager.query(sql, [rows]);
      n += written;
    }
    return n;
  }

  async delete(keys: string[]): Promise<void> {
    if (keys.length) await this.db.query(`DELETE FROM search_document WHERE key = ANY($1)`, [keys]);
  }

  /** One transaction: readers keep seeing the old rows until the new ones commit, so search never goes empty. */
  async rebuild(batches: AsyncIterable<SearchDocument[]>): Promise<RebuildReport> {
    const t0 = performance.now();
    const documents = await this.db.transaction(async (manager) => {
      // One rebuild at a time; writers (the sync worker) wait, readers do not.
      await manager.query(`LOCK TABLE search_document IN SHARE ROW EXCLUSIVE MODE`);
      await manager.query(`DELETE FROM search_document`);
      await manager.query(`DELETE FROM search_term`);
      await manager.query(`DELETE FROM search_facet_value`);
      await manager.query(`CREATE TEMPORARY TABLE search_term_count (word text NOT NULL, documents int NOT NULL) ON COMMIT DROP`);
      let n = 0;
      for await (const batch of batches) n += await this.write(manager, batch, REBUILD_SQL);
      await manager.query(
        `INSERT INTO search_term (word, documents) SELECT word, sum(documents) FROM search_term_count GROUP BY word ORDER BY word`,
      );
      return n;
    });
    // Every row was rewritten: clear out the old ones and mark the pages all-visible now, rather
    // than leave it to autovacuum in the middle of the next searches.
    await this.db.query(`VACUUM (ANALYZE) search_document, search_term, search_facet_value`);
    return { engine: this.name, documents, ms: Math.round(performance.now() - t0) };
  }

  async *hashes(pageSize: number): AsyncIterable<IndexedHash[]> {
    let after = '';
    for (;;) {
      const rows: Array<{ key: string; hash: string }> = await this.db.query(
        `SELECT key, doc_hash AS hash FROM search_document WHERE key > $1 ORDER BY key LIMIT $2`,
        [after, pageSize],
      );
      if (!rows.length) return;
      yield rows;
      if (rows.length < pageSize) return;
      after = rows[rows.length - 1].key;
    }
  }

  async stats(): Promise<EngineStats> {
    try {
      const [{ n }] = await this.db.query(`SELECT count(*)::int AS n FROM search_document`);
      return { engine: this.name, healthy: true, documents: n };
    } catch (e) {
      return { engine: this.name, healthy: false, documents: 0, problem: (e as Error).message };
    }
  }

  /**
   * Every change to the index moves its generation on (a trigger does it, whichever process
   * writes); the word list and cached results are only used for the generation they were read at.
   */
  async search(request: SearchRequest): Promise<SearchResult> {
    const plan = planQuery(request.q, this.vocabulary);
    return this.reading(plan.groups.length > 0, async (query, generation, bankSize) => {
      if (!this.options.cacheEntries) return this.compute(query, request, plan, generation, bankSize);
      const key = JSON.stringify([request.q.toLowerCase().replace(/\s+/g, ' '), request.filters, request.page, request.limit]);
      const hit = this.cache.get(key);
      if (hit && hit.generation === generation) {
        this.cache.delete(key);
        this.cache.set(key, hit);
        return structuredClone(hit.result);
      }
      const t0 = performance.now();
      const result = await this.compute(query, request, plan, generation, bankSize);
      this.cache.delete(key);
      if (performance.now() - t0 >= this.options.cacheMinMs) {
        this.cache.set(key, { generation, result: structuredClone(result) });
        while (this.cache.size > this.options.cacheEntries) this.cache.delete(this.cache.keys().next().value!);
      }
      return result;
    });
  }

  /**
   * One read-only transaction per search, whatever its stages: the settings and the index's
   * generation in one round trip, then each stage's query, then the commit.
   *
   * The full tsvector is large and kept out of line: it must be read through its GIN index,
   * never row by row, and the planner does not know what reading it costs, so a text search
   * turns sequential scans off. JIT compilation would cost more than these queries take.
   */
  private async reading<T>(textSearch: boolean, work: (query: SqlQuery, generation: string, bankSize: number) => Promise<T>): Promise<T> {
    const runner = this.db.createQueryRunner();
    const client = (await runner.connect()) as PoolClient;
    try {
      const opened = (await client.query(
        `BEGIN READ ONLY; SET LOCAL jit = off; SET LOCAL work_mem = '32MB'; SET LOCAL enable_seqscan = ${textSearch ? 'off' : 'on'};
         SELECT generation::text AS generation, (SELECT reltuples FROM pg_class WHERE oid = 'search_document'::regclass) AS documents
           FROM search_index_state`,
      )) as unknown as QueryResult[];
      const { generation, documents } = opened[opened.length - 1].rows[0] as { generation: string; documents: number | null };
      const result = await work(async (sql, params) => (await client.query(sql, params)).rows, generation, Number(documents ?? -1));
      await client.query('COMMIT');
      return result;
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      await runner.release();
    }
  }

  private async compute(
    query: SqlQuery,
    request: SearchRequest,
    plan: QueryPlan,
    generation: string,
    bankSize: number,
  ): Promise<SearchResult> {
    if (!plan.groups.length) return this.run(query, request, null);
    // A stage the planner expects to match many documents counts them in one pass.
    const runStage = async (asked: SearchStage) => {
      const stage = { ...asked, groups: await this.withoutCovered(query, asked.groups, asked.mode) };
      const expected = await this.estimate(query, request, stage, bankSize);
      const singlePass = expected >= this.options.singlePassFrom ? Math.ceil(expected / this.options.facetSampleSize) : null;
      return this.run(query, request, stage, singlePass);
    };
    const words = plan.groups.some((g) => g.expand) ? await this.words(generation) : null;
    // Compounds of a word most of the bank contains already would add few hits and cost much.
    const compounds = (list: WordList, term: string) =>
      list.documentsWithPrefix(term) >= this.options.compoundsBelowDocuments ? [] : list.containing(term, this.options.maxCompoundWords);
    const groups = words ? extend(plan.groups, (term) => compounds(words, term), false) : plan.groups;
    // Words that look like a query word, for typos: only for a word no indexed word starts with
    // (one that does is spelt right; its look-alikes would only widen it).
    const fuzzyGroups = () => {
      const typos = words
        ? extend(
            groups,
            (term) => (words.hasPrefix(term) ? [] : words.similar(term, this.options.typoSimilarity, this.options.maxTypoWords)),
            true,
          )
        : groups;
      return typos.some((g, i) => g !== groups[i]) ? typos : groups;
    };
    // When a word certainly matches nothing (a typo), the exact stage would find nothing: go
    // straight to the stages that come after it, if any does.
    let fuzzy: QueryGroup[] | undefined;
    if (words) {
      // What the stemmer keeps of each plain word: it is the start of every indexed word it can match.
      const plain = groups.filter((g) => isPlainWord(g) && words.hasPrefix(danishStemKeeps(foldAccents(g.expand!))));
      await this.stem(
        query,
        plain.map((g) => g.broad[0]),
      );
    }
    if (words && groups.some((g) => matchesNoWord(g, words, this.stemmed.get(g.broad[0]) ?? null))) {
      fuzzy = fuzzyGroups();
      if (fuzzy === groups && fuzzy.length < 2) fuzzy = undefined;
    }
    let result: SearchResult | undefined;
    if (!fuzzy) {
      result = await runStage({ mode: 'all', groups });
      if (result.total >= this.options.minResults) return result;
      fuzzy = fuzzyGroups();
    }
    if (fuzzy !== groups) {
      result = await runStage({ mode: 'all', groups: fuzzy });
      if (result.total >= this.options.minResults) return result;
    }
    if (fuzzy.length > 1) result = await runStage({ mode: 'any', groups: fuzzy });
    return result!;
  }

  /**
   * Each group without the operands another of its operands matches already, once stemmed: the
   * look-alikes of a misspelt word are mostly inflections of one word ("dokumentere",
   * "dokumenterer" → 'dokument':*), and every operand makes the index read its documents again
   * and the ranking test them again. Operands of more than one lexeme are kept as they are.
   * When every group must match, a group that another one implies is left out too ("adgang" in
   * "adgangssytring adgang", once the typo found "adgang" for the first word).
   */
  private async withoutCovered(query: SqlQuery, asked: QueryGroup[], mode: SearchStage['mode']): Promise<QueryGroup[]> {
    const implied = mode === 'all' && asked.length > 1;
    await this.stem(
      query,
      asked.flatMap((g) => (g.broad.length > 1 || implied ? g.broad : [])),
    );
    const covers = (k: Lexeme, x: Lexeme) => (k.prefix ? x.text.startsWith(k.text) : !x.prefix && x.text === k.text);
    const groups = asked.map((g) => {
      if (g.broad.length < 2) return g;
      const lexemes = g.broad.map((o) => this.stemmed.get(o) ?? null);
      // Prefixes first, then shorter lexemes first: a kept operand can only cover those after it.
      const order = g.broad
        .map((_, i) => i)
        .sort((a, b) => {
          const x = lexemes[a];
          const y = lexemes[b];
          if (!x || !y) return x ? 1 : y ? -1 : a - b;
          return Number(y.prefix) - Number(x.prefix) || x.text.length - y.text.length || a - b;
        });
      const kept: Lexeme[] = [];
      const keep = new Set<number>();
      for (const i of order) {
        const x = lexemes[i];
        if (x && kept.some((k) => covers(k, x))) continue;
        if (x) kept.push(x);
        keep.add(i);
      }
      return keep.size === g.broad.length ? g : { ...g, broad: g.broad.filter((_, i) => keep.has(i)) };
    });
    if (!implied) return groups;
    // A implies B when each operand of A is covered by one of B's (plain words, no keys).
    const lexemesOf = (g: QueryGroup) => (g.key || g.keyPrefix ? null : g.broad.map((o) => this.stemmed.get(o) ?? null));
    const implies = (a: QueryGroup, b: QueryGroup) => {
      const [x, y] = [lexemesOf(a), lexemesOf(b)];
      return !!x && !!y && x.every((l) => l && y.some((k) => k && covers(k, l)));
    };
    const kept = groups.filter((b, j) => !groups.some((a, i) => i !== j && implies(a, b) && (!implies(b, a) || i < j)));
    if (kept.length === groups.length) return groups;
    // The words typed for a group left out still rank exact matches higher.
    const strict = [...new Set(groups.flatMap((g) => g.strict))];
    return kept.map((g, i) => (i === 0 ? { ...g, strict } : g));
  }

  /** Looks up (once) what `kravbank_da` makes of the operands not seen before. */
  private async stem(query: SqlQuery, operands: string[]): Promise<void> {
    const unknown = [...new Set(operands)].filter((o) => !this.stemmed.has(o));
    if (!unknown.length) return;
    const rows = (await query(`SELECT o, to_tsquery('kravbank_da', o)::text AS t FROM unnest($1::text[]) AS o`, [unknown])) as Array<{
      o: string;
      t: string;
    }>;
    if (this.stemmed.size + rows.length > MAX_STEMMED) this.stemmed.clear();
    for (const { o, t } of rows) this.stemmed.set(o, lexeme(t));
  }

  /** The indexed words (compounds that hold a query word, words that look like a misspelt one), read again when the index changed. */
  private words(generation: string): Promise<WordList> {
    if (this.wordList?.generation !== generation) {
      const list = this.db.query(`SELECT word, documents FROM search_term ORDER BY word LIMIT ${MAX_WORDS}`).then(
        (rows: Array<{ word: string; documents: number }>) =>
          new WordList(
            rows.map((r) => r.word),
            rows.map((r) => r.documents),
          ),
      );
      this.wordList = { list, generation };
      list.catch(() => (this.wordList = null));
    }
    return this.wordList.list;
  }

  /**
   * How many documents the query planner expects a stage to match, when it might be many: a
   * bank smaller than singlePassFrom (as its statistics say) and a stage with a typed key are
   * not estimated.
   */
  private async estimate(query: SqlQuery, request: SearchRequest, stage: SearchStage, bankSize: number): Promise<number> {
    if (bankSize < this.options.singlePassFrom || stage.groups.some((g) => g.key || g.keyPrefix)) return 0;
    const { text, values } = estimateSql(request.filters, stage);
    const [row] = (await query(text, values)) as Array<{ 'QUERY PLAN': Array<{ Plan: { 'Plan Rows': number } }> }>;
    return row['QUERY PLAN'][0].Plan['Plan Rows'];
  }

  /** One stage's query (see searchSql); `singlePass` is the sampling period of a stage expected to match many. */
  private async run(
    query: SqlQuery,
    request: SearchRequest,
    stage: SearchStage | null,
    singlePass: number | null = null,
  ): Promise<SearchResult> {
    const { text, values } = searchSql(request, stage, this.options, singlePass);
    const [row] = (await query(text, values)) as SearchRow[];
    return searchResult(this.name, request, row);
  }
}

/** A search statement's row as the engine answers it: highlights rendered, levels as numbers. */
function searchResult(engine: 'postgres', request: SearchRequest, row: SearchRow): SearchResult {
  return {
    engine,
    total: row.total,
    facetCountsExact: row.facet_sample === 1,
    page: request.page,
    limit: request.limit,
    hits: row.hits.map((h) => ({
      key: h.key,
      version: h.version,
      title: h.title,
      category: h.category,
      level: Number(h.level) as SearchHit['level'],
      highlights: {
        title: renderHighlight((h.hl_title ?? h.title).replaceAll(LT_PLACEHOLDER, '<')),
        statement: renderHighlight((h.hl_statement ?? snippet(h.statement)).replaceAll(LT_PLACEHOLDER, '<')),
      },
    })),
    facets: {
      category: row.category,
      level: row.level.map((c) => ({ value: Number(c.value), count: c.count })),
      tag: row.tag,
      legalSource: row.legal_source,
    },
  };
}

interface Lexeme {
  text: string;
  prefix: boolean;
}

/** A stemmed tsquery of one lexeme (`'logning':*`), or null. */
function lexeme(tsquery: string): Lexeme | null {
  const match = /^'([^']+)'(:\*)?$/.exec(tsquery);
  return match ? { text: match[1], prefix: !!match[2] } : null;
}

/**
 * A plain word (no key, no synonyms, no compounds found) that no indexed word can match: none
 * starts with the part of it the stemmer always keeps, or none with its stem (when known).
 */
function matchesNoWord(g: QueryGroup, words: WordList, stemmed: Lexeme | null): boolean {
  if (!isPlainWord(g)) return false;
  // The stemmer only cuts a word's end, so every indexed word an indexed lexeme came from starts
  // with that lexeme: when none starts with the typed word's stem, no lexeme does either.
  return !words.hasPrefix(danishStemKeeps(foldAccents(g.expand!))) || (!!stemmed && !words.hasPrefix(stemmed.text));
}

/** One typed word of letters: no key, no synonyms, no compounds found. */
function isPlainWord(g: QueryGroup): boolean {
  return !!g.expand && !g.key && !g.keyPrefix && g.broad.length === 1 && /^\p{L}+$/u.test(g.expand);
}

/** Adds the words found for each group's expandable word to that group's alternatives. */
function extend(groups: QueryGroup[], find: (term: string) => string[], prefix: boolean): QueryGroup[] {
  return groups.map((g) => {
    if (!g.expand) return g;
    // Hyphenated words would become phrase queries, which make PostgreSQL re-read every candidate's tsvector.
    const found = find(g.expand)
      .filter((w) => /^[a-z0-9]+$/.test(w))
      .map((w) => operand(w, prefix && w.length >= 4));
    return found.length ? { ...g, broad: [...new Set([...g.broad, ...found])] } : g;
  });
}

function toRow(d: SearchDocument) {
  return {
    key: d.key,
    version: d.version,
    category: d.category,
    title: d.title,
    statement: d.statement,
    rationale: d.rationale,
    guidance: d.guidance,
    tags: d.tags,
    legal_sources: d.legalSources,
    legal_source_titles: d.legalSourceTitles,
    level: d.level,
    obligation: d.obligation,
    status: d.status,
    published_at: d.publishedAt,
    browse_order: d.browseOrder,
    doc_hash: d.hash,
  };
}
