import { useQuery } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { AddToDraft } from '../../components/AddToSpecification';
import { Alert, Loading } from '../../components/Alert';
import { DiffView } from '../../components/DiffView';
import { client, data } from '../../lib/api/client';
import type { RequirementView } from '../../lib/api/types';
import { CATEGORY_LABEL, date, OBLIGATION_LABEL } from '../../lib/format';
import { mapProblem } from '../../lib/problems';

const DECISION: Record<string, string> = { approve: 'godkendt', reject: 'afvist', abstain: 'undlod at stemme' };

function Provenance({ reqKey, version }: { reqKey: string; version: number }) {
  const v = useQuery({
    queryKey: ['version', reqKey, version],
    queryFn: ({ signal }) =>
      data(client.GET('/api/requirements/{key}/versions/{n}', { params: { path: { key: reqKey, n: version } }, signal })),
  });
  if (v.isPending) return <Loading what="begrundelsen" />;
  if (v.isError) return <Alert kind="error" heading="Begrundelsen kunne ikke hentes." />;
  const p = v.data.provenance;
  if (!p)
    return (
      <p>
        Version {version} kom fra kravbankens grundsamling (indlæst {date(v.data.publishedAt)}).
      </p>
    );
  return (
    <div className="provenance">
      <p>
        Ændringsforslag nr. {p.proposal.number} fra {p.proposer.displayName} ({p.proposer.organisation}): {p.proposal.motivation}
      </p>
      {p.publishedBy && (
        <p>
          Offentliggjort af {p.publishedBy.displayName} {date(p.publishedAt)}.
        </p>
      )}
      {p.votes.length > 0 && (
        <ul>
          {p.votes.map((vote) => (
            <li key={vote.voter}>
              {vote.displayName} ({vote.organisation}): {DECISION[vote.decision] ?? vote.decision}
              {vote.comment ? ` – »${vote.comment}«` : ''}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function Versions({ req }: { req: RequirementView }) {
  const [params, setParams] = useSearchParams();
  const last = req.currentVersion;
  const from = Number(params.get('fra')) || Math.max(1, last - 1);
  const to = Number(params.get('til')) || last;
  const [shown, setShown] = useState<{ from: number; to: number } | null>(params.get('fra') ? { from, to } : null);
  const diff = useQuery({
    queryKey: ['diff', req.key, shown],
    queryFn: ({ signal }) =>
      data(
        client.GET('/api/requirements/{key}/diff', {
          params: { path: { key: req.key }, query: { from: shown!.from, to: shown!.to } },
          signal,
        }),
      ),
    enabled: !!shown,
  });
  const pick = (name: 'fra' | 'til', value: string) => {
    const next = new URLSearchParams(params);
    next.set(name, value);
    if (!next.get(name === 'fra' ? 'til' : 'fra')) next.set(name === 'fra' ? 'til' : 'fra', String(name === 'fra' ? to : from));
    // At once (the choice shows the URL's state; a transition would let it flick back until it commits).
    setParams(next, { replace: true, flushSync: true });
  };
  return (
    <section aria-labelledby="versions-heading">
      <h2 id="versions-heading">Versioner</h2>
      <div className="table-wrap" role="region" aria-label="Tabel: Versioner" tabIndex={0}>
        <table className="table table--zebra">
          <thead>
            <tr>
              <th scope="col">Version</th>
              <th scope="col">Titel</th>
              <th scope="col">Offentliggjort</th>
              <th scope="col">Hvorfor</th>
            </tr>
          </thead>
          <tbody>
            {[...req.versions].reverse().map((v) => (
              <tr key={v.version}>
                <td>{v.version}</td>
                <td>{v.title}</td>
                <td>{date(v.publishedAt)}</td>
                <td>{v.changeSummary ?? (v.origin === 'seed' ? 'Grundsamlingen' : 'Ændringsforslag')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {req.versions.length > 1 ? (
        <form
          className="diff-form"
          onSubmit={(e) => {
            e.preventDefault();
            setShown({ from, to });
          }}
        >
          <h3 className="h4">Sammenlign to versioner</h3>
          <div className="form-row">
            {(['fra', 'til'] as const).map((name) => (
              <div className="form-group" key={name}>
                <label className="form-label" htmlFor={`diff-${name}`}>
                  {name === 'fra' ? 'Fra version' : 'Til version'}
                </label>
                <select
                  id={`diff-${name}`}
                  className="form-select"
                  value={name === 'fra' ? from : to}
                  onChange={(e) => pick(name, e.target.value)}
                >
                  {req.versions.map((v) => (
                    <option key={v.version} value={v.version}>
                      {v.version}
                    </option>
                  ))}
                </select>
              </div>
            ))}
          </div>
          <button type="submit" className="button button-secondary">
            Vis forskelle
          </button>
        </form>
      ) : (
        <p>Kravet har kun én version.</p>
      )}
      {shown && (
        <section aria-labelledby="diff-heading" className="diff-result">
          <h3 id="diff-heading" className="h4">
            Forskelle fra version {shown.from} til version {shown.to}
          </h3>
          {diff.isPending && <Loading what="forskellene" />}
          {diff.isError && <Alert kind="error" heading={mapProblem(diff.error).message ?? ''} />}
          {diff.data && <DiffView diff={diff.data.fields} />}
          <h4 className="h5">Hvorfor version {shown.to} findes</h4>
          <Provenance reqKey={req.key} version={shown.to} />
        </section>
      )}
    </section>
  );
}

/** Kravvisning: every field of the current version, its legal sources, the versions and their diff. */
export default function RequirementPage({ proposals }: { proposals?: (key: string, retired: boolean) => ReactNode }) {
  const { key = '' } = useParams();
  const req = useQuery({
    queryKey: ['requirement', key],
    queryFn: ({ signal }) => data(client.GET('/api/requirements/{key}', { params: { path: { key } }, signal })),
  });
  if (req.isPending) return <Loading what="kravet" />;
  if (req.isError)
    return (
      <>
        <h1 tabIndex={-1}>Kravet blev ikke fundet</h1>
        <Alert kind="error" heading={mapProblem(req.error).message ?? ''} />
      </>
    );
  const r = req.data;
  const c = r.current;
  return (
    <article>
      <p className="breadcrumb-line">
        <Link to="/soeg">Søg i kravbanken</Link> › {r.key}
      </p>
      <h1 tabIndex={-1}>
        {r.key} {c.title}
      </h1>
      {r.status === 'retired' && <Alert kind="warning" heading={`Kravet er udgået (${date(r.retiredAt)}).`} />}
      <p className="statement">{c.statement}</p>
      {r.status === 'active' && <AddToDraft reqKey={r.key} title={c.title} />}
      <dl className="fields">
        <dt>Kategori</dt>
        <dd>{CATEGORY_LABEL[r.category]}</dd>
        <dt>Niveau</dt>
        <dd>{c.level}</dd>
        <dt>Foreslået kravtype</dt>
        <dd>{OBLIGATION_LABEL[c.obligation]}</dd>
        <dt>Version</dt>
        <dd>
          {c.version} af {r.currentVersion}, offentliggjort {date(c.publishedAt)}
        </dd>
        <dt>Begrundelse</dt>
        <dd>{c.rationale}</dd>
        <dt>Vejledning</dt>
        <dd>{c.guidance}</dd>
        <dt>Verifikation</dt>
        <dd>{c.verification}</dd>
        <dt>Emneord</dt>
        <dd>
          {c.tags.map((t) => (
            <Link key={t} className="tag-link" to={`/soeg?emneord=${encodeURIComponent(t)}`}>
              {t}
            </Link>
          ))}
        </dd>
        <dt>Retskilder</dt>
        <dd>
          <ul className="nobullet-list">
            {c.legalSources.map((s) => (
              <li key={`${s.id}-${s.section}`}>
                <Link to={`/retskilder/${s.id}`}>{s.title}</Link>
                {s.section ? `, ${s.section}` : ''}
              </li>
            ))}
          </ul>
        </dd>
      </dl>
      {proposals?.(r.key, r.status === 'retired')}
      <Versions req={r} />
    </article>
  );
}
