// Vietnamese messages for withdrawing a plan: why it was refused (409 plan_has_work names each
// kind of work found, with its count at the head of the issue's message), or the general message.
import type { PlanWorkKind } from '@features/plans/schema';
import { ApiError, errorMessage } from '../../app/api';

/** Each kind of work, as "đã có N …". */
export const WORK_LABELS: Record<PlanWorkKind, string> = {
  progress_updates: 'báo cáo tiến độ, ý kiến phối hợp',
  extension_requests: 'đề nghị gia hạn',
  task_comments: 'ý kiến, chỉ đạo trên nhiệm vụ',
  agency_plan_items: 'việc trong kế hoạch của đơn vị',
  assignments: 'lần giao lại, chọn cơ quan thực hiện',
  task_due_dates: 'thời hạn do cơ quan tổng hợp đặt',
  links: 'liên kết nhiệm vụ, chỉ tiêu, dự án',
  targets_completed: 'chỉ tiêu đã được bổ sung thông tin',
  target_contributors: 'cơ quan phối hợp thực hiện chỉ tiêu',
  target_actuals: 'báo cáo kết quả chỉ tiêu',
  projects_completed: 'dự án đã được bổ sung thông tin',
  project_updates: 'báo cáo tình hình dự án',
  project_disbursements: 'số liệu giải ngân',
  project_capital_plans: 'kế hoạch vốn',
  project_milestones: 'mốc tiến độ dự án',
  project_documents: 'tài liệu dự án',
  reporting_periods: 'kỳ báo cáo đã mở, thêm hoặc sửa',
  agency_reports: 'báo cáo của cơ quan, đơn vị',
  period_reminders: 'lần nhắc, đôn đốc báo cáo đã gửi',
  consolidated_reports: 'báo cáo tổng hợp',
  adjustment_proposals: 'đề xuất điều chỉnh',
  adjustment_batches: 'đợt trình điều chỉnh',
  feedback: 'góp ý của người dân, tổ chức',
};

/** Why a plan could not be withdrawn, in Vietnamese. */
export function withdrawMessage(error: unknown): string {
  if (error instanceof ApiError && error.code === 'plan_has_work') {
    const found = error.issues.flatMap((i) => {
      const label = WORK_LABELS[i.field as PlanWorkKind];
      const n = Number.parseInt(i.message, 10);
      return label ? [Number.isFinite(n) ? `${n.toLocaleString('vi-VN')} ${label}` : label] : [];
    });
    return `Không thể rút kế hoạch vì đã có người thực hiện${found.length ? `: ${found.join('; ')}` : ''}.`;
  }
  if (error instanceof ApiError && error.code === 'not_found')
    return 'Không tìm thấy kế hoạch (có thể đã được rút), hoặc bạn không có quyền rút kế hoạch này.';
  return errorMessage(error);
}
