// Vietnamese messages for what can go wrong on the reporting-period pages.
import { ApiError, errorMessage } from '../../app/api';

const PERIOD_MESSAGES: Record<string, string> = {
  stale_version:
    'Kỳ báo cáo vừa được người khác sửa. Hãy tải lại trang để xem dữ liệu mới nhất rồi sửa lại.',
  period_exists: 'Kế hoạch đã có kỳ báo cáo cùng loại bắt đầu từ ngày này.',
  period_open: 'Kỳ báo cáo đã được mở.',
  period_not_open: 'Cần mở kỳ báo cáo trước khi thay đổi danh sách cơ quan phải báo cáo.',
  agency_has_report: 'Cơ quan này đã nộp báo cáo của kỳ: không thể bỏ khỏi danh sách.',
  unknown_agency: 'Cơ quan được chọn không có trong danh mục.',
};

export function periodMessage(error: unknown): string {
  if (error instanceof ApiError) {
    const known = PERIOD_MESSAGES[error.code];
    if (known) return known;
  }
  return errorMessage(error);
}

export const KIND_LABELS: Record<string, string> = {
  monthly: 'Tháng',
  quarterly: 'Quý',
  six_month: '6 tháng',
  nine_month: '9 tháng',
  annual: 'Năm',
  ad_hoc: 'Đột xuất',
};

export const STANDING_LABELS: Record<string, { text: string; color: string }> = {
  accepted: { text: 'Đã tiếp nhận', color: 'green' },
  submitted: { text: 'Đã nộp', color: 'blue' },
  returned: { text: 'Bị trả lại', color: 'orange' },
  draft: { text: 'Đang soạn', color: 'default' },
  not_started: { text: 'Chưa soạn', color: 'default' },
};

export const OUTCOME_LABELS: Record<string, { text: string; color: string }> = {
  on_time: { text: 'Báo cáo đúng hạn', color: 'green' },
  late: { text: 'Báo cáo muộn', color: 'gold' },
  overdue: { text: 'Quá hạn, chưa báo cáo', color: 'red' },
  missing: { text: 'Không báo cáo', color: 'red' },
  pending: { text: 'Chưa đến hạn', color: 'default' },
};
