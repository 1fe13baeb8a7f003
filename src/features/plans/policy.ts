// Who may do what with a plan. Tenant scoping is also part of every query (service.ts).
import type { Principal } from '../../server/principal.js';
import { definePolicy } from '../../server/policy.js';

export type PlanAccess = { tenantId: string };

export const planPolicy = definePolicy('plan', {
  read: (p: Principal, plan: PlanAccess) => p.tenantId === plan.tenantId,
});
