import { type EntityManager } from 'typeorm';
import { appendAudit, stateHash } from '@kravbank/audit';
import { conflict, invalid, notFound, offsetOf, type Page } from '@kravbank/common';
import { preparedQuery } from '@kravbank/database';
import type { Role } from '../model.js';
import { UUID } from './admin-access.js';
import { hashPassword } from '../password.js';
import type { CreateOrganisationDto, CreateUserDto, OrganisationView, UserView } from './admin.dto.js';

/* Organisations and users as administrators change them: every change audited in its own transaction. */

const pgCode = (e: unknown): { code?: string; constraint?: string } => {
  const err = e as { code?: string; constraint?: string; driverError?: { code?: string; constraint?: string } };
  return err.driverError ?? err;
};

/** A unique violation as the 409 it is; anything else unchanged. */
function uniqueViolation(e: unknown): unknown {
  const { code, constraint } = pgCode(e);
  if (code !== '23505') return e;
  if (constraint === 'organisation_name_key')
    return conflict('organisation_name_taken', 'Der findes allerede en organisation med det navn.');
  if (constraint === 'organisation_cvr_key')
    return conflict('organisation_cvr_taken', 'Der findes allerede en organisation med det CVR-nummer.');
  if (constraint === 'app_user_username_key') return conflict('username_taken', 'Brugernavnet er allerede i brug.');
  return e;
}

export async function insertOrganisation(m: EntityManager, dto: CreateOrganisationDto, actorId: string | null): Promise<OrganisationView> {
  try {
    const [row] = await preparedQuery(
      m,
      `INSERT INTO organisation (name, cvr, kind) VALUES ($1, $2, $3) RETURNING id, name, cvr, kind, active, created_at`,
      [dto.name, dto.cvr, dto.kind],
    );
    const view = toOrganisation({ ...row, active_users: 0 });
    await appendAudit(m, [
      {
        actorId,
        action: 'organisation.created',
        entityType: 'organisation',
        entityId: view.id,
        afterHash: stateHash({ ...dto }),
        data: { ...dto },
      },
    ]);
    return view;
  } catch (e) {
    throw uniqueViolation(e);
  }
}

export interface NewUser extends CreateUserDto {
  /** A service user behind an API key, or a person signed in by a provider (issuer and subject). */
  kind?: 'person' | 'api_key';
  external?: { issuer: string; subject: string };
}

export async function insertUser(m: EntityManager, dto: NewUser, actorId: string | null): Promise<UserView> {
  const [org] = await preparedQuery(m, `SELECT id, active FROM organisation WHERE id = $1`, [dto.organisationId]);
  if (!org) throw invalid('organisationId', 'ingen organisation med det id');
  const passwordHash = dto.password ? await hashPassword(dto.password) : null;
  let id: string;
  try {
    [{ id }] = await preparedQuery(
      m,
      `INSERT INTO app_user (username, display_name, organisation_id, password_hash, roles, kind, external_issuer, external_subject)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [
        dto.username,
        dto.displayName,
        dto.organisationId,
        passwordHash,
        dto.roles,
        dto.kind ?? 'person',
        dto.external?.issuer ?? null,
        dto.external?.subject ?? null,
      ],
    );
  } catch (e) {
    throw uniqueViolation(e);
  }
  const { password: _p, ...audited } = dto;
  await appendAudit(m, [
    {
      actorId,
      action: 'user.created',
      entityType: 'user',
      entityId: id,
      afterHash: stateHash(audited),
      data: { ...audited, password: !!dto.password },
    },
  ]);
  return (await findUserView(m, id))!;
}

/** Ends every browser session of these users (deactivation): the next request with such a cookie is refused. */
export async function revokeSessionsOf(m: EntityManager, userIds: string[]): Promise<number> {
  const rows = await preparedQuery(
    m,
    `UPDATE browser_session SET revoked_at = now() WHERE user_id = ANY($1::uuid[]) AND revoked_at IS NULL RETURNING user_id`,
    [userIds],
  );
  return rows.length;
}

const ORGANISATION_SQL = `SELECT o.id, o.name, o.cvr, o.kind, o.active, o.created_at,
  (SELECT count(*) FROM app_user u WHERE u.organisation_id = o.id AND u.active AND u.kind = 'person')::int AS active_users
  FROM organisation o`;

interface OrganisationRow {
  id: string;
  name: string;
  cvr: string | null;
  kind: OrganisationView['kind'];
  active: boolean;
  created_at: Date;
  active_users: number;
}

const toOrganisation = (r: OrganisationRow): OrganisationView => ({
  id: r.id,
  name: r.name,
  cvr: r.cvr,
  kind: r.kind,
  active: r.active,
  activeUsers: r.active_users,
  createdAt: new Date(r.created_at).toISOString(),
});

export async function listOrganisations(
  m: EntityManager,
  f: { only?: string; q?: string; page: number; limit: number },
): Promise<Page<OrganisationView>> {
  const where = `WHERE ($1::uuid IS NULL OR o.id = $1) AND ($2::text IS NULL OR o.name ILIKE '%' || $2 || '%' OR o.cvr = $2)`;
  const params = [f.only ?? null, f.q ?? null];
  const [{ n }] = await preparedQuery(m, `SELECT count(*)::int AS n FROM organisation o ${where}`, params);
  const rows = await preparedQuery<OrganisationRow>(m, `${ORGANISATION_SQL} ${where} ORDER BY o.name LIMIT $3 OFFSET $4`, [
    ...params,
    f.limit,
    offsetOf(f),
  ]);
  return { items: rows.map(toOrganisation), total: n, page: f.page, limit: f.limit };
}

export async function findOrganisation(m: EntityManager, id: string): Promise<OrganisationView> {
  if (!UUID.test(id)) throw notFound('organisation', id);
  const [row] = await preparedQuery<OrganisationRow>(m, `${ORGANISATION_SQL} WHERE o.id = $1`, [id]);
  if (!row) throw notFound('organisation', id);
  return toOrganisation(row);
}

/** The organisation named by CVR number, name or id (for the command line). */
export async function findOrganisationRef(m: EntityManager, ref: string): Promise<OrganisationView | null> {
  const [row] = await preparedQuery<OrganisationRow>(
    m,
    `${ORGANISATION_SQL} WHERE o.cvr = $1 OR lower(o.name) = lower($1) OR o.id::text = $1 LIMIT 1`,
    [ref],
  );
  return row ? toOrganisation(row) : null;
}

const USER_VIEW_SQL = `SELECT u.id, u.username, u.display_name, u.organisation_id, o.name AS organisation_name, u.roles, u.active,
  CASE WHEN u.password_hash IS NOT NULL THEN 'password' WHEN u.external_issuer IS NOT NULL THEN 'provider' ELSE 'none' END AS sign_in,
  u.created_at FROM app_user u JOIN organisation o ON o.id = u.organisation_id`;

interface UserRow {
  id: string;
  username: string;
  display_name: string;
  organisation_id: string;
  organisation_name: string;
  roles: Role[];
  active: boolean;
  sign_in: UserView['signIn'];
  created_at: Date;
}

const toUser = (r: UserRow): UserView => ({
  id: r.id,
  username: r.username,
  displayName: r.display_name,
  organisationId: r.organisation_id,
  organisationName: r.organisation_name,
  roles: r.roles,
  active: r.active,
  signIn: r.sign_in,
  createdAt: new Date(r.created_at).toISOString(),
});

export async function findUserView(m: EntityManager, id: string): Promise<UserView | null> {
  const [row] = await preparedQuery<UserRow>(m, `${USER_VIEW_SQL} WHERE u.id = $1`, [id]);
  return row ? toUser(row) : null;
}

export async function listUsers(
  m: EntityManager,
  f: { organisationId?: string; q?: string; page: number; limit: number },
): Promise<Page<UserView>> {
  const where = `WHERE u.kind = 'person' AND ($1::uuid IS NULL OR u.organisation_id = $1)
    AND ($2::text IS NULL OR u.username ILIKE '%' || $2 || '%' OR u.display_name ILIKE '%' || $2 || '%')`;
  const params = [f.organisationId ?? null, f.q ?? null];
  const [{ n }] = await preparedQuery(m, `SELECT count(*)::int AS n FROM app_user u ${where}`, params);
  const rows = await preparedQuery<UserRow>(m, `${USER_VIEW_SQL} ${where} ORDER BY o.name, u.username LIMIT $3 OFFSET $4`, [
    ...params,
    f.limit,
    offsetOf(f),
  ]);
  return { items: rows.map(toUser), total: n, page: f.page, limit: f.limit };
}
