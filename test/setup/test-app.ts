import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createKravbankApp } from '../../apps/api/src/bootstrap.js';
import { loadConfig } from '@kravbank/common';
import { createTestDatabase, type TestDatabase } from './test-db.js';

export interface TestApp {
  app: NestExpressApplication;
  http: () => ReturnType<typeof request>;
  db: DataSource;
  database: TestDatabase;
  close(): Promise<void>;
}

/** The whole HTTP application on its own cloned database, as main.ts builds it. */
export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const config = loadConfig({ LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent', ...env });
  const app = await createKravbankApp(config, database.url);
  await app.init();
  const server = app.getHttpServer();
  return {
    app,
    http: () => request(server),
    db: app.get(DataSource),
    database,
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}
