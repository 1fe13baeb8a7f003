// Key projects: a page of the tenant's projects with the year's capital plan and disbursement
// summed in the query (correlated sums over the page's rows, by the unique indexes), a project with
// everything that hangs off it, the consolidator's completion of a project, monthly updates with
// their review (an approved update is applied to the project in the same transaction), and the
// capital spreadsheet's data. The tenant is part of every query; plans still being stored are
// left out. Every change is audited; every change of a project bumps its version.
import Decimal from 'decimal.js';
import { and, asc, count, desc, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.js';
import { inTurn } from '../../db/in-turn.js';
import {
  agencies,
  communes,
  evidenceFiles,
  legalDocuments,
  plans,
  projectCapitalPlans,
  projectDisbursements,
  projectLocations,
  projectMilestones,
  projects,
  projectTargets,
  projectTasks,
  projectUpdates,
  targets,
  tasks,
  tenants,
  users,
} from '../../db/schema.js';
import {
  AppError,
  type ErrorIssue,
  InvalidInputError,
  NotFoundError,
  StaleVersionError,
} from '../../server/errors.js';
import { can } from '../../server/policy.js';
import type { UserPrincipal } from '../../server/principal.js';
import { type Actor, type AuditEntry, recordAudit } from '../audit/service.js';
import { notify, usersOfAgencies } from '../notifications/service.js';
import {
  type ParsedCapitalWorkbook,
  spreadsheetInvalid,
  UNKNOWN_PROJECT,
} from './capital-spreadsheet.js';
import { projectPolicy } from './policy.js';
import { CAPITAL_SOURCES, type MilestoneKind, type ProjectEdit } from './schema.js';

type Tx = Db;

export type ProjectFilter = {
  planId?: string | undefined;
  sector?: string | undefined;
  investmentForm?: string | undefined;
  ownerAgencyId?: string | undefined;
  /** Only projects with a milestone not reached by its planned day (as of `asOf`). */
  slipping?: { asOf: string } | undefined;
};

/**
 * A milestone of the row's project not reached and past its planned day on `asOf`: slipping
 * (domain/project-progress.ts#milestoneSlippage > 0 for a milestone not reached).
 */
export const slippingMilestone = (asOf: string) =>
  sql`(m.actual_on is null and m.planned_on < ${asOf}::date)`;

/** The WHERE of a project filter (the tenant's projects of visible plans); reads join `plans`. */
export function conditions(tenantId: string, filter: ProjectFilter): SQL {
  return and(
    eq(projects.tenantId, tenantId),
    isNull(plans.storingSince),
    filter.planId ? eq(projects.planId, filter.planId) : undefined,
    filter.sector ? eq(projects.sector, filter.sector) : undefined,
    // A plan file writes the form as the document does ("BOT"); the API's values are lower case.
    filter.investmentForm
      ? sql`lower(${projects.investmentForm}) = ${filter.investmentForm}`
      : undefined,
    filter.ownerAgencyId ? eq(projects.ownerAgencyId, filter.ownerAgencyId) : undefined,
    filter.slipping
      ? sql`exists (select 1 from project_milestones m where m.project_id = ${projects.id} and ${slippingMilestone(filter.slipping.asOf)})`
      : undefined,
  ) as SQL;
}

/** The year's capital plan and disbursement of the row's project, summed by the unique indexes. */
const yearSums = (year: number) => ({
  capitalPlanned: sql<string>`(select coalesce(sum(c.amount), 0)::text from project_capital_plans c
    where c.project_id = ${projects.id} and c.year = ${year})`,
  disbursed: sql<string>`(select coalesce(sum(d.amount), 0)::text from project_disbursements d
    where d.project_id = ${projects.id} and d.year = ${year})`,
});

function pageOf(db: Db, where: SQL, year: number, page: { limit: number; offset: number }) {
  return db
    .select({
      project: projects,
      planNumber: legalDocuments.numberCanonical,
      planTitle: legalDocuments.title,
      ownerAgencyName: agencies.name,
      ...yearSums(year),
    })
    .from(projects)
    .innerJoin(plans, eq(plans.id, projects.planId))
    .innerJoin(legalDocuments, eq(legalDocuments.id, plans.documentId))
    .leftJoin(agencies, eq(agencies.id, projects.ownerAgencyId))
    .where(where)
    .orderBy(
      desc(legalDocuments.issuedOn),
      asc(projects.planId),
      asc(projects.sourceStart),
      asc(projects.position),
      asc(projects.id),
    )
    .limit(page.limit)
    .offset(page.offset);
}

export type ProjectRow = Awaited<ReturnType<typeof pageOf>>[number];

/** Milestones of the given projects (a page: at most 100 projects, 5 kinds each). */
async function milestonesOf(db: Db, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(projectMilestones)
    .where(inArray(projectMilestones.projectId, ids))
    .orderBy(asc(projectMilestones.projectId), asc(projectMilestones.plannedOn));
}

export type MilestoneRow = Awaited<ReturnType<typeof milestonesOf>>[number];

export async function listProjects(
  db: Db,
  tenantId: string,
  filter: ProjectFilter,
  year: number,
  page: { limit: number; offset: number },
) {
  const where = conditions(tenantId, filter);
  const [rows, [total]] = await Promise.all([
    pageOf(db, where, year, page),
    db
      .select({ n: count() })
      .from(projects)
      .innerJoin(plans, eq(plans.id, projects.planId))
      .where(where),
  ]);
  return {
    rows,
    total: total?.n ?? 0,
    milestones: await milestonesOf(
      db,
      rows.map((r) => r.project.id),
    ),
  };
}

/** Whether an update's agency still reports for its project (policy.ts, ProjectUpdateAccess). */
const reporterResponsible = sql<boolean>`exists (
  select 1 from projects pr
  where pr.id = project_updates.project_id
    and (pr.owner_agency_id = project_updates.agency_id
      or (pr.owner_agency_id is null and exists (
        select 1 from users cu
        where cu.tenant_id = pr.tenant_id and cu.agency_id = project_updates.agency_id
          and cu.role = 'consolidator' and cu.disabled_at is null)))
)`;

const creators = alias(users, 'creators');
const reviewers = alias(users, 'reviewers');

/** Every update of a project (any status), newest first, with names and evidence. */
export async function updatesOf(db: Db, projectId: string) {
  const rows = await db
    .select({
      update: projectUpdates,
      agencyName: agencies.name,
      creatorName: creators.displayName,
      reviewerName: reviewers.displayName,
      responsible: reporterResponsible,
    })
    .from(projectUpdates)
    .innerJoin(agencies, eq(agencies.id, projectUpdates.agencyId))
    .innerJoin(creators, eq(creators.id, projectUpdates.createdBy))
    .leftJoin(reviewers, eq(reviewers.id, projectUpdates.reviewedBy))
    .where(eq(projectUpdates.projectId, projectId))
    .orderBy(desc(projectUpdates.createdAt), desc(projectUpdates.id))
    .limit(500);
  const ids = rows.map((r) => r.update.id);
  const files = ids.length
    ? await db
        .select()
        .from(evidenceFiles)
        .where(inArray(evidenceFiles.projectUpdateId, ids))
        .orderBy(asc(evidenceFiles.createdAt), asc(evidenceFiles.fileName))
    : [];
  return rows.map((r) => ({
    ...r,
    responsible: Boolean(r.responsible),
    files: files.filter((f) => f.projectUpdateId === r.update.id),
  }));
}

export type UpdateRow = Awaited<ReturnType<typeof updatesOf>>[number];

/** A project of the tenant with everything its page shows; null when missing or hidden. */
export async function loadProject(db: Db, tenantId: string, id: string, year: number) {
  const [row] = await pageOf(db, and(conditions(tenantId, {}), eq(projects.id, id)) as SQL, year, {
    limit: 1,
    offset: 0,
  });
  if (!row) return null;
  const [
    milestones,
    capitalPlans,
    disbursements,
    places,
    taskLinks,
    targetLinks,
    updates,
    documents,
  ] = await Promise.all([
    milestonesOf(db, [id]),
    db
      .select()
      .from(projectCapitalPlans)
      .where(eq(projectCapitalPlans.projectId, id))
      .orderBy(asc(projectCapitalPlans.year), asc(projectCapitalPlans.source)),
    db
      .select()
      .from(projectDisbursements)
      .where(eq(projectDisbursements.projectId, id))
      .orderBy(asc(projectDisbursements.year), asc(projectDisbursements.month)),
    db
      .select({ code: communes.code, name: communes.name })
      .from(projectLocations)
      .innerJoin(communes, eq(communes.code, projectLocations.communeCode))
      .where(eq(projectLocations.projectId, id))
      .orderBy(asc(communes.name)),
    db
      .select({ id: tasks.id, title: tasks.title })
      .from(projectTasks)
      .innerJoin(tasks, eq(tasks.id, projectTasks.taskId))
      .where(and(eq(projectTasks.projectId, id), eq(tasks.tenantId, tenantId)))
      .orderBy(asc(tasks.title)),
    db
      .select({ id: targets.id, indicator: targets.indicator })
      .from(projectTargets)
      .innerJoin(targets, eq(targets.id, projectTargets.targetId))
      .where(and(eq(projectTargets.projectId, id), eq(targets.tenantId, tenantId)))
      .orderBy(asc(targets.indicator)),
    updatesOf(db, id),
    db
      .select()
      .from(evidenceFiles)
      .where(eq(evidenceFiles.projectId, id))
      .orderBy(desc(evidenceFiles.createdAt), asc(evidenceFiles.fileName))
      .limit(500),
  ]);
  return {
    row,
    milestones,
    capitalPlans,
    disbursements,
    communes: places,
    tasks: taskLinks,
    targets: targetLinks,
    updates,
    documents,
  };
}

/**
 * Documents added to a project (its decisions, drawings, reports): one transaction, the project
 * locked and its version checked (409 on a stale one) and bumped, every file audited.
 */
export async function addProjectDocuments(
  db: Db,
  actor: Actor,
  tenantId: string,
  id: string,
  version: number,
  files: readonly { fileName: string; contentType: string; size: number; sha256: string }[],
) {
  if (files.length === 0)
    throw new AppError(400, 'files_required', 'at least one file', [
      { field: 'evidence', code: 'files_required', message: 'at least one file' },
    ]);
  await db.transaction(async (tx) => {
    await claimProject(tx, tenantId, id, version);
    const rows = await tx
      .insert(evidenceFiles)
      .values(files.map((f) => ({ ...f, tenantId, projectId: id })))
      .returning();
    await recordAudit(tx, actor, [
      ...rows.map((f) => ({
        entity: 'evidence_file',
        entityId: f.id,
        action: 'create' as const,
        after: f,
      })),
      {
        entity: 'project',
        entityId: id,
        action: 'update',
        before: { version },
        after: { version: version + 1, documentsAdded: rows.map((f) => f.id) },
      },
    ]);
  });
}

export type LoadedProject = NonNullable<Awaited<ReturnType<typeof loadProject>>>;

/** The facts access to a project turns on, tenant-scoped; null when missing or hidden. */
export async function projectAccess(db: Db, tenantId: string, id: string) {
  const [row] = await db
    .select({ tenantId: projects.tenantId, ownerAgencyId: projects.ownerAgencyId })
    .from(projects)
    .innerJoin(plans, eq(plans.id, projects.planId))
    .where(and(conditions(tenantId, {}), eq(projects.id, id)));
  return row ?? null;
}

// ---------------------------------------------------------------------------------------------
// Changes.

/** Locks the project, checks the version a change is based on (null: none), and bumps it. */
async function claimProject(tx: Tx, tenantId: string, id: string, version: number | null) {
  const [row] = await tx
    .select({ project: projects })
    .from(projects)
    .innerJoin(plans, eq(plans.id, projects.planId))
    .where(and(conditions(tenantId, {}), eq(projects.id, id)))
    .for('update', { of: projects });
  if (!row) throw new NotFoundError('project');
  if (version !== null && row.project.version !== version)
    throw new StaleVersionError('project', { version: row.project.version });
  await tx
    .update(projects)
    .set({ version: row.project.version + 1 })
    .where(eq(projects.id, id));
  return row.project;
}

const sameAmount = (a: string | null, b: string | null) =>
  a === null || b === null ? a === b : new Decimal(a).eq(b);

const unknown = (field: string, code: string, message: string): ErrorIssue => ({
  field,
  code,
  message,
});

/**
 * The consolidator's completion of a project, in one transaction: the row locked and its version
 * checked (409 on a stale one), every agency, commune, task and target looked up in the tenant
 * (400 naming each unknown one), links and planned milestone dates replaced (a kind left out has
 * no planned date; reached dates stay), and the change audited before and after.
 */
export async function editProject(
  db: Db,
  actor: Actor & { tenantId: string },
  id: string,
  change: ProjectEdit,
) {
  const tenantId = actor.tenantId;
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select({ project: projects })
      .from(projects)
      .innerJoin(plans, eq(plans.id, projects.planId))
      .where(and(conditions(tenantId, {}), eq(projects.id, id)))
      .for('update', { of: projects });
    if (!before) throw new NotFoundError('project');
    if (before.project.version !== change.version)
      throw new StaleVersionError('project', { version: before.project.version });

    const issues: ErrorIssue[] = [];
    // An agency in force; the current owner may stay even if it has ended since.
    if (change.ownerAgencyId && change.ownerAgencyId !== before.project.ownerAgencyId) {
      const [agency] = await tx
        .select({ id: agencies.id })
        .from(agencies)
        .where(
          and(
            eq(agencies.id, change.ownerAgencyId),
            eq(agencies.tenantId, tenantId),
            isNull(agencies.inForceTo),
          ),
        );
      if (!agency)
        issues.push(
          unknown('body.ownerAgencyId', 'unknown_agency', 'no agency in force with this id'),
        );
    }
    const communeCodes = [...new Set(change.communeCodes)];
    if (communeCodes.length > 0) {
      const known = new Set(
        (
          await tx
            .select({ code: communes.code })
            .from(communes)
            .innerJoin(tenants, eq(tenants.provinceCode, communes.provinceCode))
            .where(and(eq(tenants.id, tenantId), inArray(communes.code, communeCodes)))
        ).map((c) => c.code),
      );
      change.communeCodes.forEach((code, i) => {
        if (!known.has(code))
          issues.push(
            unknown(`body.communeCodes.${i}`, 'unknown_commune', `no commune ${code} here`),
          );
      });
    }
    const taskIds = [...new Set(change.taskIds)];
    if (taskIds.length > 0) {
      const known = new Set(
        (
          await tx
            .select({ id: tasks.id })
            .from(tasks)
            .where(and(eq(tasks.tenantId, tenantId), inArray(tasks.id, taskIds)))
        ).map((t) => t.id),
      );
      change.taskIds.forEach((t, i) => {
        if (!known.has(t))
          issues.push(unknown(`body.taskIds.${i}`, 'unknown_task', 'no task with this id'));
      });
    }
    const targetIds = [...new Set(change.targetIds)];
    if (targetIds.length > 0) {
      const known = new Set(
        (
          await tx
            .select({ id: targets.id })
            .from(targets)
            .where(and(eq(targets.tenantId, tenantId), inArray(targets.id, targetIds)))
        ).map((t) => t.id),
      );
      change.targetIds.forEach((t, i) => {
        if (!known.has(t))
          issues.push(unknown(`body.targetIds.${i}`, 'unknown_target', 'no target with this id'));
      });
    }
    if (
      change.clearanceTotal !== null &&
      before.project.clearanceDone !== null &&
      new Decimal(before.project.clearanceDone).gt(change.clearanceTotal)
    )
      issues.push(
        unknown(
          'body.clearanceTotal',
          'below_done',
          `less than the clearance already done (${before.project.clearanceDone})`,
        ),
      );
    if (issues.length > 0) throw new InvalidInputError(issues);

    const [locationsBefore, tasksBefore, targetsBefore, milestonesBefore] = await inTurn([
      tx
        .select({ code: projectLocations.communeCode })
        .from(projectLocations)
        .where(eq(projectLocations.projectId, id)),
      tx
        .select({ id: projectTasks.taskId })
        .from(projectTasks)
        .where(eq(projectTasks.projectId, id)),
      tx
        .select({ id: projectTargets.targetId })
        .from(projectTargets)
        .where(eq(projectTargets.projectId, id)),
      tx.select().from(projectMilestones).where(eq(projectMilestones.projectId, id)),
    ]);

    const [after] = await tx
      .update(projects)
      .set({
        sector: change.sector,
        investmentForm: change.investmentForm,
        ownerAgencyId: change.ownerAgencyId,
        owner: change.owner,
        totalInvestment: change.totalInvestment,
        approvalDocuments: change.approvalDocuments,
        startYear: change.startYear,
        endYear: change.endYear,
        clearanceUnit: change.clearanceUnit,
        clearanceTotal: change.clearanceTotal,
        version: sql`${projects.version} + 1`,
      })
      .where(eq(projects.id, id))
      .returning();

    await tx.delete(projectLocations).where(eq(projectLocations.projectId, id));
    if (communeCodes.length > 0)
      await tx
        .insert(projectLocations)
        .values(communeCodes.map((communeCode) => ({ projectId: id, communeCode })));
    await tx.delete(projectTasks).where(eq(projectTasks.projectId, id));
    if (taskIds.length > 0)
      await tx.insert(projectTasks).values(taskIds.map((taskId) => ({ projectId: id, taskId })));
    await tx.delete(projectTargets).where(eq(projectTargets.projectId, id));
    if (targetIds.length > 0)
      await tx
        .insert(projectTargets)
        .values(targetIds.map((targetId) => ({ projectId: id, targetId })));

    // Planned dates as sent; reached dates stay; a milestone with neither goes.
    const planned = new Map(change.milestones.map((m) => [m.kind, m.plannedOn]));
    const kinds = new Set<string>([...planned.keys(), ...milestonesBefore.map((m) => m.kind)]);
    for (const kind of kinds) {
      const existing = milestonesBefore.find((m) => m.kind === kind);
      const plannedOn = planned.get(kind as MilestoneKind) ?? null;
      if (existing) {
        if (plannedOn === null && existing.actualOn === null)
          await tx.delete(projectMilestones).where(eq(projectMilestones.id, existing.id));
        else if (existing.plannedOn !== plannedOn)
          await tx
            .update(projectMilestones)
            .set({ plannedOn })
            .where(eq(projectMilestones.id, existing.id));
      } else if (plannedOn !== null) {
        await tx.insert(projectMilestones).values({ projectId: id, kind, plannedOn });
      }
    }
    const milestonesAfter = await tx
      .select({
        kind: projectMilestones.kind,
        plannedOn: projectMilestones.plannedOn,
        actualOn: projectMilestones.actualOn,
      })
      .from(projectMilestones)
      .where(eq(projectMilestones.projectId, id));

    // Another owner: the former reporting agency's updates still waiting for its head are
    // withdrawn (that head may no longer decide them), their authors told.
    const withdrawn =
      before.project.ownerAgencyId !== change.ownerAgencyId
        ? await tx
            .update(projectUpdates)
            .set({
              status: 'withdrawn',
              reviewedAt: new Date(),
              reviewNote: 'Dự án đã giao cho chủ đầu tư khác trước khi báo cáo được duyệt.',
            })
            .where(
              and(
                eq(projectUpdates.projectId, id),
                eq(projectUpdates.status, 'pending'),
                change.ownerAgencyId
                  ? sql`${projectUpdates.agencyId} <> ${change.ownerAgencyId}`
                  : undefined,
              ),
            )
            .returning()
        : [];
    for (const u of withdrawn)
      await notify(
        tx,
        {
          tenantId: actor.tenantId,
          eventKey: `project-update:${u.id}:withdrawn`,
          kind: 'progress_withdrawn',
          title: `Báo cáo dự án chờ duyệt đã bị rút: ${before.project.name}`,
          body: 'Dự án đã được giao cho chủ đầu tư khác trước khi lãnh đạo đơn vị duyệt.',
          link: projectLink(id),
        },
        [u.createdBy],
      );
    await recordAudit(tx, actor, [
      ...withdrawn.map((u) => ({
        entity: 'project_update',
        entityId: u.id,
        action: 'withdraw',
        before: { status: 'pending' },
        after: { status: u.status, reviewNote: u.reviewNote },
      })),
      {
        entity: 'project',
        entityId: id,
        action: 'update',
        before: {
          ...before.project,
          communeCodes: locationsBefore.map((l) => l.code),
          taskIds: tasksBefore.map((t) => t.id),
          targetIds: targetsBefore.map((t) => t.id),
          milestones: milestonesBefore.map(({ kind, plannedOn, actualOn }) => ({
            kind,
            plannedOn,
            actualOn,
          })),
        },
        after: { ...after, communeCodes, taskIds, targetIds, milestones: milestonesAfter },
      },
    ]);
  });
}

// ---------------------------------------------------------------------------------------------
// Monthly updates: by the owner agency's staff (or the consolidating department's, for an outside
// owner); an officer's waits for the agency head, a head's own counts at once. An update is never
// edited; once approved it is applied to the project.

export type NewProjectUpdate = {
  version: number;
  year: number;
  month: number;
  disbursed?: string | undefined;
  clearanceDone?: string | undefined;
  constructionPercent?: number | undefined;
  milestones?: { kind: MilestoneKind; actualOn: string }[] | undefined;
  narrative: string;
  files: readonly { fileName: string; contentType: string; size: number; sha256: string }[];
};

const projectLink = (id: string) => `/du-an/${id}`;
const shorten = (text: string, max = 120) =>
  text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
const monthStart = (year: number, month: number) => `${year}-${String(month).padStart(2, '0')}-01`;

export async function addProjectUpdate(
  db: Db,
  actor: Actor,
  p: UserPrincipal,
  projectId: string,
  input: NewProjectUpdate,
  today: string,
) {
  const issues: ErrorIssue[] = [];
  if (monthStart(input.year, input.month) > today)
    issues.push({ field: 'month', code: 'month_in_future', message: 'a month not begun yet' });
  (input.milestones ?? []).forEach((m, i) => {
    if (m.actualOn > today)
      issues.push({
        field: `milestones.${i}.actualOn`,
        code: 'in_future',
        message: 'after today',
      });
  });
  if (issues.length > 0) throw new InvalidInputError(issues);
  const agencyId = p.agencyId as string;
  const status = p.role === 'agency_head' ? 'approved' : 'pending';
  return db.transaction(async (tx) => {
    const before = await claimProject(tx, p.tenantId, projectId, input.version);
    // The owner may have changed since the caller's page was read.
    if (
      !can(projectPolicy, p, 'report', {
        tenantId: before.tenantId,
        ownerAgencyId: before.ownerAgencyId,
      })
    )
      throw new NotFoundError('project');
    if (
      input.clearanceDone !== undefined &&
      before.clearanceTotal !== null &&
      new Decimal(input.clearanceDone).gt(before.clearanceTotal)
    )
      throw new InvalidInputError([
        {
          field: 'clearanceDone',
          code: 'over_total',
          message: `more than the total (${before.clearanceTotal})`,
        },
      ]);
    const [waiting] = await tx
      .select({ id: projectUpdates.id })
      .from(projectUpdates)
      .where(
        and(
          eq(projectUpdates.projectId, projectId),
          eq(projectUpdates.year, input.year),
          eq(projectUpdates.month, input.month),
          eq(projectUpdates.status, 'pending'),
        ),
      );
    if (waiting)
      throw new AppError(409, 'update_pending', 'an update of this month waits for review', [
        { field: 'month', code: 'update_pending', message: waiting.id },
      ]);
    const [update] = await tx
      .insert(projectUpdates)
      .values({
        tenantId: p.tenantId,
        projectId,
        agencyId,
        year: input.year,
        month: input.month,
        disbursed: input.disbursed ?? null,
        clearanceDone: input.clearanceDone ?? null,
        constructionPercent: input.constructionPercent ?? null,
        milestones: input.milestones ?? [],
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
            input.files.map((f) => ({ ...f, tenantId: p.tenantId, projectUpdateId: update.id })),
          )
          .returning()
      : [];
    await recordAudit(tx, actor, [
      { entity: 'project_update', entityId: update.id, action: 'create', after: update },
      ...files.map((f) => ({
        entity: 'evidence_file',
        entityId: f.id,
        action: 'create',
        after: f,
      })),
      {
        entity: 'project',
        entityId: projectId,
        action: 'update',
        before: { version: before.version },
        after: { version: before.version + 1 },
      },
    ]);
    if (status === 'approved')
      await applyApproved(tx, actor, p.userId, { ...before, version: before.version + 1 }, update);
    else
      await notify(
        tx,
        {
          tenantId: p.tenantId,
          eventKey: `project-update:${update.id}:submitted`,
          kind: 'progress_submitted',
          title: `Cập nhật dự án chờ duyệt: ${shorten(before.name)}`,
          body: `${p.displayName} cập nhật tình hình tháng ${input.month}/${input.year}.`,
          link: projectLink(projectId),
        },
        await usersOfAgencies(tx, p.tenantId, [agencyId], ['agency_head']),
        { except: p.userId },
      );
    return update;
  });
}

/**
 * An approved update applied to its (locked, version already bumped) project: the month's
 * disbursement written (a later figure for the month replaces the earlier), clearance and
 * construction moved unless a later month was already applied, milestones' reached dates set,
 * and the month of the latest update moved forward (never back). Everything audited.
 */
async function applyApproved(
  tx: Tx,
  actor: Actor,
  userId: string,
  project: typeof projects.$inferSelect,
  update: typeof projectUpdates.$inferSelect,
) {
  const audit: AuditEntry[] = [];
  if (update.disbursed !== null)
    audit.push(
      ...(await writeDisbursement(tx, {
        tenantId: project.tenantId,
        projectId: project.id,
        year: update.year,
        month: update.month,
        amount: update.disbursed,
        updateId: update.id,
        userId,
      })),
    );
  for (const m of update.milestones) {
    const [existing] = await tx
      .select()
      .from(projectMilestones)
      .where(and(eq(projectMilestones.projectId, project.id), eq(projectMilestones.kind, m.kind)));
    if (existing?.actualOn === m.actualOn) continue;
    const [after] = existing
      ? await tx
          .update(projectMilestones)
          .set({ actualOn: m.actualOn })
          .where(eq(projectMilestones.id, existing.id))
          .returning()
      : await tx
          .insert(projectMilestones)
          .values({ projectId: project.id, kind: m.kind, actualOn: m.actualOn })
          .returning();
    if (!after) throw new Error('milestone write returned nothing');
    audit.push({
      entity: 'project_milestone',
      entityId: after.id,
      action: existing ? 'update' : 'create',
      before: existing ?? null,
      after,
    });
  }
  const month = monthStart(update.year, update.month);
  const latest = project.lastUpdatedOn === null || month >= project.lastUpdatedOn;
  const next = {
    clearanceDone:
      latest && update.clearanceDone !== null ? update.clearanceDone : project.clearanceDone,
    constructionPercent:
      latest && update.constructionPercent !== null
        ? update.constructionPercent
        : project.constructionPercent,
    lastUpdatedOn: latest ? month : project.lastUpdatedOn,
  };
  const previous = {
    clearanceDone: project.clearanceDone,
    constructionPercent: project.constructionPercent,
    lastUpdatedOn: project.lastUpdatedOn,
  };
  if (
    !sameAmount(next.clearanceDone, previous.clearanceDone) ||
    next.constructionPercent !== previous.constructionPercent ||
    next.lastUpdatedOn !== previous.lastUpdatedOn
  ) {
    await tx.update(projects).set(next).where(eq(projects.id, project.id));
    audit.push({
      entity: 'project',
      entityId: project.id,
      action: 'progress',
      before: previous,
      after: { ...next, updateId: update.id },
    });
  }
  await recordAudit(tx, actor, audit);
}

/** Writes a month's disbursement (insert, or replace an earlier figure); the audit entries. */
async function writeDisbursement(
  tx: Tx,
  d: {
    tenantId: string;
    projectId: string;
    year: number;
    month: number;
    amount: string;
    updateId: string | null;
    userId: string;
  },
): Promise<AuditEntry[]> {
  const [existing] = await tx
    .select()
    .from(projectDisbursements)
    .where(
      and(
        eq(projectDisbursements.projectId, d.projectId),
        eq(projectDisbursements.year, d.year),
        eq(projectDisbursements.month, d.month),
      ),
    );
  if (existing && sameAmount(existing.amount, d.amount) && existing.updateId === d.updateId)
    return [];
  const values = {
    amount: d.amount,
    updateId: d.updateId,
    recordedBy: d.userId,
    recordedAt: new Date(),
  };
  const [after] = existing
    ? await tx
        .update(projectDisbursements)
        .set(values)
        .where(eq(projectDisbursements.id, existing.id))
        .returning()
    : await tx
        .insert(projectDisbursements)
        .values({
          tenantId: d.tenantId,
          projectId: d.projectId,
          year: d.year,
          month: d.month,
          ...values,
        })
        .returning();
  if (!after) throw new Error('disbursement write returned nothing');
  return [
    {
      entity: 'project_disbursement',
      entityId: after.id,
      action: existing ? 'update' : 'create',
      before: existing ?? null,
      after,
    },
  ];
}

/** An update of the tenant with the facts its review turns on. */
export async function findProjectUpdate(db: Db, tenantId: string, id: string) {
  const [row] = await db
    .select({ update: projectUpdates, responsible: reporterResponsible })
    .from(projectUpdates)
    .innerJoin(projects, eq(projects.id, projectUpdates.projectId))
    .innerJoin(plans, eq(plans.id, projects.planId))
    .where(and(conditions(tenantId, {}), eq(projectUpdates.id, id)));
  return row ? { ...row.update, responsible: Boolean(row.responsible) } : null;
}

export async function reviewProjectUpdate(
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
      .from(projectUpdates)
      .where(and(eq(projectUpdates.tenantId, p.tenantId), eq(projectUpdates.id, id)))
      .for('update');
    if (!before) throw new NotFoundError('project_update');
    if (before.status !== 'pending') throw new AppError(409, 'already_decided', 'already reviewed');
    const project = await claimProject(tx, p.tenantId, before.projectId, null);
    const [after] = await tx
      .update(projectUpdates)
      .set({
        status: decision === 'approve' ? 'approved' : 'returned',
        reviewedBy: p.userId,
        reviewedAt: new Date(),
        reviewNote: note ?? null,
      })
      .where(eq(projectUpdates.id, id))
      .returning();
    if (!after) throw new Error('update returned nothing');
    await recordAudit(tx, actor, [
      { entity: 'project_update', entityId: id, action: decision, before, after },
      {
        entity: 'project',
        entityId: project.id,
        action: 'update',
        before: { version: project.version },
        after: { version: project.version + 1 },
      },
    ]);
    if (decision === 'approve')
      await applyApproved(tx, actor, p.userId, { ...project, version: project.version + 1 }, after);
    await notify(
      tx,
      {
        tenantId: p.tenantId,
        eventKey: `project-update:${id}:reviewed`,
        kind: decision === 'approve' ? 'progress_approved' : 'progress_returned',
        title: `${decision === 'approve' ? 'Cập nhật dự án đã được duyệt' : 'Cập nhật dự án bị trả lại'}: ${shorten(project.name)}`,
        body: note,
        link: projectLink(project.id),
      },
      [after.createdBy],
      { except: p.userId },
    );
    return after;
  });
}

// ---------------------------------------------------------------------------------------------
// The capital spreadsheet: every project of the tenant with the year's capital plan by source and
// the month's disbursement (the template), and loading a filled one, all or nothing.

/** Every project of the tenant in the plans' order, with the year's and the month's figures. */
export async function capitalSheetRows(db: Db, tenantId: string, year: number, month: number) {
  const [rows, plansOfYear, disbursed] = await Promise.all([
    db
      .select({ id: projects.id, name: projects.name, planNumber: legalDocuments.numberCanonical })
      .from(projects)
      .innerJoin(plans, eq(plans.id, projects.planId))
      .innerJoin(legalDocuments, eq(legalDocuments.id, plans.documentId))
      .where(conditions(tenantId, {}))
      .orderBy(
        desc(legalDocuments.issuedOn),
        asc(projects.planId),
        asc(projects.sourceStart),
        asc(projects.position),
        asc(projects.id),
      ),
    db
      .select({
        projectId: projectCapitalPlans.projectId,
        source: projectCapitalPlans.source,
        amount: projectCapitalPlans.amount,
      })
      .from(projectCapitalPlans)
      .where(and(eq(projectCapitalPlans.tenantId, tenantId), eq(projectCapitalPlans.year, year))),
    db
      .select({ projectId: projectDisbursements.projectId, amount: projectDisbursements.amount })
      .from(projectDisbursements)
      .where(
        and(
          eq(projectDisbursements.tenantId, tenantId),
          eq(projectDisbursements.year, year),
          eq(projectDisbursements.month, month),
        ),
      ),
  ]);
  const planned = new Map(plansOfYear.map((c) => [`${c.projectId}:${c.source}`, c.amount]));
  const disbursedBy = new Map(disbursed.map((d) => [d.projectId, d.amount]));
  return rows.map((r) => ({
    ...r,
    capital: Object.fromEntries(
      CAPITAL_SOURCES.map((s) => [s, planned.get(`${r.id}:${s}`) ?? null]),
    ) as Record<(typeof CAPITAL_SOURCES)[number], string | null>,
    disbursed: disbursedBy.get(r.id) ?? null,
  }));
}

export type CapitalSheetRow = Awaited<ReturnType<typeof capitalSheetRows>>[number];

/**
 * Loads a read capital workbook in one transaction: every project named must be one of the
 * tenant's (else nothing is stored and each such row is listed), then each filled cell that
 * differs from what is stored is written and audited (before/after), and each project changed
 * has its version bumped. Empty cells change nothing.
 */
export async function importCapital(
  db: Db,
  actor: Actor & { tenantId: string },
  userId: string,
  book: ParsedCapitalWorkbook,
) {
  const tenantId = actor.tenantId;
  const { year, month } = book;
  const ids = [
    ...new Set([
      ...book.capital.map((r) => r.projectId),
      ...book.disbursements.map((r) => r.projectId),
    ]),
  ];
  return db.transaction(async (tx) => {
    const found = ids.length
      ? await tx
          .select({ project: projects })
          .from(projects)
          .innerJoin(plans, eq(plans.id, projects.planId))
          .where(and(conditions(tenantId, {}), inArray(projects.id, ids)))
          .orderBy(asc(projects.id))
          .for('update', { of: projects })
      : [];
    const known = new Map(found.map((f) => [f.project.id, f.project]));
    const issues = [...book.capital, ...book.disbursements]
      .filter((r) => !known.has(r.projectId))
      .map((r) => ({ field: r.idCell, ...UNKNOWN_PROJECT }));
    if (issues.length > 0) throw spreadsheetInvalid(issues);

    const audit: AuditEntry[] = [];
    const changed = new Set<string>();
    let capitalPlans = 0;
    let disbursements = 0;
    const storedPlans = ids.length
      ? await tx
          .select()
          .from(projectCapitalPlans)
          .where(
            and(inArray(projectCapitalPlans.projectId, ids), eq(projectCapitalPlans.year, year)),
          )
      : [];
    const storedBy = new Map(storedPlans.map((c) => [`${c.projectId}:${c.source}`, c]));
    for (const row of book.capital) {
      for (const source of CAPITAL_SOURCES) {
        const amount = row.amounts[source];
        if (amount === undefined) continue;
        const existing = storedBy.get(`${row.projectId}:${source}`);
        if (existing && sameAmount(existing.amount, amount)) continue;
        const values = { amount, updatedBy: userId, updatedAt: new Date() };
        const [after] = existing
          ? await tx
              .update(projectCapitalPlans)
              .set(values)
              .where(eq(projectCapitalPlans.id, existing.id))
              .returning()
          : await tx
              .insert(projectCapitalPlans)
              .values({ tenantId, projectId: row.projectId, year, source, ...values })
              .returning();
        if (!after) throw new Error('capital plan write returned nothing');
        audit.push({
          entity: 'project_capital_plan',
          entityId: after.id,
          action: existing ? 'update' : 'create',
          before: existing ?? null,
          after,
        });
        capitalPlans += 1;
        changed.add(row.projectId);
      }
    }
    for (const row of book.disbursements) {
      const entries = await writeDisbursement(tx, {
        tenantId,
        projectId: row.projectId,
        year,
        month,
        amount: row.amount,
        updateId: null,
        userId,
      });
      if (entries.length === 0) continue;
      audit.push(...entries);
      disbursements += 1;
      changed.add(row.projectId);
    }
    for (const id of changed) {
      const project = known.get(id);
      if (!project) continue;
      await tx
        .update(projects)
        .set({ version: project.version + 1 })
        .where(eq(projects.id, id));
      audit.push({
        entity: 'project',
        entityId: id,
        action: 'update',
        before: { version: project.version },
        after: { version: project.version + 1, source: 'capital_spreadsheet', year, month },
      });
    }
    await recordAudit(tx, actor, audit);
    return { capitalPlans, disbursements, year, month };
  });
}
