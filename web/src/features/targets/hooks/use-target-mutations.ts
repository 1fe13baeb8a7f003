// Everything a person can do on a target: report an actual (multipart, with evidence), approve or
// return one (the agency head), complete the target (the consolidator). Every change reloads the
// target and the lists; a change refused because someone else changed the target first (409)
// reloads it too, and the form says so.
import type {
  ActualReport,
  actualReviewBodySchema,
  TargetDetail,
  TargetUpdate,
} from '@features/targets/schema';
import { type QueryClient, useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { ApiError, apiSend, apiSendForm } from '../../../app/api';
import { targetKey } from './use-targets';

const enc = encodeURIComponent;

export type ActualReviewBody = z.input<typeof actualReviewBodySchema>;

export type ActualInput = {
  version: number;
  period: string;
  /** Quantities: the value ("12.5"). */
  value?: string | undefined;
  /** Yes/no milestones. */
  achieved?: boolean | undefined;
  /** Qualitative targets. */
  assessment?: 'on_track' | 'at_risk' | 'off_track' | undefined;
  note: string;
  evidence: File[];
};

function refresh(queryClient: QueryClient, targetId: string) {
  void queryClient.invalidateQueries({ queryKey: targetKey(targetId) });
  void queryClient.invalidateQueries({ queryKey: ['targets', 'list'] });
  void queryClient.invalidateQueries({ queryKey: ['my-work'] });
  // A task shows the targets it delivers.
  void queryClient.invalidateQueries({ queryKey: ['tasks', 'detail'] });
}

function useTargetMutation<TBody, TResult>(
  targetId: string,
  send: (body: TBody) => Promise<TResult>,
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: () => refresh(queryClient, targetId),
    onError: (error) => {
      if (error instanceof ApiError && (error.status === 409 || error.status === 404))
        void queryClient.invalidateQueries({ queryKey: targetKey(targetId) });
    },
  });
}

export function useReportActual(targetId: string) {
  return useTargetMutation(targetId, (input: ActualInput) => {
    const form = new FormData();
    form.set('version', String(input.version));
    form.set('period', input.period);
    if (input.value !== undefined) form.set('value', input.value);
    if (input.achieved !== undefined) form.set('achieved', input.achieved ? 'true' : 'false');
    if (input.assessment !== undefined) form.set('assessment', input.assessment);
    form.set('note', input.note);
    for (const file of input.evidence) form.append('evidence', file, file.name);
    return apiSendForm<ActualReport>(`/api/targets/${enc(targetId)}/actuals`, form);
  });
}

export function useReviewActual(targetId: string) {
  return useTargetMutation(
    targetId,
    ({ actualId, ...body }: ActualReviewBody & { actualId: string }) =>
      apiSend<ActualReport>('POST', `/api/target-actuals/${enc(actualId)}/review`, body),
  );
}

export function useUpdateTarget(targetId: string) {
  return useTargetMutation(targetId, (body: TargetUpdate) =>
    apiSend<TargetDetail>('PUT', `/api/targets/${enc(targetId)}`, body),
  );
}
