import type { User } from './schema.js';
import type { UserWithAgency } from './service.js';

/**
 * `throttled`: login names the sign-in throttle is holding back (features/auth/throttle.ts); the
 * account shows as locked while its name is slowed down or blocked for an address.
 */
export function presentUser(u: UserWithAgency, throttled: ReadonlySet<string>): User {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    email: u.email,
    role: u.role as User['role'],
    agency: u.agencyId && u.agencyName ? { id: u.agencyId, name: u.agencyName } : null,
    disabled: u.disabledAt !== null,
    locked: throttled.has(u.username),
    demo: u.demo,
    version: u.version,
    createdAt: u.createdAt.toISOString(),
  };
}
