import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { hasRole, type Principal } from '@kravbank/identity';
import { SearchEngine } from '@kravbank/search';

type Status = 'up' | 'down';

export interface ReadyAnswer {
  /** ok: database and search answer; degraded: the database answers but search does not; unavailable: no database. */
  status: 'ok' | 'degraded' | 'unavailable';
  database: { status: Status };
  search: { status: Status };
  /** Only for admins: timings, versions and errors. */
  details?: Record<string, unknown>;
}

/** A check that has not answered within this time counts as down (the pool's own timeouts are longer). */
const CHECK_TIMEOUT_MS = 2000;

/**
 * Liveness and readiness. Public answers carry statuses only; timings, versions and error texts
 * (which may name hosts and sockets) go to admins alone.
 */
@Injectable()
export class HealthService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly search: SearchEngine,
  ) {}

  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  async ready(user: Principal | undefined): Promise<ReadyAnswer> {
    const [database, search] = await Promise.all([
      check(async () => ((await this.db.query('SELECT version() AS v')) as Array<{ v: string }>)[0].v),
      check(async () => {
        const stats = await this.search.stats();
        if (!stats.healthy) throw new Error(stats.problem ?? 'unhealthy');
        return `${stats.engine}, ${stats.documents} documents`;
      }),
    ]);
    const answer: ReadyAnswer = {
      status: database.status === 'down' ? 'unavailable' : search.status === 'down' ? 'degraded' : 'ok',
      database: { status: database.status },
      search: { status: search.status },
    };
    if (user && hasRole(user, 'admin')) {
      const mem = process.memoryUsage();
      answer.details = {
        uptimeSeconds: Math.round(process.uptime()),
        process: { pid: process.pid, node: process.version, rssMiB: Math.round(mem.rss / 2 ** 20) },
        database,
        search,
      };
    }
    return answer;
  }
}

interface CheckResult {
  status: Status;
  latencyMs: number;
  info?: string;
  error?: string;
}

async function check(probe: () => Promise<string>): Promise<CheckResult> {
  const t0 = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
  });
  try {
    const info = await Promise.race([probe(), timeout]);
    return { status: 'up', latencyMs: round(performance.now() - t0), info };
  } catch (e) {
    return { status: 'down', latencyMs: round(performance.now() - t0), error: (e as Error).message };
  } finally {
    clearTimeout(timer);
  }
}

const round = (n: number) => Math.round(n * 10) / 10;
