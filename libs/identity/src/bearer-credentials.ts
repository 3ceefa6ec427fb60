import { Injectable } from '@nestjs/common';
import { decodeJwt } from 'jose';
import { ApiKeys, isApiKey } from './admin/api-keys.js';
import { LOCAL_ISSUER, LocalTokens, TokenVerifier, type VerifiedToken } from './tokens.js';

/**
 * Access tokens from an organisation's identity provider, verified against that provider's JWKS (the OpenID Connect
 * part provides it). Injected by this abstract class; absent when no provider is configured.
 */
export abstract class ProviderTokens {
  abstract verify(token: string, issuer: string): Promise<VerifiedToken | null>;
}

/** The unverified issuer of a JWT, only to choose who verifies it; null for anything else. */
function issuerOf(token: string): string | null {
  try {
    return decodeJwt(token).iss ?? null;
  } catch {
    return null;
  }
}

/**
 * Every bearer credential, behind the one TokenVerifier port the guard knows: an API key (`kb_…`), Kravbank's own
 * access token (issuer `kravbank`), or an access token from a configured provider (chosen by its issuer, verified there).
 */
@Injectable()
export class BearerCredentials extends TokenVerifier {
  constructor(
    private readonly local: LocalTokens,
    private readonly keys: ApiKeys,
    private readonly providers: ProviderTokens,
  ) {
    super();
  }

  async verify(token: string): Promise<VerifiedToken | null> {
    if (isApiKey(token)) {
      const subject = await this.keys.verify(token);
      return subject ? { subject } : null;
    }
    const issuer = issuerOf(token);
    if (!issuer) return null;
    return issuer === LOCAL_ISSUER ? this.local.verify(token) : this.providers.verify(token, issuer);
  }
}
