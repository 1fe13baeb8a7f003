// Who may do what with a reporting period. Tenant scoping is also part of every query (service.ts).
import { definePolicy } from '../../server/policy.js';
import { hasRole, type Principal } from '../../server/principal.js';

export type PeriodAccess = { tenantId: string };

export const periodPolicy = definePolicy('reporting period', {
  // Any signed-in user of the tenant: agencies see what they owe and by when.
  read: (p: Principal, period: PeriodAccess) => p.kind === 'user' && p.tenantId === period.tenantId,
  // The consolidating department runs the cycle: periods, their deadlines, who must report.
  create: (p: Principal, period: PeriodAccess) => hasRole(p, period.tenantId, 'consolidator'),
  update: (p: Principal, period: PeriodAccess) => hasRole(p, period.tenantId, 'consolidator'),
  open: (p: Principal, period: PeriodAccess & { openedAt?: Date | null }) =>
    hasRole(p, period.tenantId, 'consolidator') && !period.openedAt,
  manageAgencies: (p: Principal, period: PeriodAccess & { openedAt?: Date | null }) =>
    hasRole(p, period.tenantId, 'consolidator') && !!period.openedAt,
});
