// Who may search: any signed-in user of the tenant. Every kind searched is one they may read
// (plans, tasks, targets, projects, agencies and documents are open to every role of the tenant);
// the tenant and what is hidden (plans still being stored) are conditions of the query itself.
import { definePolicy } from '../../server/policy.js';
import type { Principal } from '../../server/principal.js';

export type SearchAccess = { tenantId: string };

export const searchPolicy = definePolicy('search', {
  read: (p: Principal, s: SearchAccess) => p.kind === 'user' && p.tenantId === s.tenantId,
});
