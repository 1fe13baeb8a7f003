// Who may do what with a target. Tenant scoping is also part of every query (service.ts).
import { definePolicy } from '../../server/policy.js';
import { hasRole, type Principal } from '../../server/principal.js';

export type TargetAccess = { tenantId: string };

export const targetPolicy = definePolicy('target', {
  // Any signed-in user of the tenant (the public view has its own rule, issue #12).
  read: (p: Principal, t: TargetAccess) => p.kind === 'user' && p.tenantId === t.tenantId,
  // The consolidating department completes the plan's targets (it owns the plan's structure).
  update: (p: Principal, t: TargetAccess) => hasRole(p, t.tenantId, 'consolidator'),
});
