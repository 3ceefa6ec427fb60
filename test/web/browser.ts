import AxeBuilder from '@axe-core/playwright';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { CatalogueWriter, contentOf } from '@kravbank/catalogue';
import { createTestApp, type TestApp } from '../setup/test-app.js';

export { launchChromium } from './chromium.js';

/** A page in a context of its own (axe needs one), in Danish, at a width (1280 or 390) with a height to match; downloads allowed. */
export async function openPage(browser: Browser, width = 1280): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: { width, height: width > 500 ? 900 : 844 },
    locale: 'da-DK',
    acceptDownloads: true,
  });
  return { context, page: await context.newPage() };
}

export interface WebServer {
  t: TestApp;
  base: string;
}

/** The real API, serving the built web app (apps/web/dist), on its own test database and a free port. */
export async function startWebServer(): Promise<WebServer> {
  const t = await createTestApp();
  await t.app.listen(0, '127.0.0.1');
  const address = t.app.getHttpServer().address() as { port: number };
  return { t, base: `http://127.0.0.1:${address.port}` };
}

export const SCREENS = path.resolve('test-output', 'screens');

/** A full-page screenshot into test-output/screens (ignored by git). */
export async function shoot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENS, { recursive: true });
  const width = page.viewportSize()?.width ?? 0;
  // The editor lets the browser skip cards off screen (content-visibility: auto); a picture of the whole page shows them all.
  await page.evaluate(() => document.querySelectorAll<HTMLElement>('.item-card').forEach((c) => (c.style.contentVisibility = 'visible')));
  await page.screenshot({ path: path.join(SCREENS, `${name}-${width}.png`), fullPage: true });
}

const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** axe-core at WCAG 2.1 A and AA: the violations, one readable line each (empty when there are none). */
export async function axeViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  return result.violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help} — ${v.nodes
        .map((n) => n.target.join(' '))
        .slice(0, 3)
        .join(', ')}`,
  );
}

/** Screenshot and accessibility check of the page as it is now. */
export async function check(page: Page, name: string, found: Map<string, string[]>): Promise<void> {
  await shoot(page, name);
  const v = await axeViolations(page);
  if (v.length) found.set(`${name}@${page.viewportSize()?.width}`, v);
}

/** Publishes a new version of a requirement with one sentence added, as an editor's proposal would. */
export async function publishNewVersion(t: TestApp, key: string, addition: string): Promise<number> {
  const res = await t.http().get(`/api/requirements/${key}`).expect(200);
  const c = res.body.current;
  const content = { ...contentOf(c), statement: `${c.statement} ${addition}` };

  const published = await t.db.transaction((m) =>
    new CatalogueWriter(m).publish({
      key,
      content,
      origin: 'seed',
      changeSummary: 'Præciseret efter høring',
      baseVersion: res.body.currentVersion,
    }),
  );
  return published.version;
}

export async function login(page: Page, base: string, username = 'indkob.aarhus'): Promise<void> {
  await page.goto(`${base}/log-ind`);
  await page.getByLabel('Brugernavn').fill(username);
  await page.getByLabel('Adgangskode').fill('demo');
  await page.getByRole('button', { name: 'Log ind' }).click();
  await page.getByRole('button', { name: 'Log ud' }).waitFor();
}

/** A call to the API from inside the logged-in page, with the session's CSRF token: set-up as the browser itself would do it. */
export async function apiFromPage(page: Page, method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const s = (await (await fetch('/api/auth/session')).json()) as { csrfToken: string };
      const r = await fetch(path, {
        method,
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': s.csrfToken },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: r.status, body: r.status === 204 ? null : await r.json() };
    },
    { method, path, body },
  );
}
