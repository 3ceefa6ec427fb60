import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { Alert, Loading } from '../../components/Alert';
import { client, data } from '../../lib/api/client';

export const KIND_LABEL: Record<string, string> = {
  act: 'Lov',
  'executive-order': 'Bekendtgørelse',
  standard: 'Standard',
  principle: 'Princip',
  guideline: 'Vejledning',
  judgment: 'Afgørelse',
};

/** Retskilder: the register of laws, orders and standards the requirements cite. */
export default function LegalSourcesPage() {
  const list = useQuery({
    queryKey: ['legal-sources'],
    queryFn: ({ signal }) => data(client.GET('/api/legal-sources', { params: { query: { limit: 100 } }, signal })),
  });
  if (list.isPending) return <Loading what="retskilderne" />;
  if (list.isError) return <Alert kind="error" heading="Retskilderne kunne ikke hentes." />;
  const items = list.data.items;
  return (
    <>
      <h1 tabIndex={-1}>Retskilder</h1>
      <p>Love, bekendtgørelser og standarder, som kravene bygger på. Vælg en retskilde for at se de krav, der henviser til den.</p>
      <div className="table-wrap" role="region" aria-label="Tabel: Retskilder" tabIndex={0}>
        <table className="table table--zebra">
          <thead>
            <tr>
              <th scope="col">Retskilde</th>
              <th scope="col">Type</th>
              <th scope="col">Udsteder</th>
              <th scope="col">Krav</th>
            </tr>
          </thead>
          <tbody>
            {items.map((s) => (
              <tr key={s.id}>
                <td>
                  <Link to={`/retskilder/${s.id}`}>{s.title}</Link>
                </td>
                <td>{KIND_LABEL[s.kind] ?? s.kind}</td>
                <td>{s.issuer}</td>
                <td>{s.requirementCount}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
