/// <reference lib="dom" />
import JSZip from 'jszip';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { check, launchChromium, login, startWebServer, type WebServer, apiFromPage, openPage } from './web/browser.js';

/**
 * The tender annex in the editor, in a real Chromium against the real API: the checks panel beside
 * the items (each warning leads to its item), the settings form for the front matter and the
 * evaluation model (field errors from problem+json next to their fields), the XLSX kravmatrix
 * download, and finalizing with the warnings listed and acknowledged. axe (WCAG 2.1 A/AA) and
 * screenshots at 1280 and 390 px go to test-output/screens/.
 */
describe('web app: the tender annex in the editor', () => {
  let server: WebServer;
  let browser: Browser;
  let base: string;
  const violations = new Map<string, string[]>();

  beforeAll(async () => {
    server = await startWebServer();
    base = server.base;
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.t.close();
  });

  const newPage = (width = 1280) => openPage(browser, width);

  /** A draft with warnings: an EK that says "skal" and weighs 40, a local requirement without "skal"/"bør", an empty section. */
  const draftWithWarnings = async (page: Page, title: string): Promise<string> => {
    const spec = await apiFromPage(page, 'POST', '/api/specifications', { title, procurementName: 'Udbud af fagsystem' });
    expect(spec.status).toBe(201);
    const id = spec.body.id as string;
    const items = await apiFromPage(page, 'POST', `/api/specifications/${id}/items/bulk`, {
      items: [
        { requirementKey: 'SIK-001', obligation: 'evaluated', weight: 40 },
        { requirementKey: 'SIK-002' },
        { local: { title: 'Single sign-on', statement: 'Løsningen understøtter SAML 2.0.' } },
      ],
    });
    expect(items.status).toBe(201);
    expect((await apiFromPage(page, 'PATCH', `/api/specifications/${id}`, { sections: ['Drift'] })).status).toBe(200);
    return id;
  };

  it('shows the checks beside the items, edits the annex settings, downloads the XLSX and finalizes with the warnings acknowledged', async () => {
    const { context, page } = await newPage(1280);
    await login(page, base);
    const id = await draftWithWarnings(page, 'Kravspecifikation: bilag og kontrol');
    await page.goto(`${base}/specifikationer/${id}`);

    // The checks: four warnings, each leading to its item.
    const panel = page.getByRole('region', { name: 'Kontrol før afslutning' });
    await panel.getByText('Kontrollen har fundet 4 advarsler').waitFor();
    await panel.getByText(/SIK-001 er et evalueringskrav \(EK\), men teksten siger »skal«/).waitFor();
    await panel.getByText(/Afsnittet »Drift« indeholder ingen krav/).waitFor();
    await panel.getByText(/Vægtene for evalueringskravene giver tilsammen 40/).waitFor();
    await check(page, 'editor-kontrol', violations);
    await panel.getByRole('link', { name: /^Gå til LOK-1/ }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toMatch(/^item-.*-obligation$/);
    expect(await page.getByLabel('Kravtype for LOK-1').evaluate((el) => el === document.activeElement)).toBe(true);

    // The settings: defaults shown and marked; bad values get their errors beside the fields.
    await page.getByText('Bilagets forside, evalueringsmodel og afsnit').click();
    const number = page.getByLabel('Bilagsnummer');
    expect(await number.inputValue()).toBe('3');
    await page.getByText('Standardtekst. Ret den, hvis jeres udbud kræver det.').first().waitFor();
    await number.fill('bilag 3');
    await page.getByLabel('Højeste point').fill('0');
    await page.getByRole('button', { name: 'Gem indstillinger' }).click();
    await page.getByText('Ret de markerede felter.').waitFor();
    await page.getByText('Skal være et bilagsnummer som 3, 3a eller 3.1.').waitFor();
    expect(await number.getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('Højeste point').getAttribute('aria-invalid')).toBe('true');
    await check(page, 'editor-bilag-feltfejl', violations);

    await number.fill('4');
    await page.getByLabel('Højeste point').fill('10');
    await page.getByLabel('Underkriterium, som evalueringskravene indgår i').fill('Funktionalitet');
    await page.getByLabel('Afsnit i kravspecifikationen (ét pr. linje)').fill('Adgang');
    await page.getByRole('button', { name: 'Gem indstillinger' }).click();
    await page.getByText('Bilagets indstillinger er gemt.').waitFor();
    const saved = (await apiFromPage(page, 'GET', `/api/specifications/${id}`)).body;
    expect(saved.annex.number).toBe('4');
    expect(saved.evaluation.subCriterion).toBe('Funktionalitet');
    expect(saved.sections).toEqual(['Adgang']);
    await panel.getByText(/Afsnittet »Adgang« indeholder ingen krav/).waitFor();
    await check(page, 'editor-bilag-gemt', violations);

    // The XLSX kravmatrix beside the other exports.
    const [xlsx] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Hent XLSX-kravmatrix til udbud' }).click(),
    ]);
    expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
    const zip = await JSZip.loadAsync(readFileSync(await xlsx.path()));
    const parts = await Promise.all(
      Object.values(zip.files)
        .filter((f) => f.name.endsWith('.xml'))
        .map((f) => f.async('string')),
    );
    const text = parts.join('\n');
    for (const needle of ['SIK-001', 'LOK-1', 'Funktionalitet', 'Bilag 4']) expect(text).toContain(needle);

    // Finalizing lists the warnings; confirming acknowledges them.
    await page.getByRole('button', { name: 'Afslut kravspecifikationen' }).click();
    const dialog = page.getByRole('alertdialog');
    await dialog.getByText('Kontrollen har fundet 4 advarsler.').waitFor();
    await dialog.getByText(/bliver gemt i revisionssporet/).waitFor();
    await check(page, 'editor-afslut-advarsler', violations);
    await page.getByRole('button', { name: 'Ja, afslut' }).click();
    await page.getByText('Revision 1 er afsluttet.').waitFor();
    expect((await apiFromPage(page, 'GET', `/api/specifications/${id}`)).body.status).toBe('final');
    await page.getByRole('region', { name: 'Kontrol før afslutning' }).waitFor({ state: 'detached' });
    await context.close();
    expect(Object.fromEntries(violations)).toEqual({});
  }, 240_000);

  it('at 390 px: the checks and the settings form fit and pass axe', async () => {
    const { context, page } = await newPage(390);
    await login(page, base);
    const id = await draftWithWarnings(page, 'Smal skærm: kontrol');
    await page.goto(`${base}/specifikationer/${id}`);
    await page.getByText('Kontrollen har fundet 4 advarsler').waitFor();
    await page.getByText('Bilagets forside, evalueringsmodel og afsnit').click();
    await page.getByLabel('Bilagsnummer').fill('3 a');
    await page.getByRole('button', { name: 'Gem indstillinger' }).click();
    await page.getByText('Skal være et bilagsnummer som 3, 3a eller 3.1.').waitFor();
    await check(page, 'editor-kontrol-bilag', violations);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBe(0);
    await page.getByRole('button', { name: 'Afslut kravspecifikationen' }).click();
    await page.getByRole('alertdialog').getByText('Kontrollen har fundet 4 advarsler.').waitFor();
    await check(page, 'editor-afslut-advarsler', violations);
    await context.close();
    expect(Object.fromEntries(violations)).toEqual({});
  }, 120_000);
});
