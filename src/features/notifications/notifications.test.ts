import { and, eq, inArray } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/support/app.js';
import { engines } from '../../../test/support/database.js';
import { as, createCast, createTestUser, loginCast } from '../../../test/support/users.js';
import { auditRecords, mailOutbox, notifications } from '../../db/schema.js';
import { buildApp } from '../../server/app.js';
import { absoluteLinks, deliverOnce, type MailTransport, startMailDelivery } from './mailer.js';
import type { Notification, NotificationList, OutboxList } from './schema.js';
import { notify } from './service.js';

describe('absoluteLinks', () => {
  it('makes app paths absolute and leaves dates and slashes alone', () => {
    const base = 'https://tiendo.langson.gov.vn/';
    expect(absoluteLinks('Hạn 17/7/2024.\nXem: /nhiem-vu/abc-123', base)).toBe(
      'Hạn 17/7/2024.\nXem: https://tiendo.langson.gov.vn/nhiem-vu/abc-123',
    );
    expect(absoluteLinks('/ke-hoach/1 và a / b', 'http://x')).toBe('http://x/ke-hoach/1 và a / b');
    expect(absoluteLinks('Đã có https://a.vn/x', 'http://x')).toBe('Đã có https://a.vn/x');
  });
});

type Sent = { from: string; to: string; subject: string; text: string };

/** A transport that records what it sends and refuses some addresses. */
function fakeTransport(refuse: (to: string) => boolean = () => false) {
  const sent: Sent[] = [];
  const tried: string[] = [];
  const transport: MailTransport = {
    sendMail: async (message) => {
      tried.push(message.to);
      if (refuse(message.to)) throw new Error(`550 mailbox unavailable: ${message.to}`);
      sent.push(message);
      return { messageId: `<${sent.length}@test>` };
    },
  };
  return { transport, sent, tried };
}

describe.each(engines())('notifications on %s', (engine) => {
  const ctx = useTestApp(engine);
  let cast: Awaited<ReturnType<typeof loginCast>>;

  const event = (eventKey: string, title = `Sự kiện ${eventKey}`) => ({
    tenantId: ctx.database.tenantId,
    eventKey,
    kind: 'task_assigned',
    title,
    body: 'Sở Tài chính được giao chủ trì nhiệm vụ.',
    link: `/nhiem-vu/${eventKey}`,
  });
  const mine = async (auth: (typeof cast)['admin'], query = '') => {
    const res = await as(ctx.app, auth, { method: 'GET', url: `/api/notifications${query}` });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<NotificationList>();
  };
  const post = (auth: (typeof cast)['admin'] | null, url: string) =>
    as(ctx.app, auth, { method: 'POST', url });
  const outbox = (auth: (typeof cast)['admin'] | null, query = '') =>
    as(ctx.app, auth, { method: 'GET', url: `/api/outbox${query}` });

  beforeAll(async () => {
    await createCast(ctx.database.db, ctx.database.tenantId);
    cast = await loginCast(ctx.app);
  });

  it('notifies once per user and event, and mails once per address and event', async () => {
    const { db } = ctx.database;
    const ids = [cast['stc-head'].userId, cast['stc-officer'].userId];
    expect(await notify(db, event('dup'), ids)).toBe(2);
    expect(await notify(db, event('dup'), [...ids, ids[0] as string])).toBe(0);
    // Inside a transaction too (how services call it).
    await db.transaction(async (tx) => {
      expect(await notify(tx, event('dup'), ids)).toBe(0);
    });
    const rows = await db.select().from(notifications).where(eq(notifications.eventKey, 'dup'));
    expect(rows.map((r) => r.userId).sort()).toEqual([...ids].sort());
    const mails = await db.select().from(mailOutbox).where(eq(mailOutbox.eventKey, 'dup'));
    expect(mails.map((m) => m.toAddress).sort()).toEqual([
      'stc-head@test.invalid',
      'stc-officer@test.invalid',
    ]);
    expect(mails[0]).toMatchObject({
      subject: '[Tiến Độ] Sự kiện dup',
      body: 'Sở Tài chính được giao chủ trì nhiệm vụ.\nXem: /nhiem-vu/dup',
      sentAt: null,
      attempts: 0,
    });
  });

  it('lists my own notifications, newest first, with the unread count', async () => {
    const { db } = ctx.database;
    const sxd = cast['sxd-officer'].userId;
    await notify(db, event('list-1', 'Thông báo một'), [sxd]);
    await notify(db, event('list-2', 'Thông báo hai'), [sxd]);
    await notify(db, event('someone-else'), [cast['sxd-head'].userId]);

    const list = await mine(cast['sxd-officer']);
    expect(list.unreadCount).toBe(2);
    expect(list.items.map((n) => n.title)).toEqual(['Thông báo hai', 'Thông báo một']);
    expect(list.items[0]).toMatchObject({
      kind: 'task_assigned',
      body: 'Sở Tài chính được giao chủ trì nhiệm vụ.',
      link: '/nhiem-vu/list-2',
      readAt: null,
    });
    expect((await mine(cast['sxd-officer'], '?limit=1')).items).toHaveLength(1);
    expect((await mine(cast.viewer)).items).toEqual([]);
    const anonymous = await as(ctx.app, null, { method: 'GET', url: '/api/notifications' });
    expect(anonymous.statusCode).toBe(401);
  });

  it('marks my notification read (audited); another user’s is 404', async () => {
    const { db } = ctx.database;
    const officer = cast['sxd-officer'];
    const [first] = (await mine(officer, '?unread=true')).items;
    if (!first) throw new Error('no notification');

    const foreign = await post(cast['sxd-head'], `/api/notifications/${first.id}/read`);
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().error.code).toBe('not_found');
    const admin = await post(cast.admin, `/api/notifications/${first.id}/read`);
    expect(admin.statusCode).toBe(404);
    expect((await mine(officer)).unreadCount).toBe(2);

    const res = await post(officer, `/api/notifications/${first.id}/read`);
    expect(res.statusCode, res.body).toBe(200);
    const read = res.json<Notification>();
    expect(read.id).toBe(first.id);
    expect(read.readAt).not.toBeNull();
    // Again: stays read, at the same time.
    const again = await post(officer, `/api/notifications/${first.id}/read`);
    expect(again.json<Notification>().readAt).toBe(read.readAt);

    const after = await mine(officer);
    expect(after.unreadCount).toBe(1);
    expect((await mine(officer, '?unread=true')).items.map((n) => n.id)).not.toContain(first.id);
    expect((await mine(officer, '?unread=false')).items.map((n) => n.id)).toContain(first.id);

    const audits = await db
      .select()
      .from(auditRecords)
      .where(and(eq(auditRecords.entity, 'notification'), eq(auditRecords.entityId, first.id)));
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actor: `user:${officer.userId}`, action: 'read' });

    expect((await post(officer, '/api/notifications/not-a-uuid/read')).statusCode).toBe(400);
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect((await post(officer, `/api/notifications/${unknown}/read`)).statusCode).toBe(404);
    expect((await post(null, `/api/notifications/${first.id}/read`)).statusCode).toBe(401);
  });

  it('marks all my notifications read, and no one else’s', async () => {
    const officer = cast['sxd-officer'];
    const headBefore = (await mine(cast['sxd-head'])).unreadCount;
    expect(headBefore).toBeGreaterThan(0);

    const res = await post(officer, '/api/notifications/read-all');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ updated: 1 });
    expect((await mine(officer)).unreadCount).toBe(0);
    expect((await mine(officer)).items.every((n) => n.readAt !== null)).toBe(true);
    expect((await post(officer, '/api/notifications/read-all')).json()).toEqual({ updated: 0 });
    expect((await mine(cast['sxd-head'])).unreadCount).toBe(headBefore);
    // Without the CSRF header a signed-in user's POST is refused.
    const noCsrf = await ctx.app.inject({
      method: 'POST',
      url: '/api/notifications/read-all',
      headers: { cookie: cast['sxd-head'].cookie },
    });
    expect(noCsrf.statusCode).toBe(403);
    expect((await post(null, '/api/notifications/read-all')).statusCode).toBe(401);
  });

  it('shows the outbox to administrators only', async () => {
    const res = await outbox(cast.admin, '?status=pending');
    expect(res.statusCode, res.body).toBe(200);
    const list = res.json<OutboxList>();
    expect(list.smtpConfigured).toBe(false);
    expect(list.total).toBeGreaterThanOrEqual(2);
    const dup = list.items.find((m) => m.toAddress === 'stc-head@test.invalid');
    expect(dup).toMatchObject({
      status: 'pending',
      subject: '[Tiến Độ] Sự kiện dup',
      sentAt: null,
      attempts: 0,
      lastError: null,
    });
    expect((await outbox(cast.admin, '?status=sent')).json<OutboxList>().total).toBe(0);
    const paged = (await outbox(cast.admin, '?limit=1&offset=1')).json<OutboxList>();
    expect(paged.items).toHaveLength(1);
    expect(paged.total).toBe(list.total);

    for (const name of ['consolidator', 'stc-officer', 'viewer', 'leader'] as const) {
      expect((await outbox(cast[name])).statusCode, name).toBe(404);
    }
    expect((await outbox(null)).statusCode).toBe(401);
    expect((await outbox(cast.admin, '?status=lost')).statusCode).toBe(400);

    const withSmtp = await buildApp({
      db: ctx.database.db,
      tenantId: ctx.database.tenantId,
      smtpConfigured: true,
    });
    try {
      const configured = await as(withSmtp, cast.admin, { method: 'GET', url: '/api/outbox' });
      expect(configured.json<OutboxList>().smtpConfigured).toBe(true);
    } finally {
      await withSmtp.close();
    }
  });

  describe('delivery', () => {
    const options = { from: 'Tiến Độ <no-reply@test.invalid>', publicUrl: 'https://td.example' };

    it('sends each mail once, retries failures, and gives up after five attempts', async () => {
      const { db, tenantId } = ctx.database;
      await createTestUser(db, tenantId, 'bounce', 'agency_officer', 'SXD', 'bounce@test.invalid');
      const recipients = await Promise.all(
        ['stc-head', 'sxd-head', 'bounce'].map(
          async (u) =>
            (
              await db.query.users.findFirst({
                where: (t, { eq: equal }) => equal(t.username, u),
              })
            )?.id as string,
        ),
      );
      await notify(db, event('deliver-1', 'Giao nhiệm vụ'), recipients);
      const fake = fakeTransport((to) => to === 'bounce@test.invalid');

      const first = await deliverOnce(db, fake.transport, options);
      // Everything pending goes: the earlier tests' mail and this event's three.
      const pendingBefore = fake.tried.length;
      expect(first).toEqual({ sent: pendingBefore - 1, failed: 1 });
      const ours = fake.sent.filter((m) => m.subject === '[Tiến Độ] Giao nhiệm vụ');
      expect(ours.map((m) => m.to).sort()).toEqual([
        'stc-head@test.invalid',
        'sxd-head@test.invalid',
      ]);
      expect(ours[0]).toMatchObject({
        from: options.from,
        text: 'Sở Tài chính được giao chủ trì nhiệm vụ.\nXem: https://td.example/nhiem-vu/deliver-1',
      });
      const byAddress = async () =>
        Object.fromEntries(
          (await db.select().from(mailOutbox).where(eq(mailOutbox.eventKey, 'deliver-1'))).map(
            (m) => [m.toAddress, m],
          ),
        );
      let rows = await byAddress();
      expect(rows['stc-head@test.invalid']).toMatchObject({ attempts: 1, lastError: null });
      expect(rows['stc-head@test.invalid']?.sentAt).toBeInstanceOf(Date);
      expect(rows['bounce@test.invalid']).toMatchObject({ sentAt: null, attempts: 1 });
      expect(rows['bounce@test.invalid']?.lastError).toMatch(/550 mailbox unavailable/);

      // A second run sends nothing twice: only the failed mail is tried again.
      const second = await deliverOnce(db, fake.transport, options);
      expect(second).toEqual({ sent: 0, failed: 1 });
      expect(fake.tried.slice(pendingBefore)).toEqual(['bounce@test.invalid']);
      expect(fake.sent).toHaveLength(pendingBefore - 1);

      for (let i = 0; i < 5; i++) await deliverOnce(db, fake.transport, options);
      rows = await byAddress();
      expect(rows['bounce@test.invalid']).toMatchObject({ sentAt: null, attempts: 5 });
      expect(fake.tried.filter((t) => t === 'bounce@test.invalid')).toHaveLength(5);

      // The administrator sees the outcome; every delivery is audited.
      const failed = (await outbox(cast.admin, '?status=failed')).json<OutboxList>();
      expect(failed.items.map((m) => [m.toAddress, m.status, m.attempts])).toEqual([
        ['bounce@test.invalid', 'failed', 5],
      ]);
      const sent = (await outbox(cast.admin, '?status=sent')).json<OutboxList>();
      expect(sent.total).toBe(pendingBefore - 1);
      expect(sent.items.every((m) => m.status === 'sent' && m.sentAt !== null)).toBe(true);
      const mailIds = Object.values(rows).map((m) => m.id);
      const audits = await db
        .select({ action: auditRecords.action, actor: auditRecords.actor })
        .from(auditRecords)
        .where(and(eq(auditRecords.entity, 'mail'), inArray(auditRecords.entityId, mailIds)));
      expect(audits.map((a) => a.action).sort()).toEqual([
        'send_abandoned',
        'send_failed',
        'send_failed',
        'send_failed',
        'send_failed',
        'sent',
        'sent',
      ]);
      expect(new Set(audits.map((a) => a.actor))).toEqual(new Set(['system']));
    });

    it('never sends a mail twice when two deliverers run at once', async () => {
      const { db } = ctx.database;
      await notify(db, event('deliver-2', 'Đồng thời'), [
        cast.consolidator.userId,
        cast.leader.userId,
        cast.viewer.userId,
      ]);
      const a = fakeTransport();
      const b = fakeTransport();
      await Promise.all([
        deliverOnce(db, a.transport, options),
        deliverOnce(db, b.transport, options),
      ]);
      const all = [...a.sent, ...b.sent].filter((m) => m.subject === '[Tiến Độ] Đồng thời');
      expect(all.map((m) => m.to).sort()).toEqual([
        'consolidator@test.invalid',
        'leader@test.invalid',
        'viewer@test.invalid',
      ]);
    });

    it('runs on a timer only with an SMTP URL, and stops', async () => {
      const { db } = ctx.database;
      await notify(db, event('deliver-3', 'Hẹn giờ'), [cast['stc-officer'].userId]);
      const idle = fakeTransport();
      const stopIdle = startMailDelivery(db, {
        ...options,
        smtpUrl: undefined,
        transport: idle.transport,
      });
      await new Promise((r) => setTimeout(r, 50));
      await stopIdle();
      expect(idle.tried).toEqual([]);

      const live = fakeTransport();
      const stop = startMailDelivery(db, {
        ...options,
        smtpUrl: 'smtp://localhost:2525',
        intervalMs: 60_000,
        transport: live.transport,
      });
      for (let i = 0; i < 100 && live.sent.length === 0; i++) {
        await new Promise((r) => setTimeout(r, 20));
      }
      await stop();
      expect(live.sent.map((m) => m.to)).toEqual(['stc-officer@test.invalid']);
      const [row] = await db.select().from(mailOutbox).where(eq(mailOutbox.eventKey, 'deliver-3'));
      expect(row?.sentAt).toBeInstanceOf(Date);
    });
  });

  it('is in the API description', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(Object.keys(res.json().paths)).toEqual(
      expect.arrayContaining([
        '/api/notifications',
        '/api/notifications/{id}/read',
        '/api/notifications/read-all',
        '/api/outbox',
      ]),
    );
  });
});
