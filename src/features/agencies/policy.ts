// Who may do what with an agency. Tenant scoping is also part of every query (service.ts).
//
// Editing the registry (DOMAIN.md §2, §7): the administrator keeps it — every change, ending an
// agency included. The consolidating department may add an agency and correct its names: it owns
// the plan's structure and reviews imported plans (imports/policy.ts), where an agency the
// registry does not know yet turns up; adding one, renaming one (the former name stays an alias)
// or adding the way a plan writes it changes nobody's work. Ending an agency changes who carries
// its work, as recording a succession does (reorganisation/policy.ts: administrators only), so it
// stays with the administrator.

import { definePolicy } from '../../server/policy.js';
import { hasRole, type Principal } from '../../server/principal.js';

export type AgencyAccess = { tenantId: string; inForceTo: string | null };

const registryEditor = (p: Principal, tenantId: string) =>
  hasRole(p, tenantId, 'administrator', 'consolidator');

export const agencyPolicy = definePolicy('agency', {
  // Any signed-in user of the tenant.
  read: (p: Principal, a: AgencyAccess) => p.kind === 'user' && p.tenantId === a.tenantId,
  /** Name, short name, kind, other names. */
  update: (p: Principal, a: AgencyAccess) => registryEditor(p, a.tenantId),
  /** An agency ends once: one already ended answers 409 (agency_ended) to those who may end it. */
  end: (p: Principal, a: AgencyAccess) =>
    hasRole(p, a.tenantId, 'administrator') && a.inForceTo === null,
});

/** Adding an agency needs no existing one: the role alone decides. */
export const canCreateAgency = (p: Principal) => registryEditor(p, p.tenantId);
