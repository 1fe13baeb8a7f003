// The leadership dashboard's figures, every one a GROUP BY in the database: tasks by state, overdue
// age, sector and current lead agency (tasks/queries.ts, with the status rule of status-sql.ts);
// targets by their stored projection (targets.projection_state, read as the targets list reads
// it); key projects' capital plan and disbursement of the year summed per sector, and milestones
// not reached by their planned day (domain/project-progress.ts#milestoneSlippage > 0, stated in
// SQL); the expected agencies of a reporting period that have not reported (reporting-periods'
// completeness, counted). What comes back are a few aggregated rows; no project's months, target
// or task is loaded into the process.
import { and, desc, eq, isNotNull, isNull, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import {
  agencies,
  agencyReports,
  planNodes,
  plans,
  projects,
  reportingPeriodAgencies,
  reportingPeriods,
  targets,
} from '../../db/schema.js';
import { NotFoundError } from '../../server/errors.js';
import { conditions as projectConditions, slippingMilestone } from '../projects/service.js';
import { projectionStateSql, conditions as targetConditions } from '../targets/service.js';

export type DashboardFilter = {
  planId?: string | undefined;
  periodId?: string | undefined;
  sector?: string | undefined;
  agencyId?: string | undefined;
};

export type PeriodRef = {
  id: string;
  label: string;
  planId: string;
  windowTo: string;
  submissionDueOn: string;
};

/**
 * The plan and agency filtered on belong to the tenant (a visible plan): else 404, as for a plan
 * or agency that does not exist, so that another tenant's ids are never echoed in the lists' links.
 */
export async function checkFilter(db: Db, tenantId: string, filter: DashboardFilter) {
  if (filter.planId) {
    const [plan] = await db
      .select({ id: plans.id })
      .from(plans)
      .where(
        and(eq(plans.id, filter.planId), eq(plans.tenantId, tenantId), isNull(plans.storingSince)),
      );
    if (!plan) throw new NotFoundError('plan');
  }
  if (filter.agencyId) {
    const [agency] = await db
      .select({ id: agencies.id })
      .from(agencies)
      .where(and(eq(agencies.id, filter.agencyId), eq(agencies.tenantId, tenantId)));
    if (!agency) throw new NotFoundError('agency');
  }
}

/**
 * The period whose reports are counted: the one asked for (404 when it is not a period of the
 * tenant's visible plans, or not of the plan filtered on), else the latest opened period of the
 * plan (of every plan without one) whose window has begun, by submission deadline: the most recent
 * report the province asked for. None when no period was opened.
 */
export async function periodOf(
  db: Db,
  tenantId: string,
  filter: DashboardFilter,
  asOf: string,
): Promise<PeriodRef | null> {
  const rp = reportingPeriods;
  const where: (SQL | undefined)[] = [
    eq(rp.tenantId, tenantId),
    isNull(plans.storingSince),
    filter.planId ? eq(rp.planId, filter.planId) : undefined,
  ];
  if (filter.periodId) where.push(eq(rp.id, filter.periodId));
  else where.push(isNotNull(rp.openedAt), sql`${rp.windowFrom} <= ${asOf}::date`);
  const [row] = await db
    .select({
      id: rp.id,
      label: rp.label,
      planId: rp.planId,
      windowTo: rp.windowTo,
      submissionDueOn: rp.submissionDueOn,
    })
    .from(rp)
    .innerJoin(plans, eq(plans.id, rp.planId))
    .where(and(...where))
    .orderBy(desc(rp.submissionDueOn), desc(rp.windowFrom))
    .limit(1);
  if (!row && filter.periodId) throw new NotFoundError('reporting period');
  return row ?? null;
}

/** Expected agencies of the period (the one agency filtered on) and how many have reported. */
export async function reportCounts(
  db: Db,
  periodId: string,
  agencyId: string | undefined,
): Promise<{ expected: number; submitted: number }> {
  const [row] = await db
    .select({
      expected: sql<number>`count(*)::int`,
      submitted: sql<number>`count(*) filter (where ${agencyReports.state} in ('submitted', 'accepted'))::int`,
    })
    .from(reportingPeriodAgencies)
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
        agencyId ? eq(reportingPeriodAgencies.agencyId, agencyId) : undefined,
      ),
    );
  return { expected: row?.expected ?? 0, submitted: row?.submitted ?? 0 };
}

export type TargetCountRow = { sector: string | null; state: string; n: number };

/** Targets counted by sector and projection (as the targets list filters it in `year`). */
export function targetCounts(
  db: Db,
  tenantId: string,
  filter: DashboardFilter,
  year: number,
): Promise<TargetCountRow[]> {
  const state = projectionStateSql(year);
  return (
    db
      .select({ sector: targets.sector, state, n: sql<number>`count(*)::int` })
      .from(targets)
      .innerJoin(plans, eq(plans.id, targets.planId))
      .where(
        targetConditions(tenantId, {
          planId: filter.planId,
          sector: filter.sector,
          agencyId: filter.agencyId,
        }),
      )
      // By position: the state expression carries a bound value, which GROUP BY cannot match.
      .groupBy(sql`1, 2`)
  );
}

export type ProjectSumRow = {
  sector: string | null;
  projects: number;
  capitalPlanned: string;
  disbursed: string;
  slipping: number;
  milestonesSlipping: number;
};

/**
 * Key projects by sector: how many, the year's capital plan and disbursement (numeric sums, as
 * exact text), how many have a milestone slipping and how many such milestones. Each project's
 * sums are lookups along the unique (project, year, …) indexes.
 */
export function projectSums(
  db: Db,
  tenantId: string,
  filter: DashboardFilter,
  year: number,
  asOf: string,
): Promise<ProjectSumRow[]> {
  // Each project's sums once (lookups along the unique (project, year, …) indexes), then by sector.
  const perProject = db
    .select({
      sector: projects.sector,
      planned:
        sql`(select coalesce(sum(c.amount), 0) from project_capital_plans c where c.project_id = ${projects.id} and c.year = ${year})`.as(
          'planned',
        ),
      disbursed:
        sql`(select coalesce(sum(d.amount), 0) from project_disbursements d where d.project_id = ${projects.id} and d.year = ${year})`.as(
          'disbursed',
        ),
      slipping:
        sql`(select count(*) from project_milestones m where m.project_id = ${projects.id} and ${slippingMilestone(asOf)})`.as(
          'slipping',
        ),
    })
    .from(projects)
    .innerJoin(plans, eq(plans.id, projects.planId))
    .where(
      projectConditions(tenantId, {
        planId: filter.planId,
        sector: filter.sector,
        ownerAgencyId: filter.agencyId,
      }),
    )
    .as('p');
  return db
    .select({
      sector: perProject.sector,
      projects: sql<number>`count(*)::int`,
      capitalPlanned: sql<string>`coalesce(sum(${perProject.planned}), 0)::text`,
      disbursed: sql<string>`coalesce(sum(${perProject.disbursed}), 0)::text`,
      slipping: sql<number>`count(*) filter (where ${perProject.slipping} > 0)::int`,
      milestonesSlipping: sql<number>`coalesce(sum(${perProject.slipping}), 0)::int`,
    })
    .from(perProject)
    .groupBy(perProject.sector);
}

/**
 * The sectors the plan (every visible plan) names: on its sections and objectives, targets and
 * projects (small tables; a task's sector is its own or its node's, and the task breakdown adds any
 * other).
 */
export async function sectorsOf(db: Db, tenantId: string, planId: string | undefined) {
  const of = (table: typeof planNodes | typeof targets | typeof projects) =>
    db
      .selectDistinct({ sector: sql<string>`${table.sector}` })
      .from(table)
      .innerJoin(plans, eq(plans.id, table.planId))
      .where(
        and(
          eq(table.tenantId, tenantId),
          isNull(plans.storingSince),
          isNotNull(table.sector),
          planId ? eq(table.planId, planId) : undefined,
        ),
      );
  const rows = (await Promise.all([of(planNodes), of(targets), of(projects)])).flat();
  return rows.map((r) => r.sector);
}
