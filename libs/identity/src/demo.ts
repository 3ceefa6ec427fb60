import { DataSource } from 'typeorm';
import { hashPassword } from './password.js';
import type { Role } from './model.js';

export const DEMO_PASSWORD = 'demo';

const ORGANISATIONS = [
  { name: 'Kravbank-sekretariatet', kind: 'secretariat' },
  { name: 'Aarhus Kommune', kind: 'municipality' },
  { name: 'Odense Kommune', kind: 'municipality' },
] as const;

export const DEMO_USERS: Array<{ username: string; displayName: string; organisation: string; roles: Role[] }> = [
  { username: 'redaktion', displayName: 'Kravredaktionen', organisation: 'Kravbank-sekretariatet', roles: ['editor'] },
  { username: 'udvalg1', displayName: 'Faggruppemedlem 1 (Aarhus)', organisation: 'Aarhus Kommune', roles: ['committee'] },
  { username: 'udvalg2', displayName: 'Faggruppemedlem 2 (Odense)', organisation: 'Odense Kommune', roles: ['committee'] },
  { username: 'udvalg3', displayName: 'Faggruppemedlem 3 (Aarhus)', organisation: 'Aarhus Kommune', roles: ['committee'] },
  { username: 'indkob.aarhus', displayName: 'Indkøber, Aarhus Kommune', organisation: 'Aarhus Kommune', roles: ['procurer'] },
  { username: 'indkob.odense', displayName: 'Indkøber, Odense Kommune', organisation: 'Odense Kommune', roles: ['procurer'] },
];

/** Creates the demo organisations and users (password `demo`) where they are missing. Idempotent. */
export async function ensureDemoIdentities(db: DataSource): Promise<number> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return db.transaction(async (m) => {
    for (const o of ORGANISATIONS) {
      await m.query(`INSERT INTO organisation (name, kind) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING`, [o.name, o.kind]);
    }
    let created = 0;
    for (const u of DEMO_USERS) {
      const rows = await m.query(
        `INSERT INTO app_user (username, display_name, organisation_id, password_hash, roles)
         SELECT $1, $2, o.id, $4, $5 FROM organisation o WHERE o.name = $3
         ON CONFLICT (username) DO NOTHING RETURNING id`,
        [u.username, u.displayName, u.organisation, passwordHash, u.roles],
      );
      created += rows.length;
    }
    return created;
  });
}
