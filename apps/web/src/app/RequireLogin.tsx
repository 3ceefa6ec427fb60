import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { Loading } from '../components/Alert';
import { useSession } from '../lib/session';

/** Pages that need a login send the visitor to the login page and back afterwards. */
export function RequireLogin({ children }: { children: ReactNode }) {
  const { data: user, isPending } = useSession();
  const location = useLocation();
  if (isPending) return <Loading what="din session" />;
  if (!user) return <Navigate to={`/log-ind?tilbage=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  return <>{children}</>;
}
