// Vietnamese names of the roles and the password rule, shared by the header and user administration;
// the messages of sign-in refusals.
import type { CurrentUser } from '@features/auth/schema';
import { ApiError, errorMessage } from '../../app/api';

export type Role = CurrentUser['role'];

export const ROLE_LABELS: Record<Role, string> = {
  administrator: 'Quản trị hệ thống',
  leadership: 'Lãnh đạo UBND tỉnh',
  consolidator: 'Cơ quan tổng hợp',
  agency_head: 'Lãnh đạo đơn vị',
  agency_officer: 'Cán bộ đơn vị',
  viewer: 'Người xem',
  supervisor: 'Giám sát (Mặt trận Tổ quốc)',
};

/** Roles in the order a picker lists them. */
export const ROLE_ORDER: readonly Role[] = [
  'agency_officer',
  'agency_head',
  'consolidator',
  'leadership',
  'viewer',
  'supervisor',
  'administrator',
];

export const PASSWORD_POLICY = 'Mật khẩu ít nhất 10 ký tự, có cả chữ và số.';

/** What is wrong with a new password by the server's rule (the server also refuses the login name). */
export function passwordProblem(password: string): string | null {
  if (password.length < 10) return 'Mật khẩu cần ít nhất 10 ký tự.';
  if (!/\p{L}/u.test(password) || !/\d/.test(password)) return 'Mật khẩu cần có cả chữ và số.';
  return null;
}

/** A refusal naming a field that holds a control character (a pasted invisible character). */
export function hasControlCharacter(error: unknown): boolean {
  return error instanceof ApiError && error.issues.some((i) => i.code === 'control_character');
}

/**
 * Why signing in was refused. Too many failures (429) hold back the address for that login name
 * for up to 15 minutes, or slow the name down for a few seconds: the same message for both.
 */
export function signInErrorMessage(error: unknown): string {
  if (error instanceof ApiError && error.code === 'too_many_attempts')
    return 'Đăng nhập sai quá nhiều lần. Vì an toàn, vui lòng chờ một lát (tối đa 15 phút) rồi thử lại.';
  if (hasControlCharacter(error))
    return 'Tên đăng nhập hoặc mật khẩu có ký tự không hợp lệ. Hãy gõ lại thay vì dán.';
  return errorMessage(error);
}

/** Why changing one's password was refused: wrong guesses at the current one count like sign-ins. */
export function passwordChangeErrorMessage(error: unknown): string {
  if (error instanceof ApiError && error.code === 'too_many_attempts')
    return 'Nhập sai mật khẩu hiện tại quá nhiều lần. Vui lòng chờ một lát (tối đa 15 phút) rồi thử lại.';
  if (hasControlCharacter(error)) return 'Mật khẩu có ký tự không hợp lệ. Hãy gõ lại thay vì dán.';
  return errorMessage(error);
}
