import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, ExpiringCache } from '@kravbank/common';
import { IdentityRepository, type UserRecord } from './identity.repository.js';

/**
 * The users the guard has read, for AUTH_USER_CACHE_SECONDS. An administrator's change (roles, deactivation)
 * forgets the user here, so it takes effect at once in this process; other instances see it within the time to live.
 */
@Injectable()
export class PrincipalCache {
  private cache: ExpiringCache<UserRecord | null>;

  constructor(
    private readonly users: IdentityRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.cache = new ExpiringCache(config.authUserCacheSeconds * 1000);
  }

  get(id: string): Promise<UserRecord | null> {
    return this.cache.get(id, () => this.users.findById(id));
  }

  /** Forgets every user (the cache holds a few seconds' worth: simpler and safer than tracking which entries a change touched). */
  forgetAll(): void {
    this.cache = new ExpiringCache(this.config.authUserCacheSeconds * 1000);
  }
}
