// Reporting periods of a plan: their default records, the consolidator's edits, opening a period
// (which agencies must report), and its completeness and timeliness, all counted in SQL.
import { and, asc, eq, gt, inArray, isNotNull, isNull, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import {
  agencies,
  agencyReports,
  legalDocuments,
  plans,
  projects,
  reportingPeriodAgencies,
  reportingPeriods,
  targetMilestones,
  targets,
  taskPeriodOutcomes,
  tasks,
} from '../../db/schema.js';
import { isoDateInVietnam, PROVINCE_TIME_ZONE } from '../../domain/calendar.js';
import { type Deadline, deadlineSchema } from '../../domain/deadline.js';
import {
  defaultAnnualPeriods,
  isRecurring,
  lastReportDay,
  periodHistory,
  planReportingDay,
  type recurringOutcomes,
} from '../../domain/reporting-period.js';
import { responsibleOn } from '../../domain/succession.js';
import { AppError, NotFoundError, StaleVersionError } from '../../server/errors.js';
import { loadSuccessionIndex } from '../agencies/service.js';
import { type Actor, recordAudit } from '../audit/service.js';
import { planPeriodRecords, refreshPlanOutcomes } from './outcomes.js';
import type { Completeness, PeriodFields } from './schema.js';

type TenantActor = Actor & { tenantId: string };

/**
 * Gives a plan its default annual periods (domain/reporting-period.ts#defaultAnnualPeriods) when it
 * has none, and records what its recurring work already reported in them. Returns how many.
 */
export async function ensureDefaultPeriods(
  tx: Db,
  tenantId: string,
  planId: string,
): Promise<number> {
  const [has] = await tx
    .select({ id: reportingPeriods.id })
    .from(reportingPeriods)
    .where(eq(reportingPeriods.planId, planId))
    .limit(1);
  if (has) return 0;
  const [plan] = await tx
    .select({ issuedOn: legalDocuments.issuedOn, createdAt: plans.createdAt })
    .from(plans)
    .innerJoin(legalDocuments, eq(legalDocuments.id, plans.documentId))
    .where(and(eq(plans.id, planId), eq(plans.tenantId, tenantId)));
  if (!plan) return 0;
  const [years] = await tx
    .select({
      taskYear: sql<number | null>`max(extract(year from ${tasks.dueOn}))::int`,
    })
    .from(tasks)
    .where(eq(tasks.planId, planId));
  const [targetYears] = await tx
    .select({ year: sql<number | null>`max(${targetMilestones.year})::int` })
    .from(targetMilestones)
    .innerJoin(targets, eq(targets.id, targetMilestones.targetId))
    .where(eq(targets.planId, planId));
  const annual = await tx
    .select({ title: tasks.title, body: tasks.body, deadline: tasks.deadline })
    .from(tasks)
    .where(and(eq(tasks.planId, planId), eq(tasks.deadlineKind, 'annual')));
  const named = [years?.taskYear, targetYears?.year].filter(
    (y): y is number => typeof y === 'number',
  );
  const periods = defaultAnnualPeriods({
    issuedOn: plan.issuedOn ?? plan.createdAt.toISOString().slice(0, 10),
    lastYearNamed: named.length ? Math.max(...named) : null,
    reportingDay: planReportingDay(
      annual.map((t) => ({ ...t, deadline: deadlineSchema.parse(t.deadline) as Deadline })),
    ),
  });
  await tx
    .insert(reportingPeriods)
    .values(periods.map((p) => ({ ...p, tenantId, planId })))
    .onConflictDoNothing();
  await refreshPlanOutcomes(tx, planId);
  return periods.length;
}

/** At start: plans stored before periods were records get their defaults (migration 0018). */
export async function ensureMissingPeriods(db: Db): Promise<number> {
  const without = await db
    .select({ id: plans.id, tenantId: plans.tenantId })
    .from(plans)
    .where(
      and(
        isNull(plans.storingSince),
        sql`not exists (select 1 from ${reportingPeriods} where ${reportingPeriods.planId} = ${plans.id})`,
      ),
    );
  let n = 0;
  for (const p of without) {
    n += await db.transaction((tx) => ensureDefaultPeriods(tx, p.tenantId, p.id));
  }
  return n;
}

const summaryColumns = {
  period: reportingPeriods,
  planNumber: legalDocuments.numberCanonical,
  planTitle: legalDocuments.title,
  expected: sql<number>`(select count(*)::int from ${reportingPeriodAgencies} where ${reportingPeriodAgencies.periodId} = ${reportingPeriods.id})`,
  submitted: sql<number>`(select count(*)::int from ${agencyReports} where ${agencyReports.periodId} = ${reportingPeriods.id} and ${agencyReports.state} in ('submitted', 'accepted') and exists (select 1 from ${reportingPeriodAgencies} where ${reportingPeriodAgencies.periodId} = ${reportingPeriods.id} and ${reportingPeriodAgencies.agencyId} = ${agencyReports.agencyId}))`,
};

const visiblePlan = (tenantId: string) =>
  and(eq(plans.tenantId, tenantId), isNull(plans.storingSince)) as SQL;

function summaries(db: Db, where: SQL) {
  return db
    .select(summaryColumns)
    .from(reportingPeriods)
    .innerJoin(plans, eq(plans.id, reportingPeriods.planId))
    .innerJoin(legalDocuments, eq(legalDocuments.id, plans.documentId))
    .where(where)
    .orderBy(asc(reportingPeriods.windowTo), asc(reportingPeriods.kind), asc(legalDocuments.title));
}

export type PeriodRow = Awaited<ReturnType<typeof summaries>>[number];

/** The tenant's periods, of one plan or all. */
export function listPeriods(db: Db, tenantId: string, filter: { planId?: string | undefined }) {
  return summaries(
    db,
    and(
      visiblePlan(tenantId),
      filter.planId ? eq(reportingPeriods.planId, filter.planId) : undefined,
    ) as SQL,
  );
}

/** One period of the tenant, or null (missing and foreign look the same). */
export async function loadPeriod(db: Db, tenantId: string, id: string): Promise<PeriodRow | null> {
  const [row] = await summaries(db, and(visiblePlan(tenantId), eq(reportingPeriods.id, id)) as SQL);
  return row ?? null;
}

async function lockedPeriod(tx: Db, tenantId: string, id: string) {
  const [row] = await tx
    .select()
    .from(reportingPeriods)
    .where(and(eq(reportingPeriods.id, id), eq(reportingPeriods.tenantId, tenantId)))
    .for('update');
  if (!row) throw new NotFoundError('reporting period');
  return row;
}

const duplicate = () =>
  new AppError(
    409,
    'period_exists',
    'the plan already has a period of this kind starting on that day',
  );

async function refuseDuplicate(
  tx: Db,
  planId: string,
  fields: PeriodFields,
  except: string | null,
) {
  const [same] = await tx
    .select({ id: reportingPeriods.id })
    .from(reportingPeriods)
    .where(
      and(
        eq(reportingPeriods.planId, planId),
        eq(reportingPeriods.kind, fields.kind),
        eq(reportingPeriods.windowFrom, fields.windowFrom),
        except ? sql`${reportingPeriods.id} <> ${except}` : undefined,
      ),
    );
  if (same) throw duplicate();
}

export async function createPeriod(
  db: Db,
  actor: TenantActor,
  planId: string,
  fields: PeriodFields,
): Promise<string> {
  return db.transaction(async (tx) => {
    const [plan] = await tx
      .select({ id: plans.id })
      .from(plans)
      .where(and(eq(plans.id, planId), visiblePlan(actor.tenantId)));
    if (!plan) throw new NotFoundError('plan');
    await refuseDuplicate(tx, planId, fields, null);
    const [row] = await tx
      .insert(reportingPeriods)
      .values({ ...fields, tenantId: actor.tenantId, planId })
      .returning();
    if (!row) throw new Error('period not stored');
    await recordAudit(tx, actor, [
      { entity: 'reporting_period', entityId: row.id, action: 'create', after: row },
    ]);
    if (row.kind === 'annual') await refreshPlanOutcomes(tx, planId);
    return row.id;
  });
}

export async function updatePeriod(
  db: Db,
  actor: TenantActor,
  id: string,
  input: PeriodFields & { version: number },
): Promise<void> {
  await db.transaction(async (tx) => {
    const before = await lockedPeriod(tx, actor.tenantId, id);
    if (before.version !== input.version) throw new StaleVersionError('reporting period', before);
    const { version: _version, ...fields } = input;
    await refuseDuplicate(tx, before.planId, fields, id);
    const [after] = await tx
      .update(reportingPeriods)
      .set({ ...fields, version: before.version + 1 })
      .where(eq(reportingPeriods.id, id))
      .returning();
    await recordAudit(tx, actor, [
      { entity: 'reporting_period', entityId: id, action: 'update', before, after },
    ]);
    // The outcomes of recurring work follow the period's window and deadline.
    if (before.kind === 'annual' || fields.kind === 'annual')
      await refreshPlanOutcomes(tx, before.planId);
  });
}

/**
 * The agencies a period expects reports from, as what they lead in its plan: tasks (their current
 * lead), targets (the responsible agency) and key projects (an owner of the registry); for an
 * agency that has ended, its successor after a merge.
 */
async function derivedAgencies(tx: Db, tenantId: string, planId: string): Promise<string[]> {
  const leads = await tx
    .selectDistinct({ id: tasks.currentLeadAgencyId })
    .from(tasks)
    .where(and(eq(tasks.planId, planId), isNotNull(tasks.currentLeadAgencyId)));
  const responsible = await tx
    .selectDistinct({ id: targets.responsibleAgencyId })
    .from(targets)
    .where(and(eq(targets.planId, planId), isNotNull(targets.responsibleAgencyId)));
  const owners = await tx
    .selectDistinct({ id: projects.ownerAgencyId })
    .from(projects)
    .where(and(eq(projects.planId, planId), isNotNull(projects.ownerAgencyId)));
  const ids = [
    ...new Set(
      [...leads, ...responsible, ...owners].map((r) => r.id).filter((id): id is string => !!id),
    ),
  ];
  if (ids.length === 0) return [];
  // An agency that has ended (the 2025 reorganisation) reports no more: the agency that carries
  // its work today does when that is one (a merge); after a split or an abolition a person
  // chooses in the reorganisation queue, and the consolidator adds whoever reports meanwhile.
  const today = isoDateInVietnam();
  const inForce = async (candidates: string[]) =>
    candidates.length === 0
      ? new Set<string>()
      : new Set(
          (
            await tx
              .select({ id: agencies.id })
              .from(agencies)
              .where(
                and(
                  inArray(agencies.id, candidates),
                  or(isNull(agencies.inForceTo), gt(agencies.inForceTo, today)),
                ),
              )
          ).map((a) => a.id),
        );
  const current = await inForce(ids);
  const ended = ids.filter((id) => !current.has(id));
  const index = ended.length ? await loadSuccessionIndex(tx, tenantId) : new Map();
  const successors = ended.flatMap((id) => {
    const r = responsibleOn(id, today, index);
    return r.kind === 'successor' ? [r.agencyId] : [];
  });
  const carrying = await inForce(successors);
  return [...new Set([...ids.filter((id) => current.has(id)), ...successors])].filter(
    (id) => current.has(id) || carrying.has(id),
  );
}

/** Opens a period: from now on, the agencies it expects owe their reports. */
export async function openPeriod(
  db: Db,
  actor: TenantActor,
  userId: string,
  id: string,
): Promise<void> {
  await db.transaction(async (tx) => {
    const before = await lockedPeriod(tx, actor.tenantId, id);
    if (before.openedAt) throw new AppError(409, 'period_open', 'the period is already open');
    const [after] = await tx
      .update(reportingPeriods)
      .set({
        openedAt: new Date(),
        openedBy: userId,
        version: before.version + 1,
      })
      .where(eq(reportingPeriods.id, id))
      .returning();
    const derived = await derivedAgencies(tx, actor.tenantId, before.planId);
    if (derived.length) {
      await tx
        .insert(reportingPeriodAgencies)
        .values(
          derived.map((agencyId) => ({
            periodId: id,
            agencyId,
            tenantId: actor.tenantId,
            source: 'derived',
          })),
        )
        .onConflictDoNothing();
    }
    await recordAudit(tx, actor, [
      {
        entity: 'reporting_period',
        entityId: id,
        action: 'open',
        before,
        after: { ...after, expectedAgencies: derived },
      },
    ]);
  });
}

/** The consolidator adds or removes agencies expected to report. */
export async function changeExpectedAgencies(
  db: Db,
  actor: TenantActor,
  id: string,
  change: { add: string[]; remove: string[] },
): Promise<void> {
  await db.transaction(async (tx) => {
    const period = await lockedPeriod(tx, actor.tenantId, id);
    if (!period.openedAt)
      throw new AppError(409, 'period_not_open', 'open the period before changing its agencies');
    if (change.add.length) {
      const known = await tx
        .select({ id: agencies.id })
        .from(agencies)
        .where(and(eq(agencies.tenantId, actor.tenantId), inArray(agencies.id, change.add)));
      if (known.length !== new Set(change.add).size)
        throw new AppError(400, 'unknown_agency', 'an agency to add is not in the registry', [
          { field: 'add', code: 'unknown_agency', message: 'not an agency of the registry' },
        ]);
      await tx
        .insert(reportingPeriodAgencies)
        .values(
          change.add.map((agencyId) => ({
            periodId: id,
            agencyId,
            tenantId: actor.tenantId,
            source: 'added',
          })),
        )
        .onConflictDoNothing();
    }
    if (change.remove.length) {
      // An agency whose report is in stays: removing it would hide a report.
      const [reported] = await tx
        .select({ agencyId: agencyReports.agencyId })
        .from(agencyReports)
        .where(
          and(
            eq(agencyReports.periodId, id),
            inArray(agencyReports.agencyId, change.remove),
            inArray(agencyReports.state, ['submitted', 'accepted']),
          ),
        )
        .limit(1);
      if (reported)
        throw new AppError(
          409,
          'agency_has_report',
          'an agency to remove has already submitted its report',
        );
      await tx
        .delete(reportingPeriodAgencies)
        .where(
          and(
            eq(reportingPeriodAgencies.periodId, id),
            inArray(reportingPeriodAgencies.agencyId, change.remove),
          ),
        );
    }
    await tx
      .update(reportingPeriods)
      .set({ version: period.version + 1 })
      .where(eq(reportingPeriods.id, id));
    await recordAudit(tx, actor, [
      { entity: 'reporting_period', entityId: id, action: 'change_agencies', after: change },
    ]);
  });
}

/**
 * Who has reported in a period, agency by agency, and the totals: one query over the expected
 * agencies (their primary key) and their reports (agency_reports_period_agency_uq).
 */
export async function completeness(
  db: Db,
  period: PeriodRow['period'],
  asOf: string,
): Promise<Completeness> {
  const submittedOn = sql`(${agencyReports.submittedAt} at time zone ${PROVINCE_TIME_ZONE})::date`;
  const rows = await db
    .select({
      agencyId: agencies.id,
      name: agencies.name,
      shortName: agencies.shortName,
      source: reportingPeriodAgencies.source,
      state: agencyReports.state,
      submittedAt: agencyReports.submittedAt,
      onTime: sql<
        boolean | null
      >`(case when ${agencyReports.submittedAt} is null then null else ${submittedOn} <= ${period.submissionDueOn}::date end)`,
      returnReason: agencyReports.returnReason,
    })
    .from(reportingPeriodAgencies)
    .innerJoin(agencies, eq(agencies.id, reportingPeriodAgencies.agencyId))
    .leftJoin(
      agencyReports,
      and(
        eq(agencyReports.periodId, reportingPeriodAgencies.periodId),
        eq(agencyReports.agencyId, reportingPeriodAgencies.agencyId),
      ),
    )
    .where(eq(reportingPeriodAgencies.periodId, period.id))
    .orderBy(asc(agencies.name));
  const pastDue = period.submissionDueOn < asOf;
  const list = rows.map((r) => {
    const standing = (r.state ?? 'not_started') as Completeness['agencies'][number]['standing'];
    const isIn = standing === 'submitted' || standing === 'accepted';
    return {
      agency: { id: r.agencyId, name: r.name, shortName: r.shortName },
      source: r.source as 'derived' | 'added',
      standing,
      submittedAt: r.submittedAt ? r.submittedAt.toISOString() : null,
      onTime: isIn ? r.onTime : null,
      missing: !isIn && pastDue,
      returnReason: standing === 'returned' ? r.returnReason : null,
    };
  });
  const count = (f: (r: (typeof list)[number]) => boolean) => list.filter(f).length;
  return {
    expected: list.length,
    submitted: count((r) => r.standing === 'submitted' || r.standing === 'accepted'),
    onTime: count((r) => r.onTime === true),
    late: count((r) => r.onTime === false),
    missing: count((r) => r.missing),
    returned: count((r) => r.standing === 'returned'),
    pending: count((r) => !r.missing && r.standing !== 'submitted' && r.standing !== 'accepted'),
    agencies: list,
    recurringTasks: period.kind === 'annual' ? await recurringInPeriod(db, period, asOf) : null,
  };
}

/** The plan's recurring tasks in an annual period: reported on time, late, missing, still open. */
async function recurringInPeriod(db: Db, period: PeriodRow['period'], asOf: string) {
  const closed = lastReportDay(period) < asOf;
  const [row] = await db
    .select({
      total: sql<number>`count(*)::int`,
      onTime: sql<number>`count(*) filter (where ${taskPeriodOutcomes.onTime})::int`,
      late: sql<number>`count(*) filter (where not ${taskPeriodOutcomes.onTime})::int`,
      unreported: sql<number>`count(*) filter (where ${taskPeriodOutcomes.taskId} is null)::int`,
    })
    .from(tasks)
    .leftJoin(
      taskPeriodOutcomes,
      and(eq(taskPeriodOutcomes.taskId, tasks.id), eq(taskPeriodOutcomes.periodId, period.id)),
    )
    .where(and(eq(tasks.planId, period.planId), isNotNull(tasks.recurrenceMonth)));
  const unreported = row?.unreported ?? 0;
  return {
    total: row?.total ?? 0,
    onTime: row?.onTime ?? 0,
    late: row?.late ?? 0,
    missing: closed ? unreported : 0,
    open: closed ? 0 : unreported,
  };
}

/** A recurring task's record period by period (empty for one-off work). */
export async function taskPeriodRecord(
  db: Db,
  task: { id: string; planId: string; deadline: unknown },
  asOf: string,
) {
  const deadline = deadlineSchema.parse(task.deadline);
  if (!isRecurring(deadline)) return { recurring: false, items: [] };
  const periods = await planPeriodRecords(db, task.planId);
  const stored = await db
    .select({
      periodId: taskPeriodOutcomes.periodId,
      reportedOn: taskPeriodOutcomes.reportedOn,
      onTime: taskPeriodOutcomes.onTime,
    })
    .from(taskPeriodOutcomes)
    .where(eq(taskPeriodOutcomes.taskId, task.id));
  const outcomes: ReturnType<typeof recurringOutcomes> = new Map(
    stored.map((o) => [o.periodId, o]),
  );
  return {
    recurring: true,
    items: periodHistory(deadline, periods, outcomes, asOf)
      .reverse()
      .map((h) => ({
        periodId: h.period.id,
        label: h.period.label,
        dueOn: h.dueOn,
        outcome: h.outcome,
        reportedOn: h.reportedOn,
      })),
  };
}
