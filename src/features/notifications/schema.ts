// API contract of notifications (a user's own) and the mail outbox (administrators), shared with
// the web client.
import { z } from 'zod';

export const notificationListQuerySchema = z.object({
  /** true: only unread; false or absent: all. */
  unread: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true'),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const notificationIdParamsSchema = z.object({ id: z.uuid() });

export const notificationSchema = z.object({
  id: z.uuid(),
  kind: z.string(),
  title: z.string(),
  body: z.string().nullable(),
  /** Path in the app ("/nhiem-vu/…"). */
  link: z.string().nullable(),
  createdAt: z.iso.datetime({ offset: true }),
  readAt: z.iso.datetime({ offset: true }).nullable(),
});

export const notificationListSchema = z.object({
  items: z.array(notificationSchema),
  unreadCount: z.number().int(),
});

export const readAllResultSchema = z.object({ updated: z.number().int() });

export const OUTBOX_STATUSES = ['pending', 'sent', 'failed', 'all'] as const;
/** Delivery gives up after this many attempts; the mail is then "failed". */
export const MAX_MAIL_ATTEMPTS = 5;

export const outboxQuerySchema = z.object({
  status: z.enum(OUTBOX_STATUSES).default('all'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
});

export const outboxMailSchema = z.object({
  id: z.uuid(),
  /** pending: waiting to be sent (or retried); sent; failed: gave up after the last attempt. */
  status: z.enum(['pending', 'sent', 'failed']),
  toAddress: z.string(),
  subject: z.string(),
  body: z.string(),
  createdAt: z.iso.datetime({ offset: true }),
  sentAt: z.iso.datetime({ offset: true }).nullable(),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
});

export const outboxListSchema = z.object({
  items: z.array(outboxMailSchema),
  total: z.number().int(),
  /** Without an SMTP server nothing is sent: the administrator reads the mail here. */
  smtpConfigured: z.boolean(),
});

export type NotificationListQuery = z.infer<typeof notificationListQuerySchema>;
export type Notification = z.infer<typeof notificationSchema>;
export type NotificationList = z.infer<typeof notificationListSchema>;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];
export type OutboxMail = z.infer<typeof outboxMailSchema>;
export type OutboxList = z.infer<typeof outboxListSchema>;
