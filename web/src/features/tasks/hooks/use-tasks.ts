// Fetching live tasks: the filtered list and one task with everything hanging off it.
import type { TaskDetail, taskListSchema } from '@features/tasks/schema';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { apiGet } from '../../../app/api';
import { assertRecordId } from '../../../app/ids';
import type { TasksPageState } from '../search-params';

export type TaskList = z.infer<typeof taskListSchema>;

export const taskKey = (id: string) => ['tasks', 'detail', id] as const;

export function useTasks(state: TasksPageState) {
  const query = {
    q: state.q.trim(),
    state: state.state,
    agencyId: state.agencyId,
    planId: state.planId,
    // The server reads any value as true: send it only when wanted.
    unassigned: state.unassigned ? true : undefined,
    limit: state.pageSize,
    offset: (state.page - 1) * state.pageSize,
  };
  return useQuery({
    queryKey: ['tasks', 'list', query],
    queryFn: ({ signal }) => apiGet<TaskList>('/api/tasks', query, signal),
    placeholderData: keepPreviousData,
  });
}

export function useTask(id: string) {
  return useQuery({
    queryKey: taskKey(id),
    queryFn: ({ signal }) => {
      assertRecordId(id);
      return apiGet<TaskDetail>(`/api/tasks/${encodeURIComponent(id)}`, undefined, signal);
    },
  });
}
