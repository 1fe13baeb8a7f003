// The leadership dashboard's API contract (GET /api/dashboard), shared by server (validation,
// OpenAPI, serialisation) and web client. Every figure comes with the list behind it (`list`): the
// list endpoint and its query (API parameter names) that selects exactly what the figure counts,
// so that the page links to it and a test can check that the list has that many rows.
import { z } from 'zod';
import { projectionStateSchema } from '../targets/schema.js';
import { taskStateSchema } from '../tasks/schema.js';

export const dashboardQuerySchema = z.object({
  planId: z.uuid().optional(),
  /** The reporting period whose missing reports are counted; the current one when absent. */
  periodId: z.uuid().optional(),
  sector: z.string().trim().min(1).max(200).optional(),
  /** Tasks it currently leads, targets it is responsible for or contributes to, projects it owns. */
  agencyId: z.uuid().optional(),
});

/** The list a figure counts: which list, and the query of its API endpoint. */
export const figureListSchema = z.object({
  kind: z.enum(['tasks', 'targets', 'projects', 'period']),
  query: z.record(z.string(), z.string()),
});

/** A count and the list behind it (null when no list selects exactly it: items without a sector). */
const figure = z.object({ value: z.number().int(), list: figureListSchema.nullable() });

const money = z.string().regex(/^-?\d+(\.\d+)?$/);

export const overdueAgeSchema = z.enum(['under_30', 'over_30', 'over_60', 'over_120']);

export const dashboardSchema = z.object({
  asOf: z.iso.date(),
  /** The year of the capital plan and disbursement (the period's year, else this year). */
  year: z.number().int(),
  tasks: z.object({
    total: figure,
    states: z.record(taskStateSchema, figure),
    /** Done ÷ (done + overdue), DOMAIN.md §4; null when neither. */
    completionRate: z.number().nullable(),
    /** Done on time ÷ (done + overdue); null when neither. */
    onTimeRate: z.number().nullable(),
    overdueByAge: z.record(overdueAgeSchema, figure),
  }),
  reports: z
    .object({
      period: z.object({
        id: z.uuid(),
        label: z.string(),
        planId: z.uuid(),
        submissionDueOn: z.iso.date(),
      }),
      expected: z.number().int(),
      submitted: z.number().int(),
      /** Not in (submitted or accepted) and the deadline has passed. */
      missing: figure,
      /** Not in yet, the deadline still ahead. */
      pending: z.number().int(),
    })
    .nullable(),
  targets: z.object({
    total: figure,
    byProjection: z.record(projectionStateSchema, figure),
  }),
  projects: z.object({
    total: figure,
    /** The year's capital plan, all sources, billion đồng (exact decimal text). */
    capitalPlanned: money,
    disbursed: money,
    /** Disbursed as a percentage of the year's plan (two decimals); null when nothing is planned. */
    disbursedPercent: money.nullable(),
    /** Projects with a milestone not reached by its planned day. */
    slipping: figure,
    /** Such milestones, counted one by one. */
    milestonesSlipping: z.number().int(),
  }),
  bySector: z.array(
    z.object({
      /** Null: items the plan gives no sector. */
      sector: z.string().nullable(),
      tasks: z.object({
        total: figure,
        done: z.number().int(),
        overdue: figure,
        completionRate: z.number().nullable(),
      }),
      targets: z.object({
        total: figure,
        onTrack: figure,
        atRisk: figure,
        offTrack: figure,
      }),
      projects: z.object({
        total: figure,
        capitalPlanned: money,
        disbursed: money,
        disbursedPercent: money.nullable(),
      }),
    }),
  ),
  /** Agencies leading tasks, best on-time rate first (those with nothing judged yet last). */
  byAgency: z.array(
    z.object({
      agency: z.object({ id: z.uuid(), name: z.string() }),
      doneOnTime: figure,
      doneLate: figure,
      overdue: figure,
      /** Not done yet (in progress, not started and overdue). */
      open: figure,
      /** Done on time ÷ (done + overdue); null when none is judged yet. */
      onTimeRate: z.number().nullable(),
    }),
  ),
  /** The sectors the filter can choose from (every sector of tasks, targets and projects). */
  sectors: z.array(z.string()),
});

export type DashboardQuery = z.infer<typeof dashboardQuerySchema>;
export type Dashboard = z.infer<typeof dashboardSchema>;
export type FigureList = z.infer<typeof figureListSchema>;
