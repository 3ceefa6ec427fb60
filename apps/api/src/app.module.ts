import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { APP_CONFIG, type AppConfig, ProblemDetailsFilter, ProblemValidationPipe, serviceLogDestination } from '@kravbank/common';
import { AuditModule } from '@kravbank/audit';
import { CatalogueModule } from '@kravbank/catalogue';
import { EditorialModule } from '@kravbank/editorial';
import { IdentityModule } from '@kravbank/identity';
import { SpecificationsModule } from '@kravbank/specifications';
import { SearchModule } from '@kravbank/search';
import { dataSourceOptions, ENTITIES, MIGRATIONS } from '@kravbank/database';
import { AuditController } from './controllers/audit.controller.js';
import { AuthController } from './controllers/auth.controller.js';
import { CategoriesController } from './controllers/categories.controller.js';
import { ChangeProposalsController } from './controllers/change-proposals.controller.js';
import { HealthController } from './controllers/health.controller.js';
import { LegalSourcesController } from './controllers/legal-sources.controller.js';
import { ProfilesController } from './controllers/profiles.controller.js';
import { RequirementsController } from './controllers/requirements.controller.js';
import { SpecificationsController } from './controllers/specifications.controller.js';
import { SearchController } from './controllers/search.controller.js';
import { SessionController } from './controllers/session.controller.js';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

export interface AppModuleOptions {
  config: AppConfig;
  databaseUrl: string;
}

@Module({})
export class AppModule {
  static forRoot({ config, databaseUrl }: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: [
            {
              level: config.logLevel,
              // The caller's X-Request-Id when it is sane, else a new one; echoed on the response.
              genReqId: (req: IncomingMessage, res: ServerResponse) => {
                const given = req.headers['x-request-id'];
                const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
                res.setHeader('X-Request-Id', id);
                return id;
              },
              // One short line per request: what was asked and how it ended. Headers are left out
              // (they carry tokens and cost more to write than the rest of the line).
              serializers: {
                req: (req: { id: string; method: string; url: string; remoteAddress?: string }) => ({
                  id: req.id,
                  method: req.method,
                  url: req.url,
                  remoteAddress: req.remoteAddress,
                }),
                res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
              },
              customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
            },
            serviceLogDestination(),
          ],
        }),
        TypeOrmModule.forRoot(dataSourceOptions({ url: databaseUrl, entities: ENTITIES, migrations: MIGRATIONS })),
        // The validated configuration, visible to every module.
        { module: class ConfigModule {}, global: true, providers: [{ provide: APP_CONFIG, useValue: config }], exports: [APP_CONFIG] },
        AuditModule,
        IdentityModule,
        CatalogueModule,
        EditorialModule,
        SpecificationsModule,
        SearchModule,
      ],
      controllers: [
        RequirementsController,
        LegalSourcesController,
        CategoriesController,
        ProfilesController,
        HealthController,
        AuthController,
        ChangeProposalsController,
        AuditController,
        SpecificationsController,
        SearchController,
        SessionController,
      ],
      providers: [
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        { provide: APP_PIPE, useClass: ProblemValidationPipe },
      ],
    };
  }
}
