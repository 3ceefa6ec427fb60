import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { PageQueryDto } from '@kravbank/common';
import {
  CATEGORIES,
  LEGAL_SOURCE_ID_PATTERN,
  LEVELS,
  REQUIREMENT_STATUSES,
  TAG_PATTERN,
  type Category,
  type RequirementStatus,
} from '@kravbank/catalogue';
import { MAX_QUERY_LENGTH } from './model.js';

/** At most this many values of one filter (`tag=a&tag=b` …). */
export const MAX_FILTER_VALUES = 10;

/** A query parameter given once or repeated becomes a list. */
const toList = ({ value }: { value: unknown }) => (value === undefined ? undefined : Array.isArray(value) ? value : [value]);
const toIntList = ({ value }: { value: unknown }) =>
  value === undefined
    ? undefined
    : (Array.isArray(value) ? value : [value]).map((v) => (typeof v === 'string' && /^\d{1,6}$/.test(v) ? Number(v) : v));

const many = { each: true };

export class SearchQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    maxLength: MAX_QUERY_LENGTH,
    example: 'logning af opslag',
    description:
      'What to look for, as typed (typos, inflections and abbreviations are fine). Empty or left out: browse the bank with facets.',
  })
  @IsOptional()
  @IsString({ message: 'must be one text (give q once)' })
  @MaxLength(MAX_QUERY_LENGTH)
  q?: string;

  @ApiPropertyOptional({ enum: CATEGORIES, isArray: true, description: 'Repeat for any of several.' })
  @IsOptional()
  @Transform(toList)
  @IsArray()
  @ArrayMaxSize(MAX_FILTER_VALUES)
  @IsIn(CATEGORIES, { ...many, message: `must be one of ${CATEGORIES.join(', ')}` })
  category?: Category[];

  @ApiPropertyOptional({ enum: LEVELS, isArray: true, description: 'Repeat for any of several.' })
  @IsOptional()
  @Transform(toIntList)
  @IsArray()
  @ArrayMaxSize(MAX_FILTER_VALUES)
  @IsInt({ ...many, message: 'must be 1, 2 or 3' })
  @IsIn(LEVELS as unknown as number[], { ...many, message: 'must be 1, 2 or 3' })
  level?: number[];

  @ApiPropertyOptional({ isArray: true, type: String, example: 'mfa', description: 'Repeat for any of several.' })
  @IsOptional()
  @Transform(toList)
  @IsArray()
  @ArrayMaxSize(MAX_FILTER_VALUES)
  @Matches(TAG_PATTERN, { ...many, message: 'must be a tag (lower-case letters, digits, hyphens)' })
  tag?: string[];

  @ApiPropertyOptional({ isArray: true, type: String, example: 'gdpr', description: 'Repeat for any of several.' })
  @IsOptional()
  @Transform(toList)
  @IsArray()
  @ArrayMaxSize(MAX_FILTER_VALUES)
  @Matches(LEGAL_SOURCE_ID_PATTERN, { ...many, message: 'must be a legal-source id' })
  legalSource?: string[];

  @ApiPropertyOptional({
    enum: REQUIREMENT_STATUSES,
    default: 'active',
    description: 'Retired requirements are found only when asked for.',
  })
  @IsOptional()
  @IsIn(REQUIREMENT_STATUSES, { message: `must be one of ${REQUIREMENT_STATUSES.join(', ')}` })
  status?: RequirementStatus;
}
