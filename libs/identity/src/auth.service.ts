import { Inject, Injectable } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { APP_CONFIG, type AppConfig, DomainError } from '@kravbank/common';
import { IdentityRepository, type UserRecord } from './identity.repository.js';
import type { Principal } from './model.js';
import { dummyHash, verifyPassword } from './password.js';
import { LoginThrottle } from './login-throttle.js';
import { LocalTokens } from './tokens.js';

export class LoginDto {
  @ApiProperty({ example: 'indkob.aarhus' })
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  username: string;

  @ApiProperty({ example: 'demo' })
  @IsString()
  @MinLength(1)
  @MaxLength(256)
  password: string;
}

/** Who is logging in, as far as the network tells. */
export interface LoginClient {
  address?: string;
}

@Injectable()
export class AuthService {
  constructor(
    private readonly users: IdentityRepository,
    private readonly tokens: LocalTokens,
    private readonly throttle: LoginThrottle,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async login(dto: LoginDto, client: LoginClient = {}): Promise<{ accessToken: string; expiresAt: string; tokenType: 'Bearer' }> {
    const user = await this.verifyCredentials(dto, client);
    return { ...(await this.tokens.issue(user.id)), tokenType: 'Bearer' };
  }

  /**
   * The one place a password is checked: bearer logins and browser sessions both go through here,
   * so every way of logging in is throttled. `client.address` is the caller's address (the
   * request's `ip`), counted too.
   */
  async verifyCredentials(dto: LoginDto, client: LoginClient = {}): Promise<UserRecord> {
    if (!this.config.localLogin) {
      throw new DomainError(
        'forbidden',
        'local_login_disabled',
        'Log ind med brugernavn og adgangskode er slået fra: log ind med din organisation.',
      );
    }
    const username = dto.username.trim().toLowerCase();
    await this.throttle.assertAllowed(username, client.address);
    const user = await this.users.findByUsername(username);
    // Verify against a real hash even for an unknown user, so the answer takes as long either way;
    // a failure is counted the same way whether the user exists or not.
    const ok = await verifyPassword(user?.passwordHash ?? (await dummyHash()), dto.password);
    if (!user?.passwordHash || !ok || !user.active) {
      await this.throttle.failed(username, client.address);
      throw new DomainError('unauthenticated', 'invalid_credentials', 'Wrong username or password.');
    }
    await this.throttle.succeeded(username);
    return user;
  }

  me(user: Principal): Principal {
    return user;
  }
}
