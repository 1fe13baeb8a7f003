// /api/periods/:periodId/consolidated-report: the province's report for a reporting period — the
// narrative a leader edits (versioned) and the figures it is built on, counted from data; the
// .docx, its appendix (.docx) and the task list (.xlsx) are downloads. Shared by server and web.
import { z } from 'zod';

const text = (max: number) => z.string().max(max).default('');

export const narrativeSchema = z.object({
  /** Replaces the opening sentence built from the plan and the agencies' reports. */
  opening: text(5000),
  /** After the overall figures. */
  resultsComment: text(20000),
  /** Tồn tại, hạn chế: before the agencies' difficulties. */
  assessment: text(20000),
  /** Phương hướng, nhiệm vụ thời gian tới. */
  directions: text(20000),
  /** The committee's own recommendations, before the agencies' proposals. */
  recommendations: text(20000),
});
export type Narrative = z.infer<typeof narrativeSchema>;

export const periodParamsSchema = z.object({ periodId: z.uuid() });

const stateCountsSchema = z.object({
  done_on_time: z.int(),
  done_late: z.int(),
  in_progress: z.int(),
  overdue: z.int(),
  not_started: z.int(),
});

const groupSchema = z.object({
  id: z.string().nullable(),
  name: z.string(),
  total: z.int(),
  states: stateCountsSchema,
  completionRate: z.number().nullable(),
});

export const figuresSchema = z.object({
  asOf: z.string(),
  tasks: z.object({
    total: z.int(),
    states: stateCountsSchema,
    completionRate: z.number().nullable(),
    overdueByAge: z.object({
      over_120: z.int(),
      over_60: z.int(),
      over_30: z.int(),
      under_30: z.int(),
    }),
  }),
  bySector: z.array(groupSchema),
  byAgency: z.array(groupSchema),
  targets: z.object({
    total: z.int(),
    onTrack: z.int(),
    atRisk: z.int(),
    offTrack: z.int(),
    noData: z.int(),
  }),
  projects: z.object({
    count: z.int(),
    year: z.int(),
    capitalPlan: z.string(),
    disbursed: z.string(),
    disbursedPercent: z.string().nullable(),
    milestonesPlanned: z.int(),
    milestonesReached: z.int(),
    milestonesLate: z.int(),
  }),
  agencyReports: z.object({ expected: z.int(), received: z.int() }),
  difficulties: z.array(z.object({ agency: z.string(), text: z.string() })),
  proposals: z.array(z.object({ agency: z.string(), text: z.string() })),
  adjustments: z.array(
    z.object({
      agency: z.string(),
      subject: z.string(),
      reason: z.string(),
      state: z.enum(['proposed', 'submitted', 'accepted', 'rejected', 'withdrawn']),
      decisionNote: z.string().nullable(),
    }),
  ),
});
export type Figures = z.infer<typeof figuresSchema>;

export const consolidatedReportViewSchema = z.object({
  period: z.object({
    id: z.uuid(),
    planId: z.uuid(),
    label: z.string(),
    kind: z.string(),
    windowFrom: z.string(),
    windowTo: z.string(),
  }),
  plan: z.object({ number: z.string().nullable(), title: z.string().nullable() }),
  /** The report's subject as it will be printed. */
  subject: z.string(),
  narrative: narrativeSchema,
  /** 0 before the narrative is first saved. */
  version: z.int(),
  updatedAt: z.string().nullable(),
  figures: figuresSchema,
  abilities: z.object({ edit: z.boolean(), download: z.boolean() }),
});
export type ConsolidatedReportView = z.infer<typeof consolidatedReportViewSchema>;

export const narrativeUpdateSchema = z.object({
  version: z.int().min(0),
  narrative: narrativeSchema,
});
