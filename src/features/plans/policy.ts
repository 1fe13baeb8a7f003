// Who may do what with a plan. Tenant scoping is also part of every query (service.ts).

import { definePolicy } from '../../server/policy.js';
import { hasRole, type Principal } from '../../server/principal.js';

export type PlanAccess = { tenantId: string };

export const planPolicy = definePolicy('plan', {
  // Any signed-in user of the tenant.
  read: (p: Principal, plan: PlanAccess) => p.kind === 'user' && p.tenantId === plan.tenantId,
  // How its targets are projected (the thresholds): the consolidating department's call.
  updateProjectionSettings: (p: Principal, plan: PlanAccess) =>
    hasRole(p, plan.tenantId, 'consolidator'),
});
