// The reorganisation applied to live tasks (DOMAIN.md §7). A running plan still names the agencies
// of 2024; an administrator applies each succession once, with its effective date:
// - a merge hands every current assignment of the predecessor to the successor (history kept: the
//   old row ends, a new one starts, reason 'succession');
// - a split or an abolition puts each such assignment in the review queue, where a person chooses
//   among the successors; the old agency stays responsible until then;
// - a district committee's abolition also queues the tasks the plan gave to the district level as
//   a group ("UBND cấp huyện"), once, whichever district is applied first.
// Every change runs in one transaction with its audit records and notifications.
import { and, asc, countDistinct, eq, ilike, inArray, isNull, notExists, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import {
  agencies,
  agencySuccessions,
  agencySuccessors,
  legalDocuments,
  plans,
  reassignmentReviews,
  successionApplications,
  taskAssignments,
  tasks,
  users,
} from '../../db/schema.js';
import { formatDateVi } from '../../domain/official-document/format.js';
import { foldForSearch } from '../../domain/vietnamese-text.js';
import { AppError, InvalidInputError, NotFoundError } from '../../server/errors.js';
import { type AgencyRow, agenciesByIds } from '../agencies/service.js';
import { type Actor, type AuditEntry, recordAudit } from '../audit/service.js';
import { notify, usersOfAgencies, usersWithRole } from '../notifications/service.js';
import { withdrawPendingReports } from '../tasks/assignments.js';
import {
  type CreateSuccessionBody,
  REORGANISATION_PATH,
  type ResolveReviewBody,
} from './schema.js';

type Tx = Db;
type AssignmentRow = typeof taskAssignments.$inferSelect;
type Role = 'lead' | 'coordinator';
export type ReorganisationActor = Actor & { tenantId: string };

// ---------------------------------------------------------------------------------------------
// The tenant's successions and the agencies they name.

export type SuccessionRow = {
  id: string;
  predecessorId: string;
  kind: 'merge' | 'split' | 'abolish';
  effectiveOn: string;
  note: string | null;
  /** In position order. */
  successorIds: string[];
};

export type ReorganisationContext = {
  successions: SuccessionRow[];
  byId: Map<string, SuccessionRow>;
  agencies: Map<string, AgencyRow>;
  /** Abolitions of district committees: their groups ("UBND cấp huyện") are reviewed together. */
  districtSuccessionIds: Set<string>;
};

export async function loadReorganisation(db: Db, tenantId: string): Promise<ReorganisationContext> {
  const rows = await db
    .select({
      id: agencySuccessions.id,
      predecessorId: agencySuccessions.predecessorId,
      kind: agencySuccessions.kind,
      effectiveOn: agencySuccessions.effectiveOn,
      note: agencySuccessions.note,
      successorId: agencySuccessors.successorId,
    })
    .from(agencySuccessions)
    .leftJoin(agencySuccessors, eq(agencySuccessors.successionId, agencySuccessions.id))
    .where(eq(agencySuccessions.tenantId, tenantId))
    .orderBy(asc(agencySuccessions.id), asc(agencySuccessors.position));
  const byId = new Map<string, SuccessionRow>();
  for (const r of rows) {
    let s = byId.get(r.id);
    if (!s) {
      s = {
        id: r.id,
        predecessorId: r.predecessorId,
        kind: r.kind as SuccessionRow['kind'],
        effectiveOn: r.effectiveOn,
        note: r.note,
        successorIds: [],
      };
      byId.set(r.id, s);
    }
    if (r.successorId) s.successorIds.push(r.successorId);
  }
  const successions = [...byId.values()];
  const agencies = await agenciesByIds(
    db,
    tenantId,
    successions.flatMap((s) => [s.predecessorId, ...s.successorIds]),
  );
  const districtSuccessionIds = new Set(
    successions
      .filter((s) => s.kind === 'abolish' && agencies.get(s.predecessorId)?.kind === 'district')
      .map((s) => s.id),
  );
  return { successions, byId, agencies, districtSuccessionIds };
}

const byName = (agencies: Map<string, AgencyRow>) => (a: string, b: string) =>
  (agencies.get(a)?.name ?? a).localeCompare(agencies.get(b)?.name ?? b, 'vi');

/**
 * The agencies a person may choose for a review: the succession's successors in position order;
 * for a district-level group, the successors of every district abolition, by name.
 */
export function candidateIds(
  ctx: ReorganisationContext,
  successionId: string,
  formerAgencyId: string | null,
): string[] {
  const succession = ctx.byId.get(successionId);
  if (!succession) return [];
  if (formerAgencyId === null && ctx.districtSuccessionIds.has(successionId)) {
    const all = new Set<string>();
    for (const id of ctx.districtSuccessionIds)
      for (const a of ctx.byId.get(id)?.successorIds ?? []) all.add(a);
    return [...all].sort(byName(ctx.agencies));
  }
  return [...succession.successorIds];
}

// ---------------------------------------------------------------------------------------------
// Tasks the plan gave to the district level as a group.

const DISTRICT_LEVEL =
  /(^|[^a-z])(ubnd|uy ban nhan dan) (cap huyen|cac huyen|huyen, thanh pho|huyen, thi xa)/;

/** "UBND cấp huyện", "UBND các huyện, thành phố", "Chủ tịch UBND các huyện, thành phố", … */
export function namesDistrictLevel(asWritten: string): boolean {
  return DISTRICT_LEVEL.test(foldForSearch(asWritten));
}

/** Unfinished tasks with no current lead whose lead, as written, is the district level. */
async function districtGroupTasks(db: Db, tenantId: string, onlyTaskIds?: readonly string[]) {
  if (onlyTaskIds?.length === 0) return [];
  const rows = await db
    .select({ id: tasks.id, leadAsWritten: tasks.leadAsWritten })
    .from(tasks)
    .where(
      and(
        eq(tasks.tenantId, tenantId),
        ...(onlyTaskIds ? [inArray(tasks.id, [...onlyTaskIds])] : []),
        isNull(tasks.completedOn),
        // "huyện" and "HUYỆN" both hold these letters: a cheap filter before the exact rule.
        ilike(tasks.leadAsWritten, '%huy%'),
        notExists(
          db
            .select({ one: sql`1` })
            .from(taskAssignments)
            .where(
              and(
                eq(taskAssignments.taskId, tasks.id),
                eq(taskAssignments.role, 'lead'),
                isNull(taskAssignments.endedOn),
              ),
            ),
        ),
      ),
    );
  return rows.flatMap((r) =>
    r.leadAsWritten && namesDistrictLevel(r.leadAsWritten)
      ? [{ id: r.id, leadAsWritten: r.leadAsWritten }]
      : [],
  );
}

// ---------------------------------------------------------------------------------------------
// Reading.

export async function listSuccessions(db: Db, tenantId: string) {
  const ctx = await loadReorganisation(db, tenantId);
  const predecessorIds = ctx.successions.map((s) => s.predecessorId);
  const [applications, held, groups] = await Promise.all([
    db
      .select({
        successionId: successionApplications.successionId,
        appliedBy: successionApplications.appliedBy,
        appliedAt: successionApplications.appliedAt,
        movedTasks: successionApplications.movedTasks,
        queuedTasks: successionApplications.queuedTasks,
        displayName: users.displayName,
      })
      .from(successionApplications)
      .leftJoin(
        users,
        // Actors are "user:<id>" for people; others ("cli:…", "system") keep their actor string.
        and(
          eq(users.tenantId, tenantId),
          sql`${successionApplications.appliedBy} = 'user:' || ${users.id}::text`,
        ),
      )
      .where(eq(successionApplications.tenantId, tenantId)),
    predecessorIds.length === 0
      ? Promise.resolve([])
      : db
          .select({ agencyId: taskAssignments.agencyId, n: countDistinct(taskAssignments.taskId) })
          .from(taskAssignments)
          .innerJoin(tasks, eq(tasks.id, taskAssignments.taskId))
          .where(
            and(
              eq(taskAssignments.tenantId, tenantId),
              inArray(taskAssignments.agencyId, predecessorIds),
              isNull(taskAssignments.endedOn),
              isNull(tasks.completedOn),
            ),
          )
          .groupBy(taskAssignments.agencyId),
    ctx.districtSuccessionIds.size > 0 ? districtGroupTasks(db, tenantId) : Promise.resolve([]),
  ]);
  const heldBy = new Map(held.map((h) => [h.agencyId, Number(h.n)]));
  const openTasks = new Map(
    ctx.successions.map((s) => [
      s.id,
      (heldBy.get(s.predecessorId) ?? 0) +
        (ctx.districtSuccessionIds.has(s.id) ? groups.length : 0),
    ]),
  );
  const name = (id: string) => ctx.agencies.get(id)?.name ?? '';
  const ordered = [...ctx.successions].sort(
    (a, b) =>
      a.effectiveOn.localeCompare(b.effectiveOn) ||
      name(a.predecessorId).localeCompare(name(b.predecessorId), 'vi'),
  );
  return {
    ctx,
    successions: ordered,
    applications: new Map(applications.map((a) => [a.successionId, a])),
    openTasks,
  };
}

export type SuccessionListData = Awaited<ReturnType<typeof listSuccessions>>;

export async function listReviews(
  db: Db,
  tenantId: string,
  filter: { status?: 'open' | 'resolved' | 'all'; id?: string },
) {
  const ctx = await loadReorganisation(db, tenantId);
  const rows = await db
    .select({
      review: reassignmentReviews,
      task: { id: tasks.id, code: tasks.code, title: tasks.title, planId: tasks.planId },
      planNumber: legalDocuments.numberCanonical,
      resolvedByName: users.displayName,
    })
    .from(reassignmentReviews)
    .innerJoin(tasks, eq(tasks.id, reassignmentReviews.taskId))
    .innerJoin(plans, eq(plans.id, tasks.planId))
    .innerJoin(legalDocuments, eq(legalDocuments.id, plans.documentId))
    .innerJoin(agencySuccessions, eq(agencySuccessions.id, reassignmentReviews.successionId))
    .leftJoin(
      users,
      and(
        eq(users.tenantId, tenantId),
        sql`${reassignmentReviews.resolvedBy} = 'user:' || ${users.id}::text`,
      ),
    )
    .where(
      and(
        eq(reassignmentReviews.tenantId, tenantId),
        filter.status && filter.status !== 'all'
          ? eq(reassignmentReviews.status, filter.status)
          : undefined,
        filter.id ? eq(reassignmentReviews.id, filter.id) : undefined,
      ),
    )
    .orderBy(
      asc(agencySuccessions.effectiveOn),
      asc(reassignmentReviews.formerAsWritten),
      asc(tasks.planId),
      asc(tasks.position),
      asc(reassignmentReviews.role),
    );
  // Former and chosen agencies are normally among the successions' agencies; fetch any other.
  const missing = rows
    .flatMap((r) => [r.review.formerAgencyId, r.review.chosenAgencyId])
    .filter((id): id is string => id !== null && !ctx.agencies.has(id));
  if (missing.length > 0) {
    for (const [id, a] of await agenciesByIds(db, tenantId, missing)) ctx.agencies.set(id, a);
  }
  return { ctx, rows };
}

export type ReviewListData = Awaited<ReturnType<typeof listReviews>>;

/** Tasks (of those given) with an open reassignment review: "awaiting reassignment". */
export async function openReviewTaskIds(
  db: Db,
  tenantId: string,
  taskIds: readonly string[],
): Promise<Set<string>> {
  if (taskIds.length === 0) return new Set();
  const rows = await db
    .selectDistinct({ taskId: reassignmentReviews.taskId })
    .from(reassignmentReviews)
    .where(
      and(
        eq(reassignmentReviews.tenantId, tenantId),
        eq(reassignmentReviews.status, 'open'),
        inArray(reassignmentReviews.taskId, [...new Set(taskIds)]),
      ),
    );
  return new Set(rows.map((r) => r.taskId));
}

// ---------------------------------------------------------------------------------------------
// Changing who is responsible.

const later = (a: string, b: string) => (a > b ? a : b);

/**
 * Hands a task's role to an agency from a date: the former holder's row ends (never before it
 * started), a new row starts the day the old one ended. One lead at a time, and a lead is not also
 * a coordinator of the same task.
 */
async function handOver(
  tx: Tx,
  actor: ReorganisationActor,
  input: {
    taskId: string;
    role: Role;
    /** The former agency's assignment, when there is one. */
    from: AssignmentRow | null;
    to: string;
    on: string;
    reason: 'succession' | 'review';
    note: string;
  },
): Promise<AuditEntry[]> {
  const current = await tx
    .select()
    .from(taskAssignments)
    .where(and(eq(taskAssignments.taskId, input.taskId), isNull(taskAssignments.endedOn)));
  const holds = (role: Role) => current.some((c) => c.agencyId === input.to && c.role === role);
  const ending: AssignmentRow[] = [];
  let starting = false;
  if (input.role === 'lead') {
    // Whoever leads now hands over: the former agency, or one assigned while the review waited.
    ending.push(...current.filter((c) => c.role === 'lead' && c.agencyId !== input.to));
    if (!holds('lead')) {
      starting = true;
      ending.push(...current.filter((c) => c.role === 'coordinator' && c.agencyId === input.to));
    }
  } else {
    const former = input.from ? current.find((c) => c.id === input.from?.id) : undefined;
    if (former) ending.push(former);
    starting = !holds('lead') && !holds('coordinator');
  }

  const audit: AuditEntry[] = [];
  let startOn = input.on;
  for (const row of ending) {
    const endedOn = later(input.on, row.startedOn);
    if (row.role === input.role) startOn = later(startOn, endedOn);
    const [after] = await tx
      .update(taskAssignments)
      .set({ endedOn })
      .where(eq(taskAssignments.id, row.id))
      .returning();
    audit.push({ entity: 'task_assignment', entityId: row.id, action: 'end', before: row, after });
  }
  // Reports the former agency left waiting for its head are withdrawn (tasks/assignments.ts).
  audit.push(...(await withdrawPendingReports(tx, actor.tenantId, ending)));
  if (starting) {
    const [row] = await tx
      .insert(taskAssignments)
      .values({
        tenantId: actor.tenantId,
        taskId: input.taskId,
        agencyId: input.to,
        role: input.role,
        startedOn: startOn,
        reason: input.reason,
        note: input.note,
        createdBy: actor.id,
      })
      .returning();
    if (row)
      audit.push({ entity: 'task_assignment', entityId: row.id, action: 'create', after: row });
  }
  return audit;
}

/** +1 on each task's version (a change to its responsibility), audited. */
async function bumpVersions(
  tx: Tx,
  tenantId: string,
  taskIds: readonly string[],
): Promise<AuditEntry[]> {
  if (taskIds.length === 0) return [];
  const rows = await tx
    .update(tasks)
    .set({ version: sql`${tasks.version} + 1` })
    .where(and(eq(tasks.tenantId, tenantId), inArray(tasks.id, [...new Set(taskIds)])))
    .returning({ id: tasks.id, version: tasks.version });
  return rows.map((r) => ({
    entity: 'task',
    entityId: r.id,
    action: 'update',
    before: { version: r.version - 1 },
    after: { version: r.version },
  }));
}

const KIND_WORD = { merge: 'Hợp nhất', split: 'Chia tách', abolish: 'Giải thể' } as const;

/** Applies a succession to the tenant's unfinished tasks, once. */
export async function applySuccession(
  db: Db,
  actor: ReorganisationActor,
  successionId: string,
  options: { userId?: string | undefined } = {},
): Promise<{ movedTasks: number; queuedTasks: number }> {
  const tenantId = actor.tenantId;
  return db.transaction(async (tx) => {
    const ctx = await loadReorganisation(tx, tenantId);
    const succession = ctx.byId.get(successionId);
    if (!succession) throw new NotFoundError('succession');
    // Claim the application first: a concurrent second one waits here, then finds it taken.
    const [claimed] = await tx
      .insert(successionApplications)
      .values({ successionId, tenantId, appliedBy: actor.id, movedTasks: 0, queuedTasks: 0 })
      .onConflictDoNothing()
      .returning();
    if (!claimed) {
      throw new AppError(409, 'already_applied', 'This succession has already been applied');
    }
    const { counts, audit } = await carryOut(tx, actor, ctx, succession, undefined, options.userId);
    const [application] = await tx
      .update(successionApplications)
      .set(counts)
      .where(eq(successionApplications.successionId, successionId))
      .returning();
    audit.push({
      entity: 'succession_application',
      entityId: successionId,
      action: 'apply',
      after: application,
    });
    await recordAudit(tx, actor, audit);
    return counts;
  });
}

/**
 * A plan loaded after a succession was applied names the former agency too: the successions
 * already applied are carried out on its tasks at once (inside the loading transaction), so no
 * task is left with an agency that no longer exists.
 */
export async function applyAppliedSuccessions(
  tx: Db,
  actor: ReorganisationActor,
  taskIds: readonly string[],
) {
  if (taskIds.length === 0) return;
  const applied = await tx
    .select({ id: successionApplications.successionId })
    .from(successionApplications)
    .where(eq(successionApplications.tenantId, actor.tenantId));
  if (applied.length === 0) return;
  const ctx = await loadReorganisation(tx, actor.tenantId);
  const audit: AuditEntry[] = [];
  // In effective-date order: a later succession sees what an earlier one moved.
  const successions = applied
    .flatMap((a) => {
      const s = ctx.byId.get(a.id);
      return s ? [s] : [];
    })
    .sort((a, b) => a.effectiveOn.localeCompare(b.effectiveOn));
  for (const succession of successions) {
    audit.push(...(await carryOut(tx, actor, ctx, succession, taskIds)).audit);
  }
  await recordAudit(tx, actor, audit);
}

/** Moves (merge) or queues (split, abolition) the current assignments of the predecessor. */
async function carryOut(
  tx: Db,
  actor: ReorganisationActor,
  ctx: ReorganisationContext,
  succession: SuccessionRow,
  onlyTaskIds: readonly string[] | undefined,
  exceptUserId?: string,
) {
  const tenantId = actor.tenantId;
  const successionId = succession.id;
  const predecessor = ctx.agencies.get(succession.predecessorId);
  const predecessorName = predecessor?.name ?? '';

  const held = (
    await tx
      .select({ assignment: taskAssignments })
      .from(taskAssignments)
      .innerJoin(tasks, eq(tasks.id, taskAssignments.taskId))
      .where(
        and(
          eq(taskAssignments.tenantId, tenantId),
          eq(taskAssignments.agencyId, succession.predecessorId),
          isNull(taskAssignments.endedOn),
          isNull(tasks.completedOn),
          ...(onlyTaskIds ? [inArray(tasks.id, [...onlyTaskIds])] : []),
        ),
      )
      .orderBy(asc(tasks.planId), asc(tasks.position), asc(taskAssignments.role))
      .for('update')
  ).map((r) => r.assignment);

  const audit: AuditEntry[] = [];
  const moved = new Set<string>();
  const queued = new Set<string>();
  const successorId = succession.successorIds[0];
  if (succession.kind === 'merge' && succession.successorIds.length === 1 && successorId) {
    const note = `${KIND_WORD.merge}: ${predecessorName} → ${ctx.agencies.get(successorId)?.name ?? ''}`;
    for (const a of held) {
      audit.push(
        ...(await handOver(tx, actor, {
          taskId: a.taskId,
          role: a.role as Role,
          from: a,
          to: successorId,
          on: succession.effectiveOn,
          reason: 'succession',
          note,
        })),
      );
      moved.add(a.taskId);
    }
    audit.push(...(await bumpVersions(tx, tenantId, [...moved])));
  } else {
    // A split, an abolition (or a merge naming several successors): a person chooses per task.
    const reviews: (typeof reassignmentReviews.$inferInsert)[] = held.map((a) => ({
      tenantId,
      taskId: a.taskId,
      successionId,
      formerAgencyId: a.agencyId,
      formerAsWritten: predecessorName,
      role: a.role,
    }));
    if (ctx.districtSuccessionIds.has(successionId)) {
      const groups = await districtGroupTasks(tx, tenantId, onlyTaskIds);
      const reviewed =
        groups.length === 0
          ? new Set<string>()
          : new Set(
              (
                await tx
                  .select({ taskId: reassignmentReviews.taskId })
                  .from(reassignmentReviews)
                  .where(
                    and(
                      eq(reassignmentReviews.tenantId, tenantId),
                      isNull(reassignmentReviews.formerAgencyId),
                      inArray(reassignmentReviews.successionId, [...ctx.districtSuccessionIds]),
                      inArray(
                        reassignmentReviews.taskId,
                        groups.map((g) => g.id),
                      ),
                    ),
                  )
              ).map((r) => r.taskId),
            );
      for (const g of groups) {
        if (reviewed.has(g.id)) continue;
        reviews.push({
          tenantId,
          taskId: g.id,
          successionId,
          formerAgencyId: null,
          formerAsWritten: g.leadAsWritten,
          role: 'lead',
        });
      }
    }
    if (reviews.length > 0) {
      const inserted = await tx
        .insert(reassignmentReviews)
        .values(reviews)
        .onConflictDoNothing()
        .returning();
      for (const r of inserted) {
        queued.add(r.taskId);
        audit.push({ entity: 'reassignment_review', entityId: r.id, action: 'create', after: r });
      }
    }
  }

  const counts = { movedTasks: moved.size, queuedTasks: queued.size };
  const since = formatDateVi(succession.effectiveOn);
  if (successorId && moved.size > 0) {
    const successorName = ctx.agencies.get(successorId)?.name ?? '';
    await notify(
      tx,
      {
        tenantId,
        eventKey: `succession:${successionId}:moved:${successorId}`,
        kind: 'succession_moved',
        title: `${moved.size} nhiệm vụ chuyển sang ${successorName}`,
        body: `${KIND_WORD.merge} ${predecessorName} vào ${successorName} từ ngày ${since}: ${moved.size} nhiệm vụ đang thực hiện nay do ${successorName} đảm nhận.`,
        link: `/nhiem-vu?agency=${successorId}`,
      },
      await usersOfAgencies(tx, tenantId, [successorId]),
      { except: exceptUserId },
    );
  }
  if (queued.size > 0) {
    await notify(
      tx,
      {
        tenantId,
        eventKey: `succession:${successionId}:queued`,
        kind: 'succession_queued',
        title: `${queued.size} nhiệm vụ chờ chọn cơ quan tiếp nhận`,
        body: `${KIND_WORD[succession.kind]} ${predecessorName} từ ngày ${since}: cần chọn cơ quan tiếp nhận cho ${queued.size} nhiệm vụ.`,
        link: REORGANISATION_PATH,
      },
      await usersWithRole(tx, tenantId, ['consolidator', 'administrator']),
      { except: exceptUserId },
    );
  }
  return { counts, audit };
}

/** A person's choice for a review: the chosen agency takes the role from the effective date. */
export async function resolveReview(
  db: Db,
  actor: ReorganisationActor,
  reviewId: string,
  body: ResolveReviewBody,
  options: { userId?: string | undefined } = {},
): Promise<void> {
  const tenantId = actor.tenantId;
  await db.transaction(async (tx) => {
    const [review] = await tx
      .select()
      .from(reassignmentReviews)
      .where(and(eq(reassignmentReviews.tenantId, tenantId), eq(reassignmentReviews.id, reviewId)))
      .for('update');
    if (!review) throw new NotFoundError('reassignment_review');
    if (review.status !== 'open') {
      throw new AppError(409, 'review_closed', 'This review has already been resolved');
    }
    const ctx = await loadReorganisation(tx, tenantId);
    const succession = ctx.byId.get(review.successionId);
    if (!succession) throw new NotFoundError('reassignment_review');
    if (!candidateIds(ctx, succession.id, review.formerAgencyId).includes(body.agencyId)) {
      throw new InvalidInputError(
        [
          {
            field: 'body.agencyId',
            code: 'not_a_candidate',
            message: 'the agency is not among the successors to choose from',
          },
        ],
        'not_a_candidate',
      );
    }
    const [task] = await tx
      .select({ id: tasks.id, title: tasks.title })
      .from(tasks)
      .where(and(eq(tasks.tenantId, tenantId), eq(tasks.id, review.taskId)))
      .for('update');
    if (!task) throw new NotFoundError('reassignment_review');

    const role = review.role as Role;
    const [from] = review.formerAgencyId
      ? await tx
          .select()
          .from(taskAssignments)
          .where(
            and(
              eq(taskAssignments.taskId, review.taskId),
              eq(taskAssignments.agencyId, review.formerAgencyId),
              eq(taskAssignments.role, role),
              isNull(taskAssignments.endedOn),
            ),
          )
      : [];
    const chosenName = ctx.agencies.get(body.agencyId)?.name ?? '';
    const note =
      body.note ||
      `${KIND_WORD[succession.kind]}: ${review.formerAsWritten} → ${chosenName} (chọn khi rà soát)`;
    const audit = await handOver(tx, actor, {
      taskId: review.taskId,
      role,
      from: from ?? null,
      to: body.agencyId,
      on: succession.effectiveOn,
      reason: 'review',
      note,
    });
    audit.push(...(await bumpVersions(tx, tenantId, [review.taskId])));
    const [after] = await tx
      .update(reassignmentReviews)
      .set({
        status: 'resolved',
        chosenAgencyId: body.agencyId,
        resolvedBy: actor.id,
        resolvedAt: new Date(),
      })
      .where(eq(reassignmentReviews.id, review.id))
      .returning();
    audit.push({
      entity: 'reassignment_review',
      entityId: review.id,
      action: 'resolve',
      before: review,
      after,
    });
    await recordAudit(tx, actor, audit);

    const roleWord = role === 'lead' ? 'chủ trì' : 'phối hợp';
    await notify(
      tx,
      {
        tenantId,
        eventKey: `review:${review.id}:resolved`,
        kind: 'review_resolved',
        title: `Được giao ${roleWord} nhiệm vụ: ${task.title.length > 80 ? `${task.title.slice(0, 79)}…` : task.title}`,
        body: `Sau sắp xếp tổ chức bộ máy, ${chosenName} ${roleWord} nhiệm vụ trước đây giao cho ${review.formerAsWritten} (từ ngày ${formatDateVi(succession.effectiveOn)}).${body.note ? ` Ghi chú: ${body.note}` : ''}`,
        link: `/nhiem-vu/${review.taskId}`,
      },
      await usersOfAgencies(tx, tenantId, [body.agencyId]),
      { except: options.userId },
    );
  });
}

/**
 * Records a succession decided after the registry was loaded: the predecessor ends on the effective
 * date and its successors (or, for an abolition, the candidates) are listed. Applying it to tasks
 * is the separate, explicit step above.
 */
export async function createSuccession(
  db: Db,
  actor: ReorganisationActor,
  input: CreateSuccessionBody,
): Promise<string> {
  return db.transaction((tx) => recordSuccession(tx, actor, input));
}

/**
 * createSuccession inside the caller's transaction (ending an agency with its successors,
 * agencies/service.ts#endAgency): the succession, the predecessor's end and their audit records.
 */
export async function recordSuccession(
  tx: Tx,
  actor: ReorganisationActor,
  input: CreateSuccessionBody,
): Promise<string> {
  const tenantId = actor.tenantId;
  const successorIds = [...new Set(input.successorIds)];
  const issue = (field: string, code: string, message: string) =>
    new InvalidInputError([{ field, code, message }], code);
  if (successorIds.includes(input.predecessorId))
    throw issue('successorIds', 'successor_is_predecessor', 'an agency cannot succeed itself');
  if (input.kind === 'merge' && successorIds.length !== 1)
    throw issue('successorIds', 'merge_needs_one', 'a merge has exactly one successor');
  if (input.kind === 'split' && successorIds.length < 2)
    throw issue('successorIds', 'split_needs_several', 'a split has at least two successors');
  const ids = [input.predecessorId, ...successorIds];
  const found = await tx
    .select()
    .from(agencies)
    .where(and(eq(agencies.tenantId, tenantId), inArray(agencies.id, ids)));
  const predecessor = found.find((a) => a.id === input.predecessorId);
  if (!predecessor) throw issue('predecessorId', 'unknown_agency', 'no such agency');
  const [existing] = await tx
    .select({ id: agencySuccessions.id })
    .from(agencySuccessions)
    .where(eq(agencySuccessions.predecessorId, input.predecessorId));
  if (existing) throw new AppError(409, 'succession_exists', 'the agency already has a succession');
  if (predecessor.inForceTo !== null && predecessor.inForceTo <= input.effectiveOn)
    throw issue('predecessorId', 'agency_ended', 'the agency has already ended by then');
  for (const id of successorIds) {
    const a = found.find((f) => f.id === id);
    if (!a) throw issue('successorIds', 'unknown_agency', id);
    if (a.inForceTo !== null && a.inForceTo <= input.effectiveOn)
      throw issue('successorIds', 'agency_ended', a.name);
  }
  const [row] = await tx
    .insert(agencySuccessions)
    .values({
      tenantId,
      predecessorId: input.predecessorId,
      kind: input.kind,
      effectiveOn: input.effectiveOn,
      note: input.note ?? null,
    })
    .returning();
  if (!row) throw new Error('insert returned nothing');
  const successors = successorIds.length
    ? await tx
        .insert(agencySuccessors)
        .values(
          successorIds.map((successorId, position) => ({
            successionId: row.id,
            successorId,
            position,
          })),
        )
        .returning()
    : [];
  const [ended] = await tx
    .update(agencies)
    .set({ inForceTo: input.effectiveOn })
    .where(eq(agencies.id, predecessor.id))
    .returning();
  await recordAudit(tx, actor, [
    {
      entity: 'agency_succession',
      entityId: row.id,
      action: 'create',
      after: { ...row, successors },
    },
    {
      entity: 'agency',
      entityId: predecessor.id,
      action: 'update',
      before: { inForceTo: predecessor.inForceTo },
      after: { inForceTo: ended?.inForceTo },
    },
  ]);
  return row.id;
}
