import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { Alert } from '../../components/Alert';
import { FormField } from '../../components/FormField';
import { client, data, setCsrfToken } from '../../lib/api/client';
import { mapProblem, type MappedProblem } from '../../lib/problems';
import { OrganisationLogin, RefusedAlert, useSignInOptions } from './OrganisationLogin';

/** Log ind: username and password give a session cookie; then back to where the user came from. */
export function LoginPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<MappedProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const back = params.get('tilbage');
  const options = useSignInOptions();
  const localLogin = options.data?.localLogin ?? true;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      const s = await data(client.POST('/api/auth/session', { body: { username, password } }));
      setCsrfToken(s.csrfToken);
      qc.setQueryData(['session'], s.user);
      void navigate(back && back.startsWith('/') && !back.startsWith('//') ? back : '/', { replace: true });
    } catch (err) {
      setProblem(mapProblem(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="narrow">
      <h1 tabIndex={-1}>Log ind</h1>
      {params.get('logget-ud') && <Alert kind="success" heading="Du er logget ud." />}
      {back && !problem && <Alert kind="info" heading="Log ind for at fortsætte." />}
      {problem?.message && <Alert kind="error" heading={problem.message} />}
      <RefusedAlert code={params.get('fejl')} />
      {options.data && <OrganisationLogin options={options.data} back={back} />}
      {localLogin && options.data?.providers.length ? <h2>Log ind med brugernavn og adgangskode</h2> : null}
      {localLogin && (
        <form onSubmit={(e) => void submit(e)} noValidate>
          <FormField
            label="Brugernavn"
            name="username"
            autoComplete="username"
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            error={problem?.fields.username}
            required
          />
          <FormField
            label="Adgangskode"
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            error={problem?.fields.password}
            required
          />
          <button type="submit" className="button button-primary" disabled={busy}>
            Log ind
          </button>
        </form>
      )}
    </div>
  );
}
