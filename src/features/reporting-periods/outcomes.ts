// What recurring tasks did in each reporting period (task_period_outcomes), recomputed from the
// period records and the tasks' approved progress reports whenever either changes: a report
// approved, a period created or edited. The rule is domain/reporting-period.ts#recurringOutcomes;
// status-sql.ts reads the rows it leaves.
import { and, asc, eq, inArray, isNotNull } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { progressUpdates, reportingPeriods, taskPeriodOutcomes, tasks } from '../../db/schema.js';
import { deadlineSchema } from '../../domain/deadline.js';
import { type PeriodRecord, recurringOutcomes } from '../../domain/reporting-period.js';

const CHUNK = 500;

/** A plan's period records, in window order. */
export async function planPeriodRecords(db: Db, planId: string): Promise<PeriodRecord[]> {
  return db
    .select({
      id: reportingPeriods.id,
      kind: reportingPeriods.kind,
      label: reportingPeriods.label,
      windowFrom: reportingPeriods.windowFrom,
      windowTo: reportingPeriods.windowTo,
      submissionDueOn: reportingPeriods.submissionDueOn,
    })
    .from(reportingPeriods)
    .where(eq(reportingPeriods.planId, planId))
    .orderBy(asc(reportingPeriods.windowFrom), asc(reportingPeriods.kind));
}

/** Recomputes the outcomes of these tasks (one-off tasks among them are skipped). */
export async function refreshRecurringOutcomes(tx: Db, taskIds: readonly string[]): Promise<void> {
  const periodsOf = new Map<string, PeriodRecord[]>();
  for (let i = 0; i < taskIds.length; i += CHUNK) {
    const ids = taskIds.slice(i, i + CHUNK);
    const recurring = await tx
      .select({
        id: tasks.id,
        tenantId: tasks.tenantId,
        planId: tasks.planId,
        deadline: tasks.deadline,
      })
      .from(tasks)
      .where(and(inArray(tasks.id, ids), isNotNull(tasks.recurrenceMonth)));
    if (recurring.length === 0) continue;
    const recurringIds = recurring.map((t) => t.id);
    const reports = await tx
      .select({
        id: progressUpdates.id,
        taskId: progressUpdates.taskId,
        reportedOn: progressUpdates.reportedOn,
      })
      .from(progressUpdates)
      .where(
        and(
          inArray(progressUpdates.taskId, recurringIds),
          eq(progressUpdates.status, 'approved'),
          eq(progressUpdates.kind, 'progress'),
        ),
      )
      .orderBy(asc(progressUpdates.reportedOn), asc(progressUpdates.createdAt));
    const reportsOf = new Map<string, { id: string; reportedOn: string }[]>();
    for (const r of reports) {
      const list = reportsOf.get(r.taskId) ?? [];
      list.push(r);
      reportsOf.set(r.taskId, list);
    }
    const rows: (typeof taskPeriodOutcomes.$inferInsert)[] = [];
    for (const t of recurring) {
      let periods = periodsOf.get(t.planId);
      if (!periods) {
        periods = await planPeriodRecords(tx, t.planId);
        periodsOf.set(t.planId, periods);
      }
      const own = reportsOf.get(t.id) ?? [];
      const outcomes = recurringOutcomes(
        deadlineSchema.parse(t.deadline),
        periods,
        own.map((r) => r.reportedOn),
      );
      for (const o of outcomes.values()) {
        const update = own.find((r) => r.reportedOn === o.reportedOn);
        if (!update) continue;
        rows.push({
          taskId: t.id,
          periodId: o.periodId,
          tenantId: t.tenantId,
          progressUpdateId: update.id,
          reportedOn: o.reportedOn,
          onTime: o.onTime,
        });
      }
    }
    await tx.delete(taskPeriodOutcomes).where(inArray(taskPeriodOutcomes.taskId, recurringIds));
    if (rows.length) await tx.insert(taskPeriodOutcomes).values(rows);
  }
}

/** Recomputes the outcomes of every recurring task of a plan (after its periods changed). */
export async function refreshPlanOutcomes(tx: Db, planId: string): Promise<void> {
  const ids = await tx
    .select({ id: tasks.id })
    .from(tasks)
    .where(and(eq(tasks.planId, planId), isNotNull(tasks.recurrenceMonth)));
  await refreshRecurringOutcomes(
    tx,
    ids.map((t) => t.id),
  );
}
