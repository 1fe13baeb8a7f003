// Reading the public view: a handful of statements per plan along the plan indexes (targets,
// projects, nodes and tasks by plan; actuals, milestones, disbursements and feedback by their
// item's index). Never the tenant's tasks: the agencies leading the plan's tasks are one GROUP BY
// over the plan's range of `tasks_tenant_plan_position_idx`. What may be read is rule.ts's.
import { and, desc, eq, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { legalDocuments, plans } from '../../db/schema.js';
import { projectionSql } from '../targets/service.js';
import { PUBLIC_ROWS } from './rule.js';

const rowsOf = <T>(result: unknown): T[] => (result as { rows: T[] }).rows;

async function rows<T>(db: Db, query: SQL): Promise<T[]> {
  return rowsOf<T>(await db.execute(query));
}

const planColumns = {
  id: plans.id,
  number: legalDocuments.numberCanonical,
  title: legalDocuments.title,
  issuer: legalDocuments.issuer,
  issuedOn: legalDocuments.issuedOn,
};

/** The tenant's confirmed plans, newest first. */
export function listPublicPlans(db: Db, tenantId: string) {
  return db
    .select(planColumns)
    .from(plans)
    .innerJoin(legalDocuments, eq(legalDocuments.id, plans.documentId))
    .where(and(eq(plans.tenantId, tenantId), PUBLIC_ROWS.plan()))
    .orderBy(desc(legalDocuments.issuedOn), plans.id);
}

export type PublicTargetRow = {
  id: string;
  indicator: string;
  unit: string | null;
  sector: string | null;
  kind: string;
  baselineValue: string | null;
  baselineYear: number | null;
  projection: string;
  agency: string | null;
  actualPeriod: string | null;
  actualPeriodEnd: string | null;
  actualYear: number | null;
  actualValue: string | null;
  actualAchieved: boolean | null;
  actualAssessment: string | null;
  actualReviewedOn: string | null;
};

export type PublicProjectRow = {
  id: string;
  name: string;
  sector: string | null;
  ownerAgency: string | null;
  owner: string | null;
  totalInvestment: string | null;
  constructionPercent: number | null;
  clearanceUnit: string | null;
  clearanceTotal: string | null;
  clearanceDone: string | null;
  lastUpdatedOn: string | null;
  capitalPlanned: string;
  disbursed: string;
  lastRecordedOn: string | null;
};

export type PublicFeedbackRow = {
  id: string;
  targetId: string | null;
  projectId: string | null;
  senderName: string;
  senderOrganisation: string | null;
  body: string;
  sentOn: string;
  answer: string | null;
  answeredOn: string | null;
};

const VN = sql.raw(`'Asia/Ho_Chi_Minh'`);

/** One confirmed plan of the tenant and everything its public page shows; null if none. */
export async function loadPublicPlan(db: Db, tenantId: string, planId: string, year: number) {
  const [plan] = await db
    .select(planColumns)
    .from(plans)
    .innerJoin(legalDocuments, eq(legalDocuments.id, plans.documentId))
    .where(and(eq(plans.tenantId, tenantId), eq(plans.id, planId), PUBLIC_ROWS.plan()));
  if (!plan) return null;
  const inPlan = (alias: string) =>
    sql`${sql.raw(alias)}.tenant_id = ${tenantId} and ${sql.raw(alias)}.plan_id = ${planId}`;
  const approved = PUBLIC_ROWS.actual();
  const published = PUBLIC_ROWS.feedback();
  const [purpose, targetRows, targetMilestones, projectRows, projectMilestones, notes, agencies] =
    await Promise.all([
      // The plan's purpose: its top-level section "Mục đích …" and the parts under it.
      rows<{
        id: string;
        parentId: string | null;
        label: string | null;
        title: string;
        text: string | null;
      }>(
        db,
        sql`with top as (
          select n.id from plan_nodes n
          where ${inPlan('n')} and n.parent_id is null and tiendo_fold(n.title) like 'muc dich%'
          order by n.position limit 1)
        select n.id, n.parent_id as "parentId", n.label, n.title, n.body as text
        from plan_nodes n
        where ${inPlan('n')} and (n.id in (select id from top) or n.parent_id in (select id from top))
        order by n.parent_id nulls first, n.position`,
      ),
      rows<PublicTargetRow>(
        db,
        sql`select targets.id, targets.indicator, targets.unit, targets.sector, targets.kind,
            targets.baseline_value::text as "baselineValue", targets.baseline_year as "baselineYear",
            ${projectionSql(year)} as projection, ag.name as agency,
            a.period as "actualPeriod", a.period_end::text as "actualPeriodEnd", a.year as "actualYear",
            a.value::text as "actualValue", a.achieved as "actualAchieved",
            a.assessment as "actualAssessment",
            (a.reviewed_at at time zone ${VN})::date::text as "actualReviewedOn"
          from targets
          left join agencies ag on ag.id = targets.responsible_agency_id
          left join lateral (
            select target_actuals.period, target_actuals.period_end, target_actuals.year,
              target_actuals.value, target_actuals.achieved, target_actuals.assessment,
              target_actuals.reviewed_at
            from target_actuals
            where target_actuals.target_id = targets.id and ${approved}
            order by target_actuals.period_end desc, target_actuals.reviewed_at desc nulls last
            limit 1) a on true
          where ${inPlan('targets')}
          order by targets.source_start nulls last, targets.position, targets.id`,
      ),
      rows<{ targetId: string; year: number; value: string | null }>(
        db,
        sql`select m.target_id as "targetId", m.year, m.value::text as value
          from targets t join target_milestones m on m.target_id = t.id
          where ${inPlan('t')} order by m.year`,
      ),
      rows<PublicProjectRow>(
        db,
        sql`select p.id, p.name, p.sector, ag.name as "ownerAgency", p.owner,
            p.total_investment::text as "totalInvestment",
            p.construction_percent as "constructionPercent",
            p.clearance_unit as "clearanceUnit", p.clearance_total::text as "clearanceTotal",
            p.clearance_done::text as "clearanceDone", p.last_updated_on::text as "lastUpdatedOn",
            (select coalesce(sum(c.amount), 0)::text from project_capital_plans c
              where c.project_id = p.id and c.year = ${year}) as "capitalPlanned",
            (select coalesce(sum(d.amount), 0)::text from project_disbursements d
              where d.project_id = p.id and d.year = ${year}) as disbursed,
            (select (d.recorded_at at time zone ${VN})::date::text from project_disbursements d
              where d.project_id = p.id order by d.year desc, d.month desc limit 1) as "lastRecordedOn"
          from projects p
          left join agencies ag on ag.id = p.owner_agency_id
          where ${inPlan('p')}
          order by p.source_start nulls last, p.position, p.id`,
      ),
      rows<{ projectId: string; kind: string; plannedOn: string | null; actualOn: string | null }>(
        db,
        sql`select m.project_id as "projectId", m.kind, m.planned_on::text as "plannedOn",
            m.actual_on::text as "actualOn"
          from projects p join project_milestones m on m.project_id = p.id
          where ${inPlan('p')}`,
      ),
      rows<PublicFeedbackRow>(
        db,
        sql`select f.id, f.target_id as "targetId", f.project_id as "projectId",
            f.sender_name as "senderName", f.sender_organisation as "senderOrganisation",
            f.body, (f.created_at at time zone ${VN})::date::text as "sentOn", f.answer,
            (f.moderated_at at time zone ${VN})::date::text as "answeredOn"
          from (
            select feedback.* from targets t join feedback on feedback.target_id = t.id
            where ${inPlan('t')} and ${published}
            union all
            select feedback.* from projects p join feedback on feedback.project_id = p.id
            where ${inPlan('p')} and ${published}) f
          order by f.created_at, f.id`,
      ),
      rows<{ name: string; targets: number; projects: number; tasks: number }>(
        db,
        sql`select ag.name, sum(w.targets)::int as targets, sum(w.projects)::int as projects,
            sum(w.tasks)::int as tasks
          from (
            select t.responsible_agency_id as agency_id, count(*) as targets, 0 as projects, 0 as tasks
              from targets t where ${inPlan('t')} and t.responsible_agency_id is not null group by 1
            union all
            select p.owner_agency_id, 0, count(*), 0
              from projects p where ${inPlan('p')} and p.owner_agency_id is not null group by 1
            union all
            select k.current_lead_agency_id, 0, 0, count(*)
              from tasks k where ${inPlan('k')} and k.current_lead_agency_id is not null group by 1
          ) w join agencies ag on ag.id = w.agency_id
          group by ag.name
          order by sum(w.tasks + w.targets + w.projects) desc, ag.name`,
      ),
    ]);
  return {
    plan,
    purpose,
    targets: targetRows,
    targetMilestones,
    projects: projectRows,
    projectMilestones,
    feedback: notes,
    agencies,
  };
}

export type LoadedPublicPlan = NonNullable<Awaited<ReturnType<typeof loadPublicPlan>>>;
