import { Link, useSearchParams } from 'react-router';
import { Alert, Loading } from '../../components/Alert';
import { Pager } from '../../components/Pager';
import { mapProblem } from '../../lib/problems';
import { useSession } from '../../lib/session';
import { PAGE_SIZE, useProposals, type ChangeType, type ProposalFilters, type ProposalKind, type ProposalState } from './api';
import { CHANGE_TYPE_LABEL, KIND_LABEL, STATE_BADGE, STATE_LABEL } from './labels';
import { dateTime } from '../../lib/format';

/** The views each role starts from; each is a set of filters the URL names. */
const VIEWS: Array<{ id: string; label: string; roles: string[] | null; filters: Partial<ProposalFilters> }> = [
  { id: 'afventer', label: 'Afventer min stemme', roles: ['committee'], filters: { awaitingMyVote: 'true' } },
  { id: 'behandling', label: 'Til behandling', roles: ['editor'], filters: { state: 'submitted' } },
  { id: 'udgivelse', label: 'Klar til udgivelse', roles: ['editor'], filters: { state: 'approved' } },
  { id: 'mine', label: 'Mine forslag', roles: null, filters: { mine: 'true' } },
  { id: 'alle', label: 'Alle forslag', roles: null, filters: {} },
];

const STATES = Object.keys(STATE_LABEL) as ProposalState[];
const KINDS = Object.keys(KIND_LABEL) as ProposalKind[];
const TYPES = Object.keys(CHANGE_TYPE_LABEL) as ChangeType[];

function Filter({
  id,
  label,
  value,
  options,
  onChange,
}: {
  id: string;
  label: string;
  value: string;
  options: Array<[string, string]>;
  onChange: (v: string) => void;
}) {
  return (
    <div className="form-group">
      <label className="form-label" htmlFor={id}>
        {label}
      </label>
      <select id={id} className="form-select" value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">Alle</option>
        {options.map(([v, t]) => (
          <option key={v} value={v}>
            {t}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Ændringsforslag: the role views and the filters (state, kind, change type, requirement), all in the URL. */
export default function ProposalsPage() {
  const { data: user } = useSession();
  const [params, setParams] = useSearchParams();
  const views = VIEWS.filter((v) => !v.roles || v.roles.some((r) => user?.roles.includes(r as never)));
  const viewId =
    params.get('visning') ?? (user?.roles.includes('committee') ? 'afventer' : user?.roles.includes('editor') ? 'behandling' : 'mine');
  const view = views.find((v) => v.id === viewId) ?? views[views.length - 1];
  const krav = (params.get('krav') ?? '').toUpperCase();
  const filters: ProposalFilters = {
    ...view.filters,
    ...(params.get('tilstand') ? { state: params.get('tilstand') as ProposalState } : {}),
    ...(params.get('art') ? { kind: params.get('art') as ProposalKind } : {}),
    ...(params.get('type') ? { changeType: params.get('type') as ChangeType } : {}),
    ...(/^[A-Z]{2,5}-\d{1,5}$/.test(krav) ? { requirementKey: krav } : {}),
    page: Number(params.get('side')) || 1,
  };
  const list = useProposals(filters);
  const set = (changes: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    if (!('side' in changes)) next.delete('side');
    // At once (the filters show the URL's state; a transition would let them flick back until it commits).
    setParams(next, { replace: true, flushSync: true });
  };
  const pages = list.data ? Math.max(1, Math.ceil(list.data.total / PAGE_SIZE)) : 1;
  return (
    <>
      <h1 tabIndex={-1}>Ændringsforslag</h1>
      <p>
        For at ændre eller udfase et krav: åbn kravet og vælg <strong>Foreslå ændring</strong>.
      </p>
      <p>
        <Link className="button button-secondary" to="/forslag/nyt?art=create">
          Foreslå et nyt krav
        </Link>
      </p>
      <nav aria-label="Visninger" className="views">
        <ul className="view-list nobullet-list">
          {views.map((v) => (
            <li key={v.id}>
              <Link
                to={`/forslag?visning=${v.id}`}
                aria-current={v.id === view.id ? 'page' : undefined}
                className={v.id === view.id ? 'view-active' : ''}
              >
                {v.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <form className="form-row filters" onSubmit={(e) => e.preventDefault()} aria-label="Filtre">
        {!view.filters.state && (
          <Filter
            id="f-state"
            label="Tilstand"
            value={params.get('tilstand') ?? ''}
            options={STATES.map((s) => [s, STATE_LABEL[s]])}
            onChange={(v) => set({ tilstand: v })}
          />
        )}
        <Filter
          id="f-kind"
          label="Art"
          value={params.get('art') ?? ''}
          options={KINDS.map((k) => [k, KIND_LABEL[k]])}
          onChange={(v) => set({ art: v })}
        />
        <Filter
          id="f-type"
          label="Ændringstype"
          value={params.get('type') ?? ''}
          options={TYPES.map((t) => [t, CHANGE_TYPE_LABEL[t]])}
          onChange={(v) => set({ type: v })}
        />
        <div className="form-group">
          <label className="form-label" htmlFor="f-key">
            Kravnøgle
          </label>
          <input
            id="f-key"
            className="form-input input-key"
            defaultValue={krav}
            placeholder="fx SIK-014"
            onBlur={(e) => set({ krav: e.target.value.trim().toUpperCase() })}
            onKeyDown={(e) => e.key === 'Enter' && set({ krav: e.currentTarget.value.trim().toUpperCase() })}
          />
        </div>
      </form>
      <h2 id="list-heading" aria-live="polite">
        {view.label}
        {list.data ? `: ${list.data.total} ${list.data.total === 1 ? 'forslag' : 'forslag'}` : ''}
      </h2>
      {list.isPending && <Loading what="forslagene" />}
      {list.isError && <Alert kind="error" heading={mapProblem(list.error).message ?? ''} />}
      {list.data && list.data.items.length === 0 && <p>Der er ingen forslag i denne visning.</p>}
      {list.data && list.data.items.length > 0 && (
        <div className="table-wrap" role="region" aria-labelledby="list-heading" tabIndex={0}>
          <table className="table table--zebra proposals-table">
            <thead>
              <tr>
                <th scope="col">Nr.</th>
                <th scope="col">Forslag</th>
                <th scope="col">Tilstand</th>
                <th scope="col">Ændringstype</th>
                <th scope="col">Godkendelser</th>
                <th scope="col">Senest ændret</th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((p) => (
                <tr key={p.id}>
                  <td>{p.number}</td>
                  <th scope="row">
                    <Link to={`/forslag/${p.id}`}>
                      {KIND_LABEL[p.kind]}
                      {p.requirementKey ? ` af ${p.requirementKey}` : ''}
                      {p.content ? `: ${p.content.title}` : ''}
                    </Link>
                    <span className="hit-meta proposer">{p.proposer.displayName}</span>
                  </th>
                  <td>
                    <span className={`badge ${STATE_BADGE[p.state]}`}>{STATE_LABEL[p.state]}</span>
                  </td>
                  <td>{CHANGE_TYPE_LABEL[p.changeType]}</td>
                  <td>
                    {p.tally.approve} af {p.tally.quorum}
                    {p.tally.reject ? `, ${p.tally.reject} afvist` : ''}
                  </td>
                  <td>{dateTime(p.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager page={filters.page} pages={pages} onPage={(n) => set({ side: String(n) })} label="Sider med forslag" />
    </>
  );
}
