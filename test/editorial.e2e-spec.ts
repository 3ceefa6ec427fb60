import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { verifyAuditChain } from '../libs/audit/src/audit.js';
import { projectRoot } from '../libs/common/src/paths.js';
import { hashPassword } from '../libs/identity/src/password.js';
import { amendmentIn, as, currentContent, USERS } from './factories/editorial.js';
import { createTestApp, type TestApp } from './setup/test-app.js';

const PROBLEM = /application\/problem\+json/;

describe('editorial workflow (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    // The guard trusts a user it read for one second here (five by default), so that the test
    // of a deactivated user need not wait long.
    t = await createTestApp({ AUTH_USER_CACHE_SECONDS: '1' });
    // Users the demo does not have: an administrator, and one person who is both editor and committee member.
    const hash = await hashPassword('demo');
    await t.db.query(
      `INSERT INTO app_user (username, display_name, organisation_id, password_hash, roles)
       SELECT u.username, u.name, o.id, $1, u.roles FROM organisation o,
              (VALUES ('admin', 'Administrator', ARRAY['admin']), ('dobbelt', 'Redaktør og udvalgsmedlem', ARRAY['editor', 'committee'])) AS u(username, name, roles)
        WHERE o.name = 'Kravbank-sekretariatet'`,
      [hash],
    );
  });
  afterAll(async () => {
    await t.close();
  });

  describe('logging in', () => {
    it('gives a short-lived token and tells who is logged in', async () => {
      const res = await t.http().post('/api/auth/login').send({ username: 'indkob.aarhus', password: 'demo' }).expect(200);
      expect(res.body).toMatchObject({ tokenType: 'Bearer', accessToken: expect.any(String) });
      const ttl = new Date(res.body.expiresAt).getTime() - Date.now();
      expect(ttl).toBeGreaterThan(10 * 60_000);
      expect(ttl).toBeLessThanOrEqual(15 * 60_000);
      const [header] = res.body.accessToken.split('.');
      expect(JSON.parse(Buffer.from(header, 'base64url').toString())).toMatchObject({ alg: 'HS256' });
      const me = await t.http().get('/api/me').set('Authorization', `Bearer ${res.body.accessToken}`).expect(200);
      expect(me.body).toMatchObject({ username: 'indkob.aarhus', organisationName: 'Aarhus Kommune', roles: ['procurer'] });
      expect(me.body).not.toHaveProperty('passwordHash');
    });

    it('refuses wrong passwords, unknown users, bad and unsigned tokens with 401', async () => {
      for (const body of [
        { username: 'indkob.aarhus', password: 'nope' },
        { username: 'nobody', password: 'demo' },
      ]) {
        const res = await t.http().post('/api/auth/login').send(body).expect(401);
        expect(res.body).toMatchObject({ code: 'invalid_credentials', detail: 'Wrong username or password.' });
      }
      const good = (await t.http().post('/api/auth/login').send({ username: 'redaktion', password: 'demo' })).body.accessToken as string;
      const [h, p] = good.split('.');
      const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${p}.`;
      for (const token of ['garbage', `${h}.${p}.AAAA`, none]) {
        const res = await t.http().get('/api/me').set('Authorization', `Bearer ${token}`).expect(401);
        expect(res.body.code).toBe('invalid_token');
      }
      await t.http().get('/api/me').expect(401);
      await t.http().post('/api/auth/login').send({ username: 'x' }).expect(400);
    });

    it('refuses a deactivated user’s token once the guard’s short cache has expired', async () => {
      const hash = await hashPassword('demo');
      await t.db.query(
        `INSERT INTO app_user (username, display_name, organisation_id, password_hash, roles)
         SELECT 'vikar', 'Vikar', o.id, $1, ARRAY['procurer'] FROM organisation o WHERE o.name = 'Odense Kommune'`,
        [hash],
      );
      const token = (await t.http().post('/api/auth/login').send({ username: 'vikar', password: 'demo' }).expect(200)).body
        .accessToken as string;
      await t.http().get('/api/me').set('Authorization', `Bearer ${token}`).expect(200);
      await t.db.query(`UPDATE app_user SET active = false WHERE username = 'vikar'`);
      const deactivated = Date.now();
      let status = 200;
      while (status === 200 && Date.now() - deactivated < 5_000) {
        await new Promise((r) => setTimeout(r, 100));
        status = (await t.http().get('/api/me').set('Authorization', `Bearer ${token}`)).status;
      }
      expect(status).toBe(401);
      // Within the configured second, plus the test's own polling.
      expect(Date.now() - deactivated).toBeLessThan(2_000);
    });
  });

  describe('the whole flow through HTTP', () => {
    it('takes an amendment from draft to a published version that shows why it exists', async () => {
      const { version, content } = await currentContent(t, 'SIK-005');
      const proposer = await as(t, USERS.proposer);
      const editor = await as(t, USERS.editor);
      const draft = await proposer
        .post('/api/change-proposals')
        .send({
          kind: 'amend',
          changeType: 'legal',
          requirementKey: 'SIK-005',
          baseVersion: version,
          motivation: 'NIS 2-loven skærper kravene; teksten skal følge med.',
          triggeringLegalSource: 'nis2',
          content: { ...content, statement: `${content.statement} Kravet gælder også underleverandører.` },
        })
        .expect(201);
      expect(draft.body).toMatchObject({
        state: 'draft',
        kind: 'amend',
        revision: 1,
        proposer: { username: 'indkob.aarhus' },
        allowedActions: ['submit', 'revise', 'withdraw'],
      });
      const id = draft.body.id;

      // A draft is the proposer's alone.
      await (await as(t, USERS.procurer)).get(`/api/change-proposals/${id}`).expect(404);
      await proposer.post(`/api/change-proposals/${id}/submit`).expect(200);

      const revised = await editor
        .post(`/api/change-proposals/${id}/revise`)
        .send({
          content: { ...content, statement: `${content.statement} Kravet gælder også leverandørens underleverandører.` },
          note: 'Sproglig præcisering',
          baseRevision: 1,
        })
        .expect(200);
      expect(revised.body).toMatchObject({
        state: 'submitted',
        revision: 2,
        contentAuthors: expect.arrayContaining(['indkob.aarhus', 'redaktion']),
      });
      const revDiff = await editor.get(`/api/change-proposals/${id}/revisions/diff`).expect(200);
      expect(revDiff.body).toMatchObject({ from: 1, to: 2, changed: ['statement'] });
      expect((await editor.get(`/api/change-proposals/${id}/revisions`).expect(200)).body.items).toHaveLength(2);

      await editor.post(`/api/change-proposals/${id}/send-to-review`).expect(200);
      await (
        await as(t, USERS.committee3)
      )
        .post(`/api/change-proposals/${id}/comments`)
        .send({ text: 'Høringssvar: fint, men husk underdatabehandlere.' })
        .expect(201);
      const thread = await proposer.get(`/api/change-proposals/${id}/comments`).expect(200);
      expect(thread.body).toMatchObject({ total: 1, items: [{ author: 'udvalg3', organisation: 'Aarhus Kommune' }] });

      const first = await (
        await as(t, USERS.committee1)
      )
        .post(`/api/change-proposals/${id}/votes`)
        .send({ decision: 'approve', comment: 'Enig.' })
        .expect(200);
      expect(first.body).toMatchObject({ state: 'in_review', tally: { approve: 1, quorum: 2, quorumMet: false } });
      const second = await (
        await as(t, USERS.committee2)
      )
        .post(`/api/change-proposals/${id}/votes`)
        .send({ decision: 'approve' })
        .expect(200);
      expect(second.body).toMatchObject({ state: 'approved', tally: { approve: 2, quorumMet: true } });

      const published = await editor.post(`/api/change-proposals/${id}/publish`).expect(200);
      expect(published.body).toMatchObject({ state: 'published', publishedVersion: version + 1, publishedBy: { username: 'redaktion' } });

      const v = await t
        .http()
        .get(`/api/requirements/SIK-005/versions/${version + 1}`)
        .expect(200);
      expect(v.body.statement).toContain('leverandørens underleverandører');
      expect(v.body).toMatchObject({ origin: 'proposal', proposalId: id });
      expect(v.body.provenance).toMatchObject({
        proposal: { id, kind: 'amend', changeType: 'legal', triggeringLegalSource: 'nis2' },
        proposer: { username: 'indkob.aarhus', organisation: 'Aarhus Kommune' },
        publishedBy: { username: 'redaktion' },
        approvers: ['udvalg1', 'udvalg2'],
      });
      expect(v.body.provenance.votes.map((x: { voter: string; decision: string }) => `${x.voter}:${x.decision}`)).toEqual([
        'udvalg1:approve',
        'udvalg2:approve',
      ]);
      const old = await t.http().get(`/api/requirements/SIK-005/versions/${version}`).expect(200);
      expect(old.body.statement).toBe(content.statement);
      expect(old.body.provenance).toBeNull();

      const trail = await editor.get(`/api/audit?entityType=change_proposal&entityId=${id}&limit=100`).expect(200);
      expect(trail.body.items.map((e: { action: string }) => e.action).reverse()).toEqual([
        'proposal.created',
        'proposal.submitted',
        'proposal.revised',
        'proposal.sent_to_review',
        'proposal.commented',
        'proposal.voted',
        'proposal.voted',
        'proposal.published',
      ]);
      const versionEntry = await editor
        .get('/api/audit?entityType=requirement&entityId=SIK-005&action=requirement.version_published')
        .expect(200);
      expect(versionEntry.body.items[0]).toMatchObject({
        actor: 'redaktion',
        afterHash: v.body.contentHash,
        data: { version: version + 1, proposalId: id },
      });
      expect((await editor.get('/api/audit/verify').expect(200)).body).toMatchObject({ ok: true });
      const [outbox] = await t.db.query(
        `SELECT count(*)::int AS n FROM outbox_event WHERE aggregate_key = 'SIK-005' AND payload->>'version' = $1`,
        [String(version + 1)],
      );
      expect(outbox.n).toBe(1);
    });

    it('creates a new requirement with the next free key, and retires one', async () => {
      const { content } = await currentContent(t, 'RAM-001');
      const create = await (
        await as(t, USERS.procurer)
      )
        .post('/api/change-proposals')
        .send({
          kind: 'create',
          changeType: 'development',
          category: 'framework-architecture',
          motivation: 'Nyt behov.',
          content: {
            ...content,
            title: 'Et helt nyt krav om hændelseslog',
            statement: 'Leverandøren skal stille en hændelseslog til rådighed for kommunen.',
          },
        })
        .expect(201);
      const id = create.body.id;
      const run = async (user: string, step: string, body: object = {}) =>
        (await as(t, user)).post(`/api/change-proposals/${id}/${step}`).send(body).expect(200);
      await run(USERS.procurer, 'submit');
      await run(USERS.editor, 'send-to-review');
      await run(USERS.committee1, 'votes', { decision: 'approve' });
      await run(USERS.committee2, 'votes', { decision: 'approve' });
      const pub = await run(USERS.editor, 'publish');
      const [{ max }] = await t.db.query(
        `SELECT max(number) AS max FROM requirement WHERE category = 'framework-architecture' AND key <> $1`,
        [pub.body.requirementKey],
      );
      expect(pub.body.requirementKey).toBe(`RAM-${String(max + 1).padStart(3, '0')}`);
      const r = await t.http().get(`/api/requirements/${pub.body.requirementKey}`).expect(200);
      expect(r.body).toMatchObject({ currentVersion: 1, current: { title: 'Et helt nyt krav om hændelseslog', origin: 'proposal' } });

      const { version } = await currentContent(t, 'ARK-041');
      const retire = await (
        await as(t, USERS.proposer)
      )
        .post('/api/change-proposals')
        .send({ kind: 'retire', changeType: 'needs', requirementKey: 'ARK-041', baseVersion: version, motivation: 'Dækkes af andre krav.' })
        .expect(201);
      const rid = retire.body.id;
      for (const [user, step, body] of [
        [USERS.proposer, 'submit', {}],
        [USERS.editor, 'send-to-review', {}],
        [USERS.committee1, 'votes', { decision: 'approve' }],
        [USERS.committee3, 'votes', { decision: 'approve' }],
        [USERS.editor, 'publish', {}],
      ] as const) {
        await (await as(t, user)).post(`/api/change-proposals/${rid}/${step}`).send(body).expect(200);
      }
      const retired = await t.http().get('/api/requirements/ARK-041').expect(200);
      expect(retired.body).toMatchObject({ status: 'retired', currentVersion: version });
      await (
        await as(t, USERS.proposer)
      )
        .post('/api/change-proposals')
        .send({ kind: 'amend', changeType: 'needs', requirementKey: 'ARK-041', baseVersion: version, motivation: 'x', content: {} })
        .expect(400);
    });
  });

  describe('permission matrix: every route × every role', () => {
    type Who = 'anonymous' | 'proposer' | 'procurer' | 'editor' | 'committee' | 'admin';
    const USER_OF: Record<Exclude<Who, 'anonymous'>, string> = {
      proposer: USERS.proposer,
      procurer: USERS.procurer,
      editor: USERS.editor,
      committee: USERS.committee3,
      admin: 'admin',
    };
    const WHO: Who[] = ['anonymous', 'proposer', 'procurer', 'editor', 'committee', 'admin'];
    type Row = {
      route: string;
      method: 'get' | 'post';
      state?: 'draft' | 'submitted' | 'in_review' | 'approved';
      body?: (id: string) => Promise<object> | object;
      expect: number[];
    };
    const content = async () => (await currentContent(t, 'SIK-003')).content;
    const newAmend = async () => ({
      kind: 'amend',
      changeType: 'technical',
      requirementKey: 'SIK-003',
      baseVersion: 1,
      motivation: 'Matrix',
      content: { ...(await content()), title: 'Matrix' },
    });
    // Expected status per WHO, in the order anonymous, proposer, procurer, editor, committee, admin.
    const ROWS: Row[] = [
      { method: 'post', route: '/api/change-proposals', body: newAmend, expect: [401, 201, 201, 201, 201, 201] },
      { method: 'get', route: '/api/change-proposals', expect: [401, 200, 200, 200, 200, 200] },
      { method: 'get', route: '/api/change-proposals/:id', state: 'draft', expect: [401, 200, 404, 404, 404, 404] },
      { method: 'get', route: '/api/change-proposals/:id', state: 'submitted', expect: [401, 200, 200, 200, 200, 200] },
      { method: 'post', route: '/api/change-proposals/:id/submit', state: 'draft', expect: [401, 200, 404, 404, 404, 404] },
      {
        method: 'post',
        route: '/api/change-proposals/:id/revise',
        state: 'draft',
        body: async () => ({ content: { ...(await content()), title: 'Ny titel' } }),
        expect: [401, 200, 404, 404, 404, 404],
      },
      {
        method: 'post',
        route: '/api/change-proposals/:id/revise',
        state: 'submitted',
        body: async () => ({ content: { ...(await content()), title: 'Ny titel' } }),
        expect: [401, 403, 403, 200, 403, 403],
      },
      { method: 'get', route: '/api/change-proposals/:id/revisions', state: 'submitted', expect: [401, 200, 200, 200, 200, 200] },
      { method: 'get', route: '/api/change-proposals/:id/revisions/diff', state: 'submitted', expect: [401, 200, 200, 200, 200, 200] },
      { method: 'post', route: '/api/change-proposals/:id/send-to-review', state: 'submitted', expect: [401, 403, 403, 200, 403, 403] },
      {
        method: 'post',
        route: '/api/change-proposals/:id/votes',
        state: 'in_review',
        body: () => ({ decision: 'approve' }),
        expect: [401, 403, 403, 403, 200, 403],
      },
      {
        method: 'post',
        route: '/api/change-proposals/:id/reject',
        state: 'in_review',
        body: () => ({ reason: 'Nej.' }),
        expect: [401, 403, 403, 200, 403, 403],
      },
      { method: 'post', route: '/api/change-proposals/:id/withdraw', state: 'submitted', expect: [401, 200, 403, 403, 403, 403] },
      { method: 'post', route: '/api/change-proposals/:id/publish', state: 'approved', expect: [401, 403, 403, 200, 403, 403] },
      { method: 'get', route: '/api/change-proposals/:id/rebase', state: 'in_review', expect: [401, 403, 403, 200, 403, 403] },
      { method: 'post', route: '/api/change-proposals/:id/rebase', state: 'in_review', expect: [401, 403, 403, 409, 403, 403] },
      {
        method: 'post',
        route: '/api/change-proposals/:id/comments',
        state: 'submitted',
        body: () => ({ text: 'Kommentar' }),
        expect: [401, 201, 201, 201, 201, 201],
      },
      { method: 'get', route: '/api/change-proposals/:id/comments', state: 'submitted', expect: [401, 200, 200, 200, 200, 200] },
      { method: 'get', route: '/api/audit', expect: [401, 403, 403, 200, 403, 200] },
      { method: 'get', route: '/api/audit/verify', expect: [401, 403, 403, 200, 403, 200] },
      { method: 'get', route: '/api/me', expect: [401, 200, 200, 200, 200, 200] },
      { method: 'get', route: '/api/requirements', expect: [200, 200, 200, 200, 200, 200] },
    ];
    const cases = ROWS.flatMap((row) => WHO.map((who, i) => ({ ...row, who, status: row.expect[i] })));

    it.each(cases.map((c) => ({ ...c, when: c.state ?? 'any' })))(
      '$method $route ($when) as $who → $status',
      async ({ method, route, state, body, who, status }) => {
        // Publish moves SIK-003 on: each case starts from whatever version is current.
        const id = state ? await amendmentIn(t, state, 'SIK-003') : '';
        const path = route.replace(':id', id);
        const payload = body ? await body(id) : {};
        if ('baseVersion' in payload) (payload as { baseVersion: number }).baseVersion = (await currentContent(t, 'SIK-003')).version;
        const req = who === 'anonymous' ? t.http()[method](path) : (await as(t, USER_OF[who]))[method](path);
        const res = method === 'post' ? await req.send(payload) : await req;
        if (res.status !== status)
          throw new Error(`${method.toUpperCase()} ${path} as ${who}: expected ${status}, got ${res.status} ${JSON.stringify(res.body)}`);
        if (status >= 400) expect(res.headers['content-type']).toMatch(PROBLEM);
      },
    );
  });

  describe('four eyes and quorum', () => {
    it('keeps the proposer and anyone who revised from voting', async () => {
      const own = await amendmentIn(t, 'in_review', 'SIK-004', USERS.committee1);
      const res = await (
        await as(t, USERS.committee1)
      )
        .post(`/api/change-proposals/${own}/votes`)
        .send({ decision: 'approve' })
        .expect(403);
      expect(res.body).toMatchObject({ code: 'four_eyes' });

      const id = await amendmentIn(t, 'in_review', 'SIK-004');
      const { content } = await currentContent(t, 'SIK-004');
      const dobbelt = await as(t, 'dobbelt');
      await dobbelt
        .post(`/api/change-proposals/${id}/revise`)
        .send({ content: { ...content, title: `${content.title} (rev.)` } })
        .expect(200);
      const voted = await dobbelt.post(`/api/change-proposals/${id}/votes`).send({ decision: 'approve' }).expect(403);
      expect(voted.body.detail).toMatch(/revised/);
    });

    it('clears the votes when the content is revised after voting', async () => {
      const id = await amendmentIn(t, 'approved', 'SIK-006');
      const editor = await as(t, USERS.editor);
      const before = await editor.get(`/api/change-proposals/${id}`).expect(200);
      expect(before.body).toMatchObject({ state: 'approved', tally: { approve: 2 } });
      const { content } = await currentContent(t, 'SIK-006');
      const after = await editor
        .post(`/api/change-proposals/${id}/revise`)
        .send({ content: { ...content, title: `${content.title} – revideret` } })
        .expect(200);
      expect(after.body).toMatchObject({ state: 'in_review', votes: [], tally: { approve: 0, quorumMet: false } });
      await editor.post(`/api/change-proposals/${id}/publish`).expect(409);
      const trail = await editor.get(`/api/audit?entityType=change_proposal&entityId=${id}&action=proposal.revised`).expect(200);
      expect(trail.body.items[0].data).toMatchObject({ votesCleared: 2 });
    });

    it('needs the quorum and no rejection before publication', async () => {
      const id = await amendmentIn(t, 'in_review', 'SIK-007');
      const editor = await as(t, USERS.editor);
      await (await as(t, USERS.committee1)).post(`/api/change-proposals/${id}/votes`).send({ decision: 'approve' }).expect(200);
      const one = await editor.post(`/api/change-proposals/${id}/publish`).expect(409);
      expect(one.body.code).toBe('invalid_state');
      await (await as(t, USERS.committee2)).post(`/api/change-proposals/${id}/votes`).send({ decision: 'abstain' }).expect(200);
      await (await as(t, USERS.committee3)).post(`/api/change-proposals/${id}/votes`).send({ decision: 'reject' }).expect(400);
      const rejected = await (
        await as(t, USERS.committee3)
      )
        .post(`/api/change-proposals/${id}/votes`)
        .send({ decision: 'reject', comment: 'For dyrt for leverandøren.' })
        .expect(200);
      expect(rejected.body).toMatchObject({ state: 'in_review', tally: { approve: 1, reject: 1, abstain: 1, quorumMet: false } });
      const changed = await (
        await as(t, USERS.committee2)
      )
        .post(`/api/change-proposals/${id}/votes`)
        .send({ decision: 'approve' })
        .expect(200);
      expect(changed.body).toMatchObject({ state: 'in_review', tally: { approve: 2, reject: 1, quorumMet: false } });
      await editor.post(`/api/change-proposals/${id}/publish`).expect(409);
      const turned = await (
        await as(t, USERS.committee3)
      )
        .post(`/api/change-proposals/${id}/votes`)
        .send({ decision: 'approve' })
        .expect(200);
      expect(turned.body).toMatchObject({ state: 'approved', tally: { approve: 3, reject: 0, quorumMet: true } });
      await editor.post(`/api/change-proposals/${id}/publish`).expect(200);
    });

    it('rejects with a reason only, and then nothing more happens', async () => {
      const id = await amendmentIn(t, 'in_review', 'SIK-008');
      const editor = await as(t, USERS.editor);
      await editor.post(`/api/change-proposals/${id}/reject`).send({}).expect(400);
      const res = await editor.post(`/api/change-proposals/${id}/reject`).send({ reason: 'Dækkes allerede af SIK-009.' }).expect(200);
      expect(res.body).toMatchObject({ state: 'rejected', rejectionReason: 'Dækkes allerede af SIK-009.', allowedActions: [] });
      const again = await (
        await as(t, USERS.committee1)
      )
        .post(`/api/change-proposals/${id}/votes`)
        .send({ decision: 'approve' })
        .expect(409);
      expect(again.body.code).toBe('invalid_state');
    });
  });

  describe('outdated base versions and rebase', () => {
    it('refuses publication on an outdated base with 409 and lets the editor rebase', async () => {
      const a = await amendmentIn(t, 'approved', 'ARK-010');
      const b = await amendmentIn(t, 'approved', 'ARK-010');
      const editor = await as(t, USERS.editor);
      await editor.post(`/api/change-proposals/${a}/publish`).expect(200);
      const refused = await editor.post(`/api/change-proposals/${b}/publish`).expect(409);
      expect(refused.body).toMatchObject({
        code: 'base_version_outdated',
        currentVersion: 2,
        baseVersion: 1,
        rebase: `/api/change-proposals/${b}/rebase`,
      });
      expect((await editor.get(`/api/change-proposals/${b}`)).body.state).toBe('approved');

      const preview = await editor.get(`/api/change-proposals/${b}/rebase`).expect(200);
      expect(preview.body).toMatchObject({ baseVersion: 1, currentVersion: 2, upToDate: false });
      expect(preview.body.upstream.guidance.changed).toBe(true);
      const rebased = await editor.post(`/api/change-proposals/${b}/rebase`).expect(200);
      expect(rebased.body).toMatchObject({ baseVersion: 2, state: 'in_review', votes: [] });
      await (await as(t, USERS.committee1)).post(`/api/change-proposals/${b}/votes`).send({ decision: 'approve' }).expect(200);
      await (await as(t, USERS.committee2)).post(`/api/change-proposals/${b}/votes`).send({ decision: 'approve' }).expect(200);
      const published = await editor.post(`/api/change-proposals/${b}/publish`).expect(200);
      expect(published.body.publishedVersion).toBe(3);
    });
  });

  describe('concurrency', () => {
    it('publishes exactly one of 20 parallel publications on the same requirement; the rest get 409', async () => {
      const key = 'RAM-020';
      const ids: string[] = [];
      for (let i = 0; i < 20; i++) ids.push(await amendmentIn(t, 'approved', key, USERS.proposer, `parallel ${i}`));
      const editor = await as(t, USERS.editor);
      const [{ n: versionsBefore }] = await t.db.query(`SELECT count(*)::int AS n FROM requirement_version WHERE requirement_key = $1`, [
        key,
      ]);
      const [{ n: outboxBefore }] = await t.db.query(`SELECT count(*)::int AS n FROM outbox_event WHERE aggregate_key = $1`, [key]);
      const results = await Promise.all(ids.map((id) => editor.post(`/api/change-proposals/${id}/publish`)));
      const statuses = results.map((r) => r.status).sort();
      expect(statuses.filter((s) => s === 200)).toHaveLength(1);
      expect(statuses.filter((s) => s === 409)).toHaveLength(19);
      for (const r of results.filter((x) => x.status === 409)) expect(r.body.code).toBe('base_version_outdated');
      const [{ n: versionsAfter }] = await t.db.query(`SELECT count(*)::int AS n FROM requirement_version WHERE requirement_key = $1`, [
        key,
      ]);
      expect(versionsAfter).toBe(versionsBefore + 1);
      const [{ n: outboxAfter }] = await t.db.query(`SELECT count(*)::int AS n FROM outbox_event WHERE aggregate_key = $1`, [key]);
      expect(outboxAfter).toBe(outboxBefore + 1);
      const states = await t.db.query(
        `SELECT state, count(*)::int AS n FROM change_proposal WHERE id = ANY($1) GROUP BY state ORDER BY state`,
        [ids],
      );
      expect(states).toEqual([
        { state: 'approved', n: 19 },
        { state: 'published', n: 1 },
      ]);
      const [{ n: publishedEntries }] = await t.db.query(
        `SELECT count(*)::int AS n FROM audit_entry WHERE action = 'proposal.published' AND entity_id = ANY($1)`,
        [ids],
      );
      expect(publishedEntries).toBe(1);
      expect((await verifyAuditChain(t.db)).ok).toBe(true);
    });
  });

  describe('bad input on every write route', () => {
    /** A digest of every row the editorial workflow and the catalogue can write. */
    const fingerprint = async () => {
      const tables = [
        'change_proposal',
        'change_proposal_revision',
        'proposal_vote',
        'proposal_comment',
        'audit_entry',
        'requirement',
        'requirement_version',
      ];
      const parts = await Promise.all(
        tables.map(
          async (table) =>
            (await t.db.query(`SELECT md5(COALESCE(string_agg(x::text, '|' ORDER BY x::text), '')) AS h FROM ${table} x`))[0].h,
        ),
      );
      // The search worker marks outbox events delivered in the background: count the events, not their state.
      const [{ ids }] = await t.db.query(`SELECT md5(COALESCE(string_agg(id::text, ',' ORDER BY id), '')) AS ids FROM outbox_event`);
      return [...parts, ids].join(':');
    };
    let draftId: string;
    let reviewId: string;
    let content: Record<string, unknown>;

    beforeAll(async () => {
      draftId = await amendmentIn(t, 'draft', 'ARK-020');
      reviewId = await amendmentIn(t, 'in_review', 'ARK-021');
      content = { ...(await currentContent(t, 'ARK-020')).content };
    });

    type Case = [string, string, () => object | string, string[]];
    const cases: Case[] = [
      ['create: empty body', 'new', () => ({}), ['kind', 'changeType', 'motivation']],
      ['create: unknown kind', 'new', () => ({ kind: 'merge', changeType: 'legal', motivation: 'x' }), ['kind']],
      [
        'create: unknown field',
        'new',
        () => ({ kind: 'retire', changeType: 'legal', requirementKey: 'ARK-020', baseVersion: 1, motivation: 'x', colour: 'red' }),
        ['colour'],
      ],
      [
        'create: amend without base version',
        'new',
        () => ({ kind: 'amend', changeType: 'legal', requirementKey: 'ARK-020', motivation: 'x', content }),
        ['baseVersion'],
      ],
      [
        'create: create with a key',
        'new',
        () => ({ kind: 'create', changeType: 'legal', category: 'archive', requirementKey: 'ARK-020', motivation: 'x', content }),
        ['requirementKey'],
      ],
      [
        'create: retire with content',
        'new',
        () => ({ kind: 'retire', changeType: 'legal', requirementKey: 'ARK-020', baseVersion: 1, motivation: 'x', content }),
        ['content'],
      ],
      [
        'create: level out of range',
        'new',
        () => ({
          kind: 'amend',
          changeType: 'legal',
          requirementKey: 'ARK-020',
          baseVersion: 1,
          motivation: 'x',
          content: { ...content, level: 7 },
        }),
        ['content.level'],
      ],
      [
        'create: unknown legal source',
        'new',
        () => ({
          kind: 'amend',
          changeType: 'legal',
          requirementKey: 'ARK-020',
          baseVersion: 1,
          motivation: 'x',
          content: { ...content, legalSources: [{ id: 'no-such-law' }] },
        }),
        ['content.legalSources.0.id'],
      ],
      [
        'create: no change at all',
        'new',
        () => ({ kind: 'amend', changeType: 'legal', requirementKey: 'ARK-020', baseVersion: 1, motivation: 'x', content }),
        ['content'],
      ],
      [
        'create: unknown requirement',
        'new',
        () => ({ kind: 'retire', changeType: 'legal', requirementKey: 'ARK-999', baseVersion: 1, motivation: 'x' }),
        ['requirementKey'],
      ],
      [
        'create: base version in the future',
        'new',
        () => ({ kind: 'retire', changeType: 'legal', requirementKey: 'ARK-020', baseVersion: 9, motivation: 'x' }),
        ['baseVersion'],
      ],
      [
        'create: blank motivation',
        'new',
        () => ({ kind: 'retire', changeType: 'legal', requirementKey: 'ARK-020', baseVersion: 1, motivation: '   ' }),
        ['motivation'],
      ],
      ['create: a JSON array', 'new', () => '[1, 2]', ['(body)']],
      ['create: malformed JSON', 'new', () => '{"kind": ', []],
      ['revise: no content', 'draft:revise', () => ({}), ['content']],
      ['revise: empty title', 'draft:revise', () => ({ content: { ...content, title: '' } }), ['content.title']],
      ['revise: bad tag', 'draft:revise', () => ({ content: { ...content, tags: ['Store Bogstaver'] } }), ['content.tags']],
      ['vote: unknown decision', 'review:votes', () => ({ decision: 'maybe' }), ['decision']],
      ['vote: reject without comment', 'review:votes', () => ({ decision: 'reject' }), ['comment']],
      ['reject: no reason', 'review:reject', () => ({ reason: '' }), ['reason']],
      ['comment: no text', 'review:comments', () => ({}), ['text']],
      ['comment: too long', 'review:comments', () => ({ text: 'x'.repeat(8001) }), ['text']],
      ['login: no password', 'login', () => ({ username: 'redaktion' }), ['password']],
    ];

    it.each(cases)('%s → 400 naming the field, nothing written', async (_name, target, body, fields) => {
      const user = target.startsWith('review:votes') ? USERS.committee3 : target === 'draft:revise' ? USERS.proposer : USERS.editor;
      const [which, action] = target.split(':');
      const path =
        target === 'new'
          ? '/api/change-proposals'
          : target === 'login'
            ? '/api/auth/login'
            : `/api/change-proposals/${which === 'draft' ? draftId : reviewId}/${action}`;
      const before = await fingerprint();
      const payload = body();
      const res = await (
        await as(t, user)
      )
        .post(path)
        .set('Content-Type', 'application/json')
        .send(typeof payload === 'string' ? payload : JSON.stringify(payload));
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(PROBLEM);
      expect(res.body.code).toMatch(/validation_failed|malformed_json/);
      if (fields.length) expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(fields));
      expect(await fingerprint()).toBe(before);
    });

    it('answers 404, writing nothing, for body-less actions on an unknown or malformed id', async () => {
      const before = await fingerprint();
      const editor = await as(t, USERS.editor);
      for (const action of ['submit', 'send-to-review', 'withdraw', 'publish', 'rebase']) {
        for (const id of ['00000000-0000-4000-8000-000000000000', 'not-an-id']) {
          const res = await editor.post(`/api/change-proposals/${id}/${action}`).send({});
          expect(res.status).toBe(404);
          expect(res.body.code).toBe('change_proposal_not_found');
        }
      }
      expect(await fingerprint()).toBe(before);
    });
  });

  describe('what the web app reads: role views, history, audit filters', () => {
    const ids = (res: { body: { items: Array<{ id: string }> } }) => res.body.items.map((p) => p.id);

    it('lists by change type, open, mine and awaiting my vote; proposer and revisers are offered no vote', async () => {
      const id = await amendmentIn(t, 'in_review', 'SIK-007', USERS.committee3);
      const [c1, c3, aarhus] = [await as(t, USERS.committee1), await as(t, USERS.committee3), await as(t, USERS.proposer)];
      const list = (who: typeof c1, query: string) => who.get(`/api/change-proposals?limit=100&${query}`).expect(200);
      expect(ids(await list(c1, 'awaitingMyVote=true'))).toContain(id);
      expect(ids(await list(c3, 'awaitingMyVote=true'))).not.toContain(id);
      expect((await list(aarhus, 'awaitingMyVote=true')).body).toMatchObject({ items: [], total: 0 });
      expect(ids(await list(c3, 'mine=true'))).toContain(id);
      expect(ids(await list(c1, 'mine=true'))).not.toContain(id);
      expect(ids(await list(c1, 'open=true&requirementKey=SIK-007'))).toContain(id);
      expect(ids(await list(c1, 'changeType=technical&requirementKey=SIK-007'))).toContain(id);
      expect(ids(await list(c1, 'changeType=legal&requirementKey=SIK-007'))).not.toContain(id);
      expect((await c3.get(`/api/change-proposals/${id}`).expect(200)).body.allowedActions).not.toContain('vote');
      expect((await c1.get(`/api/change-proposals/${id}`).expect(200)).body.allowedActions).toContain('vote');

      await c1.post(`/api/change-proposals/${id}/votes`).send({ decision: 'approve', comment: 'Fint.' }).expect(200);
      expect(ids(await list(c1, 'awaitingMyVote=true'))).not.toContain(id);
      // The person who is editor and committee member revises: the vote is cleared, and they are offered no vote.
      const dobbelt = await as(t, 'dobbelt');
      const { content } = await currentContent(t, 'SIK-007');
      await dobbelt
        .post(`/api/change-proposals/${id}/revise`)
        .send({ content: { ...content, guidance: `${content.guidance} Skærpet.` }, note: 'Skærpet' })
        .expect(200);
      expect((await dobbelt.get(`/api/change-proposals/${id}`).expect(200)).body.allowedActions).not.toContain('vote');
      expect(ids(await list(dobbelt, 'awaitingMyVote=true'))).not.toContain(id);
      expect(ids(await list(c1, 'awaitingMyVote=true'))).toContain(id);

      await c3.post(`/api/change-proposals/${id}/withdraw`).expect(200);
      expect(ids(await list(c1, 'open=true&requirementKey=SIK-007'))).not.toContain(id);
      for (const [query, field] of [
        ['mine=yes', 'mine'],
        ['awaitingMyVote=1', 'awaitingMyVote'],
        ['open=TRUE', 'open'],
        ['changeType=legalish', 'changeType'],
      ]) {
        const res = await c1.get(`/api/change-proposals?${query}`).expect(400);
        expect(res.body.errors).toEqual([expect.objectContaining({ field })]);
      }
    });

    it('tells a proposal’s history oldest first, with the votes a revision cleared; only to those who may see it', async () => {
      const id = await amendmentIn(t, 'approved', 'SIK-008');
      const { content } = await currentContent(t, 'SIK-008');
      const editor = await as(t, USERS.editor);
      await editor
        .post(`/api/change-proposals/${id}/revise`)
        .send({ content: { ...content, guidance: `${content.guidance} Igen.` } })
        .expect(200);
      const res = await (await as(t, USERS.procurer)).get(`/api/change-proposals/${id}/history?limit=50`).expect(200);
      expect(res.body.items.map((e: { action: string; state: string }) => `${e.action}:${e.state}`)).toEqual([
        'created:draft',
        'submitted:submitted',
        'sent_to_review:in_review',
        'voted:in_review',
        'voted:approved',
        'revised:in_review',
      ]);
      expect(res.body.items[5]).toMatchObject({ actor: 'redaktion', actorName: 'Kravredaktionen', revision: 2, votesCleared: 2 });
      expect(res.body.items[3]).toMatchObject({ actor: 'udvalg1', decision: 'approve' });
      expect(res.body).toMatchObject({ total: 6, page: 1, limit: 50 });
      const draft = await amendmentIn(t, 'draft', 'SIK-008');
      await (await as(t, USERS.procurer)).get(`/api/change-proposals/${draft}/history`).expect(404);
      await (await as(t, USERS.procurer)).get(`/api/change-proposals/${id}/history?limit=1000`).expect(400);
    });

    it('filters the audit trail by actor and time, and refuses a bad time or an empty range', async () => {
      const editor = await as(t, USERS.editor);
      const all = await editor.get('/api/audit?actor=udvalg2&limit=100').expect(200);
      expect(all.body.total).toBeGreaterThan(0);
      expect(new Set(all.body.items.map((e: { actor: string }) => e.actor))).toEqual(new Set(['udvalg2']));
      const newest = all.body.items[0].at as string;
      const since = await editor.get(`/api/audit?actor=udvalg2&from=${encodeURIComponent(newest)}`).expect(200);
      expect(since.body.items.every((e: { at: string }) => e.at >= newest)).toBe(true);
      expect(since.body.total).toBeGreaterThanOrEqual(1);
      const before = await editor.get(`/api/audit?actor=udvalg2&to=${encodeURIComponent(newest)}&limit=100`).expect(200);
      expect(before.body.total + since.body.total).toBe(all.body.total);
      expect((await editor.get('/api/audit?to=2000-01-01').expect(200)).body.total).toBe(0);
      expect((await editor.get('/api/audit?actor=nobody').expect(200)).body.total).toBe(0);
      for (const [query, field] of [
        ['from=i%20g%C3%A5r', 'from'],
        ['to=2026-13-01', 'to'],
        ['from=2026-12-02&to=2026-12-01', 'from'],
        ['actor=Robert%3B', 'actor'],
      ]) {
        const res = await editor.get(`/api/audit?${query}`).expect(400);
        expect(res.body.errors).toEqual([expect.objectContaining({ field })]);
      }
    });
  });

  describe('the audit trail', () => {
    it('is append-only in the database and detects a row edited behind its back', async () => {
      await expect(t.db.query(`UPDATE audit_entry SET action = 'x' WHERE seq = 1`)).rejects.toThrow(/immutable/);
      await expect(t.db.query(`DELETE FROM audit_entry WHERE seq = 1`)).rejects.toThrow(/immutable/);
      const before = await verifyAuditChain(t.db);
      expect(before).toMatchObject({ ok: true });
      expect(before.entries).toBeGreaterThan(100);

      // A superuser can switch the triggers off; the hash chain still tells.
      const cli = () =>
        spawnSync(process.execPath, [path.join(projectRoot(), 'dist/apps/cli/src/main.js'), 'audit', 'verify'], {
          env: { PATH: process.env.PATH, DATABASE_URL: t.database.url, JWT_SECRET: 'x'.repeat(32), LOG_LEVEL: 'silent' },
          encoding: 'utf8',
        });
      expect(cli().status).toBe(0);
      await t.db.transaction(async (m) => {
        await m.query(`SET LOCAL session_replication_role = replica`);
        await m.query(`UPDATE audit_entry SET data = jsonb_set(data, '{version}', '99') WHERE seq = 5`);
      });
      const after = await verifyAuditChain(t.db);
      expect(after.ok).toBe(false);
      expect(after.problems).toEqual([{ seq: 5, problem: expect.stringMatching(/edited/) }]);
      const edited = cli();
      expect({ status: edited.status, stdout: edited.stdout }).toEqual({ status: 1, stdout: '' });
      expect(edited.stderr).toMatch(/entry #5: .*edited/);

      await t.db.transaction(async (m) => {
        await m.query(`SET LOCAL session_replication_role = replica`);
        await m.query(`DELETE FROM audit_entry WHERE seq = 10`);
      });
      const deleted = await verifyAuditChain(t.db);
      expect(deleted.problems).toEqual(expect.arrayContaining([{ seq: 11, problem: 'entries 10–10 are missing' }]));
      const res = await (await as(t, USERS.editor)).get('/api/audit/verify').expect(200);
      expect(res.body.ok).toBe(false);
    });
  });
});
