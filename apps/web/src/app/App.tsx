import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { Loading } from '../components/Alert';
import { ApiError, onUnauthorized } from '../lib/api/client';
import { LoginPage } from '../features/auth/LoginPage';
import { HomePage } from '../features/home/HomePage';
import { SearchPage } from '../features/search/SearchPage';
import { Layout } from './Layout';
import { RequireLogin } from './RequireLogin';
import { SESSION_KEY } from '../lib/session';

const RequirementPage = lazy(() => import('../features/requirements/RequirementPage'));
const LegalSourcesPage = lazy(() => import('../features/legal-sources/LegalSourcesPage'));
const LegalSourcePage = lazy(() => import('../features/legal-sources/LegalSourcePage'));
const SpecificationsPage = lazy(() => import('../features/specifications/SpecificationsPage'));
const EditorPage = lazy(() => import('../features/specifications/EditorPage'));
const OffersPage = lazy(() => import('../features/offers/OffersPage'));
const OfferReportPage = lazy(() => import('../features/offers/OfferReportPage'));
const EvaluationPage = lazy(() => import('../features/offers/EvaluationPage'));
const ProposalsPage = lazy(() => import('../features/proposals/ProposalsPage'));
const NewProposalPage = lazy(() => import('../features/proposals/NewProposalPage'));
const ProposalPage = lazy(() => import('../features/proposals/ProposalPage'));
const AuditPage = lazy(() => import('../features/audit/AuditPage'));
// The requirement page shows the proposals touching it; features stay apart, so the app hands it the panel.
const RequirementProposals = lazy(() =>
  import('../features/proposals/RequirementProposals').then((m) => ({ default: m.RequirementProposals })),
);
const AdminPage = lazy(() => import('../features/admin/AdminPage'));

const retry = (count: number, error: unknown) => count < 3 && (!(error instanceof ApiError) || error.status === 0 || error.status >= 500);

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: { retry, retryDelay: (n) => Math.min(1000 * 2 ** n, 8000), staleTime: 30_000, refetchOnWindowFocus: false },
  },
  queryCache: new QueryCache(),
  mutationCache: new MutationCache(),
});

const lazyPage = (node: React.ReactNode) => <Suspense fallback={<Loading what="siden" />}>{node}</Suspense>;
const loggedIn = (node: React.ReactNode) => <RequireLogin>{lazyPage(node)}</RequireLogin>;

const router = createBrowserRouter([
  {
    element: <Layout />,
    children: [
      { path: '/', element: <HomePage /> },
      { path: '/log-ind', element: <LoginPage /> },
      { path: '/soeg', element: <SearchPage /> },
      {
        path: '/krav/:key',
        element: lazyPage(
          <RequirementPage
            proposals={(key, retired) => (
              <Suspense fallback={null}>
                <RequirementProposals reqKey={key} retired={retired} />
              </Suspense>
            )}
          />,
        ),
      },
      { path: '/retskilder', element: lazyPage(<LegalSourcesPage />) },
      { path: '/retskilder/:id', element: lazyPage(<LegalSourcePage />) },
      { path: '/specifikationer', element: loggedIn(<SpecificationsPage />) },
      { path: '/specifikationer/:id', element: loggedIn(<EditorPage />) },
      { path: '/specifikationer/:id/tilbud', element: loggedIn(<OffersPage />) },
      { path: '/specifikationer/:id/tilbud/:offerId', element: loggedIn(<OfferReportPage />) },
      { path: '/specifikationer/:id/evaluering', element: loggedIn(<EvaluationPage />) },
      { path: '/forslag', element: loggedIn(<ProposalsPage />) },
      { path: '/forslag/nyt', element: loggedIn(<NewProposalPage />) },
      { path: '/forslag/:id', element: loggedIn(<ProposalPage />) },
      { path: '/revisionsspor', element: loggedIn(<AuditPage />) },
      { path: '/administration/:section?', element: loggedIn(<AdminPage />) },
      { path: '*', element: <NotFound /> },
    ],
  },
]);

// A session that ends while the app is open: forget it and go to the login page, then come back.
onUnauthorized(() => {
  queryClient.setQueryData(SESSION_KEY, null);
  const here = window.location.pathname + window.location.search;
  if (!window.location.pathname.startsWith('/log-ind')) void router.navigate(`/log-ind?tilbage=${encodeURIComponent(here)}`);
});

function NotFound() {
  return (
    <>
      <h1 tabIndex={-1}>Siden findes ikke</h1>
      <p>
        Adressen findes ikke i Kravbank. Gå til <a href="/">forsiden</a>.
      </p>
    </>
  );
}

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  );
}
