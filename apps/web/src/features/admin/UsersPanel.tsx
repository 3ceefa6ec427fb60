import { ActiveToggle } from './ActiveToggle';
import { useState, type FormEvent } from 'react';
import { Alert, Loading } from '../../components/Alert';
import { FormField } from '../../components/FormField';
import { Pager } from '../../components/Pager';
import type { MappedProblem } from '../../lib/problems';
import {
  adminCalls,
  adminProblem,
  PAGE_SIZE,
  useAdminChange,
  useOrganisations,
  useUsers,
  type AdminUser,
  type Organisation,
  type Role,
} from './api';
import { RoleChoice, roleList } from './Roles';

const SIGN_IN: Record<string, string> = {
  password: 'Adgangskode',
  provider: 'Organisationens login',
  none: 'Organisationens login (ikke logget ind endnu)',
};

function OrganisationSelect({
  id,
  value,
  onChange,
  organisations,
  any,
}: {
  id: string;
  value: string;
  onChange: (v: string) => void;
  organisations: Organisation[];
  any?: string;
}) {
  return (
    <select id={id} className="form-select" value={value} onChange={(e) => onChange(e.target.value)}>
      {any && <option value="">{any}</option>}
      {organisations.map((o) => (
        <option key={o.id} value={o.id}>
          {o.name}
        </option>
      ))}
    </select>
  );
}

function CreateUser({ organisations, ownOrganisation }: { organisations: Organisation[]; ownOrganisation: string }) {
  const [form, setForm] = useState({ username: '', displayName: '', organisationId: ownOrganisation, password: '' });
  const [roles, setRoles] = useState<Role[]>(['procurer']);
  const [problem, setProblem] = useState<MappedProblem | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const create = useAdminChange(adminCalls.createUser);
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setProblem(null);
    setDone(null);
    try {
      const u = await create.mutateAsync({ body: { ...form, password: form.password || undefined, roles } });
      setDone(`${u.displayName} (${u.username}) er oprettet i ${u.organisationName}.`);
      setForm({ ...form, username: '', displayName: '', password: '' });
    } catch (err) {
      setProblem(adminProblem(err));
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-labelledby="create-user">
      <h2 id="create-user">Opret en bruger</h2>
      {problem?.message && <Alert kind="error" heading={problem.message} />}
      {done && <Alert kind="success" heading={done} />}
      <FormField
        label="Brugernavn"
        hint="Gerne e-mailadressen, så organisationens login finder brugeren"
        value={form.username}
        onChange={set('username')}
        error={problem?.fields.username}
        required
      />
      <FormField label="Navn" value={form.displayName} onChange={set('displayName')} error={problem?.fields.displayName} required />
      {organisations.length > 1 && (
        <div className="form-group">
          <label className="form-label" htmlFor="user-org">
            Organisation
          </label>
          <OrganisationSelect
            id="user-org"
            value={form.organisationId}
            onChange={(v) => setForm({ ...form, organisationId: v })}
            organisations={organisations}
          />
        </div>
      )}
      <RoleChoice value={roles} onChange={setRoles} error={problem?.fields.roles} />
      <FormField
        label="Første adgangskode (valgfri)"
        hint="Mindst 12 tegn. Uden adgangskode logger brugeren ind med sin organisations login."
        type="password"
        autoComplete="new-password"
        value={form.password}
        onChange={set('password')}
        error={problem?.fields.password}
      />
      <button type="submit" className="button button-primary" disabled={create.isPending}>
        Opret bruger
      </button>
    </form>
  );
}

function EditRoles({ user, onDone }: { user: AdminUser; onDone: () => void }) {
  const [roles, setRoles] = useState<Role[]>(user.roles);
  const [problem, setProblem] = useState<MappedProblem | null>(null);
  const change = useAdminChange(adminCalls.changeUser);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await change.mutateAsync({ id: user.id, body: { roles } });
      onDone();
    } catch (err) {
      setProblem(adminProblem(err));
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-labelledby="edit-roles" className="admin-edit">
      <h2 id="edit-roles" tabIndex={-1}>
        Roller for {user.displayName}
      </h2>
      {problem?.message && <Alert kind="error" heading={problem.message} />}
      <RoleChoice value={roles} onChange={setRoles} error={problem?.fields.roles} legend={`Roller for ${user.username}`} />
      <button type="submit" className="button button-primary">
        Gem roller
      </button>{' '}
      <button type="button" className="button button-secondary" onClick={onDone}>
        Annullér
      </button>
    </form>
  );
}

export function UsersPanel({ ownOrganisation }: { ownOrganisation: string }) {
  const [page, setPage] = useState(1);
  const [organisationId, setOrganisationId] = useState('');
  const [q, setQ] = useState('');
  const organisations = useOrganisations(1, 100);
  const users = useUsers(page, organisationId, q);
  const change = useAdminChange(adminCalls.changeUser);
  const [editing, setEditing] = useState<AdminUser | null>(null);
  const [problem, setProblem] = useState<MappedProblem | null>(null);
  const orgs = organisations.data?.items ?? [];
  const setActive = async (u: AdminUser, active: boolean) => {
    setProblem(null);
    await change.mutateAsync({ id: u.id, body: { active } }).catch((err) => setProblem(adminProblem(err)));
  };
  return (
    <>
      <div className="admin-filters">
        {orgs.length > 1 && (
          <div className="form-group">
            <label className="form-label" htmlFor="filter-org">
              Organisation
            </label>
            <OrganisationSelect
              id="filter-org"
              value={organisationId}
              onChange={(v) => (setOrganisationId(v), setPage(1))}
              organisations={orgs}
              any="Alle organisationer"
            />
          </div>
        )}
        <FormField label="Søg efter navn eller brugernavn" type="search" value={q} onChange={(e) => (setQ(e.target.value), setPage(1))} />
      </div>
      {problem?.message && <Alert kind="error" heading={problem.message} />}
      {users.isPending && <Loading what="brugerne" />}
      {users.data && (
        <div className="table-wrap" role="region" aria-label="Tabel: Brugere" tabIndex={0}>
          <table className="table table--zebra">
            <thead>
              <tr>
                <th scope="col">Navn</th>
                <th scope="col">Brugernavn</th>
                <th scope="col">Organisation</th>
                <th scope="col">Roller</th>
                <th scope="col">Logger ind med</th>
                <th scope="col">Status</th>
                <th scope="col">Handling</th>
              </tr>
            </thead>
            <tbody>
              {users.data.items.map((u) => (
                <tr key={u.id}>
                  <td>{u.displayName}</td>
                  <td>{u.username}</td>
                  <td>{u.organisationName}</td>
                  <td>{roleList(u.roles)}</td>
                  <td>{SIGN_IN[u.signIn] ?? u.signIn}</td>
                  <td>{u.active ? 'Aktiv' : 'Deaktiveret'}</td>
                  <td className="admin-actions">
                    <button type="button" className="button button-secondary" onClick={() => setEditing(u)}>
                      Ret roller<span className="sr-only"> for {u.displayName}</span>
                    </button>
                    <ActiveToggle
                      active={u.active}
                      name={u.displayName}
                      consequence="Brugerens sessioner og adgangsnøgler holder op med at virke med det samme."
                      onChange={(active) => void setActive(u, active)}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {users.data && <Pager page={page} pages={Math.ceil(users.data.total / PAGE_SIZE)} onPage={setPage} label="Sider med brugere" />}
      {editing && <EditRoles key={editing.id} user={editing} onDone={() => setEditing(null)} />}
      {orgs.length > 0 && <CreateUser organisations={orgs} ownOrganisation={ownOrganisation} />}
    </>
  );
}
