// Proposals and batches as the API shows them, with what the caller may do with each.
import { abilities } from '../../server/policy.js';
import type { UserPrincipal } from '../../server/principal.js';
import { batchPolicy, decisionAccess, proposalPolicy } from './policy.js';
import {
  type AdjustmentKind,
  type Batch,
  type Proposal,
  type ProposalState,
  proposalChangeSchema,
  proposalCurrentSchema,
} from './schema.js';
import type { BatchRow, ProposalRow } from './service.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function presentProposal(r: ProposalRow, p: UserPrincipal): Proposal {
  const row = r.p;
  const access = decisionAccess({
    tenantId: row.tenantId,
    agencyId: row.agencyId,
    state: row.state,
  });
  const can = abilities(proposalPolicy, p, access);
  return {
    id: row.id,
    plan: { id: row.planId, number: r.planNumber, title: r.planTitle },
    agency: { id: row.agencyId, name: r.agencyName },
    kind: row.kind as AdjustmentKind,
    task: row.taskId && r.taskTitle ? { id: row.taskId, title: r.taskTitle } : null,
    target:
      row.targetId && r.targetIndicator ? { id: row.targetId, indicator: r.targetIndicator } : null,
    // Stored by this feature from the same schemas: parsed, never passed through unchecked.
    change: proposalChangeSchema.parse(row.change),
    current: row.current === null ? null : proposalCurrentSchema.parse(row.current),
    reason: row.reason,
    state: row.state as ProposalState,
    batchId: row.batchId,
    decisionNote: row.decisionNote,
    decidedBy: r.decidedByName,
    decidedAt: iso(row.decidedAt),
    appliedRevision: row.appliedRevision,
    createdBy: r.createdByName,
    createdAt: row.createdAt.toISOString(),
    version: row.version,
    evidence: r.files.map((f) => ({
      id: f.id,
      fileName: f.fileName,
      size: f.size,
      url: `/api/evidence/${f.id}`,
    })),
    abilities: { withdraw: can.withdraw, decide: can.decide },
  };
}

export function presentBatch(r: BatchRow, p: UserPrincipal): Batch {
  const b = r.b;
  const can = abilities(batchPolicy, p, { tenantId: b.tenantId, state: b.state });
  return {
    id: b.id,
    plan: { id: b.planId, number: r.planNumber, title: r.planTitle },
    state: b.state as Batch['state'],
    opinion: b.opinion,
    createdBy: r.createdByName,
    createdAt: b.createdAt.toISOString(),
    submittedBy: r.submittedByName,
    submittedAt: iso(b.submittedAt),
    version: b.version,
    counts: {
      total: r.total,
      accepted: r.accepted,
      rejected: r.rejected,
      pending: r.total - r.accepted - r.rejected,
    },
    abilities: { update: can.update, submit: can.submit },
  };
}
