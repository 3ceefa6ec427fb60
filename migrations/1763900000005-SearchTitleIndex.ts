import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An index on the title's tsvector: when a search matches many requirements, only those whose
 * title matches are ranked, and this index finds them without reading every match.
 */
export class SearchTitleIndex1763900000005 implements MigrationInterface {
  name = 'SearchTitleIndex1763900000005';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX search_document_title_tsv_idx ON search_document USING gin (title_tsv)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX search_document_title_tsv_idx`);
  }
}
