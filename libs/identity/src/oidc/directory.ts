import { Inject, Injectable } from '@nestjs/common';
import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@kravbank/common';
import { preparedQuery } from '@kravbank/database';
import { adminScope } from '../admin/admin-access.js';
import { type Principal, ROLES, type Role } from '../model.js';
import { OidcClients } from './oidc-clients.js';

@ApiSchema({ name: 'SignInProvider' })
export class SignInProviderView {
  @ApiProperty({ example: '55133018' }) cvr: string;
  @ApiProperty({ example: 'Aarhus Kommune' }) organisationName: string;
  @ApiProperty({ example: '/api/auth/oidc/55133018/login', description: 'Send the browser here to sign in' }) loginUrl: string;
}

@ApiSchema({ name: 'SignInOptions', description: 'How one may sign in: the organisations’ providers and whether password login is on' })
export class SignInOptionsView {
  @ApiProperty() localLogin: boolean;
  @ApiProperty({ type: [SignInProviderView] }) providers: SignInProviderView[];
}

@ApiSchema({ name: 'ConfiguredProvider', description: 'A provider from OIDC_PROVIDERS_FILE, as an admin sees it (never the secret)' })
export class ConfiguredProviderView extends SignInProviderView {
  @ApiProperty() issuer: string;
  @ApiProperty() clientId: string;
  @ApiProperty({ description: 'Where the client secret comes from' }) clientSecretSource: string;
  @ApiProperty() usernameClaim: string;
  @ApiProperty() rolesClaim: string;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'array', items: { type: 'string', enum: [...ROLES] } } })
  roleMap: Record<string, Role[]>;
  @ApiProperty() syncRolesOnLogin: boolean;
  @ApiProperty({ type: [String] }) audiences: string[];
  @ApiProperty({ type: [String] }) algorithms: string[];
  @ApiProperty({ description: 'False when no organisation in Kravbank has this CVR number' }) organisationKnown: boolean;
}

/** The configured providers, for the login page (public) and the admin screens. */
@Injectable()
export class ProviderDirectory {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clients: OidcClients,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private async names(): Promise<Map<string, { name: string; active: boolean }>> {
    const cvrs = this.clients.providers.map((p) => p.organisation);
    if (!cvrs.length) return new Map();
    const rows = await preparedQuery<{ cvr: string; name: string; active: boolean }>(
      this.db,
      `SELECT cvr, name, active FROM organisation WHERE cvr = ANY($1::text[])`,
      [cvrs],
    );
    return new Map(rows.map((r) => [r.cvr, r]));
  }

  async signInOptions(): Promise<SignInOptionsView> {
    const names = await this.names();
    const providers = this.clients.providers
      .filter((p) => names.get(p.organisation)?.active)
      .map((p) => ({
        cvr: p.organisation,
        organisationName: names.get(p.organisation)!.name,
        loginUrl: `/api/auth/oidc/${p.organisation}/login`,
      }))
      .sort((a, b) => a.organisationName.localeCompare(b.organisationName, 'da'));
    return { localLogin: this.config.localLogin, providers };
  }

  /** Every provider for a global admin; an organisation's admin sees its own organisation's. */
  async configured(actor: Principal): Promise<ConfiguredProviderView[]> {
    const { global } = await adminScope(this.db.manager, actor);
    const names = await this.names();
    const [own] = await preparedQuery<{ cvr: string | null }>(this.db, `SELECT cvr FROM organisation WHERE id = $1`, [
      actor.organisationId,
    ]);
    return this.clients.providers
      .filter((p) => global || p.organisation === own?.cvr)
      .map((p) => ({
        cvr: p.organisation,
        organisationName: names.get(p.organisation)?.name ?? '',
        organisationKnown: names.has(p.organisation),
        loginUrl: `/api/auth/oidc/${p.organisation}/login`,
        issuer: p.issuer,
        clientId: p.clientId,
        clientSecretSource: p.clientSecretSource,
        usernameClaim: p.usernameClaim,
        rolesClaim: p.rolesClaim,
        roleMap: p.roleMap,
        syncRolesOnLogin: p.syncRolesOnLogin,
        audiences: p.audiences,
        algorithms: p.algorithms,
      }));
  }
}
