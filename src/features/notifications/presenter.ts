// Notification and outbox rows → API objects.
import { MAX_MAIL_ATTEMPTS, type Notification, type OutboxMail } from './schema.js';
import type { MailRow, NotificationRow } from './service.js';

export function presentNotification(n: NotificationRow): Notification {
  return {
    id: n.id,
    kind: n.kind,
    title: n.title,
    body: n.body,
    link: n.link,
    createdAt: n.createdAt.toISOString(),
    readAt: n.readAt?.toISOString() ?? null,
  };
}

export function mailStatus(m: Pick<MailRow, 'sentAt' | 'attempts'>): OutboxMail['status'] {
  if (m.sentAt) return 'sent';
  return m.attempts >= MAX_MAIL_ATTEMPTS ? 'failed' : 'pending';
}

export function presentOutboxMail(m: MailRow): OutboxMail {
  return {
    id: m.id,
    status: mailStatus(m),
    toAddress: m.toAddress,
    subject: m.subject,
    body: m.body,
    createdAt: m.createdAt.toISOString(),
    sentAt: m.sentAt?.toISOString() ?? null,
    attempts: m.attempts,
    lastError: m.lastError,
  };
}
