// The public view (GET /api/public/plans[/:id]) and sending feedback (the form's signed token
// first, then POST /api/public/feedback). Anyone may call these; no session is needed.
import type { feedbackCreateSchema } from '@features/feedback/schema';
import type { PublicPlan, PublicPlanListItem } from '@features/public-view/schema';
import { useMutation, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { ApiError, apiGet, apiSend } from '../../../app/api';

export function usePublicPlans() {
  return useQuery({
    queryKey: ['public', 'plans'],
    queryFn: ({ signal }) =>
      apiGet<{ items: PublicPlanListItem[] }>('/api/public/plans', undefined, signal),
  });
}

export function usePublicPlan(id: string) {
  return useQuery({
    queryKey: ['public', 'plan', id],
    queryFn: ({ signal }) =>
      apiGet<PublicPlan>(`/api/public/plans/${encodeURIComponent(id)}`, undefined, signal),
  });
}

/** The form token: fetched when the form opens (it must be a few seconds old when sent). */
export function useFeedbackForm(enabled: boolean) {
  return useQuery({
    queryKey: ['public', 'feedback-form'],
    queryFn: ({ signal }) =>
      apiGet<{ token: string; honeypot: string }>('/api/public/feedback/form', undefined, signal),
    enabled,
    staleTime: 60 * 60_000,
    gcTime: 60 * 60_000,
  });
}

export type FeedbackInput = z.input<typeof feedbackCreateSchema>;

export function useSendFeedback() {
  return useMutation({
    mutationFn: (input: FeedbackInput) =>
      apiSend<{ id: string; status: 'pending' }>('POST', '/api/public/feedback', input),
  });
}

/** Why feedback was refused, in Vietnamese. */
export function feedbackErrorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    const byCode: Record<string, string> = {
      form_too_fast: 'Bạn gửi hơi nhanh. Vui lòng đọc lại nội dung và gửi lại sau vài giây.',
      form_expired: 'Biểu mẫu đã mở quá lâu. Vui lòng tải lại trang rồi gửi lại.',
      form_token_invalid: 'Biểu mẫu không hợp lệ. Vui lòng tải lại trang rồi gửi lại.',
      spam_suspected: 'Góp ý không được chấp nhận.',
      too_many_links: 'Nội dung có quá nhiều đường liên kết. Vui lòng viết nội dung góp ý.',
      contact_invalid: 'Số điện thoại hoặc thư điện tử không hợp lệ.',
      feedback_rate_limited: 'Bạn đã gửi nhiều góp ý trong một giờ qua. Vui lòng thử lại sau.',
      not_found: 'Chỉ tiêu hoặc dự án này không còn được công khai.',
    };
    if (byCode[error.code]) return byCode[error.code] as string;
    if (error.code === 'invalid_input') {
      const field = error.issues[0]?.field ?? '';
      if (field.endsWith('senderName')) return 'Vui lòng nhập họ tên (ít nhất 2 ký tự).';
      if (field.endsWith('body')) return 'Nội dung góp ý cần từ 10 đến 4.000 ký tự.';
      return 'Thông tin chưa hợp lệ. Vui lòng kiểm tra lại.';
    }
    return error.message;
  }
  return 'Đã có lỗi xảy ra. Vui lòng thử lại.';
}
