import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An index that holds everything browsing without words reads of a requirement (status,
 * category and level to filter on; key, catalogue order and facet ids for the page and the
 * facet counts): an index-only scan answers it. A sequential scan of a table larger than a
 * quarter of shared_buffers reads through a small ring buffer, so every browse would read the
 * whole table again from the operating system's cache.
 */
export class SearchBrowseIndex1763900000007 implements MigrationInterface {
  name = 'SearchBrowseIndex1763900000007';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX search_document_browse_filter_idx ON search_document (status, category, level) INCLUDE (key, browse_order, facet_ids)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX search_document_browse_filter_idx`);
  }
}
