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
  // Take a plan back out (the wrong document was confirmed): the department that imports and
  // confirms plans (imports/policy.ts). Whether anyone has worked on it is the service's check
  // (409 plan_has_work), and part of the `withdraw` ability the plan's page reads.
  withdraw: (p: Principal, plan: PlanAccess) => hasRole(p, plan.tenantId, 'consolidator'),
});
