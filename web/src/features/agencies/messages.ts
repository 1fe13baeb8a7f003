// Vietnamese messages for what can go wrong when the registry is edited, and the server's
// complaints about single fields put back on the field they name.
import { ApiError, errorMessage } from '../../app/api';

const MESSAGES: Record<string, string> = {
  agency_name_taken:
    'Tên này đã là tên (hoặc tên gọi khác) của một cơ quan khác đang hoạt động cùng thời gian.',
  agency_code_taken: 'Mã này đã được dùng cho cơ quan khác.',
  agency_ended: 'Cơ quan đã kết thúc hoạt động (có thể do người khác vừa ghi nhận).',
  ends_before_start: 'Ngày kết thúc phải sau ngày bắt đầu hoạt động.',
  merge_needs_one: 'Hợp nhất cần đúng một cơ quan kế thừa.',
  split_needs_several: 'Chia tách cần ít nhất hai cơ quan kế thừa.',
  successor_is_predecessor: 'Cơ quan kế thừa không thể là chính cơ quan kết thúc.',
  succession_exists: 'Cơ quan này đã có một sắp xếp được ghi nhận.',
  unknown_agency: 'Cơ quan kế thừa không có trong danh mục.',
  invalid_input: 'Có giá trị chưa hợp lệ: hãy sửa các ô được đánh dấu đỏ.',
  not_found: 'Không tìm thấy cơ quan, hoặc bạn không có quyền thay đổi cơ quan này.',
};

export function agencyEditMessage(error: unknown): string {
  if (error instanceof ApiError) {
    const known = MESSAGES[error.code];
    if (known) return known;
  }
  return errorMessage(error);
}

const ISSUE_MESSAGES: Record<string, string> = {
  agency_name_taken: 'Đã là tên của một cơ quan khác đang hoạt động cùng thời gian.',
  agency_code_taken: 'Mã đã được dùng.',
  ends_before_start: 'Phải sau ngày bắt đầu hoạt động.',
  too_big: 'Quá dài.',
  too_small: 'Không được để trống.',
  invalid_format: 'Không đúng định dạng.',
  invalid_string: 'Không đúng định dạng.',
};

export type FieldError<F extends string> = { name: F; errors: string[] };

/** The issues of a refused change on the form's fields ("body.aliases.1" → aliases). */
export function agencyFieldErrors<F extends string>(
  error: unknown,
  fields: readonly F[],
): FieldError<F>[] {
  if (!(error instanceof ApiError)) return [];
  const byField = new Map<F, string[]>();
  for (const issue of error.issues) {
    const name = fields.find(
      (f) => f === (issue.field.replace(/^body\.?/, '').split('.')[0] ?? ''),
    );
    if (name === undefined) continue;
    const text = ISSUE_MESSAGES[issue.code] ?? 'Giá trị không hợp lệ.';
    const list = byField.get(name) ?? [];
    if (!list.includes(text)) list.push(text);
    byField.set(name, list);
  }
  return [...byField].map(([name, errors]) => ({ name, errors }));
}
