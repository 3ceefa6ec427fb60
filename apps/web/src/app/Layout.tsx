import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { client, setCsrfToken } from '../lib/api/client';
import { useConnectionLost } from '../lib/connection';
import type { SessionUser } from '../lib/api/types';
import { ROLE_LABEL } from '../lib/format';
import { SESSION_KEY, useSession } from '../lib/session';

function ConnectionBanner() {
  const lost = useConnectionLost();
  const qc = useQueryClient();
  if (!lost) return null;
  return (
    <div className="alert alert-warning connection-banner" role="alert">
      <div className="alert-body">
        <p className="alert-heading">Kravbanken svarer ikke lige nu</p>
        <p className="alert-text">
          Dit arbejde er ikke tabt. Siden prøver igen af sig selv, når forbindelsen er tilbage.{' '}
          <button type="button" className="button button-secondary" onClick={() => void qc.refetchQueries({ type: 'active' })}>
            Prøv igen nu
          </button>
        </p>
      </div>
    </div>
  );
}

/**
 * Who is logged in: the name, the organisation and the roles, each once. A name that already
 * says the organisation (as the demo users' do) is not followed by it again.
 */
function UserCard({ user }: { user: SessionUser }) {
  const roles = user.roles.map((r) => ROLE_LABEL[r] ?? r).join(', ');
  const named = user.displayName.includes(user.organisationName);
  return (
    <dl className="user-card">
      <dt className="sr-only">Bruger</dt>
      <dd className="user-name">{user.displayName}</dd>
      {!named && (
        <>
          <dt className="sr-only">Organisation</dt>
          <dd className="user-org">{user.organisationName}</dd>
        </>
      )}
      <dt className="sr-only">{user.roles.length === 1 ? 'Rolle' : 'Roller'}</dt>
      <dd className="user-roles">{roles.charAt(0).toUpperCase() + roles.slice(1)}</dd>
    </dl>
  );
}

function UserInfo() {
  const { data: user } = useSession();
  const qc = useQueryClient();
  const navigate = useNavigate();
  // Not known yet (being read, or the service does not answer): no claim either way; the banner tells of a lost connection.
  if (user === undefined) return <div className="portal-info" />;
  if (!user) {
    return (
      <div className="portal-info">
        <NavLink className="button button-secondary" to="/log-ind">
          Log ind
        </NavLink>
      </div>
    );
  }
  const logout = async () => {
    const ended = await client
      .DELETE('/api/auth/session')
      .then((r) => r.data as { logoutUrl?: string } | undefined)
      .catch(() => undefined);
    setCsrfToken(null);
    qc.clear();
    qc.setQueryData(SESSION_KEY, null);
    // Signed in by the organisation's identity provider: end the session there too.
    if (ended?.logoutUrl) window.location.assign(ended.logoutUrl);
    else void navigate('/log-ind?logget-ud=1');
  };
  return (
    <div className="portal-info">
      <UserCard user={user} />
      <button type="button" className="button button-secondary" onClick={() => void logout()}>
        Log ud
      </button>
    </div>
  );
}

/** Moves focus to the page's heading after a client-side navigation, so screen readers hear the new page. */
function useFocusOnNavigate() {
  const { pathname } = useLocation();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    document.querySelector<HTMLElement>('main h1')?.focus();
  }, [pathname]);
}

export function Layout() {
  const { data: user } = useSession();
  useFocusOnNavigate();
  return (
    <>
      <a className="skipnav" href="#main-content">
        Gå til sidens indhold
      </a>
      <header className="header">
        <div className="portal-header">
          <div className="container portal-header-inner">
            <NavLink to="/" className="brand">
              Kravbank
            </NavLink>
            <UserInfo />
          </div>
        </div>
        <nav className="navigation-menu" aria-label="Hovedmenu">
          <div className="container">
            <ul className="mainmenu">
              <li>
                <NavLink to="/" end>
                  Forside
                </NavLink>
              </li>
              <li>
                <NavLink to="/soeg">Søg i kravbanken</NavLink>
              </li>
              {user?.roles.includes('procurer') && (
                <li>
                  <NavLink to="/specifikationer">Kravspecifikationer</NavLink>
                </li>
              )}
              {user && (
                <li>
                  <NavLink to="/forslag">Ændringsforslag</NavLink>
                </li>
              )}
              <li>
                <NavLink to="/retskilder">Retskilder</NavLink>
              </li>
              {user?.roles.some((r) => r === 'editor' || r === 'admin') && (
                <li>
                  <NavLink to="/revisionsspor">Revisionsspor</NavLink>
                </li>
              )}
              {user?.roles.includes('admin') && (
                <li>
                  <NavLink to="/administration">Administration</NavLink>
                </li>
              )}
            </ul>
          </div>
        </nav>
      </header>
      <ConnectionBanner />
      <main id="main-content" className="container page">
        <Outlet />
      </main>
      <footer className="footer">
        <div className="container">
          <p>Kravbank – den fælles kravbank til offentlige it-udbud.</p>
          <p>
            <a href="/docs">API-dokumentation</a>
          </p>
        </div>
      </footer>
    </>
  );
}
