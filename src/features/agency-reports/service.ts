// An agency's report for a reporting period. Reports exist for opened periods and the agencies the
// period expects (reporting_period_agencies, filled when the consolidator opens it).
//
// While the report can be edited (never saved, draft, returned) its rows are the agency's live
// data — its tasks in the period's plan (today's lead) with status and approved progress in the
// window, its targets with the latest approved actual, its key projects with the window's
// disbursement and milestones — merged with what the agency entered on each row (by id). The
// pre-filled draft is not stored on reading: a GET changes nothing, and the first save (or upload)
// stores it as version 1 ("created", what the system pre-filled) and the agency's words as version
// 2. Once submitted, the rows are frozen as stored: the consolidator decides on what was sent.
//
// Every step locks the report row, checks the state (accepted: 409 report_locked) and the version
// (409 stale_version), writes the new state, a version row and an audit record in one transaction.
import Decimal from 'decimal.js';
import { and, asc, desc, eq, gte, inArray, isNotNull, lte, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import {
  agencies,
  agencyReports,
  agencyReportVersions,
  legalDocuments,
  plans,
  progressUpdates,
  projectDisbursements,
  projectMilestones,
  projects,
  reportingPeriodAgencies,
  reportingPeriods,
  targetActuals,
  targets,
  tasks,
  users,
} from '../../db/schema.js';
import { isoDateInVietnam, PROVINCE_TIME_ZONE } from '../../domain/calendar.js';
import type { TaskState } from '../../domain/task-status.js';
import { AppError, NotFoundError, StaleVersionError } from '../../server/errors.js';
import type { UserPrincipal } from '../../server/principal.js';
import { type Actor, recordAudit } from '../audit/service.js';
import { notify, usersOfAgencies, usersWithRole } from '../notifications/service.js';
import type { MilestoneKind } from '../projects/schema.js';
import { statusSql } from '../tasks/status-sql.js';
import {
  type Narratives,
  type ProjectEntry,
  type ReportAction,
  type ReportContent,
  type ReportState,
  reportContentSchema,
  type TargetEntry,
  type TaskEntry,
} from './schema.js';

export type PeriodRef = {
  id: string;
  tenantId: string;
  label: string;
  kind: string;
  windowFrom: string;
  windowTo: string;
  submissionDueOn: string;
  planId: string;
  planName: string;
};

const planName = sql<string>`coalesce('Kế hoạch số ' || ${legalDocuments.numberCanonical}, ${legalDocuments.title}, 'Kế hoạch')`;

const periodColumns = {
  id: reportingPeriods.id,
  tenantId: reportingPeriods.tenantId,
  label: reportingPeriods.label,
  kind: reportingPeriods.kind,
  windowFrom: reportingPeriods.windowFrom,
  windowTo: reportingPeriods.windowTo,
  submissionDueOn: reportingPeriods.submissionDueOn,
  planId: reportingPeriods.planId,
  planName,
};

/** An opened period of the tenant (reports exist only for those), or null. */
export async function findOpenedPeriod(
  db: Db,
  tenantId: string,
  periodId: string,
): Promise<PeriodRef | null> {
  const [row] = await db
    .select(periodColumns)
    .from(reportingPeriods)
    .innerJoin(plans, eq(plans.id, reportingPeriods.planId))
    .innerJoin(legalDocuments, eq(legalDocuments.id, plans.documentId))
    .where(
      and(
        eq(reportingPeriods.tenantId, tenantId),
        eq(reportingPeriods.id, periodId),
        isNotNull(reportingPeriods.openedAt),
      ),
    );
  return row ?? null;
}

export type ReportRow = typeof agencyReports.$inferSelect;

export type FoundReport = {
  period: PeriodRef;
  agency: { id: string; name: string };
  report: ReportRow | null;
};

/**
 * The report of an agency in an opened period of the tenant, if the period expects the agency (or
 * its report exists: an agency dropped from the list after reporting keeps its report); else null.
 */
export async function findReport(
  db: Db,
  tenantId: string,
  periodId: string,
  agencyId: string,
): Promise<FoundReport | null> {
  const period = await findOpenedPeriod(db, tenantId, periodId);
  if (!period) return null;
  const [row] = await db
    .select({
      agency: { id: agencies.id, name: agencies.name },
      expected: reportingPeriodAgencies.agencyId,
      report: agencyReports,
    })
    .from(agencies)
    .leftJoin(
      reportingPeriodAgencies,
      and(
        eq(reportingPeriodAgencies.periodId, periodId),
        eq(reportingPeriodAgencies.agencyId, agencies.id),
      ),
    )
    .leftJoin(
      agencyReports,
      and(eq(agencyReports.periodId, periodId), eq(agencyReports.agencyId, agencies.id)),
    )
    .where(and(eq(agencies.tenantId, tenantId), eq(agencies.id, agencyId)));
  if (!row || (row.expected === null && row.report === null)) return null;
  return { period, agency: row.agency, report: row.report };
}

// ---------------------------------------------------------------------------------------------
// Pre-filling from live data.

/** The day the system's status is judged on: the window's end, or today if that is earlier. */
export function statusDay(period: Pick<PeriodRef, 'windowTo'>, today = isoDateInVietnam()) {
  // ISO days sort as text.
  return [period.windowTo, today].sort()[0] as string;
}

/** First day of the month after (year, month): a month counts when its last day is in the window. */
const monthEnd = sql`(make_date(${projectDisbursements.year}, ${projectDisbursements.month}, 1) + interval '1 month' - interval '1 day')::date`;

/** The agency's rows with the system's facts and default entries (its status and %, no notes). */
export async function liveContent(
  db: Db,
  period: PeriodRef,
  agencyId: string,
  today = isoDateInVietnam(),
): Promise<ReportContent> {
  const s = statusSql(statusDay(period, today));
  const taskRows = await db
    .select({
      id: tasks.id,
      code: tasks.code,
      title: tasks.title,
      state: sql<TaskState>`${s.state}`,
      dueOn: sql<string | null>`(${s.dueOn})::text`,
      percent: tasks.progressPercent,
    })
    .from(tasks)
    .leftJoin(s.period.current(period.tenantId), s.period.currentOn)
    .leftJoin(s.period.outcome, s.period.outcomeOn)
    .where(
      and(
        eq(tasks.tenantId, period.tenantId),
        eq(tasks.currentLeadAgencyId, agencyId),
        eq(tasks.planId, period.planId),
      ),
    )
    .orderBy(asc(tasks.position), asc(tasks.id));
  const taskIds = taskRows.map((t) => t.id);
  const updates = taskIds.length
    ? await db
        .select({
          taskId: progressUpdates.taskId,
          reportedOn: progressUpdates.reportedOn,
          percent: progressUpdates.percent,
          narrative: progressUpdates.narrative,
        })
        .from(progressUpdates)
        .where(
          and(
            inArray(progressUpdates.taskId, taskIds),
            eq(progressUpdates.status, 'approved'),
            eq(progressUpdates.kind, 'progress'),
            gte(progressUpdates.reportedOn, period.windowFrom),
            lte(progressUpdates.reportedOn, period.windowTo),
          ),
        )
        .orderBy(asc(progressUpdates.reportedOn), asc(progressUpdates.createdAt))
    : [];

  const targetRows = await db
    .select({ id: targets.id, indicator: targets.indicator, unit: targets.unit })
    .from(targets)
    .where(
      and(
        eq(targets.tenantId, period.tenantId),
        eq(targets.planId, period.planId),
        eq(targets.responsibleAgencyId, agencyId),
      ),
    )
    .orderBy(asc(targets.sourceStart), asc(targets.position), asc(targets.id));
  const targetIds = targetRows.map((t) => t.id);
  const actuals = targetIds.length
    ? await db
        .selectDistinctOn([targetActuals.targetId], {
          targetId: targetActuals.targetId,
          period: targetActuals.period,
          value: targetActuals.value,
          note: targetActuals.note,
        })
        .from(targetActuals)
        .where(
          and(
            inArray(targetActuals.targetId, targetIds),
            eq(targetActuals.status, 'approved'),
            lte(targetActuals.periodEnd, period.windowTo),
          ),
        )
        .orderBy(
          targetActuals.targetId,
          desc(targetActuals.periodEnd),
          desc(targetActuals.reviewedAt),
        )
    : [];

  const projectRows = await db
    .select({ id: projects.id, name: projects.name })
    .from(projects)
    .where(
      and(
        eq(projects.tenantId, period.tenantId),
        eq(projects.planId, period.planId),
        eq(projects.ownerAgencyId, agencyId),
      ),
    )
    .orderBy(asc(projects.sourceStart), asc(projects.position), asc(projects.id));
  const projectIds = projectRows.map((p) => p.id);
  const disbursed = projectIds.length
    ? await db
        .select({
          projectId: projectDisbursements.projectId,
          amount: sql<string>`sum(${projectDisbursements.amount})::text`,
        })
        .from(projectDisbursements)
        .where(
          and(
            inArray(projectDisbursements.projectId, projectIds),
            sql`${monthEnd} between ${period.windowFrom}::date and ${period.windowTo}::date`,
          ),
        )
        .groupBy(projectDisbursements.projectId)
    : [];
  const milestones = projectIds.length
    ? await db
        .select()
        .from(projectMilestones)
        .where(inArray(projectMilestones.projectId, projectIds))
        .orderBy(asc(projectMilestones.plannedOn))
    : [];

  const disbursedOf = new Map(disbursed.map((d) => [d.projectId, new Decimal(d.amount).toFixed()]));
  const actualOf = new Map(actuals.map((a) => [a.targetId, a]));
  return {
    tasks: taskRows.map((t) => ({
      taskId: t.id,
      code: t.code,
      title: t.title,
      systemStatus: t.state,
      systemPercent: t.percent,
      dueOn: t.dueOn,
      updates: updates
        .filter((u) => u.taskId === t.id)
        .map((u) => ({ reportedOn: u.reportedOn, percent: u.percent, narrative: u.narrative })),
      status: t.state,
      percent: t.percent,
      note: '',
    })),
    targets: targetRows.map((t) => {
      const a = actualOf.get(t.id);
      return {
        targetId: t.id,
        indicator: t.indicator,
        unit: t.unit,
        latestActual: a
          ? {
              period: a.period,
              value: a.value === null ? null : new Decimal(a.value).toFixed(),
              note: a.note,
            }
          : null,
        value: null,
        note: '',
      };
    }),
    projects: projectRows.map((p) => ({
      projectId: p.id,
      name: p.name,
      disbursedInWindow: disbursedOf.get(p.id) ?? '0',
      milestones: milestones
        .filter((m) => m.projectId === p.id)
        .map((m) => ({
          kind: m.kind as MilestoneKind,
          plannedOn: m.plannedOn,
          actualOn: m.actualOn,
        })),
      disbursed: disbursedOf.get(p.id) ?? null,
      note: '',
    })),
  };
}

export type Entries = { tasks: TaskEntry[]; targets: TargetEntry[]; projects: ProjectEntry[] };

/** The live rows with the entries given for them (by id); entries for other rows are dropped. */
export function withEntries(live: ReportContent, entries: Partial<Entries>): ReportContent {
  const tasksBy = new Map((entries.tasks ?? []).map((e) => [e.taskId, e]));
  const targetsBy = new Map((entries.targets ?? []).map((e) => [e.targetId, e]));
  const projectsBy = new Map((entries.projects ?? []).map((e) => [e.projectId, e]));
  return {
    tasks: live.tasks.map((t) => {
      const e = tasksBy.get(t.taskId);
      return e ? { ...t, status: e.status, percent: e.percent, note: e.note } : t;
    }),
    targets: live.targets.map((t) => {
      const e = targetsBy.get(t.targetId);
      return e ? { ...t, value: e.value, note: e.note } : t;
    }),
    projects: live.projects.map((p) => {
      const e = projectsBy.get(p.projectId);
      return e ? { ...p, disbursed: e.disbursed, note: e.note } : p;
    }),
  };
}

/** Stored content read back (never trusted blindly: a malformed one reads as empty). */
export function storedContent(value: unknown): ReportContent {
  const parsed = reportContentSchema.safeParse(value);
  return parsed.success ? parsed.data : { tasks: [], targets: [], projects: [] };
}

const EDITABLE_STATES: readonly string[] = ['draft', 'returned'];

/** The content the report shows: live rows with the entries while editable, else as stored. */
export async function currentContent(db: Db, found: FoundReport): Promise<ReportContent> {
  const stored = found.report ? storedContent(found.report.content) : null;
  if (found.report && !EDITABLE_STATES.includes(found.report.state))
    return stored ?? { tasks: [], targets: [], projects: [] };
  const live = await liveContent(db, found.period, found.agency.id);
  return stored ? withEntries(live, stored) : live;
}

/** Display names of users (submitted by, decided by, version actors). */
export async function userNames(db: Db, ids: readonly (string | null)[]) {
  const wanted = [...new Set(ids.filter((i): i is string => i !== null))];
  if (wanted.length === 0) return new Map<string, string>();
  const rows = await db
    .select({ id: users.id, name: users.displayName })
    .from(users)
    .where(inArray(users.id, wanted));
  return new Map(rows.map((r) => [r.id, r.name]));
}

// ---------------------------------------------------------------------------------------------
// Steps of the workflow.

export type Target = { periodId: string; agencyId: string };

function lockReport(tx: Db, tenantId: string, t: Target) {
  return tx
    .select()
    .from(agencyReports)
    .where(
      and(
        eq(agencyReports.tenantId, tenantId),
        eq(agencyReports.periodId, t.periodId),
        eq(agencyReports.agencyId, t.agencyId),
      ),
    )
    .for('update')
    .then((rows) => rows[0]);
}

const locked = () =>
  new AppError(409, 'report_locked', 'the report was accepted: unlock it before changing it');

/** 409 unless the report is in one of the states the step starts from. */
function requireState(row: ReportRow | undefined, allowed: readonly (string | null)[]) {
  const state = row?.state ?? null;
  if (allowed.includes(state)) return;
  if (state === 'accepted') throw locked();
  throw new AppError(409, 'invalid_state', `the report is ${state ?? 'not submitted'}`, [
    { field: 'state', code: 'invalid_state', message: state ?? 'none' },
  ]);
}

function requireVersion(row: ReportRow | undefined, version: number) {
  if ((row?.version ?? 0) !== version)
    throw new StaleVersionError('agency_report', { version: row?.version ?? 0 });
}

async function writeVersion(
  tx: Db,
  row: ReportRow,
  action: ReportAction,
  actorId: string,
  reason: string | null = null,
) {
  await tx.insert(agencyReportVersions).values({
    reportId: row.id,
    version: row.version,
    tenantId: row.tenantId,
    action,
    state: row.state,
    content: row.content,
    results: row.results,
    difficulties: row.difficulties,
    proposals: row.proposals,
    reason,
    actorId,
  });
}

/** The report row for a write: the stored one, or the pre-filled draft stored now (version 1). */
async function storedOrCreated(
  tx: Db,
  actor: Actor,
  p: UserPrincipal,
  found: FoundReport,
  existing: ReportRow | undefined,
): Promise<ReportRow> {
  if (existing) return existing;
  const [created] = await tx
    .insert(agencyReports)
    .values({
      tenantId: p.tenantId,
      periodId: found.period.id,
      agencyId: found.agency.id,
      state: 'draft',
      content: await liveContent(tx, found.period, found.agency.id),
      version: 1,
    })
    .onConflictDoNothing()
    .returning();
  // Someone else stored it between our read and our insert: the caller's version 0 is stale.
  if (!created) throw new StaleVersionError('agency_report', { version: null });
  await writeVersion(tx, created, 'created', p.userId);
  await recordAudit(tx, actor, [
    { entity: 'agency_report', entityId: created.id, action: 'create', after: created },
  ]);
  return created;
}

async function update(
  tx: Db,
  actor: Actor,
  p: UserPrincipal,
  before: ReportRow,
  change: Partial<ReportRow>,
  action: ReportAction,
  reason: string | null = null,
) {
  const [after] = await tx
    .update(agencyReports)
    .set({ ...change, version: before.version + 1, updatedAt: new Date() })
    .where(eq(agencyReports.id, before.id))
    .returning();
  if (!after) throw new Error('update returned nothing');
  await writeVersion(tx, after, action, p.userId, reason);
  await recordAudit(tx, actor, [
    {
      entity: 'agency_report',
      entityId: after.id,
      action,
      before: { ...before, content: undefined },
      after: { ...after, content: undefined, reason },
    },
  ]);
  return after;
}

export type DraftInput = Narratives & Partial<Entries> & { version: number };

/**
 * Saves the agency's entries and narratives (a form save or a valid uploaded file): only while
 * never saved, draft or returned; the version read must be the current one. A returned report
 * stays returned until the head submits it again.
 */
export async function saveDraft(
  db: Db,
  actor: Actor,
  p: UserPrincipal,
  t: Target,
  input: DraftInput,
  action: 'saved' | 'uploaded',
) {
  return db.transaction(async (tx) => {
    const found = await findReport(tx, p.tenantId, t.periodId, t.agencyId);
    if (!found) throw new NotFoundError('agency_report');
    const existing = await lockReport(tx, p.tenantId, t);
    requireState(existing, [null, ...EDITABLE_STATES]);
    requireVersion(existing, input.version);
    const row = await storedOrCreated(tx, actor, p, found, existing);
    const live = await liveContent(tx, found.period, found.agency.id);
    const content = withEntries(live, input);
    return update(
      tx,
      actor,
      p,
      row,
      {
        content,
        results: input.results,
        difficulties: input.difficulties,
        proposals: input.proposals,
      },
      action,
    );
  });
}

/** The head sends the report: its rows are frozen as they stand now. */
export async function submitReport(
  db: Db,
  actor: Actor,
  p: UserPrincipal,
  t: Target,
  version: number,
) {
  return db.transaction(async (tx) => {
    const found = await findReport(tx, p.tenantId, t.periodId, t.agencyId);
    if (!found) throw new NotFoundError('agency_report');
    const existing = await lockReport(tx, p.tenantId, t);
    requireState(existing, [null, ...EDITABLE_STATES]);
    requireVersion(existing, version);
    const row = await storedOrCreated(tx, actor, p, found, existing);
    const live = await liveContent(tx, found.period, found.agency.id);
    const now = new Date();
    const after = await update(
      tx,
      actor,
      p,
      row,
      {
        state: 'submitted',
        content: withEntries(live, storedContent(row.content)),
        submittedAt: now,
        submittedBy: p.userId,
        returnReason: null,
      },
      'submitted',
    );
    await notify(
      tx,
      {
        tenantId: p.tenantId,
        eventKey: `agency-report:${after.id}:v${after.version}`,
        kind: 'agency_report_submitted',
        title: `${found.agency.name} đã gửi báo cáo ${found.period.label}`,
        link: reportLink(t),
      },
      await usersWithRole(tx, p.tenantId, ['consolidator']),
      { except: p.userId },
    );
    return after;
  });
}

export const reportLink = (t: Target) => `/bao-cao/ky/${t.periodId}/co-quan/${t.agencyId}`;

const DECISION_TITLES = {
  accepted: 'Báo cáo đã được tiếp nhận',
  returned: 'Báo cáo bị trả lại',
  unlocked: 'Báo cáo đã được mở khóa để chỉnh sửa',
} as const;

/**
 * The consolidator accepts or returns a submitted report, or unlocks an accepted one. Unlocking
 * sends it back to the agency as returned, with the reason: the agency sees why, corrects it and
 * the head submits it again (it is counted as returned, not as a draft never sent).
 */
export async function decideReport(
  db: Db,
  actor: Actor,
  p: UserPrincipal,
  t: Target,
  step: 'accepted' | 'returned' | 'unlocked',
  version: number,
  reason: string | null,
) {
  return db.transaction(async (tx) => {
    const found = await findReport(tx, p.tenantId, t.periodId, t.agencyId);
    if (!found) throw new NotFoundError('agency_report');
    const existing = await lockReport(tx, p.tenantId, t);
    if (step === 'unlocked') {
      if (existing?.state !== 'accepted')
        throw new AppError(409, 'invalid_state', 'only an accepted report is unlocked', [
          { field: 'state', code: 'invalid_state', message: existing?.state ?? 'none' },
        ]);
    } else requireState(existing, ['submitted']);
    requireVersion(existing, version);
    const row = existing as ReportRow;
    const state: ReportState = step === 'accepted' ? 'accepted' : 'returned';
    const after = await update(
      tx,
      actor,
      p,
      row,
      {
        state,
        decidedAt: new Date(),
        decidedBy: p.userId,
        returnReason: step === 'accepted' ? null : reason,
      },
      step,
      reason,
    );
    await notify(
      tx,
      {
        tenantId: p.tenantId,
        eventKey: `agency-report:${after.id}:v${after.version}`,
        kind: `agency_report_${step}`,
        title: `${DECISION_TITLES[step]}: ${found.period.label}`,
        body: reason ?? undefined,
        link: reportLink(t),
      },
      await usersOfAgencies(tx, p.tenantId, [t.agencyId], ['agency_head', 'agency_officer']),
      { except: p.userId },
    );
    return after;
  });
}

export async function listVersions(db: Db, reportId: string) {
  return db
    .select()
    .from(agencyReportVersions)
    .where(eq(agencyReportVersions.reportId, reportId))
    .orderBy(desc(agencyReportVersions.version));
}

// ---------------------------------------------------------------------------------------------
// Lists.

export type PeriodReportListRow = {
  agencyId: string;
  agencyName: string;
  reportId: string | null;
  state: ReportState | null;
  version: number;
  submittedAt: Date | null;
  firstSubmittedAt: Date | null;
  onTime: boolean | null;
  returnReason: string | null;
};

/**
 * Every agency a period expects with its report's state, latest and first submission, whether the
 * first submission came by the deadline (its day in Vietnam) and whether it is returned. One
 * statement along the period's keys (reporting_period_agencies' and agency_reports' (period,
 * agency) indexes, the versions' primary key): never every report of the tenant. The lead's
 * completeness view reuses it. `onlyAgencyId` narrows it to one agency (its staff's view).
 */
export async function listPeriodReports(
  db: Db,
  tenantId: string,
  periodId: string,
  onlyAgencyId?: string,
  /** Only reports in this state (the supervisor: accepted). */
  onlyState?: ReportState,
): Promise<PeriodReportListRow[]> {
  const firstSubmitted = sql<Date | null>`(select min(v.created_at) from ${agencyReportVersions} v where v.report_id = ${agencyReports.id} and v.action = 'submitted')`;
  const rows = await db
    .select({
      agencyId: agencies.id,
      agencyName: agencies.name,
      reportId: agencyReports.id,
      state: agencyReports.state,
      version: agencyReports.version,
      submittedAt: agencyReports.submittedAt,
      firstSubmittedAt: sql<string | null>`${firstSubmitted}::text`,
      onTime: sql<
        boolean | null
      >`((${firstSubmitted} at time zone ${PROVINCE_TIME_ZONE})::date <= ${reportingPeriods.submissionDueOn})`,
      returnReason: agencyReports.returnReason,
    })
    .from(reportingPeriodAgencies)
    .innerJoin(reportingPeriods, eq(reportingPeriods.id, reportingPeriodAgencies.periodId))
    .innerJoin(agencies, eq(agencies.id, reportingPeriodAgencies.agencyId))
    .leftJoin(
      agencyReports,
      and(
        eq(agencyReports.periodId, reportingPeriodAgencies.periodId),
        eq(agencyReports.agencyId, reportingPeriodAgencies.agencyId),
      ),
    )
    .where(
      and(
        eq(reportingPeriodAgencies.periodId, periodId),
        eq(reportingPeriodAgencies.tenantId, tenantId),
        onlyAgencyId ? eq(reportingPeriodAgencies.agencyId, onlyAgencyId) : undefined,
        onlyState ? eq(agencyReports.state, onlyState) : undefined,
      ),
    )
    .orderBy(asc(agencies.name), asc(agencies.id));
  return rows.map((r) => ({
    ...r,
    state: r.state as ReportState | null,
    version: r.version ?? 0,
    firstSubmittedAt: r.firstSubmittedAt ? new Date(r.firstSubmittedAt) : null,
  }));
}

/** The opened periods that expect an agency, newest deadline first, with its report's state. */
export async function agencyPeriods(db: Db, tenantId: string, agencyId: string) {
  return db
    .select({
      period: periodColumns,
      agency: { id: agencies.id, name: agencies.name },
      state: agencyReports.state,
      submittedAt: agencyReports.submittedAt,
      returnReason: agencyReports.returnReason,
    })
    .from(reportingPeriodAgencies)
    .innerJoin(reportingPeriods, eq(reportingPeriods.id, reportingPeriodAgencies.periodId))
    .innerJoin(plans, eq(plans.id, reportingPeriods.planId))
    .innerJoin(legalDocuments, eq(legalDocuments.id, plans.documentId))
    .innerJoin(agencies, eq(agencies.id, reportingPeriodAgencies.agencyId))
    .leftJoin(
      agencyReports,
      and(
        eq(agencyReports.periodId, reportingPeriodAgencies.periodId),
        eq(agencyReports.agencyId, reportingPeriodAgencies.agencyId),
      ),
    )
    .where(
      and(
        eq(reportingPeriodAgencies.agencyId, agencyId),
        eq(reportingPeriodAgencies.tenantId, tenantId),
        isNotNull(reportingPeriods.openedAt),
      ),
    )
    .orderBy(desc(reportingPeriods.submissionDueOn), asc(reportingPeriods.label));
}
