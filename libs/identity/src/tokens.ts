import { Inject, Injectable } from '@nestjs/common';
import { errors, jwtVerify, SignJWT } from 'jose';
import { randomBytes, webcrypto } from 'node:crypto';
import { APP_CONFIG, type AppConfig, ExpiringCache } from '@kravbank/common';

export const LOCAL_ISSUER = 'kravbank';
const AUDIENCE = 'kravbank-api';
const ALGORITHM = 'HS256';

export interface VerifiedToken {
  subject: string;
}

/**
 * Verifies a bearer token and names its subject. The guard depends only on this port,
 * so an external OpenID Connect issuer (a JWKS-backed verifier) can replace or join the
 * local one without touching the controllers.
 */
export abstract class TokenVerifier {
  abstract verify(token: string): Promise<VerifiedToken | null>;
}

/** Signs and verifies Kravbank's own short-lived access tokens (HS256 only, issuer and audience checked). */
@Injectable()
export class LocalTokens extends TokenVerifier {
  /** Imported once: given raw bytes, jose would import the key again for every token. */
  private readonly key: Promise<webcrypto.CryptoKey>;
  /**
   * Tokens already checked, for a minute at most: a client sends the same token with every
   * request, and checking its signature again each time was a few per cent of the service's
   * CPU. A token cannot change, so the answer stays right; its expiry is still checked on
   * every use.
   */
  private readonly checked = new ExpiringCache<{ subject: string; expiresAtMs: number } | null>(60_000);

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    super();
    // In demo mode without a secret, a random one per process: tokens end with the process.
    const secret = new TextEncoder().encode(config.jwtSecret ?? randomBytes(32).toString('hex'));
    this.key = webcrypto.subtle.importKey('raw', secret, { name: 'HMAC', hash: 'SHA-256' }, false, [
      'sign',
      'verify',
    ]) as Promise<webcrypto.CryptoKey>;
  }

  async issue(subject: string): Promise<{ accessToken: string; expiresAt: string }> {
    const now = Math.floor(Date.now() / 1000);
    const exp = now + this.config.jwtTtlSeconds;
    const accessToken = await new SignJWT({})
      .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' })
      .setSubject(subject)
      .setIssuer(LOCAL_ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt(now)
      .setExpirationTime(exp)
      .sign(await this.key);
    return { accessToken, expiresAt: new Date(exp * 1000).toISOString() };
  }

  async verify(token: string): Promise<VerifiedToken | null> {
    const checked = await this.checked.get(token, () => this.check(token));
    return checked && checked.expiresAtMs > Date.now() ? { subject: checked.subject } : null;
  }

  private async check(token: string): Promise<{ subject: string; expiresAtMs: number } | null> {
    try {
      const { payload } = await jwtVerify(token, await this.key, {
        algorithms: [ALGORITHM],
        issuer: LOCAL_ISSUER,
        audience: AUDIENCE,
        requiredClaims: ['sub', 'exp'],
      });
      return payload.sub ? { subject: payload.sub, expiresAtMs: payload.exp! * 1000 } : null;
    } catch (e) {
      if (e instanceof errors.JOSEError) return null;
      throw e;
    }
  }
}
