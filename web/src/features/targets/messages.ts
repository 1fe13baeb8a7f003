// Vietnamese messages for what can go wrong on a target's page, where the general message of the
// API client (app/api.ts) would say less; and the server's refusals of a form's fields, put on the
// fields they are about.
import { ApiError, errorMessage } from '../../app/api';

export const CONFLICT_MESSAGE =
  'Chỉ tiêu vừa được người khác cập nhật; tải lại trang để xem bản mới.';

/** Codes of a refused actual or review (POST /api/targets/:id/actuals, /api/target-actuals/…). */
const TARGET_MESSAGES: Record<string, string> = {
  stale_version: CONFLICT_MESSAGE,
  conflict: CONFLICT_MESSAGE,
  period_invalid: 'Kỳ báo cáo không hợp lệ: chọn năm, 6 tháng, quý hoặc tháng trong danh sách.',
  period_frequency:
    'Kỳ báo cáo không đúng tần suất báo cáo của chỉ tiêu: chỉ báo cáo theo năm hoặc theo kỳ cơ quan tổng hợp đã đặt.',
  period_not_ended:
    'Kỳ báo cáo chưa kết thúc: số liệu năm được báo cáo từ ngày 01/12, số liệu 6 tháng, quý, tháng sau khi hết kỳ.',
  value_required: 'Cần nhập giá trị thực hiện.',
  achieved_required: 'Cần chọn đã đạt hay chưa đạt.',
  assessment_required: 'Cần chọn đánh giá của cơ quan chủ trì.',
  value_not_allowed: 'Chỉ tiêu loại này không nhận giá trị số.',
  achieved_not_allowed: 'Chỉ tiêu loại này không nhận kết quả đạt/chưa đạt.',
  assessment_not_allowed: 'Chỉ tiêu loại này không nhận đánh giá định tính.',
  actual_pending:
    'Kỳ này đã có một báo cáo đang chờ lãnh đạo đơn vị duyệt: cần duyệt hoặc trả lại báo cáo đó trước khi gửi báo cáo mới cho cùng kỳ.',
  already_decided: 'Báo cáo này đã được duyệt hoặc trả lại. Trang đã tải lại dữ liệu mới nhất.',
  not_found:
    'Bạn không (còn) có quyền với chỉ tiêu hoặc báo cáo này: cơ quan chủ trì có thể vừa thay đổi. Hãy tải lại trang.',
  multipart_expected: 'Cần gửi biểu mẫu kèm tệp.',
  invalid_input: 'Dữ liệu chưa hợp lệ: xem các ô được đánh dấu.',
};

/** The message for a failed action of a target's page. */
export function targetMessage(error: unknown): string {
  if (error instanceof ApiError) {
    const known = TARGET_MESSAGES[error.code];
    if (known) return known;
  }
  return errorMessage(error);
}

/** A refusal because the target changed since the page was read (its version is stale). */
export function isConflict(error: unknown): boolean {
  return error instanceof ApiError && (error.code === 'stale_version' || error.code === 'conflict');
}

/** Vietnamese reasons for the codes of a refused field (Zod's and the service's). */
const FIELD_CODE_MESSAGES: Record<string, string> = {
  ...TARGET_MESSAGES,
  duplicate_year: 'Mỗi năm chỉ có một mốc.',
  no_value_for_kind: 'Chỉ tiêu mốc có/không hoặc định tính không có giá trị số ở mốc.',
  baseline_after_milestone: 'Năm gốc phải trước năm của mọi mốc.',
  unknown_agency: 'Cơ quan không có trong danh mục hoặc đã kết thúc hoạt động.',
  unknown_task: 'Nhiệm vụ không còn trong các kế hoạch đang theo dõi.',
  invalid_format: 'Giá trị không đúng định dạng.',
  invalid_string: 'Giá trị không đúng định dạng.',
  too_big: 'Giá trị quá lớn hoặc quá dài.',
  too_small: 'Giá trị quá nhỏ hoặc còn trống.',
  invalid_type: 'Giá trị không hợp lệ.',
  invalid_value: 'Giá trị không thuộc danh sách cho phép.',
  invalid_enum_value: 'Giá trị không thuộc danh sách cho phép.',
  file_too_large: 'Tệp minh chứng quá lớn (tối đa 20 MB mỗi tệp).',
  file_type_not_allowed:
    'Loại tệp minh chứng không được nhận (nhận PDF, Word, Excel, ảnh JPG/PNG, ZIP).',
  too_many_files: 'Quá nhiều tệp minh chứng (tối đa 10 tệp mỗi lần).',
};

export type FieldError = { name: (string | number)[]; errors: string[] };

/** The Vietnamese reason for one issue of a refusal. */
export function issueMessage(issue: { code: string; message: string }): string {
  return (
    FIELD_CODE_MESSAGES[issue.message] ??
    (issue.code === 'custom' ? undefined : FIELD_CODE_MESSAGES[issue.code]) ??
    (/[À-ỹ]/.test(issue.message) ? issue.message : 'Giá trị không hợp lệ.')
  );
}

/**
 * The refusal's issues as errors of the form's fields (`fieldOf` names the form's field for a
 * server field path, or undefined when the form has none); `rest` holds the reasons about no field
 * of the form, to show beside the buttons.
 */
export function serverFieldErrors(
  error: unknown,
  fieldOf: (path: (string | number)[]) => (string | number)[] | undefined,
): { fields: FieldError[]; rest: string[] } {
  if (!(error instanceof ApiError) || error.issues.length === 0) return { fields: [], rest: [] };
  const byPath = new Map<string, FieldError>();
  const rest: string[] = [];
  for (const issue of error.issues) {
    const path = issue.field
      .replace(/^(body|querystring|params)\.?/, '')
      .split('.')
      .filter(Boolean)
      .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
    const text = issueMessage(issue);
    const name = fieldOf(path);
    if (!name) {
      rest.push(text);
      continue;
    }
    const key = name.join('.');
    const entry = byPath.get(key) ?? { name, errors: [] };
    if (!entry.errors.includes(text)) entry.errors.push(text);
    byPath.set(key, entry);
  }
  return { fields: [...byPath.values()], rest: [...new Set(rest)] };
}
