import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthGuard } from './auth.guard.js';
import { AuthService } from './auth.service.js';
import { IdentityRepository, TypeOrmIdentityRepository } from './identity.repository.js';
import { LoginThrottle } from './login-throttle.js';
import { BrowserSessions, PgSessionStore, SessionStore, SessionVerifier } from './sessions.js';
import { LocalTokens, TokenVerifier } from './tokens.js';

@Global()
@Module({
  providers: [
    AuthService,
    LoginThrottle,
    LocalTokens,
    { provide: TokenVerifier, useExisting: LocalTokens },
    { provide: IdentityRepository, useClass: TypeOrmIdentityRepository },
    BrowserSessions,
    { provide: SessionVerifier, useExisting: BrowserSessions },
    { provide: SessionStore, useClass: PgSessionStore },
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [AuthService, IdentityRepository, LoginThrottle, BrowserSessions],
})
export class IdentityModule {}
