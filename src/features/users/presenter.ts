import type { User } from './schema.js';
import type { UserWithAgency } from './service.js';

export function presentUser(u: UserWithAgency): User {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    email: u.email,
    role: u.role as User['role'],
    agency: u.agencyId && u.agencyName ? { id: u.agencyId, name: u.agencyName } : null,
    disabled: u.disabledAt !== null,
    // Accounts are no longer locked as a whole (features/auth/throttle.ts).
    locked: false,
    demo: u.demo,
    version: u.version,
    createdAt: u.createdAt.toISOString(),
  };
}
