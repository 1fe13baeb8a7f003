// Vietnamese messages for what can go wrong on the key-project pages, where the general message of
// the API client (app/api.ts) would say less; and the server's refusals of a form's fields, put on
// the fields they are about.
import { ApiError, errorMessage } from '../../app/api';

export const CONFLICT_MESSAGE =
  'Dự án vừa được người khác cập nhật trong lúc bạn nhập. Hãy tải lại trang để xem dữ liệu mới nhất rồi nhập lại.';

const CONFLICT_CODES = new Set(['stale_version', 'conflict']);

const PROJECT_MESSAGES: Record<string, string> = {
  stale_version: CONFLICT_MESSAGE,
  conflict: CONFLICT_MESSAGE,
  update_pending:
    'Báo cáo của tháng này đang chờ lãnh đạo đơn vị duyệt: cần duyệt hoặc trả lại báo cáo đó trước khi gửi báo cáo mới cho cùng tháng.',
  already_decided: 'Báo cáo này đã được duyệt hoặc trả lại. Trang đã tải lại dữ liệu mới nhất.',
  spreadsheet_invalid:
    'Tệp Excel có lỗi: không có dữ liệu nào được ghi. Hãy sửa các ô dưới đây rồi tải lên lại.',
  multipart_expected: 'Cần gửi kèm tệp.',
  file_required: 'Cần chọn tệp Excel (.xlsx).',
  files_required: 'Cần chọn ít nhất một tệp tài liệu.',
};

/** The message for a failed action of a project page. */
export function projectMessage(error: unknown): string {
  if (error instanceof ApiError) {
    const known = PROJECT_MESSAGES[error.code];
    if (known) return known;
  }
  return errorMessage(error);
}

/** A refusal because the project changed since the page was read (its version is stale). */
export function isConflict(error: unknown): boolean {
  return error instanceof ApiError && CONFLICT_CODES.has(error.code);
}

/** A refusal of the form's values, field by field (400 invalid_input). */
export function invalidInput(error: unknown): boolean {
  return error instanceof ApiError && error.code === 'invalid_input' && error.issues.length > 0;
}

/** Vietnamese reasons for the codes of a refused field (Zod's and the service's). */
const FIELD_CODE_MESSAGES: Record<string, string> = {
  figure_required: 'Cần nhập ít nhất một số liệu (giải ngân, GPMB, thi công) hoặc một mốc đã đạt.',
  duplicate_kind: 'Mỗi mốc chỉ được nêu một lần.',
  end_before_start: 'Năm kết thúc phải sau hoặc bằng năm bắt đầu.',
  unit_required: 'Cần chọn đơn vị khi có khối lượng GPMB.',
  invalid_json: 'Danh sách mốc không đọc được.',
  invalid_format: 'Giá trị không đúng định dạng.',
  too_big: 'Giá trị quá lớn.',
  too_small: 'Giá trị quá nhỏ hoặc còn trống.',
  invalid_type: 'Giá trị không hợp lệ.',
  invalid_value: 'Giá trị không thuộc danh sách cho phép.',
  month_in_future: 'Tháng báo cáo chưa bắt đầu.',
  in_future: 'Ngày đạt mốc không được sau hôm nay.',
  over_total: 'Khối lượng GPMB đã bàn giao vượt tổng khối lượng của dự án.',
  below_done: 'Tổng khối lượng GPMB nhỏ hơn khối lượng đã bàn giao.',
  update_pending: 'Báo cáo của tháng này đang chờ duyệt.',
  unknown_agency: 'Cơ quan không có trong danh mục hoặc đã kết thúc hoạt động.',
  unknown_commune: 'Mã xã, phường không có trong danh mục đơn vị hành chính của tỉnh.',
  unknown_task: 'Nhiệm vụ không thuộc kế hoạch của dự án.',
  unknown_target: 'Chỉ tiêu không thuộc kế hoạch của dự án.',
  control_character: 'Có ký tự điều khiển không hợp lệ (thường do dán từ nơi khác): hãy gõ lại.',
};

export type FieldError = { name: (string | number)[]; errors: string[] };

/**
 * The refusal's issues as errors of the form's fields (`fields`: the top-level names the form has);
 * `rest` holds the reasons about no field of the form, to show above the buttons.
 */
export function serverFieldErrors(
  error: unknown,
  fields: readonly string[],
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
    const text =
      FIELD_CODE_MESSAGES[issue.message] ??
      (issue.code === 'custom' ? undefined : FIELD_CODE_MESSAGES[issue.code]) ??
      (/[À-ỹ]/.test(issue.message) ? issue.message : 'Giá trị không hợp lệ.');
    const top = path[0];
    if (typeof top !== 'string' || !fields.includes(top)) {
      rest.push(text);
      continue;
    }
    const key = path.join('.');
    const entry = byPath.get(key) ?? { name: path, errors: [] };
    if (!entry.errors.includes(text)) entry.errors.push(text);
    byPath.set(key, entry);
  }
  return { fields: [...byPath.values()], rest: [...new Set(rest)] };
}
