import { type Principal, hasRole } from '@kravbank/identity';
import type { ProposalRecord, ProposalState } from './model.js';

export const ACTIONS = ['submit', 'revise', 'send-to-review', 'vote', 'reject', 'withdraw', 'publish', 'rebase'] as const;
export type ProposalAction = (typeof ACTIONS)[number];

interface Rule {
  states: ProposalState[];
  /** Who may take the action, and how to say it when they may not. */
  who: (p: ProposalRecord, u: Principal) => boolean;
  whoText: (p: ProposalRecord) => string;
  kinds?: ProposalRecord['kind'][];
}

const proposer = (p: ProposalRecord, u: Principal) => p.proposerId === u.id;
const editor = (_: ProposalRecord, u: Principal) => hasRole(u, 'editor');

/** The lifecycle in one table: which action is allowed in which state, and for whom. */
export const RULES: Record<ProposalAction, Rule> = {
  submit: { states: ['draft'], who: proposer, whoText: () => 'the proposer' },
  revise: {
    states: ['draft', 'submitted', 'in_review', 'approved'],
    who: (p, u) => (p.state === 'draft' ? proposer(p, u) : editor(p, u)),
    whoText: (p) => (p.state === 'draft' ? 'the proposer (while it is a draft)' : 'the editorial secretariat (role editor)'),
    kinds: ['create', 'amend'],
  },
  'send-to-review': { states: ['submitted'], who: editor, whoText: () => 'the editorial secretariat (role editor)' },
  vote: { states: ['in_review', 'approved'], who: (_, u) => hasRole(u, 'committee'), whoText: () => 'committee members (role committee)' },
  reject: { states: ['submitted', 'in_review', 'approved'], who: editor, whoText: () => 'the editorial secretariat (role editor)' },
  withdraw: { states: ['draft', 'submitted', 'in_review', 'approved'], who: proposer, whoText: () => 'the proposer' },
  publish: { states: ['approved'], who: editor, whoText: () => 'the editorial secretariat (role editor)' },
  rebase: {
    states: ['submitted', 'in_review', 'approved'],
    who: editor,
    whoText: () => 'the editorial secretariat (role editor)',
    kinds: ['amend', 'retire'],
  },
};

export type RuleCheck = { ok: true } | { ok: false; kind: 'forbidden' | 'state' | 'kind'; message: string };

export function check(action: ProposalAction, p: ProposalRecord, u: Principal): RuleCheck {
  const rule = RULES[action];
  if (!rule.who(p, u)) return { ok: false, kind: 'forbidden', message: `Only ${rule.whoText(p)} may ${action} this proposal.` };
  if (rule.kinds && !rule.kinds.includes(p.kind)) return { ok: false, kind: 'kind', message: `A ${p.kind} proposal cannot ${action}.` };
  if (!rule.states.includes(p.state))
    return {
      ok: false,
      kind: 'state',
      message: `Cannot ${action} a proposal that is ${p.state} (allowed when ${rule.states.join(', ')}).`,
    };
  return { ok: true };
}

/** What the caller may do now, for clients to show the right buttons. */
export const allowedActions = (p: ProposalRecord, u: Principal): ProposalAction[] => ACTIONS.filter((a) => check(a, p, u).ok);
