// Live tasks for the API: computed status, current responsibility, history, and what the caller
// may do with each object (abilities), so the UI never re-derives the rules.
import { rollUp } from '../../domain/rollup.js';
import { abilities } from '../../server/policy.js';
import type { Principal } from '../../server/principal.js';
import { extensionPolicy, planItemPolicy, progressPolicy, taskPolicy } from './policy.js';
import type { TaskFacts } from './queries.js';
import type {
  AgencyPlanItemView,
  CommentView,
  ExtensionRequestView,
  ProgressUpdateView,
  TaskDetail,
  TaskSummary,
} from './schema.js';
import type { TaskHistory } from './service.js';

const iso = (d: Date) => d.toISOString();

export function presentTaskSummary(t: TaskFacts): TaskSummary {
  return {
    id: t.id,
    code: t.code,
    title: t.title,
    plan: { id: t.planId, number: t.planNumber },
    deadline: t.deadline,
    lead: t.lead,
    leadAsWritten: t.leadAsWritten,
    coordinators: t.coordinators,
    percent: t.percent,
    status: {
      state: t.status.state,
      dueOn: t.status.dueOn,
      overdueDays: t.status.overdueDays,
      age: t.status.age,
      period: t.status.period,
    },
    awaitingReassignment: t.awaitingReassignment,
  };
}

type UpdateRow = TaskHistory['updates'][number];
type FileRow = TaskHistory['files'][number];

export function presentProgress(
  row: UpdateRow,
  files: readonly FileRow[],
  principal: Principal,
): ProgressUpdateView {
  const u = row.u;
  return {
    id: u.id,
    kind: u.kind as ProgressUpdateView['kind'],
    agency: { id: u.agencyId, name: row.agencyName },
    reportedOn: u.reportedOn,
    percent: u.percent,
    narrative: u.narrative,
    status: u.status as ProgressUpdateView['status'],
    createdBy: { id: u.createdBy, displayName: row.createdByName ?? '' },
    createdAt: iso(u.createdAt),
    reviewedBy:
      u.reviewedBy && row.reviewedByName
        ? { id: u.reviewedBy, displayName: row.reviewedByName }
        : null,
    reviewedAt: u.reviewedAt ? iso(u.reviewedAt) : null,
    reviewNote: u.reviewNote,
    evidence: files
      .filter((f) => f.progressUpdateId === u.id)
      .map((f) => ({
        id: f.id,
        fileName: f.fileName,
        contentType: f.contentType,
        size: f.size,
        sha256: f.sha256,
        url: `/api/evidence/${f.id}`,
      })),
    abilities: abilities(progressPolicy, principal, {
      ...u,
      responsible: Boolean(row.responsible),
    }),
  };
}

export function presentExtension(
  row: TaskHistory['extensions'][number],
  principal: Principal,
): ExtensionRequestView {
  const e = row.e;
  return {
    id: e.id,
    agency: { id: e.agencyId, name: row.agencyName },
    reason: e.reason,
    currentDueOn: e.currentDueOn,
    proposedDueOn: e.proposedDueOn,
    status: e.status as ExtensionRequestView['status'],
    requestedBy: { id: e.requestedBy, displayName: row.requestedByName ?? '' },
    requestedAt: iso(e.requestedAt),
    decidedBy:
      e.decidedBy && row.decidedByName ? { id: e.decidedBy, displayName: row.decidedByName } : null,
    decidedAt: e.decidedAt ? iso(e.decidedAt) : null,
    decisionNote: e.decisionNote,
    abilities: abilities(extensionPolicy, principal, e),
  };
}

export function presentComment(row: TaskHistory['comments'][number]): CommentView {
  const c = row.c;
  return {
    id: c.id,
    kind: c.kind as CommentView['kind'],
    body: c.body,
    author: {
      id: c.authorId,
      displayName: row.authorName,
      agency:
        row.authorAgencyId && row.authorAgencyName
          ? { id: row.authorAgencyId, name: row.authorAgencyName }
          : null,
    },
    mentions: c.mentions,
    createdAt: iso(c.createdAt),
  };
}

export function presentPlanItem(
  row: TaskHistory['items'][number],
  principal: Principal,
): AgencyPlanItemView {
  const i = row.i;
  return {
    id: i.id,
    agency: { id: i.agencyId, name: row.agencyName },
    title: i.title,
    dueOn: i.dueOn,
    percent: i.percent,
    completedOn: i.completedOn,
    version: i.version,
    abilities: abilities(planItemPolicy, principal, i),
  };
}

/** A task's page, but for the targets and projects it delivers (service.ts#deliveredBy). */
export function presentTaskDetail(
  t: TaskFacts,
  h: TaskHistory,
  principal: Principal,
): Omit<TaskDetail, 'targets' | 'projects'> {
  return {
    ...presentTaskSummary(t),
    plan: { id: t.planId, number: t.planNumber, title: t.planTitle },
    body: t.body,
    sector: t.sector,
    expectedOutput: t.expectedOutput,
    plannedDueOn: t.plannedDueOn,
    assignedDueOn: t.assignedDueOn,
    extendedDueOn: t.extendedDueOn,
    completedOn: t.completedOn,
    namedLead: t.namedLead,
    assignments: h.assignments.map(({ a, agencyName }) => ({
      agency: { id: a.agencyId, name: agencyName },
      role: a.role as 'lead' | 'coordinator',
      startedOn: a.startedOn,
      endedOn: a.endedOn,
      reason: a.reason,
      note: a.note,
    })),
    progress: h.updates.map((u) => presentProgress(u, h.files, principal)),
    extensions: h.extensions.map((e) => presentExtension(e, principal)),
    comments: h.comments.map(presentComment),
    agencyPlan: h.items.map((i) => presentPlanItem(i, principal)),
    rollup: rollUp(h.items.map((i) => ({ percent: i.i.percent }))),
    version: t.version,
    abilities: abilities(taskPolicy, principal, t.access),
  };
}
