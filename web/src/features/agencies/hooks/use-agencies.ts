// Fetching the agency registry.
import type { AgencyDetail, AgencyKind, AgencyList } from '@features/agencies/schema';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../app/api';
import { assertRecordId } from '../../../app/ids';
import type { AgencyStatusFilter } from '../labels';

export type AgencySearch = {
  q: string;
  kind: AgencyKind | undefined;
  status: AgencyStatusFilter;
  page: number;
  pageSize: number;
};

export function useAgencies({ q, kind, status, page, pageSize }: AgencySearch) {
  const query = { q: q.trim(), kind, status, limit: pageSize, offset: (page - 1) * pageSize };
  return useQuery({
    queryKey: ['agencies', 'list', query],
    queryFn: ({ signal }) => apiGet<AgencyList>('/api/agencies', query, signal),
    placeholderData: keepPreviousData,
  });
}

export function useAgency(id: string | null) {
  return useQuery({
    queryKey: ['agencies', 'detail', id],
    queryFn: ({ signal }) => {
      assertRecordId(id ?? '');
      return apiGet<AgencyDetail>(
        `/api/agencies/${encodeURIComponent(id ?? '')}`,
        undefined,
        signal,
      );
    },
    enabled: id !== null,
  });
}
