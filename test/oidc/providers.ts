import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWTPayload } from 'jose';
import Provider from 'oidc-provider';

/* Identity providers for the tests: a real OpenID provider (oidc-provider) and a small issuer whose tokens the test signs. */

export const CLIENT_SECRET = 'en-hemmelighed-kun-til-test';

async function listen(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

export interface TestAccount {
  preferred_username: string;
  name: string;
  email: string;
  groups: string[];
}

export interface RealProvider {
  issuer: string;
  accounts: Record<string, TestAccount>;
  close(): Promise<void>;
}

/** oidc-provider on a loopback port: one confidential client (PKCE required), test accounts with a groups claim, devInteractions login. */
export async function startOidcProvider(publicUrl: string, clientId: string): Promise<RealProvider> {
  const accounts: Record<string, TestAccount> = {};
  let handle: (req: IncomingMessage, res: ServerResponse) => void = (_q, r) => r.end();
  const { server, url } = await listen((req, res) => handle(req, res));
  const provider = new Provider(url, {
    clients: [
      {
        client_id: clientId,
        client_secret: CLIENT_SECRET,
        redirect_uris: [`${publicUrl}/api/auth/oidc/callback`],
        post_logout_redirect_uris: [`${publicUrl}/`],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    pkce: { required: () => true },
    claims: { openid: ['sub'], profile: ['name', 'preferred_username', 'groups'], email: ['email'] },
    conformIdTokenClaims: false,
    cookies: { keys: ['kravbank-test-cookie-key'] },
    features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
    findAccount: (_ctx, id) => (accounts[id] ? { accountId: id, claims: () => ({ sub: id, ...accounts[id] }) } : undefined),
  });
  provider.on('server_error', (_ctx: unknown, err: Error) => process.stderr.write(`oidc-provider server_error: ${err.stack}\n`));
  handle = provider.callback();
  return { issuer: url, accounts, close: () => new Promise((r) => server.close(() => r())) };
}

type Key = Awaited<ReturnType<typeof generateKeyPair>>;

export interface TokenIssuer {
  issuer: string;
  /** The ID token the token endpoint answers with next. */
  idToken: string;
  keys: Array<{ kid: string; key: Key }>;
  published: string[];
  newKey(kid: string): Promise<Key>;
  sign(claims: JWTPayload, options?: { kid?: string; key?: Key; alg?: string }): Promise<string>;
  close(): Promise<void>;
}

/** A minimal issuer (discovery, JWKS, token endpoint) whose ID and access tokens the test signs itself with jose. */
export async function startTokenIssuer(): Promise<TokenIssuer> {
  const state = { idToken: '' };
  const keys: TokenIssuer['keys'] = [];
  const published: string[] = [];
  const { server, url } = await listen((req, res) => {
    const path = new URL(req.url ?? '/', url).pathname;
    const json = (body: unknown) => res.setHeader('Content-Type', 'application/json').end(JSON.stringify(body));
    if (path === '/.well-known/openid-configuration') {
      return json({
        issuer: url,
        authorization_endpoint: `${url}/auth`,
        token_endpoint: `${url}/token`,
        jwks_uri: `${url}/jwks`,
        response_types_supported: ['code'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256'],
        code_challenge_methods_supported: ['S256'],
      });
    }
    if (path === '/jwks') {
      void Promise.all(
        keys
          .filter((k) => published.includes(k.kid))
          .map(async (k) => ({ ...(await exportJWK(k.key.publicKey)), kid: k.kid, alg: 'RS256', use: 'sig' })),
      ).then((jwks) => json({ keys: jwks }));
      return;
    }
    if (path === '/token') {
      req.resume();
      return req.on('end', () => json({ access_token: 'opaque', token_type: 'Bearer', expires_in: 300, id_token: state.idToken }));
    }
    res.statusCode = 404;
    res.end();
  });
  const issuer: TokenIssuer = {
    issuer: url,
    get idToken() {
      return state.idToken;
    },
    set idToken(v: string) {
      state.idToken = v;
    },
    keys,
    published,
    async newKey(kid) {
      const key = await generateKeyPair('RS256', { extractable: true });
      keys.push({ kid, key });
      return key;
    },
    async sign(claims, options = {}) {
      const kid = options.kid ?? published[published.length - 1];
      const key = options.key ?? keys.find((k) => k.kid === kid)!.key;
      const now = Math.floor(Date.now() / 1000);
      return new SignJWT({ iat: now, exp: now + 300, ...claims })
        .setProtectedHeader({ alg: options.alg ?? 'RS256', kid })
        .sign(key.privateKey);
    },
    close: () => new Promise((r) => server.close(() => r())),
  };
  return issuer;
}

/** An unsigned token (`alg: none`), which must never be accepted. */
export function unsignedToken(claims: JWTPayload): string {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  return `${part({ alg: 'none', typ: 'JWT' })}.${part({ iat: now, exp: now + 300, ...claims })}.`;
}

/** Cookies per test browser, sent to the provider on every request. */
export class CookieJar {
  private readonly cookies = new Map<string, string>();
  store(res: Response): void {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair.indexOf('=');
      this.cookies.set(pair.slice(0, i), pair.slice(i + 1));
    }
  }
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

/** The first form on a page: its action and fields (hidden inputs, named buttons), with login and password filled in. */
function formOf(html: string, base: string, login: string): { action: string; body: URLSearchParams } {
  const form = /<form[^>]*action="([^"]+)"[^>]*>([\s\S]*?)<\/form>/i.exec(html);
  if (!form) throw new Error(`no form on the provider's page: ${html.slice(0, 300)}`);
  const body = new URLSearchParams();
  for (const [, attributes] of form[2].matchAll(/<(?:input|button)\b([^>]*)>/gi)) {
    const name = /\bname="([^"]+)"/.exec(attributes)?.[1];
    if (name) body.set(name, /\bvalue="([^"]*)"/.exec(attributes)?.[1] ?? '');
  }
  if (body.has('login')) body.set('login', login);
  if (body.has('password')) body.set('password', 'hvad-som-helst');
  return { action: new URL(form[1].replace(/&amp;/g, '&'), base).href, body };
}

/**
 * A browser at the provider: follows redirects, fills in and posts each form (login, consent, logout confirmation)
 * until the provider sends the browser to `stopAt`; returns that URL.
 */
export async function browseProvider(start: string, stopAt: string, login: string, jar = new CookieJar()): Promise<string> {
  let url = start;
  let init: RequestInit = {};
  for (let step = 0; step < 20; step++) {
    if (url.startsWith(stopAt)) return url;
    const res = await fetch(url, { ...init, redirect: 'manual', headers: { ...(init.headers as object), cookie: jar.header() } });
    jar.store(res);
    if (res.status >= 300 && res.status < 400) {
      url = new URL(res.headers.get('location')!, url).href;
      init = {};
      continue;
    }
    const html = await res.text();
    if (res.status !== 200) throw new Error(`the provider answered ${res.status}: ${html.slice(0, 300)}`);
    const form = formOf(html, url, login);
    url = form.action;
    init = { method: 'POST', body: form.body.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } };
  }
  throw new Error('the provider never sent the browser back');
}
