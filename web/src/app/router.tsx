// Routes of the web client. Pages are loaded on demand to keep the first download small.
import { lazy } from 'react';
import { createBrowserRouter, Navigate } from 'react-router';
import { AppLayout } from './app-layout';
import { NotFoundPage } from './not-found-page';

const PlansPage = lazy(() =>
  import('../features/plans/pages/plans-page').then((m) => ({ default: m.PlansPage })),
);
const PlanPage = lazy(() =>
  import('../features/plans/pages/plan-page').then((m) => ({ default: m.PlanPage })),
);
const ImportReviewPage = lazy(() =>
  import('../features/imports/pages/import-review-page').then((m) => ({
    default: m.ImportReviewPage,
  })),
);
const AgenciesPage = lazy(() =>
  import('../features/agencies/pages/agencies-page').then((m) => ({ default: m.AgenciesPage })),
);
const PlaceholderPage = lazy(() =>
  import('../features/placeholders/placeholder-page').then((m) => ({
    default: m.PlaceholderPage,
  })),
);

export function createRouter() {
  return createBrowserRouter([
    {
      element: <AppLayout />,
      children: [
        { index: true, element: <Navigate to="/ke-hoach" replace /> },
        { path: 'ke-hoach', element: <PlansPage /> },
        { path: 'ke-hoach/:id', element: <PlanPage /> },
        { path: 'nhap/:id', element: <ImportReviewPage /> },
        { path: 'co-quan', element: <AgenciesPage /> },
        { path: 'nhiem-vu', element: <PlaceholderPage area="tasks" /> },
        { path: 'chi-tieu', element: <PlaceholderPage area="targets" /> },
        { path: 'du-an', element: <PlaceholderPage area="projects" /> },
        { path: 'bao-cao', element: <PlaceholderPage area="reports" /> },
        { path: '*', element: <NotFoundPage /> },
      ],
    },
  ]);
}
