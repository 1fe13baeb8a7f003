// Who moderates public feedback: the consolidating department (it answers for the plan) and the
// administrator. Everyone else, the supervisor included, gets 404 as for feedback that does not
// exist. Sending feedback is anonymous (routes.ts; its limits are form.ts's).
import { definePolicy } from '../../server/policy.js';
import { hasRole, type Principal } from '../../server/principal.js';

export type FeedbackAccess = { tenantId: string; status: string };

export const feedbackPolicy = definePolicy('feedback', {
  read: (p: Principal, f: FeedbackAccess) =>
    hasRole(p, f.tenantId, 'consolidator', 'administrator'),
  moderate: (p: Principal, f: FeedbackAccess) =>
    hasRole(p, f.tenantId, 'consolidator', 'administrator') && f.status === 'pending',
});
