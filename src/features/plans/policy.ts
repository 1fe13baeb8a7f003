// Who may do what with a plan. Tenant scoping is also part of every query (service.ts).

import { definePolicy } from '../../server/policy.js';
import type { Principal } from '../../server/principal.js';

export type PlanAccess = { tenantId: string };

export const planPolicy = definePolicy('plan', {
  // Any signed-in user of the tenant.
  read: (p: Principal, plan: PlanAccess) => p.kind === 'user' && p.tenantId === plan.tenantId,
});
