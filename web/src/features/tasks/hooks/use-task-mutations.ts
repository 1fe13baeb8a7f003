// Everything a person can do on a task page. Every change reloads the task (and "Việc của tôi");
// a change refused because someone else changed the task first (409) says so and reloads it, so
// the form can be sent again on the newest version.
import type {
  AgencyPlanItemView,
  assignBodySchema,
  CommentView,
  commentBodySchema,
  ExtensionRequestView,
  extensionBodySchema,
  extensionDecisionBodySchema,
  ProgressUpdateView,
  planItemBodySchema,
  planItemUpdateBodySchema,
  reviewBodySchema,
  TaskDetail,
} from '@features/tasks/schema';
import { type QueryClient, useMutation, useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import type { z } from 'zod';
import { ApiError, apiSend, apiSendForm } from '../../../app/api';
import { taskMessage } from '../messages';
import { taskKey } from './use-tasks';

export type ReviewBody = z.input<typeof reviewBodySchema>;
export type ExtensionBody = z.input<typeof extensionBodySchema>;
export type ExtensionDecisionBody = z.input<typeof extensionDecisionBodySchema>;
export type CommentBody = z.input<typeof commentBodySchema>;
export type AssignBody = z.input<typeof assignBodySchema>;
export type PlanItemBody = z.input<typeof planItemBodySchema>;
export type PlanItemUpdateBody = z.input<typeof planItemUpdateBodySchema>;

export type ProgressInput = {
  version: number;
  reportedOn: string;
  /** Only for the lead agency's progress; a coordinator's contribution has none. */
  percent: number | undefined;
  narrative: string;
  evidence: File[];
};

const enc = encodeURIComponent;

function refresh(queryClient: QueryClient, taskId: string) {
  void queryClient.invalidateQueries({ queryKey: taskKey(taskId) });
  void queryClient.invalidateQueries({ queryKey: ['tasks', 'list'] });
  void queryClient.invalidateQueries({ queryKey: ['my-work'] });
}

/** A mutation of the task `taskId`, with the refresh and conflict handling every one shares. */
function useTaskMutation<TBody, TResult>(taskId: string, send: (body: TBody) => Promise<TResult>) {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  return useMutation({
    mutationFn: send,
    onSuccess: () => refresh(queryClient, taskId),
    onError: (error) => {
      if (error instanceof ApiError && error.status === 409) {
        void message.warning(taskMessage(error));
        void queryClient.invalidateQueries({ queryKey: taskKey(taskId) });
      }
    },
  });
}

export function useReportProgress(taskId: string) {
  return useTaskMutation(taskId, (input: ProgressInput) => {
    const form = new FormData();
    form.set('version', String(input.version));
    form.set('reportedOn', input.reportedOn);
    if (input.percent !== undefined) form.set('percent', String(input.percent));
    form.set('narrative', input.narrative);
    for (const file of input.evidence) form.append('evidence', file, file.name);
    return apiSendForm<ProgressUpdateView>(`/api/tasks/${enc(taskId)}/progress`, form);
  });
}

export function useReviewProgress(taskId: string) {
  return useTaskMutation(taskId, ({ updateId, ...body }: ReviewBody & { updateId: string }) =>
    apiSend<ProgressUpdateView>('POST', `/api/progress-updates/${enc(updateId)}/review`, body),
  );
}

export function useRequestExtension(taskId: string) {
  return useTaskMutation(taskId, (body: ExtensionBody) =>
    apiSend<ExtensionRequestView>('POST', `/api/tasks/${enc(taskId)}/extensions`, body),
  );
}

export function useDecideExtension(taskId: string) {
  return useTaskMutation(
    taskId,
    ({ requestId, ...body }: ExtensionDecisionBody & { requestId: string }) =>
      apiSend<ExtensionRequestView>(
        'POST',
        `/api/extension-requests/${enc(requestId)}/decision`,
        body,
      ),
  );
}

export function useAddComment(taskId: string) {
  return useTaskMutation(taskId, (body: CommentBody) =>
    apiSend<CommentView>('POST', `/api/tasks/${enc(taskId)}/comments`, body),
  );
}

export function useAssign(taskId: string) {
  return useTaskMutation(taskId, (body: AssignBody) =>
    apiSend<TaskDetail>('PUT', `/api/tasks/${enc(taskId)}/assignment`, body),
  );
}

export function useAddPlanItem(taskId: string) {
  return useTaskMutation(taskId, (body: PlanItemBody) =>
    apiSend<AgencyPlanItemView>('POST', `/api/tasks/${enc(taskId)}/plan-items`, body),
  );
}

export function useUpdatePlanItem(taskId: string) {
  return useTaskMutation(taskId, ({ itemId, ...body }: PlanItemUpdateBody & { itemId: string }) =>
    apiSend<AgencyPlanItemView>('PATCH', `/api/plan-items/${enc(itemId)}`, body),
  );
}
