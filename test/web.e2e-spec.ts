/// <reference lib="dom" />
import JSZip from 'jszip';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { check, launchChromium, login, publishNewVersion, startWebServer, type WebServer, apiFromPage, openPage } from './web/browser.js';

/**
 * The web app in a real Chromium against the real API and PostgreSQL: the procurer's journey, the
 * update journey, accessibility (axe, WCAG 2.1 A/AA) on every screen at 1280 and 390 px, keyboard
 * only, and browser sessions. Screenshots go to test-output/screens/.
 */
describe('web app in Chromium', () => {
  let server: WebServer;
  let browser: Browser;
  let base: string;
  let diffKey: string;
  const violations = new Map<string, string[]>();
  const ADDITION = 'Logningen skal kunne eksporteres i et åbent format.';

  beforeAll(async () => {
    server = await startWebServer();
    base = server.base;
    browser = await launchChromium();
    const hits = await server.t.http().get('/api/search?q=logning&category=security').expect(200);
    diffKey = hits.body.hits[0].key;
    await publishNewVersion(server.t, diffKey, ADDITION);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.t.close();
  });

  const newPage = (width = 1280) => openPage(browser, width);

  it('the procurer journey: log in, search, filter, diff, specification from a profile, add, EK, local, reorder, export, finalize, revise', async () => {
    const { context, page } = await newPage();
    await page.goto(`${base}/log-ind`);
    await page.getByLabel('Brugernavn').fill('indkob.aarhus');
    await page.getByLabel('Adgangskode').fill('forkert');
    await page.getByRole('button', { name: 'Log ind' }).click();
    await page.getByText('Forkert brugernavn eller adgangskode.').waitFor();
    await check(page, 'login-fejl', violations);
    await login(page, base);
    await page.getByText('Aarhus Kommune').first().waitFor();
    await check(page, 'forside', violations);

    // Search "logning", then narrow to a category: the state is in the URL.
    await page.getByRole('link', { name: 'Søg i kravbanken' }).click();
    await page.getByLabel('Søgeord').fill('logning');
    await page.getByRole('heading', { name: /krav for »logning«/ }).waitFor();
    await check(page, 'soeg-logning', violations);
    await page
      .getByRole('group', { name: 'Kategori' })
      .getByRole('checkbox', { name: /Informationssikkerhed/ })
      .check();
    await page.waitForURL(/kategori=security/);
    await expectNoOtherCategory(page);
    await check(page, 'soeg-filter', violations);

    // The requirement, and the diff between its two versions.
    await page.getByRole('link', { name: new RegExp(`^${diffKey} `) }).click();
    await page.getByRole('heading', { level: 1, name: new RegExp(diffKey) }).waitFor();
    await page.getByLabel('Fra version').selectOption('1');
    await page.getByLabel('Til version').selectOption('2');
    await page.getByRole('button', { name: 'Vis forskelle' }).click();
    await page.getByRole('heading', { name: 'Forskelle fra version 1 til version 2' }).waitFor();
    await page.locator('.diff-result ins').filter({ hasText: 'åbent format' }).first().waitFor();
    await check(page, 'krav-diff', violations);

    // A specification from a profile.
    await page.getByRole('link', { name: 'Kravspecifikationer' }).click();
    await page.getByRole('heading', { name: 'Opret en kravspecifikation' }).waitFor();
    await check(page, 'specifikationer', violations);
    await page.getByRole('button', { name: 'Opret kravspecifikation' }).click();
    await page.getByText('Ret de markerede felter.').waitFor();
    await check(page, 'specifikationer-feltfejl', violations);
    await page.getByLabel('Titel', { exact: true }).fill('Kravspecifikation: ESDH 2027');
    await page.getByLabel('Udbuddets navn').fill('Udbud af ESDH-løsning');
    await page.getByRole('radio', { name: /Fagsystem med personoplysninger/ }).check();
    await page.getByRole('button', { name: 'Opret kravspecifikation' }).click();
    await page.getByRole('heading', { level: 1, name: 'Kravspecifikation: ESDH 2027' }).waitFor();
    const specId = page.url().split('/').pop()!;
    const before = await apiFromPage(page, 'GET', `/api/specifications/${specId}/items?limit=100`);
    const inSpec = new Set(before.body.items.map((i: { requirementKey: string }) => i.requirementKey));

    // Two requirements from the search, without leaving it.
    await page.goto(`${base}/soeg?q=logning`);
    await page.getByRole('heading', { name: /krav for »logning«/ }).waitFor();
    const hits = await apiFromPage(page, 'GET', '/api/search?q=logning&limit=20');
    const [k1, k2] = hits.body.hits.map((h: { key: string }) => h.key).filter((k: string) => !inSpec.has(k));
    for (const k of [k1, k2]) {
      await page.getByRole('button', { name: new RegExp(`^Tilføj ${k} `) }).click();
      await page.getByText(`${k} er tilføjet til Kravspecifikation: ESDH 2027.`).waitFor();
    }
    await check(page, 'soeg-tilfoejet', violations);

    // The editor: one EK with a weight, a local requirement, a reorder.
    await page.goto(`${base}/specifikationer/${specId}`);
    await page.getByLabel(`Kravtype for ${k1}`).selectOption('evaluated');
    await page.getByText(`${k1} er gemt.`).waitFor();
    await page.getByLabel(`Vægt for ${k1}`).fill('25');
    await page.getByLabel(`Vægt for ${k1}`).press('Tab');
    await page.getByText('Samlet vægt').locator('xpath=following-sibling::dd[1]').filter({ hasText: '25' }).waitFor();
    // The checks panel above the form is read again after the save and changes height; click once it has.
    await page.getByText('Vægtene for evalueringskravene giver tilsammen 25, ikke 100.').waitFor();
    await page.getByText('Tilføj et lokalt krav').click();
    await page.getByLabel('Titel på det lokale krav').fill('Integration til vagtplansystemet');
    await page.getByLabel('Kravtekst').fill('Leverandøren skal levere en integration til kommunens vagtplansystem.');
    await page.getByRole('button', { name: 'Tilføj lokalt krav' }).click();
    await page.getByText('Lokalt krav – ikke fra kravbanken').waitFor();
    await check(page, 'editor', violations);
    // The annex's order (the JSON export lists the items as the document does), before and after moving one up.
    const order = async () =>
      (await apiFromPage(page, 'GET', `/api/specifications/${specId}/export?format=json`)).body.items.map((i: { key: string }) => i.key);
    const was: string[] = await order();
    await page.getByRole('button', { name: `Flyt ${k2} op` }).click();
    await page.getByText(`${k2} er flyttet til plads`).waitFor();
    await page.waitForLoadState('networkidle');
    const now: string[] = await order();
    expect(now.indexOf(k2)).toBe(was.indexOf(k2) - 1);

    // The DOCX for the tender: a file with a sensible name that unzips and holds the keys.
    const [docx] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Hent DOCX til udbud' }).click()]);
    expect(docx.suggestedFilename()).toMatch(/\.docx$/);
    const zip = await JSZip.loadAsync(readFileSync(await docx.path()));
    const xml = await zip.file('word/document.xml')!.async('string');
    for (const k of [k1, k2, 'LOK-1']) expect(xml).toContain(k);

    // Finalize, with a confirmation that says what it means; then a new revision.
    await page.getByRole('button', { name: 'Afslut kravspecifikationen' }).click();
    await page.getByRole('alertdialog').getByText('kan ikke ændres').waitFor();
    await check(page, 'editor-afslut', violations);
    await page.getByRole('button', { name: 'Ja, afslut' }).click();
    await page.getByText('Revision 1 er afsluttet.').waitFor();
    await check(page, 'editor-afsluttet', violations);
    await page.getByRole('button', { name: 'Start ny revision' }).click();
    await page.getByText(/revision 2 · kladde/).waitFor();
    expect(page.url()).not.toContain(specId);
    await context.close();
    expect(Object.fromEntries(violations)).toEqual({});
  }, 240_000);

  async function expectNoOtherCategory(page: Page) {
    await page.waitForFunction(
      () => ![...document.querySelectorAll('.hit-meta')].some((e) => /Rammearkitektur|Arkivering/.test(e.textContent ?? '')),
    );
  }

  it('the update journey: a version published meanwhile shows in Nyere versioner with its diff, and is upgraded', async () => {
    const { context, page } = await newPage();
    await login(page, base);
    const spec = await apiFromPage(page, 'POST', '/api/specifications', { title: 'Opdateringer', procurementName: 'Test' });
    expect(spec.status).toBe(201);
    const key = (await server.t.http().get('/api/search?q=adgangskode').expect(200)).body.hits[0].key as string;
    expect((await apiFromPage(page, 'POST', `/api/specifications/${spec.body.id}/items`, { requirementKey: key })).status).toBe(201);
    const version = await publishNewVersion(server.t, key, 'Kravet gælder også servicekonti.');
    await page.goto(`${base}/specifikationer/${spec.body.id}`);
    await page.getByRole('heading', { name: 'Nyere versioner' }).waitFor();
    await page.locator('.updates ins').filter({ hasText: 'servicekonti' }).first().waitFor();
    await check(page, 'editor-nyere-versioner', violations);
    await page.getByRole('button', { name: `Opgradér ${key} til version ${version}` }).click();
    await page.getByText(`${key} er opgraderet til version ${version}.`).waitFor();
    await page.getByRole('heading', { name: 'Nyere versioner' }).waitFor({ state: 'detached' });
    await context.close();
    expect(Object.fromEntries(violations)).toEqual({});
  }, 120_000);

  it('keyboard only: search, add to a specification, export', async () => {
    const { context, page } = await newPage();
    await login(page, base);
    const spec = await apiFromPage(page, 'POST', '/api/specifications', { title: 'Tastatur', procurementName: 'Tastatur' });
    await page.goto(`${base}/soeg`);
    const tabTo = async (test: (el: { text: string; tag: string; label: string }) => boolean, shift = false) => {
      for (let i = 0; i < 250; i++) {
        await page.keyboard.press(shift ? 'Shift+Tab' : 'Tab');
        const el = await page.evaluate(() => {
          const a = document.activeElement as HTMLElement;
          return {
            text: a.innerText ?? '',
            tag: a.tagName,
            label: a.getAttribute('aria-label') ?? (a.id ? (document.querySelector(`label[for="${a.id}"]`)?.textContent ?? '') : ''),
          };
        });
        if (test(el)) return;
      }
      throw new Error('Tab never reached the control');
    };
    await tabTo((e) => e.label === 'Søgeord');
    await page.keyboard.type('logning');
    await page.getByRole('heading', { name: /krav for »logning«/ }).waitFor();
    await tabTo((e) => e.label === 'Tilføj krav til');
    await page.keyboard.press('Tab');
    await tabTo((e) => e.tag === 'BUTTON' && e.text.startsWith('Tilføj'));
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(outline).not.toBe('none'); // focus is visible
    await page.keyboard.press('Enter');
    await page.getByText(/er tilføjet til/).waitFor();
    await tabTo((e) => e.tag === 'A' && e.text === 'Kravspecifikationer', true);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Kravspecifikationer' }).waitFor();
    await tabTo((e) => e.tag === 'A' && e.text === 'Tastatur');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Tastatur' }).waitFor();
    await tabTo((e) => e.text === 'Hent DOCX til udbud');
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    expect(download.suggestedFilename()).toMatch(/\.docx$/);
    expect(spec.status).toBe(201);
    await context.close();
  }, 120_000);

  it('every screen at 390 px: usable (no sideways page scroll) and without axe violations', async () => {
    const { context, page } = await newPage(390);
    await page.goto(`${base}/log-ind`);
    await check(page, 'login', violations);
    await login(page, base);
    const spec = await apiFromPage(page, 'POST', '/api/specifications', {
      title: 'Smal skærm',
      procurementName: 'Smal',
      profileId: 'fagsystem-arkivpligt',
    });
    const screens: Array<[string, string, () => Promise<unknown>]> = [
      ['forside', '/', () => page.getByRole('heading', { name: 'Dine kladder' }).waitFor()],
      ['soeg-logning', '/soeg?q=logning&kategori=security', () => page.getByRole('heading', { name: /krav for »logning«/ }).waitFor()],
      ['soeg-ingen-hits', '/soeg?q=xyzzyqwerty', () => page.getByText('Ingen krav passer på søgningen').waitFor()],
      [
        'krav-diff',
        `/krav/${diffKey}?fra=1&til=2`,
        () => page.getByRole('heading', { name: 'Forskelle fra version 1 til version 2' }).waitFor(),
      ],
      ['specifikationer', '/specifikationer', () => page.getByRole('heading', { name: 'Opret en kravspecifikation' }).waitFor()],
      ['editor', `/specifikationer/${spec.body.id}`, () => page.getByRole('heading', { name: 'Krav', exact: true }).waitFor()],
      ['retskilder', '/retskilder', () => page.getByRole('table').waitFor()],
      ['retskilde', '/retskilder/gdpr', () => page.getByRole('heading', { name: 'Krav, der henviser til retskilden' }).waitFor()],
      ['ikke-fundet', '/findes-ikke', () => page.getByRole('heading', { name: 'Siden findes ikke' }).waitFor()],
    ];
    for (const [name, path, ready] of screens) {
      await page.goto(`${base}${path}`);
      await ready();
      await check(page, name, violations);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect({ name, overflow }).toEqual({ name, overflow: 0 });
    }
    await context.close();
    // The same screens at 1280 px.
    const wide = await newPage(1280);
    await login(wide.page, base);
    for (const [name, path] of [
      ['retskilder', '/retskilder'],
      ['retskilde', '/retskilder/gdpr'],
      ['soeg-ingen-hits', '/soeg?q=xyzzyqwerty'],
      ['ikke-fundet', '/findes-ikke'],
    ]) {
      await wide.page.goto(`${base}${path}`);
      await wide.page.locator('main h1').waitFor();
      await wide.page.waitForLoadState('networkidle');
      await check(wide.page, name, violations);
    }
    await wide.context.close();
    expect(Object.fromEntries(violations)).toEqual({});
  }, 180_000);

  it('sessions: cookie flags, CSRF refusal, logout revokes, 401 sends to login and back, another organisation gets 404, 503 shows a banner', async () => {
    const { context, page } = await newPage();
    await login(page, base);
    const [cookie] = (await context.cookies()).filter((c) => c.name === 'kravbank_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', secure: false, path: '/' });
    expect(await page.evaluate(() => document.cookie)).not.toContain('kravbank_session');
    const refused = await page.evaluate(async () => {
      const r = await fetch('/api/specifications', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: '{"title":"x","procurementName":"x"}',
      });
      return r.status;
    });
    expect(refused).toBe(403);
    const spec = await apiFromPage(page, 'POST', '/api/specifications', { title: 'Kun Aarhus', procurementName: 'Aarhus' });

    // The service stops answering: a banner; it answers again: the banner goes. Every call fails while it is down:
    // the banner shows the last answer, so one call answering beside a failing one would lower it.
    let searches = 0;
    await page.route('**/api/**', (route) => {
      if (new URL(route.request().url()).pathname === '/api/search') searches++;
      return route.fulfill({ status: 503, contentType: 'application/problem+json', body: '{"status":503}' });
    });
    await page.goto(`${base}/soeg?q=arkiv`);
    await page.getByText('Kravbanken svarer ikke lige nu').waitFor();
    // The page tries again by itself, three times with a growing pause; once it has given up, only the button brings
    // it back (a retry that answered after the service was back would lower the banner before the click).
    for (let waited = 0; searches < 4; waited += 250) {
      expect(waited).toBeLessThan(20_000);
      await page.waitForTimeout(250);
    }
    // Whether the user is logged in is not known while the service is down: the header offers neither Log ind nor Log ud.
    expect(await page.getByRole('banner').getByRole('link', { name: 'Log ind' }).count()).toBe(0);
    await check(page, 'forbindelse-tabt', violations);
    await page.unroute('**/api/**');
    await page.getByRole('button', { name: 'Prøv igen nu' }).click();
    await page.getByText('Kravbanken svarer ikke lige nu').waitFor({ state: 'detached' });

    await page.getByRole('button', { name: 'Log ud' }).click();
    await page.getByText('Du er logget ud.').waitFor();
    const replay = await browser.newContext();
    await replay.addCookies([cookie]);
    expect((await replay.request.get(`${base}/api/auth/session`)).status()).toBe(401);
    await replay.close();

    // Logged out, a page that needs a login goes to the login page and comes back after.
    await page.goto(`${base}/specifikationer/${spec.body.id}`);
    await page.waitForURL(/\/log-ind\?tilbage=/);
    await page.getByLabel('Brugernavn').fill('indkob.aarhus');
    await page.getByLabel('Adgangskode').fill('demo');
    await page.getByRole('button', { name: 'Log ind' }).click();
    await page.getByRole('heading', { level: 1, name: 'Kun Aarhus' }).waitFor();
    await context.close();

    const odense = await newPage();
    await login(odense.page, base, 'indkob.odense');
    await odense.page.goto(`${base}/specifikationer/${spec.body.id}`);
    await odense.page.getByRole('heading', { name: 'Kravspecifikationen blev ikke fundet' }).waitFor();
    const status = await odense.page.evaluate(async (id) => (await fetch(`/api/specifications/${id}`)).status, spec.body.id);
    expect(status).toBe(404);
    await odense.context.close();
    expect(Object.fromEntries(violations)).toEqual({});
  }, 120_000);
});
