/// <reference lib="dom" />
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { apiFromPage, check, launchChromium, login, shoot, startWebServer, type WebServer } from './web/browser.js';

/**
 * The specification editor as a procurer meets it, in a real Chromium against the real API: items
 * under their category and section headings in the order the exported annex has, moving an item
 * to another section, reordering by dragging with the mouse, adding a requirement from its own
 * page, the header, and the editor at 390 px without sideways scrolling. axe (WCAG 2.1 A/AA) on
 * each state; screenshots to test-output/screens/.
 */
describe('web app: the specification editor in Chromium', () => {
  let server: WebServer;
  let browser: Browser;
  let base: string;
  const violations = new Map<string, string[]>();
  let ram: string[];
  let sik: string[];

  beforeAll(async () => {
    server = await startWebServer();
    base = server.base;
    browser = await launchChromium();
    const keys = async (category: string) =>
      (await server.t.http().get(`/api/requirements?category=${category}&limit=10`).expect(200)).body.items.map(
        (i: { key: string }) => i.key,
      );
    ram = await keys('framework-architecture');
    sik = await keys('security');
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.t.close();
  });

  const open = async (width = 1280): Promise<{ context: BrowserContext; page: Page }> => {
    const context = await browser.newContext({ viewport: { width, height: width > 500 ? 900 : 844 }, locale: 'da-DK' });
    const page = await context.newPage();
    await login(page, base);
    return { context, page };
  };

  /** A draft with bank items in sections and one local item, made through the API as the browser would. */
  async function sectionedSpecification(page: Page, title: string): Promise<string> {
    const spec = await apiFromPage(page, 'POST', '/api/specifications', { title, procurementName: 'Afsnit' });
    expect(spec.status).toBe(201);
    const items = [
      { requirementKey: ram[0], section: 'Drift' },
      { requirementKey: ram[1] },
      { requirementKey: ram[2], section: 'Arkitektur' },
      { requirementKey: ram[3], section: 'Arkitektur' },
      { requirementKey: sik[0], section: 'Drift' },
      { requirementKey: sik[1] },
      { local: { title: 'Integration til vagtplansystemet', statement: 'Leverandøren skal levere en integration.' } },
    ];
    expect((await apiFromPage(page, 'POST', `/api/specifications/${spec.body.id}/items/bulk`, { items })).status).toBe(201);
    return spec.body.id as string;
  }

  /** The keys as the editor shows them, top to bottom. */
  const shown = (page: Page): Promise<string[]> =>
    page.evaluate(() => [...document.querySelectorAll<HTMLElement>('.item-card')].map((c) => c.dataset.key!));

  /** The keys in the order the exported annex lists them (the JSON export). */
  const exported = async (page: Page, id: string): Promise<string[]> =>
    (await apiFromPage(page, 'GET', `/api/specifications/${id}/export?format=json`)).body.items.map((i: { key: string }) => i.key);

  /** The section heading an item stands under, or null for the items without a section. */
  const sectionOfCard = (page: Page, key: string): Promise<string | null> =>
    page.evaluate(
      (key) => document.querySelector(`.item-card[data-key="${key}"]`)!.closest('.item-section')!.querySelector('h4')?.textContent ?? null,
      key,
    );

  /** Drags one card's handle onto another card with real mouse moves, as a person does. */
  async function drag(page: Page, from: Locator, to: Locator) {
    await from.scrollIntoViewIfNeeded();
    const a = (await from.locator('.drag-handle').boundingBox())!;
    const b = (await to.boundingBox())!;
    await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
    await page.mouse.down();
    await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2 + 8, { steps: 3 });
    await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 12 });
    await page.mouse.up();
  }

  it('groups the items under category and section headings in the annex order, and moves an item to another section', async () => {
    const { context, page } = await open();
    const id = await sectionedSpecification(page, 'Afsnit i editoren');
    await page.goto(`${base}/specifikationer/${id}`);
    await page.getByRole('heading', { level: 3, name: 'Rammearkitektur' }).waitFor();
    // Category headings in the bank's order, the municipality's own last; each section, and the items in no section
    // ("Øvrige krav" when a section comes before them), where its first item stands, as the annex prints them.
    const headings = await page.locator('.item-groups').getByRole('heading').allTextContents();
    expect(headings).toEqual([
      'Rammearkitektur',
      'Drift',
      'Øvrige krav',
      'Arkitektur',
      'Informationssikkerhed',
      'Drift',
      'Øvrige krav',
      'Kommunens egne krav',
    ]);
    expect(await shown(page)).toEqual([ram[0], ram[1], ram[2], ram[3], sik[0], sik[1], 'LOK-1']);
    expect(await shown(page)).toEqual(await exported(page, id));
    expect(await sectionOfCard(page, ram[1])).toBe('Øvrige krav');
    expect(await sectionOfCard(page, ram[0])).toBe('Drift');
    // The arrows move inside a section only: the first of a section cannot go up into the one before.
    await expect(page.getByRole('button', { name: `Flyt ${ram[2]} op` }).isDisabled()).resolves.toBe(true);
    await expect(page.getByRole('button', { name: `Flyt ${ram[3]} op` }).isDisabled()).resolves.toBe(false);
    await check(page, 'editor-afsnit', violations);

    // Another section by name: the item moves under that heading, and the annex agrees.
    await page.getByLabel(`Afsnit for ${ram[1]}`).fill('Arkitektur');
    await page.getByLabel(`Afsnit for ${ram[1]}`).press('Tab');
    await page.getByText(`${ram[1]} er flyttet til afsnittet »Arkitektur«.`).waitFor();
    await page.waitForFunction(
      (key) =>
        document.querySelector(`.item-card[data-key="${key}"]`)?.closest('.item-section')?.querySelector('h4')?.textContent ===
        'Arkitektur',
      ram[1],
    );
    await page.waitForLoadState('networkidle');
    expect(await shown(page)).toEqual(await exported(page, id));

    // The keyboard: up inside the section.
    await page.getByRole('button', { name: `Flyt ${ram[3]} op` }).click();
    await page.getByText(`${ram[3]} er flyttet til plads`).waitFor();
    await page.waitForLoadState('networkidle');
    expect(await shown(page)).toEqual(await exported(page, id));
    await context.close();
    expect(Object.fromEntries(violations)).toEqual({});
  }, 120_000);

  it('reorders by dragging with the mouse: inside a section, and into another section', async () => {
    const { context, page } = await open();
    const id = await sectionedSpecification(page, 'Træk og slip');
    // Tall enough that the dragged card and the one it is dropped on are on screen together (a synthetic drag does not scroll).
    await page.setViewportSize({ width: 1280, height: 1600 });
    await page.goto(`${base}/specifikationer/${id}`);
    await page.getByRole('heading', { level: 3, name: 'Rammearkitektur' }).waitFor();
    const card = (key: string) => page.locator(`.item-card[data-key="${key}"]`);

    // Inside "Arkitektur": the second is dragged onto the first and takes its place.
    expect((await shown(page)).slice(2, 4)).toEqual([ram[2], ram[3]]);
    await drag(page, card(ram[3]), card(ram[2]));
    await page.getByText(`${ram[3]} er flyttet til plads 3.`).waitFor();
    await page.waitForLoadState('networkidle');
    expect((await shown(page)).slice(2, 4)).toEqual([ram[3], ram[2]]);
    expect(await shown(page)).toEqual(await exported(page, id));

    // From "Drift" onto an item in "Arkitektur": the item moves there and takes the section.
    await drag(page, card(ram[0]), card(ram[2]));
    await page.getByText(new RegExp(`${ram[0]} er flyttet til plads \\d+ i afsnittet »Arkitektur«\\.`)).waitFor();
    await page.waitForLoadState('networkidle');
    expect(await sectionOfCard(page, ram[0])).toBe('Arkitektur');
    const items = (await apiFromPage(page, 'GET', `/api/specifications/${id}/items?limit=100`)).body.items;
    expect(items.find((i: { requirementKey: string }) => i.requirementKey === ram[0]).section).toBe('Arkitektur');
    expect(await shown(page)).toEqual(await exported(page, id));
    // "Drift" under Rammearkitektur is empty now, so its heading is gone.
    expect(await page.locator('.item-groups').getByRole('heading').allTextContents()).toEqual([
      'Rammearkitektur',
      'Arkitektur',
      'Informationssikkerhed',
      'Drift',
      'Øvrige krav',
      'Kommunens egne krav',
    ]);
    await context.close();
  }, 120_000);

  it('adds a requirement from its own page to a chosen draft, and the header shows user, organisation and roles once each', async () => {
    const { context, page } = await open();
    const first = await apiFromPage(page, 'POST', '/api/specifications', { title: 'Første kladde', procurementName: 'A' });
    const second = await apiFromPage(page, 'POST', '/api/specifications', { title: 'Anden kladde', procurementName: 'B' });
    const header = await page.locator('.user-card').innerText();
    expect(header).toContain('Indkøber, Aarhus Kommune');
    expect(header).toMatch(/Indkøber$/);
    expect(header.match(/Aarhus Kommune/g)).toHaveLength(1);

    await page.goto(`${base}/krav/${sik[2]}`);
    await page.getByRole('heading', { name: 'Tilføj til kravspecifikation' }).waitFor();
    await page.getByLabel('Kravspecifikation (kladde)').selectOption({ label: 'Anden kladde (revision 1)' });
    await page.getByRole('button', { name: new RegExp(`^Tilføj ${sik[2]} `) }).click();
    await page.getByText(`${sik[2]} er tilføjet til Anden kladde.`).waitFor();
    await expect(page.getByRole('button', { name: new RegExp(`^Tilføjet ${sik[2]} `) }).isDisabled()).resolves.toBe(true);
    await check(page, 'krav-tilfoej', violations);
    const keysIn = async (id: string) =>
      (await apiFromPage(page, 'GET', `/api/specifications/${id}/items?limit=100`)).body.items.map(
        (i: { requirementKey: string }) => i.requirementKey,
      );
    expect(await keysIn(second.body.id)).toEqual([sik[2]]);
    expect(await keysIn(first.body.id)).toEqual([]);

    // Once more into the same draft: the service refuses, and the page says why in Danish.
    await page.reload();
    await page.getByLabel('Kravspecifikation (kladde)').selectOption({ label: 'Anden kladde (revision 1)' });
    await page.getByRole('button', { name: new RegExp(`^Tilføj ${sik[2]} `) }).click();
    await page.getByText('Kravet findes allerede i kravspecifikationen.').waitFor();
    await context.close();
    expect(Object.fromEntries(violations)).toEqual({});
  }, 120_000);

  it('at 390 px the editor stacks its items: no sideways scrolling anywhere, and no axe violations', async () => {
    const { context, page } = await open(390);
    const id = await sectionedSpecification(page, 'Smal editor');
    await apiFromPage(
      page,
      'PATCH',
      `/api/specifications/${id}/items/${(await apiFromPage(page, 'GET', `/api/specifications/${id}/items?limit=100`)).body.items[0].id}`,
      {
        obligation: 'evaluated',
        weight: 40,
        note: 'En lang note, som skal kunne læses på en telefon uden at siden skal rulles til siden.',
      },
    );
    await page.goto(`${base}/specifikationer/${id}`);
    await page.getByRole('heading', { level: 3, name: 'Rammearkitektur' }).waitFor();
    await page.waitForLoadState('networkidle');
    const overflow = await page.evaluate(() => ({
      page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      // Any element inside the page that scrolls sideways (a table in a scrolling wrapper would).
      scrollers: [...document.querySelectorAll<HTMLElement>('main *')]
        .filter((e) => e.scrollWidth > e.clientWidth + 1 && ['auto', 'scroll'].includes(getComputedStyle(e).overflowX))
        .map((e) => e.className || e.tagName),
      // Every card, rendered, inside the viewport.
      cards: [...document.querySelectorAll<HTMLElement>('.item-card')]
        .map((c) => {
          c.scrollIntoView();
          return { key: c.dataset.key, right: Math.round(c.getBoundingClientRect().right) };
        })
        .filter((c) => c.right > window.innerWidth),
    }));
    expect(overflow).toEqual({ page: 0, scrollers: [], cards: [] });
    await page.evaluate(() => window.scrollTo(0, 0));
    await check(page, 'editor-afsnit', violations);
    await page.goto(`${base}/krav/${sik[2]}`);
    await page.getByRole('heading', { name: 'Tilføj til kravspecifikation' }).waitFor();
    await check(page, 'krav-tilfoej', violations);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
    await shoot(page, 'krav-tilfoej');
    await context.close();
    expect(Object.fromEntries(violations)).toEqual({});
  }, 120_000);
});
