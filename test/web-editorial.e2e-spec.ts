/// <reference lib="dom" />
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { hashPassword } from '../libs/identity/src/password.js';
import { amendmentIn, as, USERS } from './factories/editorial.js';
import { check, launchChromium, login, startWebServer, type WebServer, apiFromPage } from './web/browser.js';

/**
 * The editorial secretariat and the committee in a real Chromium against the real API and
 * PostgreSQL: the whole flow with four people, four eyes, the stale base, reject / withdraw /
 * retire, field errors, a keyboard-only vote, the audit trail; axe (WCAG 2.1 A/AA) on every screen
 * and state at 1280 px, the screens again at 390 px. Screenshots go to test-output/screens/.
 */
describe('web app: proposals and the audit trail in Chromium', () => {
  let server: WebServer;
  let browser: Browser;
  let base: string;
  let keys: string[];
  const violations = new Map<string, string[]>();
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    server = await startWebServer();
    base = server.base;
    browser = await launchChromium();
    // One person who is both editor and committee member (the demo has none): the reviser who must not vote.
    await server.t.db.query(
      `INSERT INTO app_user (username, display_name, organisation_id, password_hash, roles)
       SELECT 'dobbelt', 'Redaktør og udvalgsmedlem', o.id, $1, ARRAY['editor', 'committee'] FROM organisation o
        WHERE o.name = 'Kravbank-sekretariatet'`,
      [await hashPassword('demo')],
    );
    const list = await server.t.http().get('/api/requirements?category=security&limit=20').expect(200);
    keys = list.body.items.map((r: { key: string }) => r.key);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.t.close();
  });

  afterEach(async () => {
    for (const c of contexts.splice(0)) await c.close();
  });

  /** A logged-in person in a browser context of their own. */
  const person = async (username: string, width = 1280): Promise<Page> => {
    const context = await browser.newContext({ viewport: { width, height: width > 500 ? 900 : 844 }, locale: 'da-DK' });
    contexts.push(context);
    const page = await context.newPage();
    await login(page, base, username);
    return page;
  };

  const say = (page: Page, text: string | RegExp) => page.getByText(text).first().waitFor();
  const open = async (page: Page, id: string) => {
    await page.goto(`${base}/forslag/${id}`);
    await page.getByRole('heading', { level: 1, name: /^Forslag nr\. \d+/ }).waitFor();
    await page.getByRole('heading', { name: 'Forløb' }).waitFor();
    await page.locator('.timeline li').first().waitFor();
  };
  const vote = async (page: Page, decision: 'Godkend' | 'Afvis' | 'Undlad at stemme', comment: string) => {
    await page.getByRole('radio', { name: decision }).check();
    await page.getByLabel('Kommentar til stemmen').fill(comment);
    await page.getByRole('button', { name: 'Afgiv stemme' }).click();
    await say(page, 'Din stemme er registreret');
  };
  const steps = (page: Page) => page.locator('.proposal-actions .button-row button').allInnerTexts();

  it('the whole flow: a procurer proposes from the requirement page, the editor revises and sends it on, two members approve, the editor publishes, the pinned specification shows the update', async () => {
    const key = keys[0];
    const procurer = await person(USERS.proposer);
    const spec = await apiFromPage(procurer, 'POST', '/api/specifications', { title: 'Fastholdt version', procurementName: 'Udbud' });
    expect((await apiFromPage(procurer, 'POST', `/api/specifications/${spec.body.id}/items`, { requirementKey: key })).status).toBe(201);
    const before = (await server.t.http().get(`/api/requirements/${key}`).expect(200)).body.currentVersion as number;

    // The procurer: from the requirement page, a prefilled form with a live word diff.
    await procurer.goto(`${base}/krav/${key}`);
    await procurer.getByText('Ingen åbne ændringsforslag til kravet.').waitFor();
    await check(procurer, 'krav-forslag', violations);
    await procurer.getByRole('link', { name: 'Foreslå ændring' }).click();
    await procurer.getByRole('heading', { level: 1, name: `Foreslå ændring af ${key}` }).waitFor();
    await procurer.getByRole('radio', { name: 'Teknisk vedligehold' }).check();
    await procurer.getByLabel('Motivation').fill('Underleverandører er ikke nævnt, og det giver tvivl i udbuddene.');
    const guidance = procurer.getByLabel('Vejledning');
    await guidance.fill(`${await guidance.inputValue()} Gælder også for underleverandører.`);
    await procurer.locator('.live-diff ins').filter({ hasText: 'underleverandører' }).first().waitFor();
    await check(procurer, 'forslag-nyt-aendring', violations);
    await procurer.getByRole('button', { name: 'Indsend forslaget' }).click();
    await say(procurer, 'Forslaget er oprettet og indsendt til kravredaktionen.');
    await procurer.locator('.timeline li').nth(1).waitFor();
    const id = procurer.url().split('/').pop()!.split('?')[0];
    await check(procurer, 'forslag-indsendt', violations);
    expect(await procurer.getByRole('button', { name: 'Afgiv stemme' }).count()).toBe(0);

    // The editor: Til behandling, a revision, then to the committee.
    const editor = await person(USERS.editor);
    await editor.getByRole('link', { name: 'Ændringsforslag' }).click();
    await editor.getByRole('heading', { name: /^Til behandling: / }).waitFor();
    await check(editor, 'forslag-til-behandling', violations);
    await editor
      .getByRole('link', { name: new RegExp(`^Ændring af ${key}`) })
      .first()
      .click();
    await editor.getByRole('heading', { name: 'Forløb' }).waitFor();
    expect(await steps(editor)).toEqual([
      'Send til afstemning i faggruppen',
      'Skriv ny revision',
      'Flyt til nyeste version',
      'Afvis med begrundelse',
    ]);
    await editor.getByRole('button', { name: 'Skriv ny revision' }).click();
    const statement = editor.getByLabel('Kravtekst');
    await statement.fill(`${await statement.inputValue()} Leverandøren skal dokumentere det.`);
    await editor.getByLabel('Hvad er ændret og hvorfor (valgfri)').fill('Dokumentationskrav tilføjet');
    await check(editor, 'forslag-revision', violations);
    await editor.getByRole('button', { name: 'Gem revisionen' }).click();
    await say(editor, 'Revision 2 er gemt.');
    await editor.getByText('Ændret fra revision 1').waitFor();
    await editor.getByRole('button', { name: 'Send til afstemning i faggruppen' }).click();
    await say(editor, 'Forslaget er sendt til afstemning.');
    expect(await editor.getByRole('button', { name: 'Afgiv stemme' }).count()).toBe(0);

    // Two committee members, each from Afventer min stemme.
    for (const [member, comment] of [
      [USERS.committee1, 'Klar forbedring.'],
      [USERS.committee2, 'Enig, godt præciseret.'],
    ]) {
      const page = await person(member);
      await page.getByRole('link', { name: 'Ændringsforslag' }).click();
      await page.getByRole('heading', { name: /^Afventer min stemme: / }).waitFor();
      await page.getByRole('link', { name: new RegExp(`^Ændring af ${key}`) }).click();
      await page.getByRole('heading', { name: 'Forløb' }).waitFor();
      if (member === USERS.committee1) await check(page, 'forslag-afstemning', violations);
      await vote(page, 'Godkend', comment);
      await page.locator('.votes').getByText(comment).waitFor();
    }
    await editor.reload();
    await editor.getByText('2 af 2 nødvendige godkendelser').waitFor();
    await editor.locator('.state-badge', { hasText: 'Godkendt' }).waitFor();
    await check(editor, 'forslag-godkendt', violations);
    await editor.getByRole('button', { name: 'Offentliggør' }).click();
    await say(editor, 'Forslaget er offentliggjort som en ny version.');
    await editor.getByRole('link', { name: `Se ${key} version ${before + 1}` }).waitFor();
    await check(editor, 'forslag-offentliggjort', violations);
    expect((await server.t.http().get(`/api/requirements/${key}`).expect(200)).body.currentVersion).toBe(before + 1);

    // The procurer's specification pins the old version and offers the new one with its diff.
    await procurer.goto(`${base}/specifikationer/${spec.body.id}`);
    await procurer.getByRole('heading', { name: 'Nyere versioner' }).waitFor();
    await procurer.locator('.updates ins').filter({ hasText: 'underleverandører' }).first().waitFor();
    await check(procurer, 'forslag-specifikation-opdatering', violations);
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(Object.fromEntries(violations)).toEqual({});
  }, 240_000);

  it('four eyes: the proposer and the reviser see no vote buttons; a revision after votes clears them and the screen says so', async () => {
    const key = keys[1];
    const id = await amendmentIn(server.t, 'in_review', key, USERS.committee3);
    const proposer = await person(USERS.committee3);
    await open(proposer, id);
    await proposer.getByText('Du kan ikke stemme om dette forslag, fordi du har stillet forslaget').waitFor();
    expect(await proposer.getByRole('button', { name: 'Afgiv stemme' }).count()).toBe(0);
    await check(proposer, 'forslag-fire-oejne', violations);

    const member = await person(USERS.committee1);
    await open(member, id);
    await vote(member, 'Godkend', 'Fint.');
    await member.getByText('1 af 2 nødvendige godkendelser').waitFor();

    const reviser = await person('dobbelt');
    await open(reviser, id);
    await reviser.getByRole('button', { name: 'Afgiv stemme' }).waitFor(); // before the revision, dobbelt may vote
    await reviser.getByRole('button', { name: 'Skriv ny revision' }).click();
    await reviser.getByText('En ny revision nulstiller den afgivne stemme.').waitFor();
    const verification = reviser.getByLabel('Verifikation');
    await verification.fill(`${await verification.inputValue()} Stikprøve hvert år.`);
    await reviser.getByRole('button', { name: 'Gem revisionen' }).click();
    await say(reviser, 'Revision 2 er gemt. Den afgivne stemme er nulstillet. Faggruppen skal stemme igen.');
    await reviser.getByText('Du kan ikke stemme om dette forslag, fordi du har skrevet en revision af det').waitFor();
    expect(await reviser.getByRole('button', { name: 'Afgiv stemme' }).count()).toBe(0);
    await check(reviser, 'forslag-revideret-efter-stemmer', violations);

    await member.reload();
    await member.getByText('Stemmerne er nulstillet', { exact: true }).waitFor();
    await member.getByText(/Revision 2 ændrede teksten .*Den afgivne stemme er nulstillet\. Faggruppen skal stemme igen\./).waitFor();
    await member.getByText('0 af 2 nødvendige godkendelser').waitFor();
    await member.getByRole('button', { name: 'Afgiv stemme' }).waitFor();
    await member.locator('.timeline').getByText('1 stemme nulstillet').waitFor();
    await check(member, 'forslag-stemmer-nulstillet', violations);
    expect(Object.fromEntries(violations)).toEqual({});
  }, 180_000);

  it('the stale base: another amendment is published first, publish explains the 409, rebase shows the diff, then publish succeeds', async () => {
    const key = keys[2];
    const first = await amendmentIn(server.t, 'approved', key, USERS.proposer, 'først');
    const second = await amendmentIn(server.t, 'approved', key, USERS.procurer, 'anden');
    const editorApi = await as(server.t, USERS.editor);
    const published = await editorApi.post(`/api/change-proposals/${first}/publish`).expect(200);
    const current = published.body.publishedVersion as number;

    const editor = await person(USERS.editor);
    await open(editor, second);
    await editor.getByText('Forslaget er skrevet mod en ældre version af kravet').waitFor();
    await editor.getByRole('button', { name: 'Offentliggør' }).click();
    await editor.getByText('Kravet har fået en nyere version').waitFor();
    await editor.getByText(`skrevet mod version ${current - 1}, men kravet er siden kommet i version ${current}`).waitFor();
    await check(editor, 'forslag-409', violations);
    await editor.getByRole('button', { name: 'Flyt til nyeste version' }).click();
    await editor.getByRole('heading', { name: `Flyt forslaget fra version ${current - 1} til version ${current}` }).waitFor();
    await editor.locator('.rebase ins').filter({ hasText: 'først' }).first().waitFor();
    await check(editor, 'forslag-rebase', violations);
    await editor.getByRole('button', { name: `Flyt til version ${current}` }).click();
    await say(editor, `Forslaget er flyttet til version ${current}.`);
    await editor.getByText('Kravet har fået en nyere version').waitFor({ state: 'detached' });
    await editor.getByText('Forslaget er skrevet mod en ældre version af kravet').waitFor({ state: 'detached' });

    // The votes were on the old base: the committee votes again, then publication succeeds.
    for (const member of [USERS.committee1, USERS.committee2])
      await (await as(server.t, member)).post(`/api/change-proposals/${second}/votes`).send({ decision: 'approve' }).expect(200);
    await editor.reload();
    await editor.getByRole('button', { name: 'Offentliggør' }).click();
    await say(editor, 'Forslaget er offentliggjort som en ny version.');
    await editor.getByRole('link', { name: `Se ${key} version ${current + 1}` }).waitFor();
    expect(Object.fromEntries(violations)).toEqual({});
  }, 180_000);

  it('reject with a reason, withdraw, a retire proposal, and field errors next to their fields', async () => {
    const [rejectKey, withdrawKey, retireKey] = [keys[3], keys[4], keys[5]];
    const toReject = await amendmentIn(server.t, 'submitted', rejectKey);
    const editor = await person(USERS.editor);
    await open(editor, toReject);
    await editor.getByRole('button', { name: 'Afvis med begrundelse' }).click();
    await editor.getByRole('button', { name: 'Afvis forslaget' }).click();
    await editor.getByText('Skriv en begrundelse til forslagsstilleren.').waitFor();
    await check(editor, 'forslag-afvis-fejl', violations);
    await editor.getByLabel('Begrundelse for afvisningen').fill('Dækkes allerede af et andet krav.');
    await editor.getByRole('button', { name: 'Afvis forslaget' }).click();
    await say(editor, 'Forslaget er afvist.');
    await editor.getByText('Begrundelse: Dækkes allerede af et andet krav.').waitFor();
    await check(editor, 'forslag-afvist', violations);

    const procurer = await person(USERS.proposer);
    const toWithdraw = await amendmentIn(server.t, 'submitted', withdrawKey);
    await open(procurer, toWithdraw);
    expect(await steps(procurer)).toEqual(['Træk forslaget tilbage']);
    await procurer.getByRole('button', { name: 'Træk forslaget tilbage' }).click();
    await procurer.getByRole('alertdialog').getByText('Det kan ikke fortrydes.').waitFor();
    await check(procurer, 'forslag-traek-tilbage', violations);
    await procurer.getByRole('button', { name: 'Ja, træk tilbage' }).click();
    await say(procurer, 'Forslagsstilleren har trukket forslaget tilbage.');
    expect(await steps(procurer)).toEqual([]);

    // Retire, from the requirement page.
    await procurer.goto(`${base}/krav/${retireKey}`);
    await procurer.getByRole('link', { name: 'Foreslå udfasning' }).click();
    await procurer.getByRole('heading', { level: 1, name: `Foreslå at udfase ${retireKey}` }).waitFor();
    await procurer.getByRole('button', { name: 'Indsend forslaget' }).click();
    await procurer.getByText('Skriv, hvorfor kravet skal udfases.').waitFor();
    await procurer.getByText('Vælg en ændringstype.').waitFor();
    await check(procurer, 'forslag-udfasning-fejl', violations);
    await procurer.getByRole('radio', { name: 'Behovsændring' }).check();
    await procurer.getByLabel('Begrundelse for udfasningen').fill('Ingen kommuner har brugt kravet de seneste tre år.');
    await procurer.getByLabel('Udløsende retskilde (valgfri)').selectOption('gdpr');
    await procurer.getByRole('button', { name: 'Indsend forslaget' }).click();
    await procurer.getByRole('heading', { level: 1, name: new RegExp(`Udfasning af ${retireKey}`) }).waitFor();
    await procurer.getByRole('heading', { name: /Det krav, der foreslås udfaset/ }).waitFor();
    await check(procurer, 'forslag-udfasning', violations);

    // A new requirement: the service's errors stand next to the content fields; then a draft is saved.
    await procurer.goto(`${base}/forslag/nyt?art=create`);
    await procurer.getByRole('radio', { name: 'Videreudvikling' }).check();
    await procurer.getByLabel('Motivation').fill('Mobile løsninger mangler krav.');
    await procurer.getByLabel('Kategori').selectOption('security');
    await procurer.getByLabel('Titel', { exact: true }).fill('Mobil enhedsstyring');
    await procurer.getByRole('button', { name: 'Gem som kladde' }).click();
    await procurer.getByText('Ret de markerede felter.').waitFor();
    const statementGroup = procurer.locator('.form-group', { has: procurer.getByLabel('Kravtekst') });
    await statementGroup.locator('.form-error-message').waitFor();
    await procurer.locator('.legal-sources .form-error-message').getByText('Angiv mindst én retskilde.').waitFor();
    await check(procurer, 'forslag-nyt-krav-fejl', violations);
    for (const [label, text] of [
      ['Kravtekst', 'Leverandøren skal understøtte central styring af mobile enheder.'],
      ['Begrundelse', 'Mobile enheder bærer personoplysninger.'],
      ['Vejledning', 'Brug kravet, når løsningen har en app.'],
      ['Verifikation', 'Demonstration.'],
    ])
      await procurer.getByLabel(label, { exact: true }).fill(text);
    await procurer.getByRole('button', { name: 'Tilføj retskilde' }).click();
    await procurer.getByLabel('Retskilde 1', { exact: true }).selectOption('gdpr');
    await procurer.getByLabel('Afsnit for retskilde 1').fill('art. 32');
    await procurer.getByRole('button', { name: 'Gem som kladde' }).click();
    await say(procurer, 'Forslaget er gemt som kladde.');
    expect(await steps(procurer)).toEqual(['Indsend forslaget', 'Skriv ny revision', 'Træk forslaget tilbage']);
    await check(procurer, 'forslag-kladde', violations);
    expect(Object.fromEntries(violations)).toEqual({});
  }, 240_000);

  it('keyboard only: a committee member votes with Tab, Space and Enter', async () => {
    const id = await amendmentIn(server.t, 'in_review', keys[6]);
    const page = await person(USERS.committee3);
    await open(page, id);
    const tabTo = async (test: (el: { text: string; tag: string; label: string; type: string }) => boolean) => {
      for (let i = 0; i < 300; i++) {
        await page.keyboard.press('Tab');
        const el = await page.evaluate(() => {
          const a = document.activeElement as HTMLInputElement;
          return {
            text: a.innerText ?? '',
            tag: a.tagName,
            type: a.type ?? '',
            label: a.id ? (document.querySelector(`label[for="${a.id}"]`)?.textContent ?? '') : '',
          };
        });
        if (test(el)) return;
      }
      throw new Error('Tab never reached the control');
    };
    await tabTo((e) => e.type === 'radio');
    await page.keyboard.press('Space');
    expect(await page.getByRole('radio', { name: 'Godkend' }).isChecked()).toBe(true);
    await tabTo((e) => e.label === 'Kommentar til stemmen');
    await page.keyboard.type('Godkendt med tastaturet.');
    await tabTo((e) => e.tag === 'BUTTON' && e.text === 'Afgiv stemme');
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(outline).not.toBe('none');
    await page.keyboard.press('Enter');
    await say(page, 'Din stemme er registreret: godkend.');
    await page.locator('.votes').getByText('Godkendt med tastaturet.').waitFor();
  }, 120_000);

  it('Revisionsspor with its filters and chain check, the role views and list filters, refused to a procurer; every screen at 390 px without sideways scroll', async () => {
    await amendmentIn(server.t, 'approved', keys[8]); // udvalg2 votes on it: the entries filtered for below
    const editor = await person(USERS.editor);
    await editor.getByRole('link', { name: 'Revisionsspor' }).click();
    await editor.getByRole('heading', { level: 1, name: 'Revisionsspor' }).waitFor();
    await editor.getByRole('button', { name: 'Kontrollér kæden' }).click();
    await editor.getByText(/^Kæden er hel: \d+ poster er kontrolleret\.$/).waitFor();
    await editor.getByLabel('Bruger').fill('udvalg2');
    await editor.getByLabel('Entitet', { exact: true }).selectOption('change_proposal');
    await editor.getByRole('button', { name: 'Filtrér' }).click();
    await editor.waitForURL(/bruger=udvalg2/);
    // The filtered page replaces the unfiltered one (kept on screen, marked busy, while it loads).
    await editor.locator('.table-wrap[aria-busy="false"]').waitFor();
    await editor.waitForFunction(() => {
      const cells = [...document.querySelectorAll('.audit-table tbody tr td:nth-child(5)')].map((c) => c.textContent);
      return cells.length > 0 && cells.every((c) => c === 'Faggruppemedlem 2 (Odense)');
    });
    const actors = await editor.locator('.audit-table tbody tr td:nth-child(5)').allInnerTexts();
    expect(new Set(actors)).toEqual(new Set(['Faggruppemedlem 2 (Odense)']));
    await check(editor, 'revisionsspor', violations);
    await editor.getByLabel('Til og med dato').fill('2000-01-01');
    await editor.getByRole('button', { name: 'Filtrér' }).click();
    await editor.getByText('0 poster', { exact: true }).waitFor();

    // The role views and the filters, all in the URL.
    await editor.goto(`${base}/forslag?visning=udgivelse`);
    await editor.getByRole('heading', { name: /^Klar til udgivelse: / }).waitFor();
    await check(editor, 'forslag-klar-til-udgivelse', violations);
    await editor.goto(`${base}/forslag?visning=alle&krav=${keys[8]}`);
    await editor.getByRole('heading', { name: 'Alle forslag: 1 forslag' }).waitFor();
    const links = await editor.locator('.proposals-table tbody th a').allInnerTexts();
    expect(links.map((l) => l.startsWith(`Ændring af ${keys[8]}`))).toEqual([true]);
    await editor.getByLabel('Art').selectOption('retire');
    await editor.waitForURL(/art=retire/);
    await editor.getByText('Der er ingen forslag i denne visning.').waitFor();
    await check(editor, 'forslag-filtre', violations);
    const member = await person(USERS.committee2);
    await member.goto(`${base}/forslag`);
    await member.getByRole('heading', { name: /^Afventer min stemme: / }).waitFor();
    await check(member, 'forslag-afventer', violations);

    const procurer = await person(USERS.proposer);
    expect(await procurer.getByRole('link', { name: 'Revisionsspor' }).count()).toBe(0);
    await procurer.goto(`${base}/forslag`);
    await procurer.getByRole('heading', { name: /^Mine forslag: / }).waitFor();
    expect(await procurer.getByRole('link', { name: 'Afventer min stemme' }).count()).toBe(0);
    await procurer.goto(`${base}/revisionsspor`);
    await procurer.getByText('Revisionssporet er kun for kravredaktionen og administratorer.').waitFor();

    // The screens at 390 px.
    const id = await amendmentIn(server.t, 'in_review', keys[7]);
    const narrow = await person(USERS.committee1, 390);
    const screens: Array<[string, string, () => Promise<unknown>]> = [
      ['forslag-liste', '/forslag?visning=alle', () => narrow.locator('.proposals-table').waitFor()],
      ['forslag-nyt-aendring', `/forslag/nyt?art=amend&krav=${keys[7]}`, () => narrow.getByLabel('Kravtekst').waitFor()],
      ['forslag-afstemning', `/forslag/${id}`, () => narrow.getByRole('button', { name: 'Afgiv stemme' }).waitFor()],
      [
        'krav-forslag',
        `/krav/${keys[7]}`,
        () =>
          narrow
            .getByRole('link', { name: /^Forslag nr\./ })
            .first()
            .waitFor(),
      ],
    ];
    for (const [name, path, ready] of screens) {
      await narrow.goto(`${base}${path}`);
      await ready();
      await check(narrow, name, violations);
      const overflow = await narrow.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect({ name, overflow }).toEqual({ name, overflow: 0 });
    }
    const narrowEditor = await person(USERS.editor, 390);
    await narrowEditor.goto(`${base}/revisionsspor`);
    await narrowEditor.locator('.audit-table').waitFor();
    await check(narrowEditor, 'revisionsspor', violations);
    expect(await narrowEditor.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
    expect(Object.fromEntries(violations)).toEqual({});
  }, 180_000);
});
