// Vietnamese messages for what can go wrong on the province's settings page, and the server's
// complaints about single fields put back on the field they name.
import { ApiError, errorMessage } from '../../app/api';

const SETTINGS_MESSAGES: Record<string, string> = {
  stale_version:
    'Cài đặt vừa được người khác thay đổi. Hãy tải lại để xem bản mới nhất rồi sửa lại.',
  unknown_agency: 'Cơ quan tổng hợp được chọn không có trong danh mục cơ quan.',
  invalid_input: 'Có giá trị chưa hợp lệ: hãy sửa các ô được đánh dấu đỏ rồi lưu lại.',
  forbidden: 'Chỉ quản trị hệ thống được thay đổi cài đặt của tỉnh.',
};

export function settingsMessage(error: unknown): string {
  if (error instanceof ApiError) {
    const known = SETTINGS_MESSAGES[error.code];
    if (known) return known;
  }
  return errorMessage(error);
}

const ISSUE_MESSAGES: Record<string, string> = {
  too_big: 'Nội dung quá dài.',
  too_small: 'Không được để trống.',
  invalid_format: 'Giá trị không đúng định dạng.',
  invalid_type: 'Giá trị không hợp lệ.',
  unknown_agency: 'Cơ quan không có trong danh mục.',
};

type FieldError = { name: (string | number)[]; errors: string[] };

/**
 * The issues of a refused save as errors of the form's fields ("body.reportSigner.name" →
 * ['reportSigner', 'name']; every recipient line → the one recipients box), and the rest.
 */
export function fieldErrors(
  error: unknown,
  fields: readonly string[],
): { fields: FieldError[]; rest: string[] } {
  if (!(error instanceof ApiError) || error.issues.length === 0) return { fields: [], rest: [] };
  const byPath = new Map<string, FieldError>();
  const rest: string[] = [];
  for (const issue of error.issues) {
    const path = issue.field
      .replace(/^body\.?/, '')
      .split('.')
      .filter(Boolean);
    const top = path[0];
    let text = ISSUE_MESSAGES[issue.code] ?? 'Giá trị không hợp lệ.';
    if (top === 'recipients') {
      text =
        path.length === 1 && issue.code === 'too_big'
          ? 'Tối đa 30 nơi nhận.'
          : `Nơi nhận thứ ${Number(path[1] ?? 0) + 1}: ${text.toLocaleLowerCase('vi')}`;
    }
    if (!top || !fields.includes(top)) {
      rest.push(text);
      continue;
    }
    const name = top === 'recipients' ? [top] : path;
    const key = name.join('.');
    const entry = byPath.get(key) ?? { name, errors: [] };
    if (!entry.errors.includes(text)) entry.errors.push(text);
    byPath.set(key, entry);
  }
  return { fields: [...byPath.values()], rest: [...new Set(rest)] };
}
