// Who may read the public view: anyone on the tenant's host, signed in or not (the Fatherland
// Front's supervisor included). What they read is rule.ts's; this only keeps it to the tenant.
import { definePolicy } from '../../server/policy.js';
import type { Principal } from '../../server/principal.js';

export type PublicAccess = { tenantId: string };

export const publicViewPolicy = definePolicy('public_plan', {
  read: (p: Principal, o: PublicAccess) => p.tenantId === o.tenantId,
});
