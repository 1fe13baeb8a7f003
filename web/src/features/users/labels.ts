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
  locked: 'Đã khóa tạm thời',
  disabled: 'Đã vô hiệu hóa',
};

export const USER_STATE_COLORS: Record<UserState, string> = {
  active: 'green',
  locked: 'orange',
  disabled: 'default',
};

/** Login names: lower-case letters, digits, . _ -; 3 to 50 characters, starting with a letter or digit. */
export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{2,49}$/;
