import { type EntityManager } from 'typeorm';
import { DomainError, notFound } from '@kravbank/common';
import { preparedQuery } from '@kravbank/database';
import { hasRole, type Principal, type Role } from '../model.js';

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Roles that act on the whole bank (the kravredaktion and the faggruppe): only a global admin grants them. */
export const BANK_WIDE_ROLES: readonly Role[] = ['editor', 'committee'];

/** Who an administrator is: a global admin belongs to a secretariat organisation; any other admin reaches only its own organisation. */
export interface AdminScope {
  actor: Principal;
  global: boolean;
}

export async function adminScope(m: EntityManager, actor: Principal): Promise<AdminScope> {
  if (!hasRole(actor, 'admin')) throw new DomainError('forbidden', 'forbidden', 'This needs the role admin.');
  const [org] = await preparedQuery<{ kind: string }>(m, `SELECT kind FROM organisation WHERE id = $1`, [actor.organisationId]);
  return { actor, global: org?.kind === 'secretariat' };
}

export function requireGlobal(scope: AdminScope): void {
  if (!scope.global) {
    throw new DomainError('forbidden', 'global_admin_required', 'Kun en administrator i sekretariatet kan ændre organisationer.');
  }
}

/** An organisation an admin may manage users in: its own, or any for a global admin. */
export function requireOrganisation(scope: AdminScope, organisationId: string): void {
  if (!scope.global && organisationId !== scope.actor.organisationId) {
    throw new DomainError('forbidden', 'other_organisation', 'En administrator kan kun administrere sin egen organisations brugere.');
  }
}

/** The roles an admin may hand out: a global admin any; an organisation's admin not the bank-wide ones. */
export function requireGrantable(scope: AdminScope, roles: Role[], field = 'roles'): void {
  const refused = scope.global ? [] : roles.filter((r) => BANK_WIDE_ROLES.includes(r));
  if (refused.length) {
    throw new DomainError(
      'forbidden',
      'role_not_grantable',
      `Kun en administrator i sekretariatet kan tildele rollen ${refused.join(' og ')}.`,
      [{ field, reason: `kun sekretariatets administrator kan tildele ${refused.join(', ')}`, in: 'body' }],
    );
  }
}

/** Locks and returns a user the admin may reach; a user of another organisation is answered as unknown (404). */
export async function reachableUser(
  m: EntityManager,
  scope: AdminScope,
  id: string,
): Promise<{ id: string; organisation_id: string; roles: Role[]; active: boolean; display_name: string; kind: string }> {
  if (!UUID.test(id)) throw notFound('user', id);
  const [row] = await preparedQuery(
    m,
    `SELECT id, organisation_id, roles, active, display_name, kind FROM app_user WHERE id = $1 FOR UPDATE`,
    [id],
  );
  if (!row || (!scope.global && row.organisation_id !== scope.actor.organisationId)) throw notFound('user', id);
  return row;
}
