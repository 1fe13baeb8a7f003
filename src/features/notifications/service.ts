// Notifications: one row per user and event in the app, and one e-mail per address and event in
// the outbox. The event key (e.g. "extension:<id>:decided") and unique indexes make sending the
// same event twice a no-op, whatever retries or double clicks happen.
import {
  and,
  asc,
  count,
  desc,
  eq,
  gte,
  inArray,
  isNotNull,
  isNull,
  lt,
  type SQL,
  sql,
} from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { mailOutbox, notifications, users } from '../../db/schema.js';
import { type Actor, recordAudit } from '../audit/service.js';
import { MAX_MAIL_ATTEMPTS, type OutboxStatus } from './schema.js';

export type NotificationEvent = {
  tenantId: string;
  /** Identifies the event; the same key never notifies the same person twice. */
  eventKey: string;
  kind: string;
  title: string;
  body?: string | undefined;
  /** Path in the app ("/nhiem-vu/…"). */
  link?: string | undefined;
};

/** Users of some agencies (optionally only some roles), enabled. */
export async function usersOfAgencies(
  db: Db,
  tenantId: string,
  agencyIds: readonly string[],
  roles?: readonly string[],
): Promise<string[]> {
  if (agencyIds.length === 0) return [];
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(
      and(
        eq(users.tenantId, tenantId),
        inArray(users.agencyId, [...agencyIds]),
        isNull(users.disabledAt),
        ...(roles ? [inArray(users.role, [...roles])] : []),
      ),
    );
  return rows.map((r) => r.id);
}

export async function usersWithRole(db: Db, tenantId: string, roles: readonly string[]) {
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(
      and(eq(users.tenantId, tenantId), inArray(users.role, [...roles]), isNull(users.disabledAt)),
    );
  return rows.map((r) => r.id);
}

/**
 * Notifies users in the app and queues one e-mail each (for those with an address). Call inside
 * the transaction of the change, so a notification exists exactly when the change does.
 */
export async function notify(
  db: Db,
  event: NotificationEvent,
  userIds: readonly string[],
  options: { except?: string | undefined } = {},
): Promise<number> {
  const targets = [...new Set(userIds)].filter((id) => id !== options.except);
  if (targets.length === 0) return 0;
  const inserted = await db
    .insert(notifications)
    .values(
      targets.map((userId) => ({
        tenantId: event.tenantId,
        userId,
        eventKey: event.eventKey,
        kind: event.kind,
        title: event.title,
        body: event.body ?? null,
        link: event.link ?? null,
      })),
    )
    .onConflictDoNothing()
    .returning({ userId: notifications.userId });
  const fresh = inserted.map((r) => r.userId);
  if (fresh.length === 0) return 0;
  const recipients = await db
    .select({ email: users.email })
    .from(users)
    .where(inArray(users.id, fresh));
  const mails = recipients.flatMap((r) => (r.email ? [r.email] : []));
  if (mails.length > 0) {
    await db
      .insert(mailOutbox)
      .values(
        mails.map((toAddress) => ({
          tenantId: event.tenantId,
          eventKey: event.eventKey,
          toAddress,
          subject: `[Tiến Độ] ${event.title}`,
          body: [event.body ?? '', event.link ? `\nXem: ${event.link}` : ''].join('').trim(),
        })),
      )
      .onConflictDoNothing();
  }
  return fresh.length;
}

// ---------------------------------------------------------------------------------------------
// A user's own notifications.

export type NotificationRow = typeof notifications.$inferSelect;

export async function listNotifications(
  db: Db,
  tenantId: string,
  userId: string,
  options: { unreadOnly: boolean; limit: number },
): Promise<NotificationRow[]> {
  return db
    .select()
    .from(notifications)
    .where(
      and(
        eq(notifications.tenantId, tenantId),
        eq(notifications.userId, userId),
        ...(options.unreadOnly ? [isNull(notifications.readAt)] : []),
      ),
    )
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(options.limit);
}

export async function countUnreadNotifications(
  db: Db,
  tenantId: string,
  userId: string,
): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(notifications)
    .where(
      and(
        eq(notifications.tenantId, tenantId),
        eq(notifications.userId, userId),
        isNull(notifications.readAt),
      ),
    );
  return row?.n ?? 0;
}

export async function findNotification(
  db: Db,
  tenantId: string,
  id: string,
): Promise<NotificationRow | undefined> {
  const [row] = await db
    .select()
    .from(notifications)
    .where(and(eq(notifications.tenantId, tenantId), eq(notifications.id, id)));
  return row;
}

/** Marks one of the user's notifications read (audited); already read stays as it was. */
export async function markNotificationRead(
  db: Db,
  actor: Actor,
  tenantId: string,
  userId: string,
  id: string,
): Promise<NotificationRow | undefined> {
  return db.transaction(async (tx) => {
    const [updated] = await tx
      .update(notifications)
      .set({ readAt: sql`now()` })
      .where(
        and(
          eq(notifications.tenantId, tenantId),
          eq(notifications.userId, userId),
          eq(notifications.id, id),
          isNull(notifications.readAt),
        ),
      )
      .returning();
    if (!updated) {
      const [current] = await tx
        .select()
        .from(notifications)
        .where(
          and(
            eq(notifications.tenantId, tenantId),
            eq(notifications.userId, userId),
            eq(notifications.id, id),
          ),
        );
      return current;
    }
    await recordAudit(tx, actor, [
      {
        entity: 'notification',
        entityId: updated.id,
        action: 'read',
        before: { readAt: null },
        after: { readAt: updated.readAt?.toISOString() ?? null },
      },
    ]);
    return updated;
  });
}

/** Marks every unread notification of the user read (each audited); returns how many. */
export async function markAllNotificationsRead(
  db: Db,
  actor: Actor,
  tenantId: string,
  userId: string,
): Promise<number> {
  return db.transaction(async (tx) => {
    const updated = await tx
      .update(notifications)
      .set({ readAt: sql`now()` })
      .where(
        and(
          eq(notifications.tenantId, tenantId),
          eq(notifications.userId, userId),
          isNull(notifications.readAt),
        ),
      )
      .returning({ id: notifications.id, readAt: notifications.readAt });
    await recordAudit(
      tx,
      actor,
      updated.map((n) => ({
        entity: 'notification',
        entityId: n.id,
        action: 'read',
        before: { readAt: null },
        after: { readAt: n.readAt?.toISOString() ?? null },
      })),
    );
    return updated.length;
  });
}

// ---------------------------------------------------------------------------------------------
// The mail outbox: read by administrators, emptied by the delivery loop (mailer.ts).

export type MailRow = typeof mailOutbox.$inferSelect;

function outboxStatusWhere(status: OutboxStatus): SQL[] {
  switch (status) {
    case 'sent':
      return [isNotNull(mailOutbox.sentAt)];
    case 'pending':
      return [isNull(mailOutbox.sentAt), lt(mailOutbox.attempts, MAX_MAIL_ATTEMPTS)];
    case 'failed':
      return [isNull(mailOutbox.sentAt), gte(mailOutbox.attempts, MAX_MAIL_ATTEMPTS)];
    case 'all':
      return [];
  }
}

export async function listOutbox(
  db: Db,
  tenantId: string,
  status: OutboxStatus,
  page: { limit: number; offset: number },
): Promise<{ rows: MailRow[]; total: number }> {
  const where = and(eq(mailOutbox.tenantId, tenantId), ...outboxStatusWhere(status));
  const [rows, totals] = await Promise.all([
    db
      .select()
      .from(mailOutbox)
      .where(where)
      .orderBy(desc(mailOutbox.createdAt), desc(mailOutbox.id))
      .limit(page.limit)
      .offset(page.offset),
    db.select({ n: count() }).from(mailOutbox).where(where),
  ]);
  return { rows, total: totals[0]?.n ?? 0 };
}

/** Mail waiting to be sent (every tenant), oldest first. */
export async function deliverableMailIds(db: Db, limit: number): Promise<string[]> {
  const rows = await db
    .select({ id: mailOutbox.id })
    .from(mailOutbox)
    .where(and(isNull(mailOutbox.sentAt), lt(mailOutbox.attempts, MAX_MAIL_ATTEMPTS)))
    .orderBy(asc(mailOutbox.createdAt), asc(mailOutbox.id))
    .limit(limit);
  return rows.map((r) => r.id);
}

/**
 * Takes one mail for sending: sets sent_at and counts the attempt in one conditional UPDATE, so
 * of two deliverers (or two runs) only one gets the row, and a sent row is never taken again.
 * Returns undefined when the row is already taken, sent or given up.
 */
export async function claimMail(db: Db, id: string): Promise<MailRow | undefined> {
  const [row] = await db
    .update(mailOutbox)
    .set({ sentAt: sql`now()`, attempts: sql`${mailOutbox.attempts} + 1` })
    .where(
      and(
        eq(mailOutbox.id, id),
        isNull(mailOutbox.sentAt),
        lt(mailOutbox.attempts, MAX_MAIL_ATTEMPTS),
      ),
    )
    .returning();
  return row;
}

const deliveryActor = (row: MailRow): Actor => ({ id: 'system', tenantId: row.tenantId });

/** The claimed mail went out: sent_at is the time it did (audited). */
export async function markMailSent(db: Db, row: MailRow): Promise<void> {
  await db.transaction(async (tx) => {
    const [sent] = await tx
      .update(mailOutbox)
      .set({ sentAt: sql`now()`, lastError: null })
      .where(eq(mailOutbox.id, row.id))
      .returning();
    await recordAudit(tx, deliveryActor(row), [
      {
        entity: 'mail',
        entityId: row.id,
        action: 'sent',
        before: { sentAt: null, attempts: row.attempts - 1 },
        after: {
          toAddress: row.toAddress,
          sentAt: sent?.sentAt?.toISOString() ?? null,
          attempts: row.attempts,
        },
      },
    ]);
  });
}

/** The claimed mail could not be sent: released for a later attempt, with the error (audited). */
export async function markMailFailed(db: Db, row: MailRow, error: string): Promise<void> {
  const lastError = error.slice(0, 2000);
  await db.transaction(async (tx) => {
    await tx.update(mailOutbox).set({ sentAt: null, lastError }).where(eq(mailOutbox.id, row.id));
    await recordAudit(tx, deliveryActor(row), [
      {
        entity: 'mail',
        entityId: row.id,
        action: row.attempts >= MAX_MAIL_ATTEMPTS ? 'send_abandoned' : 'send_failed',
        before: { sentAt: null, attempts: row.attempts - 1 },
        after: { toAddress: row.toAddress, attempts: row.attempts, lastError },
      },
    ]);
  });
}
