// Feedback: one transaction per submission (the sender's hourly count under an advisory lock on
// their key, the item checked public, the row inserted: all or nothing), the moderation queue as
// an indexed page (feedback_queue_idx), and each moderation locked, checked pending and audited.
import { and, asc, count, desc, eq, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.js';
import { feedback, legalDocuments, plans, projects, targets, users } from '../../db/schema.js';
import { AppError, NotFoundError, RetryLaterError } from '../../server/errors.js';
import { type Actor, recordAudit } from '../audit/service.js';
import { PUBLIC_ROWS } from '../public-view/rule.js';
import type { FeedbackCreate, FeedbackStatus } from './schema.js';

/** Whether the target or project is public: in a confirmed plan of the tenant. */
async function publicItem(db: Db, tenantId: string, item: FeedbackCreate['item']) {
  const table = item.kind === 'target' ? targets : projects;
  const [row] = await db
    .select({ id: table.id })
    .from(table)
    .innerJoin(plans, eq(plans.id, table.planId))
    .where(and(eq(table.tenantId, tenantId), eq(table.id, item.id), PUBLIC_ROWS.plan()))
    .for('key share', { of: table });
  return row ?? null;
}

export async function createFeedback(
  db: Db,
  tenantId: string,
  input: Omit<FeedbackCreate, 'formToken' | 'website'>,
  key: string,
  perHour: number,
) {
  return db.transaction(async (tx) => {
    // Parallel submissions from one address are counted one after another.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`feedback:${tenantId}:${key}`}))`);
    const [recent] = await tx
      .select({ n: count() })
      .from(feedback)
      .where(
        and(
          eq(feedback.tenantId, tenantId),
          eq(feedback.senderKey, key),
          sql`${feedback.createdAt} > now() - interval '1 hour'`,
        ),
      );
    if ((recent?.n ?? 0) >= perHour)
      throw new RetryLaterError(
        'feedback_rate_limited',
        'Too much feedback from this address',
        3600,
      );
    if (!(await publicItem(tx, tenantId, input.item))) throw new NotFoundError(input.item.kind);
    const [row] = await tx
      .insert(feedback)
      .values({
        tenantId,
        targetId: input.item.kind === 'target' ? input.item.id : null,
        projectId: input.item.kind === 'project' ? input.item.id : null,
        senderName: input.senderName,
        senderOrganisation: input.senderOrganisation,
        senderContact: input.senderContact,
        body: input.body,
        senderKey: key,
      })
      .returning({ id: feedback.id });
    if (!row) throw new Error('insert returned nothing');
    return row;
  });
}

const moderators = alias(users, 'moderators');
const targetPlans = alias(plans, 'target_plans');
const projectPlans = alias(plans, 'project_plans');
const targetDocs = alias(legalDocuments, 'target_docs');
const projectDocs = alias(legalDocuments, 'project_docs');

function moderationRows(db: Db, where: SQL) {
  return db
    .select({
      feedback,
      targetIndicator: targets.indicator,
      projectName: projects.name,
      planId: sql<string>`coalesce(${targetPlans.id}, ${projectPlans.id})`,
      planNumber: sql<
        string | null
      >`coalesce(${targetDocs.numberCanonical}, ${projectDocs.numberCanonical})`,
      planTitle: sql<string | null>`coalesce(${targetDocs.title}, ${projectDocs.title})`,
      moderatorName: moderators.displayName,
    })
    .from(feedback)
    .leftJoin(targets, eq(targets.id, feedback.targetId))
    .leftJoin(targetPlans, eq(targetPlans.id, targets.planId))
    .leftJoin(targetDocs, eq(targetDocs.id, targetPlans.documentId))
    .leftJoin(projects, eq(projects.id, feedback.projectId))
    .leftJoin(projectPlans, eq(projectPlans.id, projects.planId))
    .leftJoin(projectDocs, eq(projectDocs.id, projectPlans.documentId))
    .leftJoin(moderators, eq(moderators.id, feedback.moderatedBy))
    .where(where);
}

export type ModerationRow = Awaited<ReturnType<typeof moderationRows>>[number];

/** A page of the tenant's feedback in a status: the queue oldest first, the decided newest first. */
export async function listFeedback(
  db: Db,
  tenantId: string,
  status: FeedbackStatus,
  page: { limit: number; offset: number },
) {
  const where = and(eq(feedback.tenantId, tenantId), eq(feedback.status, status)) as SQL;
  const order = status === 'pending' ? asc(feedback.createdAt) : desc(feedback.createdAt);
  const [rows, [total]] = await Promise.all([
    moderationRows(db, where)
      .orderBy(order, asc(feedback.id))
      .limit(page.limit)
      .offset(page.offset),
    db.select({ n: count() }).from(feedback).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

export async function findFeedback(db: Db, tenantId: string, id: string) {
  const [row] = await moderationRows(
    db,
    and(eq(feedback.tenantId, tenantId), eq(feedback.id, id)) as SQL,
  );
  return row ?? null;
}

/**
 * Publish (with the answer shown under it) or reject (with an internal note) a pending feedback,
 * in one transaction with its audit record; one already moderated is 409 `already_moderated`.
 */
export async function moderateFeedback(
  db: Db,
  actor: Actor & { tenantId: string },
  userId: string,
  id: string,
  decision: { publish: true; answer: string } | { publish: false; note: string },
) {
  await db.transaction(async (tx) => {
    const [before] = await tx
      .select({ id: feedback.id, status: feedback.status })
      .from(feedback)
      .where(and(eq(feedback.tenantId, actor.tenantId), eq(feedback.id, id)))
      .for('update');
    if (!before) throw new NotFoundError('feedback');
    if (before.status !== 'pending')
      throw new AppError(409, 'already_moderated', 'feedback already moderated', [], {
        status: before.status,
      });
    const change = decision.publish
      ? { status: 'published', answer: decision.answer }
      : { status: 'rejected', moderationNote: decision.note };
    await tx
      .update(feedback)
      .set({ ...change, moderatedBy: userId, moderatedAt: new Date() })
      .where(eq(feedback.id, id));
    await recordAudit(tx, actor, [
      {
        entity: 'feedback',
        entityId: id,
        action: decision.publish ? 'publish' : 'reject',
        before: { status: before.status },
        after: change,
      },
    ]);
  });
}
