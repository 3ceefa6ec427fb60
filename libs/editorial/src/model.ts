import type { Category, RequirementContent } from '@kravbank/catalogue';

export const PROPOSAL_KINDS = ['create', 'amend', 'retire'] as const;
export type ProposalKind = (typeof PROPOSAL_KINDS)[number];

/** lovvedligehold, teknisk vedligehold, behovsændring, videreudvikling. */
export const CHANGE_TYPES = ['legal', 'technical', 'needs', 'development'] as const;
export type ChangeType = (typeof CHANGE_TYPES)[number];

export const PROPOSAL_STATES = ['draft', 'submitted', 'in_review', 'approved', 'rejected', 'withdrawn', 'published'] as const;
export type ProposalState = (typeof PROPOSAL_STATES)[number];

export const VOTE_DECISIONS = ['approve', 'reject', 'abstain'] as const;
export type VoteDecision = (typeof VOTE_DECISIONS)[number];

/** The states in which a proposal is still open for work. */
export const OPEN_STATES: ProposalState[] = ['draft', 'submitted', 'in_review', 'approved'];

export interface ProposalRecord {
  id: string;
  number: number;
  kind: ProposalKind;
  changeType: ChangeType;
  state: ProposalState;
  requirementKey: string | null;
  baseVersion: number | null;
  category: Category | null;
  motivation: string;
  triggeringLegalSource: string | null;
  content: RequirementContent | null;
  revision: number;
  proposerId: string;
  organisationId: string;
  rejectionReason: string | null;
  publishedVersion: number | null;
  publishedBy: string | null;
  createdAt: string;
  updatedAt: string;
  submittedAt: string | null;
  decidedAt: string | null;
  publishedAt: string | null;
  lockVersion: number;
}

export interface VoteRecord {
  voterId: string;
  voter: string;
  decision: VoteDecision;
  comment: string | null;
  revision: number;
  createdAt: string;
}

export interface Tally {
  approve: number;
  reject: number;
  abstain: number;
  quorum: number;
  /** Enough approvals and no rejection: the proposal may be published. */
  quorumMet: boolean;
}

export function tally(votes: Array<{ decision: VoteDecision }>, quorum: number): Tally {
  const count = (d: VoteDecision) => votes.filter((v) => v.decision === d).length;
  const t = { approve: count('approve'), reject: count('reject'), abstain: count('abstain'), quorum };
  return { ...t, quorumMet: t.approve >= quorum && t.reject === 0 };
}
