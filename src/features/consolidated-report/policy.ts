// Who reads, edits and downloads the province's consolidated report: the consolidating department
// that drafts it and the leadership that signs it. Tenant scoping is also part of every query.
import { definePolicy } from '../../server/policy.js';
import { hasRole, type Principal } from '../../server/principal.js';

export type ConsolidatedReportAccess = { tenantId: string };

export const consolidatedReportPolicy = definePolicy('consolidated_report', {
  read: (p: Principal, r: ConsolidatedReportAccess) =>
    hasRole(p, r.tenantId, 'consolidator', 'leadership'),
  edit: (p: Principal, r: ConsolidatedReportAccess) =>
    hasRole(p, r.tenantId, 'consolidator', 'leadership'),
  download: (p: Principal, r: ConsolidatedReportAccess) =>
    hasRole(p, r.tenantId, 'consolidator', 'leadership'),
});
