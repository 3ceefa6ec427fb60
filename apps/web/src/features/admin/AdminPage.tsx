import { Link, useParams } from 'react-router';
import { Loading } from '../../components/Alert';
import { useSession } from '../../lib/session';
import { useOrganisations } from './api';
import { ApiKeysPanel } from './ApiKeysPanel';
import { OrganisationsPanel } from './OrganisationsPanel';
import { ProvidersPanel } from './ProvidersPanel';
import { UsersPanel } from './UsersPanel';

const SECTIONS = [
  { path: 'brugere', title: 'Brugere', heading: 'brugere' },
  { path: 'organisationer', title: 'Organisationer', heading: 'organisationer' },
  { path: 'api-noegler', title: 'API-nøgler', heading: 'API-nøgler' },
  { path: 'login-tjenester', title: 'Login-tjenester', heading: 'login-tjenester' },
] as const;

/** Administration: users, organisations, API keys and the configured identity providers. For admins only. */
export default function AdminPage() {
  const { section = 'brugere' } = useParams();
  const { data: user } = useSession();
  const organisations = useOrganisations(1, 100);
  if (!user?.roles.includes('admin')) {
    return (
      <>
        <h1 tabIndex={-1}>Administration</h1>
        <p>Administration kræver rollen administrator.</p>
      </>
    );
  }
  const current = SECTIONS.find((s) => s.path === section) ?? SECTIONS[0];
  const own = organisations.data?.items.find((o) => o.id === user.organisationId);
  // An admin in the secretariat administers every organisation; any other admin only its own.
  const global = own?.kind === 'secretariat';
  return (
    <>
      <h1 tabIndex={-1}>Administration: {current.heading}</h1>
      <p>{global ? 'Du administrerer alle organisationer.' : `Du administrerer ${user.organisationName}.`}</p>
      <nav aria-label="Administration">
        <ul className="nobullet-list admin-tabs">
          {SECTIONS.map((s) => (
            <li key={s.path}>
              <Link to={`/administration/${s.path}`} aria-current={s.path === current.path ? 'page' : undefined}>
                {s.title}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {organisations.isPending ? (
        <Loading what="organisationerne" />
      ) : current.path === 'brugere' ? (
        <UsersPanel ownOrganisation={user.organisationId} />
      ) : current.path === 'organisationer' ? (
        <OrganisationsPanel global={global} />
      ) : current.path === 'api-noegler' ? (
        <ApiKeysPanel ownOrganisation={user.organisationId} />
      ) : (
        <ProvidersPanel />
      )}
    </>
  );
}
