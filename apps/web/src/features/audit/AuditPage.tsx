import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Alert, Loading } from '../../components/Alert';
import { Pager } from '../../components/Pager';
import { mapProblem } from '../../lib/problems';
import { useSession } from '../../lib/session';
import { useAudit, useChainCheck } from './api';

const PAGE_SIZE = 50;

const ENTITY_LABEL: Record<string, string> = {
  change_proposal: 'Ændringsforslag',
  requirement: 'Krav',
  specification: 'Kravspecifikation',
  login: 'Login',
};

/** The URL's filter names, in Danish, and the API's. */
const FILTERS = [
  { param: 'entitet', api: 'entityType', label: 'Entitet' },
  { param: 'id', api: 'entityId', label: 'Entitetens id eller nøgle' },
  { param: 'handling', api: 'action', label: 'Handling' },
  { param: 'bruger', api: 'actor', label: 'Bruger' },
  { param: 'fra', api: 'from', label: 'Fra dato' },
  { param: 'til', api: 'to', label: 'Til og med dato' },
] as const;

/** The day after a date (yyyy-mm-dd), so "til og med" includes the whole day. */
const dayAfter = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

function ChainCheck() {
  const [asked, setAsked] = useState(false);
  const check = useChainCheck(asked);
  return (
    <section aria-labelledby="chain-heading" className="chain-check">
      <h2 id="chain-heading">Kædekontrol</h2>
      <p>Hver post i revisionssporet bærer en hash af sig selv og posten før. Kontrollen regner hele kæden igennem.</p>
      <button
        type="button"
        className="button button-secondary"
        disabled={check.isFetching}
        onClick={() => (asked ? void check.refetch() : setAsked(true))}
      >
        Kontrollér kæden
      </button>
      <div aria-live="polite">
        {check.isFetching && <Loading what="kontrollen" />}
        {check.isError && <Alert kind="error" heading={mapProblem(check.error).message ?? ''} />}
        {check.data &&
          !check.isFetching &&
          (check.data.ok ? (
            <Alert kind="success" heading={`Kæden er hel: ${check.data.entries} poster er kontrolleret.`}>
              <p>
                Seneste post: nr. {check.data.headSeq}, hash <code className="hash">{check.data.headHash}</code>
              </p>
            </Alert>
          ) : (
            <Alert kind="error" heading={`Kæden er brudt: ${check.data.problems.length} problemer i ${check.data.entries} poster.`}>
              <ul>
                {check.data.problems.map((p, i) => (
                  <li key={i}>
                    Post nr. {p.seq}: {p.problem}
                  </li>
                ))}
              </ul>
            </Alert>
          ))}
      </div>
    </section>
  );
}

function Filters({ params, onApply }: { params: URLSearchParams; onApply: (next: URLSearchParams) => void }) {
  return (
    <form
      className="form-row filters"
      aria-label="Filtre"
      onSubmit={(e) => {
        e.preventDefault();
        const data = new FormData(e.currentTarget);
        const next = new URLSearchParams();
        for (const f of FILTERS) {
          const v = String(data.get(f.param) ?? '').trim();
          if (v) next.set(f.param, v);
        }
        onApply(next);
      }}
    >
      <div className="form-group">
        <label className="form-label" htmlFor="a-entitet">
          Entitet
        </label>
        <select id="a-entitet" name="entitet" className="form-select" defaultValue={params.get('entitet') ?? ''}>
          <option value="">Alle</option>
          {Object.entries(ENTITY_LABEL).map(([v, t]) => (
            <option key={v} value={v}>
              {t}
            </option>
          ))}
        </select>
      </div>
      {FILTERS.filter((f) => f.param !== 'entitet').map((f) => (
        <div className="form-group" key={f.param}>
          <label className="form-label" htmlFor={`a-${f.param}`}>
            {f.label}
          </label>
          <input
            id={`a-${f.param}`}
            name={f.param}
            className="form-input"
            type={f.param === 'fra' || f.param === 'til' ? 'date' : 'text'}
            defaultValue={params.get(f.param) ?? ''}
            placeholder={f.param === 'handling' ? 'fx proposal.published' : undefined}
          />
        </div>
      ))}
      <div className="form-group filter-submit">
        <button type="submit" className="button button-primary">
          Filtrér
        </button>
      </div>
    </form>
  );
}

/** Revisionsspor: the audit trail with filters (entity, action, user, time) in the URL, and the chain check. */
export default function AuditPage() {
  const { data: user } = useSession();
  const [params, setParams] = useSearchParams();
  const query: Record<string, string | number> = { page: Number(params.get('side')) || 1, limit: PAGE_SIZE };
  for (const f of FILTERS) {
    const v = params.get(f.param);
    if (v) query[f.api] = f.param === 'til' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? dayAfter(v) : v;
  }
  const allowed = !!user?.roles.some((r) => r === 'editor' || r === 'admin');
  const trail = useAudit(query, allowed);
  if (user && !allowed)
    return (
      <>
        <h1 tabIndex={-1}>Revisionsspor</h1>
        <Alert kind="warning" heading="Revisionssporet er kun for kravredaktionen og administratorer." />
      </>
    );
  const pages = trail.data ? Math.max(1, Math.ceil(trail.data.total / PAGE_SIZE)) : 1;
  const problem = trail.isError ? mapProblem(trail.error) : null;
  return (
    <>
      <h1 tabIndex={-1}>Revisionsspor</h1>
      <ChainCheck />
      <h2>Poster</h2>
      <Filters key={params.toString()} params={params} onApply={(next) => setParams(next)} />
      {trail.isPending && <Loading what="revisionssporet" />}
      {problem && (
        <Alert
          kind="error"
          heading={Object.keys(problem.fields).length ? 'Et filter er ugyldigt. Ret det og prøv igen.' : (problem.message ?? '')}
        />
      )}
      {trail.data && (
        <>
          <p id="audit-count" aria-live="polite">
            {trail.data.total} poster
          </p>
          <div className="table-wrap" role="region" aria-labelledby="audit-count" tabIndex={0} aria-busy={trail.isPlaceholderData}>
            <table className="table table--zebra audit-table">
              <thead>
                <tr>
                  <th scope="col">Nr.</th>
                  <th scope="col">Tidspunkt</th>
                  <th scope="col">Handling</th>
                  <th scope="col">Entitet</th>
                  <th scope="col">Bruger</th>
                  <th scope="col">Hash</th>
                </tr>
              </thead>
              <tbody>
                {trail.data.items.map((e) => (
                  <tr key={e.seq}>
                    <td>{e.seq}</td>
                    <td>{new Date(e.at).toLocaleString('da-DK')}</td>
                    <td>{e.action}</td>
                    <td>
                      {ENTITY_LABEL[e.entityType] ?? e.entityType}{' '}
                      {e.entityType === 'change_proposal' ? (
                        <Link to={`/forslag/${e.entityId}`}>forslag nr. {String(e.data.number ?? '')}</Link>
                      ) : e.entityType === 'requirement' ? (
                        <Link to={`/krav/${e.entityId}`}>{e.entityId}</Link>
                      ) : (
                        <span className="hash">{e.entityId}</span>
                      )}
                    </td>
                    <td>{e.actorName ?? e.actor ?? 'systemet'}</td>
                    <td>
                      <code className="hash" title={e.hash}>
                        {e.hash.slice(0, 12)}…
                      </code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      <Pager
        page={Number(query.page)}
        pages={pages}
        onPage={(n) => {
          const next = new URLSearchParams(params);
          next.set('side', String(n));
          setParams(next);
        }}
        label="Sider i revisionssporet"
      />
    </>
  );
}
