// Fetching targets (a page, filtered by plan) and the plans to filter by.
import type { TargetList } from '@features/targets/schema';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../app/api';

export function useTargets(
  filter: { planId?: string | undefined },
  page: number,
  pageSize: number,
) {
  const query = {
    ...(filter.planId ? { planId: filter.planId } : {}),
    limit: pageSize,
    offset: (page - 1) * pageSize,
  };
  return useQuery({
    queryKey: ['targets', 'list', query],
    queryFn: ({ signal }) => apiGet<TargetList>('/api/targets', query, signal),
    placeholderData: keepPreviousData,
  });
}
