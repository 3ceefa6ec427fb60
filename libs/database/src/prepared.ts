import { createHash } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';

/** The part of a node-postgres client this module uses. */
interface PgClient {
  query(q: { name?: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
}

/**
 * At most this many statement texts are prepared; more than that means a text is being built
 * from data, which must not fill every connection's statement cache. Such texts run unnamed.
 */
const MAX_PREPARED = 500;
const names = new Map<string, string>();

/** A statement's name: a digest of its text, so one text has one name on every connection. */
export function statementName(text: string): string | null {
  let name = names.get(text);
  if (name === undefined) {
    if (names.size >= MAX_PREPARED) return null;
    name = `kb_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`;
    names.set(text, name);
  }
  return name;
}

/**
 * Runs a statement whose text is fixed in the code as a named prepared statement on the
 * manager's connection: PostgreSQL parses it once per connection and, once it has seen that a
 * generic plan is as good as the custom ones, stops planning it too. For the short statements
 * of the editorial workflow that is a large part of the database's work. Inside a transaction
 * it runs on the transaction's connection; otherwise on a pooled one for this statement alone.
 * Returns the rows, for UPDATE … RETURNING too.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- rows are typed by the caller, as with EntityManager.query
export async function preparedQuery<T = any>(db: EntityManager | DataSource, text: string, values: unknown[] = []): Promise<T[]> {
  const m = db instanceof DataSource ? db.manager : db;
  const run = async (client: PgClient) => {
    const name = statementName(text);
    const result = await client.query(name ? { name, text, values } : { text, values });
    return result.rows as T[];
  };
  const runner = m.queryRunner;
  if (runner && !runner.isReleased) return run((await runner.connect()) as PgClient);
  const own = m.connection.createQueryRunner();
  try {
    return await run((await own.connect()) as PgClient);
  } finally {
    await own.release();
  }
}
