import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import pino from 'pino';
import { type AppConfig, seedDir } from '@kravbank/common';
import { bankIsEmpty, describeSeedReport, seedFromDir } from '@kravbank/catalogue';
import { appDataSource, migrate } from '@kravbank/database';
import { ensureDemoIdentities } from '@kravbank/identity';
import { AppModule } from './app.module.js';
import { setupOpenApi } from './openapi.js';
import { serveWebApp } from './web-app.js';

/** Builds the HTTP application (used by main.ts and by the e2e tests). */
export async function createKravbankApp(config: AppConfig, databaseUrl: string): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot({ config, databaseUrl }), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.disable('x-powered-by');
  if (config.trustProxy) app.set('trust proxy', true);
  app.useBodyParser('json', { limit: '1mb' });
  app.setGlobalPrefix('api', { exclude: ['health'] });
  app.enableShutdownHooks();
  setupOpenApi(app);
  serveWebApp(app);
  return app;
}

/** Migrates the schema, loads the seed into an empty bank (unless KRAVBANK_SEED=never) and, in demo mode, the demo users. */
export async function prepareSchemaAndSeed(config: AppConfig, databaseUrl: string, log: pino.Logger): Promise<void> {
  const ds = appDataSource(databaseUrl, 2);
  await ds.initialize();
  try {
    const applied = await migrate(ds);
    if (applied.length) log.info({ migrations: applied }, `applied ${applied.length} migration(s)`);
    if (config.seed === 'auto' && (await bankIsEmpty(ds))) {
      const report = await seedFromDir(ds, seedDir());
      log.info({ report }, describeSeedReport(report));
    }
    if (config.demo) {
      const created = await ensureDemoIdentities(ds);
      log.warn(
        `DEMO MODE is on: demo organisations and users (redaktion, udvalg1-3, indkob.aarhus, indkob.odense; password "demo")${created ? `, ${created} created now` : ''}. Never use demo mode in production (KRAVBANK_DEMO=false).`,
      );
    }
  } finally {
    await ds.destroy();
  }
}
