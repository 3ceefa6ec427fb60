import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { Alert, Loading } from '../../components/Alert';
import { FormField } from '../../components/FormField';
import { client, data } from '../../lib/api/client';
import { date } from '../../lib/format';
import { mapProblem, type MappedProblem } from '../../lib/problems';
import { usePrefetchItems, useProfiles, useSpecifications } from './api';

function CreateForm() {
  const profiles = useProfiles();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [title, setTitle] = useState('');
  const [procurementName, setProcurementName] = useState('');
  const [profileId, setProfileId] = useState('');
  const [problem, setProblem] = useState<MappedProblem | null>(null);
  const list = profiles.data?.items ?? [];

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setProblem(null);
    try {
      const s = await data(client.POST('/api/specifications', { body: { title, procurementName, ...(profileId ? { profileId } : {}) } }));
      await qc.invalidateQueries({ queryKey: ['specifications'] });
      void navigate(`/specifikationer/${s.id}`);
    } catch (err) {
      setProblem(mapProblem(err));
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-labelledby="create-heading">
      <h2 id="create-heading">Opret en kravspecifikation</h2>
      {problem?.message && <Alert kind="error" heading={problem.message} />}
      <FormField
        label="Titel"
        hint="Fx »Kravspecifikation: ny ESDH-løsning«"
        value={title}
        onChange={(e) => setTitle(e.target.value)}
        error={problem?.fields.title}
        required
      />
      <FormField
        label="Udbuddets navn"
        value={procurementName}
        onChange={(e) => setProcurementName(e.target.value)}
        error={problem?.fields.procurementName}
        required
      />
      <fieldset className="profiles">
        <legend className="form-label">Start fra</legend>
        <span className="form-hint">En profil er et forslag til krav for en type system. Du kan fjerne og tilføje krav bagefter.</span>
        {profiles.isPending && <Loading what="profilerne" />}
        <ul className="nobullet-list">
          <li>
            <div className="form-group-radio">
              <input
                type="radio"
                className="form-radio"
                id="profile-none"
                name="profile"
                checked={profileId === ''}
                onChange={() => setProfileId('')}
              />
              <label htmlFor="profile-none">Tom kravspecifikation</label>
            </div>
          </li>
          {list.map((p) => (
            <li key={p.id}>
              <div className="form-group-radio">
                <input
                  type="radio"
                  className="form-radio"
                  id={`profile-${p.id}`}
                  name="profile"
                  checked={profileId === p.id}
                  onChange={() => setProfileId(p.id)}
                  aria-describedby={`profile-${p.id}-desc`}
                />
                <label htmlFor={`profile-${p.id}`}>
                  {p.title} ({p.itemCount} krav)
                </label>
                <p className="form-hint" id={`profile-${p.id}-desc`}>
                  {p.description}
                </p>
              </div>
            </li>
          ))}
        </ul>
      </fieldset>
      <button type="submit" className="button button-primary">
        Opret kravspecifikation
      </button>
    </form>
  );
}

/** Kravspecifikationer: the organisation's list and the form that starts a new one. */
export default function SpecificationsPage() {
  const specs = useSpecifications();
  const prefetch = usePrefetchItems();
  return (
    <>
      <h1 tabIndex={-1}>Kravspecifikationer</h1>
      {specs.isPending && <Loading what="kravspecifikationerne" />}
      {specs.isError && <Alert kind="error" heading={mapProblem(specs.error).message ?? ''} />}
      {specs.data && (
        <div className="table-wrap" role="region" aria-label="Tabel: Kravspecifikationer" tabIndex={0}>
          <table className="table table--zebra">
            <caption className="sr-only">Organisationens kravspecifikationer</caption>
            <thead>
              <tr>
                <th scope="col">Titel</th>
                <th scope="col">Status</th>
                <th scope="col">Krav</th>
                <th scope="col">Ændret</th>
              </tr>
            </thead>
            <tbody>
              {specs.data.items.map((s) => (
                <tr key={s.id}>
                  <td>
                    <Link
                      to={`/specifikationer/${s.id}`}
                      onPointerEnter={() => prefetch(s.id)}
                      onFocus={() => prefetch(s.id)}
                      onClick={() => prefetch(s.id)}
                    >
                      {s.title}
                    </Link>{' '}
                    <span className="hit-meta">rev. {s.revision}</span>
                  </td>
                  <td>{s.status === 'final' ? 'Afsluttet' : 'Kladde'}</td>
                  <td>{s.itemCount}</td>
                  <td>{date(s.updatedAt)}</td>
                </tr>
              ))}
              {specs.data.items.length === 0 && (
                <tr>
                  <td colSpan={4}>Ingen kravspecifikationer endnu.</td>
                </tr>
              )}
            </tbody>
          </table>
        </div>
      )}
      <CreateForm />
    </>
  );
}
