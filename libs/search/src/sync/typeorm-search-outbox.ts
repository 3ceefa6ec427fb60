import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { backoffMs, SearchOutbox, type DeliverKeys, type DeliveryRound, type OutboxBacklog, type RetryPolicy } from './search-outbox.js';

/** One advisory lock for every writer of the search index, in every process. */
const INDEX_LOCK = `hashtext('kravbank:search-index')`;
const MAX_ERROR_LENGTH = 1000;

const message = (e: unknown): string => (e instanceof Error ? `${e.name}: ${e.message}` : String(e)).slice(0, MAX_ERROR_LENGTH);

@Injectable()
export class TypeOrmSearchOutbox extends SearchOutbox {
  constructor(@InjectDataSource() private readonly db: DataSource) {
    super();
  }

  deliver(topics: readonly string[], limit: number, deliver: DeliverKeys, retry: RetryPolicy): Promise<DeliveryRound> {
    return this.db.transaction(async (m) => {
      const [{ locked }] = await m.query(`SELECT pg_try_advisory_xact_lock(${INDEX_LOCK}) AS locked`);
      if (!locked) return { locked: true, claimed: 0, delivered: 0, failed: 0 };
      const rows: Array<{ id: string; aggregate_key: string; attempts: number }> = await m.query(
        `SELECT id, aggregate_key, attempts FROM outbox_event
          WHERE delivered_at IS NULL AND available_at <= now() AND topic = ANY($1)
          ORDER BY id LIMIT $2
          FOR UPDATE SKIP LOCKED`,
        [topics, limit],
      );
      if (!rows.length) return { locked: false, claimed: 0, delivered: 0, failed: 0 };
      const keys = [...new Set(rows.map((r) => r.aggregate_key))];
      const failed = new Map<string, string>();
      try {
        await deliver(keys);
      } catch (e) {
        // One bad document must not hold back the others: try each key on its own.
        if (keys.length === 1) failed.set(keys[0], message(e));
        else
          for (const key of keys) {
            try {
              await deliver([key]);
            } catch (single) {
              failed.set(key, message(single));
            }
          }
      }
      const ok = rows.filter((r) => !failed.has(r.aggregate_key));
      const bad = rows.filter((r) => failed.has(r.aggregate_key));
      if (ok.length) {
        await m.query(
          `UPDATE outbox_event SET attempts = attempts + 1, delivered_at = now(), last_error = NULL WHERE id = ANY($1::bigint[])`,
          [ok.map((r) => r.id)],
        );
      }
      if (bad.length) {
        await m.query(
          `UPDATE outbox_event o
              SET attempts = o.attempts + 1, last_error = f.error, available_at = now() + f.delay_ms * interval '1 millisecond'
             FROM unnest($1::bigint[], $2::text[], $3::int[]) AS f(id, error, delay_ms)
            WHERE o.id = f.id`,
          [bad.map((r) => r.id), bad.map((r) => failed.get(r.aggregate_key)!), bad.map((r) => backoffMs(r.attempts, retry))],
        );
      }
      return {
        locked: false,
        claimed: rows.length,
        delivered: ok.length,
        failed: bad.length,
        error: bad.length ? failed.get(bad[0].aggregate_key) : undefined,
      };
    });
  }

  async backlog(topics: readonly string[]): Promise<OutboxBacklog> {
    const [row] = await this.db.query(
      `SELECT count(*) FILTER (WHERE available_at <= now())::int AS due,
              count(*) FILTER (WHERE available_at > now())::int AS waiting,
              count(*) FILTER (WHERE attempts > 0)::int AS failing,
              min(created_at) AS oldest,
              (SELECT last_error FROM outbox_event
                WHERE delivered_at IS NULL AND topic = ANY($1) AND last_error IS NOT NULL ORDER BY id DESC LIMIT 1) AS last_error
         FROM outbox_event WHERE delivered_at IS NULL AND topic = ANY($1)`,
      [topics],
    );
    return {
      due: row.due,
      waiting: row.waiting,
      failing: row.failing,
      oldestCreatedAt: row.oldest ? new Date(row.oldest).toISOString() : null,
      lastError: row.last_error,
    };
  }

  exclusive<T>(work: () => Promise<T>): Promise<T> {
    return this.db.transaction(async (m) => {
      await m.query(`SELECT pg_advisory_xact_lock(${INDEX_LOCK})`);
      return work();
    });
  }
}
