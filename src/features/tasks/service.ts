// Live tasks: a task's history (what the task page shows beyond the summary) and the changes the
// policy allows (progress with evidence, reviews, extensions, comments and directions, assignments,
// agency plan items). Every change runs in one transaction, bumps the task's version (a change based
// on an older one is refused with 409) and writes audit records. Reading tasks (pages, counts,
// status computed in SQL) is queries.ts.
import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.js';
import {
  agencies,
  agencyPlanItems,
  evidenceFiles,
  extensionRequests,
  progressUpdates,
  projects,
  projectTasks,
  targets,
  targetTasks,
  taskAssignments,
  taskComments,
  tasks,
  users,
} from '../../db/schema.js';
import { deadlineSchema } from '../../domain/deadline.js';
import { formatDateVi } from '../../domain/official-document/format.js';
import { isRecurring } from '../../domain/reporting-period.js';
import { AppError, NotFoundError, StaleVersionError } from '../../server/errors.js';
import type { UserPrincipal } from '../../server/principal.js';
import { type Actor, type AuditEntry, recordAudit } from '../audit/service.js';
import { notify, usersOfAgencies, usersWithRole } from '../notifications/service.js';
import { refreshRecurringOutcomes } from '../reporting-periods/outcomes.js';
import { withdrawPendingReports } from './assignments.js';
import type { TaskFacts } from './queries.js';

/** A user's name by id, inside a select (several user columns per row); null for a null id. */
const displayNameOf = (column: AnyPgColumn) =>
  sql<string | null>`(select display_name from users u where u.id = ${column})`;

/** Everything the task pages show beyond the summary, for one task or a few (≤ a page) at once. */
/** Whether a report's agency carries its task today in the role it reported in. */
// Written with the table named: Drizzle renders a select field's columns unqualified, and inside
// the subquery an unqualified task_id would be the assignment's own.
const reporterResponsible = sql<boolean>`exists (
  select 1 from task_assignments a
  where a.task_id = progress_updates.task_id and a.agency_id = progress_updates.agency_id
    and a.ended_on is null
    and a.role = case progress_updates.kind when 'progress' then 'lead' else 'coordinator' end
)`;

export async function loadTaskHistory(db: Db, taskIds: readonly string[]) {
  // An impossible id keeps the queries valid when there is nothing to load.
  const ids = taskIds.length > 0 ? [...taskIds] : ['00000000-0000-0000-0000-000000000000'];
  const [assignmentRows, updates, files, extensions, comments, items] = await Promise.all([
    db
      .select({ a: taskAssignments, agencyName: agencies.name })
      .from(taskAssignments)
      .innerJoin(agencies, eq(agencies.id, taskAssignments.agencyId))
      .where(inArray(taskAssignments.taskId, ids))
      .orderBy(asc(taskAssignments.startedOn), asc(taskAssignments.createdAt)),
    db
      .select({
        u: progressUpdates,
        agencyName: agencies.name,
        createdByName: displayNameOf(progressUpdates.createdBy),
        reviewedByName: displayNameOf(progressUpdates.reviewedBy),
        responsible: reporterResponsible,
      })
      .from(progressUpdates)
      .innerJoin(agencies, eq(agencies.id, progressUpdates.agencyId))
      .where(inArray(progressUpdates.taskId, ids))
      .orderBy(desc(progressUpdates.reportedOn), desc(progressUpdates.createdAt)),
    db
      .select()
      .from(evidenceFiles)
      .innerJoin(progressUpdates, eq(progressUpdates.id, evidenceFiles.progressUpdateId))
      .where(inArray(progressUpdates.taskId, ids))
      .orderBy(asc(evidenceFiles.createdAt)),
    db
      .select({
        e: extensionRequests,
        agencyName: agencies.name,
        requestedByName: displayNameOf(extensionRequests.requestedBy),
        decidedByName: displayNameOf(extensionRequests.decidedBy),
      })
      .from(extensionRequests)
      .innerJoin(agencies, eq(agencies.id, extensionRequests.agencyId))
      .where(inArray(extensionRequests.taskId, ids))
      .orderBy(desc(extensionRequests.requestedAt)),
    db
      .select({
        c: taskComments,
        authorName: users.displayName,
        authorAgencyId: users.agencyId,
        authorAgencyName: agencies.name,
      })
      .from(taskComments)
      .innerJoin(users, eq(users.id, taskComments.authorId))
      .leftJoin(agencies, eq(agencies.id, users.agencyId))
      .where(inArray(taskComments.taskId, ids))
      .orderBy(asc(taskComments.createdAt)),
    db
      .select({ i: agencyPlanItems, agencyName: agencies.name })
      .from(agencyPlanItems)
      .innerJoin(agencies, eq(agencies.id, agencyPlanItems.agencyId))
      .where(inArray(agencyPlanItems.parentTaskId, ids))
      .orderBy(asc(agencyPlanItems.agencyId), asc(agencyPlanItems.position)),
  ]);
  return {
    assignments: assignmentRows,
    updates,
    files: files.map((f) => f.evidence_files),
    extensions,
    comments,
    items,
  };
}

export type TaskHistory = Awaited<ReturnType<typeof loadTaskHistory>>;

// ---------------------------------------------------------------------------------------------
// Changes.

type Tx = Db;

/** Locks the task row, checks the version the change is based on, and bumps it. */
async function claimVersion(tx: Tx, tenantId: string, taskId: string, version: number | null) {
  const [row] = await tx
    .select()
    .from(tasks)
    .where(and(eq(tasks.tenantId, tenantId), eq(tasks.id, taskId)))
    .for('update');
  if (!row) throw new NotFoundError('task');
  if (version !== null && row.version !== version) {
    throw new StaleVersionError('task', { version: row.version });
  }
  await tx
    .update(tasks)
    .set({ version: row.version + 1 })
    .where(eq(tasks.id, taskId));
  return row;
}

const taskLink = (taskId: string) => `/nhiem-vu/${taskId}`;

export type NewProgress = {
  version: number;
  reportedOn: string;
  percent?: number | undefined;
  narrative: string;
  files: readonly { fileName: string; contentType: string; size: number; sha256: string }[];
};

export async function addProgress(
  db: Db,
  actor: Actor,
  p: UserPrincipal,
  task: TaskFacts,
  kind: 'progress' | 'contribution',
  input: NewProgress,
  today: string,
) {
  if (input.reportedOn > today) {
    throw new AppError(400, 'reported_in_future', 'reportedOn is after today', [
      { field: 'reportedOn', code: 'reported_in_future', message: 'after today' },
    ]);
  }
  if (kind === 'progress' && input.percent === undefined && !isRecurring(task.deadline)) {
    throw new AppError(400, 'percent_required', 'percent is required for a progress report', [
      { field: 'percent', code: 'percent_required', message: 'required' },
    ]);
  }
  if (kind === 'contribution' && input.percent !== undefined) {
    throw new AppError(400, 'percent_not_allowed', 'a contribution carries no percent', [
      { field: 'percent', code: 'percent_not_allowed', message: 'not allowed' },
    ]);
  }
  const agencyId = p.agencyId as string;
  // A head's own report needs nobody's approval; an officer's waits for the head; contributions
  // are the coordinating agency's word and count as they are.
  const status = kind === 'contribution' || p.role === 'agency_head' ? 'approved' : 'pending';
  return db.transaction(async (tx) => {
    const before = await claimVersion(tx, task.tenantId, task.id, input.version);
    if (before.completedOn) throw new AppError(409, 'task_completed', 'the task is completed');
    const [update] = await tx
      .insert(progressUpdates)
      .values({
        tenantId: task.tenantId,
        taskId: task.id,
        agencyId,
        kind,
        reportedOn: input.reportedOn,
        percent: input.percent ?? null,
        narrative: input.narrative,
        status,
        createdBy: p.userId,
        ...(status === 'approved' ? { reviewedBy: p.userId, reviewedAt: new Date() } : {}),
      })
      .returning();
    if (!update) throw new Error('insert returned nothing');
    const files = input.files.length
      ? await tx
          .insert(evidenceFiles)
          .values(
            input.files.map((f) => ({
              ...f,
              tenantId: task.tenantId,
              progressUpdateId: update.id,
            })),
          )
          .returning()
      : [];
    await recordAudit(tx, actor, [
      { entity: 'progress_update', entityId: update.id, action: 'create', after: update },
      ...files.map((f) => ({
        entity: 'evidence_file',
        entityId: f.id,
        action: 'create',
        after: f,
      })),
      {
        entity: 'task',
        entityId: task.id,
        action: 'update',
        before: { version: before.version },
        after: { version: before.version + 1 },
      },
    ]);
    if (status === 'approved' && kind === 'progress') await applyApproved(tx, actor, update);
    if (status === 'pending') {
      await notify(
        tx,
        {
          tenantId: task.tenantId,
          eventKey: `progress:${update.id}:submitted`,
          kind: 'progress_submitted',
          title: `Báo cáo tiến độ chờ duyệt: ${shorten(task.title)}`,
          body: `${p.displayName} báo cáo ${input.percent ?? '–'}% ngày ${formatDateVi(input.reportedOn)}.`,
          link: taskLink(task.id),
        },
        await usersOfAgencies(tx, task.tenantId, [agencyId], ['agency_head']),
        { except: p.userId },
      );
    } else if (kind === 'contribution' && task.lead) {
      await notify(
        tx,
        {
          tenantId: task.tenantId,
          eventKey: `progress:${update.id}:contribution`,
          kind: 'contribution',
          title: `Ý kiến phối hợp: ${shorten(task.title)}`,
          body: input.narrative.slice(0, 500),
          link: taskLink(task.id),
        },
        await usersOfAgencies(tx, task.tenantId, [task.lead.id]),
      );
    }
    return update;
  });
}

/**
 * An approved progress report dates the task's latest report (`last_reported_on`: "started"),
 * records what recurring work did in its periods (reporting-periods/outcomes.ts), moves its percent and, at
 * 100%, completes it. Called wherever a progress report becomes approved.
 */
async function applyApproved(tx: Tx, actor: Actor, update: typeof progressUpdates.$inferSelect) {
  if (update.kind !== 'progress' || update.status !== 'approved') return;
  await tx
    .update(tasks)
    .set({ lastReportedOn: sql`greatest(${tasks.lastReportedOn}, ${update.reportedOn}::date)` })
    .where(eq(tasks.id, update.taskId));
  // Recurring work: which period the report answers, and whether in time (skipped for one-off).
  await refreshRecurringOutcomes(tx, [update.taskId]);
  const [task] = await tx.select().from(tasks).where(eq(tasks.id, update.taskId));
  if (!task || update.percent === null) return;
  const [latest] = await tx
    .select({ reportedOn: progressUpdates.reportedOn })
    .from(progressUpdates)
    .where(
      and(
        eq(progressUpdates.taskId, update.taskId),
        eq(progressUpdates.status, 'approved'),
        eq(progressUpdates.kind, 'progress'),
        sql`${progressUpdates.percent} is not null`,
        sql`${progressUpdates.id} <> ${update.id}`,
      ),
    )
    .orderBy(desc(progressUpdates.reportedOn))
    .limit(1);
  // An older report approved late does not move the percent back.
  if (latest && latest.reportedOn > update.reportedOn) return;
  const recurring = isRecurring(deadlineSchema.parse(task.deadline));
  const completedOn =
    !recurring && update.percent >= 100 && !task.completedOn ? update.reportedOn : task.completedOn;
  await tx
    .update(tasks)
    .set({ progressPercent: update.percent, completedOn })
    .where(eq(tasks.id, task.id));
  await recordAudit(tx, actor, [
    {
      entity: 'task',
      entityId: task.id,
      action: 'progress',
      before: { percent: task.progressPercent, completedOn: task.completedOn },
      after: { percent: update.percent, completedOn },
    },
  ]);
}

/**
 * A progress report with the fact its review turns on: whether the reporting agency still carries
 * the task in the role it reported in (lead for progress, coordinator for a contribution), today.
 */
export async function findProgressUpdate(db: Db, tenantId: string, id: string) {
  const [row] = await db
    .select({
      update: progressUpdates,
      responsible: reporterResponsible,
    })
    .from(progressUpdates)
    .where(and(eq(progressUpdates.tenantId, tenantId), eq(progressUpdates.id, id)));
  return row ? { ...row.update, responsible: Boolean(row.responsible) } : null;
}

export async function reviewProgress(
  db: Db,
  actor: Actor,
  p: UserPrincipal,
  id: string,
  decision: 'approve' | 'return',
  note: string | undefined,
) {
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(progressUpdates)
      .where(and(eq(progressUpdates.tenantId, p.tenantId), eq(progressUpdates.id, id)))
      .for('update');
    if (!before) throw new NotFoundError('progress_update');
    if (before.status !== 'pending') throw new AppError(409, 'already_decided', 'already reviewed');
    await claimVersion(tx, p.tenantId, before.taskId, null);
    const [after] = await tx
      .update(progressUpdates)
      .set({
        status: decision === 'approve' ? 'approved' : 'returned',
        reviewedBy: p.userId,
        reviewedAt: new Date(),
        reviewNote: note ?? null,
      })
      .where(eq(progressUpdates.id, id))
      .returning();
    if (!after) throw new Error('update returned nothing');
    await recordAudit(tx, actor, [
      { entity: 'progress_update', entityId: id, action: decision, before, after },
    ]);
    if (decision === 'approve' && after.kind === 'progress') await applyApproved(tx, actor, after);
    const [task] = await tx
      .select({ title: tasks.title })
      .from(tasks)
      .where(eq(tasks.id, after.taskId));
    await notify(
      tx,
      {
        tenantId: p.tenantId,
        eventKey: `progress:${id}:reviewed`,
        kind: decision === 'approve' ? 'progress_approved' : 'progress_returned',
        title: `${decision === 'approve' ? 'Báo cáo đã được duyệt' : 'Báo cáo bị trả lại'}: ${shorten(task?.title ?? '')}`,
        body: note,
        link: taskLink(after.taskId),
      },
      [after.createdBy],
      { except: p.userId },
    );
    return after;
  });
}

/**
 * An evidence file of the tenant, with the task it documents when it is a task's (null for a
 * target's actual or a project's: those are read by everyone signed in to the tenant).
 */
export async function findEvidence(db: Db, tenantId: string, id: string) {
  const [row] = await db
    .select({ file: evidenceFiles, taskId: progressUpdates.taskId })
    .from(evidenceFiles)
    .leftJoin(progressUpdates, eq(progressUpdates.id, evidenceFiles.progressUpdateId))
    .where(and(eq(evidenceFiles.tenantId, tenantId), eq(evidenceFiles.id, id)));
  return row ?? null;
}

export async function requestExtension(
  db: Db,
  actor: Actor,
  p: UserPrincipal,
  task: TaskFacts,
  input: { version: number; proposedDueOn: string; reason: string },
) {
  const current = task.extendedDueOn ?? task.plannedDueOn ?? task.assignedDueOn;
  if (isRecurring(task.deadline) || current === null) {
    throw new AppError(400, 'no_deadline', 'the task has no one-off deadline to extend');
  }
  if (input.proposedDueOn <= current) {
    throw new AppError(
      400,
      'extension_not_later',
      'the proposed date is not after the current one',
      [{ field: 'proposedDueOn', code: 'extension_not_later', message: `not after ${current}` }],
    );
  }
  return db.transaction(async (tx) => {
    await claimVersion(tx, task.tenantId, task.id, input.version);
    const [pending] = await tx
      .select({ id: extensionRequests.id })
      .from(extensionRequests)
      .where(and(eq(extensionRequests.taskId, task.id), eq(extensionRequests.status, 'pending')));
    if (pending) throw new AppError(409, 'extension_pending', 'a request is already pending');
    const [row] = await tx
      .insert(extensionRequests)
      .values({
        tenantId: task.tenantId,
        taskId: task.id,
        agencyId: p.agencyId as string,
        reason: input.reason,
        currentDueOn: current,
        proposedDueOn: input.proposedDueOn,
        requestedBy: p.userId,
      })
      .returning();
    if (!row) throw new Error('insert returned nothing');
    await recordAudit(tx, actor, [
      { entity: 'extension_request', entityId: row.id, action: 'create', after: row },
    ]);
    await notify(
      tx,
      {
        tenantId: task.tenantId,
        eventKey: `extension:${row.id}:requested`,
        kind: 'extension_requested',
        title: `Đề nghị gia hạn: ${shorten(task.title)}`,
        body: `${task.lead?.name ?? ''} đề nghị gia hạn từ ${formatDateVi(current)} đến ${formatDateVi(input.proposedDueOn)}. Lý do: ${input.reason}`,
        link: taskLink(task.id),
      },
      await usersWithRole(tx, task.tenantId, ['consolidator']),
    );
    return row;
  });
}

export async function findExtension(db: Db, tenantId: string, id: string) {
  const [row] = await db
    .select()
    .from(extensionRequests)
    .where(and(eq(extensionRequests.tenantId, tenantId), eq(extensionRequests.id, id)));
  return row ?? null;
}

export async function decideExtension(
  db: Db,
  actor: Actor,
  p: UserPrincipal,
  id: string,
  decision: 'approve' | 'refuse',
  note: string | undefined,
) {
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(extensionRequests)
      .where(and(eq(extensionRequests.tenantId, p.tenantId), eq(extensionRequests.id, id)))
      .for('update');
    if (!before) throw new NotFoundError('extension_request');
    if (before.status !== 'pending') throw new AppError(409, 'already_decided', 'already decided');
    const task = await claimVersion(tx, p.tenantId, before.taskId, null);
    const [after] = await tx
      .update(extensionRequests)
      .set({
        status: decision === 'approve' ? 'approved' : 'refused',
        decidedBy: p.userId,
        decidedAt: new Date(),
        decisionNote: note ?? null,
      })
      .where(eq(extensionRequests.id, id))
      .returning();
    if (!after) throw new Error('update returned nothing');
    const audit: AuditEntry[] = [
      { entity: 'extension_request', entityId: id, action: decision, before, after },
    ];
    if (decision === 'approve') {
      await tx
        .update(tasks)
        .set({ extendedDueOn: after.proposedDueOn })
        .where(eq(tasks.id, task.id));
      audit.push({
        entity: 'task',
        entityId: task.id,
        action: 'extend',
        before: { extendedDueOn: task.extendedDueOn, dueOn: task.dueOn },
        after: { extendedDueOn: after.proposedDueOn },
      });
    }
    await recordAudit(tx, actor, audit);
    await notify(
      tx,
      {
        tenantId: p.tenantId,
        eventKey: `extension:${id}:decided`,
        kind: decision === 'approve' ? 'extension_approved' : 'extension_refused',
        title: `${decision === 'approve' ? 'Đồng ý gia hạn' : 'Không đồng ý gia hạn'}: ${shorten(task.title)}`,
        body:
          decision === 'approve'
            ? `Thời hạn mới: ${formatDateVi(after.proposedDueOn)}.${note ? ` ${note}` : ''}`
            : note,
        link: taskLink(task.id),
      },
      [
        after.requestedBy,
        ...(await usersOfAgencies(tx, p.tenantId, [after.agencyId], ['agency_head'])),
      ],
      { except: p.userId },
    );
    return after;
  });
}

const MENTION = /@([a-z0-9][a-z0-9._-]{2,49})/g;

export async function addComment(
  db: Db,
  actor: Actor,
  p: UserPrincipal,
  task: TaskFacts,
  kind: 'comment' | 'direction',
  body: string,
) {
  const names = [
    ...new Set([...body.matchAll(MENTION)].map((m) => (m[1] as string).toLowerCase())),
  ];
  return db.transaction(async (tx) => {
    const mentioned = names.length
      ? await tx
          .select({ id: users.id, username: users.username })
          .from(users)
          .where(
            and(
              eq(users.tenantId, p.tenantId),
              inArray(users.username, names),
              isNull(users.disabledAt),
            ),
          )
      : [];
    const [row] = await tx
      .insert(taskComments)
      .values({
        tenantId: p.tenantId,
        taskId: task.id,
        kind,
        body,
        authorId: p.userId,
        mentions: mentioned.map((m) => m.username),
      })
      .returning();
    if (!row) throw new Error('insert returned nothing');
    await recordAudit(tx, actor, [
      { entity: 'task_comment', entityId: row.id, action: 'create', after: row },
    ]);
    const title = kind === 'direction' ? 'Ý kiến chỉ đạo' : `${p.displayName} nhắc đến bạn`;
    await notify(
      tx,
      {
        tenantId: p.tenantId,
        eventKey: `comment:${row.id}:mention`,
        kind: 'mention',
        title: `${title}: ${shorten(task.title)}`,
        body: body.slice(0, 500),
        link: taskLink(task.id),
      },
      mentioned.map((m) => m.id),
      { except: p.userId },
    );
    if (kind === 'direction') {
      const agencyIds = [task.lead?.id, ...task.coordinators.map((c) => c.id)].filter(
        (a): a is string => Boolean(a),
      );
      await notify(
        tx,
        {
          tenantId: p.tenantId,
          eventKey: `comment:${row.id}:direction`,
          kind: 'direction',
          title: `Ý kiến chỉ đạo: ${shorten(task.title)}`,
          body: body.slice(0, 500),
          link: taskLink(task.id),
        },
        [
          ...(await usersOfAgencies(tx, p.tenantId, agencyIds)),
          ...(await usersWithRole(tx, p.tenantId, ['consolidator'])),
        ],
        { except: p.userId },
      );
    }
    return row;
  });
}

export async function assignTask(
  db: Db,
  actor: Actor,
  p: UserPrincipal,
  task: TaskFacts,
  input: {
    version: number;
    leadAgencyId: string | null;
    coordinatorAgencyIds: string[];
    dueOn?: string | null | undefined;
    note?: string | undefined;
  },
  today: string,
) {
  if (input.dueOn !== undefined && task.deadline.kind !== 'none') {
    throw new AppError(
      400,
      'deadline_from_plan',
      'the plan sets this task’s deadline; ask for an extension instead',
      [{ field: 'dueOn', code: 'deadline_from_plan', message: 'the plan sets the deadline' }],
    );
  }
  const coordinators = [...new Set(input.coordinatorAgencyIds)].filter(
    (a) => a !== input.leadAgencyId,
  );
  const wanted = [
    ...(input.leadAgencyId ? [{ agencyId: input.leadAgencyId, role: 'lead' }] : []),
    ...coordinators.map((agencyId) => ({ agencyId, role: 'coordinator' })),
  ];
  return db.transaction(async (tx) => {
    await claimVersion(tx, p.tenantId, task.id, input.version);
    const audit: AuditEntry[] = [];
    if (wanted.length) {
      const found = await tx
        .select({ id: agencies.id, inForceTo: agencies.inForceTo })
        .from(agencies)
        .where(
          and(
            eq(agencies.tenantId, p.tenantId),
            inArray(
              agencies.id,
              wanted.map((w) => w.agencyId),
            ),
          ),
        );
      const issues = wanted.flatMap((w) => {
        const a = found.find((f) => f.id === w.agencyId);
        if (!a)
          return [
            {
              field: w.role === 'lead' ? 'leadAgencyId' : 'coordinatorAgencyIds',
              code: 'unknown_agency',
              message: w.agencyId,
            },
          ];
        if (a.inForceTo !== null && a.inForceTo <= today)
          return [
            {
              field: w.role === 'lead' ? 'leadAgencyId' : 'coordinatorAgencyIds',
              code: 'agency_ended',
              message: w.agencyId,
            },
          ];
        return [];
      });
      if (issues.length)
        throw new AppError(400, issues[0]?.code ?? 'invalid_input', 'invalid agencies', issues);
    }
    const current = await tx
      .select()
      .from(taskAssignments)
      .where(and(eq(taskAssignments.taskId, task.id), isNull(taskAssignments.endedOn)));
    if (input.dueOn !== undefined && input.dueOn !== task.assignedDueOn) {
      await tx.update(tasks).set({ assignedDueOn: input.dueOn }).where(eq(tasks.id, task.id));
      audit.push({
        entity: 'task',
        entityId: task.id,
        action: 'set_due',
        before: { assignedDueOn: task.assignedDueOn },
        after: { assignedDueOn: input.dueOn },
      });
    }
    const same = (a: { agencyId: string; role: string }, b: { agencyId: string; role: string }) =>
      a.agencyId === b.agencyId && a.role === b.role;
    const ending = current.filter((c) => !wanted.some((w) => same(w, c)));
    const starting = wanted.filter((w) => !current.some((c) => same(w, c)));
    for (const c of ending) {
      const [after] = await tx
        .update(taskAssignments)
        .set({ endedOn: today > c.startedOn ? today : c.startedOn })
        .where(eq(taskAssignments.id, c.id))
        .returning();
      audit.push({ entity: 'task_assignment', entityId: c.id, action: 'end', before: c, after });
    }
    audit.push(...(await withdrawPendingReports(tx, p.tenantId, ending)));
    if (starting.length) {
      const rows = await tx
        .insert(taskAssignments)
        .values(
          starting.map((s) => ({
            tenantId: p.tenantId,
            taskId: task.id,
            agencyId: s.agencyId,
            role: s.role,
            startedOn: today,
            reason: 'assigned',
            note: input.note ?? null,
            createdBy: actor.id,
          })),
        )
        .returning();
      for (const r of rows)
        audit.push({ entity: 'task_assignment', entityId: r.id, action: 'create', after: r });
      await notify(
        tx,
        {
          tenantId: p.tenantId,
          eventKey: `assignment:${task.id}:${rows.map((r) => r.id).join(',')}`,
          kind: 'assigned',
          title: `Được giao nhiệm vụ: ${shorten(task.title)}`,
          body: input.note,
          link: taskLink(task.id),
        },
        await usersOfAgencies(
          tx,
          p.tenantId,
          starting.map((s) => s.agencyId),
        ),
        { except: p.userId },
      );
    }
    await recordAudit(tx, actor, audit);
  });
}

export async function addPlanItem(
  db: Db,
  actor: Actor,
  p: UserPrincipal,
  task: TaskFacts,
  input: { title: string; dueOn: string | null },
) {
  return db.transaction(async (tx) => {
    await claimVersion(tx, p.tenantId, task.id, null);
    const [{ n } = { n: 0 }] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(agencyPlanItems)
      .where(eq(agencyPlanItems.parentTaskId, task.id));
    const [row] = await tx
      .insert(agencyPlanItems)
      .values({
        tenantId: p.tenantId,
        agencyId: p.agencyId as string,
        parentTaskId: task.id,
        title: input.title,
        dueOn: input.dueOn,
        position: n,
        createdBy: p.userId,
      })
      .returning();
    if (!row) throw new Error('insert returned nothing');
    await recordAudit(tx, actor, [
      { entity: 'agency_plan_item', entityId: row.id, action: 'create', after: row },
    ]);
    return row;
  });
}

export async function findPlanItem(db: Db, tenantId: string, id: string) {
  const [row] = await db
    .select()
    .from(agencyPlanItems)
    .where(and(eq(agencyPlanItems.tenantId, tenantId), eq(agencyPlanItems.id, id)));
  return row ?? null;
}

export async function updatePlanItem(
  db: Db,
  actor: Actor,
  p: UserPrincipal,
  id: string,
  input: {
    version: number;
    percent: number;
    title?: string | undefined;
    dueOn?: string | null | undefined;
  },
  today: string,
) {
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(agencyPlanItems)
      .where(and(eq(agencyPlanItems.tenantId, p.tenantId), eq(agencyPlanItems.id, id)))
      .for('update');
    if (!before) throw new NotFoundError('agency_plan_item');
    if (before.version !== input.version)
      throw new StaleVersionError('agency_plan_item', { version: before.version });
    const [after] = await tx
      .update(agencyPlanItems)
      .set({
        percent: input.percent,
        title: input.title ?? before.title,
        dueOn: input.dueOn === undefined ? before.dueOn : input.dueOn,
        completedOn: input.percent >= 100 ? (before.completedOn ?? today) : null,
        version: before.version + 1,
      })
      .where(eq(agencyPlanItems.id, id))
      .returning();
    await recordAudit(tx, actor, [
      { entity: 'agency_plan_item', entityId: id, action: 'update', before, after },
    ]);
    return after;
  });
}

// ---------------------------------------------------------------------------------------------

function shorten(text: string, max = 120): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** The targets and key projects a task is linked to, as their pages link them. */
export async function deliveredBy(db: Db, taskId: string) {
  const [linkedTargets, linkedProjects] = await Promise.all([
    db
      .select({ id: targets.id, indicator: targets.indicator })
      .from(targetTasks)
      .innerJoin(targets, eq(targets.id, targetTasks.targetId))
      .where(eq(targetTasks.taskId, taskId))
      .orderBy(asc(targets.position), asc(targets.id)),
    db
      .select({ id: projects.id, name: projects.name })
      .from(projectTasks)
      .innerJoin(projects, eq(projects.id, projectTasks.projectId))
      .where(eq(projectTasks.taskId, taskId))
      .orderBy(asc(projects.position), asc(projects.id)),
  ]);
  return { targets: linkedTargets, projects: linkedProjects };
}
