import type { DataSource } from 'typeorm';
import { preparedQuery, statementName } from '../libs/database/src/prepared.js';
import { TypeOrmProposalStore as ProposalStore } from '../libs/editorial/src/typeorm-proposal.store.js';
import { createTestDatabase, openDataSource, type TestDatabase } from './setup/test-db.js';

describe('database connection', () => {
  let database: TestDatabase;
  let ds: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase();
    ds = await openDataSource(database.url);
    await ds.query(`CREATE TABLE prepared_probe (id int PRIMARY KEY, note text NOT NULL)`);
  });
  afterAll(async () => {
    await ds?.destroy();
    await database?.drop();
  });

  it('connects the way its URL says: over the Unix socket when the URL names a socket folder, else over TCP', async () => {
    const socket = new URL(database.url).searchParams.get('host')?.startsWith('/') ?? false;
    // The embedded PostgreSQL the tests start without DATABASE_URL has a socket in its data folder.
    if (!process.env.DATABASE_URL) expect(socket).toBe(true);
    const [{ addr }] = await ds.query(`SELECT inet_client_addr()::text AS addr`);
    expect(addr === null).toBe(socket);
  });

  describe('preparedQuery', () => {
    const insert = `INSERT INTO prepared_probe (id, note) VALUES ($1, $2) RETURNING id, note`;

    it('prepares the statement once on the transaction’s connection and reuses it', async () => {
      await ds.transaction(async (m) => {
        expect(await preparedQuery(m, insert, [1, 'one'])).toEqual([{ id: 1, note: 'one' }]);
        expect(await preparedQuery(m, insert, [2, 'two'])).toEqual([{ id: 2, note: 'two' }]);
        const prepared = await m.query(`SELECT name, statement FROM pg_prepared_statements WHERE name = $1`, [statementName(insert)]);
        expect(prepared).toEqual([{ name: statementName(insert), statement: insert }]);
      });
    });

    it('returns the rows of an UPDATE … RETURNING, not TypeORM’s [rows, count]', async () => {
      const rows = await preparedQuery(ds, `UPDATE prepared_probe SET note = note || '!' WHERE id <= $1 RETURNING id, note`, [2]);
      expect(rows.sort((a, b) => a.id - b.id)).toEqual([
        { id: 1, note: 'one!' },
        { id: 2, note: 'two!' },
      ]);
    });

    it('runs outside a transaction on a pooled connection, which it gives back', async () => {
      const before = ds.driver as unknown as { master: { idleCount: number; totalCount: number } };
      await Promise.all(Array.from({ length: 20 }, (_, i) => preparedQuery(ds, `SELECT $1::int AS n`, [i])));
      expect(await preparedQuery(ds, `SELECT $1::int AS n`, [7])).toEqual([{ n: 7 }]);
      expect(before.master.idleCount).toBe(before.master.totalCount);
    });

    it('lets an error through and rolls the transaction back; the statement works again afterwards', async () => {
      await expect(
        ds.transaction(async (m) => {
          await preparedQuery(m, insert, [3, 'three']);
          await preparedQuery(m, insert, [3, 'again']);
        }),
      ).rejects.toThrow(/duplicate key/);
      expect(await ds.query(`SELECT id FROM prepared_probe WHERE id = 3`)).toEqual([]);
      expect(await preparedQuery(ds, insert, [3, 'three'])).toEqual([{ id: 3, note: 'three' }]);
    });

    it('keeps reading proposals after a migration adds a column (the statements name their columns)', async () => {
      const id = '00000000-0000-4000-8000-000000000000';
      await expect(
        ds.transaction(async (m) => {
          const store = new ProposalStore(m);
          expect(await store.find(id)).toBeNull();
          expect(await store.lock(id)).toBeNull();
          await m.query(`ALTER TABLE change_proposal ADD COLUMN later_column int`);
          expect(await store.find(id)).toBeNull();
          expect(await store.lock(id)).toBeNull();
          throw new Error('roll the column back');
        }),
      ).rejects.toThrow('roll the column back');
    });

    it('gives one text one name, and different texts different names', () => {
      expect(statementName(insert)).toBe(statementName(`${insert}`));
      expect(statementName(insert)).not.toBe(statementName(`${insert} `));
    });
  });
});
