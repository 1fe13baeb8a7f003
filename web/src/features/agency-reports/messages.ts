// Vietnamese messages for the errors of agency reports (the server's codes).
import { ApiError, errorMessage } from '../../app/api';

const MESSAGES: Record<string, string> = {
  report_locked: 'Báo cáo đã được tiếp nhận và khóa: cần cơ quan tổng hợp mở khóa trước khi sửa.',
  invalid_state: 'Báo cáo không ở trạng thái cho phép thao tác này. Trang đã được tải lại.',
  stale_version:
    'Báo cáo vừa được người khác thay đổi: trang đã tải bản mới nhất, hãy kiểm tra rồi làm lại.',
  spreadsheet_invalid:
    'Tệp có lỗi nên chưa được nạp; không số liệu nào được lưu. Sửa các ô dưới đây rồi tải lên lại.',
  template_mismatch: 'Tệp không phải mẫu của báo cáo này.',
  template_outdated: 'Tệp được tải từ một phiên bản cũ của báo cáo.',
  multipart_expected: 'Chưa chọn tệp.',
};

export function reportMessage(error: unknown): string {
  if (error instanceof ApiError) return MESSAGES[error.code] ?? errorMessage(error);
  return errorMessage(error);
}
