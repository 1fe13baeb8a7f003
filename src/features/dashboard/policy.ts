// Who reads the leadership dashboard. Every figure on it counts lists that everyone signed in to
// the tenant already reads (tasks, targets, projects, periods' completeness: their policies'
// `read`), so the dashboard is open to every role of the tenant, agency staff included: an
// agency's head sees where the agency stands in the province's ranking, and the agency filter
// narrows it to their own work. Leadership lands on it (the web client's home for that role); the
// menu offers it to everyone. Nothing on it is more than the sum of what its lists show.
import { definePolicy } from '../../server/policy.js';
import type { Principal } from '../../server/principal.js';

export type DashboardAccess = { tenantId: string };

export const dashboardPolicy = definePolicy('dashboard', {
  read: (p: Principal, d: DashboardAccess) => p.kind === 'user' && p.tenantId === d.tenantId,
});
