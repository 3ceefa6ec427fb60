import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { JWTPayload } from 'jose';
import { DataSource, type EntityManager } from 'typeorm';
import { appendAudit, stateHash } from '@kravbank/audit';
import { DomainError } from '@kravbank/common';
import { preparedQuery } from '@kravbank/database';
import { insertUser } from '../admin/admin.store.js';
import type { Role } from '../model.js';
import { PrincipalCache } from '../principal-cache.js';
import { mapRoles, type OidcProvider } from './providers.js';

/** Why a sign-in through a provider was refused: a code the web app explains in Danish, never a 500. */
export class SignInRefused extends DomainError {
  constructor(code: string, message: string) {
    super('forbidden', code, message);
  }
}

interface ExistingUser {
  id: string;
  organisation_id: string;
  roles: Role[];
  active: boolean;
  external_issuer: string | null;
}

/** A username from the provider's claim: lower case, only the characters a username may hold. */
function usernameFrom(provider: OidcProvider, claims: JWTPayload): string {
  const raw = claims[provider.usernameClaim] ?? claims.email ?? claims.azp ?? claims.client_id;
  const name = String(raw ?? `${provider.organisation}-${claims.sub}`)
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9._@-]+/g, '-')
    .replace(/^[^a-z0-9]+/, '')
    .slice(0, 128);
  return name.length >= 2
    ? name
    : `${provider.organisation}-${String(claims.sub)
        .toLowerCase()
        .replace(/[^a-z0-9]/g, '')}`.slice(0, 128);
}

/**
 * Users signed in by an organisation's provider: found by issuer and subject, provisioned in the provider's organisation
 * on first sign-in with the mapped roles, their roles following the provider at each sign-in when syncRolesOnLogin.
 * A person an admin created beforehand (same username, same organisation, no provider yet) is linked on first sign-in.
 */
@Injectable()
export class ExternalUsers {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly principals: PrincipalCache,
  ) {}

  /** The user's id; a first sign-in racing another for the same person (two tabs, parallel API calls) is tried once more. */
  async signIn(provider: OidcProvider, claims: JWTPayload): Promise<string> {
    try {
      return await this.signInOnce(provider, claims);
    } catch (e) {
      const code = (e as { driverError?: { code?: string }; code?: string }).driverError?.code ?? (e as { code?: string }).code;
      if (code !== '23505') throw e;
      return this.signInOnce(provider, claims);
    }
  }

  private async signInOnce(provider: OidcProvider, claims: JWTPayload): Promise<string> {
    const roles = mapRoles(provider, claims[provider.rolesClaim]);
    const id = await this.db.transaction(async (m) => {
      const [org] = await preparedQuery<{ id: string; active: boolean }>(m, `SELECT id, active FROM organisation WHERE cvr = $1`, [
        provider.organisation,
      ]);
      if (!org)
        throw new SignInRefused('organisation_unknown', `Kravbank kender ingen organisation med CVR-nummer ${provider.organisation}.`);
      if (!org.active) throw new SignInRefused('organisation_deactivated', 'Din organisation er deaktiveret i Kravbank.');
      const [known] = await preparedQuery<ExistingUser>(
        m,
        `SELECT id, organisation_id, roles, active, external_issuer FROM app_user WHERE external_issuer = $1 AND external_subject = $2 FOR UPDATE`,
        [provider.issuer, claims.sub],
      );
      const user = known ?? (await this.linkable(m, org.id, usernameFrom(provider, claims)));
      if (!user) return this.provision(m, provider, claims, org.id, roles);
      if (user.organisation_id !== org.id)
        throw new SignInRefused('organisation_mismatch', 'Brugeren hører til en anden organisation end login-tjenesten.');
      if (!user.active) throw new SignInRefused('user_deactivated', 'Din bruger er deaktiveret i Kravbank. Kontakt din administrator.');
      if (!known) await this.link(m, provider, claims, user.id);
      if (provider.syncRolesOnLogin) await this.syncRoles(m, user, roles);
      return user.id;
    });
    this.principals.forgetAll();
    return id;
  }

  /** A person with this username in this organisation whom no provider has signed in yet. */
  private async linkable(m: EntityManager, organisationId: string, username: string): Promise<ExistingUser | undefined> {
    const [row] = await preparedQuery<ExistingUser>(
      m,
      `SELECT id, organisation_id, roles, active, external_issuer FROM app_user WHERE username = $1 AND kind = 'person' FOR UPDATE`,
      [username],
    );
    if (row && (row.external_issuer !== null || row.organisation_id !== organisationId)) {
      throw new SignInRefused('username_taken', `Brugernavnet ${username} er allerede i brug af en anden bruger i Kravbank.`);
    }
    return row;
  }

  private async provision(
    m: EntityManager,
    provider: OidcProvider,
    claims: JWTPayload,
    organisationId: string,
    roles: Role[],
  ): Promise<string> {
    if (!roles.length) throw new SignInRefused('no_roles', 'Din organisation har ikke givet dig en rolle i Kravbank.');
    const username = usernameFrom(provider, claims);
    const displayName = String(claims.name ?? claims[provider.usernameClaim] ?? username).slice(0, 200);
    const user = await insertUser(
      m,
      { username, displayName, organisationId, roles, external: { issuer: provider.issuer, subject: String(claims.sub) } },
      null,
    );
    return user.id;
  }

  private async link(m: EntityManager, provider: OidcProvider, claims: JWTPayload, id: string): Promise<void> {
    await preparedQuery(m, `UPDATE app_user SET external_issuer = $2, external_subject = $3 WHERE id = $1`, [
      id,
      provider.issuer,
      claims.sub,
    ]);
    await appendAudit(m, [
      { actorId: null, action: 'user.linked', entityType: 'user', entityId: id, data: { issuer: provider.issuer, subject: claims.sub } },
    ]);
  }

  private async syncRoles(m: EntityManager, user: ExistingUser, roles: Role[]): Promise<void> {
    if (!roles.length) throw new SignInRefused('no_roles', 'Din organisation har ikke givet dig en rolle i Kravbank.');
    if (stateHash([...user.roles].sort()) === stateHash([...roles].sort())) return;
    await preparedQuery(m, `UPDATE app_user SET roles = $2 WHERE id = $1`, [user.id, roles]);
    await appendAudit(m, [
      {
        actorId: null,
        action: 'user.roles_synced',
        entityType: 'user',
        entityId: user.id,
        beforeHash: stateHash({ roles: user.roles }),
        afterHash: stateHash({ roles }),
        data: { before: user.roles, after: roles },
      },
    ]);
  }
}
