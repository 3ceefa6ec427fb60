import type { DataSource } from 'typeorm';

/**
 * Keys of the session-level advisory locks that let several processes on one database start at
 * once: one runs the migrations (or loads the seed) while the others wait, then find the work
 * done. Two fixed 64-bit numbers ("kravbank" in ASCII, then + 1).
 */
export const MIGRATION_LOCK = 0x6b726176_62616e6bn;
export const SETUP_LOCK = MIGRATION_LOCK + 1n;

/**
 * Runs `work` while this process holds the advisory lock `key`, taken on a connection of its
 * own (so `work` may use the rest of the pool). The lock goes with the session if the process
 * dies, so a crash never leaves it held.
 */
export async function withAdvisoryLock<T>(ds: DataSource, key: bigint, work: () => Promise<T>): Promise<T> {
  const runner = ds.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [key.toString()]);
    try {
      return await work();
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [key.toString()]);
    }
  } finally {
    await runner.release();
  }
}
