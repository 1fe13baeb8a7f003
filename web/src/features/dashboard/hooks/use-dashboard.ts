// The dashboard's figures for the filters in the address (GET /api/dashboard).
import type { Dashboard } from '@features/dashboard/schema';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../app/api';
import type { DashboardPageState } from '../search-params';

export function useDashboard(state: DashboardPageState) {
  const query = {
    planId: state.planId,
    periodId: state.periodId,
    sector: state.sector,
    agencyId: state.agencyId,
  };
  return useQuery({
    queryKey: ['dashboard', query],
    queryFn: ({ signal }) => apiGet<Dashboard>('/api/dashboard', query, signal),
    placeholderData: keepPreviousData,
  });
}
