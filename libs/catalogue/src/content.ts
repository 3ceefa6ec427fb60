import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
  ArrayMinSize,
} from 'class-validator';
import { createHash } from 'node:crypto';
import { NonBlankText, NullableField } from '@kravbank/common';
import { LEGAL_SOURCE_ID_PATTERN, LEVELS, Level, OBLIGATIONS, Obligation, RequirementContent, TAG_PATTERN } from './model.js';
import type { VersionView } from './views.js';

const notBlank = { message: 'must not be empty' };

export class LegalSourceRefDto {
  @ApiProperty({ example: 'gdpr' })
  @IsString()
  @Matches(LEGAL_SOURCE_ID_PATTERN, { message: 'must be a legal-source id (lower-case letters, digits, hyphens)' })
  id: string;

  @ApiPropertyOptional({ type: String, example: 'art. 32', nullable: true })
  @NullableField()
  @IsString()
  @MinLength(1, notBlank)
  @MaxLength(200)
  section?: string | null;
}

/**
 * The content of a requirement version as written by an editor. One class validates
 * the seed files, change proposals and every other place content enters the bank.
 */
export class RequirementContentDto implements RequirementContent {
  @ApiProperty({ example: 'Multifaktorautentifikation for administratorer' })
  @NonBlankText(200)
  title: string;

  @ApiProperty({ description: 'The normative text the supplier must meet ("Leverandøren skal …").' })
  @NonBlankText(4000)
  statement: string;

  @ApiProperty()
  @NonBlankText(8000)
  rationale: string;

  @ApiProperty()
  @NonBlankText(8000)
  guidance: string;

  @ApiProperty()
  @NonBlankText(8000)
  verification: string;

  @ApiProperty({ enum: LEVELS, description: '1 every procurement, 2 personal data or critical service, 3 high risk' })
  @IsInt()
  @IsIn(LEVELS as unknown as number[], { message: 'must be 1, 2 or 3' })
  level: Level;

  @ApiProperty({ enum: OBLIGATIONS })
  @IsIn(OBLIGATIONS, { message: `must be one of ${OBLIGATIONS.join(', ')}` })
  obligation: Obligation;

  @ApiProperty({ type: [String], example: ['mfa', 'adgangsstyring'] })
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsString({ each: true })
  @Matches(TAG_PATTERN, { each: true, message: 'each tag must be lower-case letters, digits or hyphens (at most 40)' })
  tags: string[];

  @ApiProperty({ type: [LegalSourceRefDto] })
  @IsArray()
  @ArrayMinSize(1, { message: 'must name at least one legal source' })
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => LegalSourceRefDto)
  legalSources: LegalSourceRefDto[];
}

/**
 * The canonical form of a content: keys in fixed order, text NFC-normalised with
 * line endings unified and outer white space trimmed, tags sorted, empty sections as null.
 * Two contents with the same canonical form are the same wording.
 */
export function canonicalContent(c: RequirementContent): RequirementContent {
  const text = (s: string) => s.normalize('NFC').replace(/\r\n?/g, '\n').trim();
  return {
    title: text(c.title),
    statement: text(c.statement),
    rationale: text(c.rationale),
    guidance: text(c.guidance),
    verification: text(c.verification),
    level: c.level,
    obligation: c.obligation,
    tags: [...new Set(c.tags.map((t) => text(t)))].sort(),
    legalSources: c.legalSources.map((s) => ({ id: s.id, section: s.section ? text(s.section) : null })),
  };
}

/** SHA-256 (hex) over the canonical JSON of a content. */
export function contentHash(c: RequirementContent): string {
  return createHash('sha256')
    .update(JSON.stringify(canonicalContent(c)))
    .digest('hex');
}

/** The content fields of a published version, as the diff and the hash see them. */
export function contentOf(v: VersionView): RequirementContent {
  return {
    title: v.title,
    statement: v.statement,
    rationale: v.rationale,
    guidance: v.guidance,
    verification: v.verification,
    level: v.level,
    obligation: v.obligation,
    tags: v.tags,
    legalSources: v.legalSources.map((s) => ({ id: s.id, section: s.section })),
  };
}
