// Who may manage accounts: the tenant's administrators. Every signed-in user may look people up
// by name (to mention them in a comment).
import { definePolicy } from '../../server/policy.js';
import { hasRole, type Principal } from '../../server/principal.js';

export type UserAccess = { tenantId: string; id: string };

export const userPolicy = definePolicy('user', {
  read: (p: Principal, u: UserAccess) => hasRole(p, u.tenantId, 'administrator'),
  update: (p: Principal, u: UserAccess) => hasRole(p, u.tenantId, 'administrator'),
  resetPassword: (p: Principal, u: UserAccess) => hasRole(p, u.tenantId, 'administrator'),
});

export const canManageUsers = (p: Principal) => hasRole(p, p.tenantId, 'administrator');
export const canLookUpUsers = (p: Principal) => p.kind === 'user';
