// Who may do what with an import draft. Until accounts exist (issue #4) only the local operator
// (a request from this machine) may upload, correct and confirm; see server/principal.ts.

import { definePolicy } from '../../server/policy.js';
import type { Principal } from '../../server/principal.js';

export type DraftAccess = { tenantId: string; status: string };

const operator = (p: Principal, d: { tenantId: string }) =>
  p.kind === 'local-operator' && p.tenantId === d.tenantId;

export const importPolicy = definePolicy('import', {
  read: (p: Principal, d: DraftAccess) => p.tenantId === d.tenantId,
  // A closed draft answers 409 (import_closed) from the service, not "not found".
  update: (p: Principal, d: DraftAccess) => operator(p, d),
  confirm: (p: Principal, d: DraftAccess) => operator(p, d),
});

/** Creating needs no existing draft: the tenant alone decides. */
export const canCreateImport = (p: Principal) => p.kind === 'local-operator';
