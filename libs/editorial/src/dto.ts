import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsDefined,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { NonBlankText, OptionalField, PageQueryDto } from '@kravbank/common';
import { RequirementContentDto, CATEGORIES, KEY_PATTERN, LEGAL_SOURCE_ID_PATTERN, type Category } from '@kravbank/catalogue';
import {
  CHANGE_TYPES,
  PROPOSAL_KINDS,
  PROPOSAL_STATES,
  VOTE_DECISIONS,
  type ChangeType,
  type ProposalKind,
  type ProposalState,
  type VoteDecision,
} from './model.js';

const BOOLEAN_TEXT = ['true', 'false'] as const;
type BooleanText = (typeof BOOLEAN_TEXT)[number];

export class CreateProposalDto {
  @ApiProperty({ enum: PROPOSAL_KINDS })
  @IsIn(PROPOSAL_KINDS, { message: `must be one of ${PROPOSAL_KINDS.join(', ')}` })
  kind: ProposalKind;

  @ApiProperty({
    enum: CHANGE_TYPES,
    description: 'legal = lovvedligehold, technical = teknisk vedligehold, needs = behovsændring, development = videreudvikling',
  })
  @IsIn(CHANGE_TYPES, { message: `must be one of ${CHANGE_TYPES.join(', ')}` })
  changeType: ChangeType;

  @ApiPropertyOptional({ example: 'SIK-014', description: 'For amend and retire' })
  @OptionalField()
  @IsString()
  @Matches(KEY_PATTERN, { message: 'must be a requirement key such as SIK-014' })
  requirementKey?: string;

  @ApiPropertyOptional({ minimum: 1, description: 'For amend and retire: the version the change is written against' })
  @OptionalField()
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  baseVersion?: number;

  @ApiPropertyOptional({ enum: CATEGORIES, description: 'For create' })
  @OptionalField()
  @IsIn(CATEGORIES, { message: `must be one of ${CATEGORIES.join(', ')}` })
  category?: Category;

  @ApiProperty({ description: 'Why the change is needed' })
  @NonBlankText(4000)
  motivation: string;

  @ApiPropertyOptional({ example: 'gdpr', description: 'The legal source whose change triggered the proposal' })
  @OptionalField()
  @Matches(LEGAL_SOURCE_ID_PATTERN, { message: 'must be a legal-source id' })
  triggeringLegalSource?: string;

  @ApiPropertyOptional({ type: RequirementContentDto, description: 'For create and amend: the full proposed content' })
  @OptionalField()
  @IsObject({ message: 'must be an object with the content fields' })
  @ValidateNested()
  @Type(() => RequirementContentDto)
  content?: RequirementContentDto;
}

export class ReviseDto {
  @ApiProperty({ type: RequirementContentDto })
  @IsDefined({ message: 'is required' })
  @IsObject({ message: 'must be an object with the content fields' })
  @ValidateNested()
  @Type(() => RequirementContentDto)
  content: RequirementContentDto;

  @ApiPropertyOptional({ description: 'The revision this edit starts from; a newer one on the server gives 409 instead of a lost update' })
  @OptionalField()
  @IsInt()
  @Min(1)
  baseRevision?: number;

  @ApiPropertyOptional({ description: 'What was changed and why' })
  @OptionalField()
  @NonBlankText(2000)
  note?: string;
}

export class VoteDto {
  @ApiProperty({ enum: VOTE_DECISIONS })
  @IsIn(VOTE_DECISIONS, { message: `must be one of ${VOTE_DECISIONS.join(', ')}` })
  decision: VoteDecision;

  @ApiPropertyOptional({ description: 'Required with reject' })
  @OptionalField()
  @NonBlankText(4000)
  comment?: string;
}

export class RejectDto {
  @ApiProperty()
  @NonBlankText(4000)
  reason: string;
}

export class CommentDto {
  @ApiProperty()
  @IsString()
  @MinLength(1)
  @Matches(/\S/, { message: 'must not be empty' })
  @MaxLength(8000)
  text: string;
}

export class ProposalListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: PROPOSAL_STATES })
  @IsOptional()
  @IsIn(PROPOSAL_STATES, { message: `must be one of ${PROPOSAL_STATES.join(', ')}` })
  state?: ProposalState;

  @ApiPropertyOptional({ enum: PROPOSAL_KINDS })
  @IsOptional()
  @IsIn(PROPOSAL_KINDS, { message: `must be one of ${PROPOSAL_KINDS.join(', ')}` })
  kind?: ProposalKind;

  @ApiPropertyOptional({ example: 'SIK-014' })
  @IsOptional()
  @Matches(KEY_PATTERN, { message: 'must be a requirement key such as SIK-014' })
  requirementKey?: string;

  @ApiPropertyOptional({ enum: CHANGE_TYPES })
  @IsOptional()
  @IsIn(CHANGE_TYPES, { message: `must be one of ${CHANGE_TYPES.join(', ')}` })
  changeType?: ChangeType;

  @ApiPropertyOptional({
    enum: BOOLEAN_TEXT,
    description: 'true: only proposals still open for work (draft, submitted, in_review, approved)',
  })
  @IsOptional()
  @IsIn(BOOLEAN_TEXT, { message: 'must be true or false' })
  open?: BooleanText;

  @ApiPropertyOptional({ enum: BOOLEAN_TEXT, description: 'true: only the proposals you proposed' })
  @IsOptional()
  @IsIn(BOOLEAN_TEXT, { message: 'must be true or false' })
  mine?: BooleanText;

  @ApiPropertyOptional({
    enum: BOOLEAN_TEXT,
    description:
      'true: proposals in review on which you (a committee member) may vote and have not voted on since the last revision; empty for anyone else',
  })
  @IsOptional()
  @IsIn(BOOLEAN_TEXT, { message: 'must be true or false' })
  awaitingMyVote?: BooleanText;
}

export class RevisionDiffQueryDto {
  @ApiPropertyOptional({ minimum: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  from?: number;

  @ApiPropertyOptional({ minimum: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  to?: number;
}
