/// <reference lib="dom" />
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { CLIENT_SECRET, type RealProvider, startOidcProvider } from './oidc/providers.js';
import { createTestApp, type TestApp } from './setup/test-app.js';
import { check, launchChromium, openPage } from './web/browser.js';

/** A free loopback port: the service's public address must be known before it starts (redirect URLs are built from it). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

/**
 * In Chromium: "Log ind med din organisation" through the real provider's login page and back into the web app, logout
 * at the provider too; the administration screens (users, organisations, API keys, providers), with axe at WCAG 2.1 A/AA.
 */
describe('sign-in with the organisation and administration in Chromium', () => {
  let t: TestApp;
  let real: RealProvider;
  let browser: Browser;
  let base: string;
  const violations = new Map<string, string[]>();

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    real = await startOidcProvider(base, 'kravbank-web');
    real.accounts['eva-sub'] = {
      preferred_username: 'eva@aarhus.dk',
      name: 'Eva Indkøber',
      email: 'eva@aarhus.dk',
      groups: ['kravbank-indkoebere'],
    };
    process.env.KRAVBANK_TEST_OIDC_SECRET = CLIENT_SECRET;
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'kravbank-web-oidc-')), 'providers.yaml');
    writeFileSync(
      file,
      `providers:
  - organisation: "55133018"
    issuer: ${real.issuer}
    clientId: kravbank-web
    clientSecretEnv: KRAVBANK_TEST_OIDC_SECRET
    roleMap: { kravbank-indkoebere: procurer }
`,
    );
    t = await createTestApp({ OIDC_PROVIDERS_FILE: file, PUBLIC_URL: base });
    await t.app.listen(port, '127.0.0.1');
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await real?.close();
  });

  const newPage = async (width = 1280) => {
    const opened = await openPage(browser, width);
    opened.page.on('dialog', (d) => void d.accept());
    return opened;
  };

  it('"Log ind med din organisation": through the provider’s login page back into the web app, and out again at both', async () => {
    const { context, page } = await newPage();
    await page.goto(`${base}/specifikationer`);
    await page.getByRole('heading', { name: 'Log ind med din organisation' }).waitFor();
    await check(page, 'log-ind-organisation', violations);
    // The only organisation with a provider is chosen already.
    expect(await page.getByLabel('Organisation', { exact: true }).inputValue()).toBe('55133018');
    await page.getByLabel('Organisation', { exact: true }).selectOption({ label: 'Aarhus Kommune' });
    await page.getByRole('button', { name: 'Log ind med din organisation' }).click();
    // The provider's own login page (oidc-provider's devInteractions), then its consent page.
    await page.locator('input[name=login]').fill('eva-sub');
    await page.locator('input[name=password]').fill('hvad-som-helst');
    await page.locator('button[type=submit]').click();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL(`${base}/specifikationer`);
    await page.getByText('Eva Indkøber').waitFor();
    await page.getByRole('heading', { name: 'Kravspecifikationer', level: 1 }).waitFor();
    await check(page, 'efter-organisationslogin', violations);

    await page.getByRole('button', { name: 'Log ud' }).click();
    await page.waitForURL((url) => url.href.startsWith(real.issuer));
    await page.locator('button[name=logout]').click();
    await page.waitForURL(`${base}/`);
    await page.getByRole('banner').getByRole('link', { name: 'Log ind' }).waitFor();
    expect(await page.evaluate(async () => (await fetch('/api/auth/session')).status)).toBe(401);
    await context.close();
  });

  it('a refused sign-in comes back to the login page with the reason in Danish', async () => {
    real.accounts['uden-sub'] = { preferred_username: 'uden@aarhus.dk', name: 'Uden rolle', email: 'uden@aarhus.dk', groups: [] };
    const { context, page } = await newPage(390);
    await page.goto(`${base}/log-ind`);
    await page.getByLabel('Organisation', { exact: true }).selectOption({ label: 'Aarhus Kommune' });
    await page.getByRole('button', { name: 'Log ind med din organisation' }).click();
    await page.locator('input[name=login]').fill('uden-sub');
    await page.locator('input[name=password]').fill('x');
    await page.locator('button[type=submit]').click();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByText('Din organisation har ikke givet dig en rolle i Kravbank.').waitFor();
    await check(page, 'log-ind-afvist', violations);
    await context.close();
  });

  for (const width of [1280, 390]) {
    it(`administration screens at ${width} px: users with roles and deactivation, organisations, API keys once, providers`, async () => {
      const { context, page } = await newPage(width);
      await page.goto(`${base}/log-ind`);
      await page.getByLabel('Brugernavn', { exact: true }).fill('admin.sekretariat');
      await page.getByLabel('Adgangskode').fill('demo');
      await page.getByRole('button', { name: 'Log ind', exact: true }).click();
      await page.getByRole('button', { name: 'Log ud' }).waitFor();
      await page.getByRole('link', { name: 'Administration' }).click();
      await page.getByRole('heading', { name: 'Administration: brugere' }).waitFor();
      await page
        .getByRole('table', { name: 'Tabel: Brugere' })
        .or(page.getByRole('region', { name: 'Tabel: Brugere' }))
        .first()
        .waitFor();
      await check(page, 'admin-brugere', violations);

      const username = `ny.bruger${width}`;
      await page.getByLabel('Brugernavn', { exact: true }).fill(username);
      await page.getByLabel('Navn', { exact: true }).fill(`Ny Bruger ${width}`);
      await page.getByLabel('Organisation', { exact: true }).last().selectOption({ label: 'Odense Kommune' });
      await page.getByRole('button', { name: 'Opret bruger' }).click();
      await page.getByText(`Ny Bruger ${width} (${username}) er oprettet i Odense Kommune.`).waitFor();
      await page.getByLabel('Søg efter navn eller brugernavn').fill(username);
      const row = page.getByRole('row', { name: new RegExp(username) });
      await row.getByRole('button', { name: /Ret roller/ }).click();
      await page
        .getByRole('group', { name: `Roller for ${username}` })
        .getByLabel('kravudvalg')
        .check();
      await page.getByRole('button', { name: 'Gem roller' }).click();
      await row.getByText('indkøber, kravudvalg').waitFor();
      await row.getByRole('button', { name: /Deaktivér/ }).click();
      await row.getByText('Deaktiveret').waitFor();
      await check(page, 'admin-bruger-deaktiveret', violations);

      await page.getByRole('link', { name: 'Organisationer' }).click();
      await page.getByRole('cell', { name: '55133018' }).waitFor();
      await check(page, 'admin-organisationer', violations);

      await page.getByRole('link', { name: 'API-nøgler' }).click();
      await page.getByLabel('Hvad bruges nøglen til?').fill(`ESDH ${width}`);
      await page.getByRole('button', { name: 'Opret API-nøgle' }).click();
      const key = (await page.getByLabel('Den nye API-nøgle').textContent())!;
      expect(key).toMatch(/^kb_/);
      expect((await t.http().get('/api/me').set('Authorization', `Bearer ${key}`).expect(200)).body.organisationName).toBe(
        'Kravbank-sekretariatet',
      );
      await check(page, 'admin-api-noegler', violations);
      await page
        .getByRole('row', { name: new RegExp(`ESDH ${width}`) })
        .getByRole('button', { name: /Tilbagekald/ })
        .click();
      await page
        .getByRole('row', { name: new RegExp(`ESDH ${width}`) })
        .getByText(/Tilbagekaldt/)
        .waitFor();
      await t.http().get('/api/me').set('Authorization', `Bearer ${key}`).expect(401);

      await page.getByRole('link', { name: 'Login-tjenester' }).click();
      await page.getByRole('cell', { name: real.issuer }).waitFor();
      await check(page, 'admin-login-tjenester', violations);
      await context.close();
    });
  }

  it('has no axe violations (WCAG 2.1 A/AA) on the screens above', () => {
    expect(Object.fromEntries(violations)).toEqual({});
  });
});
