// Fetching live tasks: a page of a filtered list (every filter, the order and the paging are the
// server's, GET /api/tasks) and one task with everything hanging off it.
import type { TaskDetail, taskListQuerySchema, taskListSchema } from '@features/tasks/schema';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { apiGet } from '../../../app/api';
import { assertRecordId } from '../../../app/ids';
import type { TasksPageState } from '../search-params';

export type TaskList = z.infer<typeof taskListSchema>;

/** Filters and order of a task list, as the API takes them (without the paging). */
export type TaskListFilter = Partial<Omit<z.infer<typeof taskListQuerySchema>, 'limit' | 'offset'>>;

export const taskKey = (id: string) => ['tasks', 'detail', id] as const;

/** One page of the tasks a filter selects; the previous page stays shown while the next loads. */
export function useTaskPage(filter: TaskListFilter, page: number, pageSize: number) {
  const query = {
    ...filter,
    // The server reads any value of a yes/no filter as true: send it only when wanted.
    open: filter.open ? true : undefined,
    unassigned: filter.unassigned ? true : undefined,
    limit: pageSize,
    offset: (page - 1) * pageSize,
  };
  return useQuery({
    queryKey: ['tasks', 'list', query],
    queryFn: ({ signal }) => apiGet<TaskList>('/api/tasks', query, signal),
    placeholderData: keepPreviousData,
  });
}

/** The tasks page: its filters as the address keeps them. */
export function useTasks(state: TasksPageState) {
  return useTaskPage(
    {
      q: state.q.trim() || undefined,
      state: state.state,
      agencyId: state.agencyId,
      planId: state.planId,
      unassigned: state.unassigned,
      open: state.open,
      sector: state.sector,
      overdueAge: state.overdueAge,
      sort: state.sort,
    },
    state.page,
    state.pageSize,
  );
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
