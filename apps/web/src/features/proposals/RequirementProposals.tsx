import { Link } from 'react-router';
import { useSession } from '../../lib/session';
import { useProposals } from './api';
import { KIND_LABEL, STATE_LABEL } from './labels';

/** On a requirement's page: the open proposals that touch it, and "Foreslå ændring" for anyone logged in. */
export function RequirementProposals({ reqKey, retired }: { reqKey: string; retired: boolean }) {
  const { data: user } = useSession();
  const open = useProposals({ requirementKey: reqKey, open: 'true', page: 1 }, !!user);
  if (!user) return null;
  return (
    <section aria-labelledby="proposals-heading" className="requirement-proposals">
      <h2 id="proposals-heading">Ændringsforslag</h2>
      {open.data && open.data.items.length > 0 ? (
        <ul>
          {open.data.items.map((p) => (
            <li key={p.id}>
              <Link to={`/forslag/${p.id}`}>
                Forslag nr. {p.number}: {KIND_LABEL[p.kind]}
              </Link>{' '}
              ({STATE_LABEL[p.state]}, {p.proposer.displayName})
            </li>
          ))}
        </ul>
      ) : (
        open.data && <p>Ingen åbne ændringsforslag til kravet.</p>
      )}
      {!retired && (
        <div className="button-row">
          <Link className="button button-secondary" to={`/forslag/nyt?art=amend&krav=${reqKey}`}>
            Foreslå ændring
          </Link>
          <Link className="button button-tertiary" to={`/forslag/nyt?art=retire&krav=${reqKey}`}>
            Foreslå udfasning
          </Link>
        </div>
      )}
    </section>
  );
}
