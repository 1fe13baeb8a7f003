// Look-ups for the consolidator's project form: tasks of the project's plan searched on the server
// as the user types, the plan's targets, and the province's communes.
import type { CommuneList } from '@features/communes/schema';
import type { TargetList } from '@features/targets/schema';
import type { taskListSchema } from '@features/tasks/schema';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { apiGet } from '../../../app/api';

type TaskList = z.infer<typeof taskListSchema>;

export function usePlanTaskOptions(planId: string, q: string, enabled: boolean) {
  const query = { planId, q: q.trim() || undefined, limit: 30 };
  return useQuery({
    queryKey: ['tasks', 'list', query],
    queryFn: ({ signal }) => apiGet<TaskList>('/api/tasks', query, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function usePlanTargetOptions(planId: string, enabled: boolean) {
  const query = { planId, limit: 100 };
  return useQuery({
    queryKey: ['targets', 'list', query],
    queryFn: ({ signal }) => apiGet<TargetList>('/api/targets', query, signal),
    enabled,
  });
}

/** The communes of the province (a few hundred at most; they change only with a reorganisation). */
export function useCommuneOptions(enabled: boolean) {
  return useQuery({
    queryKey: ['communes'],
    queryFn: ({ signal }) => apiGet<CommuneList>('/api/communes', {}, signal),
    staleTime: 60 * 60 * 1000,
    enabled,
  });
}
