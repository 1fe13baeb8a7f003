// The consolidated report of a period: its figures, counted by the database (GROUP BY over the
// plan's tasks, targets and projects — never a walk over every task in JavaScript), the narrative a
// leader edits (one row per period, versioned, audited), and the files: the report (.docx), its
// appendix (.docx) and the task list (.xlsx), whose rows are read in keyset pages in plan order
// and built into files in a worker thread (document-pool.ts).
import Decimal from 'decimal.js';
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import {
  consolidatedReports,
  legalDocuments,
  planNodes,
  plans,
  reportingPeriods,
} from '../../db/schema.js';
import { isoDateInVietnam } from '../../domain/calendar.js';
import { type Deadline, deadlineSchema } from '../../domain/deadline.js';
import { describeDeadline } from '../../domain/deadline-text.js';
import {
  type AppendixTask,
  type ConsolidatedReportInput,
  consolidatedAppendix,
  reportSubject,
} from '../../domain/official-document/consolidated-report.js';
import { formatDateVi } from '../../domain/official-document/format.js';
import { percentOf, plainDecimal } from '../../domain/project-progress.js';
import { completionRateOf, type TaskState } from '../../domain/task-status.js';
import { StaleVersionError } from '../../server/errors.js';
import { type Actor, recordAudit, startOfDayInVietnam } from '../audit/service.js';
import { projectionSql } from '../targets/service.js';
import { countTasks, taskConditions } from '../tasks/queries.js';
import { addDays, statusSql } from '../tasks/status-sql.js';
import { type LoadedSettings, loadSettings, symbolCode } from '../tenant-settings/service.js';
import { buildInWorker } from './document-pool.js';
import type { AppendixRow } from './documents.js';
import { type Figures, type Narrative, narrativeSchema } from './schema.js';

const STATES: readonly TaskState[] = [
  'done_on_time',
  'done_late',
  'in_progress',
  'overdue',
  'not_started',
];
const zeroStates = () => Object.fromEntries(STATES.map((s) => [s, 0])) as Record<TaskState, number>;

async function rows<T>(db: Db, query: ReturnType<typeof sql>): Promise<T[]> {
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
}

export type Period = {
  id: string;
  tenantId: string;
  planId: string;
  kind: string;
  label: string;
  windowFrom: string;
  windowTo: string;
  plan: {
    number: string | null;
    issuedOn: string | null;
    title: string | null;
    issuer: string | null;
  };
};

/** The period if it is the tenant's, with its plan's document. */
export async function findPeriod(
  db: Db,
  tenantId: string,
  periodId: string,
): Promise<Period | null> {
  const [row] = await db
    .select({
      id: reportingPeriods.id,
      tenantId: reportingPeriods.tenantId,
      planId: reportingPeriods.planId,
      kind: reportingPeriods.kind,
      label: reportingPeriods.label,
      windowFrom: reportingPeriods.windowFrom,
      windowTo: reportingPeriods.windowTo,
      number: legalDocuments.numberCanonical,
      issuedOn: legalDocuments.issuedOn,
      title: legalDocuments.title,
      issuer: legalDocuments.issuer,
    })
    .from(reportingPeriods)
    .innerJoin(plans, eq(plans.id, reportingPeriods.planId))
    .innerJoin(legalDocuments, eq(legalDocuments.id, plans.documentId))
    .where(and(eq(reportingPeriods.id, periodId), eq(reportingPeriods.tenantId, tenantId)));
  if (!row) return null;
  const { number, issuedOn, title, issuer, ...period } = row;
  return { ...period, plan: { number, issuedOn, title, issuer } };
}

/** The day the figures are counted on: the window's last day, or today while it runs. */
export const figuresAsOf = (p: Pick<Period, 'windowTo'>, today = isoDateInVietnam()) =>
  // biome-ignore lint/complexity/useMathMinMax: ISO dates are strings, compared as such.
  p.windowTo < today ? p.windowTo : today;

const ADJUSTMENT_KINDS: Record<string, string> = {
  deadline: 'Điều chỉnh thời hạn',
  lead: 'Điều chỉnh cơ quan chủ trì',
  content: 'Điều chỉnh nội dung',
  drop_task: 'Đưa ra khỏi Kế hoạch',
  add_task: 'Bổ sung nhiệm vụ',
  target: 'Điều chỉnh chỉ tiêu',
};

/** Every figure of the report, each from one aggregate query. */
export async function computeFigures(
  db: Db,
  period: Period,
  asOf = figuresAsOf(period),
): Promise<Figures> {
  const { tenantId, planId } = period;
  const year = Number(asOf.slice(0, 4));
  const s = statusSql(asOf);

  // Overall: the task list's own counts (one GROUP BY per kind of work).
  const counts = await countTasks(db, tenantId, { planId }, asOf);

  // By lead agency and by sector: one GROUP BY with two grouping sets.
  const where = sql.join(taskConditions(tenantId, { planId }, s), sql` and `);
  const grouped = await rows<{
    bySector: boolean;
    agencyId: string | null;
    agencyName: string | null;
    sector: string | null;
    state: TaskState;
    n: number;
  }>(
    db,
    sql`select grouping(g.sector) = 0 as "bySector", g.agency_id as "agencyId", a.name as "agencyName", g.sector, g.state, count(*)::int as n
      from (select tasks.current_lead_agency_id as agency_id, coalesce(nullif(trim(tasks.sector), ''), '') as sector, ${s.state} as state from tasks ${s.periodJoin(tenantId)} where ${where}) g
      left join agencies a on a.id = g.agency_id
      group by grouping sets ((g.agency_id, a.name, g.state), (g.sector, g.state))`,
  );
  const groups = (bySector: boolean) => {
    const map = new Map<string, Figures['byAgency'][number]>();
    for (const r of grouped.filter((g) => g.bySector === bySector)) {
      const id = bySector ? r.sector || null : r.agencyId;
      const key = id ?? '';
      let g = map.get(key);
      if (!g) {
        const name = bySector
          ? r.sector || 'Chưa phân lĩnh vực'
          : (r.agencyName ?? 'Chưa giao cơ quan chủ trì');
        g = { id, name, total: 0, states: zeroStates(), completionRate: null };
        map.set(key, g);
      }
      g.states[r.state] += r.n;
      g.total += r.n;
    }
    const list = [...map.values()];
    for (const g of list) g.completionRate = completionRateOf(g.states);
    // Unassigned and unsectored last; the rest by name.
    return list.sort(
      (a, b) => Number(a.id === null) - Number(b.id === null) || a.name.localeCompare(b.name, 'vi'),
    );
  };

  const targetRows = await rows<{ state: string; n: number }>(
    db,
    sql`select ${projectionSql(year)} as state, count(*)::int as n from targets where targets.plan_id = ${planId} and targets.tenant_id = ${tenantId} group by 1`,
  );
  const targets = { total: 0, onTrack: 0, atRisk: 0, offTrack: 0, noData: 0 };
  for (const r of targetRows) {
    targets.total += r.n;
    if (r.state === 'on_track' || r.state === 'done' || r.state === 'due') targets.onTrack += r.n;
    else if (r.state === 'at_risk') targets.atRisk += r.n;
    else if (r.state === 'off_track' || r.state === 'overdue') targets.offTrack += r.n;
    else targets.noData += r.n;
  }

  const month = Number(asOf.slice(5, 7));
  const [money] = await rows<{ count: number; plan: string; disbursed: string }>(
    db,
    sql`select count(*)::int as count,
        coalesce((select sum(c.amount) from project_capital_plans c join projects p on p.id = c.project_id where p.plan_id = ${planId} and c.tenant_id = ${tenantId} and c.year = ${year}), 0)::text as plan,
        coalesce((select sum(d.amount) from project_disbursements d join projects p on p.id = d.project_id where p.plan_id = ${planId} and d.tenant_id = ${tenantId} and d.year = ${year} and d.month <= ${month}), 0)::text as disbursed
      from projects where projects.plan_id = ${planId} and projects.tenant_id = ${tenantId}`,
  );
  const [milestones] = await rows<{ planned: number; reached: number; late: number }>(
    db,
    sql`select count(*) filter (where m.planned_on <= ${period.windowTo}::date)::int as planned,
        count(*) filter (where m.planned_on <= ${period.windowTo}::date and m.actual_on <= ${asOf}::date)::int as reached,
        count(*) filter (where m.planned_on <= ${asOf}::date and (m.actual_on is null or m.actual_on > ${asOf}::date))::int as late
      from project_milestones m join projects p on p.id = m.project_id
      where p.plan_id = ${planId} and p.tenant_id = ${tenantId}`,
  );
  const capitalPlan = plainDecimal(new Decimal(money?.plan ?? 0));
  const disbursed = plainDecimal(new Decimal(money?.disbursed ?? 0));

  const [reports] = await rows<{ expected: number; received: number }>(
    db,
    sql`select (select count(*) from reporting_period_agencies where period_id = ${period.id})::int as expected,
        (select count(*) from agency_reports where period_id = ${period.id} and state in ('submitted', 'accepted'))::int as received`,
  );
  // One row per agency that reported (bounded by the agencies, not the tasks).
  const texts = await rows<{ agency: string; difficulties: string; proposals: string }>(
    db,
    sql`select a.name as agency, r.difficulties, r.proposals from agency_reports r join agencies a on a.id = r.agency_id
      where r.period_id = ${period.id} and r.tenant_id = ${tenantId} and r.state in ('submitted', 'accepted')`,
  );
  texts.sort((a, b) => a.agency.localeCompare(b.agency, 'vi'));

  // Adjustments proposed or decided inside the window.
  const from = startOfDayInVietnam(period.windowFrom);
  const until = startOfDayInVietnam(addDays(period.windowTo, 1));
  const adjustments = await rows<{
    agency: string;
    kind: string;
    taskTitle: string | null;
    indicator: string | null;
    reason: string;
    state: Figures['adjustments'][number]['state'];
    decisionNote: string | null;
  }>(
    db,
    sql`select a.name as agency, p.kind, t.title as "taskTitle", tg.indicator, p.reason, p.state, p.decision_note as "decisionNote"
      from adjustment_proposals p join agencies a on a.id = p.agency_id
      left join tasks t on t.id = p.task_id left join targets tg on tg.id = p.target_id
      where p.plan_id = ${planId} and p.tenant_id = ${tenantId}
        and ((p.created_at >= ${from.toISOString()}::timestamptz and p.created_at < ${until.toISOString()}::timestamptz)
          or (p.decided_at >= ${from.toISOString()}::timestamptz and p.decided_at < ${until.toISOString()}::timestamptz))
      order by p.created_at, p.id`,
  );

  return {
    asOf,
    tasks: {
      total: counts.total,
      states: counts.states,
      completionRate: counts.completionRate,
      overdueByAge: counts.overdueByAge,
    },
    bySector: groups(true),
    byAgency: groups(false),
    targets,
    projects: {
      count: money?.count ?? 0,
      year,
      capitalPlan,
      disbursed,
      disbursedPercent: percentOf(disbursed, capitalPlan),
      milestonesPlanned: milestones?.planned ?? 0,
      milestonesReached: milestones?.reached ?? 0,
      milestonesLate: milestones?.late ?? 0,
    },
    agencyReports: { expected: reports?.expected ?? 0, received: reports?.received ?? 0 },
    difficulties: texts
      .map((r) => ({ agency: r.agency, text: r.difficulties }))
      .filter((r) => r.text.trim()),
    proposals: texts
      .map((r) => ({ agency: r.agency, text: r.proposals }))
      .filter((r) => r.text.trim()),
    adjustments: adjustments.map((r) => {
      const what = r.taskTitle ?? r.indicator;
      return {
        agency: r.agency,
        subject: `${ADJUSTMENT_KINDS[r.kind] ?? r.kind}${what ? `: ${what}` : ''}`,
        reason: r.reason,
        state: r.state,
        decisionNote: r.decisionNote,
      };
    }),
  };
}

// ---------------------------------------------------------------------------------------------
// The narrative.

export type StoredNarrative = { narrative: Narrative; version: number; updatedAt: Date | null };

export async function loadNarrative(db: Db, periodId: string): Promise<StoredNarrative> {
  const [row] = await db
    .select()
    .from(consolidatedReports)
    .where(eq(consolidatedReports.periodId, periodId));
  if (!row) return { narrative: narrativeSchema.parse({}), version: 0, updatedAt: null };
  const parsed = narrativeSchema.safeParse(row.narrative);
  return {
    narrative: parsed.success ? parsed.data : narrativeSchema.parse({}),
    version: row.version,
    updatedAt: row.updatedAt,
  };
}

/** Saves the narrative if `version` is the stored one (0: none yet), 409 otherwise; audited. */
export async function saveNarrative(
  db: Db,
  actor: Actor & { tenantId: string },
  userId: string,
  periodId: string,
  input: { version: number; narrative: Narrative },
): Promise<void> {
  await db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(consolidatedReports)
      .where(
        and(
          eq(consolidatedReports.periodId, periodId),
          eq(consolidatedReports.tenantId, actor.tenantId),
        ),
      )
      .for('update');
    const current = row?.version ?? 0;
    if (current !== input.version)
      throw new StaleVersionError('consolidated_report', { version: current });
    if (!row) {
      // Two first saves at once: the primary key lets one in; the other is stale.
      const inserted = await tx
        .insert(consolidatedReports)
        .values({
          periodId,
          tenantId: actor.tenantId,
          narrative: input.narrative,
          version: 1,
          updatedBy: userId,
        })
        .onConflictDoNothing()
        .returning({ periodId: consolidatedReports.periodId });
      if (inserted.length === 0) throw new StaleVersionError('consolidated_report', { version: 1 });
    } else {
      await tx
        .update(consolidatedReports)
        .set({
          narrative: input.narrative,
          version: current + 1,
          updatedBy: userId,
          updatedAt: new Date(),
        })
        .where(eq(consolidatedReports.periodId, periodId));
    }
    await recordAudit(tx, actor, [
      {
        entity: 'consolidated_report',
        entityId: periodId,
        action: row ? 'update' : 'create',
        before: row ? { narrative: row.narrative, version: row.version } : undefined,
        after: { narrative: input.narrative, version: current + 1 },
      },
    ]);
  });
}

// ---------------------------------------------------------------------------------------------
// The files.

/** The names a capitalised plan title keeps: the province (from the settings) and the registry. */
async function keepNames(db: Db, tenantId: string, settings: LoadedSettings): Promise<string[]> {
  const names = await rows<{ name: string }>(
    db,
    sql`select name from agencies where tenant_id = ${tenantId}`,
  );
  return [settings.resolved.place, settings.resolved.authorityName, ...names.map((n) => n.name)];
}

export function subjectOf(period: Period, keep: readonly string[] = []): string {
  return reportSubject({
    plan: {
      number: period.plan.number ?? '',
      issuedOn: period.plan.issuedOn,
      title: period.plan.title ?? '',
      issuer: period.plan.issuer ?? 'UBND tỉnh',
    },
    period: { label: period.label, windowFrom: period.windowFrom, windowTo: period.windowTo },
    keepNames: keep,
  });
}

/** The subject as the .docx prints it (the province and the registry's names kept). */
export async function subjectFor(db: Db, period: Period): Promise<string> {
  const settings = await loadSettings(db, period.tenantId);
  return subjectOf(period, await keepNames(db, period.tenantId, settings));
}

type ReportContext = { input: ConsolidatedReportInput; settings: LoadedSettings };

async function reportContext(
  db: Db,
  period: Period,
  figures: Figures,
  narrative: Narrative,
  today = isoDateInVietnam(),
): Promise<ReportContext> {
  const settings = await loadSettings(db, period.tenantId);
  const r = settings.resolved;
  const keep = await keepNames(db, period.tenantId, settings);
  const input: ConsolidatedReportInput = {
    authorityName: r.authorityName,
    authorityInText: 'UBND tỉnh',
    symbol: r.reportSymbol,
    place: r.place,
    date: today,
    period: { label: period.label, windowFrom: period.windowFrom, windowTo: period.windowTo },
    plan: {
      number: period.plan.number ?? '',
      issuedOn: period.plan.issuedOn,
      title: period.plan.title ?? '',
      issuer: period.plan.issuer ?? 'UBND tỉnh',
    },
    keepNames: keep,
    asOf: figures.asOf,
    tasks: figures.tasks,
    bySector: figures.bySector,
    byAgency: figures.byAgency,
    targets: figures.targets,
    projects: figures.projects,
    agencyReports: figures.agencyReports,
    difficulties: figures.difficulties,
    proposals: figures.proposals,
    adjustments: figures.adjustments,
    narrative,
    recipients: r.recipients,
    draftingUnit: r.consolidatingAgency ? symbolCode(r.consolidatingAgency.code) : '',
    signature: {
      authority: r.reportSigner.authority || undefined,
      deputy: r.reportSigner.deputy || undefined,
      position: r.reportSigner.position,
      name: r.reportSigner.name,
    },
  };
  return { input, settings };
}

/** The report as a .docx, and the figures it was built from. */
export async function buildReportDocx(db: Db, period: Period, asOf = figuresAsOf(period)) {
  const figures = await computeFigures(db, period, asOf);
  const { narrative } = await loadNarrative(db, period.id);
  const { input } = await reportContext(db, period, figures, narrative);
  return { bytes: await buildInWorker({ kind: 'report', input }), figures };
}

const PAGE = 1000;

/** Section headings in the plan's order (depth first): "1. Giao thông". */
async function sectionOrder(db: Db, planId: string) {
  const nodes = await db
    .select({
      id: planNodes.id,
      parentId: planNodes.parentId,
      position: planNodes.position,
      label: planNodes.label,
      title: planNodes.title,
    })
    .from(planNodes)
    .where(eq(planNodes.planId, planId));
  const children = new Map<string | null, typeof nodes>();
  for (const n of nodes) children.set(n.parentId, [...(children.get(n.parentId) ?? []), n]);
  const ordered: { id: string; heading: string }[] = [];
  const visit = (parent: string | null) => {
    for (const n of (children.get(parent) ?? []).sort((a, b) => a.position - b.position)) {
      ordered.push({ id: n.id, heading: [n.label, n.title].filter(Boolean).join(' ') });
      visit(n.id);
    }
  };
  visit(null);
  return ordered;
}

/**
 * Every task of the period's plan in plan order, read in keyset pages of 1 000: its lead and
 * coordinators today, deadline, status on `asOf`, progress and the last approved report's note.
 */
export async function* appendixRows(
  db: Db,
  period: Period,
  asOf = figuresAsOf(period),
): AsyncGenerator<AppendixRow[]> {
  const s = statusSql(asOf);
  const sections = await sectionOrder(db, period.planId);
  if (sections.length === 0) return;
  const headings = sections.map((x) => x.heading);
  const order = `{${sections.map((x) => x.id).join(',')}}`;
  const where = sql.join(taskConditions(period.tenantId, { planId: period.planId }, s), sql` and `);
  let after: { ord: number; position: number; id: string } | null = null;
  for (;;) {
    const keyset: ReturnType<typeof sql> = after
      ? sql`and (o.ord, tasks.position, tasks.id) > (${after.ord}::bigint, ${after.position}::int, ${after.id}::uuid)`
      : sql``;
    const page = await rows<{
      id: string;
      ord: number;
      position: number;
      code: string | null;
      title: string;
      deadline: Deadline;
      dueOn: string | null;
      state: TaskState;
      percent: number | null;
      lead: string | null;
      coordinators: string | null;
      note: string | null;
    }>(
      db,
      sql`select tasks.id, o.ord::int as ord, tasks.position, tasks.code, tasks.title, tasks.deadline,
          (${s.dueOn})::text as "dueOn", ${s.state} as state, tasks.progress_percent as percent, lead.name as lead,
          (select string_agg(ca.name, '\n' order by ta.started_on, ca.name) from task_assignments ta join agencies ca on ca.id = ta.agency_id
            where ta.task_id = tasks.id and ta.role = 'coordinator' and ta.ended_on is null) as coordinators,
          (select pu.narrative from progress_updates pu where pu.task_id = tasks.id and pu.status = 'approved' and pu.kind = 'progress'
            order by pu.reported_on desc, pu.created_at desc limit 1) as note
        from tasks join unnest(${order}::uuid[]) with ordinality o(node_id, ord) on o.node_id = tasks.node_id
        ${s.periodJoin(period.tenantId)}
        left join agencies lead on lead.id = tasks.current_lead_agency_id
        where ${where} ${keyset}
        order by o.ord, tasks.position, tasks.id
        limit ${PAGE}`,
    );
    if (page.length === 0) return;
    yield page.map((r) => {
      const deadline = deadlineSchema.safeParse(r.deadline);
      const label =
        !deadline.success || deadline.data.kind === 'none'
          ? r.dueOn
            ? formatDateVi(r.dueOn)
            : ''
          : describeDeadline(deadline.data);
      return {
        section: headings[Number(r.ord) - 1] ?? '',
        code: r.code,
        title: r.title,
        lead: r.lead,
        coordinators: r.coordinators ? r.coordinators.split('\n') : [],
        deadline: label,
        state: r.state,
        percent: r.percent,
        note: r.note,
      };
    });
    const last = page[page.length - 1] as (typeof page)[number];
    after = { ord: Number(last.ord), position: last.position, id: last.id };
    if (page.length < PAGE) return;
  }
}

/** Consecutive rows of one section as one group. */
async function groupedAppendix(db: Db, period: Period, asOf: string) {
  const groups: { section: string; tasks: AppendixTask[] }[] = [];
  let count = 0;
  for await (const page of appendixRows(db, period, asOf)) {
    for (const { section, ...task } of page) {
      const last = groups[groups.length - 1];
      if (last && last.section === section) last.tasks.push(task);
      else groups.push({ section, tasks: [task] });
      count += 1;
    }
  }
  return { groups, count };
}

export async function buildAppendixFile(db: Db, period: Period, asOf = figuresAsOf(period)) {
  const settings = await loadSettings(db, period.tenantId);
  const { groups, count } = await groupedAppendix(db, period, asOf);
  const today = isoDateInVietnam();
  const appendix = consolidatedAppendix(
    { symbol: settings.resolved.reportSymbol, date: today, authorityInText: 'UBND tỉnh' },
    groups,
  );
  const bytes = await buildInWorker({
    kind: 'appendix-docx',
    appendix,
    meta: { title: `Phụ lục: ${period.label}`, creator: settings.resolved.authorityName },
  });
  return { bytes, count };
}

/** The task list as a spreadsheet (documents.ts), built in the document worker. */
export async function buildAppendixWorkbook(db: Db, period: Period, asOf = figuresAsOf(period)) {
  const all: AppendixRow[] = [];
  for await (const page of appendixRows(db, period, asOf)) all.push(...page);
  const bytes = await buildInWorker({ kind: 'appendix-xlsx', rows: all });
  return { bytes, count: all.length };
}
