// Agencies for the review: every agency by code (to name what a mention resolves to) and a server
// search for the pickers.
import type { AgencyList, AgencySummary } from '@features/agencies/schema';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { apiGet } from '../../../app/api';

const ALL = { status: 'all', limit: 500 } as const;

/** Every agency of the registry (a province has about a hundred), by code. */
export function useAgencyDirectory(): ReadonlyMap<string, AgencySummary> {
  const query = useQuery({
    queryKey: ['agencies', 'list', ALL],
    queryFn: ({ signal }) => apiGet<AgencyList>('/api/agencies', ALL, signal),
    staleTime: 10 * 60_000,
  });
  return useMemo(() => new Map((query.data?.items ?? []).map((a) => [a.code, a])), [query.data]);
}

/** Active agencies matching what the user typed. */
export function useAgencySearch(q: string) {
  const query = { q: q.trim(), status: 'active', limit: 20 };
  return useQuery({
    queryKey: ['agencies', 'list', query],
    queryFn: ({ signal }) => apiGet<AgencyList>('/api/agencies', query, signal),
    placeholderData: keepPreviousData,
  });
}
