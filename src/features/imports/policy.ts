// Who may do what with an import draft: the consolidating department (it owns the plan's
// structure) uploads, corrects and confirms; every signed-in user of the tenant may read drafts.
import { definePolicy } from '../../server/policy.js';
import { hasRole, type Principal } from '../../server/principal.js';

export type DraftAccess = { tenantId: string; status: string };

const consolidator = (p: Principal, d: { tenantId: string }) =>
  hasRole(p, d.tenantId, 'consolidator');

export const importPolicy = definePolicy('import', {
  read: (p: Principal, d: DraftAccess) => p.kind === 'user' && p.tenantId === d.tenantId,
  // A closed draft answers 409 (import_closed) from the service, not "not found".
  update: (p: Principal, d: DraftAccess) => consolidator(p, d),
  confirm: (p: Principal, d: DraftAccess) => consolidator(p, d),
});

/** Creating needs no existing draft: the role alone decides. */
export const canCreateImport = (p: Principal) => consolidator(p, p);
