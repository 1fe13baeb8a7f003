// /api/adjustments and /api/adjustment-batches: proposed adjustments of a plan (điều chỉnh kế hoạch),
// the consolidator's batches and leadership's decisions; shared by server (validation, OpenAPI) and
// web client.
import { z } from 'zod';
import { deadlineSchema } from '../../domain/deadline.js';
import { decimalSchema, evidenceFileSchema } from '../targets/schema.js';

export const adjustmentKindSchema = z.enum([
  'deadline',
  'lead',
  'content',
  'drop_task',
  'add_task',
  'target',
]);
export type AdjustmentKind = z.infer<typeof adjustmentKindSchema>;

export const proposalStateSchema = z.enum([
  'proposed',
  'submitted',
  'accepted',
  'rejected',
  'withdrawn',
]);
export type ProposalState = z.infer<typeof proposalStateSchema>;

export const batchStateSchema = z.enum(['draft', 'submitted', 'decided']);

const text = (max: number) => z.string().trim().min(1).max(max);
const reason = text(4000);
const isoDate = z.iso.date();
const year = z.coerce.number().int().min(1945).max(2100);

/**
 * A proposal as the agency sends it: multipart text fields (and files "evidence"), one shape per
 * kind. Content keeps what is not given; a new task goes under a section or objective of the plan.
 */
export const proposalFieldsSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('deadline'), taskId: z.uuid(), dueOn: isoDate, reason }),
  z.object({ kind: z.literal('lead'), taskId: z.uuid(), leadAgencyId: z.uuid(), reason }),
  z.object({
    kind: z.literal('content'),
    taskId: z.uuid(),
    title: text(2000).optional(),
    body: text(20_000).optional(),
    reason,
  }),
  z.object({ kind: z.literal('drop_task'), taskId: z.uuid(), reason }),
  z.object({
    kind: z.literal('add_task'),
    planId: z.uuid(),
    nodeId: z.uuid(),
    title: text(2000),
    body: text(20_000).optional(),
    leadAgencyId: z.uuid(),
    dueOn: isoDate.optional(),
    reason,
  }),
  z.object({
    kind: z.literal('target'),
    targetId: z.uuid(),
    year,
    value: decimalSchema.optional(),
    reason,
  }),
]);
export type ProposalFields = z.infer<typeof proposalFieldsSchema>;
/** Fields a form may leave empty (read as absent). */
export const OPTIONAL_PROPOSAL_FIELDS = ['title', 'body', 'dueOn', 'value'] as const;

const agencyRef = z.object({ id: z.uuid(), name: z.string() });

/** The proposed values, stored in `adjustment_proposals.change`, by kind. */
export const proposalChangeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('deadline'), deadline: deadlineSchema }),
  z.object({ kind: z.literal('lead'), lead: agencyRef }),
  z.object({
    kind: z.literal('content'),
    title: z.string().optional(),
    body: z.string().optional(),
  }),
  z.object({ kind: z.literal('drop_task') }),
  z.object({
    kind: z.literal('add_task'),
    node: z.object({ id: z.uuid(), label: z.string().nullable(), title: z.string() }),
    title: z.string(),
    body: z.string().nullable(),
    lead: agencyRef,
    deadline: deadlineSchema,
  }),
  z.object({ kind: z.literal('target'), year: z.number().int(), value: decimalSchema.nullable() }),
]);
export type ProposalChange = z.infer<typeof proposalChangeSchema>;

/** The values when proposed (`adjustment_proposals.current`), for the reader. */
export const proposalCurrentSchema = z.object({
  title: z.string().optional(),
  body: z.string().nullable().optional(),
  code: z.string().nullable().optional(),
  deadline: deadlineSchema.optional(),
  dueOn: z.string().nullable().optional(),
  lead: agencyRef.nullable().optional(),
  indicator: z.string().optional(),
  unit: z.string().nullable().optional(),
  year: z.number().int().nullable().optional(),
  value: decimalSchema.nullable().optional(),
});
export type ProposalCurrent = z.infer<typeof proposalCurrentSchema>;

export const proposalSchema = z.object({
  id: z.uuid(),
  plan: z.object({ id: z.uuid(), number: z.string().nullable(), title: z.string().nullable() }),
  agency: agencyRef,
  kind: adjustmentKindSchema,
  /** The task concerned (null once a dropped task is gone; `current.title` names it). */
  task: z.object({ id: z.uuid(), title: z.string() }).nullable(),
  target: z.object({ id: z.uuid(), indicator: z.string() }).nullable(),
  change: proposalChangeSchema,
  current: proposalCurrentSchema.nullable(),
  reason: z.string(),
  state: proposalStateSchema,
  batchId: z.uuid().nullable(),
  /** Leadership's reason for a rejection (or note on an acceptance). */
  decisionNote: z.string().nullable(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  /** The plan revision an accepted proposal was applied in. */
  appliedRevision: z.number().int().nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  version: z.number().int(),
  evidence: z.array(evidenceFileSchema),
  abilities: z.object({ withdraw: z.boolean(), decide: z.boolean() }),
});
export type Proposal = z.infer<typeof proposalSchema>;

export const proposalListQuerySchema = z.object({
  planId: z.uuid().optional(),
  state: proposalStateSchema.optional(),
  agencyId: z.uuid().optional(),
  batchId: z.uuid().optional(),
  /** Proposals not yet in any batch (what the consolidator groups). */
  unbatched: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export const proposalListSchema = z.object({
  items: z.array(proposalSchema),
  total: z.number().int(),
});

export const idParamsSchema = z.object({ id: z.uuid() });

export const versionBodySchema = z.object({ version: z.number().int().min(1) });

export const decisionBodySchema = z
  .object({
    version: z.number().int().min(1),
    decision: z.enum(['accept', 'reject']),
    note: z.string().trim().max(4000).optional(),
  })
  .refine((d) => d.decision === 'accept' || (d.note ?? '').length > 0, {
    message: 'a rejection needs its reason',
    path: ['note'],
  });

export const batchCreateSchema = z.object({
  planId: z.uuid(),
  opinion: z.string().trim().max(20_000).default(''),
  proposalIds: z.array(z.uuid()).max(500).default([]),
});

export const batchUpdateSchema = z.object({
  version: z.number().int().min(1),
  opinion: z.string().trim().max(20_000),
  proposalIds: z.array(z.uuid()).max(500),
});

export const batchSchema = z.object({
  id: z.uuid(),
  plan: z.object({ id: z.uuid(), number: z.string().nullable(), title: z.string().nullable() }),
  state: batchStateSchema,
  opinion: z.string(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  submittedBy: z.string().nullable(),
  submittedAt: z.string().nullable(),
  version: z.number().int(),
  counts: z.object({
    total: z.number().int(),
    accepted: z.number().int(),
    rejected: z.number().int(),
    pending: z.number().int(),
  }),
  abilities: z.object({ update: z.boolean(), submit: z.boolean() }),
});
export type Batch = z.infer<typeof batchSchema>;

export const batchDetailSchema = batchSchema.extend({ proposals: z.array(proposalSchema) });
export type BatchDetail = z.infer<typeof batchDetailSchema>;

export const batchListQuerySchema = z.object({
  planId: z.uuid().optional(),
  state: batchStateSchema.optional(),
});
export const batchListSchema = z.object({ items: z.array(batchSchema) });
