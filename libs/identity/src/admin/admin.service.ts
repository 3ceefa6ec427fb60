import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { appendAudit, stateHash } from '@kravbank/audit';
import { DomainError, type Page } from '@kravbank/common';
import { preparedQuery } from '@kravbank/database';
import type { Principal } from '../model.js';
import { PrincipalCache } from '../principal-cache.js';
import { adminScope, reachableUser, requireGlobal, requireGrantable, requireOrganisation } from './admin-access.js';
import type {
  CreateOrganisationDto,
  CreateUserDto,
  OrganisationQueryDto,
  OrganisationView,
  UpdateOrganisationDto,
  UpdateUserDto,
  UserQueryDto,
  UserView,
} from './admin.dto.js';
import {
  findOrganisation,
  findUserView,
  insertOrganisation,
  insertUser,
  listOrganisations,
  listUsers,
  revokeSessionsOf,
} from './admin.store.js';

/**
 * Organisations and users, administered. A global admin (an admin of a secretariat organisation) manages every
 * organisation; any other admin manages only its own organisation's users and cannot hand out the bank-wide roles.
 */
@Injectable()
export class AdminService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly principals: PrincipalCache,
  ) {}

  async organisations(actor: Principal, q: OrganisationQueryDto): Promise<Page<OrganisationView>> {
    const scope = await adminScope(this.db.manager, actor);
    return listOrganisations(this.db.manager, { ...q, only: scope.global ? undefined : actor.organisationId });
  }

  createOrganisation(actor: Principal, dto: CreateOrganisationDto): Promise<OrganisationView> {
    return this.db.transaction(async (m) => {
      requireGlobal(await adminScope(m, actor));
      return insertOrganisation(m, dto, actor.id);
    });
  }

  async updateOrganisation(actor: Principal, id: string, dto: UpdateOrganisationDto): Promise<OrganisationView> {
    const result = await this.db.transaction(async (m) => {
      requireGlobal(await adminScope(m, actor));
      if (id === actor.organisationId && !dto.active) {
        throw new DomainError('conflict', 'own_organisation', 'Du kan ikke deaktivere din egen organisation.');
      }
      const before = await findOrganisation(m, id);
      if (before.active === dto.active) return before;
      await preparedQuery(m, `UPDATE organisation SET active = $2 WHERE id = $1`, [id, dto.active]);
      const users = await preparedQuery<{ id: string }>(m, `SELECT id FROM app_user WHERE organisation_id = $1`, [id]);
      const sessions = dto.active
        ? 0
        : await revokeSessionsOf(
            m,
            users.map((u) => u.id),
          );
      await appendAudit(m, [
        {
          actorId: actor.id,
          action: dto.active ? 'organisation.activated' : 'organisation.deactivated',
          entityType: 'organisation',
          entityId: id,
          beforeHash: stateHash({ active: before.active }),
          afterHash: stateHash({ active: dto.active }),
          data: { name: before.name, cvr: before.cvr, sessionsEnded: sessions },
        },
      ]);
      return findOrganisation(m, id);
    });
    this.principals.forgetAll();
    return result;
  }

  async users(actor: Principal, q: UserQueryDto): Promise<Page<UserView>> {
    const scope = await adminScope(this.db.manager, actor);
    if (q.organisationId) requireOrganisation(scope, q.organisationId);
    return listUsers(this.db.manager, { ...q, organisationId: scope.global ? q.organisationId : actor.organisationId });
  }

  createUser(actor: Principal, dto: CreateUserDto): Promise<UserView> {
    return this.db.transaction(async (m) => {
      const scope = await adminScope(m, actor);
      requireOrganisation(scope, dto.organisationId);
      requireGrantable(scope, dto.roles);
      return insertUser(m, dto, actor.id);
    });
  }

  async updateUser(actor: Principal, id: string, dto: UpdateUserDto): Promise<UserView> {
    const result = await this.db.transaction(async (m) => {
      const scope = await adminScope(m, actor);
      const user = await reachableUser(m, scope, id);
      if (user.kind !== 'person') throw new DomainError('conflict', 'api_key_user', 'En API-nøgle ændres under API-nøgler.');
      if (dto.roles)
        requireGrantable(scope, [
          ...dto.roles.filter((r) => !user.roles.includes(r)),
          ...user.roles.filter((r) => !dto.roles!.includes(r)),
        ]);
      if (id === actor.id && (dto.active === false || (dto.roles && !dto.roles.includes('admin')))) {
        throw new DomainError('conflict', 'own_account', 'Du kan ikke deaktivere dig selv eller fjerne din egen administratorrolle.');
      }
      const after = {
        displayName: dto.displayName ?? user.display_name,
        roles: dto.roles ?? user.roles,
        active: dto.active ?? user.active,
      };
      const before = { displayName: user.display_name, roles: user.roles, active: user.active };
      if (stateHash(before) === stateHash(after)) return (await findUserView(m, id))!;
      await preparedQuery(m, `UPDATE app_user SET display_name = $2, roles = $3, active = $4 WHERE id = $1`, [
        id,
        after.displayName,
        after.roles,
        after.active,
      ]);
      const sessionsEnded = after.active ? 0 : await revokeSessionsOf(m, [id]);
      const action = before.active !== after.active ? (after.active ? 'user.activated' : 'user.deactivated') : 'user.updated';
      await appendAudit(m, [
        {
          actorId: actor.id,
          action,
          entityType: 'user',
          entityId: id,
          beforeHash: stateHash(before),
          afterHash: stateHash(after),
          data: { before, after, sessionsEnded },
        },
      ]);
      return (await findUserView(m, id))!;
    });
    this.principals.forgetAll();
    return result;
  }
}
