import { CanActivate, ExecutionContext, Inject, Injectable, type Provider } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import type { Request } from 'express';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { APP_CONFIG, type AppConfig, RetryLaterError } from '@kravbank/common';

/** Paths a load balancer probes; never limited. */
const UNLIMITED = /^\/health(\/|$)/;

/**
 * The general rate limit: at most RATE_LIMIT_MAX requests per client address in
 * RATE_LIMIT_WINDOW_SECONDS, counted in this process (rate-limiter-flexible's memory store);
 * beyond it 429 `too_many_requests` with Retry-After. RATE_LIMIT_MAX=0 switches it off. Logins
 * have their own, stricter throttle kept in the database (libs/identity LoginThrottle), which
 * holds across instances. (@nestjs/throttler was tried first: it is CommonJS and requires the
 * ESM-only Nest 12, which Jest's module runtime cannot load on Node 20.)
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  private readonly limiter?: RateLimiterMemory;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    const { max, windowSeconds } = config.rateLimit;
    if (max > 0) this.limiter = new RateLimiterMemory({ points: max, duration: windowSeconds });
  }

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const req = ctx.switchToHttp().getRequest<Request>();
    if (!this.limiter || UNLIMITED.test(req.path)) return true;
    try {
      await this.limiter.consume(req.ip ?? 'unknown');
      return true;
    } catch (e) {
      if (!(e instanceof RateLimiterRes)) throw e;
      const seconds = Math.max(1, Math.ceil(e.msBeforeNext / 1000));
      throw new RetryLaterError('too_many_requests', 'too_many_requests', `Too many requests. Try again in ${seconds} s.`, seconds);
    }
  }
}

export const rateLimitProviders: Provider[] = [{ provide: APP_GUARD, useClass: RateLimitGuard }];
