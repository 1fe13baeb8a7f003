// Rows → the API shape of successions and reassignment reviews, with the caller's abilities.
import { can } from '../../server/policy.js';
import type { Principal } from '../../server/principal.js';
import type { AgencyRow } from '../agencies/service.js';
import { canApplyNow, reviewPolicy } from './policy.js';
import type { ReassignmentReview, Succession, SuccessionList } from './schema.js';
import {
  candidateIds,
  type ReviewListData,
  type SuccessionListData,
  type SuccessionRow,
} from './service.js';

const ref = (agencies: Map<string, AgencyRow>, id: string) => ({
  id,
  name: agencies.get(id)?.name ?? '',
});

const iso = (at: Date | string) =>
  at instanceof Date ? at.toISOString() : new Date(at).toISOString();

export function presentSuccession(
  s: SuccessionRow,
  data: SuccessionListData,
  principal: Principal,
): Succession {
  const { agencies } = data.ctx;
  const application = data.applications.get(s.id);
  return {
    id: s.id,
    predecessor: ref(agencies, s.predecessorId),
    kind: s.kind,
    effectiveOn: s.effectiveOn,
    note: s.note,
    successors: s.successorIds.map((id) => ref(agencies, id)),
    applied: application
      ? {
          at: iso(application.appliedAt),
          by: application.displayName ?? application.appliedBy,
          movedTasks: application.movedTasks,
          queuedTasks: application.queuedTasks,
        }
      : null,
    openTasks: data.openTasks.get(s.id) ?? 0,
    abilities: {
      apply: canApplyNow(principal, { tenantId: principal.tenantId, applied: !!application }),
    },
  };
}

export function presentSuccessionList(
  data: SuccessionListData,
  principal: Principal,
): SuccessionList {
  return { items: data.successions.map((s) => presentSuccession(s, data, principal)) };
}

export function presentReview(
  row: ReviewListData['rows'][number],
  ctx: ReviewListData['ctx'],
  principal: Principal,
): ReassignmentReview {
  const { review, task } = row;
  const succession = ctx.byId.get(review.successionId);
  return {
    id: review.id,
    task: {
      id: task.id,
      code: task.code,
      title: task.title,
      plan: { id: task.planId, number: row.planNumber },
    },
    former: {
      agency: review.formerAgencyId ? ref(ctx.agencies, review.formerAgencyId) : null,
      asWritten: review.formerAsWritten,
    },
    role: review.role as ReassignmentReview['role'],
    succession: {
      id: review.successionId,
      kind: succession?.kind ?? 'split',
      effectiveOn: succession?.effectiveOn ?? '',
    },
    candidates: candidateIds(ctx, review.successionId, review.formerAgencyId).map((id) =>
      ref(ctx.agencies, id),
    ),
    status: review.status as ReassignmentReview['status'],
    chosenAgency: review.chosenAgencyId ? ref(ctx.agencies, review.chosenAgencyId) : null,
    resolvedBy: review.resolvedBy ? (row.resolvedByName ?? review.resolvedBy) : null,
    resolvedAt: review.resolvedAt ? iso(review.resolvedAt) : null,
    abilities: {
      resolve: can(reviewPolicy, principal, 'resolve', {
        tenantId: review.tenantId,
        status: review.status,
      }),
    },
  };
}
