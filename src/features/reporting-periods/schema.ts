// Reporting periods in the API: shared with the web client.
import { z } from 'zod';
import { PERIOD_KINDS } from '../../domain/reporting-period.js';

export const periodKindSchema = z.enum(PERIOD_KINDS);

const isoDay = z.iso.date();

export const periodFieldsSchema = z
  .object({
    kind: periodKindSchema,
    label: z.string().trim().min(1).max(200),
    windowFrom: isoDay,
    windowTo: isoDay,
    submissionDueOn: isoDay,
    /** Days before the deadline a reminder goes out; default 7 and 2. */
    reminderDaysBefore: z.array(z.number().int().min(1).max(90)).max(5).default([7, 2]),
  })
  .refine((p) => p.windowFrom <= p.windowTo, {
    path: ['windowTo'],
    message: 'the data window must end on or after its first day',
  })
  .refine((p) => p.submissionDueOn >= p.windowFrom, {
    path: ['submissionDueOn'],
    message: 'the submission deadline must not come before the data window starts',
  });
export type PeriodFields = z.infer<typeof periodFieldsSchema>;

export const periodUpdateSchema = periodFieldsSchema.and(z.object({ version: z.number().int() }));

export const periodIdParamsSchema = z.object({ id: z.uuid() });
export const planIdParamsSchema = z.object({ id: z.uuid() });
export const periodListQuerySchema = z.object({ planId: z.uuid().optional() });

export const periodAbilitiesSchema = z.object({
  update: z.boolean(),
  open: z.boolean(),
  manageAgencies: z.boolean(),
  /** What the reminder job sent for the period (features/reminders). */
  readReminders: z.boolean(),
});

export const periodSummarySchema = z.object({
  id: z.uuid(),
  planId: z.uuid(),
  planNumber: z.string().nullable(),
  planTitle: z.string().nullable(),
  kind: periodKindSchema,
  label: z.string(),
  windowFrom: isoDay,
  windowTo: isoDay,
  submissionDueOn: isoDay,
  reminderDaysBefore: z.array(z.number().int()),
  openedAt: z.string().nullable(),
  version: z.number().int(),
  /** Agencies expected to report, and those whose report is in (submitted or accepted). */
  expected: z.number().int(),
  submitted: z.number().int(),
  abilities: periodAbilitiesSchema,
});
export type PeriodSummary = z.infer<typeof periodSummarySchema>;
export const periodListSchema = z.object({ items: z.array(periodSummarySchema) });
export type PeriodList = z.infer<typeof periodListSchema>;

/** An expected agency's standing in a period. */
export const agencyStandingSchema = z.enum([
  'accepted',
  'submitted',
  'returned',
  'draft',
  'not_started',
]);

export const completenessRowSchema = z.object({
  agency: z.object({ id: z.uuid(), name: z.string(), shortName: z.string().nullable() }),
  source: z.enum(['derived', 'added']),
  standing: agencyStandingSchema,
  submittedAt: z.string().nullable(),
  /** Submitted by the deadline (in Vietnam's time); null while not submitted. */
  onTime: z.boolean().nullable(),
  /** Not submitted and the deadline has passed. */
  missing: z.boolean(),
  returnReason: z.string().nullable(),
});

export const completenessSchema = z.object({
  expected: z.number().int(),
  submitted: z.number().int(),
  onTime: z.number().int(),
  late: z.number().int(),
  missing: z.number().int(),
  returned: z.number().int(),
  /** Not yet submitted, the deadline still ahead. */
  pending: z.number().int(),
  agencies: z.array(completenessRowSchema),
  /** Recurring tasks of the plan in this period (annual periods only). */
  recurringTasks: z
    .object({
      total: z.number().int(),
      onTime: z.number().int(),
      late: z.number().int(),
      missing: z.number().int(),
      /** Not reported, the period still open to a report. */
      open: z.number().int(),
    })
    .nullable(),
});
export type Completeness = z.infer<typeof completenessSchema>;

export const periodDetailSchema = periodSummarySchema.and(
  z.object({ asOf: isoDay, completeness: completenessSchema }),
);
export type PeriodDetail = z.infer<typeof periodDetailSchema>;

export const expectedAgenciesBodySchema = z.object({
  add: z.array(z.uuid()).max(500).default([]),
  remove: z.array(z.uuid()).max(500).default([]),
});

export const periodOutcomeSchema = z.object({
  periodId: z.uuid(),
  label: z.string(),
  dueOn: isoDay,
  outcome: z.enum(['on_time', 'late', 'overdue', 'missing', 'pending']),
  reportedOn: isoDay.nullable(),
});
export const taskPeriodOutcomesSchema = z.object({
  recurring: z.boolean(),
  items: z.array(periodOutcomeSchema),
});
export type TaskPeriodOutcomes = z.infer<typeof taskPeriodOutcomesSchema>;
