import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AdminService } from './admin/admin.service.js';
import { ApiKeys } from './admin/api-keys.js';
import { AuthGuard } from './auth.guard.js';
import { AuthService } from './auth.service.js';
import { BearerCredentials, ProviderTokens } from './bearer-credentials.js';
import { IdentityRepository, TypeOrmIdentityRepository } from './identity.repository.js';
import { LoginThrottle } from './login-throttle.js';
import { ProviderDirectory } from './oidc/directory.js';
import { OidcClients } from './oidc/oidc-clients.js';
import { OidcLogin } from './oidc/oidc-login.js';
import { OidcProviderTokens } from './oidc/provider-tokens.js';
import { ExternalUsers } from './oidc/provisioning.js';
import { PrincipalCache } from './principal-cache.js';
import { BrowserSessions, PgSessionStore, SessionStore, SessionVerifier } from './sessions.js';
import { LocalTokens, TokenVerifier } from './tokens.js';

@Global()
@Module({
  providers: [
    AuthService,
    LoginThrottle,
    LocalTokens,
    ApiKeys,
    AdminService,
    PrincipalCache,
    OidcClients,
    OidcLogin,
    ProviderDirectory,
    ExternalUsers,
    { provide: ProviderTokens, useClass: OidcProviderTokens },
    { provide: TokenVerifier, useClass: BearerCredentials },
    { provide: IdentityRepository, useClass: TypeOrmIdentityRepository },
    BrowserSessions,
    { provide: SessionVerifier, useExisting: BrowserSessions },
    { provide: SessionStore, useClass: PgSessionStore },
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [
    AuthService,
    IdentityRepository,
    LoginThrottle,
    BrowserSessions,
    AdminService,
    ApiKeys,
    OidcLogin,
    OidcClients,
    ProviderDirectory,
  ],
})
export class IdentityModule {}
