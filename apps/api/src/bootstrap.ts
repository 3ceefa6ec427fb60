import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import pino, { type DestinationStream } from 'pino';
import { type AppConfig, seedDir } from '@kravbank/common';
import { bankIsEmpty, describeSeedReport, seedFromDir } from '@kravbank/catalogue';
import { appDataSource, migrate, SETUP_LOCK, withAdvisoryLock } from '@kravbank/database';
import { ensureDemoIdentities } from '@kravbank/identity';
import type { DataSource } from 'typeorm';
import { AppModule } from './app.module.js';
import { createRequestLogger, installHttpPipeline } from './http-pipeline.js';
import { setupOpenApi } from './openapi.js';
import { serveWebApp } from './web-app.js';

/** Every route is under /api except the health check. */
export const API_PREFIX = { prefix: 'api', options: { exclude: ['health', 'health/live', 'health/ready'] } };

/** Builds the HTTP application (used by main.ts and by the e2e tests). */
export async function createKravbankApp(
  config: AppConfig,
  databaseUrl: string,
  options: { logDestination?: DestinationStream } = {},
): Promise<NestExpressApplication> {
  const requestLogger = createRequestLogger(config, options.logDestination);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot({ config, databaseUrl, requestLogger }), {
    bufferLogs: true,
    bodyParser: false, // JSON only, mounted by installHttpPipeline after the request log
  });
  app.useLogger(app.get(Logger));
  app.disable('x-powered-by');
  installHttpPipeline(app, config, requestLogger);
  app.setGlobalPrefix(API_PREFIX.prefix, API_PREFIX.options);
  app.enableShutdownHooks();
  if (config.docsEnabled) setupOpenApi(app, { demo: config.demo });
  serveWebApp(app);
  return app;
}

/** Migrates the schema, loads the seed into an empty bank (unless KRAVBANK_SEED=never) and, in demo mode, the demo users. */
export async function prepareSchemaAndSeed(config: AppConfig, databaseUrl: string, log: pino.Logger): Promise<void> {
  const ds = appDataSource(databaseUrl, 3);
  await ds.initialize();
  try {
    const applied = await migrate(ds);
    if (applied.length) log.info({ migrations: applied }, `applied ${applied.length} migration(s)`);
    // Another instance starting at once waits here, then finds the bank seeded.
    await withAdvisoryLock(ds, SETUP_LOCK, () => seedAndDemo(config, ds, log));
  } finally {
    await ds.destroy();
  }
}

async function seedAndDemo(config: AppConfig, ds: DataSource, log: pino.Logger): Promise<void> {
  if (config.seed === 'auto' && (await bankIsEmpty(ds))) {
    const report = await seedFromDir(ds, seedDir());
    log.info({ report }, describeSeedReport(report));
  }
  if (config.demo) {
    const created = await ensureDemoIdentities(ds);
    log.warn(
      `DEMO MODE is on: demo organisations and users (redaktion, udvalg1-3, indkob.aarhus, indkob.odense, admin.sekretariat, admin.aarhus; password "demo")${created ? `, ${created} created now` : ''}. Never use demo mode in production (KRAVBANK_DEMO=false).`,
    );
  }
}
