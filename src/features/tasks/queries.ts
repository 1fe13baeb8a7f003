// Reading live tasks at province scale: every list is a page chosen by SQL (filters, status and
// order computed in the query by status-sql.ts, limit/offset, a count beside it), and what hangs off
// a task (current lead and coordinators, plan number, open reassignment review) is read for the
// page's rows only. No read loads the tenant's tasks or binds an unbounded list of ids.
import { and, asc, desc, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { foldedSql } from '../../db/fold.js';
import { preparedRows } from '../../db/prepared.js';
import { cacheKey } from '../../db/read-cache.js';
import {
  agencies,
  extensionRequests,
  legalDocuments,
  plans,
  progressUpdates,
  reassignmentReviews,
  taskAssignments,
  tasks,
} from '../../db/schema.js';
import { type Deadline, deadlineSchema } from '../../domain/deadline.js';
import { isRecurring } from '../../domain/reporting-period.js';
import {
  completionRateOf,
  type OverdueAge,
  overdueAge,
  type TaskState,
} from '../../domain/task-status.js';
import { foldForSearch } from '../../domain/vietnamese-text.js';
import type { TaskAccess } from './policy.js';
import type { LiveTaskStatus } from './status.js';
import {
  addDays,
  either,
  type Halves,
  type Kind,
  ofKind,
  type StatusSql,
  statusSql,
} from './status-sql.js';

export type AgencyRef = { id: string; name: string };

export type TaskFacts = {
  id: string;
  tenantId: string;
  code: string | null;
  title: string;
  body: string | null;
  sector: string | null;
  expectedOutput: string | null;
  planId: string;
  planNumber: string | null;
  planTitle: string | null;
  deadline: Deadline;
  plannedDueOn: string | null;
  assignedDueOn: string | null;
  extendedDueOn: string | null;
  completedOn: string | null;
  percent: number | null;
  version: number;
  namedLead: AgencyRef | null;
  leadAsWritten: string | null;
  lead: AgencyRef | null;
  coordinators: AgencyRef[];
  awaitingReassignment: boolean;
  status: LiveTaskStatus;
  access: TaskAccess;
};

/** Which tasks: every filter the task list, my work and urging offer, all answered in SQL. */
export type TaskFilter = {
  planId?: string | undefined;
  /** Text of the title or body, diacritics optional (a folded substring). */
  q?: string | undefined;
  /** Tasks the agency currently carries, in `role` (lead unless said). */
  agencyId?: string | undefined;
  role?: 'lead' | 'coordinator' | 'any' | undefined;
  /** Only tasks nobody currently leads. */
  unassigned?: boolean | undefined;
  state?: TaskState | undefined;
  /** Only work not done (in progress, overdue, not started). */
  open?: boolean | undefined;
  /** Open work judged against a date on or before this day (overdue included). */
  dueBefore?: string | undefined;
  /** Open work due from today to this many days ahead ("sắp đến hạn"). */
  dueSoonDays?: number | undefined;
  taskId?: string | undefined;
  /** Tasks of this sector. */
  sector?: string | undefined;
  /** Overdue work of this age band (status-sql.ts#ageOf). */
  overdueAge?: OverdueAge | undefined;
};

export type TaskSort = 'plan' | 'due';

export type TaskPage = {
  sort?: TaskSort | undefined;
  limit: number;
  offset: number;
};

/** In the agency's current work: as lead, the task's own column (indexed); else its assignments. */
const currentlyIn = (agencyId: string, role: 'lead' | 'coordinator' | 'any') =>
  role === 'lead'
    ? sql`${tasks.currentLeadAgencyId} = ${agencyId}`
    : sql`exists (select 1 from ${taskAssignments} where ${taskAssignments.taskId} = ${tasks.id} and ${taskAssignments.agencyId} = ${agencyId} and ${taskAssignments.endedOn} is null${role === 'any' ? sql`` : sql` and ${taskAssignments.role} = ${role}`})`;

const withoutLead = sql`${tasks.currentLeadAgencyId} is null`;

/**
 * Not a task of a plan whose content is still being stored (plans.storing_since): the few such
 * plans are looked up once per statement, not per row.
 */
const notStoring = (tenantId: string) =>
  sql`${tasks.planId} <> all(array(select ${plans.id} from ${plans} where ${plans.tenantId} = ${tenantId} and ${plans.storingSince} is not null))`;

const likeTerm = (term: string) => `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * The WHERE of a filter: tenant first, then each filter given. With a kind, the conditions for
 * that kind of work only (its rows, and the status predicates' half for it).
 */
export function taskConditions(
  tenantId: string,
  filter: TaskFilter,
  s: StatusSql,
  kind?: Kind,
): SQL[] {
  const status = (p: Halves) => (kind ? p[kind] : either(p));
  const where: SQL[] = [eq(tasks.tenantId, tenantId), notStoring(tenantId)];
  // A one-off condition on the judged date implies one-off work (effective_due_on is null for
  // recurring work): without the redundant guard, a count of overdue work is an index-only scan.
  const datedOneOff =
    kind === 'oneOff' &&
    (filter.state === 'overdue' ||
      filter.overdueAge !== undefined ||
      filter.dueBefore !== undefined ||
      filter.dueSoonDays !== undefined);
  if (kind && !datedOneOff) where.push(ofKind[kind]);
  if (filter.taskId) where.push(eq(tasks.id, filter.taskId));
  if (filter.planId) where.push(eq(tasks.planId, filter.planId));
  const term = filter.q ? foldForSearch(filter.q) : '';
  if (term) {
    // search_text (trigram-indexed) is written with the row; a row written without it (the
    // column's default '') is folded here instead, so no task drops out of a search.
    where.push(
      sql`(${tasks.searchText} like ${likeTerm(term)} or (${tasks.searchText} = '' and ${foldedSql(sql`${tasks.title} || ' ' || coalesce(${tasks.body}, '')`)} like ${likeTerm(term)}))`,
    );
  }
  if (filter.agencyId) where.push(currentlyIn(filter.agencyId, filter.role ?? 'lead'));
  if (filter.unassigned) where.push(withoutLead);
  if (filter.sector) where.push(eq(tasks.sector, filter.sector));
  if (filter.overdueAge) where.push(status(s.overdueAgedOf(filter.overdueAge)));
  if (filter.state) where.push(status(s.inStateOf(filter.state)));
  if (filter.open) where.push(status(s.openOf));
  if (filter.dueBefore) where.push(status(s.openDueByOf(filter.dueBefore)));
  if (filter.dueSoonDays !== undefined)
    where.push(status(s.openDueBetweenOf(s.asOf, addDays(s.asOf, filter.dueSoonDays))));
  return where;
}

const whereAll = (conditions: SQL[]) => sql.join(conditions, sql` and `);

/** The rows of a statement, prepared once per connection (db/prepared.ts). */
function rowsOf<T>(db: Db, key: unknown[], build: () => SQL): Promise<T[]> {
  return preparedRows<T>(db, cacheKey(...key), build);
}

type Responsible = { role: string; id: string; name: string };

type PageRow = {
  id: string;
  tenantId: string;
  planId: string;
  code: string | null;
  title: string;
  body: string | null;
  sector: string | null;
  expectedOutput: string | null;
  leadAgencyId: string | null;
  leadAsWritten: string | null;
  deadline: unknown;
  plannedDueOn: string | null;
  assignedDueOn: string | null;
  extendedDueOn: string | null;
  completedOn: string | null;
  percent: number | null;
  version: number;
  state: TaskState;
  statusDueOn: string | null;
  periodLabel: string | null;
  periodFrom: string | null;
  overdueDays: number | null;
  planNumber: string | null;
  planTitle: string | null;
  namedLeadName: string | null;
  responsible: Responsible[] | null;
  awaitingReassignment: boolean;
};

/**
 * The ids of one page, in order, and the filter's total (an expression over `page`; null when the
 * caller knows it already). By deadline, each kind of work is ordered by its own date (one-off
 * work along tasks_open_due_idx, or tasks_lead_open_due_idx for an agency as lead) and the two are
 * merged, and the total is one count per kind along its index; in plan order, one index walk
 * (tasks_lead_plan_position_idx for an agency as lead). An agency's work as coordinator (a few
 * hundred tasks at most) is read once from its assignments and counted by a window over the pass.
 */
function orderedIds(
  tenantId: string,
  filter: TaskFilter,
  s: StatusSql,
  page: TaskPage,
  counted: boolean,
): { ids: SQL; total: SQL } {
  const window = sql`limit ${page.limit} offset ${page.offset}`;
  // An agency as lead is a prefix of the by-lead indexes: its pages are read like the province's.
  const scanned = filter.agencyId !== undefined && (filter.role ?? 'lead') !== 'lead';
  if (scanned || filter.taskId) {
    const order =
      page.sort === 'due'
        ? sql`${s.dueOn} asc nulls last, ${tasks.planId}, ${tasks.position}, ${tasks.id}`
        : sql`${tasks.planId}, ${tasks.position}, ${tasks.id}`;
    return {
      ids: sql`select ${tasks.id} as id, ${page.sort === 'due' ? s.dueOn : sql`null::date`} as due, ${tasks.planId} as plan_id, ${tasks.position} as position, ${counted ? sql`null::bigint` : sql`count(*) over ()`} as total from ${tasks} ${s.periodJoin(tenantId)} where ${whereAll(taskConditions(tenantId, filter, s))} order by ${order} ${window}`,
      total: counted ? sql`null::int` : sql`page.total::int`,
    };
  }
  const total = counted ? sql`null::int` : countSql(tenantId, filter, s);
  if (page.sort === 'due') {
    const enough = page.offset + page.limit;
    const branch = (kind: Kind) =>
      sql`(select ${tasks.id} as id, ${s.dueOnOf[kind]} as due, ${tasks.planId} as plan_id, ${tasks.position} as position from ${tasks} ${s.periodJoinOf(kind, tenantId)} where ${whereAll(taskConditions(tenantId, filter, s, kind))} order by ${s.dueOrderOf[kind]}, 3, 4, 1 limit ${enough})`;
    return {
      ids: sql`select id, due, plan_id, position from (${branch('oneOff')} union all ${branch('recurring')}) u order by due asc nulls last, plan_id, position, id ${window}`,
      total,
    };
  }
  return {
    ids: sql`select ${tasks.id} as id, null::date as due, ${tasks.planId} as plan_id, ${tasks.position} as position from ${tasks} ${s.periodJoin(tenantId)} where ${whereAll(taskConditions(tenantId, filter, s))} order by ${tasks.planId}, ${tasks.position}, ${tasks.id} ${window}`,
    total,
  };
}

/** A page of tasks with their status on `asOf`, and what hangs off them (for these rows only). */
function pageRows(
  db: Db,
  tenantId: string,
  key: unknown[],
  ids: () => { ids: SQL; total: SQL },
  s: StatusSql,
): Promise<(PageRow & { total: number | null })[]> {
  return rowsOf(db, ['page', ...key], () => {
    const page = ids();
    return sql`with page as (${page.ids})
    select ${page.total} as "total", ${tasks.id} as "id", ${tasks.tenantId} as "tenantId", ${tasks.planId} as "planId",
      ${tasks.code} as "code", ${tasks.title} as "title", ${tasks.body} as "body",
      ${tasks.sector} as "sector", ${tasks.expectedOutput} as "expectedOutput",
      ${tasks.leadAgencyId} as "leadAgencyId", ${tasks.leadAsWritten} as "leadAsWritten",
      ${tasks.deadline} as "deadline", ${tasks.dueOn} as "plannedDueOn",
      ${tasks.assignedDueOn} as "assignedDueOn", ${tasks.extendedDueOn} as "extendedDueOn",
      ${tasks.completedOn} as "completedOn", ${tasks.progressPercent} as "percent",
      ${tasks.version} as "version",
      ${s.state} as "state", ${s.dueOn} as "statusDueOn", ${s.overdueDays} as "overdueDays",
      (case when ${ofKind.recurring} then ${s.period.label} end) as "periodLabel",
      (case when ${ofKind.recurring} then ${s.period.from} end) as "periodFrom",
      plan.number as "planNumber", plan.title as "planTitle",
      (select ${agencies.name} from ${agencies} where ${agencies.id} = ${tasks.leadAgencyId}) as "namedLeadName",
      (select json_agg(json_build_object('role', ${taskAssignments.role}, 'id', ${taskAssignments.agencyId},
          'name', (select ${agencies.name} from ${agencies} where ${agencies.id} = ${taskAssignments.agencyId}))
          order by ${taskAssignments.createdAt}, ${taskAssignments.id})
        from ${taskAssignments}
        where ${taskAssignments.taskId} = ${tasks.id} and ${taskAssignments.endedOn} is null) as "responsible",
      exists (select 1 from ${reassignmentReviews} where ${reassignmentReviews.taskId} = ${tasks.id} and ${reassignmentReviews.status} = 'open') as "awaitingReassignment"
    from page join ${tasks} on ${tasks.id} = page.id
      ${s.periodJoin(tenantId)}
      left join lateral (select ${legalDocuments.numberCanonical} as number, ${legalDocuments.title} as title
        from ${plans} join ${legalDocuments} on ${legalDocuments.id} = ${plans.documentId}
        where ${plans.id} = ${tasks.planId}) plan on true
    order by page.due asc nulls last, page.plan_id, page.position, page.id`;
  });
}

function toFacts(t: PageRow): TaskFacts {
  const deadline = deadlineSchema.parse(t.deadline);
  const responsible = t.responsible ?? [];
  const leadRow = responsible.find((a) => a.role === 'lead');
  const lead = leadRow ? { id: leadRow.id, name: leadRow.name } : null;
  const coordinators = responsible
    .filter((a) => a.role === 'coordinator')
    .map((a) => ({ id: a.id, name: a.name }));
  const overdueDays = t.overdueDays === null ? null : Number(t.overdueDays);
  const status: LiveTaskStatus = {
    state: t.state,
    dueOn: t.statusDueOn,
    overdueDays,
    age: overdueDays === null ? null : overdueAge(overdueDays),
    period:
      isRecurring(deadline) && t.statusDueOn && t.periodLabel && t.periodFrom
        ? { label: t.periodLabel, from: t.periodFrom, submissionDueOn: t.statusDueOn }
        : null,
  };
  return {
    id: t.id,
    tenantId: t.tenantId,
    code: t.code,
    title: t.title,
    body: t.body,
    sector: t.sector,
    expectedOutput: t.expectedOutput,
    planId: t.planId,
    planNumber: t.planNumber,
    planTitle: t.planTitle,
    deadline,
    plannedDueOn: t.plannedDueOn,
    assignedDueOn: t.assignedDueOn,
    extendedDueOn: t.extendedDueOn,
    completedOn: t.completedOn,
    percent: t.percent,
    version: t.version,
    namedLead:
      t.leadAgencyId && t.namedLeadName ? { id: t.leadAgencyId, name: t.namedLeadName } : null,
    leadAsWritten: t.leadAsWritten,
    lead,
    coordinators,
    awaitingReassignment: t.awaitingReassignment,
    status,
    access: {
      tenantId: t.tenantId,
      leadAgencyId: lead?.id ?? null,
      coordinatorAgencyIds: coordinators.map((c) => c.id),
      completed: t.completedOn !== null,
    },
  };
}

/** How many tasks a filter selects: one count per kind of work, each along its own index. */
export async function countMatching(
  db: Db,
  tenantId: string,
  filter: TaskFilter,
  asOf: string,
): Promise<number> {
  const s = statusSql(asOf);
  const [row] = await rowsOf<{ n: number }>(
    db,
    ['count', tenantId, filter, asOf],
    () => sql`select ${countSql(tenantId, filter, s)} as n`,
  );
  return row?.n ?? 0;
}

/** The count of a filter as an expression: one count per kind of work, each along its own index. */
function countSql(tenantId: string, filter: TaskFilter, s: StatusSql) {
  const count = (kind: Kind) =>
    sql`(select count(*) from ${tasks} ${s.periodJoinOf(kind, tenantId)} where ${whereAll(taskConditions(tenantId, filter, s, kind))})`;
  return sql`(${count('oneOff')} + ${count('recurring')})::int`;
}

/**
 * One page of the tenant's tasks with their current lead and status on `asOf`, and how many the
 * filter selects (`count` gives it when the caller keeps it, e.g. in the read cache; otherwise it
 * is counted in the page's own statement). The tenant is part of every query: another tenant's
 * task id finds nothing.
 */
export async function listTasks(
  db: Db,
  tenantId: string,
  filter: TaskFilter,
  page: TaskPage,
  asOf: string,
  count?: () => Promise<number>,
): Promise<{ items: TaskFacts[]; total: number }> {
  const s = statusSql(asOf);
  if (count) {
    const [rows, total] = await Promise.all([
      pageRows(
        db,
        tenantId,
        [tenantId, filter, page, asOf, true],
        () => orderedIds(tenantId, filter, s, page, true),
        s,
      ),
      count(),
    ]);
    return { items: rows.map((r) => toFacts(r)), total };
  }
  // The page and its total in one statement; past the end there is no row to carry the total.
  const rows = await pageRows(
    db,
    tenantId,
    [tenantId, filter, page, asOf, false],
    () => orderedIds(tenantId, filter, s, page, false),
    s,
  );
  const total =
    rows[0]?.total ?? (page.offset === 0 ? 0 : await countMatching(db, tenantId, filter, asOf));
  return { items: rows.map((r) => toFacts(r)), total };
}

export async function loadTask(db: Db, tenantId: string, id: string, asOf: string) {
  const s = statusSql(asOf);
  const [row] = await pageRows(
    db,
    tenantId,
    [tenantId, { taskId: id }, asOf],
    () => orderedIds(tenantId, { taskId: id }, s, { limit: 1, offset: 0 }, true),
    s,
  );
  return row ? toFacts(row) : null;
}

const AGES = ['over_120', 'over_60', 'over_30', 'under_30'] as const;
const STATES: readonly TaskState[] = [
  'done_on_time',
  'done_late',
  'in_progress',
  'overdue',
  'not_started',
];

export type TaskCounts = {
  total: number;
  states: Record<TaskState, number>;
  open: number;
  overdueByAge: Record<(typeof AGES)[number], number>;
  completionRate: number | null;
};

/** Tasks counted by state and overdue age (one GROUP BY), for any filter of the list. */
export async function countTasks(
  db: Db,
  tenantId: string,
  filter: TaskFilter,
  asOf: string,
): Promise<TaskCounts> {
  const s = statusSql(asOf);
  const from = (kind: Kind) =>
    sql`${tasks} ${s.periodJoinOf(kind, tenantId)} where ${whereAll(taskConditions(tenantId, filter, s, kind))}`;
  const rows = await rowsOf<{ state: TaskState; age: OverdueAge | null; n: number }>(
    db,
    ['counts', tenantId, filter, asOf],
    () =>
      sql`(select ${s.stateOf.oneOff} as state, ${s.ageOf.oneOff} as age, count(*)::int as n from ${from('oneOff')} group by 1, 2)
    union all (select ${s.stateOf.recurring} as state, ${s.ageOf.recurring} as age, count(*)::int as n from ${from('recurring')} group by 1, 2)`,
  );
  const states = Object.fromEntries(STATES.map((st) => [st, 0])) as Record<TaskState, number>;
  const overdueByAge = Object.fromEntries(AGES.map((a) => [a, 0])) as TaskCounts['overdueByAge'];
  for (const r of rows) {
    states[r.state] += r.n;
    if (r.age) overdueByAge[r.age] += r.n;
  }
  return {
    total: STATES.reduce((sum, st) => sum + states[st], 0),
    states,
    open: states.in_progress + states.overdue + states.not_started,
    overdueByAge,
    completionRate: completionRateOf(states),
  };
}

export type TaskBreakdownRow = {
  /** 'sector': counted by sector; 'agency': by current lead agency. */
  by: 'sector' | 'agency';
  sector: string | null;
  agencyId: string | null;
  agencyName: string | null;
  state: TaskState;
  n: number;
};

/**
 * Tasks counted by state in two breakdowns at once (the dashboard): by sector and by current lead
 * agency. One scan per kind of work with the same filters and status expressions as the counts,
 * grouped by GROUPING SETS; agencies' names are joined to the few grouped rows.
 */
export async function countTasksBreakdown(
  db: Db,
  tenantId: string,
  filter: TaskFilter,
  asOf: string,
): Promise<TaskBreakdownRow[]> {
  const s = statusSql(asOf);
  const byKind = (kind: Kind) =>
    sql`select ${tasks.sector} as sector, ${tasks.currentLeadAgencyId} as agency_id, ${s.stateOf[kind]} as state from ${tasks} ${s.periodJoinOf(kind, tenantId)} where ${whereAll(taskConditions(tenantId, filter, s, kind))}`;
  const rows = await rowsOf<Omit<TaskBreakdownRow, 'by'> & { bySector: boolean }>(
    db,
    ['breakdown', tenantId, filter, asOf],
    () =>
      sql`select g.sector, g.agency_id as "agencyId", ${agencies.name} as "agencyName", g.state, g.n, g.by_sector as "bySector"
    from (select sector, agency_id, state, count(*)::int as n, grouping(agency_id) = 1 as by_sector
      from (${byKind('oneOff')} union all ${byKind('recurring')}) t
      group by grouping sets ((sector, state), (agency_id, state))) g
    left join ${agencies} on ${agencies.id} = g.agency_id`,
  );
  return rows.map(({ bySector, ...r }) => ({ by: bySector ? 'sector' : 'agency', ...r }));
}

/** "Việc của tôi" counters for an agency: what it leads and coordinates, overdue, due soon. */
export async function agencyWorkCounts(
  db: Db,
  tenantId: string,
  agencyId: string,
  asOf: string,
  dueSoonDays: number,
) {
  const s = statusSql(asOf);
  const lead = sql`${taskAssignments.role} = 'lead'`;
  const [row] = await rowsOf<{
    lead: number;
    coordinate: number;
    overdue: number;
    dueSoon: number;
  }>(
    db,
    ['work-counts', tenantId, agencyId, asOf, dueSoonDays],
    () => sql`select count(*) filter (where ${lead})::int as "lead",
      count(*) filter (where ${taskAssignments.role} = 'coordinator')::int as "coordinate",
      count(*) filter (where ${lead} and ${s.overdue})::int as "overdue",
      count(*) filter (where ${lead} and ${s.openDueBetween(asOf, addDays(asOf, dueSoonDays))})::int as "dueSoon"
    from ${taskAssignments} join ${tasks} on ${tasks.id} = ${taskAssignments.taskId} ${s.periodJoin(tenantId)}
    where ${taskAssignments.agencyId} = ${agencyId} and ${taskAssignments.endedOn} is null
      and ${tasks.tenantId} = ${tenantId} and ${notStoring(tenantId)}`,
  );
  return row ?? { lead: 0, coordinate: 0, overdue: 0, dueSoon: 0 };
}

/** At most this many pending approvals or extension requests are listed at once (all are counted). */
export const PENDING_LIST_LIMIT = 50;

/** Progress reports of an agency waiting for its head: the oldest first, and how many. */
export async function pendingApprovals(db: Db, tenantId: string, agencyId: string) {
  const where = and(
    eq(progressUpdates.tenantId, tenantId),
    eq(progressUpdates.agencyId, agencyId),
    eq(progressUpdates.status, 'pending'),
  );
  const [rows, [count]] = await Promise.all([
    db
      .select({ id: progressUpdates.id, taskId: progressUpdates.taskId, taskTitle: tasks.title })
      .from(progressUpdates)
      .innerJoin(tasks, eq(tasks.id, progressUpdates.taskId))
      .where(where)
      .orderBy(asc(progressUpdates.createdAt))
      .limit(PENDING_LIST_LIMIT),
    db.select({ n: sql<number>`count(*)::int` }).from(progressUpdates).where(where),
  ]);
  return { rows, total: count?.n ?? 0 };
}

/** Extension requests waiting for the consolidator: the oldest first, and how many. */
export async function pendingExtensionRequests(db: Db, tenantId: string) {
  const where = and(
    eq(extensionRequests.tenantId, tenantId),
    eq(extensionRequests.status, 'pending'),
  );
  const [rows, [count]] = await Promise.all([
    db
      .select({
        id: extensionRequests.id,
        taskId: extensionRequests.taskId,
        taskTitle: tasks.title,
      })
      .from(extensionRequests)
      .innerJoin(tasks, eq(tasks.id, extensionRequests.taskId))
      .where(where)
      .orderBy(asc(extensionRequests.requestedAt))
      .limit(PENDING_LIST_LIMIT),
    db.select({ n: sql<number>`count(*)::int` }).from(extensionRequests).where(where),
  ]);
  return { rows, total: count?.n ?? 0 };
}

// ---------------------------------------------------------------------------------------------
// Đôn đốc.

export type AgencyUrgingCounts = {
  agency: AgencyRef;
  overdue: number;
  dueSoon: number;
  ages: Record<(typeof AGES)[number], number>;
};

/**
 * Overdue and due-soon work by current lead agency (one GROUP BY over open work due by
 * asOf + dueSoonDays): most overdue first, then most due soon, then by name.
 */
export async function urgingCounts(
  db: Db,
  tenantId: string,
  filter: { planId?: string | undefined },
  asOf: string,
  dueSoonDays: number,
): Promise<AgencyUrgingCounts[]> {
  const s = statusSql(asOf);
  const last = addDays(asOf, dueSoonDays);
  // Open work due by the end of the window (overdue included), each kind along its own index.
  const byKind = (kind: Kind) =>
    sql`select ${tasks.id} as id, ${s.ageOf[kind]} as age from ${tasks} ${s.periodJoinOf(kind, tenantId)} where ${whereAll(taskConditions(tenantId, { planId: filter.planId, dueBefore: last }, s, kind))}`;
  const rows = await rowsOf<{
    agencyId: string;
    agencyName: string;
    age: OverdueAge | null;
    n: number;
  }>(
    db,
    ['urging', tenantId, filter, asOf, dueSoonDays],
    () =>
      sql`select ${taskAssignments.agencyId} as "agencyId", ${agencies.name} as "agencyName", due.age as age, count(*)::int as n
      from (${byKind('oneOff')} union all ${byKind('recurring')}) due
      join ${taskAssignments} on ${taskAssignments.taskId} = due.id and ${taskAssignments.role} = 'lead' and ${taskAssignments.endedOn} is null
      join ${agencies} on ${agencies.id} = ${taskAssignments.agencyId}
      group by 1, 2, 3`,
  );
  const byAgency = new Map<string, AgencyUrgingCounts>();
  for (const r of rows) {
    let entry = byAgency.get(r.agencyId);
    if (!entry) {
      entry = {
        agency: { id: r.agencyId, name: r.agencyName },
        overdue: 0,
        dueSoon: 0,
        ages: { over_120: 0, over_60: 0, over_30: 0, under_30: 0 },
      };
      byAgency.set(r.agencyId, entry);
    }
    if (r.age) {
      entry.overdue += r.n;
      entry.ages[r.age] += r.n;
    } else entry.dueSoon += r.n;
  }
  return [...byAgency.values()].sort(
    (a, b) =>
      b.overdue - a.overdue ||
      b.dueSoon - a.dueSoon ||
      a.agency.name.localeCompare(b.agency.name, 'vi'),
  );
}

export type OverdueForLetter = {
  agencyId: string;
  agencyName: string;
  planId: string;
  code: string | null;
  title: string;
  deadline: Deadline;
  percent: number | null;
  dueOn: string | null;
  overdueDays: number | null;
};

/** Overdue tasks of the given lead agencies (all when null), most overdue first, for the letter. */
export async function overdueOfAgencies(
  db: Db,
  tenantId: string,
  filter: { planId?: string | undefined; agencyIds: readonly string[] | null },
  asOf: string,
): Promise<OverdueForLetter[]> {
  const s = statusSql(asOf);
  const where = [...taskConditions(tenantId, { planId: filter.planId }, s), s.overdue];
  if (filter.agencyIds) {
    if (filter.agencyIds.length === 0) return [];
    where.push(inArray(taskAssignments.agencyId, [...filter.agencyIds]));
  }
  const rows = await db
    .select({
      agencyId: taskAssignments.agencyId,
      agencyName: agencies.name,
      planId: tasks.planId,
      code: tasks.code,
      title: tasks.title,
      deadline: tasks.deadline,
      percent: tasks.progressPercent,
      dueOn: s.dueOn,
      overdueDays: s.overdueDays,
    })
    .from(tasks)
    .leftJoin(s.period.current(tenantId), s.period.currentOn)
    .leftJoin(s.period.outcome, s.period.outcomeOn)
    .innerJoin(
      taskAssignments,
      and(
        eq(taskAssignments.taskId, tasks.id),
        eq(taskAssignments.role, 'lead'),
        isNull(taskAssignments.endedOn),
      ),
    )
    .innerJoin(agencies, eq(agencies.id, taskAssignments.agencyId))
    .where(and(...where))
    .orderBy(desc(s.overdueDays), asc(tasks.planId), asc(tasks.position));
  return rows.map((r) => ({
    ...r,
    deadline: deadlineSchema.parse(r.deadline),
    overdueDays: r.overdueDays === null ? null : Number(r.overdueDays),
  }));
}
