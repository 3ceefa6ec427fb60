import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { PageOf } from '@kravbank/common';
import {
  CategoryProperty,
  ContentDiffDoc,
  ContentFieldProperty,
  RequirementContentDoc,
  RequirementStatusProperty,
  type Category,
  type ContentDiff,
  type RequirementContent,
} from '@kravbank/catalogue';
import type { ProposalEvent, ProposalView } from './editorial.service.js';
import {
  CHANGE_TYPES,
  PROPOSAL_KINDS,
  PROPOSAL_STATES,
  VOTE_DECISIONS,
  type ChangeType,
  type ProposalKind,
  type ProposalState,
  type Tally,
  type VoteDecision,
  type VoteRecord,
} from './model.js';
import type { Person } from './proposal.store.js';
import { ACTIONS, type ProposalAction } from './rules.js';

/*
 * The shapes the editorial routes answer with, for the OpenAPI document. Each class implements
 * the interface the service returns, so a field added there and forgotten here fails the build.
 */

@ApiSchema({ name: 'Person' })
export class PersonDoc implements Person {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'redaktion' }) username: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ description: 'The organisation’s name.' }) organisation: string;
}

@ApiSchema({ name: 'Vote' })
export class VoteDoc implements Omit<VoteRecord, 'voterId'> {
  @ApiProperty({ description: 'Username of the committee member.' }) voter: string;
  @ApiProperty({ enum: VOTE_DECISIONS, enumName: 'VoteDecision' }) decision: VoteDecision;
  @ApiProperty({ type: String, nullable: true }) comment: string | null;
  @ApiProperty({ type: 'integer', description: 'The content revision voted on.' }) revision: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

@ApiSchema({ name: 'Tally' })
export class TallyDoc implements Tally {
  @ApiProperty({ type: 'integer' }) approve: number;
  @ApiProperty({ type: 'integer' }) reject: number;
  @ApiProperty({ type: 'integer' }) abstain: number;
  @ApiProperty({ type: 'integer', description: 'Approvals needed.' }) quorum: number;
  @ApiProperty({ description: 'Enough approvals and no rejection: the proposal may be published.' }) quorumMet: boolean;
}

@ApiSchema({ name: 'ProposalView', description: 'A change proposal with its votes, tally and the actions the caller may take.' })
export class ProposalViewDoc implements ProposalView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: 'integer', example: 12 }) number: number;
  @ApiProperty({ enum: PROPOSAL_KINDS, enumName: 'ProposalKind' }) kind: ProposalKind;
  @ApiProperty({ enum: CHANGE_TYPES, enumName: 'ChangeType' }) changeType: ChangeType;
  @ApiProperty({ enum: PROPOSAL_STATES, enumName: 'ProposalState' }) state: ProposalState;
  @ApiProperty({ type: String, nullable: true, example: 'SIK-001' }) requirementKey: string | null;
  @ApiProperty({ type: 'integer', nullable: true }) baseVersion: number | null;
  @ApiProperty({ ...CategoryProperty, nullable: true }) category: Category | null;
  @ApiProperty() motivation: string;
  @ApiProperty({ type: String, nullable: true }) triggeringLegalSource: string | null;
  @ApiProperty({ type: RequirementContentDoc, nullable: true, description: 'Null for a retirement.' })
  content: RequirementContent | null;
  @ApiProperty({ type: 'integer' }) revision: number;
  @ApiProperty({ type: String, nullable: true }) rejectionReason: string | null;
  @ApiProperty({ type: 'integer', nullable: true }) publishedVersion: number | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) submittedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) decidedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) publishedAt: string | null;
  @ApiProperty({ type: PersonDoc }) proposer: Person;
  @ApiProperty({ type: PersonDoc, nullable: true }) publishedBy: Person | null;
  @ApiProperty({ type: [String], description: 'Usernames of everyone who wrote a revision; none of them may vote.' })
  contentAuthors: string[];
  @ApiProperty({ type: [VoteDoc], description: 'The active votes, oldest first.' }) votes: VoteDoc[];
  @ApiProperty({ type: TallyDoc }) tally: Tally;
  @ApiProperty({ enum: ACTIONS, enumName: 'ProposalAction', isArray: true }) allowedActions: ProposalAction[];
}

@ApiSchema({ name: 'ProposalRevision' })
export class ProposalRevisionDoc {
  @ApiProperty({ type: 'integer' }) revision: number;
  @ApiProperty({ type: RequirementContentDoc, nullable: true }) content: RequirementContent | null;
  @ApiProperty({ type: String, nullable: true }) contentHash: string | null;
  @ApiProperty({ description: 'Username of the author.' }) author: string;
  @ApiProperty({ type: String, nullable: true }) note: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

@ApiSchema({ name: 'ProposalRevisions' })
export class ProposalRevisionsDoc {
  @ApiProperty({ format: 'uuid' }) proposalId: string;
  @ApiProperty({ type: 'integer', description: 'The current revision.' }) current: number;
  @ApiProperty({ type: [ProposalRevisionDoc], description: 'Oldest first.' }) items: ProposalRevisionDoc[];
}

@ApiSchema({ name: 'RevisionDiff' })
export class RevisionDiffDoc {
  @ApiProperty({ type: 'integer' }) from: number;
  @ApiProperty({ type: 'integer' }) to: number;
  @ApiProperty({ ...ContentFieldProperty, isArray: true }) changed: string[];
  @ApiProperty({ type: ContentDiffDoc }) fields: ContentDiff;
}

@ApiSchema({ name: 'Comment' })
export class CommentDoc {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: 'Username of the author.' }) author: string;
  @ApiProperty() authorName: string;
  @ApiProperty() organisation: string;
  @ApiProperty() text: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

@ApiSchema({ name: 'RebasePreview', description: 'What changed under the proposal, and the proposal against the current version.' })
export class RebasePreviewDoc {
  @ApiProperty({ format: 'uuid' }) proposalId: string;
  @ApiProperty({ type: String, nullable: true }) requirementKey: string | null;
  @ApiProperty({ type: 'integer' }) baseVersion: number;
  @ApiProperty({ type: 'integer' }) currentVersion: number;
  @ApiProperty(RequirementStatusProperty) currentStatus: 'active' | 'retired';
  @ApiProperty() upToDate: boolean;
  @ApiProperty({ type: ContentDiffDoc, description: 'What was published since the base version.' }) upstream: ContentDiff;
  @ApiProperty({ type: ContentDiffDoc, nullable: true, description: 'The proposal against the current version (amendments only).' })
  proposal: ContentDiff | null;
}

@ApiSchema({ name: 'ProposalEvent', description: 'One step in a proposal’s history, from the audit trail.' })
export class ProposalEventDoc implements ProposalEvent {
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({
    example: 'sent_to_review',
    description: 'created, submitted, revised, sent_to_review, voted, rejected, withdrawn, rebased, published or commented',
  })
  action: string;
  @ApiProperty({ type: String, nullable: true, description: 'Username of the actor.' }) actor: string | null;
  @ApiProperty({ type: String, nullable: true }) actorName: string | null;
  @ApiProperty({
    enum: PROPOSAL_STATES,
    enumName: 'ProposalState',
    nullable: true,
    description: 'The state after the step; null for a comment.',
  })
  state: ProposalState | null;
  @ApiProperty({ type: 'integer', nullable: true }) revision: number | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'Active votes the step cleared (a revision or a rebase).' })
  votesCleared: number | null;
  @ApiProperty({ enum: VOTE_DECISIONS, enumName: 'VoteDecision', nullable: true }) decision: VoteDecision | null;
}

export const ProposalPage = PageOf(ProposalViewDoc);
export const ProposalEventPage = PageOf(ProposalEventDoc);
export const CommentPage = PageOf(CommentDoc);
