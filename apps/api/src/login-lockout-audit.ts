import { Global, Injectable, Module } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { appendAudit } from '@kravbank/audit';
import { type LoginLockout, LoginLockoutLog } from '@kravbank/identity';

/** Writes every login lockout to the audit trail (entity `login`, id `user:<name>` or `address:<ip>`). */
@Injectable()
export class AuditLoginLockouts extends LoginLockoutLog {
  constructor(@InjectDataSource() private readonly db: DataSource) {
    super();
  }

  async lockedOut(l: LoginLockout): Promise<void> {
    await this.db.transaction((manager) =>
      appendAudit(manager, [
        {
          actorId: null,
          action: 'login_locked',
          entityType: 'login',
          entityId: `${l.scope}:${l.subject}`,
          data: { failures: l.failures, lockedSeconds: l.lockedSeconds },
        },
      ]),
    );
  }
}

/** Global, so that the identity lib's LoginThrottle finds its lockout log. */
@Global()
@Module({ providers: [{ provide: LoginLockoutLog, useClass: AuditLoginLockouts }], exports: [LoginLockoutLog] })
export class LoginLockoutAuditModule {}
