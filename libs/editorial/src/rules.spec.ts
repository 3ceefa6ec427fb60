import type { Principal, Role } from '@kravbank/identity';
import { PROPOSAL_KINDS, PROPOSAL_STATES, type ProposalKind, type ProposalRecord, type ProposalState } from './model.js';
import { ACTIONS, allowedActions, check, type ProposalAction } from './rules.js';

/** The people a rule can be asked about: who they are to the proposal, and their roles. */
const ACTORS = {
  proposer: { roles: ['procurer'], proposes: true },
  'other procurer': { roles: ['procurer'], proposes: false },
  editor: { roles: ['editor'], proposes: false },
  'editor who proposed': { roles: ['editor'], proposes: true },
  committee: { roles: ['committee'], proposes: false },
  admin: { roles: ['admin'], proposes: false },
} satisfies Record<string, { roles: Role[]; proposes: boolean }>;
type Actor = keyof typeof ACTORS;
const ACTOR_NAMES = Object.keys(ACTORS) as Actor[];

const PROPOSER_ID = 'proposer-id';

const principal = (actor: Actor): Principal => ({
  id: ACTORS[actor].proposes ? PROPOSER_ID : `${actor}-id`,
  username: actor,
  displayName: actor,
  organisationId: 'org',
  organisationName: 'Org',
  roles: [...ACTORS[actor].roles],
});

const proposal = (state: ProposalState, kind: ProposalKind): ProposalRecord => ({
  id: 'p',
  number: 1,
  kind,
  changeType: 'needs',
  state,
  requirementKey: kind === 'create' ? null : 'SIK-001',
  baseVersion: kind === 'create' ? null : 1,
  category: kind === 'create' ? 'security' : null,
  motivation: 'm',
  triggeringLegalSource: null,
  content: null,
  revision: 1,
  proposerId: PROPOSER_ID,
  organisationId: 'org',
  rejectionReason: null,
  publishedVersion: null,
  publishedBy: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  submittedAt: null,
  decidedAt: null,
  publishedAt: null,
  lockVersion: 1,
});

const PROPOSERS: Actor[] = ['proposer', 'editor who proposed'];
const EDITORS: Actor[] = ['editor', 'editor who proposed'];

/** Who may take each action in each state (for a kind the action applies to), written out. */
const ALLOWED: Record<ProposalAction, Partial<Record<ProposalState, Actor[]>>> = {
  submit: { draft: PROPOSERS },
  revise: { draft: PROPOSERS, submitted: EDITORS, in_review: EDITORS, approved: EDITORS },
  'send-to-review': { submitted: EDITORS },
  vote: { in_review: ['committee'], approved: ['committee'] },
  reject: { submitted: EDITORS, in_review: EDITORS, approved: EDITORS },
  withdraw: { draft: PROPOSERS, submitted: PROPOSERS, in_review: PROPOSERS, approved: PROPOSERS },
  publish: { approved: EDITORS },
  rebase: { submitted: EDITORS, in_review: EDITORS, approved: EDITORS },
};

/** Who the rule is about, whatever the state: the proposer while a draft is revised, else the editors. */
const WHO: Record<ProposalAction, (state: ProposalState) => Actor[]> = {
  submit: () => PROPOSERS,
  revise: (state) => (state === 'draft' ? PROPOSERS : EDITORS),
  'send-to-review': () => EDITORS,
  vote: () => ['committee'],
  reject: () => EDITORS,
  withdraw: () => PROPOSERS,
  publish: () => EDITORS,
  rebase: () => EDITORS,
};

/** The kinds each action applies to. */
const KINDS: Record<ProposalAction, ProposalKind[]> = {
  submit: ['create', 'amend', 'retire'],
  revise: ['create', 'amend'],
  'send-to-review': ['create', 'amend', 'retire'],
  vote: ['create', 'amend', 'retire'],
  reject: ['create', 'amend', 'retire'],
  withdraw: ['create', 'amend', 'retire'],
  publish: ['create', 'amend', 'retire'],
  rebase: ['amend', 'retire'],
};

const cases = ACTIONS.flatMap((action) =>
  PROPOSAL_STATES.flatMap((state) => PROPOSAL_KINDS.flatMap((kind) => ACTOR_NAMES.map((actor) => ({ action, state, kind, actor })))),
);

describe('the editorial rule table', () => {
  it('covers every action, state, kind and person', () => {
    expect(cases).toHaveLength(8 * 7 * 3 * 6);
  });

  it.each(cases)('$action on a $kind proposal that is $state, by the $actor', ({ action, state, kind, actor }) => {
    const result = check(action, proposal(state, kind), principal(actor));
    const allowed = KINDS[action].includes(kind) && (ALLOWED[action][state] ?? []).includes(actor);
    expect(result.ok).toBe(allowed);
    if (result.ok) return;
    // Who is asked first, then the kind, then the state.
    const expected = !WHO[action](state).includes(actor) ? 'forbidden' : !KINDS[action].includes(kind) ? 'kind' : 'state';
    expect(result.kind).toBe(expected);
  });

  it('says who may act, and in which states', () => {
    expect(check('publish', proposal('approved', 'amend'), principal('committee'))).toEqual({
      ok: false,
      kind: 'forbidden',
      message: 'Only the editorial secretariat (role editor) may publish this proposal.',
    });
    expect(check('revise', proposal('draft', 'amend'), principal('editor'))).toEqual({
      ok: false,
      kind: 'forbidden',
      message: 'Only the proposer (while it is a draft) may revise this proposal.',
    });
    expect(check('submit', proposal('published', 'create'), principal('proposer'))).toEqual({
      ok: false,
      kind: 'state',
      message: 'Cannot submit a proposal that is published (allowed when draft).',
    });
    expect(check('rebase', proposal('in_review', 'create'), principal('editor'))).toEqual({
      ok: false,
      kind: 'kind',
      message: 'A create proposal cannot rebase.',
    });
  });

  it('lists the allowed actions in the table’s order', () => {
    expect(allowedActions(proposal('approved', 'amend'), principal('editor who proposed'))).toEqual([
      'revise',
      'reject',
      'withdraw',
      'publish',
      'rebase',
    ]);
    expect(allowedActions(proposal('draft', 'retire'), principal('proposer'))).toEqual(['submit', 'withdraw']);
    expect(allowedActions(proposal('published', 'amend'), principal('editor'))).toEqual([]);
  });
});
