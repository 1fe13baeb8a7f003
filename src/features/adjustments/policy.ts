// Who may do what with proposed adjustments and their batches. An agency's staff propose on the
// work their agency leads today (a task's current lead, a target's responsible agency) or, for a new
// task, on a plan they have work in; they withdraw their agency's proposal while it waits. The
// consolidating department groups proposals into batches with its opinion and submits them;
// leadership decides each proposal. Access facts are loaded tenant-scoped by the service.
import { definePolicy } from '../../server/policy.js';
import { hasRole, isStaffOf, type Principal } from '../../server/principal.js';

/** What a proposal is about, as the proposing side sees it today. */
export type ProposeAccess = {
  tenantId: string;
  /** The agency that leads the task / answers for the target now; for a new task, null. */
  leadAgencyId: string | null;
  /** For a new task: the caller's agency has work in the plan. */
  hasWorkInPlan: boolean;
};

export const proposePolicy = definePolicy('adjustment_proposal', {
  onItem: (p: Principal, a: ProposeAccess) => isStaffOf(p, a.tenantId, a.leadAgencyId),
  addTask: (p: Principal, a: ProposeAccess) =>
    hasRole(p, a.tenantId, 'agency_head', 'agency_officer') && a.hasWorkInPlan,
});

export type ProposalAccess = {
  tenantId: string;
  agencyId: string;
  /** Decisions read `status` (server/policy.ts#authorizeDecision): pending while submitted. */
  status: string;
  state: string;
};

export const proposalPolicy = definePolicy('adjustment_proposal', {
  read: (p: Principal, a: ProposalAccess) => p.kind === 'user' && p.tenantId === a.tenantId,
  withdraw: (p: Principal, a: ProposalAccess) =>
    isStaffOf(p, a.tenantId, a.agencyId) && a.state === 'proposed',
  decide: (p: Principal, a: ProposalAccess) =>
    hasRole(p, a.tenantId, 'leadership') && a.status === 'pending',
});

export type BatchAccess = { tenantId: string; state: string };

export const batchPolicy = definePolicy('adjustment_batch', {
  read: (p: Principal, b: BatchAccess) => hasRole(p, b.tenantId, 'consolidator', 'leadership'),
  create: (p: Principal, b: BatchAccess) => hasRole(p, b.tenantId, 'consolidator'),
  update: (p: Principal, b: BatchAccess) =>
    hasRole(p, b.tenantId, 'consolidator') && b.state === 'draft',
  submit: (p: Principal, b: BatchAccess) =>
    hasRole(p, b.tenantId, 'consolidator') && b.state === 'draft',
});

/** The decision's view of a proposal: only a submitted one waits for leadership. */
export const decisionAccess = (a: { tenantId: string; agencyId: string; state: string }) => ({
  ...a,
  status: a.state === 'submitted' ? 'pending' : a.state,
});
