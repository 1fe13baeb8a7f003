// Routes of the web client. Pages are loaded on demand to keep the first download small.
// Every page but the login page and the public view (/cong-khai) needs a signed-in user
// (AppLayout sends others to /dang-nhap).
import { lazy, Suspense } from 'react';
import { createBrowserRouter } from 'react-router';
import { AppLayout } from './app-layout';
import { HomeRedirect } from './home-redirect';
import { PageLoading } from './query-state';
import { RouteError } from './route-error';

// antd's Result and its illustration: only for a wrong address.
const NotFoundPage = lazy(() =>
  import('./not-found-page').then((m) => ({ default: m.NotFoundPage })),
);
const LoginPage = lazy(() =>
  import('../features/auth/pages/login-page').then((m) => ({ default: m.LoginPage })),
);
const DashboardPage = lazy(() =>
  import('../features/dashboard/pages/dashboard-page').then((m) => ({
    default: m.DashboardPage,
  })),
);
const MyWorkPage = lazy(() =>
  import('../features/my-work/pages/my-work-page').then((m) => ({ default: m.MyWorkPage })),
);
const UrgingPage = lazy(() =>
  import('../features/urging/pages/urging-page').then((m) => ({ default: m.UrgingPage })),
);
const MapPage = lazy(() =>
  import('../features/map/pages/map-page').then((m) => ({ default: m.MapPage })),
);
const UsersPage = lazy(() =>
  import('../features/users/pages/users-page').then((m) => ({ default: m.UsersPage })),
);
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
const TasksPage = lazy(() =>
  import('../features/tasks/pages/tasks-page').then((m) => ({ default: m.TasksPage })),
);
const TaskPage = lazy(() =>
  import('../features/tasks/pages/task-page').then((m) => ({ default: m.TaskPage })),
);
const AuditPage = lazy(() =>
  import('../features/admin/pages/audit-page').then((m) => ({ default: m.AuditPage })),
);
const ReorganisationPage = lazy(() =>
  import('../features/admin/pages/reorganisation-page').then((m) => ({
    default: m.ReorganisationPage,
  })),
);
const OutboxPage = lazy(() =>
  import('../features/admin/pages/outbox-page').then((m) => ({ default: m.OutboxPage })),
);
const SettingsPage = lazy(() =>
  import('../features/tenant-settings/pages/settings-page').then((m) => ({
    default: m.SettingsPage,
  })),
);
const TargetsPage = lazy(() =>
  import('../features/targets/pages/targets-page').then((m) => ({ default: m.TargetsPage })),
);
const TargetPage = lazy(() =>
  import('../features/targets/pages/target-page').then((m) => ({ default: m.TargetPage })),
);
const ProjectsPage = lazy(() =>
  import('../features/projects/pages/projects-page').then((m) => ({ default: m.ProjectsPage })),
);
const ProjectPage = lazy(() =>
  import('../features/projects/pages/project-page').then((m) => ({ default: m.ProjectPage })),
);
const AdjustmentsPage = lazy(() =>
  import('../features/adjustments/pages/adjustments-page').then((m) => ({
    default: m.AdjustmentsPage,
  })),
);
const AdjustmentBatchPage = lazy(() =>
  import('../features/adjustments/pages/batch-page').then((m) => ({ default: m.BatchPage })),
);
const AdjustmentPage = lazy(() =>
  import('../features/adjustments/pages/proposal-page').then((m) => ({ default: m.ProposalPage })),
);
const PeriodsPage = lazy(() =>
  import('../features/periods/pages/periods-page').then((m) => ({ default: m.PeriodsPage })),
);
const PeriodPage = lazy(() =>
  import('../features/periods/pages/period-page').then((m) => ({ default: m.PeriodPage })),
);
const ConsolidatedReportPage = lazy(() =>
  import('../features/consolidated-report/pages/consolidated-report-page').then((m) => ({
    default: m.ConsolidatedReportPage,
  })),
);
const SearchPage = lazy(() =>
  import('../features/search/pages/search-page').then((m) => ({ default: m.SearchPage })),
);
const AgencyReportPage = lazy(() =>
  import('../features/agency-reports/pages/agency-report-page').then((m) => ({
    default: m.AgencyReportPage,
  })),
);
const MyReportsPage = lazy(() =>
  import('../features/agency-reports/pages/my-reports-page').then((m) => ({
    default: m.MyReportsPage,
  })),
);

const PublicPlansPage = lazy(() =>
  import('../features/public-view/pages/public-plans-page').then((m) => ({
    default: m.PublicPlansPage,
  })),
);
const PublicPlanPage = lazy(() =>
  import('../features/public-view/pages/public-plan-page').then((m) => ({
    default: m.PublicPlanPage,
  })),
);
const AcceptedReportsPage = lazy(() =>
  import('../features/agency-reports/pages/accepted-reports-page').then((m) => ({
    default: m.AcceptedReportsPage,
  })),
);
const ModerationPage = lazy(() =>
  import('../features/feedback/pages/moderation-page').then((m) => ({
    default: m.ModerationPage,
  })),
);

export function createRouter() {
  return createBrowserRouter([
    {
      path: 'dang-nhap',
      errorElement: <RouteError />,
      element: (
        <Suspense fallback={<PageLoading />}>
          <LoginPage />
        </Suspense>
      ),
    },
    // The public view: anyone, signed in or not, outside the signed-in layout.
    {
      path: 'cong-khai',
      errorElement: <RouteError />,
      element: (
        <Suspense fallback={<PageLoading />}>
          <PublicPlansPage />
        </Suspense>
      ),
    },
    {
      path: 'cong-khai/:planId',
      errorElement: <RouteError />,
      element: (
        <Suspense fallback={<PageLoading />}>
          <PublicPlanPage />
        </Suspense>
      ),
    },
    {
      element: <AppLayout />,
      errorElement: <RouteError />,
      children: [
        { index: true, element: <HomeRedirect /> },
        { path: 'tong-quan', element: <DashboardPage /> },
        { path: 'viec-cua-toi', element: <MyWorkPage /> },
        { path: 'ke-hoach', element: <PlansPage /> },
        { path: 'ke-hoach/:id', element: <PlanPage /> },
        { path: 'nhap/:id', element: <ImportReviewPage /> },
        { path: 'co-quan', element: <AgenciesPage /> },
        { path: 'nhiem-vu', element: <TasksPage /> },
        { path: 'nhiem-vu/:id', element: <TaskPage /> },
        { path: 'don-doc', element: <UrgingPage /> },
        { path: 'ban-do', element: <MapPage /> },
        { path: 'chi-tieu', element: <TargetsPage /> },
        { path: 'chi-tieu/:id', element: <TargetPage /> },
        { path: 'du-an', element: <ProjectsPage /> },
        { path: 'du-an/:id', element: <ProjectPage /> },
        { path: 'dieu-chinh', element: <AdjustmentsPage /> },
        { path: 'dieu-chinh/dot/:id', element: <AdjustmentBatchPage /> },
        { path: 'dieu-chinh/:id', element: <AdjustmentPage /> },
        { path: 'bao-cao', element: <PeriodsPage /> },
        { path: 'bao-cao/ky/:id', element: <PeriodPage /> },
        { path: 'bao-cao/ky/:id/tong-hop', element: <ConsolidatedReportPage /> },
        { path: 'bao-cao/cua-don-vi', element: <MyReportsPage /> },
        { path: 'bao-cao/ky/:periodId/co-quan/:agencyId', element: <AgencyReportPage /> },
        { path: 'gop-y', element: <ModerationPage /> },
        { path: 'tim-kiem', element: <SearchPage /> },
        { path: 'giam-sat', element: <AcceptedReportsPage /> },
        { path: 'quan-tri/nguoi-dung', element: <UsersPage /> },
        { path: 'quan-tri/to-chuc-lai', element: <ReorganisationPage /> },
        { path: 'quan-tri/nhat-ky', element: <AuditPage /> },
        { path: 'quan-tri/thu-di', element: <OutboxPage /> },
        { path: 'quan-tri/cai-dat', element: <SettingsPage /> },
        { path: '*', element: <NotFoundPage /> },
      ],
    },
  ]);
}
