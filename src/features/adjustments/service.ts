// Adjustments of a plan (điều chỉnh kế hoạch): an agency proposes, the consolidating department
// batches the proposals with its opinion and submits them, leadership decides each. An accepted
// proposal is applied as a recorded plan revision: the latest plan file with the change made is
// stored as the next revision (with what changed), and the live rows are changed in place, so a
// task keeps its id, progress, requests and assignments. Every write is one transaction, audited.
import { randomUUID } from 'node:crypto';
import {
  and,
  asc,
  count,
  desc,
  eq,
  gt,
  inArray,
  isNull,
  notInArray,
  or,
  type SQL,
  sql,
} from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.js';
import {
  adjustmentBatches,
  adjustmentProposals,
  agencies,
  evidenceFiles,
  legalDocuments,
  planNodes,
  planRevisions,
  plans,
  targetMilestones,
  targets,
  taskAssignments,
  taskCoordinators,
  tasks,
  users,
} from '../../db/schema.js';
import { type Deadline, dueDate } from '../../domain/deadline.js';
import { nameKey, normalizeVietnamese } from '../../domain/vietnamese-text.js';
import {
  AppError,
  InvalidInputError,
  NotFoundError,
  StaleVersionError,
} from '../../server/errors.js';
import type { UserPrincipal } from '../../server/principal.js';
import { type Actor, type AuditEntry, recordAudit } from '../audit/service.js';
import { notify } from '../notifications/service.js';
import { diffPlanFiles } from '../plans/diff.js';
import type { PlanFile, PlanNode } from '../plans/plan-file.js';
import { latestPlanFile, taskSearchText } from '../plans/service.js';
import { refreshProjections } from '../targets/service.js';
import {
  assignmentsFromPlan,
  deletePlanAssignments,
  tasksWithLiveWork,
  withdrawPendingReports,
} from '../tasks/assignments.js';
import type { StoredFile } from '../tasks/evidence-store.js';
import type { ProposeAccess } from './policy.js';
import type {
  AdjustmentKind,
  ProposalChange,
  ProposalCurrent,
  ProposalFields,
  ProposalState,
} from './schema.js';

const visiblePlan = (tenantId: string, planId: string) =>
  and(eq(plans.tenantId, tenantId), eq(plans.id, planId), isNull(plans.storingSince));

// ---------------------------------------------------------------------------------------------
// Reading.

const creator = alias(users, 'creator');
const decider = alias(users, 'decider');

const proposalColumns = {
  p: adjustmentProposals,
  planNumber: legalDocuments.numberCanonical,
  planTitle: legalDocuments.title,
  agencyName: agencies.name,
  taskTitle: tasks.title,
  targetIndicator: targets.indicator,
  createdByName: creator.displayName,
  decidedByName: decider.displayName,
};

function proposalQuery(db: Db) {
  return db
    .select(proposalColumns)
    .from(adjustmentProposals)
    .innerJoin(plans, eq(plans.id, adjustmentProposals.planId))
    .innerJoin(legalDocuments, eq(legalDocuments.id, plans.documentId))
    .innerJoin(agencies, eq(agencies.id, adjustmentProposals.agencyId))
    .leftJoin(tasks, eq(tasks.id, adjustmentProposals.taskId))
    .leftJoin(targets, eq(targets.id, adjustmentProposals.targetId))
    .leftJoin(creator, eq(creator.id, adjustmentProposals.createdBy))
    .leftJoin(decider, eq(decider.id, adjustmentProposals.decidedBy));
}

export type ProposalRow = Awaited<ReturnType<typeof loadProposals>>['rows'][number];

export type ProposalFilter = {
  planId?: string | undefined;
  state?: ProposalState | undefined;
  agencyId?: string | undefined;
  batchId?: string | undefined;
  unbatched?: boolean | undefined;
};

async function withEvidence<R extends { p: { id: string } }>(db: Db, rows: R[]) {
  const ids = rows.map((r) => r.p.id);
  const files =
    ids.length === 0
      ? []
      : await db
          .select()
          .from(evidenceFiles)
          .where(inArray(evidenceFiles.adjustmentProposalId, ids))
          .orderBy(asc(evidenceFiles.createdAt));
  return rows.map((r) => ({
    ...r,
    files: files.filter((f) => f.adjustmentProposalId === r.p.id),
  }));
}

export async function loadProposals(
  db: Db,
  tenantId: string,
  filter: ProposalFilter,
  page: { limit: number; offset: number },
) {
  const conditions: SQL[] = [
    eq(adjustmentProposals.tenantId, tenantId),
    isNull(plans.storingSince),
  ];
  if (filter.planId) conditions.push(eq(adjustmentProposals.planId, filter.planId));
  if (filter.state) conditions.push(eq(adjustmentProposals.state, filter.state));
  if (filter.agencyId) conditions.push(eq(adjustmentProposals.agencyId, filter.agencyId));
  if (filter.batchId) conditions.push(eq(adjustmentProposals.batchId, filter.batchId));
  if (filter.unbatched) conditions.push(isNull(adjustmentProposals.batchId));
  const where = and(...conditions);
  const rows = await proposalQuery(db)
    .where(where)
    .orderBy(desc(adjustmentProposals.createdAt), desc(adjustmentProposals.id))
    .limit(page.limit)
    .offset(page.offset);
  const [total] = await db
    .select({ n: count() })
    .from(adjustmentProposals)
    .innerJoin(plans, eq(plans.id, adjustmentProposals.planId))
    .where(where);
  return { rows: await withEvidence(db, rows), total: total?.n ?? 0 };
}

export async function loadProposal(db: Db, tenantId: string, id: string) {
  const rows = await proposalQuery(db).where(
    and(
      eq(adjustmentProposals.tenantId, tenantId),
      eq(adjustmentProposals.id, id),
      isNull(plans.storingSince),
    ),
  );
  const [row] = await withEvidence(db, rows);
  return row ?? null;
}

const batchColumns = {
  b: adjustmentBatches,
  planNumber: legalDocuments.numberCanonical,
  planTitle: legalDocuments.title,
  createdByName: creator.displayName,
  submittedByName: decider.displayName,
  total: sql<number>`(select count(*)::int from ${adjustmentProposals} where ${adjustmentProposals.batchId} = ${adjustmentBatches.id})`,
  accepted: sql<number>`(select count(*)::int from ${adjustmentProposals} where ${adjustmentProposals.batchId} = ${adjustmentBatches.id} and ${adjustmentProposals.state} = 'accepted')`,
  rejected: sql<number>`(select count(*)::int from ${adjustmentProposals} where ${adjustmentProposals.batchId} = ${adjustmentBatches.id} and ${adjustmentProposals.state} = 'rejected')`,
};

function batchQuery(db: Db) {
  return db
    .select(batchColumns)
    .from(adjustmentBatches)
    .innerJoin(plans, eq(plans.id, adjustmentBatches.planId))
    .innerJoin(legalDocuments, eq(legalDocuments.id, plans.documentId))
    .leftJoin(creator, eq(creator.id, adjustmentBatches.createdBy))
    .leftJoin(decider, eq(decider.id, adjustmentBatches.submittedBy));
}

export type BatchRow = Awaited<ReturnType<typeof loadBatches>>[number];

export async function loadBatches(
  db: Db,
  tenantId: string,
  filter: { planId?: string | undefined; state?: string | undefined },
) {
  const conditions: SQL[] = [eq(adjustmentBatches.tenantId, tenantId), isNull(plans.storingSince)];
  if (filter.planId) conditions.push(eq(adjustmentBatches.planId, filter.planId));
  if (filter.state) conditions.push(eq(adjustmentBatches.state, filter.state));
  return batchQuery(db)
    .where(and(...conditions))
    .orderBy(desc(adjustmentBatches.createdAt))
    .limit(200);
}

export async function loadBatch(db: Db, tenantId: string, id: string) {
  const [row] = await batchQuery(db).where(
    and(
      eq(adjustmentBatches.tenantId, tenantId),
      eq(adjustmentBatches.id, id),
      isNull(plans.storingSince),
    ),
  );
  return row ?? null;
}

// ---------------------------------------------------------------------------------------------
// Proposing.

const agencyRef = (a: { id: string; name: string }) => ({ id: a.id, name: a.name });

/** An agency of the tenant still in force today, or a 400 naming the field. */
async function activeAgency(db: Db, tenantId: string, id: string, field: string, today: string) {
  const [a] = await db
    .select({ id: agencies.id, name: agencies.name, code: agencies.code, to: agencies.inForceTo })
    .from(agencies)
    .where(and(eq(agencies.tenantId, tenantId), eq(agencies.id, id)));
  if (!a) throw new InvalidInputError([{ field, code: 'unknown_agency', message: id }]);
  if (a.to !== null && a.to <= today)
    throw new InvalidInputError([{ field, code: 'agency_ended', message: id }], 'agency_ended');
  return a;
}

async function taskFacts(db: Db, tenantId: string, taskId: string) {
  const [row] = await db
    .select({ task: tasks, leadName: agencies.name })
    .from(tasks)
    .innerJoin(plans, eq(plans.id, tasks.planId))
    .leftJoin(agencies, eq(agencies.id, tasks.currentLeadAgencyId))
    .where(and(eq(tasks.tenantId, tenantId), eq(tasks.id, taskId), isNull(plans.storingSince)));
  return row ?? null;
}

/** The caller's agency leads, coordinates or answers for something in the plan today. */
async function hasWorkInPlan(db: Db, tenantId: string, planId: string, agencyId: string | null) {
  if (!agencyId) return false;
  const [task] = await db
    .select({ id: taskAssignments.id })
    .from(taskAssignments)
    .innerJoin(tasks, eq(tasks.id, taskAssignments.taskId))
    .where(
      and(
        eq(taskAssignments.tenantId, tenantId),
        eq(taskAssignments.agencyId, agencyId),
        isNull(taskAssignments.endedOn),
        eq(tasks.planId, planId),
      ),
    )
    .limit(1);
  if (task) return true;
  const [target] = await db
    .select({ id: targets.id })
    .from(targets)
    .where(
      and(
        eq(targets.tenantId, tenantId),
        eq(targets.planId, planId),
        eq(targets.responsibleAgencyId, agencyId),
      ),
    )
    .limit(1);
  return Boolean(target);
}

/** A proposal checked and resolved against today's data, ready to store. */
export type PreparedProposal = {
  access: ProposeAccess;
  action: 'onItem' | 'addTask';
  planId: string;
  taskId: string | null;
  targetId: string | null;
  change: ProposalChange;
  current: ProposalCurrent | null;
  /** The version of the task or target the proposal was read against (locked on insert). */
  itemVersion: number | null;
};

/**
 * What a proposal is about, loaded tenant-scoped: 404 for a task or target the tenant does not
 * have (the caller's policy check follows, with the same answer).
 */
export async function prepareProposal(
  db: Db,
  p: UserPrincipal,
  fields: ProposalFields,
  today: string,
): Promise<PreparedProposal> {
  const tenantId = p.tenantId;
  if (fields.kind === 'target') {
    const [row] = await db
      .select({ t: targets })
      .from(targets)
      .innerJoin(plans, eq(plans.id, targets.planId))
      .where(
        and(
          eq(targets.tenantId, tenantId),
          eq(targets.id, fields.targetId),
          isNull(plans.storingSince),
        ),
      );
    if (!row) throw new NotFoundError('target');
    const t = row.t;
    return {
      access: { tenantId, leadAgencyId: t.responsibleAgencyId, hasWorkInPlan: false },
      action: 'onItem',
      planId: t.planId,
      taskId: null,
      targetId: t.id,
      change: { kind: 'target', year: fields.year, value: fields.value ?? null },
      current: {
        indicator: t.indicator,
        unit: t.unit,
        year: t.targetYear,
        value: t.targetValue === null ? null : String(t.targetValue),
      },
      itemVersion: t.version,
    };
  }
  if (fields.kind === 'add_task') {
    const [node] = await db
      .select({ id: planNodes.id, label: planNodes.label, title: planNodes.title })
      .from(planNodes)
      .innerJoin(plans, eq(plans.id, planNodes.planId))
      .where(and(visiblePlan(tenantId, fields.planId), eq(planNodes.id, fields.nodeId)));
    if (!node) throw new NotFoundError('plan');
    const lead = await activeAgency(db, tenantId, fields.leadAgencyId, 'leadAgencyId', today);
    const deadline: Deadline = fields.dueOn
      ? { kind: 'date', date: fields.dueOn }
      : { kind: 'none' };
    return {
      access: {
        tenantId,
        leadAgencyId: null,
        hasWorkInPlan: await hasWorkInPlan(db, tenantId, fields.planId, p.agencyId),
      },
      action: 'addTask',
      planId: fields.planId,
      taskId: null,
      targetId: null,
      change: {
        kind: 'add_task',
        node,
        title: normalizeVietnamese(fields.title),
        body: fields.body ? normalizeVietnamese(fields.body) : null,
        lead: agencyRef(lead),
        deadline,
      },
      current: null,
      itemVersion: null,
    };
  }
  const found = await taskFacts(db, tenantId, fields.taskId);
  if (!found) throw new NotFoundError('task');
  const t = found.task;
  const base: ProposalCurrent = { title: t.title, code: t.code };
  const prepared = {
    access: { tenantId, leadAgencyId: t.currentLeadAgencyId, hasWorkInPlan: false },
    action: 'onItem' as const,
    planId: t.planId,
    taskId: t.id,
    targetId: null,
    itemVersion: t.version,
  };
  switch (fields.kind) {
    case 'deadline':
      return {
        ...prepared,
        change: { kind: 'deadline', deadline: { kind: 'date', date: fields.dueOn } },
        current: {
          ...base,
          deadline: t.deadline as Deadline,
          dueOn: t.extendedDueOn ?? t.dueOn ?? t.assignedDueOn,
        },
      };
    case 'lead': {
      const lead = await activeAgency(db, tenantId, fields.leadAgencyId, 'leadAgencyId', today);
      if (lead.id === t.currentLeadAgencyId)
        throw new InvalidInputError([
          { field: 'leadAgencyId', code: 'same_lead', message: 'already leads the task' },
        ]);
      return {
        ...prepared,
        change: { kind: 'lead', lead: agencyRef(lead) },
        current: {
          ...base,
          lead: t.currentLeadAgencyId
            ? { id: t.currentLeadAgencyId, name: found.leadName ?? '' }
            : null,
        },
      };
    }
    case 'content': {
      const title = fields.title ? normalizeVietnamese(fields.title) : undefined;
      const body = fields.body ? normalizeVietnamese(fields.body) : undefined;
      if ((title === undefined || title === t.title) && (body === undefined || body === t.body))
        throw new InvalidInputError([
          { field: 'title', code: 'no_change', message: 'give a new title or body' },
        ]);
      return {
        ...prepared,
        change: {
          kind: 'content',
          ...(title !== undefined ? { title } : {}),
          ...(body !== undefined ? { body } : {}),
        },
        current: { ...base, body: t.body },
      };
    }
    case 'drop_task':
      return { ...prepared, change: { kind: 'drop_task' }, current: base };
  }
}

export async function createProposal(
  db: Db,
  actor: Actor,
  p: UserPrincipal,
  prepared: PreparedProposal,
  reason: string,
  files: readonly StoredFile[],
) {
  return db.transaction(async (tx) => {
    // The lead may have changed since the form was read: checked again under the row's lock.
    if (prepared.taskId) {
      const [t] = await tx
        .select({ lead: tasks.currentLeadAgencyId })
        .from(tasks)
        .where(eq(tasks.id, prepared.taskId))
        .for('update');
      if (!t || t.lead !== p.agencyId) throw new NotFoundError('task');
    }
    if (prepared.targetId) {
      const [t] = await tx
        .select({ lead: targets.responsibleAgencyId })
        .from(targets)
        .where(eq(targets.id, prepared.targetId))
        .for('update');
      if (!t || t.lead !== p.agencyId) throw new NotFoundError('target');
    }
    const [row] = await tx
      .insert(adjustmentProposals)
      .values({
        tenantId: p.tenantId,
        planId: prepared.planId,
        agencyId: p.agencyId as string,
        kind: prepared.change.kind,
        taskId: prepared.taskId,
        targetId: prepared.targetId,
        change: prepared.change,
        current: prepared.current,
        reason: normalizeVietnamese(reason),
        createdBy: p.userId,
      })
      .returning();
    if (!row) throw new Error('insert returned nothing');
    const stored = files.length
      ? await tx
          .insert(evidenceFiles)
          .values(files.map((f) => ({ ...f, tenantId: p.tenantId, adjustmentProposalId: row.id })))
          .returning()
      : [];
    await recordAudit(tx, actor, [
      { entity: 'adjustment_proposal', entityId: row.id, action: 'create', after: row },
      ...stored.map((f) => ({
        entity: 'evidence_file',
        entityId: f.id,
        action: 'create',
        after: f,
      })),
    ]);
    const consolidators = await tx
      .select({ id: users.id })
      .from(users)
      .where(
        and(
          eq(users.tenantId, p.tenantId),
          eq(users.role, 'consolidator'),
          isNull(users.disabledAt),
        ),
      );
    await notify(
      tx,
      {
        tenantId: p.tenantId,
        eventKey: `adjustment:${row.id}:proposed`,
        kind: 'adjustment_proposed',
        title: `Đề xuất điều chỉnh kế hoạch: ${KIND_LABELS[row.kind as AdjustmentKind]}`,
        body: row.reason.slice(0, 500),
        link: proposalLink(row.id),
      },
      consolidators.map((c) => c.id),
    );
    return row;
  });
}

export const KIND_LABELS: Record<AdjustmentKind, string> = {
  deadline: 'thay đổi thời hạn',
  lead: 'thay đổi cơ quan chủ trì',
  content: 'thay đổi nội dung nhiệm vụ',
  drop_task: 'bỏ nhiệm vụ',
  add_task: 'bổ sung nhiệm vụ',
  target: 'thay đổi chỉ tiêu',
};

const proposalLink = (id: string) => `/dieu-chinh/${id}`;

/** Locks a proposal of the tenant and checks the version the change is based on. */
async function claimProposal(tx: Db, tenantId: string, id: string, version: number | null) {
  const [row] = await tx
    .select()
    .from(adjustmentProposals)
    .where(and(eq(adjustmentProposals.tenantId, tenantId), eq(adjustmentProposals.id, id)))
    .for('update');
  if (!row) throw new NotFoundError('adjustment_proposal');
  if (version !== null && row.version !== version)
    throw new StaleVersionError('adjustment_proposal', { version: row.version });
  return row;
}

export async function withdrawProposal(
  db: Db,
  actor: Actor,
  p: UserPrincipal,
  id: string,
  version: number,
) {
  return db.transaction(async (tx) => {
    const before = await claimProposal(tx, p.tenantId, id, version);
    if (before.state !== 'proposed')
      throw new AppError(409, 'not_withdrawable', 'only a proposal still waiting can be withdrawn');
    const [after] = await tx
      .update(adjustmentProposals)
      .set({ state: 'withdrawn', batchId: null, version: before.version + 1 })
      .where(eq(adjustmentProposals.id, id))
      .returning();
    await recordAudit(tx, actor, [
      { entity: 'adjustment_proposal', entityId: id, action: 'withdraw', before, after },
    ]);
    return after;
  });
}

// ---------------------------------------------------------------------------------------------
// Batches (the consolidating department).

/** Puts exactly `proposalIds` in the batch: each waiting, of the batch's plan, in no other batch. */
async function setBatchProposals(
  tx: Db,
  tenantId: string,
  batch: { id: string; planId: string },
  proposalIds: readonly string[],
): Promise<AuditEntry[]> {
  const ids = [...new Set(proposalIds)];
  const audit: AuditEntry[] = [];
  const wanted = ids.length
    ? await tx
        .select()
        .from(adjustmentProposals)
        .where(
          and(eq(adjustmentProposals.tenantId, tenantId), inArray(adjustmentProposals.id, ids)),
        )
        .for('update')
    : [];
  const issues = ids.flatMap((id) => {
    const r = wanted.find((w) => w.id === id);
    if (!r) return [{ field: 'proposalIds', code: 'unknown_proposal', message: id }];
    if (r.planId !== batch.planId)
      return [{ field: 'proposalIds', code: 'other_plan', message: id }];
    if (r.state !== 'proposed' || (r.batchId !== null && r.batchId !== batch.id))
      return [{ field: 'proposalIds', code: 'not_available', message: id }];
    return [];
  });
  if (issues.length) throw new InvalidInputError(issues, issues[0]?.code);
  const leaving = await tx
    .update(adjustmentProposals)
    .set({ batchId: null, version: sql`${adjustmentProposals.version} + 1` })
    .where(
      and(
        eq(adjustmentProposals.batchId, batch.id),
        ...(ids.length ? [notInArray(adjustmentProposals.id, ids)] : []),
      ),
    )
    .returning({ id: adjustmentProposals.id });
  for (const r of leaving)
    audit.push({
      entity: 'adjustment_proposal',
      entityId: r.id,
      action: 'unbatch',
      before: { batchId: batch.id },
      after: { batchId: null },
    });
  const joining = wanted.filter((w) => w.batchId === null).map((w) => w.id);
  if (joining.length) {
    await tx
      .update(adjustmentProposals)
      .set({ batchId: batch.id, version: sql`${adjustmentProposals.version} + 1` })
      .where(inArray(adjustmentProposals.id, joining));
    for (const id of joining)
      audit.push({
        entity: 'adjustment_proposal',
        entityId: id,
        action: 'batch',
        before: { batchId: null },
        after: { batchId: batch.id },
      });
  }
  return audit;
}

export async function createBatch(
  db: Db,
  actor: Actor,
  p: UserPrincipal,
  input: { planId: string; opinion: string; proposalIds: string[] },
) {
  return db.transaction(async (tx) => {
    const [plan] = await tx
      .select({ id: plans.id })
      .from(plans)
      .where(visiblePlan(p.tenantId, input.planId));
    if (!plan) throw new NotFoundError('plan');
    const [row] = await tx
      .insert(adjustmentBatches)
      .values({
        tenantId: p.tenantId,
        planId: plan.id,
        opinion: normalizeVietnamese(input.opinion),
        createdBy: p.userId,
      })
      .returning();
    if (!row) throw new Error('insert returned nothing');
    const audit = await setBatchProposals(tx, p.tenantId, row, input.proposalIds);
    await recordAudit(tx, actor, [
      { entity: 'adjustment_batch', entityId: row.id, action: 'create', after: row },
      ...audit,
    ]);
    return row;
  });
}

async function claimBatch(tx: Db, tenantId: string, id: string, version: number) {
  const [row] = await tx
    .select()
    .from(adjustmentBatches)
    .where(and(eq(adjustmentBatches.tenantId, tenantId), eq(adjustmentBatches.id, id)))
    .for('update');
  if (!row) throw new NotFoundError('adjustment_batch');
  if (row.version !== version)
    throw new StaleVersionError('adjustment_batch', { version: row.version });
  if (row.state !== 'draft')
    throw new AppError(409, 'batch_submitted', 'the batch was already submitted');
  return row;
}

export async function updateBatch(
  db: Db,
  actor: Actor,
  p: UserPrincipal,
  id: string,
  input: { version: number; opinion: string; proposalIds: string[] },
) {
  return db.transaction(async (tx) => {
    const before = await claimBatch(tx, p.tenantId, id, input.version);
    const audit = await setBatchProposals(tx, p.tenantId, before, input.proposalIds);
    const [after] = await tx
      .update(adjustmentBatches)
      .set({ opinion: normalizeVietnamese(input.opinion), version: before.version + 1 })
      .where(eq(adjustmentBatches.id, id))
      .returning();
    await recordAudit(tx, actor, [
      { entity: 'adjustment_batch', entityId: id, action: 'update', before, after },
      ...audit,
    ]);
    return after;
  });
}

export async function submitBatch(
  db: Db,
  actor: Actor,
  p: UserPrincipal,
  id: string,
  version: number,
) {
  return db.transaction(async (tx) => {
    const before = await claimBatch(tx, p.tenantId, id, version);
    const issues = [];
    if (before.opinion.trim() === '')
      issues.push({ field: 'opinion', code: 'opinion_required', message: 'write the opinion' });
    const members = await tx
      .select({ id: adjustmentProposals.id, state: adjustmentProposals.state })
      .from(adjustmentProposals)
      .where(eq(adjustmentProposals.batchId, id))
      .for('update');
    if (members.length === 0)
      issues.push({ field: 'proposalIds', code: 'batch_empty', message: 'no proposal' });
    if (issues.length) throw new InvalidInputError(issues, issues[0]?.code);
    const now = new Date();
    await tx
      .update(adjustmentProposals)
      .set({ state: 'submitted', version: sql`${adjustmentProposals.version} + 1` })
      .where(eq(adjustmentProposals.batchId, id));
    const [after] = await tx
      .update(adjustmentBatches)
      .set({
        state: 'submitted',
        submittedBy: p.userId,
        submittedAt: now,
        version: before.version + 1,
      })
      .where(eq(adjustmentBatches.id, id))
      .returning();
    await recordAudit(tx, actor, [
      { entity: 'adjustment_batch', entityId: id, action: 'submit', before, after },
      ...members.map((m) => ({
        entity: 'adjustment_proposal',
        entityId: m.id,
        action: 'submit',
        before: { state: m.state },
        after: { state: 'submitted' },
      })),
    ]);
    const leaders = await tx
      .select({ id: users.id })
      .from(users)
      .where(
        and(eq(users.tenantId, p.tenantId), eq(users.role, 'leadership'), isNull(users.disabledAt)),
      );
    await notify(
      tx,
      {
        tenantId: p.tenantId,
        eventKey: `adjustment-batch:${id}:submitted`,
        kind: 'adjustment_submitted',
        title: `Trình ${members.length} đề xuất điều chỉnh kế hoạch`,
        body: before.opinion.slice(0, 500),
        link: `/dieu-chinh/dot/${id}`,
      },
      leaders.map((l) => l.id),
    );
    return after;
  });
}

// ---------------------------------------------------------------------------------------------
// Leadership's decision, and applying an accepted proposal to the plan.

export async function decideProposal(
  db: Db,
  actor: Actor,
  p: UserPrincipal,
  id: string,
  input: { version: number; decision: 'accept' | 'reject'; note?: string | undefined },
  today: string,
) {
  return db.transaction(async (tx) => {
    const before = await claimProposal(tx, p.tenantId, id, input.version);
    if (before.state !== 'submitted')
      throw new AppError(409, 'already_decided', 'adjustment_proposal already decided');
    const audit: AuditEntry[] = [];
    const applied =
      input.decision === 'accept' ? await applyProposal(tx, actor, before, today, audit) : null;
    const [after] = await tx
      .update(adjustmentProposals)
      .set({
        state: input.decision === 'accept' ? 'accepted' : 'rejected',
        decisionNote: input.note ? normalizeVietnamese(input.note) : null,
        decidedBy: p.userId,
        decidedAt: new Date(),
        appliedRevision: applied?.revision ?? null,
        // A task added by the proposal is the one it is about from now on; a dropped one is gone.
        taskId: applied ? applied.taskId : before.taskId,
        version: before.version + 1,
      })
      .where(eq(adjustmentProposals.id, id))
      .returning();
    if (!after) throw new Error('update returned nothing');
    audit.push({
      entity: 'adjustment_proposal',
      entityId: id,
      action: input.decision === 'accept' ? 'accept' : 'reject',
      before,
      after,
    });
    // The batch is decided once every proposal in it is.
    if (before.batchId) {
      const [open] = await tx
        .select({ n: count() })
        .from(adjustmentProposals)
        .where(
          and(
            eq(adjustmentProposals.batchId, before.batchId),
            eq(adjustmentProposals.state, 'submitted'),
          ),
        );
      if ((open?.n ?? 0) === 0) {
        await tx
          .update(adjustmentBatches)
          .set({ state: 'decided', version: sql`${adjustmentBatches.version} + 1` })
          .where(eq(adjustmentBatches.id, before.batchId));
        audit.push({
          entity: 'adjustment_batch',
          entityId: before.batchId,
          action: 'decide',
          before: { state: 'submitted' },
          after: { state: 'decided' },
        });
      }
    }
    await recordAudit(tx, actor, audit);
    await notify(
      tx,
      {
        tenantId: p.tenantId,
        eventKey: `adjustment:${id}:decided`,
        kind: 'adjustment_decided',
        title:
          input.decision === 'accept'
            ? `Đề xuất điều chỉnh được chấp thuận: ${KIND_LABELS[before.kind as AdjustmentKind]}`
            : `Đề xuất điều chỉnh không được chấp thuận: ${KIND_LABELS[before.kind as AdjustmentKind]}`,
        ...(input.note ? { body: input.note.slice(0, 500) } : {}),
        link: proposalLink(id),
      },
      [before.createdBy],
    );
    return after;
  });
}

type ProposalRecord = typeof adjustmentProposals.$inferSelect;

/** The plan's nodes by id, and the path of indexes from the sections down to one. */
async function nodeFinder(tx: Db, planId: string) {
  const rows = await tx
    .select({ id: planNodes.id, parentId: planNodes.parentId, position: planNodes.position })
    .from(planNodes)
    .where(eq(planNodes.planId, planId));
  const byId = new Map(rows.map((r) => [r.id, r]));
  return (file: PlanFile, nodeId: string): PlanNode | null => {
    const path: number[] = [];
    for (let n = byId.get(nodeId); n; n = n.parentId ? byId.get(n.parentId) : undefined)
      path.unshift(n.position);
    if (path.length === 0) return null;
    let list = file.sections;
    let node: PlanNode | undefined;
    for (const i of path) {
      node = list[i];
      if (!node) return null;
      list = node.children;
    }
    return node ?? null;
  };
}

const outOfSync = () =>
  new AppError(
    409,
    'plan_file_out_of_sync',
    'the plan file of the latest revision does not hold this item where the plan does',
  );

/** An agency as a plan file names it. */
const fileAgency = (a: { name: string; code: string }) => ({
  as_written: a.name,
  agency_code: a.code,
});

/**
 * Applies an accepted proposal: the plan file of the latest revision with the change made becomes
 * the next revision (with what changed), and the live rows change in place (tasks keep their id
 * and what was done on them). Returns the revision and the task the proposal is about after it.
 */
async function applyProposal(
  tx: Db,
  actor: Actor,
  proposal: ProposalRecord,
  today: string,
  audit: AuditEntry[],
): Promise<{ revision: number; taskId: string | null }> {
  const tenantId = proposal.tenantId;
  const [plan] = await tx
    .select({ id: plans.id, revision: plans.revision })
    .from(plans)
    .where(visiblePlan(tenantId, proposal.planId))
    .for('update');
  if (!plan) throw new NotFoundError('plan');
  const before = await latestPlanFile(tx, plan.id);
  if (!before) throw outOfSync();
  const file = structuredClone(before);
  const findNode = await nodeFinder(tx, plan.id);
  const change = proposal.change as ProposalChange;
  let taskId = proposal.taskId;
  let renamed: { from: string; to: string } | null = null;
  let bodyChangedOf: string | null = null;

  /** The task's row (locked, version bumped) and its entry in the plan file. */
  const claimTask = async () => {
    if (!proposal.taskId) throw new AppError(409, 'task_gone', 'the task is no longer in the plan');
    const [row] = await tx.select().from(tasks).where(eq(tasks.id, proposal.taskId)).for('update');
    if (!row) throw new AppError(409, 'task_gone', 'the task is no longer in the plan');
    const node = findNode(file, row.nodeId);
    const entry = node?.tasks[row.position];
    if (!node || !entry || nameKey(entry.title) !== nameKey(row.title)) throw outOfSync();
    return { row, node, entry };
  };
  const updateTask = async (
    row: typeof tasks.$inferSelect,
    set: Partial<typeof tasks.$inferInsert>,
  ) => {
    const [after] = await tx
      .update(tasks)
      .set({ ...set, version: row.version + 1 })
      .where(eq(tasks.id, row.id))
      .returning();
    audit.push({ entity: 'task', entityId: row.id, action: 'adjust', before: row, after });
  };

  switch (change.kind) {
    case 'deadline': {
      const { row, entry } = await claimTask();
      entry.deadline = change.deadline;
      // The plan's new date is leadership's latest word on it: an earlier extension (kept in its
      // requests' history) no longer moves it.
      await updateTask(row, {
        deadline: change.deadline,
        deadlineKind: change.deadline.kind,
        dueOn: dueDate(change.deadline),
        extendedDueOn: null,
      });
      break;
    }
    case 'lead': {
      const { row, entry } = await claimTask();
      const lead = await activeAgency(tx, tenantId, change.lead.id, 'leadAgencyId', today);
      entry.lead = fileAgency(lead);
      entry.lead_as_written = undefined;
      entry.coordinators = entry.coordinators.filter(
        (c) => typeof c === 'string' || c.agency_code !== lead.code,
      );
      // Responsibility moves as an assignment does (history kept): the current lead's ends today
      // and the new agency's starts; a coordinator that becomes lead stops coordinating.
      const current = await tx
        .select()
        .from(taskAssignments)
        .where(
          and(
            eq(taskAssignments.taskId, row.id),
            isNull(taskAssignments.endedOn),
            or(eq(taskAssignments.role, 'lead'), eq(taskAssignments.agencyId, lead.id)),
          ),
        );
      for (const c of current) {
        const [after] = await tx
          .update(taskAssignments)
          .set({ endedOn: today > c.startedOn ? today : c.startedOn })
          .where(eq(taskAssignments.id, c.id))
          .returning();
        audit.push({ entity: 'task_assignment', entityId: c.id, action: 'end', before: c, after });
      }
      audit.push(...(await withdrawPendingReports(tx, tenantId, current)));
      const [started] = await tx
        .insert(taskAssignments)
        .values({
          tenantId,
          taskId: row.id,
          agencyId: lead.id,
          role: 'lead',
          startedOn: today,
          reason: 'assigned',
          note: 'Điều chỉnh kế hoạch được lãnh đạo chấp thuận',
          createdBy: actor.id,
        })
        .returning();
      if (started)
        audit.push({
          entity: 'task_assignment',
          entityId: started.id,
          action: 'create',
          after: started,
        });
      const removed = await tx
        .delete(taskCoordinators)
        .where(and(eq(taskCoordinators.taskId, row.id), eq(taskCoordinators.agencyId, lead.id)))
        .returning();
      for (const r of removed)
        audit.push({
          entity: 'task_coordinator',
          entityId: `${r.taskId}:${r.agencyId}`,
          action: 'delete',
          before: r,
        });
      await updateTask(row, { leadAgencyId: lead.id, leadAsWritten: lead.name });
      break;
    }
    case 'content': {
      const { row, entry } = await claimTask();
      const title = change.title ?? row.title;
      const body = change.body ?? row.body;
      if (title !== row.title) renamed = { from: entry.title, to: title };
      if (body !== row.body) bodyChangedOf = title;
      entry.title = title;
      entry.text = body ?? undefined;
      await updateTask(row, { title, body, searchText: taskSearchText(title, body) });
      break;
    }
    case 'drop_task': {
      const { row, node } = await claimTask();
      const live = await tasksWithLiveWork(tx, [row.id]);
      if (live.length > 0)
        throw new AppError(
          409,
          'plan_has_live_work',
          'the task already has progress, requests or assignments: it cannot leave the plan',
          [{ field: 'taskId', code: 'task_has_live_work', message: row.id }],
        );
      node.tasks.splice(row.position, 1);
      // Proposals keep what they were about in `current`; they stop pointing at the row.
      await tx
        .update(adjustmentProposals)
        .set({ taskId: null })
        .where(eq(adjustmentProposals.taskId, row.id));
      const coordinators = await tx
        .delete(taskCoordinators)
        .where(eq(taskCoordinators.taskId, row.id))
        .returning();
      for (const r of coordinators)
        audit.push({
          entity: 'task_coordinator',
          entityId: `${r.taskId}:${r.agencyId}`,
          action: 'delete',
          before: r,
        });
      audit.push(...(await deletePlanAssignments(tx, [row.id])));
      await tx.delete(tasks).where(eq(tasks.id, row.id));
      audit.push({ entity: 'task', entityId: row.id, action: 'delete', before: row });
      // The tasks after it move up, as the plan file's list does.
      await tx
        .update(tasks)
        .set({ position: sql`${tasks.position} - 1` })
        .where(and(eq(tasks.nodeId, row.nodeId), gt(tasks.position, row.position)));
      taskId = null;
      break;
    }
    case 'add_task': {
      const node = findNode(file, change.node.id);
      if (!node) throw new AppError(409, 'node_gone', 'the section is no longer in the plan');
      const lead = await activeAgency(tx, tenantId, change.lead.id, 'leadAgencyId', today);
      const [nodeRow] = await tx
        .select({ sector: planNodes.sector })
        .from(planNodes)
        .where(eq(planNodes.id, change.node.id));
      const [last] = await tx
        .select({ n: count() })
        .from(tasks)
        .where(eq(tasks.nodeId, change.node.id));
      if ((last?.n ?? 0) !== node.tasks.length) throw outOfSync();
      node.tasks.push({
        title: change.title,
        ...(change.body ? { text: change.body } : {}),
        lead: fileAgency(lead),
        coordinators: [],
        deadline: change.deadline,
      });
      const row = {
        id: randomUUID(),
        tenantId,
        planId: plan.id,
        nodeId: change.node.id,
        position: node.tasks.length - 1,
        title: change.title,
        body: change.body,
        searchText: taskSearchText(change.title, change.body),
        sector: nodeRow?.sector ?? null,
        leadAgencyId: lead.id,
        leadAsWritten: lead.name,
        deadline: change.deadline,
        deadlineKind: change.deadline.kind,
        dueOn: dueDate(change.deadline),
      };
      const [inserted] = await tx.insert(tasks).values(row).returning();
      audit.push({ entity: 'task', entityId: row.id, action: 'create', after: inserted });
      const assignments = await tx
        .insert(taskAssignments)
        .values(assignmentsFromPlan(tenantId, [row], [], today, actor.id))
        .returning();
      for (const a of assignments)
        audit.push({ entity: 'task_assignment', entityId: a.id, action: 'create', after: a });
      taskId = row.id;
      break;
    }
    case 'target': {
      if (!proposal.targetId) throw new AppError(409, 'target_gone', 'the target is gone');
      const [row] = await tx
        .select()
        .from(targets)
        .where(eq(targets.id, proposal.targetId))
        .for('update');
      if (!row) throw new AppError(409, 'target_gone', 'the target is gone');
      const entry = findNode(file, row.nodeId)?.targets[row.position];
      if (!entry || nameKey(entry.indicator) !== nameKey(row.indicator)) throw outOfSync();
      const value = change.value === null ? null : Number(change.value);
      entry.year = change.year;
      entry.value = value ?? undefined;
      // The milestone the plan stated moves with it; others the consolidator added stay.
      if (row.targetYear !== null && row.targetYear !== change.year) {
        const gone = await tx
          .delete(targetMilestones)
          .where(
            and(eq(targetMilestones.targetId, row.id), eq(targetMilestones.year, row.targetYear)),
          )
          .returning();
        for (const m of gone)
          audit.push({
            entity: 'target_milestone',
            entityId: `${m.targetId}:${m.year}`,
            action: 'delete',
            before: m,
          });
      }
      const [milestone] = await tx
        .insert(targetMilestones)
        .values({ targetId: row.id, year: change.year, value: change.value })
        .onConflictDoUpdate({
          target: [targetMilestones.targetId, targetMilestones.year],
          set: { value: change.value },
        })
        .returning();
      audit.push({
        entity: 'target_milestone',
        entityId: `${row.id}:${change.year}`,
        action: 'upsert',
        after: milestone,
      });
      const [after] = await tx
        .update(targets)
        .set({ targetYear: change.year, targetValue: value, version: row.version + 1 })
        .where(eq(targets.id, row.id))
        .returning();
      audit.push({ entity: 'target', entityId: row.id, action: 'adjust', before: row, after });
      await refreshProjections(tx, [row.id]);
      break;
    }
  }

  const diff = diffPlanFiles(before, file);
  // The plan-file diff matches tasks by title: a renamed task reads as one changed task.
  if (renamed) {
    const { from, to } = renamed;
    diff.tasks.removed = diff.tasks.removed.filter((n) => nameKey(n) !== nameKey(from));
    diff.tasks.added = diff.tasks.added.filter((n) => nameKey(n) !== nameKey(to));
    diff.tasks.changed.push({ name: to, fields: ['title'] });
    diff.unchanged = false;
  }
  // The diff does not compare a task's text: a new text is named here.
  if (bodyChangedOf) {
    const found = diff.tasks.changed.find((c) => nameKey(c.name) === nameKey(bodyChangedOf ?? ''));
    if (found) found.fields.push('text');
    else diff.tasks.changed.push({ name: bodyChangedOf, fields: ['text'] });
    diff.unchanged = false;
  }
  const changes = { ...diff, adjustment: { proposalId: proposal.id, kind: change.kind } };
  const revision = plan.revision + 1;
  const [revisionRow] = await tx
    .insert(planRevisions)
    .values({ tenantId, planId: plan.id, revision, planFile: file, changes, createdBy: actor.id })
    .returning({ id: planRevisions.id });
  await tx.update(plans).set({ revision }).where(eq(plans.id, plan.id));
  audit.push(
    {
      entity: 'plan_revision',
      entityId: revisionRow?.id ?? plan.id,
      action: 'create',
      after: { planId: plan.id, revision, changes },
    },
    {
      entity: 'plan',
      entityId: plan.id,
      action: 'update',
      before: { revision: plan.revision },
      after: { revision },
    },
  );
  return { revision, taskId };
}
