// Tasks to link to a target, searched on the server as the user types (words of the title or body,
// with or without diacritics), within the target's plan.
import type { taskListSchema } from '@features/tasks/schema';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { apiGet } from '../../../app/api';

type TaskList = z.infer<typeof taskListSchema>;

export function useTaskOptions(planId: string, q: string, enabled: boolean) {
  const query = { planId, q: q.trim() || undefined, limit: 30 };
  return useQuery({
    queryKey: ['tasks', 'list', query],
    queryFn: ({ signal }) => apiGet<TaskList>('/api/tasks', query, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}
