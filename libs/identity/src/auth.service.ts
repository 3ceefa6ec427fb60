import { Injectable } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { DomainError } from '@kravbank/common';
import { IdentityRepository, type UserRecord } from './identity.repository.js';
import type { Principal } from './model.js';
import { dummyHash, verifyPassword } from './password.js';
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

@Injectable()
export class AuthService {
  constructor(
    private readonly users: IdentityRepository,
    private readonly tokens: LocalTokens,
  ) {}

  async login(dto: LoginDto): Promise<{ accessToken: string; expiresAt: string; tokenType: 'Bearer' }> {
    const user = await this.verifyCredentials(dto);
    return { ...(await this.tokens.issue(user.id)), tokenType: 'Bearer' };
  }

  /** The one password check, for bearer logins and browser sessions alike. */
  async verifyCredentials(dto: LoginDto): Promise<UserRecord> {
    const user = await this.users.findByUsername(dto.username.trim().toLowerCase());
    // Verify against a real hash even for an unknown user, so the answer takes as long either way.
    const ok = await verifyPassword(user?.passwordHash ?? (await dummyHash()), dto.password);
    if (!user || !ok || !user.active) throw new DomainError('unauthenticated', 'invalid_credentials', 'Wrong username or password.');
    return user;
  }

  me(user: Principal): Principal {
    return user;
  }
}
