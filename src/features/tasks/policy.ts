// Who may do what with a live task and the things hanging off it. The lead agency's staff report
// progress and ask for extensions; coordinating agencies' staff contribute; the agency head approves
// the agency's reports; the consolidator assigns and decides extensions; leadership gives
// directions. Everyone signed in to the tenant reads. Access facts come from the database (current
// assignments), loaded in the same query as the task (service.ts).
import { definePolicy } from '../../server/policy.js';
import { hasRole, isStaffOf, type Principal } from '../../server/principal.js';

export type TaskAccess = {
  tenantId: string;
  leadAgencyId: string | null;
  coordinatorAgencyIds: readonly string[];
  completed: boolean;
};

const staffOfLead = (p: Principal, t: TaskAccess) => isStaffOf(p, t.tenantId, t.leadAgencyId);
const staffOfCoordinator = (p: Principal, t: TaskAccess) =>
  t.coordinatorAgencyIds.some((a) => isStaffOf(p, t.tenantId, a)) && !staffOfLead(p, t);

export const taskPolicy = definePolicy('task', {
  read: (p: Principal, t: TaskAccess) => p.kind === 'user' && p.tenantId === t.tenantId,
  reportProgress: (p: Principal, t: TaskAccess) => staffOfLead(p, t) && !t.completed,
  contribute: (p: Principal, t: TaskAccess) => staffOfCoordinator(p, t) && !t.completed,
  requestExtension: (p: Principal, t: TaskAccess) => staffOfLead(p, t) && !t.completed,
  assign: (p: Principal, t: TaskAccess) => hasRole(p, t.tenantId, 'consolidator'),
  comment: (p: Principal, t: TaskAccess) =>
    hasRole(p, t.tenantId, 'leadership', 'consolidator') ||
    staffOfLead(p, t) ||
    staffOfCoordinator(p, t),
  direct: (p: Principal, t: TaskAccess) => hasRole(p, t.tenantId, 'leadership'),
  planItems: (p: Principal, t: TaskAccess) =>
    (staffOfLead(p, t) || staffOfCoordinator(p, t)) && !t.completed,
});

export type ProgressAccess = {
  tenantId: string;
  agencyId: string;
  status: string;
  /** The reporting agency carries the task today in the role it reported in (service.ts). */
  responsible: boolean;
};

export const progressPolicy = definePolicy('progress_update', {
  // The head of the reporting agency approves or returns its staff's reports — while the agency
  // still carries the task: a decision is taken against today's responsibility, not the report's.
  review: (p: Principal, u: ProgressAccess) =>
    hasRole(p, u.tenantId, 'agency_head') &&
    p.agencyId === u.agencyId &&
    u.status === 'pending' &&
    u.responsible,
});

export type ExtensionAccess = { tenantId: string; status: string };

export const extensionPolicy = definePolicy('extension_request', {
  decide: (p: Principal, e: ExtensionAccess) =>
    hasRole(p, e.tenantId, 'consolidator') && e.status === 'pending',
});

export type PlanItemAccess = { tenantId: string; agencyId: string };

export const planItemPolicy = definePolicy('agency_plan_item', {
  update: (p: Principal, i: PlanItemAccess) => isStaffOf(p, i.tenantId, i.agencyId),
});

/** The urging overview: the consolidator, leadership and administrators. */
export const canSeeUrging = (p: Principal) =>
  hasRole(p, p.tenantId, 'consolidator', 'leadership', 'administrator');
/** The urging letter is the consolidating department's document. */
export const canWriteUrgingLetter = (p: Principal) => hasRole(p, p.tenantId, 'consolidator');
