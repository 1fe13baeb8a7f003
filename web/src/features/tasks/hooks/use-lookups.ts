// Look-ups for the task forms and filters: agencies searched on the server (names, short names
// and aliases, with or without diacritics) and the people who can be mentioned in a comment.
import type { AgencyList } from '@features/agencies/schema';
import type { userDirectorySchema } from '@features/users/schema';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { apiGet } from '../../../app/api';

export type DirectoryEntry = z.infer<typeof userDirectorySchema>['items'][number];

export function useAgencyOptions(q: string, status: 'active' | 'all', enabled = true) {
  const query = { q: q.trim(), status, limit: 50 };
  return useQuery({
    queryKey: ['agencies', 'list', query],
    queryFn: ({ signal }) => apiGet<AgencyList>('/api/agencies', query, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useUserDirectory(q: string, enabled: boolean) {
  const query = { q: q.trim() };
  return useQuery({
    queryKey: ['users', 'directory', query],
    queryFn: ({ signal }) =>
      apiGet<z.infer<typeof userDirectorySchema>>('/api/users/directory', query, signal),
    placeholderData: keepPreviousData,
    enabled,
    staleTime: 5 * 60_000,
  });
}
