// Fetching plans.
import type { PlanDetail, PlanList } from '@features/plans/schema';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../app/api';
import { assertRecordId } from '../../../app/ids';

export function usePlans(page: number, pageSize: number) {
  const query = { limit: pageSize, offset: (page - 1) * pageSize };
  return useQuery({
    queryKey: ['plans', 'list', query],
    queryFn: ({ signal }) => apiGet<PlanList>('/api/plans', query, signal),
    placeholderData: keepPreviousData,
  });
}

export function usePlan(id: string) {
  return useQuery({
    queryKey: ['plans', 'detail', id],
    queryFn: ({ signal }) => {
      assertRecordId(id);
      return apiGet<PlanDetail>(`/api/plans/${encodeURIComponent(id)}`, undefined, signal);
    },
  });
}
