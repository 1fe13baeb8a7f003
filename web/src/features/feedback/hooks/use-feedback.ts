// The consolidator's moderation queue (GET /api/feedback) and its two decisions.
import type { FeedbackList, FeedbackStatus, ModeratedFeedback } from '@features/feedback/schema';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, apiGet, apiSend } from '../../../app/api';

export function useFeedbackQueue(status: FeedbackStatus, page: number, pageSize: number) {
  return useQuery({
    queryKey: ['feedback', status, page, pageSize],
    queryFn: ({ signal }) =>
      apiGet<FeedbackList>(
        '/api/feedback',
        { status, limit: pageSize, offset: (page - 1) * pageSize },
        signal,
      ),
  });
}

export function useModerate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { id: string } & ({ answer: string } | { note: string })) =>
      'answer' in input
        ? apiSend<ModeratedFeedback>('POST', `/api/feedback/${input.id}/publish`, {
            answer: input.answer,
          })
        : apiSend<ModeratedFeedback>('POST', `/api/feedback/${input.id}/reject`, {
            note: input.note,
          }),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: ['feedback'] });
      void queryClient.invalidateQueries({ queryKey: ['public'] });
    },
  });
}

export function moderationErrorMessage(error: unknown): string {
  if (error instanceof ApiError && error.code === 'already_moderated')
    return 'Góp ý này đã được người khác xử lý.';
  if (error instanceof ApiError && error.code === 'invalid_input')
    return 'Vui lòng nhập nội dung (ít nhất 2 ký tự).';
  return error instanceof ApiError ? error.message : 'Đã có lỗi xảy ra. Vui lòng thử lại.';
}
