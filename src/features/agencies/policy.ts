// Who may do what with an agency. Tenant scoping is also part of every query (service.ts).

import { definePolicy } from '../../server/policy.js';
import type { Principal } from '../../server/principal.js';

export type AgencyAccess = { tenantId: string };

export const agencyPolicy = definePolicy('agency', {
  // Any signed-in user of the tenant.
  read: (p: Principal, a: AgencyAccess) => p.kind === 'user' && p.tenantId === a.tenantId,
});
