// Notifications: one row per user and event in the app, and one e-mail per address and event in
// the outbox. The event key (e.g. "extension:<id>:decided") and unique indexes make sending the
// same event twice a no-op, whatever retries or double clicks happen.
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { mailOutbox, notifications, users } from '../../db/schema.js';

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
