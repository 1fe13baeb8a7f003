// Who reads what the reminder job did. The consolidating department follows its periods' reminders
// (leadership sees everything, DOMAIN.md §2); the list of agencies escalated for being late goes to
// leadership, the consolidator who urges them, and the administrator. Sending is the job's alone:
// no endpoint sends a reminder. Tenant scoping is also part of every query (service.ts).
import { definePolicy } from '../../server/policy.js';
import { hasRole, type Principal } from '../../server/principal.js';

export type ReminderAccess = { tenantId: string };

export const reminderPolicy = definePolicy('reporting_period', {
  readReminders: (p: Principal, r: ReminderAccess) =>
    hasRole(p, r.tenantId, 'consolidator', 'leadership'),
  readEscalations: (p: Principal, r: ReminderAccess) =>
    hasRole(p, r.tenantId, 'leadership', 'consolidator', 'administrator'),
});
