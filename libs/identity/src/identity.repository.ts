import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Principal, Role } from './model.js';
import { preparedQuery } from '@kravbank/database';

export interface UserRecord extends Principal {
  /** Null for a user who signs in only through the organisation's identity provider, and for an API key's service user. */
  passwordHash: string | null;
  /** The user and the organisation are both active. */
  active: boolean;
}

/** Organisations and users. Injected by this abstract class as its token. */
export abstract class IdentityRepository {
  abstract findByUsername(username: string): Promise<UserRecord | null>;
  abstract findById(id: string): Promise<UserRecord | null>;
}

const USER_SQL = `SELECT u.id, u.username, u.display_name, u.organisation_id, o.name AS organisation_name, u.roles, u.password_hash,
                         (u.active AND o.active) AS active
                    FROM app_user u JOIN organisation o ON o.id = u.organisation_id`;

interface UserRow {
  id: string;
  username: string;
  display_name: string;
  organisation_id: string;
  organisation_name: string;
  roles: Role[];
  password_hash: string | null;
  active: boolean;
}

const toUser = (r: UserRow): UserRecord => ({
  id: r.id,
  username: r.username,
  displayName: r.display_name,
  organisationId: r.organisation_id,
  organisationName: r.organisation_name,
  roles: r.roles,
  passwordHash: r.password_hash,
  active: r.active,
});

@Injectable()
export class TypeOrmIdentityRepository extends IdentityRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {
    super();
  }

  async findByUsername(username: string): Promise<UserRecord | null> {
    const [row] = await preparedQuery(this.db, `${USER_SQL} WHERE u.username = $1`, [username]);
    return row ? toUser(row) : null;
  }

  async findById(id: string): Promise<UserRecord | null> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
    const [row] = await preparedQuery(this.db, `${USER_SQL} WHERE u.id = $1`, [id]);
    return row ? toUser(row) : null;
  }
}
