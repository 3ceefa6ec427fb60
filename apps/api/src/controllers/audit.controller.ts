import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuditService, AuditQueryDto, AuditEntryPage, AuditVerificationDoc } from '@kravbank/audit';
import { Roles } from '@kravbank/identity';
import { ApiProblems } from '../openapi.js';

@ApiTags('Audit')
@ApiBearerAuth()
@ApiProblems(400, 401, 403)
@Roles('editor', 'admin')
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @ApiOperation({ summary: 'The audit trail, newest first; filter by entity, action, actor and time' })
  @ApiOkResponse({ type: AuditEntryPage })
  list(@Query() q: AuditQueryDto) {
    return this.audit.list(q);
  }

  @Get('verify')
  @ApiOperation({ summary: 'Recompute the hash chain and report any edited or removed entry' })
  @ApiOkResponse({ type: AuditVerificationDoc })
  verify(): Promise<AuditVerificationDoc> {
    return this.audit.verify();
  }
}
