import { Global, Injectable, Module } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { invalid } from '@kravbank/common';
import { listAudit, verifyAuditChain } from './audit.js';
import type { AuditQueryDto } from './dto.js';

@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  list(q: AuditQueryDto) {
    if (q.from && q.to && new Date(q.from) > new Date(q.to)) throw invalid('from', 'must not be after to');
    return listAudit(this.db, q);
  }

  verify() {
    return verifyAuditChain(this.db);
  }
}

@Global()
@Module({ providers: [AuditService], exports: [AuditService] })
export class AuditModule {}
