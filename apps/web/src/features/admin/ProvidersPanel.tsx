import { Alert, Loading } from '../../components/Alert';
import { mapProblem } from '../../lib/problems';
import { useProviders } from './api';
import { roleList } from './Roles';

/** Where the client secret comes from, in Danish (the API names it in English for the operator's logs). */
const secretSource = (source: string): string =>
  source
    .replace(/^environment variable /, 'miljøvariablen ')
    .replace(/^file /, 'filen ')
    .replace(/^none \(a public client\)$/, 'ingen (offentlig klient)');

/** The identity providers in OIDC_PROVIDERS_FILE: read only (the operator changes the file). */
export function ProvidersPanel() {
  const providers = useProviders();
  if (providers.isPending) return <Loading what="login-tjenesterne" />;
  if (providers.error) return <Alert kind="error" heading={mapProblem(providers.error).message ?? ''} />;
  if (!providers.data.length) {
    return <p>Der er ikke sat nogen login-tjeneste op for din organisation. Driften sætter dem op i filen OIDC_PROVIDERS_FILE.</p>;
  }
  return (
    <>
      <p>Login-tjenesterne sættes op af driften i filen OIDC_PROVIDERS_FILE. Klienthemmeligheder vises aldrig.</p>
      <div className="table-wrap" role="region" aria-label="Tabel: Login-tjenester" tabIndex={0}>
        <table className="table table--zebra">
          <thead>
            <tr>
              <th scope="col">Organisation</th>
              <th scope="col">Udsteder</th>
              <th scope="col">Klient-id</th>
              <th scope="col">Hemmelighed fra</th>
              <th scope="col">Brugernavn fra</th>
              <th scope="col">Grupper og roller</th>
              <th scope="col">Roller følger login-tjenesten</th>
            </tr>
          </thead>
          <tbody>
            {providers.data.map((p) => (
              <tr key={p.cvr}>
                <td>
                  {p.organisationName || 'Ukendt organisation'} (CVR {p.cvr}){!p.organisationKnown && ' – findes ikke i Kravbank'}
                </td>
                <td className="break">{p.issuer}</td>
                <td className="break">{p.clientId}</td>
                <td>{secretSource(p.clientSecretSource)}</td>
                <td>{p.usernameClaim}</td>
                <td>
                  {p.rolesClaim}:{' '}
                  {Object.entries(p.roleMap)
                    .map(([group, roles]) => `${group} → ${roleList(roles)}`)
                    .join('; ') || 'ingen'}
                </td>
                <td>{p.syncRolesOnLogin ? 'Ja, ved hvert login' : 'Nej, kun ved første login'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
