// Who may read the province's communes: any signed-in user of the tenant (reference data).
import { definePolicy } from '../../server/policy.js';
import type { Principal } from '../../server/principal.js';

export type CommuneAccess = { tenantId: string };

export const communePolicy = definePolicy('commune', {
  read: (p: Principal, c: CommuneAccess) => p.kind === 'user' && p.tenantId === c.tenantId,
});
