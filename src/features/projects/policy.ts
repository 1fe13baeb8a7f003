// Who may do what with a key project and its monthly updates. Everyone signed in to the tenant
// reads; the consolidating department completes projects and loads the capital spreadsheet; the
// owner agency's staff send monthly updates — for a project whose owner is outside the registry
// (an investor named as written), the consolidating department's staff do; the head of the
// reporting agency approves. Tenant scoping is also part of every query (service.ts).
import { definePolicy } from '../../server/policy.js';
import { hasRole, isStaffOf, type Principal } from '../../server/principal.js';

export type ProjectAccess = {
  tenantId: string;
  /** The owner (chủ đầu tư) when it is an agency of the registry; null for an outside owner. */
  ownerAgencyId: string | null;
};

/**
 * The consolidating department has no flag of its own in the registry: it is known by its role.
 * Its users (role `consolidator`, with their agency) report for projects of an outside owner.
 */
const consolidatingStaff = (p: Principal, tenantId: string) =>
  hasRole(p, tenantId, 'consolidator') && p.agencyId !== null;

export const projectPolicy = definePolicy('project', {
  // Any signed-in user of the tenant (the public view has its own rule, issue #12).
  read: (p: Principal, t: ProjectAccess) => p.kind === 'user' && p.tenantId === t.tenantId,
  update: (p: Principal, t: ProjectAccess) => hasRole(p, t.tenantId, 'consolidator'),
  report: (p: Principal, t: ProjectAccess) =>
    t.ownerAgencyId !== null
      ? isStaffOf(p, t.tenantId, t.ownerAgencyId)
      : consolidatingStaff(p, t.tenantId),
  loadSpreadsheet: (p: Principal, t: ProjectAccess) => hasRole(p, t.tenantId, 'consolidator'),
  addDocuments: (p: Principal, t: ProjectAccess) =>
    hasRole(p, t.tenantId, 'consolidator') ||
    (t.ownerAgencyId !== null && isStaffOf(p, t.tenantId, t.ownerAgencyId)),
});

export type ProjectUpdateAccess = {
  tenantId: string;
  /** The agency that reported. */
  agencyId: string;
  status: string;
  /**
   * The reporting agency still reports for the project today: it is the owner agency, or the
   * project has no owner agency (the consolidating department's report). service.ts computes it.
   */
  responsible: boolean;
};

export const projectUpdatePolicy = definePolicy('project_update', {
  // The head of the reporting agency approves or returns its staff's updates, while that agency
  // still reports for the project: a decision is taken against today's owner, not the update's.
  review: (p: Principal, u: ProjectUpdateAccess) =>
    hasRole(p, u.tenantId, 'agency_head') &&
    p.agencyId === u.agencyId &&
    u.status === 'pending' &&
    u.responsible,
});
