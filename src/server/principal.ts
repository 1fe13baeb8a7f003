// Who is asking: an anonymous visitor of the installation's tenant, or a signed-in user with one
// role in the tenant and (except the administrator) one agency. Set by the authenticate hook
// (features/auth/hooks.ts) from the session cookie.

export const ROLES = [
  'administrator',
  'leadership',
  'consolidator',
  'agency_head',
  'agency_officer',
  'viewer',
  // The Fatherland Front (Mặt trận Tổ quốc): the public view and the agencies' accepted reports.
  'supervisor',
] as const;
export type Role = (typeof ROLES)[number];

export type AnonymousPrincipal = { kind: 'anonymous'; tenantId: string };

export type UserPrincipal = {
  kind: 'user';
  tenantId: string;
  userId: string;
  username: string;
  displayName: string;
  role: Role;
  agencyId: string | null;
  sessionId: string;
  csrfToken: string;
  demo: boolean;
};

export type Principal = AnonymousPrincipal | UserPrincipal;

export const anonymous = (tenantId: string): AnonymousPrincipal => ({
  kind: 'anonymous',
  tenantId,
});

export function isUser(p: Principal): p is UserPrincipal {
  return p.kind === 'user';
}

/** A signed-in user of the tenant with one of the roles. */
export function hasRole(p: Principal, tenantId: string, ...roles: Role[]): p is UserPrincipal {
  return p.kind === 'user' && p.tenantId === tenantId && roles.includes(p.role);
}

/** Agency staff (head or officer) of the given agency. */
export function isStaffOf(p: Principal, tenantId: string, agencyId: string | null): boolean {
  return (
    hasRole(p, tenantId, 'agency_head', 'agency_officer') &&
    agencyId !== null &&
    p.agencyId === agencyId
  );
}

/** The actor recorded in audit records and rows' created_by. */
export function actorOf(p: Principal, requestId?: string) {
  return {
    id: p.kind === 'user' ? `user:${p.userId}` : 'anonymous',
    tenantId: p.tenantId,
    agencyId: p.kind === 'user' ? p.agencyId : null,
    requestId,
  };
}
