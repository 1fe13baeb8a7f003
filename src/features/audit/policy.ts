// Who may read the audit trail: the tenant's administrators. Nobody may change it (no rule, no
// route; the database refuses UPDATE and DELETE too, drizzle/0005_audit_append_only.sql).
import { definePolicy } from '../../server/policy.js';
import { hasRole, type Principal } from '../../server/principal.js';

export type AuditAccess = { tenantId: string };

export const auditPolicy = definePolicy('audit record', {
  browse: (p: Principal, a: AuditAccess) => hasRole(p, a.tenantId, 'administrator'),
  export: (p: Principal, a: AuditAccess) => hasRole(p, a.tenantId, 'administrator'),
});
