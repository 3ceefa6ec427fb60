import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { PageQueryDto } from '@kravbank/common';

export class AuditQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 'change_proposal', description: 'requirement, change_proposal, specification, …' })
  @IsOptional()
  @Matches(/^[a-z_]{1,40}$/, { message: 'must be an entity type such as requirement or change_proposal' })
  entityType?: string;

  @ApiPropertyOptional({ example: 'SIK-014' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  entityId?: string;

  @ApiPropertyOptional({ example: 'proposal.published' })
  @IsOptional()
  @Matches(/^[a-z_.]{1,60}$/, { message: 'must be an action such as proposal.published' })
  action?: string;

  @ApiPropertyOptional({ example: 'redaktion', description: 'Username of the actor' })
  @IsOptional()
  @Matches(/^[a-z0-9._-]{1,60}$/, { message: 'must be a username such as redaktion' })
  actor?: string;

  @ApiPropertyOptional({
    format: 'date-time',
    description: 'Entries at or after this time (ISO 8601, e.g. 2026-12-01 or 2026-12-01T08:00:00Z)',
  })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'must be a date or time in ISO 8601, such as 2026-12-01' })
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Entries before this time (ISO 8601)' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'must be a date or time in ISO 8601, such as 2026-12-31' })
  to?: string;
}
