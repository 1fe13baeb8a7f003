// Reading targets: a page of the tenant's targets (plans still being stored left out) with what
// hangs off the page's rows only — milestones and approved actuals — so that no read loads every
// target of the province.
import { and, asc, count, desc, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.js';
import { inTurn } from '../../db/in-turn.js';
import {
  agencies,
  evidenceFiles,
  legalDocuments,
  plans,
  targetActuals,
  targetContributors,
  targetMilestones,
  targets,
  targetTasks,
  tasks,
} from '../../db/schema.js';
import type { TargetPeriod } from '../../domain/target-period.js';
import { projectTarget } from '../../domain/target-projection.js';
import {
  AppError,
  InvalidInputError,
  NotFoundError,
  StaleVersionError,
} from '../../server/errors.js';
import type { UserPrincipal } from '../../server/principal.js';
import { type Actor, recordAudit } from '../audit/service.js';
import { notify, usersOfAgencies } from '../notifications/service.js';
import { targetFacts } from './facts.js';
import type { TargetUpdate } from './schema.js';

export type TargetFilter = {
  planId?: string | undefined;
  sector?: string | undefined;
  /** Responsible for it or contributing to it. */
  agencyId?: string | undefined;
  /** With the year it is judged in (a yes/no milestone past its year is overdue). */
  projection?: { state: string; year: number } | undefined;
};

const columns = {
  target: targets,
  planNumber: legalDocuments.numberCanonical,
  planTitle: legalDocuments.title,
  agencyName: agencies.name,
  atRiskShare: plans.projectionAtRiskShare,
  aboutMargin: plans.projectionAboutMargin,
};

/** The WHERE of a target filter (the tenant's targets of visible plans); reads join `plans`. */
export function conditions(tenantId: string, filter: TargetFilter): SQL {
  return and(
    eq(targets.tenantId, tenantId),
    isNull(plans.storingSince),
    filter.planId ? eq(targets.planId, filter.planId) : undefined,
    filter.sector ? eq(targets.sector, filter.sector) : undefined,
    filter.agencyId
      ? sql`(${targets.responsibleAgencyId} = ${filter.agencyId} or exists (select 1 from target_contributors c where c.target_id = ${targets.id} and c.agency_id = ${filter.agencyId}))`
      : undefined,
    filter.projection ? projectionIs(filter.projection.state, filter.projection.year) : undefined,
  ) as SQL;
}

export type TargetRow = Awaited<ReturnType<typeof pageOf>>[number];

function pageOf(db: Db, where: SQL, page: { limit: number; offset: number }) {
  return db
    .select(columns)
    .from(targets)
    .innerJoin(plans, eq(plans.id, targets.planId))
    .innerJoin(legalDocuments, eq(legalDocuments.id, plans.documentId))
    .leftJoin(agencies, eq(agencies.id, targets.responsibleAgencyId))
    .where(where)
    .orderBy(
      desc(legalDocuments.issuedOn),
      asc(targets.planId),
      asc(targets.sourceStart),
      asc(targets.position),
      asc(targets.id),
    )
    .limit(page.limit)
    .offset(page.offset);
}

/** Milestones and approved actuals of the given targets (a page: at most 100). */
async function attachments(db: Db, ids: string[]) {
  if (ids.length === 0) return { milestones: [], actuals: [] };
  const [milestones, actuals] = await Promise.all([
    db
      .select()
      .from(targetMilestones)
      .where(inArray(targetMilestones.targetId, ids))
      .orderBy(asc(targetMilestones.year)),
    db
      .select()
      .from(targetActuals)
      .where(and(inArray(targetActuals.targetId, ids), eq(targetActuals.status, 'approved')))
      .orderBy(desc(targetActuals.periodEnd), desc(targetActuals.reviewedAt)),
  ]);
  return { milestones, actuals };
}

export type TargetAttachments = Awaited<ReturnType<typeof attachments>>;

export async function listTargets(
  db: Db,
  tenantId: string,
  filter: TargetFilter,
  page: { limit: number; offset: number },
) {
  const where = conditions(tenantId, filter);
  const [rows, [total]] = await Promise.all([
    pageOf(db, where, page),
    db
      .select({ n: count() })
      .from(targets)
      .innerJoin(plans, eq(plans.id, targets.planId))
      .where(where),
  ]);
  return {
    rows,
    total: total?.n ?? 0,
    ...(await attachments(
      db,
      rows.map((r) => r.target.id),
    )),
  };
}

export async function loadTarget(db: Db, tenantId: string, id: string) {
  const [row] = await pageOf(db, and(conditions(tenantId, {}), eq(targets.id, id)) as SQL, {
    limit: 1,
    offset: 0,
  });
  if (!row) return null;
  return { row, ...(await attachments(db, [id])) };
}

/**
 * The consolidator's completion of a target, in one transaction: the row locked and its version
 * checked (409 on a stale one), the responsible agency looked up in the tenant, the milestones
 * replaced, and the change audited with the target and its milestones before and after.
 */
export async function updateTarget(
  db: Db,
  actor: Actor & { tenantId: string },
  id: string,
  change: TargetUpdate,
) {
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select({ target: targets })
      .from(targets)
      .innerJoin(plans, eq(plans.id, targets.planId))
      .where(and(conditions(actor.tenantId, {}), eq(targets.id, id)))
      .for('update', { of: targets });
    if (!before) throw new NotFoundError('target');
    if (before.target.version !== change.version)
      throw new StaleVersionError('target', before.target.version);
    if (change.responsibleAgencyId) {
      const [agency] = await tx
        .select({ id: agencies.id })
        .from(agencies)
        .where(
          and(
            eq(agencies.id, change.responsibleAgencyId),
            eq(agencies.tenantId, actor.tenantId),
            isNull(agencies.inForceTo),
          ),
        );
      if (!agency)
        throw new InvalidInputError(
          [
            {
              field: 'body.responsibleAgencyId',
              code: 'unknown_agency',
              message: 'no agency in force with this id',
            },
          ],
          'invalid_input',
        );
    }
    const contributorIds = change.contributorAgencyIds;
    if (contributorIds?.length) {
      const found = await tx
        .select({ id: agencies.id })
        .from(agencies)
        .where(
          and(
            inArray(agencies.id, contributorIds),
            eq(agencies.tenantId, actor.tenantId),
            isNull(agencies.inForceTo),
          ),
        );
      const known = new Set(found.map((a) => a.id));
      const issues = contributorIds.flatMap((a, i) =>
        known.has(a)
          ? []
          : [
              {
                field: `body.contributorAgencyIds.${i}`,
                code: 'unknown_agency',
                message: 'no agency in force with this id',
              },
            ],
      );
      if (issues.length) throw new InvalidInputError(issues, 'invalid_input');
    }
    if (change.taskIds?.length) {
      const found = await tx
        .select({ id: tasks.id })
        .from(tasks)
        .innerJoin(plans, eq(plans.id, tasks.planId))
        .where(
          and(
            inArray(tasks.id, change.taskIds),
            eq(tasks.tenantId, actor.tenantId),
            isNull(plans.storingSince),
          ),
        );
      const known = new Set(found.map((t) => t.id));
      const issues = change.taskIds.flatMap((t, i) =>
        known.has(t)
          ? []
          : [{ field: `body.taskIds.${i}`, code: 'unknown_task', message: 'no such task' }],
      );
      if (issues.length) throw new InvalidInputError(issues, 'invalid_input');
    }
    const linksBefore = await links(tx, id);
    const milestonesBefore = await tx
      .select({ year: targetMilestones.year, value: targetMilestones.value })
      .from(targetMilestones)
      .where(eq(targetMilestones.targetId, id))
      .orderBy(asc(targetMilestones.year));
    const [after] = await tx
      .update(targets)
      .set({
        kind: change.kind,
        comparator: change.comparator,
        unit: change.unit,
        baselineValue: change.baseline ? Number(change.baseline.value) : null,
        baselineYear: change.baseline?.year ?? null,
        responsibleAgencyId: change.responsibleAgencyId,
        dataSource: change.dataSource,
        ...(change.reportingFrequency ? { reportingFrequency: change.reportingFrequency } : {}),
        version: sql`${targets.version} + 1`,
      })
      .where(eq(targets.id, id))
      .returning();
    await tx.delete(targetMilestones).where(eq(targetMilestones.targetId, id));
    const milestones = [...change.milestones].sort((a, b) => a.year - b.year);
    if (milestones.length > 0)
      await tx
        .insert(targetMilestones)
        .values(milestones.map((m) => ({ targetId: id, year: m.year, value: m.value })));
    if (contributorIds) {
      await tx.delete(targetContributors).where(eq(targetContributors.targetId, id));
      if (contributorIds.length)
        await tx
          .insert(targetContributors)
          .values([...new Set(contributorIds)].map((agencyId) => ({ targetId: id, agencyId })));
    }
    if (change.taskIds) {
      await tx.delete(targetTasks).where(eq(targetTasks.targetId, id));
      if (change.taskIds.length)
        await tx
          .insert(targetTasks)
          .values([...new Set(change.taskIds)].map((taskId) => ({ targetId: id, taskId })));
    }
    const withdrawn =
      before.target.responsibleAgencyId !== change.responsibleAgencyId
        ? await withdrawActuals(tx, actor.tenantId, id, before.target.indicator)
        : [];
    await recordAudit(tx, actor, [
      ...withdrawn,
      {
        entity: 'target',
        entityId: id,
        action: 'update',
        before: { ...before.target, milestones: milestonesBefore, ...linksBefore },
        after: { ...after, milestones, ...(await links(tx, id)) },
      },
    ]);
    await refreshProjections(tx, [id]);
  });
}

/**
 * A target given to another agency: the former agency's reports still waiting for its head are
 * withdrawn (that head may no longer decide them), their authors told. Returns the audit entries.
 */
async function withdrawActuals(tx: Db, tenantId: string, targetId: string, indicator: string) {
  const withdrawn = await tx
    .update(targetActuals)
    .set({
      status: 'withdrawn',
      reviewedAt: new Date(),
      reviewNote: 'Chỉ tiêu đã giao cho đơn vị khác trước khi báo cáo được duyệt.',
    })
    .where(and(eq(targetActuals.targetId, targetId), eq(targetActuals.status, 'pending')))
    .returning();
  for (const a of withdrawn)
    await notify(
      tx,
      {
        tenantId,
        eventKey: `target-actual:${a.id}:withdrawn`,
        kind: 'progress_withdrawn',
        title: `Số liệu chỉ tiêu chờ duyệt đã bị rút: ${shorten(indicator)}`,
        body: 'Chỉ tiêu đã được giao cho đơn vị khác trước khi lãnh đạo đơn vị duyệt.',
        link: targetLink(targetId),
      },
      [a.reportedBy],
    );
  return withdrawn.map((a) => ({
    entity: 'target_actual',
    entityId: a.id,
    action: 'withdraw',
    before: { status: 'pending' },
    after: { status: a.status, reviewNote: a.reviewNote },
  }));
}

/** The agencies contributing to a target and the tasks linked to it (ids, for the audit trail). */
async function links(db: Db, id: string) {
  const [contributors, linked] = await inTurn([
    db
      .select({ id: targetContributors.agencyId })
      .from(targetContributors)
      .where(eq(targetContributors.targetId, id)),
    db.select({ id: targetTasks.taskId }).from(targetTasks).where(eq(targetTasks.targetId, id)),
  ]);
  return {
    contributorAgencyIds: contributors.map((c) => c.id).sort(),
    taskIds: linked.map((t) => t.id).sort(),
  };
}

/** A target's contributing agencies and linked tasks, with names, for its page. */
export async function targetLinks(db: Db, id: string) {
  const [contributors, linked] = await Promise.all([
    db
      .select({ id: agencies.id, name: agencies.name })
      .from(targetContributors)
      .innerJoin(agencies, eq(agencies.id, targetContributors.agencyId))
      .where(eq(targetContributors.targetId, id))
      .orderBy(asc(agencies.name)),
    db
      .select({ id: tasks.id, title: tasks.title })
      .from(targetTasks)
      .innerJoin(tasks, eq(tasks.id, targetTasks.taskId))
      .where(eq(targetTasks.targetId, id))
      .orderBy(asc(tasks.position), asc(tasks.id))
      .limit(200),
  ]);
  return { contributors, tasks: linked };
}

// ---------------------------------------------------------------------------------------------
// Actuals: reported by the responsible agency's staff with a note and evidence; an officer's report
// waits for the agency head, a head's own counts at once. A later approved report of a period
// corrects an earlier one (both kept). Every change locks the target and bumps its version.

/** Whether an actual's agency is still responsible for its target (a review is taken against today). */
const reporterResponsible = sql<boolean>`exists (
  select 1 from targets t
  where t.id = target_actuals.target_id and t.responsible_agency_id = target_actuals.agency_id
)`;

const displayNameOf = (column: AnyPgColumn) =>
  sql<string | null>`(select display_name from users u where u.id::text = ${column})`;

/** Every report of a target (any status), newest first, with names and evidence. */
export async function actualReports(db: Db, targetId: string) {
  const rows = await db
    .select({
      actual: targetActuals,
      agencyName: agencies.name,
      reporter: displayNameOf(targetActuals.reportedBy),
      reviewer: displayNameOf(targetActuals.reviewedBy),
      responsible: reporterResponsible,
    })
    .from(targetActuals)
    .leftJoin(agencies, eq(agencies.id, targetActuals.agencyId))
    .where(eq(targetActuals.targetId, targetId))
    .orderBy(desc(targetActuals.reportedAt), desc(targetActuals.id))
    .limit(500);
  const ids = rows.map((r) => r.actual.id);
  const files = ids.length
    ? await db
        .select()
        .from(evidenceFiles)
        .where(inArray(evidenceFiles.targetActualId, ids))
        .orderBy(asc(evidenceFiles.createdAt), asc(evidenceFiles.fileName))
    : [];
  return rows.map((r) => ({
    ...r,
    responsible: Boolean(r.responsible),
    files: files.filter((f) => f.targetActualId === r.actual.id),
  }));
}

export type ActualReport = Awaited<ReturnType<typeof actualReports>>[number];

export type NewActual = {
  version: number;
  period: TargetPeriod;
  value: string | null;
  achieved: boolean | null;
  assessment: 'on_track' | 'at_risk' | 'off_track' | null;
  note: string;
  files: readonly { fileName: string; contentType: string; size: number; sha256: string }[];
};

/** Locks the target, checks the version a change is based on (null: none), and bumps it. */
async function claimTarget(tx: Db, tenantId: string, id: string, version: number | null) {
  const [row] = await tx
    .select({ target: targets })
    .from(targets)
    .innerJoin(plans, eq(plans.id, targets.planId))
    .where(and(conditions(tenantId, {}), eq(targets.id, id)))
    .for('update', { of: targets });
  if (!row) throw new NotFoundError('target');
  if (version !== null && row.target.version !== version)
    throw new StaleVersionError('target', { version: row.target.version });
  await tx
    .update(targets)
    .set({ version: row.target.version + 1 })
    .where(eq(targets.id, id));
  return row.target;
}

const targetLink = (id: string) => `/chi-tieu/${id}`;
const shorten = (text: string, max = 120) =>
  text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;

export async function reportActual(
  db: Db,
  actor: Actor,
  p: UserPrincipal,
  targetId: string,
  input: NewActual,
) {
  const agencyId = p.agencyId as string;
  const status = p.role === 'agency_head' ? 'approved' : 'pending';
  return db.transaction(async (tx) => {
    const before = await claimTarget(tx, p.tenantId, targetId, input.version);
    // The responsible agency may have changed since the caller's page was read.
    if (before.responsibleAgencyId !== agencyId) throw new NotFoundError('target');
    const [waiting] = await tx
      .select({ id: targetActuals.id })
      .from(targetActuals)
      .where(
        and(
          eq(targetActuals.targetId, targetId),
          eq(targetActuals.period, input.period.key),
          eq(targetActuals.status, 'pending'),
        ),
      );
    if (waiting)
      throw new AppError(409, 'actual_pending', 'a report of this period waits for review', [
        { field: 'period', code: 'actual_pending', message: waiting.id },
      ]);
    const now = new Date();
    const [actual] = await tx
      .insert(targetActuals)
      .values({
        tenantId: p.tenantId,
        targetId,
        agencyId,
        year: input.period.year,
        period: input.period.key,
        periodEnd: input.period.end,
        value: input.value,
        achieved: input.achieved,
        assessment: input.assessment,
        note: input.note,
        status,
        reportedBy: p.userId,
        ...(status === 'approved' ? { reviewedBy: p.userId, reviewedAt: now } : {}),
      })
      .returning();
    if (!actual) throw new Error('insert returned nothing');
    const files = input.files.length
      ? await tx
          .insert(evidenceFiles)
          .values(
            input.files.map((f) => ({ ...f, tenantId: p.tenantId, targetActualId: actual.id })),
          )
          .returning()
      : [];
    await recordAudit(tx, actor, [
      { entity: 'target_actual', entityId: actual.id, action: 'create', after: actual },
      ...files.map((f) => ({
        entity: 'evidence_file',
        entityId: f.id,
        action: 'create',
        after: f,
      })),
      {
        entity: 'target',
        entityId: targetId,
        action: 'update',
        before: { version: before.version },
        after: { version: before.version + 1 },
      },
    ]);
    if (status === 'approved') await refreshProjections(tx, [targetId]);
    if (status === 'pending')
      await notify(
        tx,
        {
          tenantId: p.tenantId,
          eventKey: `target-actual:${actual.id}:submitted`,
          kind: 'progress_submitted',
          title: `Số liệu chỉ tiêu chờ duyệt: ${shorten(before.indicator)}`,
          body: `${p.displayName} báo cáo số liệu ${input.period.label}.`,
          link: targetLink(targetId),
        },
        await usersOfAgencies(tx, p.tenantId, [agencyId], ['agency_head']),
        { except: p.userId },
      );
    return actual;
  });
}

/** A report of an actual with the fact its review turns on (its agency still responsible). */
export async function findActual(db: Db, tenantId: string, id: string) {
  const [row] = await db
    .select({ actual: targetActuals, responsible: reporterResponsible })
    .from(targetActuals)
    .innerJoin(targets, eq(targets.id, targetActuals.targetId))
    .innerJoin(plans, eq(plans.id, targets.planId))
    .where(and(conditions(tenantId, {}), eq(targetActuals.id, id)));
  return row
    ? {
        ...row.actual,
        agencyId: row.actual.agencyId ?? '',
        responsible: Boolean(row.responsible),
      }
    : null;
}

export async function reviewActual(
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
      .from(targetActuals)
      .where(and(eq(targetActuals.tenantId, p.tenantId), eq(targetActuals.id, id)))
      .for('update');
    if (!before) throw new NotFoundError('target_actual');
    if (before.status !== 'pending') throw new AppError(409, 'already_decided', 'already reviewed');
    const target = await claimTarget(tx, p.tenantId, before.targetId, null);
    const [after] = await tx
      .update(targetActuals)
      .set({
        status: decision === 'approve' ? 'approved' : 'returned',
        reviewedBy: p.userId,
        reviewedAt: new Date(),
        reviewNote: note ?? null,
      })
      .where(eq(targetActuals.id, id))
      .returning();
    if (!after) throw new Error('update returned nothing');
    await recordAudit(tx, actor, [
      { entity: 'target_actual', entityId: id, action: decision, before, after },
    ]);
    if (decision === 'approve') await refreshProjections(tx, [before.targetId]);
    await notify(
      tx,
      {
        tenantId: p.tenantId,
        eventKey: `target-actual:${id}:reviewed`,
        kind: decision === 'approve' ? 'progress_approved' : 'progress_returned',
        title: `${decision === 'approve' ? 'Số liệu chỉ tiêu đã được duyệt' : 'Số liệu chỉ tiêu bị trả lại'}: ${shorten(target.indicator)}`,
        body: note,
        link: targetLink(before.targetId),
      },
      [before.reportedBy],
      { except: p.userId },
    );
    return after;
  });
}

/**
 * Recomputes the projection kept in the targets' columns (lists filter and count by it), after
 * anything it reads changed: the target, its milestones, an approved actual, the plan's settings.
 * A yes/no milestone is stored as "due" (or done) with its year; whether "due" has become
 * "overdue" is decided when reading (projectionSql), so the stored state never goes stale.
 */
export async function refreshProjections(tx: Db, targetIds: readonly string[]) {
  for (let i = 0; i < targetIds.length; i += 200) {
    const ids = targetIds.slice(i, i + 200);
    const [rows, milestones, actuals] = await inTurn([
      tx
        .select({
          target: targets,
          atRiskShare: plans.projectionAtRiskShare,
          aboutMargin: plans.projectionAboutMargin,
        })
        .from(targets)
        .innerJoin(plans, eq(plans.id, targets.planId))
        .where(inArray(targets.id, ids)),
      tx.select().from(targetMilestones).where(inArray(targetMilestones.targetId, ids)),
      tx
        .select()
        .from(targetActuals)
        .where(and(inArray(targetActuals.targetId, ids), eq(targetActuals.status, 'approved'))),
    ]);
    for (const r of rows) {
      const { facts } = targetFacts(r.target, milestones, actuals);
      // Year 0: a milestone is never judged overdue here (see above).
      const projection = projectTarget(facts, 0, {
        atRiskShare: Number(r.atRiskShare),
        aboutMargin: Number(r.aboutMargin),
      });
      const dueYear = facts.kind === 'milestone' ? (facts.milestones[0]?.year ?? null) : null;
      if (r.target.projectionState === projection.state && r.target.projectionDueYear === dueYear)
        continue;
      await tx
        .update(targets)
        .set({ projectionState: projection.state, projectionDueYear: dueYear })
        .where(eq(targets.id, r.target.id));
    }
  }
}

/** The projection state as of `year`, in SQL: a stored "due" milestone past its year is overdue. */
export const projectionSql = (year: number) =>
  sql<string>`case when ${targets.projectionState} = 'due' and ${targets.projectionDueYear} < ${year} then 'overdue' else coalesce(${targets.projectionState}, 'no_data') end`;

/**
 * The targets in a projection state as of `year` (projectionSql), written so that the index on
 * (tenant, projection_state) serves it: only "due", "overdue" and "no data" need more than equality.
 */
function projectionIs(state: string, year: number): SQL {
  if (state === 'overdue')
    return sql`(${targets.projectionState} = 'overdue' or (${targets.projectionState} = 'due' and ${targets.projectionDueYear} < ${year}))`;
  if (state === 'due')
    return sql`(${targets.projectionState} = 'due' and (${targets.projectionDueYear} is null or ${targets.projectionDueYear} >= ${year}))`;
  if (state === 'no_data')
    return sql`(${targets.projectionState} = 'no_data' or ${targets.projectionState} is null)`;
  return eq(targets.projectionState, state);
}

/**
 * A target's projection as the lists read it in `year` (projectionIs as a value): a yes/no
 * milestone stored "due" past its year is overdue, one never computed has no data.
 */
export function projectionStateSql(year: number): SQL<string> {
  return sql<string>`(case when ${targets.projectionState} is null then 'no_data' when ${targets.projectionState} = 'due' and ${targets.projectionDueYear} < ${year} then 'overdue' else ${targets.projectionState} end)`;
}

/** Targets never projected (stored before migration 0017, or by an older version): at start. */
export async function refreshMissingProjections(db: Db): Promise<number> {
  let done = 0;
  for (;;) {
    const batch = await db
      .select({ id: targets.id })
      .from(targets)
      .where(isNull(targets.projectionState))
      .limit(200);
    if (batch.length === 0) return done;
    await db.transaction((tx) =>
      refreshProjections(
        tx,
        batch.map((b) => b.id),
      ),
    );
    done += batch.length;
  }
}
