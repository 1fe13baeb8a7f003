// The audit trail (administrators): one page of records for a filter, newest first.
import type { AuditList, AuditListQuery } from '@features/audit/schema';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiGet, withQuery } from '../../../app/api';

/** The filter as the API takes it (every field optional). */
export type AuditFilterValues = {
  entity?: string | undefined;
  entityId?: string | undefined;
  actor?: string | undefined;
  action?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
};

export function useAuditRecords(
  filter: AuditFilterValues,
  page: { limit: number; offset: number },
) {
  const query: Partial<AuditListQuery> = { ...filter, ...page };
  return useQuery({
    queryKey: ['audit', 'list', query],
    queryFn: ({ signal }) => apiGet<AuditList>('/api/audit', query, signal),
    placeholderData: keepPreviousData,
  });
}

/** The Excel export of the same filter (a plain download: the session cookie goes along). */
export function auditExportHref(filter: AuditFilterValues): string {
  return withQuery('/api/audit/export.xlsx', filter);
}
