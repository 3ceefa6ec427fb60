import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * How many requirements contain each indexed word: the engine does not look for compounds of a
 * word most of the bank contains already. Counted when a requirement is first indexed, exact
 * after a rebuild; the next `kravbank reindex` fills it for an index built before.
 */
export class SearchTermDocuments1763900000008 implements MigrationInterface {
  name = 'SearchTermDocuments1763900000008';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE search_term ADD COLUMN documents int NOT NULL DEFAULT 0`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE search_term DROP COLUMN documents`);
  }
}
