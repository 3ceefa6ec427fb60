import { Injectable } from '@nestjs/common';
import { DomainError, ExpiringCache } from '@kravbank/common';
import { ProviderTokens } from '../bearer-credentials.js';
import type { VerifiedToken } from '../tokens.js';
import { OidcClients } from './oidc-clients.js';
import { ExternalUsers } from './provisioning.js';

/**
 * Machine clients' access tokens from an organisation's provider: a JWT verified against the provider's JWKS (allowed
 * algorithms only), its issuer and one of the provider's audiences; the client is then a user of the provider's
 * organisation, found by issuer and subject (provisioned on first use, roles mapped as for a person).
 * A token from an issuer no provider is configured for is refused.
 */
@Injectable()
export class OidcProviderTokens extends ProviderTokens {
  /** Tokens already checked, for a minute at most (their expiry is still checked on every use). */
  private readonly checked = new ExpiringCache<{ subject: string; expiresAtMs: number } | null>(60_000);

  constructor(
    private readonly clients: OidcClients,
    private readonly users: ExternalUsers,
  ) {
    super();
  }

  async verify(token: string, issuer: string): Promise<VerifiedToken | null> {
    const provider = this.clients.byIssuer(issuer);
    if (!provider) return null;
    const checked = await this.checked.get(token, async () => {
      const claims = await this.clients.verifyJwt(provider, token, provider.audiences);
      if (!claims) return null;
      try {
        return { subject: await this.users.signIn(provider, claims), expiresAtMs: claims.exp! * 1000 };
      } catch (e) {
        if (e instanceof DomainError && e.kind !== 'unavailable') return null;
        throw e;
      }
    });
    return checked && checked.expiresAtMs > Date.now() ? { subject: checked.subject } : null;
  }
}
