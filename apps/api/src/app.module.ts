import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MulterModule } from '@nestjs/platform-express';
import { LoggerModule } from 'nestjs-pino';
import type { HttpLogger } from 'pino-http';
import { APP_CONFIG, type AppConfig, ProblemDetailsFilter, ProblemValidationPipe, UnexpectedBodyInterceptor } from '@kravbank/common';
import { AuditModule } from '@kravbank/audit';
import { CatalogueModule } from '@kravbank/catalogue';
import { EditorialModule } from '@kravbank/editorial';
import { IdentityModule } from '@kravbank/identity';
import { SpecificationsModule } from '@kravbank/specifications';
import { OffersModule } from '@kravbank/offers';
import { SearchModule } from '@kravbank/search';
import { dataSourceOptions, ENTITIES, MIGRATIONS } from '@kravbank/database';
import { AdminController } from './controllers/admin.controller.js';
import { AuditController } from './controllers/audit.controller.js';
import { OidcController } from './controllers/oidc.controller.js';
import { AuthController } from './controllers/auth.controller.js';
import { CategoriesController } from './controllers/categories.controller.js';
import { ChangeProposalsController } from './controllers/change-proposals.controller.js';
import { HealthController } from './controllers/health.controller.js';
import { LegalSourcesController } from './controllers/legal-sources.controller.js';
import { ProfilesController } from './controllers/profiles.controller.js';
import { RequirementsController } from './controllers/requirements.controller.js';
import { SpecificationsController } from './controllers/specifications.controller.js';
import { OffersController } from './controllers/offers.controller.js';
import { SearchController } from './controllers/search.controller.js';
import { HealthService } from './health.service.js';
import { LoginLockoutAuditModule } from './login-lockout-audit.js';
import { rateLimitProviders } from './rate-limit.js';
import { SessionController } from './controllers/session.controller.js';

export interface AppModuleOptions {
  config: AppConfig;
  databaseUrl: string;
  requestLogger: HttpLogger;
}

@Module({})
export class AppModule {
  static forRoot({ config, databaseUrl, requestLogger }: AppModuleOptions): DynamicModule {
    const timeouts = { statementMs: config.database.statementTimeoutMs, acquireMs: config.database.acquireTimeoutMs };
    return {
      module: AppModule,
      imports: [
        // The request log is the pino-http middleware the HTTP pipeline mounts first (http-pipeline.ts);
        // nestjs-pino binds its logger to each request.
        LoggerModule.forRoot({ pinoHttp: { logger: requestLogger.logger }, useExisting: true }),
        TypeOrmModule.forRoot(dataSourceOptions({ url: databaseUrl, entities: ENTITIES, migrations: MIGRATIONS, timeouts })),
        // The validated configuration, visible to every module.
        { module: class ConfigModule {}, global: true, providers: [{ provide: APP_CONFIG, useValue: config }], exports: [APP_CONFIG] },
        // Uploads (an offer's returned annex) are read into memory, bounded by OFFER_UPLOAD_MAX_BYTES.
        MulterModule.registerAsync({
          useFactory: () => ({ limits: { fileSize: config.offers.maxUploadBytes, files: 1, fields: 0, parts: 1 } }),
        }),
        AuditModule,
        LoginLockoutAuditModule,
        IdentityModule,
        CatalogueModule,
        EditorialModule,
        SpecificationsModule,
        OffersModule,
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
        OffersController,
        SearchController,
        SessionController,
        AdminController,
        OidcController,
      ],
      providers: [
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        { provide: APP_PIPE, useClass: ProblemValidationPipe },
        ...rateLimitProviders,
        HealthService,
        { provide: APP_INTERCEPTOR, useClass: UnexpectedBodyInterceptor },
      ],
    };
  }
}
