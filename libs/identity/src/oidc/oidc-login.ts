import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, timingSafeEqual } from 'node:crypto';
import * as client from 'openid-client';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig, DomainError } from '@kravbank/common';
import { preparedQuery } from '@kravbank/database';
import { IdentityRepository } from '../identity.repository.js';
import { BrowserSessions, type ProviderSession, type StartedSession } from '../sessions.js';
import { OidcClients } from './oidc-clients.js';
import { ExternalUsers, SignInRefused } from './provisioning.js';

/** A sign-in at the provider must come back within this time. */
const LOGIN_MINUTES = 10;
const hashOf = (state: string): Buffer => createHash('sha256').update(state).digest();

/** Only a path inside the web app: never another site (an open redirect). */
export function safeReturnTo(value: unknown): string {
  return typeof value === 'string' && /^\/(?![/\\])[\x21-\x7e]{0,500}$/.test(value) && !value.startsWith('/api/') ? value : '/';
}

export interface StartedLogin {
  /** The provider's authorization URL, to redirect the browser to. */
  url: string;
  /** The state, also set as a short-lived httpOnly cookie, so the callback knows the browser that began. */
  state: string;
  maxAgeSeconds: number;
}

/**
 * The browser's sign-in through an organisation's provider: Authorization Code with PKCE (S256), state and nonce kept
 * server-side (each login usable once, for ten minutes) and the state bound to the browser by a cookie. The ID token is
 * checked by openid-client (issuer, audience, expiry, nonce) and its signature again here against the provider's JWKS
 * with the configured algorithms only.
 */
@Injectable()
export class OidcLogin {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clients: OidcClients,
    private readonly users: ExternalUsers,
    private readonly identities: IdentityRepository,
    private readonly sessions: BrowserSessions,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async start(cvr: string, returnTo: unknown): Promise<StartedLogin> {
    const provider = this.clients.byCvr(cvr);
    if (!provider) throw new DomainError('not_found', 'provider_not_found', `Ingen login-tjeneste er sat op for CVR-nummer ${cvr}.`);
    const { config } = await this.clients.connect(provider);
    const state = client.randomState();
    const nonce = client.randomNonce();
    const verifier = client.randomPKCECodeVerifier();
    await preparedQuery(this.db, `DELETE FROM oidc_login WHERE expires_at < now()`);
    await preparedQuery(
      this.db,
      `INSERT INTO oidc_login (state_hash, organisation_cvr, code_verifier, nonce, return_to, expires_at)
       VALUES ($1, $2, $3, $4, $5, now() + make_interval(mins => $6))`,
      [hashOf(state), cvr, verifier, nonce, safeReturnTo(returnTo), LOGIN_MINUTES],
    );
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: this.clients.redirectUri,
      scope: provider.scopes,
      state,
      nonce,
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
    });
    return { url: url.href, state, maxAgeSeconds: LOGIN_MINUTES * 60 };
  }

  /** Finishes the sign-in: a session for the user, and where in the web app to go. */
  async finish(query: Record<string, unknown>, cookieState: string | undefined): Promise<{ session: StartedSession; returnTo: string }> {
    const state = typeof query.state === 'string' ? query.state : '';
    if (!state || !cookieState || !sameText(state, cookieState)) {
      throw new SignInRefused('state_mismatch', 'Login-svaret hører ikke til et login, denne browser har startet. Prøv igen.');
    }
    const [login] = await preparedQuery<{ organisation_cvr: string; code_verifier: string; nonce: string; return_to: string }>(
      this.db,
      `DELETE FROM oidc_login WHERE state_hash = $1 AND expires_at > now() RETURNING organisation_cvr, code_verifier, nonce, return_to`,
      [hashOf(state)],
    );
    if (!login) throw new SignInRefused('state_unknown', 'Login-forsøget er udløbet eller allerede brugt. Prøv igen.');
    if (typeof query.error === 'string')
      throw new SignInRefused('provider_refused', `Login-tjenesten afviste: ${String(query.error).slice(0, 100)}.`);
    const provider = this.clients.byCvr(login.organisation_cvr);
    if (!provider) throw new SignInRefused('provider_not_found', 'Login-tjenesten er ikke længere sat op.');
    const { config } = await this.clients.connect(provider);
    const callback = new URL(this.clients.redirectUri);
    for (const [k, v] of Object.entries(query)) if (typeof v === 'string') callback.searchParams.set(k, v);
    let idToken: string | undefined;
    try {
      const tokens = await client.authorizationCodeGrant(config, callback, {
        pkceCodeVerifier: login.code_verifier,
        expectedState: state,
        expectedNonce: login.nonce,
        idTokenExpected: true,
      });
      idToken = tokens.id_token;
    } catch (e) {
      throw new SignInRefused('token_refused', `Login-tjenestens svar blev afvist (${describe(e)}).`);
    }
    const claims = idToken ? await this.clients.verifyJwt(provider, idToken, provider.clientId) : null;
    if (!idToken || !claims)
      throw new SignInRefused('id_token_refused', 'ID-tokenets signatur, udsteder, modtager eller udløb kunne ikke godkendes.');
    const userId = await this.users.signIn(provider, claims);
    const user = await this.identities.findById(userId);
    if (!user?.active) throw new SignInRefused('user_deactivated', 'Din bruger er deaktiveret i Kravbank. Kontakt din administrator.');
    const session = await this.sessions.startFor(user, { organisationCvr: provider.organisation, idToken });
    return { session, returnTo: login.return_to };
  }

  /** Where to send the browser to end the provider's session too (RP-initiated logout), when the provider supports it. */
  async logoutUrl(ended: ProviderSession | null): Promise<string | null> {
    const provider = ended ? this.clients.byCvr(ended.organisationCvr) : undefined;
    if (!ended || !provider) return null;
    const { config } = await this.clients.connect(provider).catch(() => ({ config: null }));
    if (!config?.serverMetadata().end_session_endpoint) return null;
    return client.buildEndSessionUrl(config, { id_token_hint: ended.idToken, post_logout_redirect_uri: `${this.config.publicUrl}/` }).href;
  }
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** A short, safe description of a refusal by openid-client or the provider (its error code, never a token). */
function describe(e: unknown): string {
  const err = e as { code?: string; error?: string; message?: string };
  return String(err.error ?? err.code ?? err.message ?? 'ukendt fejl').slice(0, 120);
}
