import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { PageQueryDto } from '@kravbank/common';
import {
  CATEGORIES,
  LEGAL_SOURCE_ID_PATTERN,
  LEVELS,
  REQUIREMENT_STATUSES,
  TAG_PATTERN,
  type Category,
  type Level,
  type RequirementStatus,
} from './model.js';

export class RequirementListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: CATEGORIES })
  @IsOptional()
  @IsIn(CATEGORIES, { message: `must be one of ${CATEGORIES.join(', ')}` })
  category?: Category;

  @ApiPropertyOptional({ example: 'mfa' })
  @IsOptional()
  @Matches(TAG_PATTERN, { message: 'must be a tag (lower-case letters, digits, hyphens)' })
  tag?: string;

  @ApiPropertyOptional({ example: 'gdpr' })
  @IsOptional()
  @Matches(LEGAL_SOURCE_ID_PATTERN, { message: 'must be a legal-source id' })
  legalSource?: string;

  @ApiPropertyOptional({ enum: LEVELS })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'must be 1, 2 or 3' })
  @IsIn(LEVELS as unknown as number[], { message: 'must be 1, 2 or 3' })
  level?: Level;

  @ApiPropertyOptional({ enum: REQUIREMENT_STATUSES })
  @IsOptional()
  @IsIn(REQUIREMENT_STATUSES, { message: `must be one of ${REQUIREMENT_STATUSES.join(', ')}` })
  status?: RequirementStatus;
}

export class DiffQueryDto {
  @ApiPropertyOptional({ minimum: 1, description: 'Defaults to the version before `to`.' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  from?: number;

  @ApiPropertyOptional({ minimum: 1, description: 'Defaults to the current version.' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  to?: number;
}

export class VersionParamDto {
  @ApiProperty({ example: 'SIK-001' })
  @IsString()
  @MaxLength(20)
  key: string;

  @ApiProperty({ type: 'integer', minimum: 1, example: 1 })
  @Type(() => Number)
  @IsInt({ message: 'must be a version number (1, 2, …)' })
  @Min(1, { message: 'must be a version number (1, 2, …)' })
  @Max(1_000_000)
  n: number;
}
