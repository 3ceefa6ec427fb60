import type { DynamicModule, Provider } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import type { AppConfig } from '@kravbank/common';

/**
 * The general rate limit: at most RATE_LIMIT_MAX requests per client address in
 * RATE_LIMIT_WINDOW_SECONDS, counted in this process (429 with Retry-After beyond it);
 * RATE_LIMIT_MAX=0 switches it off. Logins have their own, stricter throttle kept in the
 * database (libs/identity LoginThrottle), which holds across instances.
 */
export function rateLimit(config: AppConfig): { imports: DynamicModule[]; providers: Provider[] } {
  const { max, windowSeconds } = config.rateLimit;
  return {
    imports: [ThrottlerModule.forRoot({ throttlers: [{ limit: max, ttl: windowSeconds * 1000 }], skipIf: () => max === 0 })],
    providers: [{ provide: APP_GUARD, useClass: ThrottlerGuard }],
  };
}
