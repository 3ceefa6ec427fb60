import type { EntityManager } from 'typeorm';
import type { Page } from '@kravbank/common';
import type { RequirementContent } from '@kravbank/catalogue';
import type { ProposalKind, ProposalRecord, ProposalState, VoteDecision, VoteRecord } from './model.js';

export interface NewProposal {
  kind: ProposalKind;
  changeType: ProposalRecord['changeType'];
  requirementKey: string | null;
  baseVersion: number | null;
  category: ProposalRecord['category'];
  motivation: string;
  triggeringLegalSource: string | null;
  content: RequirementContent | null;
  contentHash: string | null;
  proposerId: string;
  organisationId: string;
}

export interface Person {
  id: string;
  username: string;
  displayName: string;
  organisation: string;
}

export interface ProposalContext {
  /** The active votes, oldest first. */
  votes: VoteRecord[];
  /** Everyone who wrote a revision of the content (the proposer included), in the order they first did. */
  authorIds: string[];
  /** The proposer, the publisher and the authors, by id. */
  people: Map<string, Person>;
}

export interface ProposalFilter {
  state?: ProposalState;
  kind?: ProposalKind;
  requirementKey?: string;
  changeType?: ProposalRecord['changeType'];
  /** Only proposals still open for work. */
  open?: boolean;
  /** Only the viewer's own proposals. */
  mine?: boolean;
  /** Only proposals in review that the viewer has not proposed, revised or voted on (since the votes were last cleared). */
  awaitingVoteOf?: boolean;
  /** Drafts are visible to their proposer only. */
  viewerId: string;
  page: number;
  limit: number;
}

export interface ProposalRevision {
  revision: number;
  content: RequirementContent | null;
  contentHash: string | null;
  authorId: string;
  author: string;
  note: string | null;
  createdAt: string;
}

export interface ProposalComment {
  id: string;
  author: string;
  authorName: string;
  organisation: string;
  text: string;
  createdAt: string;
}

/** The fields of a proposal a workflow step changes; a field left out keeps its value. */
export interface ProposalChange {
  state?: ProposalState;
  content?: RequirementContent;
  revision?: number;
  baseVersion?: number;
  requirementKey?: string;
  rejectionReason?: string;
  publishedVersion?: number;
  publishedBy?: string;
  publishedAt?: Date;
  submittedAt?: Date;
  decidedAt?: Date | null;
}

/**
 * Persistence of change proposals. Injected by this abstract class as its token (bound to the
 * pool, for reads); `within(manager)` binds it to one transaction. Intent-named methods only.
 */
export abstract class ProposalStore {
  abstract within(manager: EntityManager): ProposalStore;
  /** The proposal and its first revision, in one statement. */
  abstract insert(p: NewProposal): Promise<ProposalRecord>;
  abstract find(id: string): Promise<ProposalRecord | null>;
  /** Reads the proposal and locks its row until the transaction ends. */
  abstract lock(id: string): Promise<ProposalRecord | null>;
  /**
   * Writes a change guarded by the lock version read before it (optimistic locking):
   * returns null when someone else changed the proposal in between.
   */
  abstract update(p: ProposalRecord, change: ProposalChange): Promise<ProposalRecord | null>;
  abstract insertRevision(
    proposalId: string,
    revision: number,
    content: RequirementContent | null,
    contentHash: string | null,
    authorId: string,
    note: string | null,
  ): Promise<void>;
  abstract revisions(proposalId: string): Promise<ProposalRevision[]>;
  abstract castVote(proposalId: string, voterId: string, decision: VoteDecision, comment: string | null, revision: number): Promise<void>;
  /** Clears the active votes; returns how many there were. */
  abstract clearVotes(proposalId: string, reason: string): Promise<number>;
  abstract list(f: ProposalFilter): Promise<Page<ProposalRecord>>;
  abstract addComment(proposalId: string, authorId: string, text: string): Promise<{ id: string; createdAt: string }>;
  abstract comments(proposalId: string, page: number, limit: number): Promise<Page<ProposalComment>>;
  /** Votes, authors and the people named, for each proposal. */
  abstract contexts(proposals: ProposalRecord[]): Promise<Map<string, ProposalContext>>;
}
