import { Inject, Injectable } from '@nestjs/common';
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from 'jose';
import * as client from 'openid-client';
import { APP_CONFIG, type AppConfig, DomainError } from '@kravbank/common';
import { isLoopback, loadOidcProviders, type OidcProvider } from './providers.js';

interface Connected {
  config: client.Configuration;
  jwks: ReturnType<typeof createRemoteJWKSet>;
}

/** A token naming an unknown key makes Kravbank fetch the provider's keys again, at most this often. */
const JWKS_COOLDOWN_MS = 5_000;
/** How long a failed discovery is remembered before the provider is asked again. */
const RETRY_MS = 10_000;

/**
 * The configured providers and, for each, its discovered metadata (fetched at first use, so that Kravbank starts while a
 * provider is down) and its JWKS. jose's remote key set fetches the keys again when a token names a key it has not seen
 * (at most every 5 s), so a provider's key rotation is followed without a restart.
 */
@Injectable()
export class OidcClients {
  readonly providers: OidcProvider[];
  private readonly connected = new Map<string, Promise<Connected>>();

  constructor(@Inject(APP_CONFIG) private readonly appConfig: AppConfig) {
    this.providers = loadOidcProviders(appConfig.oidcProvidersFile);
  }

  get redirectUri(): string {
    return `${this.appConfig.publicUrl}/api/auth/oidc/callback`;
  }

  byCvr(cvr: string): OidcProvider | undefined {
    return this.providers.find((p) => p.organisation === cvr);
  }

  byIssuer(issuer: string): OidcProvider | undefined {
    return this.providers.find((p) => p.issuer === issuer);
  }

  connect(p: OidcProvider): Promise<Connected> {
    let c = this.connected.get(p.issuer);
    if (!c) {
      c = this.discover(p);
      this.connected.set(p.issuer, c);
      c.catch(() => setTimeout(() => this.connected.delete(p.issuer), RETRY_MS).unref());
    }
    return c.catch((e: unknown) => {
      throw new DomainError(
        'unavailable',
        'provider_unavailable',
        `Organisationens login-tjeneste svarer ikke (${p.issuer}). Prøv igen om lidt.`,
        [],
        {
          cause: e instanceof Error ? e.message : String(e),
        },
      );
    });
  }

  private async discover(p: OidcProvider): Promise<Connected> {
    const metadata: Partial<client.ClientMetadata> = { client_secret: p.clientSecret, id_token_signed_response_alg: p.algorithms[0] };
    const auth = p.clientSecret ? client.ClientSecretPost(p.clientSecret) : client.None();
    const config = await client.discovery(new URL(p.issuer), p.clientId, metadata, auth, {
      execute: isLoopback(p.issuer) ? [client.allowInsecureRequests] : [],
      timeout: 10,
    });
    const jwksUri = config.serverMetadata().jwks_uri;
    if (!jwksUri) throw new Error('the provider publishes no jwks_uri');
    return { config, jwks: createRemoteJWKSet(new URL(jwksUri), { cooldownDuration: JWKS_COOLDOWN_MS, timeoutDuration: 10_000 }) };
  }

  /**
   * Verifies a JWT's signature against the provider's JWKS with the allowed algorithms only (never `none`), and its
   * issuer, audience and expiry. Null when refused.
   */
  async verifyJwt(p: OidcProvider, token: string, audience: string | string[]): Promise<JWTPayload | null> {
    const { jwks } = await this.connect(p);
    try {
      const { payload } = await jwtVerify(token, jwks, {
        issuer: p.issuer,
        audience,
        algorithms: p.algorithms,
        requiredClaims: ['sub', 'exp'],
      });
      return payload;
    } catch (e) {
      if (e instanceof errors.JOSEError) return null;
      throw e;
    }
  }
}
