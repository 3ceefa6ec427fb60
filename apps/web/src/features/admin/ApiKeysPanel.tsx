import { useState, type FormEvent } from 'react';
import { Alert, Loading } from '../../components/Alert';
import { FormField } from '../../components/FormField';
import { Pager } from '../../components/Pager';
import { date } from '../../lib/format';
import type { MappedProblem } from '../../lib/problems';
import {
  adminCalls,
  adminProblem,
  PAGE_SIZE,
  useAdminChange,
  useApiKeys,
  useOrganisations,
  type ApiKey,
  type CreatedApiKey,
  type Role,
} from './api';
import { RoleChoice, roleList } from './Roles';

function CreateApiKey({ ownOrganisation }: { ownOrganisation: string }) {
  const organisations = useOrganisations(1, 100);
  const [name, setName] = useState('');
  const [organisationId, setOrganisationId] = useState(ownOrganisation);
  const [roles, setRoles] = useState<Role[]>(['procurer']);
  const [problem, setProblem] = useState<MappedProblem | null>(null);
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const create = useAdminChange(adminCalls.createApiKey);
  const orgs = organisations.data?.items ?? [];
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setProblem(null);
    setCreated(null);
    try {
      setCreated(await create.mutateAsync({ body: { name, organisationId, roles } }));
      setName('');
    } catch (err) {
      setProblem(adminProblem(err));
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-labelledby="create-key">
      <h2 id="create-key">Opret en API-nøgle</h2>
      {problem?.message && <Alert kind="error" heading={problem.message} />}
      {created && (
        <Alert kind="success" heading={`API-nøglen »${created.name}« er oprettet. Kopiér den nu: den vises kun denne ene gang.`}>
          <p>
            <code className="api-key" aria-label="Den nye API-nøgle">
              {created.key}
            </code>
          </p>
          <p>Send den som »Authorization: Bearer &lt;nøgle&gt;«.</p>
        </Alert>
      )}
      <FormField
        label="Hvad bruges nøglen til?"
        hint="Fx »ESDH-integration«"
        value={name}
        onChange={(e) => setName(e.target.value)}
        error={problem?.fields.name}
        required
      />
      {orgs.length > 1 && (
        <div className="form-group">
          <label className="form-label" htmlFor="key-org">
            Organisation
          </label>
          <select id="key-org" className="form-select" value={organisationId} onChange={(e) => setOrganisationId(e.target.value)}>
            {orgs.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        </div>
      )}
      <RoleChoice value={roles} onChange={setRoles} error={problem?.fields.roles} legend="Nøglens roller" />
      <button type="submit" className="button button-primary" disabled={create.isPending}>
        Opret API-nøgle
      </button>
    </form>
  );
}

export function ApiKeysPanel({ ownOrganisation }: { ownOrganisation: string }) {
  const [page, setPage] = useState(1);
  const keys = useApiKeys(page);
  const revoke = useAdminChange(adminCalls.revokeApiKey);
  const [problem, setProblem] = useState<MappedProblem | null>(null);
  const onRevoke = async (k: ApiKey) => {
    if (!window.confirm(`Tilbagekald API-nøglen »${k.name}«? Den afvises fra næste kald.`)) return;
    await revoke.mutateAsync({ id: k.id }).catch((err) => setProblem(adminProblem(err)));
  };
  return (
    <>
      {problem?.message && <Alert kind="error" heading={problem.message} />}
      {keys.isPending && <Loading what="API-nøglerne" />}
      {keys.data && keys.data.items.length === 0 && <p>Der er ingen API-nøgler endnu.</p>}
      {keys.data && keys.data.items.length > 0 && (
        <div className="table-wrap" role="region" aria-label="Tabel: API-nøgler" tabIndex={0}>
          <table className="table table--zebra">
            <thead>
              <tr>
                <th scope="col">Navn</th>
                <th scope="col">Begynder med</th>
                <th scope="col">Organisation</th>
                <th scope="col">Roller</th>
                <th scope="col">Oprettet</th>
                <th scope="col">Sidst brugt</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {keys.data.items.map((k) => (
                <tr key={k.id}>
                  <td>{k.name}</td>
                  <td>
                    <code>kb_{k.prefix}_…</code>
                  </td>
                  <td>{k.organisationName}</td>
                  <td>{roleList(k.roles)}</td>
                  <td>
                    {date(k.createdAt)}
                    {k.createdBy ? ` af ${k.createdBy}` : ''}
                  </td>
                  <td>{k.lastUsedAt ? date(k.lastUsedAt) : 'Aldrig'}</td>
                  <td>
                    {k.revokedAt ? (
                      `Tilbagekaldt ${date(k.revokedAt)}`
                    ) : (
                      <button type="button" className="button button-secondary" onClick={() => void onRevoke(k)}>
                        Tilbagekald<span className="sr-only"> {k.name}</span>
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {keys.data && <Pager page={page} pages={Math.ceil(keys.data.total / PAGE_SIZE)} onPage={setPage} label="Sider med API-nøgler" />}
      <CreateApiKey ownOrganisation={ownOrganisation} />
    </>
  );
}
