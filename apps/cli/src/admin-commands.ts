import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { appendAudit } from '@kravbank/audit';
import { DomainError } from '@kravbank/common';
import { preparedQuery } from '@kravbank/database';
import {
  CreateOrganisationDto,
  CreateUserDto,
  findOrganisationRef,
  insertOrganisation,
  insertUser,
  listOrganisations,
  revokeSessionsOf,
  ROLES,
  type Role,
} from '@kravbank/identity';

/* Organisations and users from the command line: how the first admin is made on a fresh deployment. Audited with no actor. */

/** Validates a DTO as the API would, and names each refused field. */
function validated<T extends object>(cls: new () => T, plain: Record<string, unknown>): T {
  const dto = plainToInstance(cls, plain);
  const errors = validateSync(dto, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length) {
    throw new Error(errors.map((e) => `--${e.property}: ${Object.values(e.constraints ?? {})[0] ?? 'ugyldig'}`).join('\n'));
  }
  return dto;
}

const explained = (e: unknown): never => {
  if (e instanceof DomainError) throw new Error(e.message);
  throw e;
};

export async function createOrganisation(ds: DataSource, opts: { name: string; cvr: string; kind: string }): Promise<string> {
  const dto = validated(CreateOrganisationDto, opts);
  const org = await ds.transaction((m) => insertOrganisation(m, dto, null)).catch(explained);
  return `organisation created: ${org.name} (CVR ${org.cvr}, ${org.kind}) ${org.id}`;
}

export interface CreateUserOptions {
  username: string;
  name: string;
  organisation: string;
  role: string[];
  admin?: boolean;
  password?: string;
  noPassword?: boolean;
}

/** Creates a user; without --password (or --no-password) a random first password is made and printed once. */
export async function createUser(ds: DataSource, opts: CreateUserOptions): Promise<string> {
  const org = await findOrganisationRef(ds.manager, opts.organisation);
  if (!org) throw new Error(`--organisation: no organisation with the CVR number, name or id '${opts.organisation}'`);
  const roles = [...new Set([...opts.role, ...(opts.admin ? ['admin'] : [])])];
  const generated = opts.password || opts.noPassword ? undefined : randomBytes(15).toString('base64url');
  const password = opts.noPassword ? undefined : (opts.password ?? generated);
  const dto = validated(CreateUserDto, { username: opts.username, displayName: opts.name, organisationId: org.id, roles, password });
  const user = await ds.transaction((m) => insertUser(m, dto, null)).catch(explained);
  return (
    `user created: ${user.username} in ${user.organisationName} with ${user.roles.join(', ')} ${user.id}` +
    (generated ? `\nfirst password (shown once): ${generated}` : '')
  );
}

export async function setUserActive(ds: DataSource, username: string, active: boolean): Promise<string> {
  return ds.transaction(async (m) => {
    const [user] = await preparedQuery<{ id: string; active: boolean }>(
      m,
      `SELECT id, active FROM app_user WHERE username = $1 FOR UPDATE`,
      [username.toLowerCase()],
    );
    if (!user) throw new Error(`no user '${username}'`);
    if (user.active === active) return `${username} is already ${active ? 'active' : 'deactivated'}`;
    await preparedQuery(m, `UPDATE app_user SET active = $2 WHERE id = $1`, [user.id, active]);
    const sessionsEnded = active ? 0 : await revokeSessionsOf(m, [user.id]);
    await appendAudit(m, [
      {
        actorId: null,
        action: active ? 'user.activated' : 'user.deactivated',
        entityType: 'user',
        entityId: user.id,
        data: { via: 'cli', sessionsEnded },
      },
    ]);
    return `${username} ${active ? 'activated' : `deactivated (${sessionsEnded} session(s) ended)`}`;
  });
}

export async function describeOrganisations(ds: DataSource): Promise<string> {
  const page = await listOrganisations(ds.manager, { page: 1, limit: 100 });
  const lines = page.items.map(
    (o) => `${o.cvr ?? '--------'}  ${o.kind.padEnd(12)} ${o.active ? 'active  ' : 'inactive'} ${o.activeUsers} user(s)  ${o.name}`,
  );
  return [...lines, `${page.total} organisation(s)${page.total > 100 ? ' (the first 100 shown)' : ''}`].join('\n');
}

export const ROLE_LIST: readonly Role[] = ROLES;
