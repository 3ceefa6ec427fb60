import { contentOf } from '@kravbank/catalogue';
import type { TestApp } from '../setup/test-app.js';

export const USERS = {
  proposer: 'indkob.aarhus',
  procurer: 'indkob.odense',
  editor: 'redaktion',
  committee1: 'udvalg1',
  committee2: 'udvalg2',
  committee3: 'udvalg3',
} as const;

const tokens = new Map<string, string>();

/** Logs in through the API (password `demo`, or the one given) and caches the token per app. */
export async function login(t: TestApp, username: string, password = 'demo'): Promise<string> {
  const cacheKey = `${t.database.name}:${username}`;
  const cached = tokens.get(cacheKey);
  if (cached) return cached;
  const res = await t.http().post('/api/auth/login').send({ username, password });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${JSON.stringify(res.body)}`);
  tokens.set(cacheKey, res.body.accessToken);
  return res.body.accessToken;
}

/** A logged-in request helper: as(t, 'redaktion').post(path).send(body). */
export async function as(t: TestApp, username: string) {
  const token = await login(t, username);
  const auth = <T extends { set(h: string, v: string): T }>(r: T) => r.set('Authorization', `Bearer ${token}`);
  return {
    get: (path: string) => auth(t.http().get(path)),
    post: (path: string) => auth(t.http().post(path)),
  };
}

/** The current content of a requirement, in the shape a proposal takes. */
export async function currentContent(t: TestApp, key: string) {
  const res = await t.http().get(`/api/requirements/${key}`).expect(200);
  return { version: res.body.currentVersion as number, content: contentOf(res.body.current) };
}

export type ProposalState = 'draft' | 'submitted' | 'in_review' | 'approved';

/** An amendment of `key` by `proposer`, taken through the workflow to `state`. Returns its id. */
export async function amendmentIn(
  t: TestApp,
  state: ProposalState,
  key = 'SIK-003',
  proposer: string = USERS.proposer,
  marker = `${Math.random()}`,
): Promise<string> {
  const { version, content } = await currentContent(t, key);
  const created = await (await as(t, proposer)).post('/api/change-proposals').send({
    kind: 'amend',
    changeType: 'technical',
    requirementKey: key,
    baseVersion: version,
    motivation: 'Kravet skal præciseres efter erfaringer fra udbud.',
    content: { ...content, guidance: `${content.guidance} Præciseret (${marker}).` },
  });
  if (created.status !== 201) throw new Error(`create: ${created.status} ${JSON.stringify(created.body)}`);
  const id: string = created.body.id;
  const step = async (user: string, path: string, body: object = {}) => {
    const res = await (await as(t, user)).post(`/api/change-proposals/${id}/${path}`).send(body);
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
  };
  if (state === 'draft') return id;
  await step(proposer, 'submit');
  if (state === 'submitted') return id;
  await step(USERS.editor, 'send-to-review');
  if (state === 'in_review') return id;
  await step(USERS.committee1, 'votes', { decision: 'approve', comment: 'Godt forslag.' });
  await step(USERS.committee2, 'votes', { decision: 'approve' });
  return id;
}
