import { DataSource } from 'typeorm';
import { hashPassword } from './password.js';
import type { Role } from './model.js';

export const DEMO_PASSWORD = 'demo';

/** The municipalities carry their real CVR numbers; the secretariat is fictional and has none. */
const ORGANISATIONS = [
  { name: 'Kravbank-sekretariatet', kind: 'secretariat', cvr: null },
  { name: 'Aarhus Kommune', kind: 'municipality', cvr: '55133018' },
  { name: 'Odense Kommune', kind: 'municipality', cvr: '35209115' },
] as const;

export const DEMO_USERS: Array<{ username: string; displayName: string; organisation: string; roles: Role[] }> = [
  { username: 'redaktion', displayName: 'Kravredaktionen', organisation: 'Kravbank-sekretariatet', roles: ['editor'] },
  { username: 'udvalg1', displayName: 'Faggruppemedlem 1 (Aarhus)', organisation: 'Aarhus Kommune', roles: ['committee'] },
  { username: 'udvalg2', displayName: 'Faggruppemedlem 2 (Odense)', organisation: 'Odense Kommune', roles: ['committee'] },
  { username: 'udvalg3', displayName: 'Faggruppemedlem 3 (Aarhus)', organisation: 'Aarhus Kommune', roles: ['committee'] },
  { username: 'indkob.aarhus', displayName: 'Indkøber, Aarhus Kommune', organisation: 'Aarhus Kommune', roles: ['procurer'] },
  { username: 'indkob.odense', displayName: 'Indkøber, Odense Kommune', organisation: 'Odense Kommune', roles: ['procurer'] },
  // A global admin (the secretariat's) and an admin of one municipality only.
  { username: 'admin.sekretariat', displayName: 'Administrator, sekretariatet', organisation: 'Kravbank-sekretariatet', roles: ['admin'] },
  { username: 'admin.aarhus', displayName: 'Administrator, Aarhus Kommune', organisation: 'Aarhus Kommune', roles: ['admin'] },
];

/** Creates the demo organisations and users (password `demo`) where they are missing. Idempotent. */
export async function ensureDemoIdentities(db: DataSource): Promise<number> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return db.transaction(async (m) => {
    for (const o of ORGANISATIONS) {
      await m.query(
        `INSERT INTO organisation (name, kind, cvr) VALUES ($1, $2, $3) ON CONFLICT (name) DO UPDATE SET cvr = coalesce(organisation.cvr, EXCLUDED.cvr)`,
        [o.name, o.kind, o.cvr],
      );
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
