// Who may do what with a plan. Tenant scoping is also part of every query (service.ts).

import { definePolicy } from '../../server/policy.js';
import type { Principal } from '../../server/principal.js';

export type PlanAccess = { tenantId: string };

export const planPolicy = definePolicy('plan', {
  read: (p: Principal, plan: PlanAccess) => p.tenantId === plan.tenantId,
});
