import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { loadConfig, projectRoot } from '@kravbank/common';
import { AppModule } from './app.module.js';
import { API_DOCUMENT_FILE, API_TYPES_FILE, documentText, typesFromDocument } from './api-types.js';
import { buildOpenApiDocument } from './openapi.js';
import { API_PREFIX } from './bootstrap.js';
import { createRequestLogger } from './http-pipeline.js';

/**
 * Writes the OpenAPI document and the client types made from it (`npm run api:generate`). The
 * application is built in Nest's preview mode: the modules and routes are resolved, no provider
 * is created, so no database is needed. The configuration is the production one (demo mode off).
 */
async function main(): Promise<void> {
  const config = loadConfig({ KRAVBANK_DEMO: 'false', JWT_SECRET: 'x'.repeat(32), LOG_LEVEL: 'silent' });
  const requestLogger = createRequestLogger(config);
  const module = AppModule.forRoot({ config, databaseUrl: 'postgres://unused@127.0.0.1:1/unused', requestLogger });
  const app = await NestFactory.create<NestExpressApplication>(module, { preview: true, logger: false, abortOnError: false });
  app.setGlobalPrefix(API_PREFIX.prefix, API_PREFIX.options);
  const document = buildOpenApiDocument(app, { demo: false });
  const write = (file: string, text: string) => {
    const target = path.join(projectRoot(), file);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, text);
    console.log(`wrote ${file}`);
  };
  write(API_DOCUMENT_FILE, documentText(document));
  write(API_TYPES_FILE, await typesFromDocument(document));
  await app.close();
}

void main();
