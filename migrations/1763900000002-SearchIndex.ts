import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The Postgres search engine's index: a Danish text-search configuration that folds
 * accents (æ → ae, ø → o, å → a) before stemming, one row per requirement with a stored,
 * weighted tsvector under a GIN index, and the indexed words with a trigram index for
 * compound-word and typo matching. The index is derived: it may be emptied and rebuilt
 * from the catalogue at any time (`kravbank reindex`).
 */
export class SearchIndex1763900000002 implements MigrationInterface {
  name = 'SearchIndex1763900000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS unaccent`);
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);

    // Words with letters outside ASCII (word, hword, hword_part) lose their accents before the
    // Danish stemmer sees them, so "sårbarhed" and "sarbarhed" meet in one lexeme.
    await q.query(`CREATE TEXT SEARCH CONFIGURATION kravbank_da (COPY = danish)`);
    await q.query(`ALTER TEXT SEARCH CONFIGURATION kravbank_da ALTER MAPPING FOR hword, hword_part, word WITH unaccent, danish_stem`);
    // The same words unstemmed: the vocabulary that compound and typo matching look in.
    await q.query(`CREATE TEXT SEARCH CONFIGURATION kravbank_words (COPY = simple)`);
    await q.query(`ALTER TEXT SEARCH CONFIGURATION kravbank_words ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple`);

    // Tags and legal sources as integers (one sequence for both): facets count them, filters match them.
    await q.query(`CREATE TABLE search_facet_value (
      id serial PRIMARY KEY,
      facet text NOT NULL CHECK (facet IN ('tag', 'legalSource')),
      value text NOT NULL,
      CONSTRAINT search_facet_value_facet_value_key UNIQUE (facet, value)
    )`);

    // One row per requirement. What every match is read for (filters, facets, whether the title
    // matches) stays in the row; the rest is moved out of line (toast_tuple_target), so that a
    // query matching a third of a large bank reads a narrow table. The full tsvector is read
    // through its GIN index only.
    await q.query(`CREATE TABLE search_document (
      key text PRIMARY KEY,
      version int NOT NULL,
      category text NOT NULL,
      level smallint NOT NULL,
      obligation text NOT NULL,
      status text NOT NULL,
      -- The ids of the document's tags and legal sources, in one array: one pass counts both facets.
      facet_ids int[] NOT NULL,
      browse_order bigint NOT NULL,
      -- Key and title (weight A): tells a title match from a body match, cheaply.
      title_tsv tsvector NOT NULL,
      title text NOT NULL,
      statement text NOT NULL,
      published_at timestamptz NOT NULL,
      doc_hash char(64) NOT NULL,
      -- Key and title (A) and statement (B): ranks.
      rank_tsv tsvector NOT NULL,
      -- Every searchable field: key and title A, statement B, rationale and guidance C, tags and legal sources D.
      tsv tsvector NOT NULL,
      indexed_at timestamptz NOT NULL DEFAULT now()
    ) WITH (toast_tuple_target = 128)`);
    for (const column of ['key', 'category', 'status', 'obligation', 'facet_ids', 'title_tsv']) {
      await q.query(`ALTER TABLE search_document ALTER COLUMN ${column} SET STORAGE PLAIN`);
    }
    await q.query(`CREATE INDEX search_document_tsv_idx ON search_document USING gin (tsv)`);
    await q.query(`CREATE INDEX search_document_browse_idx ON search_document (browse_order)`);
    await q.query(`CREATE INDEX search_document_facet_ids_idx ON search_document USING gin (facet_ids)`);

    // A counter every change to the index moves on: results cached by a process stay valid
    // only while it has not moved (whichever process changed the index).
    await q.query(`CREATE TABLE search_index_state (
      id boolean PRIMARY KEY DEFAULT true CHECK (id),
      generation bigint NOT NULL
    )`);
    await q.query(`INSERT INTO search_index_state (generation) VALUES (0)`);
    await q.query(`CREATE FUNCTION kravbank_search_index_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE search_index_state SET generation = generation + 1;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER search_document_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON search_document
      FOR EACH STATEMENT EXECUTE FUNCTION kravbank_search_index_changed()`);

    await q.query(`CREATE TABLE search_term (word text PRIMARY KEY)`);
    await q.query(`CREATE INDEX search_term_trgm_idx ON search_term USING gin (word gin_trgm_ops)`);

    // The search sync worker claims only its own topics; other consumers' events must not slow it.
    await q.query(`CREATE INDEX outbox_event_topic_pending_idx ON outbox_event (topic, available_at, id) WHERE delivered_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX outbox_event_topic_pending_idx`);
    await q.query(`DROP TABLE search_term`);
    await q.query(`DROP TABLE search_document`);
    await q.query(`DROP FUNCTION kravbank_search_index_changed()`);
    await q.query(`DROP TABLE search_index_state`);
    await q.query(`DROP TABLE search_facet_value`);
    await q.query(`DROP TEXT SEARCH CONFIGURATION kravbank_words`);
    await q.query(`DROP TEXT SEARCH CONFIGURATION kravbank_da`);
  }
}
