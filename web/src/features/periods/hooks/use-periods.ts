// Reporting periods: the list (of a plan or all), one with its completeness, and the
// consolidator's changes (create, edit, open, expected agencies).
import type {
  PeriodDetail,
  PeriodFields,
  PeriodList,
  TaskPeriodOutcomes,
} from '@features/reporting-periods/schema';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiSend } from '../../../app/api';

export const periodKey = (id: string) => ['periods', 'detail', id] as const;

export function usePeriods(planId: string | undefined) {
  return useQuery({
    queryKey: ['periods', 'list', planId ?? null],
    queryFn: ({ signal }) => apiGet<PeriodList>('/api/periods', { planId }, signal),
  });
}

export function usePeriod(id: string) {
  return useQuery({
    queryKey: periodKey(id),
    queryFn: ({ signal }) =>
      apiGet<PeriodDetail>(`/api/periods/${encodeURIComponent(id)}`, {}, signal),
  });
}

export function useTaskPeriodOutcomes(taskId: string) {
  return useQuery({
    queryKey: ['periods', 'task', taskId],
    queryFn: ({ signal }) =>
      apiGet<TaskPeriodOutcomes>(
        `/api/tasks/${encodeURIComponent(taskId)}/period-outcomes`,
        {},
        signal,
      ),
  });
}

export function usePeriodMutations() {
  const queryClient = useQueryClient();
  const settled = (detail: PeriodDetail) => {
    queryClient.setQueryData(periodKey(detail.id), detail);
    void queryClient.invalidateQueries({ queryKey: ['periods', 'list'] });
    void queryClient.invalidateQueries({ queryKey: ['tasks'] });
    void queryClient.invalidateQueries({ queryKey: ['my-work'] });
  };
  return {
    create: useMutation({
      mutationFn: ({ planId, fields }: { planId: string; fields: PeriodFields }) =>
        apiSend<PeriodDetail>('POST', `/api/plans/${encodeURIComponent(planId)}/periods`, fields),
      onSuccess: settled,
    }),
    update: useMutation({
      mutationFn: ({ id, fields }: { id: string; fields: PeriodFields & { version: number } }) =>
        apiSend<PeriodDetail>('PUT', `/api/periods/${encodeURIComponent(id)}`, fields),
      onSuccess: settled,
    }),
    open: useMutation({
      mutationFn: (id: string) =>
        apiSend<PeriodDetail>('POST', `/api/periods/${encodeURIComponent(id)}/open`),
      onSuccess: settled,
    }),
    agencies: useMutation({
      mutationFn: ({ id, add, remove }: { id: string; add: string[]; remove: string[] }) =>
        apiSend<PeriodDetail>('PUT', `/api/periods/${encodeURIComponent(id)}/agencies`, {
          add,
          remove,
        }),
      onSuccess: settled,
    }),
  };
}
