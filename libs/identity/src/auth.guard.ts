import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { APP_CONFIG, type AppConfig, DomainError, ExpiringCache } from '@kravbank/common';
import { PUBLIC_ROUTE, REQUIRED_ROLES } from './decorators.js';
import { IdentityRepository } from './identity.repository.js';
import { hasRole, type Principal, type Role } from './model.js';
import { TokenVerifier } from './tokens.js';

/**
 * The one authentication gate, registered globally: every route needs a valid bearer
 * token unless marked @Public(); @Roles() then narrows who may call it.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly cache: ExpiringCache<Awaited<ReturnType<IdentityRepository['findById']>>>;

  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenVerifier,
    private readonly users: IdentityRepository,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.cache = new ExpiringCache(config.authUserCacheSeconds * 1000);
  }

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    const isPublic = this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets);
    const req = ctx.switchToHttp().getRequest<{ headers: Record<string, string | undefined>; user?: Principal }>();
    const header = req.headers.authorization;
    if (!header) {
      if (isPublic) return true;
      throw new DomainError(
        'unauthenticated',
        'unauthenticated',
        'Log in first: send "Authorization: Bearer <token>" from POST /api/auth/login.',
      );
    }
    const match = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/.exec(header);
    const verified = match ? await this.tokens.verify(match[1]) : null;
    const user = verified ? await this.cache.get(verified.subject, () => this.users.findById(verified.subject)) : null;
    if (!user || !user.active)
      throw new DomainError('unauthenticated', 'invalid_token', 'The access token is invalid or has expired: log in again.');
    const { passwordHash: _p, active: _a, ...principal } = user;
    req.user = principal;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets);
    if (roles?.length && !hasRole(principal, ...roles)) {
      throw new DomainError('forbidden', 'forbidden', `This needs the role ${roles.join(' or ')}.`);
    }
    return true;
  }
}
