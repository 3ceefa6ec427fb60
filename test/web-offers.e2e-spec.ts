/// <reference lib="dom" />
import { readFileSync } from 'node:fs';
import type { Browser, Download, Locator, Page } from 'playwright-core';
import { fillXlsx, TENDER_ITEMS } from './factories/offers.js';
import { apiFromPage, check, launchChromium, login, startWebServer, type WebServer, openPage } from './web/browser.js';

const EVALUATOR2 = 'evaluering.aarhus';
const BIDDERS = {
  nej: { name: 'Nej-leverandøren ApS', cvr: '11111111' },
  forbehold: { name: 'Forbehold A/S', cvr: '22222222' },
  alt: { name: 'Alt-opfyldt A/S', cvr: '33333333' },
} as const;

/**
 * Bidders' offers in a real Chromium against the real API: register the bidders through the form,
 * upload their returned kravmatrices (one answers Nej to an MK, one changes a requirement text, one
 * is no spreadsheet at all), read the import reports, score an EK as two evaluators of the same
 * municipality, see their difference, set consensus, see the total and the ranking, and download
 * the evaluation reports. axe (WCAG 2.1 A/AA) and screenshots at 1280 and 390 px go to test-output/screens/.
 */
describe('web app: offers, import reports and evaluation', () => {
  let server: WebServer;
  let browser: Browser;
  let base: string;
  let specId: string;
  const files: Record<string, Buffer> = {};
  const violations = new Map<string, string[]>();

  beforeAll(async () => {
    server = await startWebServer();
    base = server.base;
    browser = await launchChromium();
    // A second procurer of Aarhus Kommune: the other evaluator.
    await server.t.db.query(
      `INSERT INTO app_user (username, display_name, organisation_id, password_hash, roles)
       SELECT $1, 'Evaluator 2, Aarhus Kommune', organisation_id, password_hash, roles FROM app_user WHERE username = 'indkob.aarhus'`,
      [EVALUATOR2],
    );
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.t.close();
  });

  const newPage = (width = 1280) => openPage(browser, width);

  const noSidewaysScroll = async (page: Page, name: string) => {
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect({ name, overflow }).toEqual({ name, overflow: 0 });
  };

  const zipDownload = async (page: Page, button: Locator): Promise<{ name: string; body: Buffer }> => {
    const [download]: [Download, void] = await Promise.all([page.waitForEvent('download'), button.click()]);
    return { name: download.suggestedFilename(), body: readFileSync(await download.path()) };
  };

  /** A final specification with three MKs and two EKs (weights 20 and 5), made through the API as the browser would. */
  const finalSpecification = async (page: Page): Promise<string> => {
    const spec = await apiFromPage(page, 'POST', '/api/specifications', {
      title: 'Kravspecifikation: ESDH til tilbud',
      procurementName: 'Udbud af ESDH-løsning',
    });
    expect(spec.status).toBe(201);
    const id = spec.body.id as string;
    const items = await apiFromPage(page, 'POST', `/api/specifications/${id}/items/bulk`, {
      items: TENDER_ITEMS,
    });
    expect(items.status).toBe(201);
    expect((await apiFromPage(page, 'POST', `/api/specifications/${id}/finalize`, { acknowledgeWarnings: true })).status).toBe(200);
    return id;
  };

  const offerCard = (page: Page, bidder: string) => page.getByRole('region', { name: bidder, exact: true });

  it('registers bidders, imports their answers, shows the import reports, scores with two evaluators and downloads the reports', async () => {
    const { context, page } = await newPage(1280);
    await login(page, base);
    specId = await finalSpecification(page);
    const exported = await page.request.get(`${base}/api/specifications/${specId}/export?format=xlsx`);
    expect(exported.status()).toBe(200);
    const xlsx = await exported.body();
    files.nej = await fillXlsx(xlsx, { no: ['RAM-001'] });
    files.forbehold = await fillXlsx(xlsx, { change: { 'LOK-1': ['skal integrere', 'kan efter aftale integrere'] } });
    files.alt = await fillXlsx(xlsx, {});

    // From the final specification's editor to its offers.
    await page.goto(`${base}/specifikationer/${specId}`);
    await page.getByRole('link', { name: 'Tilbud og importrapporter' }).click();
    await page.getByRole('heading', { level: 1, name: 'Tilbud' }).waitFor();
    await page.getByText('Ingen tilbud registreret endnu.').waitFor();

    // A CVR number that is not 8 digits: the error stands by the field.
    await page.getByLabel('Tilbudsgivers navn').fill(BIDDERS.nej.name);
    await page.getByLabel('CVR-nummer').fill('1234');
    await page.getByRole('button', { name: 'Registrér tilbud' }).click();
    await page.getByText('Skal være et CVR-nummer på 8 cifre.').waitFor();
    expect(await page.getByLabel('CVR-nummer').getAttribute('aria-invalid')).toBe('true');
    await check(page, 'tilbud-feltfejl', violations);

    for (const b of Object.values(BIDDERS)) {
      await page.getByLabel('Tilbudsgivers navn').fill(b.name);
      await page.getByLabel('CVR-nummer').fill(b.cvr);
      await page.getByRole('button', { name: 'Registrér tilbud' }).click();
      await page.getByText(`Tilbuddet fra ${b.name} er registreret.`).waitFor();
    }
    await page.getByRole('heading', { name: 'Registrerede tilbud (3)' }).waitFor();

    // The same CVR twice is refused at the CVR field.
    await page.getByLabel('Tilbudsgivers navn').fill('Dublet A/S');
    await page.getByLabel('CVR-nummer').fill(BIDDERS.alt.cvr);
    await page.getByRole('button', { name: 'Registrér tilbud' }).click();
    await page.getByText('Der er allerede et tilbud fra dette CVR-nummer på kravspecifikationen.').waitFor();

    // A text file named .xlsx: the service's reason stands by the file field, and nothing is stored.
    const nejCard = offerCard(page, BIDDERS.nej.name);
    const nejInput = nejCard.getByLabel(`Besvarelse fra ${BIDDERS.nej.name}`);
    await nejInput.setInputFiles({
      name: 'besvarelse.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: Buffer.from('Dette er ikke et regneark.\n'.repeat(20)),
    });
    await nejCard.getByRole('button', { name: 'Indlæs besvarelse' }).click();
    await nejCard.getByText(/Filen er ikke en XLSX- eller DOCX-fil/).waitFor();
    expect(await nejInput.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await nejInput.getAttribute('aria-describedby')) ?? '';
    const description = await page.evaluate(
      (ids) =>
        ids
          .split(' ')
          .map((i) => document.getElementById(i)?.textContent ?? '')
          .join(' '),
      describedBy,
    );
    expect(description).toMatch(/Filen er ikke en XLSX- eller DOCX-fil/);
    await nejCard.getByText('Ikke indlæst endnu').waitFor();
    await check(page, 'tilbud-filfejl', violations);

    // The three answers.
    for (const [k, b] of Object.entries(BIDDERS)) {
      const card = offerCard(page, b.name);
      await card.getByLabel(`Besvarelse fra ${b.name}`).setInputFiles({
        name: `${k}.xlsx`,
        mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        buffer: files[k],
      });
      await card.getByRole('button', { name: 'Indlæs besvarelse' }).click();
      await page.getByText(`Besvarelsen fra ${b.name} er indlæst`).waitFor();
    }
    await offerCard(page, BIDDERS.nej.name).getByText('Mulig ikke-konditionsmæssig').waitFor();
    // A changed EK text leaves the offer conforming (the API's verdict) but with a possible reservation to read.
    await offerCard(page, BIDDERS.forbehold.name).getByText('Mulige forbehold').waitFor();
    await offerCard(page, BIDDERS.forbehold.name).getByText('Konditionsmæssig', { exact: true }).waitFor();
    expect(await offerCard(page, BIDDERS.alt.name).getByText('Mulige forbehold').count()).toBe(0);
    await offerCard(page, BIDDERS.alt.name).getByText('Konditionsmæssig', { exact: true }).waitFor();
    await offerCard(page, BIDDERS.alt.name)
      .getByText(/alt\.xlsx \(XLSX/)
      .waitFor();
    expect(await page.getByText(/Filen er ikke en XLSX- eller DOCX-fil/).count()).toBe(0);
    await check(page, 'tilbud', violations);

    // The import report of the bidder who answered Nej: summary first, then the flagged row, then every answer.
    await page.getByRole('link', { name: `Importrapport for ${BIDDERS.nej.name}` }).click();
    await page.getByRole('heading', { level: 1, name: `Importrapport: ${BIDDERS.nej.name}` }).waitFor();
    const summary = page.getByRole('region', { name: 'Sammenfatning' });
    expect(await summary.getByText('MK besvaret Nej').locator('xpath=following-sibling::dd').textContent()).toBe('1');
    expect(await summary.getByText('Ændrede kravtekster (mulige forbehold)').locator('xpath=following-sibling::dd').textContent()).toBe(
      '0',
    );
    const flagged = page.getByRole('region', { name: /Rækker, der kræver opmærksomhed \(1\)/ });
    await flagged.getByRole('heading', { name: /RAM-001/ }).waitFor();
    await flagged.getByText('Mindstekrav besvaret Nej').waitFor();
    const answers = page.getByRole('table', { name: 'Tilbudsgiverens besvarelse af hvert krav' });
    expect(
      await answers
        .getByRole('row', { name: /RAM-001/ })
        .getByRole('cell')
        .nth(1)
        .textContent(),
    ).toBe('Nej');
    expect(
      await answers
        .getByRole('row', { name: /SIK-001/ })
        .getByRole('cell')
        .nth(1)
        .textContent(),
    ).toBe('Ja');
    await answers
      .getByRole('row', { name: /ARK-001/ })
      .getByText('Bilag 7, afsnit 2')
      .waitFor();
    await answers
      .getByRole('row', { name: /ARK-001/ })
      .getByText('Vi opfylder ARK-001 som beskrevet i bilag 7.')
      .waitFor();
    await check(page, 'importrapport-nej', violations);
    const own = await zipDownload(page, page.getByRole('button', { name: `Hent evalueringsrapport for ${BIDDERS.nej.name} (DOCX)` }));
    expect(own.name).toMatch(/^Evalueringsrapport-.*-Nej-leverandøren-ApS\.docx$/);
    expect(own.body.subarray(0, 2).toString()).toBe('PK');

    // The bidder who changed a requirement text: the reservation with its word diff.
    await page.goto(`${base}/specifikationer/${specId}/tilbud`);
    await page.getByRole('link', { name: `Importrapport for ${BIDDERS.forbehold.name}` }).click();
    await page.getByRole('heading', { level: 1, name: `Importrapport: ${BIDDERS.forbehold.name}` }).waitFor();
    const reservation = page
      .getByRole('region', { name: /Rækker, der kræver opmærksomhed \(1\)/ })
      .getByRole('listitem')
      .first();
    await reservation.getByRole('heading', { name: /LOK-1/ }).waitFor();
    await reservation.getByText('Kravteksten er ændret (muligt forbehold)').waitFor();
    // "skal integrere" became "kan efter aftale integrere": the words are marked, and said so to a screen reader.
    expect(await reservation.locator('ins').allTextContents()).toEqual(['[tilføjet: kan]', '[tilføjet: efter aftale ]']);
    expect(await reservation.locator('del').allTextContents()).toEqual(['[slettet: skal]']);
    expect(await reservation.locator('.word-diff').textContent()).toContain('integrere til kommunens vagtplansystem.');
    await check(page, 'importrapport-forbehold', violations);

    // Evaluering: a point outside the scale is refused at its field.
    await page
      .getByRole('navigation', { name: 'Kravspecifikation, tilbud og evaluering' })
      .getByRole('link', { name: 'Evaluering' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Evaluering' }).waitFor();
    const who = `${BIDDERS.alt.name} på ARK-001`;
    const mine = page.getByRole('form', { name: `Dine point for ${who}` });
    await mine.getByLabel(`Point for ${who}`, { exact: true }).fill('99');
    await mine.getByLabel(`Begrundelse for ${who}`, { exact: true }).fill('Meget fin arkivering.');
    await mine.getByRole('button', { name: 'Gem point' }).click();
    await mine.getByText('Pointtallet skal ligge på kravspecifikationens skala.').waitFor();
    expect(await mine.getByLabel(`Point for ${who}`, { exact: true }).getAttribute('aria-invalid')).toBe('true');
    await check(page, 'evaluering-feltfejl', violations);
    await mine.getByLabel(`Point for ${who}`, { exact: true }).fill('8');
    await mine.getByRole('button', { name: 'Gem point' }).click();
    await mine.getByText('Dine point er gemt.').waitFor();

    // The second evaluator gives other points.
    const second = await newPage(1280);
    await login(second.page, base, EVALUATOR2);
    await second.page.goto(`${base}/specifikationer/${specId}/evaluering`);
    const theirs = second.page.getByRole('form', { name: `Dine point for ${who}` });
    await theirs.getByLabel(`Point for ${who}`, { exact: true }).fill('6');
    await theirs.getByLabel(`Begrundelse for ${who}`, { exact: true }).fill('Arkiveringen mangler automatisk kassation.');
    await theirs.getByRole('button', { name: 'Gem point' }).click();
    await theirs.getByText('Dine point er gemt.').waitFor();
    await second.page.getByText('indkob.aarhus: 8 point').waitFor();
    await second.context.close();

    // The first evaluator sees both, and the difference.
    await page.reload();
    const cell = page
      .getByRole('region', { name: BIDDERS.alt.name })
      .filter({ has: page.getByRole('form', { name: `Dine point for ${who}` }) });
    await cell.getByText('indkob.aarhus (dig): 8 point').waitFor();
    await cell.getByText(`${EVALUATOR2}: 6 point`).waitFor();
    await cell.getByText('Arkiveringen mangler automatisk kassation.').waitFor();
    await cell.getByText('Forskellige point').waitFor();
    await cell.getByText(/der er 2 point mellem den laveste og den højeste/).waitFor();
    await check(page, 'evaluering-forskel', violations);

    // Consensus on ARK-001.
    const agreed = cell.getByRole('form', { name: `Konsensus for ${who}` });
    await agreed.getByLabel(`Konsensuspoint for ${who}`, { exact: true }).fill('7');
    await agreed.getByLabel(`Begrundelse for konsensus for ${who}`, { exact: true }).fill('Enige om 7: god arkivering, kassation mangler.');
    await agreed.getByRole('button', { name: 'Gem konsensus' }).click();
    await agreed.getByText('Konsensus er gemt.').waitFor();
    await cell.getByText(/Konsensus: 7 point \(sat af indkob\.aarhus/).waitFor();

    // Keyboard only: from the page's heading, Tab to the points of LOK-1, type, Tab to the reason, Tab to the button, Enter.
    const lok = `${BIDDERS.alt.name} på LOK-1`;
    await page.getByRole('heading', { level: 1, name: 'Evaluering' }).focus();
    let reached = false;
    for (let i = 0; i < 120 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(
        (label) => (document.activeElement as HTMLInputElement | null)?.labels?.[0]?.textContent === label,
        `Point for ${lok}`,
      );
    }
    expect(reached).toBe(true);
    await page.keyboard.type('9');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => (document.activeElement as HTMLTextAreaElement).labels?.[0]?.textContent)).toBe(
      `Begrundelse for ${lok}`,
    );
    await page.keyboard.type('Integrationen er dokumenteret med kommunens eget vagtplansystem.');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Gem point');
    await page.keyboard.press('Enter');
    const lokForm = page.getByRole('form', { name: `Dine point for ${lok}` });
    await lokForm.getByText('Dine point er gemt.').waitFor();
    await page.getByText('indkob.aarhus (dig): 9 point').waitFor();

    // Consensus on LOK-1 too: the offer is complete, with its weighted total and first place.
    const lokConsensus = page.getByRole('form', { name: `Konsensus for ${lok}` });
    await lokConsensus.getByLabel(`Konsensuspoint for ${lok}`, { exact: true }).fill('9');
    await lokConsensus.getByLabel(`Begrundelse for konsensus for ${lok}`, { exact: true }).fill('Enige: integrationen er dokumenteret.');
    await lokConsensus.getByRole('button', { name: 'Gem konsensus' }).click();
    await lokConsensus.getByText('Konsensus er gemt.').waitFor();
    const standings = page.getByRole('table', { name: 'Tilbuddenes vægtede total og placering' });
    const altRow = standings.getByRole('row', { name: new RegExp(BIDDERS.alt.name) });
    // (7 × 20 + 9 × 5) / 25 = 7.4
    await altRow.getByText('7,4').waitFor();
    await altRow.getByText('1. plads').waitFor();
    await standings
      .getByRole('row', { name: new RegExp(BIDDERS.nej.name) })
      .getByText('Ikke færdigbedømt')
      .waitFor();
    await check(page, 'evaluering', violations);

    // The evaluation report, DOCX and XLSX.
    const docx = await zipDownload(page, page.getByRole('button', { name: 'Hent evalueringsrapport (DOCX)' }));
    expect(docx.name).toMatch(/^Evalueringsrapport-Kravspecifikation-ESDH-til-tilbud-rev1\.docx$/);
    expect(docx.body.subarray(0, 2).toString()).toBe('PK');
    const xlsxReport = await zipDownload(page, page.getByRole('button', { name: 'Hent evalueringsrapport (XLSX)' }));
    expect(xlsxReport.name).toMatch(/^Evalueringsrapport-Kravspecifikation-ESDH-til-tilbud-rev1\.xlsx$/);
    expect(xlsxReport.body.subarray(0, 2).toString()).toBe('PK');
    await page.getByText(`${xlsxReport.name} er hentet.`).waitFor();

    // A scored offer can no longer be deleted; an unscored one can, after a confirmation.
    await page.goto(`${base}/specifikationer/${specId}/tilbud`);
    await offerCard(page, BIDDERS.alt.name).getByText('Tilbuddet er bedømt og kan ikke slettes.').waitFor();
    const nej = offerCard(page, BIDDERS.nej.name);
    await nej.getByRole('button', { name: 'Slet tilbud' }).click();
    const dialog = nej.getByRole('alertdialog', { name: `Vil du slette tilbuddet fra ${BIDDERS.nej.name}?` });
    await dialog.getByRole('button', { name: 'Fortryd' }).click();
    await nej.getByRole('button', { name: 'Slet tilbud' }).click();
    await check(page, 'tilbud-slet', violations);
    await dialog.getByRole('button', { name: 'Ja, slet tilbuddet' }).click();
    await page.getByText(`Tilbuddet fra ${BIDDERS.nej.name} er slettet.`).waitFor();
    await page.getByRole('heading', { name: 'Registrerede tilbud (2)' }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('offers-heading');
    const left = await apiFromPage(page, 'GET', `/api/specifications/${specId}/offers`);
    expect(left.body.items.map((o: { bidderName: string }) => o.bidderName)).toEqual([BIDDERS.forbehold.name, BIDDERS.alt.name]);

    await context.close();
    expect(Object.fromEntries(violations)).toEqual({});
  }, 300_000);

  it('at 390 px: Tilbud, Importrapport and Evaluering fit without sideways scrolling and pass axe', async () => {
    expect(specId).toBeDefined();
    const { context, page } = await newPage(390);
    await login(page, base);
    await page.goto(`${base}/specifikationer/${specId}/tilbud`);
    await offerCard(page, BIDDERS.forbehold.name).getByText('Mulige forbehold').waitFor();
    await check(page, 'tilbud', violations);
    await noSidewaysScroll(page, 'tilbud');

    await page.getByRole('link', { name: `Importrapport for ${BIDDERS.forbehold.name}` }).click();
    await page.getByRole('heading', { level: 1, name: `Importrapport: ${BIDDERS.forbehold.name}` }).waitFor();
    await page.locator('ins').first().waitFor();
    await check(page, 'importrapport-forbehold', violations);
    await noSidewaysScroll(page, 'importrapport');

    await page.goto(`${base}/specifikationer/${specId}/evaluering`);
    await page.getByText('Forskellige point').waitFor();
    await page.getByRole('table', { name: 'Tilbuddenes vægtede total og placering' }).getByText('1. plads').waitFor();
    await check(page, 'evaluering', violations);
    await noSidewaysScroll(page, 'evaluering');

    // The editor of the final specification leads here.
    await page.goto(`${base}/specifikationer/${specId}`);
    await page.getByRole('link', { name: 'Evaluering af tilbuddene' }).waitFor();
    await noSidewaysScroll(page, 'editor');
    await context.close();
    expect(Object.fromEntries(violations)).toEqual({});
  }, 180_000);
});
