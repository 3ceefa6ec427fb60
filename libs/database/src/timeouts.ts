import pg from 'pg';

export interface DatabaseTimeouts {
  /** PostgreSQL's statement_timeout: the server cancels a statement running longer (SQLSTATE 57014). */
  statementMs: number;
  /** How long a request waits for a pooled connection, or for a new one to be made. */
  acquireMs: number;
}

/**
 * A node-postgres client that closes its connection when a query got no answer in time. The
 * driver's own read timeout only stops waiting: the statement may still run later, and a
 * transaction's ROLLBACK still queued behind it would be dropped, so the connection would go back
 * to the pool inside an open transaction. Closed, it leaves the pool and the server rolls back.
 */
export class DisposingClient extends pg.Client {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- node-postgres's query() has many overloads; this passes them through
  override query(...args: any[]): any {
    const result = (super.query as (...a: unknown[]) => unknown)(...args);
    if (result instanceof Promise) {
      result.catch((e: unknown) => {
        if ((e as Error)?.message === 'Query read timeout') this.dispose();
      });
    }
    return result;
  }

  private dispose(): void {
    (this as unknown as { connection?: { stream?: { destroy(): void } } }).connection?.stream?.destroy();
  }
}

/**
 * Pool settings (TypeORM's `extra`) that bound every wait on the database: the server cancels a
 * long statement; the client gives up a second later if the server does not answer at all (a
 * stopped or unreachable server never cancels anything); waiting for a connection is bounded too.
 * A connection the server closed is dropped by the pool, so it recovers by itself when the
 * database is back.
 */
export function poolTimeouts(t: DatabaseTimeouts): Record<string, unknown> {
  return {
    Client: DisposingClient,
    statement_timeout: t.statementMs,
    query_timeout: t.statementMs + 1000,
    connectionTimeoutMillis: t.acquireMs,
    // A transaction left idle (its client gone) must not hold locks for long.
    idle_in_transaction_session_timeout: Math.max(10_000, t.statementMs * 2),
    keepAlive: true,
  };
}
