import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Administered organisations and users, API keys and OpenID Connect sign-in:
 * - organisations carry a CVR number (unique) and can be deactivated;
 * - a user may have no password (signed in by the organisation's identity provider, found by issuer and subject),
 *   and a username may be an e-mail address;
 * - API keys: only the SHA-256 of the secret is stored; scoped to an organisation and roles through the service
 *   user each key acts as; revocable; last use recorded;
 * - OpenID Connect logins in progress (state, nonce, PKCE verifier), each usable once and for ten minutes;
 * - a browser session remembers the provider's ID token, for RP-initiated logout.
 */
export class OrganisationsApiKeysOidc1763900000013 implements MigrationInterface {
  name = 'OrganisationsApiKeysOidc1763900000013';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE organisation
      ADD COLUMN cvr text CONSTRAINT organisation_cvr_key UNIQUE CHECK (cvr ~ '^[0-9]{8}$'),
      ADD COLUMN active boolean NOT NULL DEFAULT true`);
    await q.query(`ALTER TABLE app_user
      ALTER COLUMN password_hash DROP NOT NULL,
      DROP CONSTRAINT IF EXISTS app_user_username_check,
      ADD CONSTRAINT app_user_username_check CHECK (username ~ '^[a-z0-9][a-z0-9._@-]{1,127}$'),
      ADD COLUMN kind text NOT NULL DEFAULT 'person' CHECK (kind IN ('person', 'api_key')),
      ADD COLUMN external_issuer text,
      ADD COLUMN external_subject text,
      ADD CONSTRAINT app_user_external_key UNIQUE (external_issuer, external_subject),
      ADD CHECK ((external_issuer IS NULL) = (external_subject IS NULL))`);
    await q.query(`CREATE INDEX app_user_organisation_idx ON app_user (organisation_id, username)`);
    await q.query(`CREATE TABLE api_key (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL UNIQUE REFERENCES app_user (id),
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
      prefix text NOT NULL,
      secret_hash bytea NOT NULL UNIQUE CHECK (octet_length(secret_hash) = 32),
      created_by uuid REFERENCES app_user (id),
      created_at timestamptz NOT NULL DEFAULT now(),
      last_used_at timestamptz,
      revoked_at timestamptz,
      revoked_by uuid REFERENCES app_user (id)
    )`);
    await q.query(`CREATE TABLE oidc_login (
      state_hash bytea PRIMARY KEY CHECK (octet_length(state_hash) = 32),
      organisation_cvr text NOT NULL,
      code_verifier text NOT NULL,
      nonce text NOT NULL,
      return_to text NOT NULL,
      expires_at timestamptz NOT NULL
    )`);
    await q.query(`CREATE INDEX oidc_login_expires_idx ON oidc_login (expires_at)`);
    await q.query(`ALTER TABLE browser_session ADD COLUMN organisation_cvr text, ADD COLUMN id_token text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE browser_session DROP COLUMN organisation_cvr, DROP COLUMN id_token`);
    await q.query(`DROP TABLE oidc_login`);
    await q.query(`DROP TABLE api_key`);
    await q.query(`DROP INDEX app_user_organisation_idx`);
    await q.query(`ALTER TABLE app_user DROP CONSTRAINT app_user_external_key, DROP COLUMN external_issuer, DROP COLUMN external_subject,
      DROP COLUMN kind, DROP CONSTRAINT app_user_username_check,
      ADD CONSTRAINT app_user_username_check CHECK (username ~ '^[a-z0-9][a-z0-9._-]{1,63}$')`);
    await q.query(`ALTER TABLE organisation DROP COLUMN cvr, DROP COLUMN active`);
  }
}
