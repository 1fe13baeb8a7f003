// Who may do what with a target. Tenant scoping is also part of every query (service.ts).
import { definePolicy } from '../../server/policy.js';
import type { Principal } from '../../server/principal.js';

export type TargetAccess = { tenantId: string };

export const targetPolicy = definePolicy('target', {
  // Any signed-in user of the tenant (the public view has its own rule, issue #12).
  read: (p: Principal, t: TargetAccess) => p.kind === 'user' && p.tenantId === t.tenantId,
});
