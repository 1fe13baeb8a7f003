// Assignments: who carries out a task from when to when. A plan's own lead and coordinators become
// the first assignments; the consolidator and reorganisations change them later, always by ending
// one row and starting another, so history says who was responsible on any day.
import { and, eq, inArray, ne } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import {
  agencyPlanItems,
  extensionRequests,
  progressUpdates,
  projectTasks,
  reassignmentReviews,
  targetTasks,
  taskAssignments,
  taskComments,
  tasks,
} from '../../db/schema.js';
import type { AuditEntry } from '../audit/service.js';
import { notify } from '../notifications/service.js';

type Insert = typeof taskAssignments.$inferInsert;

export function assignmentsFromPlan(
  tenantId: string,
  tasks: readonly { id?: string | undefined; leadAgencyId?: string | null | undefined }[],
  coordinators: readonly { taskId: string; agencyId: string }[],
  startedOn: string,
  createdBy: string,
): Insert[] {
  const base = { tenantId, startedOn, reason: 'plan', createdBy };
  return [
    ...tasks.flatMap((t) =>
      t.id && t.leadAgencyId
        ? [{ ...base, taskId: t.id, agencyId: t.leadAgencyId, role: 'lead' }]
        : [],
    ),
    ...coordinators.map((c) => ({
      ...base,
      taskId: c.taskId,
      agencyId: c.agencyId,
      role: 'coordinator',
    })),
  ];
}

/** Tasks that carry anything beyond what the plan document said. */
export async function tasksWithLiveWork(tx: Db, taskIds: readonly string[]): Promise<string[]> {
  if (taskIds.length === 0) return [];
  const ids = [...taskIds];
  const found = new Set<string>();
  const collect = (rows: { taskId: string }[]) => {
    for (const r of rows) found.add(r.taskId);
  };
  collect(
    await tx
      .select({ taskId: progressUpdates.taskId })
      .from(progressUpdates)
      .where(inArray(progressUpdates.taskId, ids)),
  );
  collect(
    await tx
      .select({ taskId: extensionRequests.taskId })
      .from(extensionRequests)
      .where(inArray(extensionRequests.taskId, ids)),
  );
  collect(
    await tx
      .select({ taskId: taskComments.taskId })
      .from(taskComments)
      .where(inArray(taskComments.taskId, ids)),
  );
  collect(
    await tx
      .select({ taskId: agencyPlanItems.parentTaskId })
      .from(agencyPlanItems)
      .where(inArray(agencyPlanItems.parentTaskId, ids)),
  );
  collect(
    await tx
      .select({ taskId: reassignmentReviews.taskId })
      .from(reassignmentReviews)
      .where(inArray(reassignmentReviews.taskId, ids)),
  );
  collect(
    await tx
      .select({ taskId: taskAssignments.taskId })
      .from(taskAssignments)
      .where(and(inArray(taskAssignments.taskId, ids), ne(taskAssignments.reason, 'plan'))),
  );
  // Linked by the consolidator to a target or a key project it delivers.
  collect(
    await tx
      .select({ taskId: targetTasks.taskId })
      .from(targetTasks)
      .where(inArray(targetTasks.taskId, ids)),
  );
  collect(
    await tx
      .select({ taskId: projectTasks.taskId })
      .from(projectTasks)
      .where(inArray(projectTasks.taskId, ids)),
  );
  return [...found];
}

/** Removes the plan's own assignments of tasks about to be replaced by a new version; audited. */
export async function deletePlanAssignments(
  tx: Db,
  taskIds: readonly string[],
): Promise<AuditEntry[]> {
  if (taskIds.length === 0) return [];
  const rows = await tx
    .delete(taskAssignments)
    .where(and(inArray(taskAssignments.taskId, [...taskIds]), eq(taskAssignments.reason, 'plan')))
    .returning();
  return rows.map((r) => ({
    entity: 'task_assignment',
    entityId: r.id,
    action: 'delete',
    before: r,
  }));
}

/** The kind of report an agency makes in a role: the lead reports progress, a coordinator contributes. */
export const reportKindOf = (role: string) => (role === 'lead' ? 'progress' : 'contribution');

/**
 * When an agency stops being responsible for a task in a role, the reports it made in that role and
 * that still wait for its head are withdrawn, with notice to their authors: a head decides only on
 * work their agency carries at the time of the decision, and the agency taking over answers for the
 * task from then on with its own reports (ARCHITECTURE.md, "A reassignment and pending reports").
 */
export async function withdrawPendingReports(
  tx: Db,
  tenantId: string,
  ended: readonly { taskId: string; agencyId: string; role: string }[],
): Promise<AuditEntry[]> {
  const audit: AuditEntry[] = [];
  for (const e of ended) {
    const withdrawn = await tx
      .update(progressUpdates)
      .set({
        status: 'withdrawn',
        reviewedAt: new Date(),
        reviewNote: 'Nhiệm vụ đã chuyển cho đơn vị khác trước khi báo cáo được duyệt.',
      })
      .where(
        and(
          eq(progressUpdates.tenantId, tenantId),
          eq(progressUpdates.taskId, e.taskId),
          eq(progressUpdates.agencyId, e.agencyId),
          eq(progressUpdates.kind, reportKindOf(e.role)),
          eq(progressUpdates.status, 'pending'),
        ),
      )
      .returning();
    if (withdrawn.length === 0) continue;
    const [task] = await tx
      .select({ title: tasks.title })
      .from(tasks)
      .where(eq(tasks.id, e.taskId));
    for (const after of withdrawn) {
      audit.push({
        entity: 'progress_update',
        entityId: after.id,
        action: 'withdraw',
        before: { status: 'pending' },
        after: { status: after.status, reviewNote: after.reviewNote },
      });
      await notify(
        tx,
        {
          tenantId,
          eventKey: `progress:${after.id}:withdrawn`,
          kind: 'progress_withdrawn',
          title: `Báo cáo chờ duyệt đã bị rút: ${shortTitle(task?.title ?? '')}`,
          body: 'Nhiệm vụ đã được giao cho đơn vị khác trước khi lãnh đạo đơn vị duyệt báo cáo.',
          link: `/nhiem-vu/${e.taskId}`,
        },
        [after.createdBy],
      );
    }
  }
  return audit;
}

function shortTitle(text: string, max = 120): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
