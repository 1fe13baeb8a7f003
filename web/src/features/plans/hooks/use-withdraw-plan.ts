// Withdrawing a plan (the consolidator, while nobody has worked on it).
import type { WithdrawnPlan, WithdrawPlanBody } from '@features/plans/schema';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiSend } from '../../../app/api';

export function useWithdrawPlan(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: WithdrawPlanBody) =>
      apiSend<WithdrawnPlan>('POST', `/api/plans/${encodeURIComponent(id)}/withdraw`, body),
    onSuccess: () => {
      // The plan is gone: its page must not be served from the cache, and every list (plans,
      // tasks, periods, counts) changes with it.
      queryClient.removeQueries({ queryKey: ['plans', 'detail', id] });
      void queryClient.invalidateQueries();
    },
  });
}
