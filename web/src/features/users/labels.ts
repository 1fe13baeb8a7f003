// Vietnamese names of an account's state and the error codes of user administration.
import type { User } from '@features/users/schema';

export type UserState = 'active' | 'locked' | 'disabled';

export function userState(user: Pick<User, 'disabled' | 'locked'>): UserState {
  if (user.disabled) return 'disabled';
  if (user.locked) return 'locked';
  return 'active';
}

export const USER_STATE_LABELS: Record<UserState, string> = {
  active: 'Đang hoạt động',
  locked: 'Đăng nhập bị hạn chế',
  disabled: 'Đã vô hiệu hóa',
};

/** What the "locked" state means, for its tooltip. */
export const LOCKED_EXPLANATION =
  'Có nhiều lần đăng nhập sai với tên này gần đây: việc đăng nhập bị làm chậm hoặc một máy bị chặn tạm thời (tối đa 15 phút). Đặt lại mật khẩu sẽ gỡ hạn chế.';

export const USER_STATE_COLORS: Record<UserState, string> = {
  active: 'green',
  locked: 'orange',
  disabled: 'default',
};

/** Login names: lower-case letters, digits, . _ -; 3 to 50 characters, starting with a letter or digit. */
export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{2,49}$/;
