import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { Alert, Loading } from '../../components/Alert';
import { useSession } from '../../lib/session';
import { date } from '../../lib/format';
import { useDraftSpecifications } from '../../lib/drafts';

function SearchBox() {
  const [q, setQ] = useState('');
  const navigate = useNavigate();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void navigate(`/soeg?q=${encodeURIComponent(q)}`);
  };
  return (
    <form role="search" onSubmit={submit} className="search-box">
      <div className="form-group">
        <label className="form-label" htmlFor="home-search">
          Søg i kravbanken
        </label>
        <span className="form-hint" id="home-search-hint">
          Fx logning, adgangsstyring eller arkivering
        </span>
        <div className="search-row">
          <input
            id="home-search"
            className="form-input"
            type="search"
            value={q}
            aria-describedby="home-search-hint"
            onChange={(e) => setQ(e.target.value)}
          />
          <button type="submit" className="button button-primary">
            Søg
          </button>
        </div>
      </div>
    </form>
  );
}

function Drafts() {
  const drafts = useDraftSpecifications();
  if (drafts.isPending) return <Loading what="dine kravspecifikationer" />;
  if (drafts.isError) return <Alert kind="error" heading="Dine kravspecifikationer kunne ikke hentes." />;
  const items = drafts.data.items;
  return (
    <section aria-labelledby="drafts-heading">
      <h2 id="drafts-heading">Dine kladder</h2>
      {items.length === 0 ? (
        <p>
          Du har ingen kladder. <Link to="/specifikationer">Opret en kravspecifikation</Link>.
        </p>
      ) : (
        <ul className="nobullet-list draft-list">
          {items.map((s) => (
            <li key={s.id}>
              <Link to={`/specifikationer/${s.id}`}>{s.title}</Link> – {s.procurementName}, revision {s.revision}, {s.itemCount} krav,
              ændret {date(s.updatedAt)}
              {s.updatesAvailable > 0 && (
                <span className="badge badge-warning">
                  {s.updatesAvailable === 1 ? '1 krav har en nyere version' : `${s.updatesAvailable} krav har nyere versioner`}
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Forside: a search box; for a procurer, their draft specifications and which have newer versions. */
export function HomePage() {
  const { data: user } = useSession();
  return (
    <>
      <h1 tabIndex={-1}>Kravbank</h1>
      <p className="lead">Find, forstå og saml ikke-funktionelle krav til dit it-udbud – og eksportér bilaget til udbudsmaterialet.</p>
      <SearchBox />
      {user?.roles.includes('procurer') ? (
        <Drafts />
      ) : (
        !user && (
          <p>
            <Link to="/log-ind">Log ind</Link> som indkøber for at sammensætte en kravspecifikation.
          </p>
        )
      )}
    </>
  );
}
