// Vietnamese names of the roles and the password rule, shared by the header and user administration.
import type { CurrentUser } from '@features/auth/schema';

export type Role = CurrentUser['role'];

export const ROLE_LABELS: Record<Role, string> = {
  administrator: 'Quản trị hệ thống',
  leadership: 'Lãnh đạo UBND tỉnh',
  consolidator: 'Cơ quan tổng hợp',
  agency_head: 'Lãnh đạo đơn vị',
  agency_officer: 'Cán bộ đơn vị',
  viewer: 'Người xem',
};

/** Roles in the order a picker lists them. */
export const ROLE_ORDER: readonly Role[] = [
  'agency_officer',
  'agency_head',
  'consolidator',
  'leadership',
  'viewer',
  'administrator',
];

export const PASSWORD_POLICY = 'Mật khẩu ít nhất 10 ký tự, có cả chữ và số.';

/** What is wrong with a new password by the server's rule (the server also refuses the login name). */
export function passwordProblem(password: string): string | null {
  if (password.length < 10) return 'Mật khẩu cần ít nhất 10 ký tự.';
  if (!/\p{L}/u.test(password) || !/\d/.test(password)) return 'Mật khẩu cần có cả chữ và số.';
  return null;
}
