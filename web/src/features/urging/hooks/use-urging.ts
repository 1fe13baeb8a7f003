// Đôn đốc: overdue and due-soon tasks by lead agency (GET /api/urging).
import type { Urging } from '@features/tasks/schema';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../app/api';

export type UrgingFilter = { dueSoonDays: number; planId: string | undefined };

export function useUrging({ dueSoonDays, planId }: UrgingFilter) {
  const query = { dueSoonDays, planId };
  return useQuery({
    queryKey: ['urging', query],
    queryFn: ({ signal }) => apiGet<Urging>('/api/urging', query, signal),
    placeholderData: keepPreviousData,
  });
}
