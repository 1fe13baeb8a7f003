// Who may do what with a target and its actuals. Tenant scoping is also part of every query
// (service.ts). The responsible agency's staff report actuals; its head approves them while the
// agency is still responsible (a decision is taken against today's responsibility); the
// consolidating department completes the target (it owns the plan's structure).
import { definePolicy } from '../../server/policy.js';
import { hasRole, isStaffOf, type Principal } from '../../server/principal.js';

export type TargetAccess = { tenantId: string; responsibleAgencyId?: string | null };

export const targetPolicy = definePolicy('target', {
  // Any signed-in user of the tenant (the public view has its own rule, issue #12).
  read: (p: Principal, t: TargetAccess) => p.kind === 'user' && p.tenantId === t.tenantId,
  update: (p: Principal, t: TargetAccess) => hasRole(p, t.tenantId, 'consolidator'),
  reportActual: (p: Principal, t: TargetAccess) =>
    isStaffOf(p, t.tenantId, t.responsibleAgencyId ?? null),
});

export type ActualAccess = {
  tenantId: string;
  agencyId: string;
  status: string;
  /** The reporting agency is responsible for the target today (service.ts). */
  responsible: boolean;
};

export const actualPolicy = definePolicy('target_actual', {
  review: (p: Principal, a: ActualAccess) =>
    hasRole(p, a.tenantId, 'agency_head') &&
    p.agencyId === a.agencyId &&
    a.status === 'pending' &&
    a.responsible,
});
