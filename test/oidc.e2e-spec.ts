import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateKeyPair } from 'jose';
import { createTestApp, type TestApp } from './setup/test-app.js';
import {
  browseProvider,
  CLIENT_SECRET,
  CookieJar,
  type RealProvider,
  startOidcProvider,
  startTokenIssuer,
  type TokenIssuer,
  unsignedToken,
} from './oidc/providers.js';

/**
 * Sign-in through the organisations' own identity providers: the whole code flow against a real OpenID provider
 * (oidc-provider), and every refusal, some with tokens signed here against a JWKS this test serves.
 */
const PUBLIC_URL = 'http://kravbank.test';
const AARHUS = '55133018';
const ODENSE = '35209115';

describe('OpenID Connect sign-in (e2e)', () => {
  let t: TestApp;
  let real: RealProvider;
  let issuer: TokenIssuer;

  beforeAll(async () => {
    real = await startOidcProvider(PUBLIC_URL, 'kravbank-aarhus');
    issuer = await startTokenIssuer();
    await issuer.newKey('nøgle-1');
    issuer.published.push('nøgle-1');
    process.env.KRAVBANK_TEST_OIDC_SECRET = CLIENT_SECRET;
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kravbank-oidc-'));
    const file = path.join(dir, 'providers.yaml');
    writeFileSync(
      file,
      `providers:
  - organisation: "${AARHUS}"
    issuer: ${real.issuer}
    clientId: kravbank-aarhus
    clientSecretEnv: KRAVBANK_TEST_OIDC_SECRET
    roleMap:
      kravbank-indkoebere: procurer
      kravbank-admins: [admin, procurer]
    syncRolesOnLogin: true
  - organisation: "${ODENSE}"
    issuer: ${issuer.issuer}
    clientId: kravbank-odense
    clientSecretEnv: KRAVBANK_TEST_OIDC_SECRET
    rolesClaim: roles
    roleMap:
      Kravbank.Indkoeber: procurer
    audiences: ["api://kravbank-odense"]
`,
    );
    t = await createTestApp({ OIDC_PROVIDERS_FILE: file, PUBLIC_URL });
  });
  afterAll(async () => {
    await t.close();
    await real.close();
    await issuer.close();
  });

  const cookieOf = (res: { headers: Record<string, unknown> }, name: string) =>
    ((res.headers['set-cookie'] as string[] | undefined) ?? []).find((c) => c.startsWith(`${name}=`))?.split(';')[0];

  /** Starts a sign-in for an organisation: the provider's URL and the browser-binding cookie. */
  const begin = async (cvr: string) => {
    const res = await t.http().get(`/api/auth/oidc/${cvr}/login?tilbage=/specifikationer`).expect(302);
    const location = new URL(res.headers.location);
    expect(location.searchParams.get('code_challenge_method')).toBe('S256');
    expect(location.searchParams.get('redirect_uri')).toBe(`${PUBLIC_URL}/api/auth/oidc/callback`);
    return {
      location,
      state: location.searchParams.get('state')!,
      nonce: location.searchParams.get('nonce')!,
      cookie: cookieOf(res, 'kravbank_oidc')!,
    };
  };

  /** The whole flow at the real provider: login form, consent, back to Kravbank's callback. */
  const signIn = async (login: string) => {
    const started = await begin(AARHUS);
    const back = await browseProvider(started.location.href, PUBLIC_URL, login, new CookieJar());
    const callbackPath = back.slice(PUBLIC_URL.length);
    const res = await t.http().get(callbackPath).set('Cookie', started.cookie);
    return { res, callbackPath, started, session: cookieOf(res, 'kravbank_session') };
  };
  const refusedWith = (res: { status: number; headers: Record<string, string> }, code: string) => {
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe(`${PUBLIC_URL}/log-ind?fejl=${code}`);
    expect(cookieOf(res as never, 'kravbank_session')).toBeUndefined();
  };

  it('lists the providers for the login page, and the admin sees their settings but never the secret', async () => {
    const res = await t.http().get('/api/auth/providers').expect(200);
    expect(res.body).toEqual({
      localLogin: true,
      // In Danish order: Aa is Å, after O.
      providers: [
        { cvr: ODENSE, organisationName: 'Odense Kommune', loginUrl: `/api/auth/oidc/${ODENSE}/login` },
        { cvr: AARHUS, organisationName: 'Aarhus Kommune', loginUrl: `/api/auth/oidc/${AARHUS}/login` },
      ],
    });
    const token = (await t.http().post('/api/auth/login').send({ username: 'admin.aarhus', password: 'demo' })).body.accessToken;
    const admin = await t.http().get('/api/admin/providers').set('Authorization', `Bearer ${token}`).expect(200);
    expect(admin.body).toEqual([
      expect.objectContaining({
        cvr: AARHUS,
        issuer: real.issuer,
        usernameClaim: 'preferred_username',
        rolesClaim: 'groups',
        syncRolesOnLogin: true,
      }),
    ]);
    expect(JSON.stringify(admin.body)).not.toContain(CLIENT_SECRET);
    expect(admin.body[0].clientSecretSource).toBe('environment variable KRAVBANK_TEST_OIDC_SECRET');
    await t.http().get('/api/auth/oidc/12345678/login').expect(404);
  });

  it('signs in through the real provider, provisions the user with mapped roles, and follows the groups at the next sign-in', async () => {
    real.accounts['anna-sub'] = {
      preferred_username: 'anna@aarhus.dk',
      name: 'Anna Aarhus',
      email: 'anna@aarhus.dk',
      groups: ['kravbank-indkoebere', 'andet'],
    };
    const first = await signIn('anna-sub');
    expect(first.res.status).toBe(302);
    expect(first.res.headers.location).toBe(`${PUBLIC_URL}/specifikationer`);
    expect(first.session).toBeDefined();
    const me = await t.http().get('/api/auth/session').set('Cookie', first.session!).expect(200);
    expect(me.body.user).toMatchObject({
      username: 'anna@aarhus.dk',
      displayName: 'Anna Aarhus',
      organisationName: 'Aarhus Kommune',
      roles: ['procurer'],
    });
    await t.http().get('/api/specifications').set('Cookie', first.session!).expect(200);
    const [row] = await t.db.query(
      `SELECT password_hash, external_issuer, external_subject FROM app_user WHERE username = 'anna@aarhus.dk'`,
    );
    expect(row).toEqual({ password_hash: null, external_issuer: real.issuer, external_subject: 'anna-sub' });

    real.accounts['anna-sub'].groups = ['kravbank-admins'];
    const second = await signIn('anna-sub');
    const again = await t.http().get('/api/auth/session').set('Cookie', second.session!).expect(200);
    expect(again.body.user.roles).toEqual(['procurer', 'admin']);
    expect((await t.db.query(`SELECT count(*)::int AS n FROM app_user WHERE external_subject = 'anna-sub'`))[0].n).toBe(1);
    const audit = await t.db.query(`SELECT action FROM audit_entry WHERE entity_id = $1 ORDER BY seq`, [me.body.user.id]);
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['user.created', 'user.roles_synced']);

    // Replaying the callback: the login was used once already; the code again under a fresh login: the provider refuses it.
    refusedWith(await t.http().get(second.callbackPath).set('Cookie', second.started.cookie), 'state_unknown');
    const fresh = await begin(AARHUS);
    const replay = new URL(second.callbackPath, PUBLIC_URL);
    replay.searchParams.set('state', fresh.state);
    refusedWith(
      await t
        .http()
        .get(replay.pathname + replay.search)
        .set('Cookie', fresh.cookie),
      'token_refused',
    );
  });

  it('refuses a wrong state, a state from another browser, a user without a mapped role, and a deactivated user', async () => {
    real.accounts['bo-sub'] = { preferred_username: 'bo@aarhus.dk', name: 'Bo', email: 'bo@aarhus.dk', groups: ['kravbank-indkoebere'] };
    const started = await begin(AARHUS);
    const back = await browseProvider(started.location.href, PUBLIC_URL, 'bo-sub');
    const wrong = new URL(back);
    wrong.searchParams.set('state', 'forkert-state');
    refusedWith(
      await t
        .http()
        .get(wrong.pathname + wrong.search)
        .set('Cookie', started.cookie),
      'state_mismatch',
    );
    refusedWith(await t.http().get(back.slice(PUBLIC_URL.length)), 'state_mismatch'); // no cookie: another browser
    refusedWith(
      await t
        .http()
        .get(wrong.pathname + wrong.search)
        .set('Cookie', 'kravbank_oidc=forkert-state'),
      'state_unknown',
    );

    real.accounts['uden-sub'] = { preferred_username: 'uden@aarhus.dk', name: 'Uden rolle', email: 'uden@aarhus.dk', groups: ['andet'] };
    refusedWith((await signIn('uden-sub')).res, 'no_roles');

    const ok = await signIn('bo-sub');
    expect(ok.session).toBeDefined();
    const token = (await t.http().post('/api/auth/login').send({ username: 'admin.aarhus', password: 'demo' })).body.accessToken;
    const [bo] = await t.db.query(`SELECT id FROM app_user WHERE username = 'bo@aarhus.dk'`);
    await t.http().patch(`/api/admin/users/${bo.id}`).set('Authorization', `Bearer ${token}`).send({ active: false }).expect(200);
    await t.http().get('/api/auth/session').set('Cookie', ok.session!).expect(401);
    refusedWith((await signIn('bo-sub')).res, 'user_deactivated');
  });

  it('logout ends the Kravbank session and sends the browser to end the provider’s session too', async () => {
    real.accounts['cai-sub'] = {
      preferred_username: 'cai@aarhus.dk',
      name: 'Cai',
      email: 'cai@aarhus.dk',
      groups: ['kravbank-indkoebere'],
    };
    const jar = new CookieJar();
    const started = await begin(AARHUS);
    const back = await browseProvider(started.location.href, PUBLIC_URL, 'cai-sub', jar);
    const session = cookieOf(await t.http().get(back.slice(PUBLIC_URL.length)).set('Cookie', started.cookie), 'kravbank_session')!;
    const csrf = (await t.http().get('/api/auth/session').set('Cookie', session).expect(200)).body.csrfToken;
    const out = await t
      .http()
      .delete('/api/auth/session')
      .set('Host', 'kravbank.test')
      .set('Origin', PUBLIC_URL)
      .set('X-CSRF-Token', csrf)
      .set('Cookie', session)
      .expect(200);
    const logoutUrl = new URL(out.body.logoutUrl);
    expect(logoutUrl.href.startsWith(real.issuer)).toBe(true);
    expect(logoutUrl.searchParams.get('post_logout_redirect_uri')).toBe(`${PUBLIC_URL}/`);
    expect(logoutUrl.searchParams.get('id_token_hint')).toBeTruthy();
    await t.http().get('/api/auth/session').set('Cookie', session).expect(401);
    expect(await browseProvider(logoutUrl.href, PUBLIC_URL, 'cai-sub', jar)).toMatch(new RegExp(`^${PUBLIC_URL}/(\\?|$)`));
    // The provider's session has ended: signing in again shows its login form (browseProvider would fail on a missing form otherwise).
    const again = await begin(AARHUS);
    const res = await fetch(again.location.href, { redirect: 'manual', headers: { cookie: jar.header() } });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toMatch(/\/interaction\//);
    // A password session still answers 204: there is no provider to log out of.
    const local = await t
      .http()
      .post('/api/auth/session')
      .set('Host', 'kravbank.test')
      .send({ username: 'indkob.aarhus', password: 'demo' })
      .expect(201);
    await t
      .http()
      .delete('/api/auth/session')
      .set('Host', 'kravbank.test')
      .set('Origin', PUBLIC_URL)
      .set('X-CSRF-Token', local.body.csrfToken)
      .set('Cookie', cookieOf(local, 'kravbank_session')!)
      .expect(204);
  });

  describe('ID tokens Kravbank must refuse (signed here, served by a test issuer)', () => {
    const good = (nonce: string) => ({
      iss: issuer.issuer,
      aud: 'kravbank-odense',
      sub: 'dorte-sub',
      nonce,
      preferred_username: 'dorte@odense.dk',
      name: 'Dorte',
      roles: ['Kravbank.Indkoeber'],
    });
    const callback = async (token: (nonce: string) => Promise<string> | string) => {
      const started = await begin(ODENSE);
      issuer.idToken = await token(started.nonce);
      return t
        .http()
        .get(`/api/auth/oidc/callback?code=kode&state=${encodeURIComponent(started.state)}`)
        .set('Cookie', started.cookie);
    };

    it('accepts a good one (so that each refusal below is for its one fault)', async () => {
      const res = await callback((nonce) => issuer.sign(good(nonce)));
      expect(res.headers.location).toBe(`${PUBLIC_URL}/specifikationer`);
      const me = await t.http().get('/api/auth/session').set('Cookie', cookieOf(res, 'kravbank_session')!).expect(200);
      expect(me.body.user).toMatchObject({ username: 'dorte@odense.dk', organisationName: 'Odense Kommune', roles: ['procurer'] });
    });

    it.each([
      ['a wrong nonce', (n: string) => issuer.sign({ ...good(n), nonce: 'en-anden' }), 'token_refused'],
      ['a wrong audience', (n: string) => issuer.sign({ ...good(n), aud: 'en-anden-klient' }), 'token_refused'],
      [
        'an expired token',
        (n: string) => issuer.sign({ ...good(n), iat: Math.floor(Date.now() / 1000) - 3600, exp: Math.floor(Date.now() / 1000) - 1800 }),
        'token_refused',
      ],
      ['alg none', (n: string) => unsignedToken(good(n)), 'token_refused'],
      [
        'a key the JWKS does not hold',
        async (n: string) => issuer.sign(good(n), { kid: 'nøgle-1', key: await generateKeyPair('RS256') }),
        'id_token_refused',
      ],
      ['an issuer bound to another organisation', (n: string) => issuer.sign({ ...good(n), iss: real.issuer }), 'token_refused'],
      ['an unknown issuer', (n: string) => issuer.sign({ ...good(n), iss: 'https://ukendt.example' }), 'token_refused'],
      ['an HMAC token (an algorithm off the allow-list)', (n: string) => hmac(good(n)), 'token_refused'],
    ])('refuses %s', async (_what, token, code) => {
      refusedWith(await callback(token), code);
    });
  });

  describe('machine clients with an access token from the organisation’s provider', () => {
    const claims = { iss: '', aud: 'api://kravbank-odense', sub: 'esdh-odense', azp: 'esdh-system', roles: ['Kravbank.Indkoeber'] };
    const call = (token: string) => t.http().get('/api/me').set('Authorization', `Bearer ${token}`);

    it('maps a verified token to a user of the organisation with the mapped roles', async () => {
      const res = await call(await issuer.sign({ ...claims, iss: issuer.issuer })).expect(200);
      expect(res.body).toMatchObject({ username: 'esdh-system', organisationName: 'Odense Kommune', roles: ['procurer'] });
    });

    it('refuses a wrong audience, an expired token, alg none, an unknown key, another organisation’s issuer and an unknown issuer', async () => {
      const now = Math.floor(Date.now() / 1000);
      const bad = [
        await issuer.sign({ ...claims, iss: issuer.issuer, aud: 'kravbank-odense-forkert' }),
        await issuer.sign({ ...claims, iss: issuer.issuer, iat: now - 3600, exp: now - 1800 }),
        unsignedToken({ ...claims, iss: issuer.issuer }),
        await issuer.sign({ ...claims, iss: issuer.issuer }, { kid: 'nøgle-1', key: await generateKeyPair('RS256') }),
        await issuer.sign({ ...claims, iss: real.issuer, aud: 'kravbank-aarhus' }),
        await issuer.sign({ ...claims, iss: 'https://ukendt.example' }),
      ];
      for (const token of bad) expect((await call(token).expect(401)).body.code).toBe('invalid_token');
    });

    it('follows the provider’s key rotation without a restart', async () => {
      await issuer.newKey('nøgle-2');
      issuer.published.splice(0, issuer.published.length, 'nøgle-2');
      await new Promise((r) => setTimeout(r, 5200)); // the JWKS is fetched again at most every 5 s
      await call(await issuer.sign({ ...claims, iss: issuer.issuer }, { kid: 'nøgle-2' })).expect(200);
    });
  });

  it('LOCAL_LOGIN=false switches password login off', async () => {
    const other = await createTestApp({ LOCAL_LOGIN: 'false' });
    try {
      expect((await other.http().post('/api/auth/login').send({ username: 'indkob.aarhus', password: 'demo' }).expect(403)).body.code).toBe(
        'local_login_disabled',
      );
      await other.http().post('/api/auth/session').send({ username: 'indkob.aarhus', password: 'demo' }).expect(403);
      expect((await other.http().get('/api/auth/providers').expect(200)).body).toEqual({ localLogin: false, providers: [] });
    } finally {
      await other.close();
    }
  });
});

/** A token signed with HS256 (a shared secret): refused, as it is not on the allow-list. */
async function hmac(claims: Record<string, unknown>): Promise<string> {
  const { SignJWT } = await import('jose');
  return new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(CLIENT_SECRET));
}
