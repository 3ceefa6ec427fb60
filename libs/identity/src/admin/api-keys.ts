import { Injectable } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
} from 'class-validator';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { appendAudit } from '@kravbank/audit';
import { notFound, offsetOf, OptionalField, type Page, PageOf, PageQueryDto } from '@kravbank/common';
import { preparedQuery } from '@kravbank/database';
import { ROLES, type Principal, type Role } from '../model.js';
import { PrincipalCache } from '../principal-cache.js';
import { adminScope, requireGrantable, requireOrganisation, UUID } from './admin-access.js';
import { insertUser } from './admin.store.js';

export class CreateApiKeyDto {
  @ApiProperty({ example: 'ESDH-integration', description: 'What the key is for' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MinLength(1, { message: 'må ikke være tom' })
  @MaxLength(200, { message: 'må højst være 200 tegn' })
  name: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The organisation the key acts for (default: the admin’s own)' })
  @OptionalField()
  @IsUUID('all', { message: 'skal være en organisations id (uuid)' })
  organisationId?: string;

  @ApiProperty({ enum: ROLES, enumName: 'Role', isArray: true })
  @IsArray()
  @ArrayMinSize(1, { message: 'skal have mindst én rolle' })
  @ArrayMaxSize(ROLES.length)
  @ArrayUnique()
  @IsIn(ROLES, { each: true, message: `skal være en af ${ROLES.join(', ')}` })
  roles: Role[];
}

export class ApiKeyQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'skal være en organisations id (uuid)' })
  organisationId?: string;
}

@ApiSchema({ name: 'ApiKey' })
export class ApiKeyView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'The first characters of the key, to recognise it' }) prefix: string;
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty() organisationName: string;
  @ApiProperty({ enum: ROLES, enumName: 'Role', isArray: true }) roles: Role[];
  @ApiProperty({ type: String, nullable: true }) createdBy: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastUsedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) revokedAt: string | null;
}

@ApiSchema({ name: 'CreatedApiKey' })
export class CreatedApiKeyView extends ApiKeyView {
  @ApiProperty({ description: 'The key itself, shown this once: send it as `Authorization: Bearer <key>`' }) key: string;
}

export const ApiKeyPage = PageOf(ApiKeyView);

/** An API key: `kb_` + 8 characters shown as its prefix + `_` + 32 random bytes. Only its SHA-256 is stored. */
const KEY = /^kb_([A-Za-z0-9]{8})_[A-Za-z0-9_-]{43}$/;
export const isApiKey = (token: string): boolean => token.startsWith('kb_');
const hashOf = (key: string): Buffer => createHash('sha256').update(key).digest();

const VIEW_SQL = `SELECT k.id, k.name, k.prefix, u.organisation_id, o.name AS organisation_name, u.roles, c.username AS created_by,
  k.created_at, k.last_used_at, k.revoked_at
  FROM api_key k JOIN app_user u ON u.id = k.user_id JOIN organisation o ON o.id = u.organisation_id LEFT JOIN app_user c ON c.id = k.created_by`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a row of VIEW_SQL
const toView = (r: any): ApiKeyView => ({
  id: r.id,
  name: r.name,
  prefix: r.prefix,
  organisationId: r.organisation_id,
  organisationName: r.organisation_name,
  roles: r.roles,
  createdBy: r.created_by,
  createdAt: new Date(r.created_at).toISOString(),
  lastUsedAt: r.last_used_at ? new Date(r.last_used_at).toISOString() : null,
  revokedAt: r.revoked_at ? new Date(r.revoked_at).toISOString() : null,
});

/** API keys for machine clients: each acts as its own service user in one organisation with the roles it was given. */
@Injectable()
export class ApiKeys {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly principals: PrincipalCache,
  ) {}

  create(actor: Principal, dto: CreateApiKeyDto): Promise<CreatedApiKeyView> {
    return this.db.transaction(async (m) => {
      const scope = await adminScope(m, actor);
      const organisationId = dto.organisationId ?? actor.organisationId;
      requireOrganisation(scope, organisationId);
      requireGrantable(scope, dto.roles);
      const prefix = randomBytes(6).toString('base64url').replace(/[-_]/g, 'x').slice(0, 8);
      const key = `kb_${prefix}_${randomBytes(32).toString('base64url')}`;
      const user = await insertUser(
        m,
        {
          username: `apikey-${prefix.toLowerCase()}-${randomBytes(3).toString('hex')}`,
          displayName: `API-nøgle: ${dto.name}`,
          organisationId,
          roles: dto.roles,
          kind: 'api_key',
        },
        actor.id,
      );
      const [{ id }] = await preparedQuery(
        m,
        `INSERT INTO api_key (user_id, name, prefix, secret_hash, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [user.id, dto.name, prefix, hashOf(key), actor.id],
      );
      await appendAudit(m, [
        {
          actorId: actor.id,
          action: 'api_key.created',
          entityType: 'api_key',
          entityId: id,
          data: { name: dto.name, prefix, organisationId, roles: dto.roles },
        },
      ]);
      const [row] = await preparedQuery(m, `${VIEW_SQL} WHERE k.id = $1`, [id]);
      return { ...toView(row), key };
    });
  }

  async list(actor: Principal, q: ApiKeyQueryDto): Promise<Page<ApiKeyView>> {
    const scope = await adminScope(this.db.manager, actor);
    if (q.organisationId) requireOrganisation(scope, q.organisationId);
    const only = scope.global ? (q.organisationId ?? null) : actor.organisationId;
    const where = `WHERE ($1::uuid IS NULL OR u.organisation_id = $1)`;
    const [{ n }] = await preparedQuery(this.db, `SELECT count(*)::int AS n FROM api_key k JOIN app_user u ON u.id = k.user_id ${where}`, [
      only,
    ]);
    const rows = await preparedQuery(
      this.db,
      `${VIEW_SQL} ${where} ORDER BY k.revoked_at IS NOT NULL, k.created_at DESC LIMIT $2 OFFSET $3`,
      [only, q.limit, offsetOf(q)],
    );
    return { items: rows.map(toView), total: n, page: q.page, limit: q.limit };
  }

  async revoke(actor: Principal, id: string): Promise<void> {
    await this.db.transaction(async (m) => {
      const scope = await adminScope(m, actor);
      if (!UUID.test(id)) throw notFound('api_key', id);
      const [row] = await preparedQuery(
        m,
        `SELECT k.user_id, k.revoked_at, u.organisation_id FROM api_key k JOIN app_user u ON u.id = k.user_id WHERE k.id = $1 FOR UPDATE OF k`,
        [id],
      );
      if (!row || (!scope.global && row.organisation_id !== actor.organisationId)) throw notFound('api_key', id);
      if (row.revoked_at) return;
      await preparedQuery(m, `UPDATE api_key SET revoked_at = now(), revoked_by = $2 WHERE id = $1`, [id, actor.id]);
      await preparedQuery(m, `UPDATE app_user SET active = false WHERE id = $1`, [row.user_id]);
      await appendAudit(m, [{ actorId: actor.id, action: 'api_key.revoked', entityType: 'api_key', entityId: id }]);
    });
    this.principals.forgetAll();
  }

  /** The service user behind a live key; records the use (at most once a minute per key). Null for an unknown or revoked key. */
  async verify(key: string): Promise<string | null> {
    if (!KEY.test(key)) return null;
    const [row] = await preparedQuery<{ id: string; user_id: string; stale: boolean }>(
      this.db,
      `SELECT id, user_id, (last_used_at IS NULL OR last_used_at < now() - interval '1 minute') AS stale FROM api_key WHERE secret_hash = $1 AND revoked_at IS NULL`,
      [hashOf(key)],
    );
    if (!row) return null;
    if (row.stale) await preparedQuery(this.db, `UPDATE api_key SET last_used_at = now() WHERE id = $1`, [row.id]);
    return row.user_id;
  }
}
