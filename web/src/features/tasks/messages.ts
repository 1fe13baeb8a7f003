// Vietnamese messages for what can go wrong on a task page, where the general message of the API
// client (app/api.ts) would say less than the task page can.
import { ApiError, errorMessage } from '../../app/api';

const TASK_MESSAGES: Record<string, string> = {
  stale_version:
    'Nhiệm vụ vừa được người khác cập nhật. Trang đã tải lại dữ liệu mới nhất: hãy kiểm tra rồi gửi lại.',
  conflict:
    'Nhiệm vụ vừa được người khác cập nhật. Trang đã tải lại dữ liệu mới nhất: hãy kiểm tra rồi gửi lại.',
};

/** The message for a failed action of the task page. */
export function taskMessage(error: unknown): string {
  if (error instanceof ApiError) {
    const known = TASK_MESSAGES[error.code];
    if (known) return known;
  }
  return errorMessage(error);
}

/** A refusal because the task changed meanwhile: the mutation hooks already say so and reload. */
export function isConflict(error: unknown): boolean {
  return error instanceof ApiError && error.status === 409;
}
