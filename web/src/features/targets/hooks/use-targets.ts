// Fetching targets: a page of the filtered list (GET /api/targets), the sectors to filter by, and
// one target with everything hanging off it (GET /api/targets/:id).
import type { TargetDetail, TargetList } from '@features/targets/schema';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../app/api';
import { assertRecordId } from '../../../app/ids';
import type { TargetsPageState } from '../search-params';

export const targetKey = (id: string) => ['targets', 'detail', id] as const;

export function useTargets(
  state: Omit<TargetsPageState, 'page' | 'pageSize'>,
  page: number,
  pageSize: number,
) {
  const query = {
    planId: state.planId,
    sector: state.sector,
    agencyId: state.agencyId,
    projection: state.projection,
    limit: pageSize,
    offset: (page - 1) * pageSize,
  };
  return useQuery({
    queryKey: ['targets', 'list', query],
    queryFn: ({ signal }) => apiGet<TargetList>('/api/targets', query, signal),
    placeholderData: keepPreviousData,
  });
}

/**
 * The sectors of the targets (of a plan, or of every plan), to pick one from: read from the first
 * page of 100 targets, the size of a provincial plan's list of targets.
 */
export function useSectorOptions(planId: string | undefined, enabled: boolean) {
  const query = { planId, limit: 100 };
  return useQuery({
    queryKey: ['targets', 'list', query],
    queryFn: ({ signal }) => apiGet<TargetList>('/api/targets', query, signal),
    enabled,
    select: (list) =>
      [...new Set(list.items.flatMap((t) => (t.sector ? [t.sector] : [])))].sort((a, b) =>
        a.localeCompare(b, 'vi'),
      ),
    staleTime: 60_000,
  });
}

export function useTarget(id: string) {
  return useQuery({
    queryKey: targetKey(id),
    queryFn: ({ signal }) => {
      assertRecordId(id);
      return apiGet<TargetDetail>(`/api/targets/${encodeURIComponent(id)}`, undefined, signal);
    },
  });
}
