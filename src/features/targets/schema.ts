// /api/targets: a plan's targets (chỉ tiêu) with their milestones, latest approved actual and
// projection; shared by server (validation, OpenAPI) and web client.
import { z } from 'zod';

/** An exact decimal, as text ("12.5"): never a binary floating-point number. */
export const decimalSchema = z.string().regex(/^-?\d+(\.\d+)?$/);

export const targetKindSchema = z.enum([
  'number',
  'percentage',
  'count',
  'milestone',
  'qualitative',
]);
export const comparatorSchema = z.enum(['at_least', 'at_most', 'exactly', 'about']);
export const projectionStateSchema = z.enum([
  'on_track',
  'at_risk',
  'off_track',
  'no_data',
  'no_baseline',
  'no_milestone',
  'done',
  'due',
  'overdue',
]);

export const reportingFrequencySchema = z.enum(['annual', 'semiannual', 'quarterly', 'monthly']);

export const targetListQuerySchema = z.object({
  planId: z.uuid().optional(),
  sector: z.string().trim().min(1).max(200).optional(),
  /** Responsible for the target or contributing to it. */
  agencyId: z.uuid().optional(),
  projection: projectionStateSchema.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export const targetIdParamsSchema = z.object({ id: z.uuid() });

export const projectionSchema = z.object({
  state: projectionStateSchema,
  /** The year judged: of the latest actual, or (milestones) the year asked. */
  year: z.number().int().nullable(),
  expected: decimalSchema.nullable(),
  actual: decimalSchema.nullable(),
  /** The rule and its figures, in Vietnamese. */
  rule: z.string(),
});

export const targetActualSchema = z.object({
  year: z.number().int(),
  /** '2026', '2026-H1', '2026-Q3', '2026-07' */
  period: z.string(),
  periodLabel: z.string(),
  periodEnd: z.iso.date(),
  value: decimalSchema.nullable(),
  achieved: z.boolean().nullable(),
  assessment: z.enum(['on_track', 'at_risk', 'off_track']).nullable(),
  note: z.string().nullable(),
});

export const targetSummarySchema = z.object({
  id: z.uuid(),
  plan: z.object({ id: z.uuid(), number: z.string().nullable(), title: z.string().nullable() }),
  indicator: z.string(),
  unit: z.string().nullable(),
  kind: targetKindSchema,
  comparator: comparatorSchema,
  sector: z.string().nullable(),
  baseline: z.object({ year: z.number().int(), value: decimalSchema }).nullable(),
  /** The plan's baseline value when it gives no year (a baseline is used once it has one). */
  baselineValueWithoutYear: decimalSchema.nullable(),
  milestones: z.array(z.object({ year: z.number().int(), value: decimalSchema.nullable() })),
  responsibleAgency: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  latestActual: targetActualSchema.nullable(),
  projection: projectionSchema,
});

export const targetListSchema = z.object({
  items: z.array(targetSummarySchema),
  total: z.number().int(),
});

export const evidenceFileSchema = z.object({
  id: z.uuid(),
  fileName: z.string(),
  size: z.number().int(),
  url: z.string(),
});

/** A report of an actual as the history shows it (any status). */
export const actualReportSchema = targetActualSchema.extend({
  id: z.uuid(),
  /** withdrawn: the target went to another agency before the head decided. */
  status: z.enum(['pending', 'approved', 'returned', 'withdrawn']),
  agency: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  reportedBy: z.string().nullable(),
  reportedAt: z.string(),
  reviewedBy: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  reviewNote: z.string().nullable(),
  evidence: z.array(evidenceFileSchema),
  abilities: z.object({ review: z.boolean() }),
});

export const targetDetailSchema = targetSummarySchema.extend({
  version: z.number().int(),
  body: z.string().nullable(),
  dataSource: z.string().nullable(),
  reportingFrequency: reportingFrequencySchema,
  contributors: z.array(z.object({ id: z.uuid(), name: z.string() })),
  tasks: z.array(z.object({ id: z.uuid(), title: z.string() })),
  abilities: z.object({ update: z.boolean(), report: z.boolean() }),
  /** The actuals that count: the latest approved of each period, newest period first. */
  actuals: z.array(targetActualSchema),
  /** Every report, newest first. */
  reports: z.array(actualReportSchema),
});

/** The responsible agency reports an actual: multipart fields (and files "evidence"). */
export const actualFieldsSchema = z.object({
  version: z.coerce.number().int().min(1),
  period: z.string().trim().min(4).max(7),
  value: decimalSchema.optional(),
  achieved: z.enum(['true', 'false']).optional(),
  assessment: z.enum(['on_track', 'at_risk', 'off_track']).optional(),
  note: z.string().trim().min(1).max(10_000),
});

export const actualReviewBodySchema = z.object({
  decision: z.enum(['approve', 'return']),
  note: z.string().trim().max(2000).optional(),
});

/** The consolidator completes a target: what it measures and how, from where, and who answers. */
export const targetUpdateSchema = z
  .object({
    version: z.number().int().min(1),
    kind: targetKindSchema,
    comparator: comparatorSchema,
    unit: z.string().trim().min(1).max(100).nullable(),
    baseline: z
      .object({ year: z.number().int().min(1945).max(2100), value: decimalSchema })
      .nullable(),
    milestones: z
      .array(
        z.object({ year: z.number().int().min(1945).max(2100), value: decimalSchema.nullable() }),
      )
      .max(30),
    responsibleAgencyId: z.uuid().nullable(),
    dataSource: z.string().trim().min(1).max(1000).nullable(),
    /** Absent: unchanged. */
    reportingFrequency: reportingFrequencySchema.optional(),
    contributorAgencyIds: z.array(z.uuid()).max(50).optional(),
    taskIds: z.array(z.uuid()).max(200).optional(),
  })
  .superRefine((t, ctx) => {
    const years = t.milestones.map((m) => m.year);
    years.forEach((y, i) => {
      if (years.indexOf(y) !== i)
        ctx.addIssue({
          code: 'custom',
          path: ['milestones', i, 'year'],
          message: 'duplicate_year',
        });
    });
    const quantity = t.kind !== 'milestone' && t.kind !== 'qualitative';
    t.milestones.forEach((m, i) => {
      if (quantity && m.value === null)
        ctx.addIssue({
          code: 'custom',
          path: ['milestones', i, 'value'],
          message: 'value_required',
        });
      if (!quantity && m.value !== null)
        ctx.addIssue({
          code: 'custom',
          path: ['milestones', i, 'value'],
          message: 'no_value_for_kind',
        });
    });
    if (t.baseline && t.milestones.some((m) => m.year <= (t.baseline?.year ?? 0)))
      ctx.addIssue({
        code: 'custom',
        path: ['baseline', 'year'],
        message: 'baseline_after_milestone',
      });
  });

export type TargetUpdate = z.infer<typeof targetUpdateSchema>;
export type TargetSummary = z.infer<typeof targetSummarySchema>;
export type TargetDetail = z.infer<typeof targetDetailSchema>;
export type ActualReport = z.infer<typeof actualReportSchema>;
export type TargetList = z.infer<typeof targetListSchema>;
