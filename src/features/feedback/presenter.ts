// Feedback as the moderator sees it (the contact included: the moderator may answer privately).
// The public never gets this shape: published feedback reaches it through public-view/rule.ts.
import type { ModeratedFeedback } from './schema.js';
import type { ModerationRow } from './service.js';

const STATUSES = ['pending', 'published', 'rejected'] as const;

export function presentModeratedFeedback(r: ModerationRow): ModeratedFeedback {
  const f = r.feedback;
  const isTarget = f.targetId !== null;
  return {
    id: f.id,
    item: {
      kind: isTarget ? 'target' : 'project',
      id: (f.targetId ?? f.projectId) as string,
      name: (isTarget ? r.targetIndicator : r.projectName) ?? '',
      plan: { id: r.planId, number: r.planNumber, title: r.planTitle },
    },
    senderName: f.senderName,
    senderOrganisation: f.senderOrganisation,
    senderContact: f.senderContact,
    body: f.body,
    status: STATUSES.includes(f.status as never)
      ? (f.status as ModeratedFeedback['status'])
      : 'pending',
    createdAt: f.createdAt.toISOString(),
    answer: f.answer,
    moderationNote: f.moderationNote,
    moderatedBy: f.moderatedBy ? r.moderatorName : null,
    moderatedAt: f.moderatedAt?.toISOString() ?? null,
  };
}
