import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { PageOf } from '@kravbank/common';
import type { ContentDiff, DiffRun, FieldDiff } from './diff.js';
import type { VersionDiffView } from './catalogue.service.js';
import {
  CATEGORIES,
  CONTENT_FIELDS,
  LEGAL_SOURCE_KINDS,
  LEVELS,
  OBLIGATIONS,
  REQUIREMENT_STATUSES,
  type Category,
  type ContentField,
  type LegalSourceKind,
  type LegalSourceRef,
  type Level,
  type Obligation,
  type RequirementContent,
  type RequirementStatus,
} from './model.js';
import type { VersionProvenanceView } from './provenance.port.js';
import type {
  CategoryView,
  LegalSourceCitation,
  LegalSourceView,
  ProfileSummary,
  ProfileView,
  RequirementListItem,
  RequirementView,
  VersionSummary,
  VersionView,
} from './views.js';

/*
 * The shapes the catalogue's routes answer with, for the OpenAPI document. The services return
 * plain objects typed by the interfaces in views.ts; each class here implements its interface,
 * so a field added there and forgotten here fails the build.
 */

/** Shared enum schemas: one definition each in the document. */
export const CategoryProperty = { enum: CATEGORIES, enumName: 'Category' } as const;
export const LevelProperty = { enum: LEVELS, enumName: 'Level', description: '1 basic, 2 substantial, 3 high' } as const;
export const ObligationProperty = { enum: OBLIGATIONS, enumName: 'Obligation', description: 'minimum (MK) or evaluated (EK)' } as const;
export const RequirementStatusProperty = { enum: REQUIREMENT_STATUSES, enumName: 'RequirementStatus' } as const;
export const ContentFieldProperty = { enum: CONTENT_FIELDS, enumName: 'ContentField' } as const;
const OriginProperty = { enum: ['seed', 'proposal'], enumName: 'VersionOrigin' } as const;

@ApiSchema({ name: 'LegalSourceRef' })
export class LegalSourceRefDoc implements LegalSourceRef {
  @ApiProperty({ example: 'gdpr' })
  id: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'art. 32' })
  section?: string | null;
}

@ApiSchema({ name: 'RequirementContent', description: 'The fields an editor writes in one requirement version.' })
export class RequirementContentDoc implements RequirementContent {
  @ApiProperty() title: string;
  @ApiProperty() statement: string;
  @ApiProperty() rationale: string;
  @ApiProperty() guidance: string;
  @ApiProperty() verification: string;
  @ApiProperty(LevelProperty) level: Level;
  @ApiProperty(ObligationProperty) obligation: Obligation;
  @ApiProperty({ type: [String], example: ['logning'] }) tags: string[];
  @ApiProperty({ type: [LegalSourceRefDoc] }) legalSources: LegalSourceRef[];
}

@ApiSchema({ name: 'LegalSourceCitation' })
export class LegalSourceCitationDoc implements LegalSourceCitation {
  @ApiProperty({ example: 'gdpr' }) id: string;
  @ApiProperty({ type: String, nullable: true, example: 'art. 32' }) section: string | null;
  @ApiProperty() title: string;
}

@ApiSchema({ name: 'RequirementListItem', description: 'A requirement in a list: its current version, briefly.' })
export class RequirementListItemDoc implements RequirementListItem {
  @ApiProperty({ example: 'SIK-001' }) key: string;
  @ApiProperty(CategoryProperty) category: Category;
  @ApiProperty(RequirementStatusProperty) status: RequirementStatus;
  @ApiProperty({ type: 'integer', example: 1 }) version: number;
  @ApiProperty() title: string;
  @ApiProperty(LevelProperty) level: Level;
  @ApiProperty(ObligationProperty) obligation: Obligation;
  @ApiProperty({ type: [String] }) tags: string[];
  @ApiProperty({ format: 'date-time' }) publishedAt: string;
}

@ApiSchema({ name: 'VersionView', description: 'One published version of a requirement, every field.' })
export class VersionViewDoc implements VersionView {
  @ApiProperty({ example: 'SIK-001' }) key: string;
  @ApiProperty(CategoryProperty) category: Category;
  @ApiProperty({ type: 'integer', example: 1 }) version: number;
  @ApiProperty() title: string;
  @ApiProperty() statement: string;
  @ApiProperty() rationale: string;
  @ApiProperty() guidance: string;
  @ApiProperty() verification: string;
  @ApiProperty(LevelProperty) level: Level;
  @ApiProperty(ObligationProperty) obligation: Obligation;
  @ApiProperty({ type: [String] }) tags: string[];
  @ApiProperty({ type: [LegalSourceCitationDoc] }) legalSources: LegalSourceCitation[];
  @ApiProperty({ format: 'date-time' }) publishedAt: string;
  @ApiProperty({ description: 'SHA-256 (hex) of the canonical content.' }) contentHash: string;
  @ApiProperty(OriginProperty) origin: 'seed' | 'proposal';
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) proposalId: string | null;
  @ApiProperty({ type: String, nullable: true }) changeSummary: string | null;
}

@ApiSchema({ name: 'VersionSummary' })
export class VersionSummaryDoc implements VersionSummary {
  @ApiProperty({ type: 'integer' }) version: number;
  @ApiProperty() title: string;
  @ApiProperty({ format: 'date-time' }) publishedAt: string;
  @ApiProperty() contentHash: string;
  @ApiProperty(OriginProperty) origin: 'seed' | 'proposal';
  @ApiProperty({ type: String, nullable: true }) changeSummary: string | null;
}

@ApiSchema({ name: 'RequirementView', description: 'A requirement: its current version and a summary of every version.' })
export class RequirementViewDoc implements RequirementView {
  @ApiProperty({ example: 'SIK-001' }) key: string;
  @ApiProperty(CategoryProperty) category: Category;
  @ApiProperty(RequirementStatusProperty) status: RequirementStatus;
  @ApiProperty({ type: 'integer' }) currentVersion: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) retiredAt: string | null;
  @ApiProperty({ type: VersionViewDoc }) current: VersionView;
  @ApiProperty({ type: [VersionSummaryDoc], description: 'Oldest first.' }) versions: VersionSummary[];
}

@ApiSchema({ name: 'ProvenanceProposal' })
export class ProvenanceProposalDoc {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: 'integer' }) number: number;
  @ApiProperty({ enum: ['create', 'amend', 'retire'] }) kind: string;
  @ApiProperty({ enum: ['legal', 'technical', 'needs', 'development'] }) changeType: string;
  @ApiProperty() motivation: string;
  @ApiProperty({ type: String, nullable: true }) triggeringLegalSource: string | null;
}

@ApiSchema({ name: 'ProvenancePerson' })
export class ProvenancePersonDoc {
  @ApiProperty() username: string;
  @ApiProperty() displayName: string;
  @ApiProperty() organisation: string;
}

@ApiSchema({ name: 'ProvenancePublisher' })
export class ProvenancePublisherDoc {
  @ApiProperty() username: string;
  @ApiProperty() displayName: string;
}

@ApiSchema({ name: 'ProvenanceVote' })
export class ProvenanceVoteDoc {
  @ApiProperty({ description: 'Username of the committee member.' }) voter: string;
  @ApiProperty() displayName: string;
  @ApiProperty() organisation: string;
  @ApiProperty({ enum: ['approve', 'reject', 'abstain'] }) decision: string;
  @ApiProperty({ type: String, nullable: true }) comment: string | null;
  @ApiProperty({ format: 'date-time' }) at: string;
}

@ApiSchema({ name: 'VersionProvenance', description: 'Why a published version exists: the proposal, its people and the votes.' })
export class VersionProvenanceDoc implements VersionProvenanceView {
  @ApiProperty({ type: ProvenanceProposalDoc }) proposal: ProvenanceProposalDoc;
  @ApiProperty({ type: ProvenancePersonDoc }) proposer: ProvenancePersonDoc;
  @ApiProperty({ type: ProvenancePublisherDoc, nullable: true }) publishedBy: ProvenancePublisherDoc | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) publishedAt: string | null;
  @ApiProperty({ type: [ProvenanceVoteDoc] }) votes: ProvenanceVoteDoc[];
  @ApiProperty({ type: [String], description: 'Usernames of those who approved.' }) approvers: string[];
}

@ApiSchema({ name: 'VersionWithProvenance' })
export class VersionWithProvenanceDoc extends VersionViewDoc {
  @ApiProperty({ type: VersionProvenanceDoc, nullable: true, description: 'Null for versions loaded from the seed.' })
  provenance: VersionProvenanceView | null;
}

@ApiSchema({ name: 'DiffRun' })
export class DiffRunDoc implements DiffRun {
  @ApiProperty({ enum: ['equal', 'insert', 'delete'], enumName: 'DiffOp' }) op: 'equal' | 'insert' | 'delete';
  @ApiProperty() text: string;
}

@ApiSchema({ name: 'FieldDiff', description: 'Word-level runs of one field; unchanged fields have one equal run.' })
export class FieldDiffDoc implements FieldDiff {
  @ApiProperty() changed: boolean;
  @ApiProperty({ type: [DiffRunDoc] }) runs: DiffRun[];
}

@ApiSchema({ name: 'ContentDiff', description: 'The diff of every content field.' })
export class ContentDiffDoc implements ContentDiff {
  @ApiProperty({ type: FieldDiffDoc }) title: FieldDiff;
  @ApiProperty({ type: FieldDiffDoc }) statement: FieldDiff;
  @ApiProperty({ type: FieldDiffDoc }) rationale: FieldDiff;
  @ApiProperty({ type: FieldDiffDoc }) guidance: FieldDiff;
  @ApiProperty({ type: FieldDiffDoc }) verification: FieldDiff;
  @ApiProperty({ type: FieldDiffDoc }) level: FieldDiff;
  @ApiProperty({ type: FieldDiffDoc }) obligation: FieldDiff;
  @ApiProperty({ type: FieldDiffDoc }) tags: FieldDiff;
  @ApiProperty({ type: FieldDiffDoc }) legalSources: FieldDiff;
}

@ApiSchema({ name: 'VersionDiff' })
export class VersionDiffDoc implements VersionDiffView {
  @ApiProperty({ example: 'SIK-001' }) key: string;
  @ApiProperty({ type: 'integer' }) from: number;
  @ApiProperty({ type: 'integer' }) to: number;
  @ApiProperty({ ...ContentFieldProperty, isArray: true }) changed: ContentField[];
  @ApiProperty({ type: ContentDiffDoc }) fields: ContentDiff;
}

@ApiSchema({ name: 'LegalSourceView' })
export class LegalSourceViewDoc implements LegalSourceView {
  @ApiProperty({ example: 'gdpr' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: LEGAL_SOURCE_KINDS, enumName: 'LegalSourceKind' }) kind: LegalSourceKind;
  @ApiProperty() issuer: string;
  @ApiProperty() url: string;
  @ApiProperty() version: string;
  @ApiProperty({ type: 'integer', description: 'How many requirements cite it in their current version.' }) requirementCount: number;
}

@ApiSchema({ name: 'CategoryView' })
export class CategoryViewDoc implements CategoryView {
  @ApiProperty(CategoryProperty) id: Category;
  @ApiProperty({ example: 'SIK' }) prefix: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: 'integer' }) active: number;
  @ApiProperty({ type: 'integer' }) retired: number;
}

@ApiSchema({ name: 'ProfileSummary' })
export class ProfileSummaryDoc implements ProfileSummary {
  @ApiProperty() id: string;
  @ApiProperty() title: string;
  @ApiProperty() description: string;
  @ApiProperty({ type: 'integer' }) itemCount: number;
}

@ApiSchema({ name: 'ProfileItem' })
export class ProfileItemDoc {
  @ApiProperty({ example: 'SIK-001' }) key: string;
  @ApiProperty({ ...ObligationProperty, description: 'The suggested obligation.' }) obligation: Obligation;
  @ApiProperty() title: string;
  @ApiProperty(CategoryProperty) category: Category;
  @ApiProperty({ type: 'integer' }) version: number;
  @ApiProperty(RequirementStatusProperty) status: RequirementStatus;
}

@ApiSchema({ name: 'ProfileView' })
export class ProfileViewDoc implements ProfileView {
  @ApiProperty() id: string;
  @ApiProperty() title: string;
  @ApiProperty() description: string;
  @ApiProperty({ type: [ProfileItemDoc] }) items: ProfileItemDoc[];
}

export const RequirementListPage = PageOf(RequirementListItemDoc);
export const VersionPage = PageOf(VersionViewDoc);
export const LegalSourcePage = PageOf(LegalSourceViewDoc);
export const ProfileSummaryPage = PageOf(ProfileSummaryDoc);
