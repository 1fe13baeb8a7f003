// Withdrawing a plan: the consolidator who confirmed the wrong document takes the plan back out,
// as long as nobody has worked on it. Everything storing it wrote goes, in one transaction; the
// import draft that confirmed it is closed, so the same document can be imported again.
//
// "Work" is anything people did on the plan after it was stored (the kinds below). Not work: the
// rows storing it wrote itself (its tree, targets and their first milestones, tasks, coordinators,
// the plan's own assignments, revisions, the default reporting periods) and what a reorganisation
// the administrator applied did to its tasks without a person's choice (`succession` assignments,
// open reviews): those are deleted with it.
import { and, eq, isNull, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import {
  adjustmentBatches,
  adjustmentProposals,
  agencyPlanItems,
  agencyReports,
  auditRecords,
  consolidatedReports,
  evidenceFiles,
  extensionRequests,
  feedback,
  importDrafts,
  legalDocuments,
  periodReminders,
  plans,
  progressUpdates,
  projectCapitalPlans,
  projectDisbursements,
  projectMilestones,
  projects,
  projectTargets,
  projectTasks,
  projectUpdates,
  reportingPeriods,
  targetActuals,
  targetContributors,
  targets,
  targetTasks,
  taskAssignments,
  taskComments,
  tasks,
} from '../../db/schema.js';
import { AppError, NotFoundError } from '../../server/errors.js';
import { type Actor, type AuditEntry, recordAudit } from '../audit/service.js';
import { type PlanWorkKind, planWorkKindSchema } from './schema.js';
import { deleteStoredPlan } from './service.js';

/** The kinds of work that keep a plan from being withdrawn, as the 409's issues name them. */
export const PLAN_WORK_KINDS = planWorkKindSchema.options;

/**
 * Each kind as the rows that show it: SELECTs from the plan's tasks, targets, projects or periods
 * (reached by their plan indexes) joined along the child table's own index, so that "is there
 * any" is a probe per item and stops at the first row. A kind with several sources selects the
 * same columns from each (counted once through UNION).
 */
function workSources(tenantId: string, planId: string): Record<PlanWorkKind, SQL[]> {
  const planTasks = sql`${tasks.tenantId} = ${tenantId} and ${tasks.planId} = ${planId}`;
  const planTargets = sql`${targets.tenantId} = ${tenantId} and ${targets.planId} = ${planId}`;
  const planProjects = sql`${projects.tenantId} = ${tenantId} and ${projects.planId} = ${planId}`;
  const planPeriods = sql`${reportingPeriods.tenantId} = ${tenantId} and ${reportingPeriods.planId} = ${planId}`;
  const onTasks = (table: SQL, column: SQL, id: SQL) =>
    sql`select ${id} from ${tasks} join ${table} on ${column} = ${tasks.id} where ${planTasks}`;
  const onTargets = (table: SQL, column: SQL, id: SQL) =>
    sql`select ${id} from ${targets} join ${table} on ${column} = ${targets.id} where ${planTargets}`;
  const onProjects = (table: SQL, column: SQL, id: SQL) =>
    sql`select ${id} from ${projects} join ${table} on ${column} = ${projects.id} where ${planProjects}`;
  const onPeriods = (table: SQL, column: SQL, id: SQL) =>
    sql`select ${id} from ${reportingPeriods} join ${table} on ${column} = ${reportingPeriods.id} where ${planPeriods}`;
  return {
    // Reports of progress and coordinators' contributions (their evidence and period outcomes
    // hang off them).
    progress_updates: [
      onTasks(sql`${progressUpdates}`, sql`${progressUpdates.taskId}`, sql`${progressUpdates.id}`),
    ],
    extension_requests: [
      onTasks(
        sql`${extensionRequests}`,
        sql`${extensionRequests.taskId}`,
        sql`${extensionRequests.id}`,
      ),
    ],
    task_comments: [
      onTasks(sql`${taskComments}`, sql`${taskComments.taskId}`, sql`${taskComments.id}`),
    ],
    agency_plan_items: [
      onTasks(
        sql`${agencyPlanItems}`,
        sql`${agencyPlanItems.parentTaskId}`,
        sql`${agencyPlanItems.id}`,
      ),
    ],
    // The consolidator's reassignments and the choices made after a split or an abolition.
    assignments: [
      sql`${onTasks(sql`${taskAssignments}`, sql`${taskAssignments.taskId}`, sql`${taskAssignments.id}`)} and ${taskAssignments.reason} not in ('plan', 'succession')`,
    ],
    // A date the consolidator gave a task the plan gives none.
    task_due_dates: [
      sql`select ${tasks.id} from ${tasks} where ${planTasks} and ${tasks.assignedDueOn} is not null`,
    ],
    // Tasks, targets and projects linked by the consolidator, on either side of the link.
    links: [
      onTasks(
        sql`${targetTasks}`,
        sql`${targetTasks.taskId}`,
        sql`${targetTasks.targetId}, ${targetTasks.taskId}`,
      ),
      onTargets(
        sql`${targetTasks}`,
        sql`${targetTasks.targetId}`,
        sql`${targetTasks.targetId}, ${targetTasks.taskId}`,
      ),
      onTasks(
        sql`${projectTasks}`,
        sql`${projectTasks.taskId}`,
        sql`${projectTasks.projectId}, ${projectTasks.taskId}`,
      ),
      onProjects(
        sql`${projectTasks}`,
        sql`${projectTasks.projectId}`,
        sql`${projectTasks.projectId}, ${projectTasks.taskId}`,
      ),
      onTargets(
        sql`${projectTargets}`,
        sql`${projectTargets.targetId}`,
        sql`${projectTargets.projectId}, ${projectTargets.targetId}`,
      ),
      onProjects(
        sql`${projectTargets}`,
        sql`${projectTargets.projectId}`,
        sql`${projectTargets.projectId}, ${projectTargets.targetId}`,
      ),
    ],
    // Completed by the consolidator (kind, baseline, responsible agency, milestones …): every
    // change bumps the version, as each new version of the plan that keeps the target does.
    targets_completed: [
      sql`select ${targets.id} from ${targets} join ${plans} on ${plans.id} = ${targets.planId} where ${planTargets} and ${targets.version} > ${plans.revision}`,
    ],
    target_contributors: [
      onTargets(
        sql`${targetContributors}`,
        sql`${targetContributors.targetId}`,
        sql`${targetContributors.targetId}, ${targetContributors.agencyId}`,
      ),
    ],
    target_actuals: [
      onTargets(sql`${targetActuals}`, sql`${targetActuals.targetId}`, sql`${targetActuals.id}`),
    ],
    projects_completed: [
      sql`select ${projects.id} from ${projects} join ${plans} on ${plans.id} = ${projects.planId} where ${planProjects} and ${projects.version} > ${plans.revision}`,
    ],
    project_updates: [
      onProjects(
        sql`${projectUpdates}`,
        sql`${projectUpdates.projectId}`,
        sql`${projectUpdates.id}`,
      ),
    ],
    project_disbursements: [
      onProjects(
        sql`${projectDisbursements}`,
        sql`${projectDisbursements.projectId}`,
        sql`${projectDisbursements.id}`,
      ),
    ],
    project_capital_plans: [
      onProjects(
        sql`${projectCapitalPlans}`,
        sql`${projectCapitalPlans.projectId}`,
        sql`${projectCapitalPlans.id}`,
      ),
    ],
    project_milestones: [
      onProjects(
        sql`${projectMilestones}`,
        sql`${projectMilestones.projectId}`,
        sql`${projectMilestones.id}`,
      ),
    ],
    // A project's own documents (its updates' evidence hangs off the updates).
    project_documents: [
      onProjects(sql`${evidenceFiles}`, sql`${evidenceFiles.projectId}`, sql`${evidenceFiles.id}`),
    ],
    // Periods opened, edited or added by the consolidator: the defaults storing made are never
    // audited, every person's change to a period is.
    reporting_periods: [
      sql`select ${reportingPeriods.id} from ${reportingPeriods} where ${planPeriods} and (${reportingPeriods.openedAt} is not null or ${reportingPeriods.version} > 1 or exists (select 1 from ${auditRecords} where ${auditRecords.entity} = 'reporting_period' and ${auditRecords.entityId} = ${reportingPeriods.id}::text))`,
    ],
    agency_reports: [
      onPeriods(sql`${agencyReports}`, sql`${agencyReports.periodId}`, sql`${agencyReports.id}`),
    ],
    // Reminders and escalations sent to agencies for its periods.
    period_reminders: [
      onPeriods(
        sql`${periodReminders}`,
        sql`${periodReminders.periodId}`,
        sql`${periodReminders.periodId}, ${periodReminders.agencyId}, ${periodReminders.step}`,
      ),
    ],
    consolidated_reports: [
      onPeriods(
        sql`${consolidatedReports}`,
        sql`${consolidatedReports.periodId}`,
        sql`${consolidatedReports.periodId}`,
      ),
    ],
    adjustment_proposals: [
      sql`select ${adjustmentProposals.id} from ${adjustmentProposals} where ${adjustmentProposals.tenantId} = ${tenantId} and ${adjustmentProposals.planId} = ${planId}`,
    ],
    adjustment_batches: [
      sql`select ${adjustmentBatches.id} from ${adjustmentBatches} where ${adjustmentBatches.tenantId} = ${tenantId} and ${adjustmentBatches.planId} = ${planId}`,
    ],
    // Citizens' and organisations' feedback on its targets and projects (pending, published or
    // rejected: someone wrote it, and the foreign keys keep its item).
    feedback: [
      onTargets(sql`${feedback}`, sql`${feedback.targetId}`, sql`${feedback.id}`),
      onProjects(sql`${feedback}`, sql`${feedback.projectId}`, sql`${feedback.id}`),
    ],
  };
}

/**
 * Whether anyone has worked on the plan: one statement of EXISTS probes along indexes, stopping at
 * the first kind found (for the plan's `withdraw` ability; nothing is loaded).
 */
export async function planHasWork(db: Db, tenantId: string, planId: string): Promise<boolean> {
  const probes = Object.values(workSources(tenantId, planId))
    .flat()
    .map((source) => sql`exists (${source})`);
  const result = await db.execute<{ worked: boolean }>(
    sql`select (${sql.join(probes, sql` or `)}) as worked`,
  );
  return rowsOf<{ worked: boolean }>(result)[0]?.worked === true;
}

/** How much of each kind of work the plan carries (the kinds with none left out). */
export async function planWork(
  db: Db,
  tenantId: string,
  planId: string,
): Promise<Partial<Record<PlanWorkKind, number>>> {
  const sources = workSources(tenantId, planId);
  const columns = PLAN_WORK_KINDS.map(
    (kind) =>
      sql`(select count(*)::int from (${sql.join(sources[kind], sql` union `)}) w) as ${sql.identifier(kind)}`,
  );
  const result = await db.execute<Record<PlanWorkKind, number>>(
    sql`select ${sql.join(columns, sql`, `)}`,
  );
  const row = rowsOf<Record<PlanWorkKind, number>>(result)[0];
  const out: Partial<Record<PlanWorkKind, number>> = {};
  for (const kind of PLAN_WORK_KINDS) {
    const n = Number(row?.[kind] ?? 0);
    if (n > 0) out[kind] = n;
  }
  return out;
}

/** The rows of a raw statement (PGlite and node-postgres both answer `{ rows }`). */
const rowsOf = <T>(result: unknown): T[] => (result as { rows: T[] }).rows;

export class PlanHasWorkError extends AppError {
  constructor(work: Partial<Record<PlanWorkKind, number>>) {
    super(
      409,
      'plan_has_work',
      `The plan has work on it and cannot be withdrawn: ${Object.entries(work)
        .map(([k, n]) => `${n} ${k}`)
        .join(', ')}`,
      Object.entries(work).map(([kind, n]) => ({
        field: kind,
        code: 'plan_has_work',
        message: `${n} ${kind.replaceAll('_', ' ')}`,
      })),
      work,
    );
  }
}

export type WithdrawnPlan = {
  id: string;
  number: string | null;
  title: string | null;
  revision: number;
  counts: { tasks: number; targets: number; projects: number };
  documentRemoved: boolean;
  draftIds: string[];
};

/**
 * Withdraws a plan of the actor's tenant that nobody has worked on, in one transaction: the plan
 * and what storing it wrote are deleted (deleteStoredPlan), the import drafts that confirmed it
 * are closed (`discarded`, their link cleared: the same text may be imported again), and the
 * withdrawal is audited with the plan's number, title, revision and counts and the reason. The
 * plan's rows are locked first, so work being added meanwhile either lands before the check (409)
 * or waits and then finds the plan gone. Not the tenant's, or still storing: 404.
 */
export async function withdrawPlan(
  db: Db,
  actor: Actor & { tenantId: string },
  planId: string,
  reason: string,
): Promise<WithdrawnPlan> {
  const tenantId = actor.tenantId;
  return db.transaction(async (tx) => {
    const [head] = await tx
      .select({
        id: plans.id,
        documentId: plans.documentId,
        revision: plans.revision,
        number: legalDocuments.numberCanonical,
        title: legalDocuments.title,
      })
      .from(plans)
      .innerJoin(legalDocuments, eq(legalDocuments.id, plans.documentId))
      .where(and(eq(plans.id, planId), eq(plans.tenantId, tenantId), isNull(plans.storingSince)))
      .for('update', { of: plans });
    if (!head) throw new NotFoundError('plan');
    // Every row work would refer to, locked: a report, comment or link being added to one of them
    // (its foreign key takes a share lock) waits for this transaction.
    const locked = async (table: typeof tasks | typeof targets | typeof projects) =>
      (
        await tx
          .select({ id: table.id })
          .from(table)
          .where(and(eq(table.tenantId, tenantId), eq(table.planId, planId)))
          .for('update')
      ).length;
    const counts = {
      tasks: await locked(tasks),
      targets: await locked(targets),
      projects: await locked(projects),
    };
    await tx
      .select({ id: reportingPeriods.id })
      .from(reportingPeriods)
      .where(and(eq(reportingPeriods.tenantId, tenantId), eq(reportingPeriods.planId, planId)))
      .for('update');

    const work = await planWork(tx, tenantId, planId);
    if (Object.keys(work).length > 0) throw new PlanHasWorkError(work);

    const audit: AuditEntry[] = [];
    const drafts = await tx
      .update(importDrafts)
      .set({
        status: 'discarded',
        planId: null,
        version: sql`${importDrafts.version} + 1`,
        updatedAt: new Date(),
      })
      .where(and(eq(importDrafts.tenantId, tenantId), eq(importDrafts.planId, planId)))
      .returning({ id: importDrafts.id });
    for (const d of drafts)
      audit.push({
        entity: 'import_draft',
        entityId: d.id,
        action: 'update',
        before: { status: 'confirmed', planId },
        after: { status: 'discarded', planId: null, reason: 'plan_withdrawn' },
      });
    const { documentRemoved } = await deleteStoredPlan(tx, head);
    if (documentRemoved)
      audit.push({
        entity: 'legal_document',
        entityId: head.documentId,
        action: 'delete',
        before: { id: head.documentId, number: head.number, title: head.title },
        after: { reason: 'plan_withdrawn', planId },
      });
    await recordAudit(tx, actor, [
      {
        entity: 'plan',
        entityId: planId,
        action: 'withdraw',
        before: {
          number: head.number,
          title: head.title,
          revision: head.revision,
          counts,
          documentId: head.documentId,
        },
        after: { reason },
      },
      ...audit,
    ]);
    return {
      id: planId,
      number: head.number,
      title: head.title,
      revision: head.revision,
      counts,
      documentRemoved,
      draftIds: drafts.map((d) => d.id),
    };
  });
}
