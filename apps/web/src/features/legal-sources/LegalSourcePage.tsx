import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { Alert, Loading } from '../../components/Alert';
import { client, data } from '../../lib/api/client';
import { CATEGORY_LABEL } from '../../lib/format';
import { KIND_LABEL } from './LegalSourcesPage';

/** One legal source and the requirements whose current version cites it. */
export default function LegalSourcePage() {
  const { id = '' } = useParams();
  const source = useQuery({
    queryKey: ['legal-source', id],
    queryFn: ({ signal }) => data(client.GET('/api/legal-sources/{id}', { params: { path: { id } }, signal })),
  });
  const reqs = useQuery({
    queryKey: ['legal-source', id, 'requirements'],
    queryFn: ({ signal }) =>
      data(client.GET('/api/legal-sources/{id}/requirements', { params: { path: { id }, query: { limit: 100 } }, signal })),
  });
  if (source.isPending) return <Loading what="retskilden" />;
  if (source.isError)
    return (
      <>
        <h1 tabIndex={-1}>Retskilden blev ikke fundet</h1>
        <Alert kind="error" heading="Retskilden findes ikke." />
      </>
    );
  const s = source.data;
  return (
    <>
      <p className="breadcrumb-line">
        <Link to="/retskilder">Retskilder</Link> › {s.title}
      </p>
      <h1 tabIndex={-1}>{s.title}</h1>
      <dl className="fields">
        <dt>Type</dt>
        <dd>{KIND_LABEL[s.kind] ?? s.kind}</dd>
        <dt>Udsteder</dt>
        <dd>{s.issuer}</dd>
        <dt>Version</dt>
        <dd>{s.version}</dd>
        <dt>Kilde</dt>
        <dd>
          <a href={s.url} rel="noreferrer">
            {s.url}
          </a>
        </dd>
      </dl>
      <h2>Krav, der henviser til retskilden</h2>
      {reqs.isPending && <Loading what="kravene" />}
      {reqs.data && (
        <ul className="nobullet-list">
          {reqs.data.items.map((r) => (
            <li key={r.key}>
              <Link to={`/krav/${r.key}`}>
                {r.key} {r.title}
              </Link>{' '}
              <span className="hit-meta">({CATEGORY_LABEL[r.category]})</span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
