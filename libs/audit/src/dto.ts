import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
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
}
