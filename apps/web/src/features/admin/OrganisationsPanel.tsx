import { ActiveToggle } from './ActiveToggle';
import { useState, type FormEvent } from 'react';
import { Alert, Loading } from '../../components/Alert';
import { FormField } from '../../components/FormField';
import { Pager } from '../../components/Pager';
import type { MappedProblem } from '../../lib/problems';
import { adminCalls, adminProblem, PAGE_SIZE, useAdminChange, useOrganisations, type Organisation } from './api';

const KIND: Record<string, string> = { municipality: 'Kommune', secretariat: 'Sekretariat' };

function CreateOrganisation() {
  const [name, setName] = useState('');
  const [cvr, setCvr] = useState('');
  const [kind, setKind] = useState<Organisation['kind']>('municipality');
  const [problem, setProblem] = useState<MappedProblem | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const create = useAdminChange(adminCalls.createOrganisation);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setProblem(null);
    setDone(null);
    try {
      const o = await create.mutateAsync({ body: { name, cvr, kind } });
      setDone(`${o.name} er oprettet.`);
      setName('');
      setCvr('');
    } catch (err) {
      setProblem(adminProblem(err));
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-labelledby="create-org">
      <h2 id="create-org">Opret en organisation</h2>
      {problem?.message && <Alert kind="error" heading={problem.message} />}
      {done && <Alert kind="success" heading={done} />}
      <FormField label="Navn" value={name} onChange={(e) => setName(e.target.value)} error={problem?.fields.name} required />
      <FormField
        label="CVR-nummer"
        hint="8 cifre"
        inputMode="numeric"
        value={cvr}
        onChange={(e) => setCvr(e.target.value)}
        error={problem?.fields.cvr}
        required
      />
      <div className="form-group">
        <label className="form-label" htmlFor="org-kind">
          Type
        </label>
        <select id="org-kind" className="form-select" value={kind} onChange={(e) => setKind(e.target.value as Organisation['kind'])}>
          <option value="municipality">Kommune</option>
          <option value="secretariat">Sekretariat (administratorer her administrerer alle organisationer)</option>
        </select>
      </div>
      <button type="submit" className="button button-primary" disabled={create.isPending}>
        Opret organisation
      </button>
    </form>
  );
}

export function OrganisationsPanel({ global }: { global: boolean }) {
  const [page, setPage] = useState(1);
  const list = useOrganisations(page);
  const change = useAdminChange(adminCalls.changeOrganisation);
  const [problem, setProblem] = useState<MappedProblem | null>(null);
  const setActive = async (o: Organisation, active: boolean) => {
    setProblem(null);
    await change.mutateAsync({ id: o.id, body: { active } }).catch((err) => setProblem(adminProblem(err)));
  };
  return (
    <>
      {problem?.message && <Alert kind="error" heading={problem.message} />}
      {list.isPending && <Loading what="organisationerne" />}
      {list.data && (
        <div className="table-wrap" role="region" aria-label="Tabel: Organisationer" tabIndex={0}>
          <table className="table table--zebra">
            <thead>
              <tr>
                <th scope="col">Navn</th>
                <th scope="col">CVR-nummer</th>
                <th scope="col">Type</th>
                <th scope="col">Aktive brugere</th>
                <th scope="col">Status</th>
                {global && <th scope="col">Handling</th>}
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((o) => (
                <tr key={o.id}>
                  <td>{o.name}</td>
                  <td>{o.cvr ?? '–'}</td>
                  <td>{KIND[o.kind] ?? o.kind}</td>
                  <td>{o.activeUsers}</td>
                  <td>{o.active ? 'Aktiv' : 'Deaktiveret'}</td>
                  {global && (
                    <td>
                      <ActiveToggle
                        active={o.active}
                        name={o.name}
                        consequence="Ingen af organisationens brugere kan logge ind, og deres sessioner slutter nu."
                        onChange={(active) => void setActive(o, active)}
                      />
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {list.data && <Pager page={page} pages={Math.ceil(list.data.total / PAGE_SIZE)} onPage={setPage} label="Sider med organisationer" />}
      {global && <CreateOrganisation />}
    </>
  );
}
