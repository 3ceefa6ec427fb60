import type { ReactNode } from 'react';
import { Link, NavLink } from 'react-router';
import { Alert, Loading } from '../../components/Alert';
import type { SpecificationView } from '../../lib/api/types';
import { mapProblem } from '../../lib/problems';
import { useSpecificationHead } from './api';
import type { ConformityBadge } from './labels';

/** The way between the specification, its offers and the evaluation. */
export function OffersNav({ id }: { id: string }) {
  return (
    <nav className="views offers-nav" aria-label="Kravspecifikation, tilbud og evaluering">
      <ul className="view-list no-max-width">
        <li>
          <Link to={`/specifikationer/${id}`}>Kravspecifikationen</Link>
        </li>
        <li>
          <NavLink to={`/specifikationer/${id}/tilbud`} end className={({ isActive }) => (isActive ? 'view-active' : undefined)}>
            Tilbud
          </NavLink>
        </li>
        <li>
          <NavLink to={`/specifikationer/${id}/evaluering`} className={({ isActive }) => (isActive ? 'view-active' : undefined)}>
            Evaluering
          </NavLink>
        </li>
      </ul>
    </nav>
  );
}

/**
 * Reads the specification and shows the page only for a final one: offers exist only on a final
 * specification (another organisation's is not found).
 */
export function FinalSpecification({
  id,
  heading,
  children,
}: {
  id: string;
  heading: string;
  children: (spec: SpecificationView) => ReactNode;
}) {
  const spec = useSpecificationHead(id);
  if (spec.isPending) return <Loading what="kravspecifikationen" />;
  if (spec.isError)
    return (
      <>
        <h1 tabIndex={-1}>Kravspecifikationen blev ikke fundet</h1>
        <Alert kind="error" heading={mapProblem(spec.error).message ?? ''} />
      </>
    );
  if (spec.data.status !== 'final')
    return (
      <>
        <OffersNav id={id} />
        <h1 tabIndex={-1}>{heading}</h1>
        <Alert kind="info" heading="Tilbud kan først registreres, når kravspecifikationen er afsluttet.">
          <p>
            Afslut kravspecifikationen i <Link to={`/specifikationer/${id}`}>editoren</Link>, og send det afsluttede bilag ud.
            Tilbudsgivernes besvarelser indlæses her bagefter.
          </p>
        </Alert>
      </>
    );
  return (
    <>
      <OffersNav id={id} />
      {children(spec.data)}
    </>
  );
}

export function Badges({ badges }: { badges: ConformityBadge[] }) {
  return (
    <>
      {badges.map((b) => (
        <span key={b.text} className={`badge badge-${b.kind} conformity-badge`}>
          {b.text}
        </span>
      ))}
    </>
  );
}

/** One polite line for what just happened (errors assertive, through the Alert). */
export function StatusLine({ message }: { message: { text: string; error?: boolean } | null }) {
  return (
    <div aria-live="polite" className="status-line">
      {message && <Alert kind={message.error ? 'error' : 'success'} heading={message.text} />}
    </div>
  );
}
