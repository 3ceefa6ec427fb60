/// <reference lib="dom" />
/**
 * Web app benchmark in Chromium against the built service with a bank of 10,000 synthetic
 * requirements: JavaScript shipped for the first page (gzipped), keystroke to result list painted
 * while typing (p95), first load to largest contentful paint, and opening a specification of 300
 * items and reordering one, and opening a proposal with 10 revisions and 30 comments. Each figure is
 * printed beside its goal.
 *
 *   npm run bench:web            (SIZE=10000 by default)
 */
import 'reflect-metadata';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { projectRoot } from '../../libs/common/src/paths.js';
import { appDataSource } from '../../libs/database/src/prepare.js';
import { loadSyntheticCatalogue } from '../catalogue/synthetic.js';
import { loginAs, startBenchService } from '../harness.js';
import { printTable, stats } from '../lib.js';
import { launchChromium } from '../../test/web/chromium.js';

const SIZE = Number(process.env.SIZE ?? 10_000);
const results: Array<Record<string, string>> = [];
const report = (what: string, value: number, unit: string, goal: number) =>
  results.push({
    what,
    value: `${value.toFixed(unit === 'KB' ? 1 : 0)} ${unit}`,
    goal: `≤ ${goal} ${unit}`,
    met: value <= goal ? 'yes' : 'NO',
  });

async function firstPage(page: Page, base: string) {
  const scripts: Buffer[] = [];
  page.on('response', (res) => {
    if (res.request().resourceType() === 'script') void res.body().then((b) => scripts.push(b));
  });
  await page.goto(`${base}/`, { waitUntil: 'networkidle' });
  report('JS for the first page, gzipped', scripts.reduce((s, b) => s + gzipSync(b).length, 0) / 1024, 'KB', 200);
}

async function lcp(page: Page, base: string) {
  const samples: number[] = [];
  for (let i = 0; i < 5; i++) {
    await page.goto(`${base}/?run=${i}`, { waitUntil: 'networkidle' });
    samples.push(
      await page.evaluate(
        () =>
          new Promise<number>((resolve) =>
            new PerformanceObserver((list) => {
              const entries = list.getEntries();
              resolve(entries[entries.length - 1].startTime);
            }).observe({ type: 'largest-contentful-paint', buffered: true }),
          ),
      ),
    );
  }
  report('first load to LCP (median of 5)', stats(samples).p50, 'ms', 1000);
}

/**
 * Runs in the page: clicks (or types into) an element and resolves with the milliseconds until
 * `done()` holds and the next frame is painted; measured inside the page, so the automation's own
 * round trips are not counted.
 */
const inPage = (page: Page, act: string, done: string, arg: unknown) =>
  page.evaluate(
    ([act, done, arg]) =>
      new Promise<number>((resolve) => {
        const t0 = performance.now();
        new Function('arg', act)(arg);
        const poll = () => {
          if (new Function('arg', `return (${done})`)(arg))
            requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - t0), 0));
          else requestAnimationFrame(poll);
        };
        poll();
      }),
    [act, done, arg] as const,
  );

/** Types as a person does: the input's value grows by one letter and React hears an input event. */
const TYPE = `const el = document.getElementById('search-q');
  const set = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
  set.call(el, arg); el.dispatchEvent(new Event('input', { bubbles: true }));`;

async function typing(page: Page, base: string) {
  await page.goto(`${base}/soeg`, { waitUntil: 'networkidle' });
  const samples: number[] = [];
  for (const word of ['logning', 'kryptering', 'backup', 'arkivering', 'adgangsstyring', 'dokumentation']) {
    await page.getByLabel('Søgeord').fill('');
    await page.waitForTimeout(200);
    for (let i = 1; i <= word.length; i++) {
      const q = word.slice(0, i);
      samples.push(await inPage(page, TYPE, "document.querySelector('#results-heading')?.textContent?.includes('»' + arg + '«')", q));
      await page.waitForTimeout(100);
    }
  }
  report(`keystroke to result list painted (p95 of ${samples.length})`, stats(samples).p95, 'ms', 150);
}

const info = (what: string, value: number) => results.push({ what, value: `${value.toFixed(0)} ms`, goal: '', met: '' });

/** The server's part alone: the answers the editor waits for before its first paint, asked as the editor asks them (every page at once). */
async function apiTime(api: Awaited<ReturnType<typeof loginAs>>, id: string, count: number): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: Math.ceil(count / 100) }, (_, n) => api.get(`/api/specifications/${id}/items?page=${n + 1}&limit=100`)),
    );
    samples.push(performance.now() - t0);
  }
  return stats(samples).p50;
}

async function bigSpecification(page: Page, base: string) {
  const api = await loginAs(base, 'indkob.aarhus');
  const spec = await api.post('/api/specifications', { title: 'Stor kravspecifikation', procurementName: 'Benchmark' });
  const keys = Array.from({ length: 300 }, (_, i) => `${['RAM', 'SIK', 'ARK'][i % 3]}-${10000 + i}`);
  await api.post(`/api/specifications/${spec.id}/items/bulk`, { items: keys.map((requirementKey) => ({ requirementKey })) });
  await page.goto(`${base}/log-ind`);
  await page.getByLabel('Brugernavn').fill('indkob.aarhus');
  await page.getByLabel('Adgangskode').fill('demo');
  await page.getByRole('button', { name: 'Log ind' }).click();
  await page.getByRole('button', { name: 'Log ud' }).waitFor();
  const open: number[] = [];
  const network: number[] = [];
  const reorder: number[] = [];
  for (let i = 0; i < 5; i++) {
    await page.goto(`${base}/specifikationer`, { waitUntil: 'networkidle' });
    // BENCH_WEB_TRACE=file.json writes a Chromium trace of the last opening (chrome://tracing or the DevTools performance panel).
    const trace = i === 4 && process.env.BENCH_WEB_TRACE;
    if (trace)
      await page
        .context()
        .browser()!
        .startTracing(page, { path: trace, categories: ['devtools.timeline', 'blink.user_timing'] });
    // BENCH_WEB_PROFILE=file.cpuprofile writes a V8 CPU profile of the last opening (the DevTools performance panel reads it).
    const profile = i === 4 && process.env.BENCH_WEB_PROFILE ? await page.context().newCDPSession(page) : null;
    if (profile) {
      await profile.send('Profiler.enable');
      await profile.send('Profiler.setSamplingInterval', { interval: 100 });
      await profile.send('Profiler.start');
    }
    open.push(
      await inPage(
        page,
        `performance.clearResourceTimings(); window.__openedAt = performance.now();
         [...document.querySelectorAll('main a')].find((a) => a.textContent === arg).click()`,
        "document.querySelectorAll('.item-card').length >= 300",
        'Stor kravspecifikation',
      ),
    );
    if (trace) await page.context().browser()!.stopTracing();
    if (profile) writeFileSync(process.env.BENCH_WEB_PROFILE!, JSON.stringify((await profile.send('Profiler.stop')).profile));
    await page.waitForLoadState('networkidle');
    // When the editor's data had arrived: the last answer the first paint needs (its items).
    network.push(
      await page.evaluate(() => {
        const done = performance
          .getEntriesByType('resource')
          .filter((e) => /\/api\/specifications\/[^/]+(\/items)?(\?|$)/.test(e.name))
          .map((e) => (e as PerformanceResourceTiming).responseEnd);
        return Math.max(0, ...done) - (window as unknown as { __openedAt: number }).__openedAt;
      }),
    );
    const before = await page.locator('.item-card').nth(150).locator('.item-title').textContent();
    reorder.push(
      await inPage(
        page,
        `document.querySelectorAll('.item-card')[150].querySelector('.item-move button').click()`,
        "document.querySelectorAll('.item-card')[150].querySelector('.item-title').textContent !== arg",
        before,
      ),
    );
    await page.waitForLoadState('networkidle');
  }
  report('open a specification of 300 items (median of 5)', stats(open).p50, 'ms', 200);
  info('  of which: its data arrived (median of 5)', stats(network).p50);
  info('  server: GET its 300 items, 3 pages at once (median of 5)', await apiTime(api, spec.id, keys.length));
  report('reorder one of 300 items to paint (median of 5)', stats(reorder).p50, 'ms', 200);
}

/** The current version of a requirement as proposal content. */
async function contentOf(api: Awaited<ReturnType<typeof loginAs>>, key: string) {
  const r = await api.get(`/api/requirements/${key}`);
  const c = r.current;
  const content: Record<string, any> = {
    ...Object.fromEntries(
      ['title', 'statement', 'rationale', 'guidance', 'verification', 'level', 'obligation', 'tags'].map((f) => [f, c[f]]),
    ),
    legalSources: c.legalSources.map((s: { id: string; section: string | null }) =>
      s.section ? { id: s.id, section: s.section } : { id: s.id },
    ),
  };
  return { version: r.currentVersion as number, content };
}

/** Opening a proposal with 10 revisions and 30 hearing comments, from the list to everything painted (a committee member's view). */
async function bigProposal(page: Page, base: string) {
  const [aarhus, editor, member] = await Promise.all(['indkob.aarhus', 'redaktion', 'udvalg1'].map((u) => loginAs(base, u)));
  const { version, content } = await contentOf(aarhus, 'SIK-001');
  const words = 'Leverandøren skal dokumentere opfyldelsen af kravet i hele kontraktperioden og på kommunens anmodning';
  const p = await aarhus.post('/api/change-proposals', {
    kind: 'amend',
    changeType: 'technical',
    requirementKey: 'SIK-001',
    baseVersion: version,
    motivation: 'Benchmark: et forslag med mange revisioner og en lang høring.',
    content: { ...content, guidance: `${content.guidance} Revision 1.` },
  });
  await aarhus.post(`/api/change-proposals/${p.id}/submit`);
  for (let r = 2; r <= 10; r++)
    await editor.post(`/api/change-proposals/${p.id}/revise`, {
      content: {
        ...content,
        statement: `${content.statement} ${words
          .split(' ')
          .slice(0, r + 3)
          .join(' ')}.`,
        guidance: `${content.guidance} Revision ${r}.`,
      },
      note: `Revision ${r}`,
    });
  await editor.post(`/api/change-proposals/${p.id}/send-to-review`);
  const people = [aarhus, editor, member];
  for (let i = 0; i < 30; i++)
    await people[i % 3].post(`/api/change-proposals/${p.id}/comments`, {
      text: `Kommentar ${i + 1}: ${words}, og det bør fremgå af vejledningen.`,
    });
  await page.goto(`${base}/log-ind`);
  await page.getByLabel('Brugernavn').fill('udvalg1');
  await page.getByLabel('Adgangskode').fill('demo');
  await page.getByRole('button', { name: 'Log ind' }).click();
  await page.getByRole('button', { name: 'Log ud' }).waitFor();
  const open: number[] = [];
  for (let i = 0; i < 5; i++) {
    await page.goto(`${base}/forslag?visning=alle`, { waitUntil: 'networkidle' });
    open.push(
      await inPage(
        page,
        `document.querySelector('main a[href="/forslag/' + arg + '"]').click()`,
        "document.querySelectorAll('.comment').length >= 30 && document.querySelectorAll('.revision').length >= 10 && document.querySelectorAll('.timeline li').length >= 11 && !!document.getElementById('vote-approve')",
        p.id,
      ),
    );
    await page.waitForLoadState('networkidle');
  }
  report('open a proposal with 10 revisions and 30 comments (median of 5)', stats(open).p50, 'ms', 300);
}

async function main() {
  const service = await startBenchService();
  const browser = await launchChromium();
  try {
    const ds = appDataSource(service.databaseUrl, 2);
    await ds.initialize();
    await loadSyntheticCatalogue(ds, SIZE, 1);
    await ds.destroy();
    const cli = spawnSync(process.execPath, [path.join(projectRoot(), 'dist/apps/cli/src/main.js'), 'reindex'], {
      env: { ...process.env, DATABASE_URL: service.databaseUrl, KRAVBANK_DEMO: 'true', LOG_LEVEL: 'warn' },
      encoding: 'utf8',
    });
    if (cli.status !== 0) throw new Error(`reindex failed: ${cli.stderr}`);
    // bypassCSP: the figures are taken by code the benchmark runs inside the page.
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
    const page = await context.newPage();
    // BENCH_WEB_PARTS=spec (a comma list of first,lcp,typing,spec,proposal) runs only those parts.
    const parts = (process.env.BENCH_WEB_PARTS ?? 'first,lcp,typing,spec,proposal').split(',');
    if (parts.includes('first')) await firstPage(page, service.base);
    if (parts.includes('lcp')) await lcp(page, service.base);
    if (parts.includes('typing')) await typing(page, service.base);
    if (parts.includes('spec')) await bigSpecification(page, service.base);
    if (parts.includes('proposal')) {
      const committee = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
      await bigProposal(await committee.newPage(), service.base);
    }
    printTable(`Web app, Chromium, bank of ${SIZE} synthetic requirements + the seed`, results);
  } finally {
    await browser.close();
    await service.close();
  }
}

void main();
