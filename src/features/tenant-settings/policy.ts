// Who may read and change the province's settings: the administrator sets them up; the
// consolidating department and leadership, who produce and sign the documents, read them.
import { definePolicy } from '../../server/policy.js';
import { hasRole, type Principal } from '../../server/principal.js';

export type TenantSettingsAccess = { tenantId: string };

export const tenantSettingsPolicy = definePolicy('tenant_settings', {
  read: (p: Principal, t: TenantSettingsAccess) =>
    hasRole(p, t.tenantId, 'administrator', 'consolidator', 'leadership'),
  update: (p: Principal, t: TenantSettingsAccess) => hasRole(p, t.tenantId, 'administrator'),
});
