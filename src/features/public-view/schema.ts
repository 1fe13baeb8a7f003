// /api/public/plans: what anyone may read without signing in (rule.ts decides what that is). Shared
// by the server (validation, serialisation, OpenAPI) and the web client's public pages.
import { z } from 'zod';
import { CLEARANCE_UNITS, MILESTONE_KINDS } from '../projects/schema.js';
import { projectionStateSchema, targetKindSchema } from '../targets/schema.js';

const decimal = z.string().regex(/^-?\d+(\.\d+)?$/);

export const publicPlanParamsSchema = z.object({ id: z.uuid() });

export const publicPlanListItemSchema = z.object({
  id: z.uuid(),
  number: z.string().nullable(),
  title: z.string().nullable(),
  issuedOn: z.iso.date().nullable(),
});

export const publicPlanListSchema = z.object({ items: z.array(publicPlanListItemSchema) });

export const publicFeedbackSchema = z.object({
  id: z.uuid(),
  senderName: z.string(),
  senderOrganisation: z.string().nullable(),
  body: z.string(),
  sentOn: z.iso.date(),
  answer: z.string().nullable(),
  answeredOn: z.iso.date().nullable(),
});

export const publicPurposeSchema = z.object({
  /** The section's heading as the plan writes it ("MỤC ĐÍCH, YÊU CẦU"). */
  title: z.string(),
  text: z.string().nullable(),
  parts: z.array(
    z.object({ label: z.string().nullable(), title: z.string(), text: z.string().nullable() }),
  ),
});

export const publicTargetSchema = z.object({
  id: z.uuid(),
  indicator: z.string(),
  unit: z.string().nullable(),
  sector: z.string().nullable(),
  kind: targetKindSchema,
  baseline: z.object({ year: z.number().int(), value: decimal }).nullable(),
  milestones: z.array(z.object({ year: z.number().int(), value: decimal.nullable() })),
  /** The latest approved actual (of its latest period); never a pending or returned report. */
  latestActual: z
    .object({
      periodLabel: z.string(),
      periodEnd: z.iso.date(),
      value: decimal.nullable(),
      achieved: z.boolean().nullable(),
      assessment: z.enum(['on_track', 'at_risk', 'off_track']).nullable(),
    })
    .nullable(),
  projection: projectionStateSchema,
  /** The responsible agency's name. */
  agency: z.string().nullable(),
  feedback: z.array(publicFeedbackSchema),
});

export const publicProjectSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  sector: z.string().nullable(),
  /** The owner (chủ đầu tư): the agency's name, else as the plan writes it. */
  owner: z.string().nullable(),
  totalInvestment: decimal.nullable(),
  constructionPercent: z.number().int().nullable(),
  clearance: z.object({
    unit: z.enum(CLEARANCE_UNITS).nullable(),
    total: decimal.nullable(),
    done: decimal.nullable(),
    percent: decimal.nullable(),
  }),
  /** The year the capital plan and disbursement are of (this year). */
  year: z.number().int(),
  capitalPlanned: decimal,
  disbursed: decimal,
  disbursedPercent: decimal.nullable(),
  milestones: z.array(
    z.object({
      kind: z.enum(MILESTONE_KINDS),
      plannedOn: z.iso.date().nullable(),
      actualOn: z.iso.date().nullable(),
    }),
  ),
  lastUpdatedOn: z.iso.date().nullable(),
  feedback: z.array(publicFeedbackSchema),
});

export const publicPlanSchema = z.object({
  id: z.uuid(),
  number: z.string().nullable(),
  title: z.string().nullable(),
  issuer: z.string().nullable(),
  issuedOn: z.iso.date().nullable(),
  purpose: publicPurposeSchema.nullable(),
  year: z.number().int(),
  /** The day of the latest approved figure (actual, project update, disbursement). */
  lastUpdatedOn: z.iso.date().nullable(),
  /** The agencies responsible for the plan's tasks, targets and key projects, by name. */
  agencies: z.array(
    z.object({
      name: z.string(),
      targets: z.number().int(),
      projects: z.number().int(),
      tasks: z.number().int(),
    }),
  ),
  targets: z.array(publicTargetSchema),
  projects: z.array(publicProjectSchema),
});

export type PublicPlanListItem = z.infer<typeof publicPlanListItemSchema>;
export type PublicPlan = z.infer<typeof publicPlanSchema>;
export type PublicTarget = z.infer<typeof publicTargetSchema>;
export type PublicProject = z.infer<typeof publicProjectSchema>;
export type PublicFeedback = z.infer<typeof publicFeedbackSchema>;
