// Who may do what with the reorganisation. Administrators apply successions to live tasks;
// administrators, the consolidator and leadership see them; administrators and the consolidator
// choose who takes over a task a split or an abolition left open. Tenant scoping is also part of
// every query (service.ts).
import { definePolicy } from '../../server/policy.js';
import { hasRole, type Principal } from '../../server/principal.js';

export type SuccessionAccess = { tenantId: string; applied: boolean };

export const successionPolicy = definePolicy('succession', {
  read: (p: Principal, s: SuccessionAccess) =>
    hasRole(p, s.tenantId, 'administrator', 'consolidator', 'leadership'),
  /** A second application is refused by the service (409), so the rule ignores `applied`. */
  apply: (p: Principal, s: SuccessionAccess) => hasRole(p, s.tenantId, 'administrator'),
});

/** Recording a new succession in the registry: administrators. */
export const canRecordSuccession = (p: Principal) => hasRole(p, p.tenantId, 'administrator');

/** The button: allowed and not yet applied. */
export const canApplyNow = (p: Principal, s: SuccessionAccess) =>
  successionPolicy.rules.apply(p, s) && !s.applied;

export type ReviewAccess = { tenantId: string; status: string };

export const reviewPolicy = definePolicy('reassignment_review', {
  read: (p: Principal, r: ReviewAccess) => hasRole(p, r.tenantId, 'administrator', 'consolidator'),
  resolve: (p: Principal, r: ReviewAccess) =>
    hasRole(p, r.tenantId, 'administrator', 'consolidator') && r.status === 'open',
});
