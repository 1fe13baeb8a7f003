// The search across plans, tasks, targets, projects, agencies and documents (GET /api/search).
import type { SearchResult } from '@features/search/schema';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../app/api';

export function useSearch(q: string, limit: number, enabled = true) {
  const query = { q: q.trim(), limit };
  return useQuery({
    queryKey: ['search', query],
    queryFn: ({ signal }) => apiGet<SearchResult>('/api/search', query, signal),
    enabled: enabled && query.q.length > 0,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}
