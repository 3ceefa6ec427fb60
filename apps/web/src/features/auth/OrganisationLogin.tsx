import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Alert } from '../../components/Alert';
import { client, data } from '../../lib/api/client';
import type { components } from '../../lib/api/schema';

type SignInOptions = components['schemas']['SignInOptions'];

/** Why a sign-in through the organisation's provider came back refused (the callback's `fejl`). */
const REFUSALS: Record<string, string> = {
  user_deactivated: 'Din bruger er deaktiveret i Kravbank. Kontakt din administrator.',
  organisation_deactivated: 'Din organisation er deaktiveret i Kravbank.',
  no_roles: 'Din organisation har ikke givet dig en rolle i Kravbank. Kontakt din administrator.',
  username_taken: 'Dit brugernavn er allerede i brug af en anden bruger i Kravbank. Kontakt din administrator.',
  state_mismatch: 'Login blev afbrudt. Prøv igen.',
  state_unknown: 'Login-forsøget er udløbet eller allerede brugt. Prøv igen.',
};

export function useSignInOptions() {
  return useQuery({
    queryKey: ['sign-in-options'],
    queryFn: ({ signal }) => data(client.GET('/api/auth/providers', { signal })),
    staleTime: 300_000,
  });
}

export function refusalMessage(code: string | null): string | null {
  return code ? (REFUSALS[code] ?? 'Login gennem din organisation blev afvist. Prøv igen, eller kontakt din administrator.') : null;
}

/** "Log ind med din organisation": choose the organisation; the browser goes to its identity provider and comes back signed in. */
export function OrganisationLogin({ options, back }: { options: SignInOptions; back: string | null }) {
  const [cvr, setCvr] = useState(options.providers.length === 1 ? options.providers[0].cvr : '');
  const [missing, setMissing] = useState(false);
  if (!options.providers.length) return null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const provider = options.providers.find((p) => p.cvr === cvr);
    if (!provider) return setMissing(true);
    const target = back && back.startsWith('/') && !back.startsWith('//') ? `?tilbage=${encodeURIComponent(back)}` : '';
    window.location.assign(`${provider.loginUrl}${target}`);
  };
  return (
    <form className="login-options" onSubmit={submit} noValidate aria-labelledby="org-login">
      <h2 id="org-login">Log ind med din organisation</h2>
      <p>Brug din organisations eget login. Du sendes til din organisation og tilbage til Kravbank.</p>
      <div className={`form-group${missing ? ' form-error' : ''}`}>
        <label className="form-label" htmlFor="org-choice">
          Organisation
        </label>
        {missing && (
          <span className="form-error-message" id="org-choice-error">
            <span className="sr-only">Fejl: </span>Vælg din organisation.
          </span>
        )}
        <select
          id="org-choice"
          className="form-select"
          value={cvr}
          aria-describedby={missing ? 'org-choice-error' : undefined}
          aria-invalid={missing || undefined}
          onChange={(e) => (setCvr(e.target.value), setMissing(false))}
        >
          <option value="">Vælg organisation</option>
          {options.providers.map((p) => (
            <option key={p.cvr} value={p.cvr}>
              {p.organisationName}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="button button-primary">
        Log ind med din organisation
      </button>
    </form>
  );
}

export function RefusedAlert({ code }: { code: string | null }) {
  const message = refusalMessage(code);
  return message ? <Alert kind="error" heading={message} /> : null;
}
