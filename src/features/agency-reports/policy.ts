// Who may do what with an agency's report for a period. The agency's staff see only their own
// agency's report: the officer or the head drafts it (saves, uploads the filled template), the head
// submits it; the consolidating department accepts or returns it with a reason, and unlocks an
// accepted one with a reason; leadership, the administrator and viewers read every report (a
// viewer's role is to read the plan's progress, and a report is part of it); the Fatherland
// Front's supervisor reads accepted reports only (never a draft, submitted or returned one,
// never the versions' history). Everyone else gets
// 404, as for a report that does not exist. The state a step needs is checked by the service (a
// step in the wrong state is a 409 for those who may take it); `abilities` combines both for the UI.
import { definePolicy } from '../../server/policy.js';
import { hasRole, isStaffOf, type Principal } from '../../server/principal.js';
import type { ReportState } from './schema.js';

export type ReportAccess = {
  tenantId: string;
  agencyId: string;
  /** null: never saved (a pre-filled draft). */
  state: ReportState | null;
};

export const agencyReportPolicy = definePolicy('agency_report', {
  read: (p: Principal, r: ReportAccess) =>
    hasRole(p, r.tenantId, 'administrator', 'leadership', 'consolidator', 'viewer') ||
    isStaffOf(p, r.tenantId, r.agencyId) ||
    (hasRole(p, r.tenantId, 'supervisor') && r.state === 'accepted'),
  save: (p: Principal, r: ReportAccess) => isStaffOf(p, r.tenantId, r.agencyId),
  submit: (p: Principal, r: ReportAccess) =>
    hasRole(p, r.tenantId, 'agency_head') && p.agencyId === r.agencyId,
  decide: (p: Principal, r: ReportAccess) => hasRole(p, r.tenantId, 'consolidator'),
  unlock: (p: Principal, r: ReportAccess) => hasRole(p, r.tenantId, 'consolidator'),
});

/** The states each step starts from. */
export const EDITABLE: readonly (ReportState | null)[] = [null, 'draft', 'returned'];

/** What the UI may offer: allowed to the caller and possible in the report's state. */
export function reportAbilities(p: Principal, r: ReportAccess) {
  const rules = agencyReportPolicy.rules;
  return {
    save: rules.save(p, r) && EDITABLE.includes(r.state),
    submit: rules.submit(p, r) && EDITABLE.includes(r.state),
    accept: rules.decide(p, r) && r.state === 'submitted',
    return: rules.decide(p, r) && r.state === 'submitted',
    unlock: rules.unlock(p, r) && r.state === 'accepted',
  };
}
