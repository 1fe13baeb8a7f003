// Who may do what with notifications: each user reads and marks only their own; the mail outbox
// is the tenant administrators' to read.
import { definePolicy } from '../../server/policy.js';
import { hasRole, type Principal } from '../../server/principal.js';

export type NotificationAccess = { tenantId: string; userId: string };
export type OutboxAccess = { tenantId: string };

export const notificationPolicy = definePolicy('notification', {
  read: (p: Principal, n: NotificationAccess) =>
    p.kind === 'user' && p.tenantId === n.tenantId && p.userId === n.userId,
  markRead: (p: Principal, n: NotificationAccess) =>
    p.kind === 'user' && p.tenantId === n.tenantId && p.userId === n.userId,
});

export const outboxPolicy = definePolicy('mail', {
  browse: (p: Principal, o: OutboxAccess) => hasRole(p, o.tenantId, 'administrator'),
});
