// /api/notifications: the signed-in user's own notifications; /api/outbox: the e-mail queued for
// them, for administrators (without an SMTP server it is where the mail can be read).
// authenticate → validate → authorize → service → presenter.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { NotFoundError } from '../../server/errors.js';
import { authorize } from '../../server/policy.js';
import { actorOf } from '../../server/principal.js';
import { requireUser } from '../auth/hooks.js';
import { notificationPolicy, outboxPolicy } from './policy.js';
import { presentNotification, presentOutboxMail } from './presenter.js';
import {
  notificationIdParamsSchema,
  notificationListQuerySchema,
  notificationListSchema,
  notificationSchema,
  outboxListSchema,
  outboxQuerySchema,
  readAllResultSchema,
} from './schema.js';
import {
  countUnreadNotifications,
  findNotification,
  listNotifications,
  listOutbox,
  markAllNotificationsRead,
  markNotificationRead,
} from './service.js';

export type NotificationRoutesOptions = {
  /** Whether e-mail is delivered (SMTP_URL set); shown with the outbox. */
  smtpConfigured?: boolean;
};

export const notificationRoutes: FastifyPluginAsyncZod<NotificationRoutesOptions> = async (
  app,
  options,
) => {
  const smtpConfigured = options.smtpConfigured ?? false;

  app.get(
    '/api/notifications',
    {
      config: { supervisor: true },
      schema: {
        tags: ['notifications'],
        summary: 'My notifications, newest first, with the number unread',
        querystring: notificationListQuerySchema,
        response: { 200: notificationListSchema },
      },
    },
    async (request) => {
      const p = requireUser(request);
      const [rows, unreadCount] = await Promise.all([
        listNotifications(app.db, p.tenantId, p.userId, {
          unreadOnly: request.query.unread,
          limit: request.query.limit,
        }),
        countUnreadNotifications(app.db, p.tenantId, p.userId),
      ]);
      return { items: rows.map(presentNotification), unreadCount };
    },
  );

  app.post(
    '/api/notifications/read-all',
    {
      config: { supervisor: true },
      schema: {
        tags: ['notifications'],
        summary: 'Mark all my notifications read',
        response: { 200: readAllResultSchema },
      },
    },
    async (request) => {
      const p = requireUser(request);
      const updated = await markAllNotificationsRead(
        app.db,
        actorOf(p, request.id),
        p.tenantId,
        p.userId,
      );
      return { updated };
    },
  );

  app.post(
    '/api/notifications/:id/read',
    {
      config: { supervisor: true },
      schema: {
        tags: ['notifications'],
        summary: 'Mark one of my notifications read',
        params: notificationIdParamsSchema,
        response: { 200: notificationSchema },
      },
    },
    async (request) => {
      const p = requireUser(request);
      const found = await findNotification(app.db, p.tenantId, request.params.id);
      if (!found) throw new NotFoundError('notification');
      authorize(notificationPolicy, p, 'markRead', found);
      const row = await markNotificationRead(
        app.db,
        actorOf(p, request.id),
        p.tenantId,
        p.userId,
        found.id,
      );
      if (!row) throw new NotFoundError('notification');
      return presentNotification(row);
    },
  );

  app.get(
    '/api/outbox',
    {
      schema: {
        tags: ['notifications'],
        summary: 'E-mail in the outbox, newest first (administrators)',
        querystring: outboxQuerySchema,
        response: { 200: outboxListSchema },
      },
    },
    async (request) => {
      const p = requireUser(request);
      authorize(outboxPolicy, p, 'browse', { tenantId: p.tenantId });
      const { status, limit, offset } = request.query;
      const { rows, total } = await listOutbox(app.db, p.tenantId, status, { limit, offset });
      return { items: rows.map(presentOutboxMail), total, smtpConfigured };
    },
  );
};
