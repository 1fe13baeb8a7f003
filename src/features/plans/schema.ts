// API contract of plans, shared by server (validation, OpenAPI) and web client (types).
import { z } from 'zod';
import { deadlineSchema } from '../../domain/deadline.js';
import { agencySummarySchema, responsibilitySchema } from '../agencies/schema.js';

export const planIdParamsSchema = z.object({ id: z.uuid() });

export const planListQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

const sourceSchema = z.object({ start: z.number().int(), end: z.number().int() }).nullable();

export const documentSchema = z.object({
  id: z.uuid(),
  type: z.string(),
  /** Canonical number and symbol ("693/QĐ-TTg"); null when the document has none. */
  number: z.string().nullable(),
  numberAsWritten: z.string().nullable(),
  issuer: z.string().nullable(),
  date: z.iso.date().nullable(),
  title: z.string().nullable(),
});

export type DocumentReference = z.infer<typeof documentSchema> & {
  relation: 'implements' | 'cites';
  references: DocumentReference[];
};

export const documentReferenceSchema: z.ZodType<DocumentReference> = documentSchema
  .extend({
    relation: z.enum(['implements', 'cites']),
    get references() {
      return z.array(documentReferenceSchema);
    },
  })
  .meta({ id: 'DocumentReference' });

export const planCountsSchema = z.object({
  targets: z.number().int(),
  tasks: z.number().int(),
  projects: z.number().int(),
});

export const planSummarySchema = z.object({
  id: z.uuid(),
  document: documentSchema,
  counts: planCountsSchema,
  createdAt: z.string(),
});

export const planListSchema = z.object({
  items: z.array(planSummarySchema),
  total: z.number().int(),
  /** What the caller may do with plans: `import`, upload a plan document (features/imports). */
  abilities: z.object({ import: z.boolean() }),
});

export const agencyAssignmentSchema = z.object({
  asWritten: z.string().nullable(),
  /** The agency the document names (it may have ended since). */
  agency: agencySummarySchema,
  /** Who carries it today, through the successions. */
  responsible: responsibilitySchema,
});

export const targetSchema = z.object({
  id: z.uuid(),
  indicator: z.string(),
  unit: z.string().nullable(),
  baselineValue: z.number().nullable(),
  targetValue: z.number().nullable(),
  targetYear: z.number().int().nullable(),
  sector: z.string().nullable(),
  body: z.string().nullable(),
  source: sourceSchema,
});

export const taskSchema = z.object({
  id: z.uuid(),
  code: z.string().nullable(),
  title: z.string(),
  body: z.string().nullable(),
  sector: z.string().nullable(),
  lead: agencyAssignmentSchema.nullable(),
  /** Who the document gives the task to when no single registry agency leads it (a group). */
  leadUnresolved: z.string().nullable(),
  coordinators: z.array(agencyAssignmentSchema),
  coordinationNote: z.string().nullable(),
  deadline: deadlineSchema,
  /** The deadline in words, as a Vietnamese plan writes it. */
  deadlineText: z.string(),
  dueOn: z.iso.date().nullable(),
  expectedOutput: z.string().nullable(),
  source: sourceSchema,
});

export const projectSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  sector: z.string().nullable(),
  investmentForm: z.string().nullable(),
  owner: z.string().nullable(),
  body: z.string().nullable(),
  locations: z.array(z.object({ code: z.string(), name: z.string() })),
  source: sourceSchema,
});

export type PlanTreeNode = {
  id: string;
  kind: 'section' | 'objective';
  label: string | null;
  title: string;
  body: string | null;
  sector: string | null;
  source: { start: number; end: number } | null;
  children: PlanTreeNode[];
  targets: z.infer<typeof targetSchema>[];
  tasks: z.infer<typeof taskSchema>[];
  projects: z.infer<typeof projectSchema>[];
};

export const planTreeNodeSchema: z.ZodType<PlanTreeNode> = z
  .object({
    id: z.uuid(),
    kind: z.enum(['section', 'objective']),
    label: z.string().nullable(),
    title: z.string(),
    body: z.string().nullable(),
    sector: z.string().nullable(),
    source: sourceSchema,
    get children() {
      return z.array(planTreeNodeSchema);
    },
    targets: z.array(targetSchema),
    tasks: z.array(taskSchema),
    projects: z.array(projectSchema),
  })
  .meta({ id: 'PlanTreeNode' });

export const planDetailSchema = z.object({
  id: z.uuid(),
  document: documentSchema.extend({ place: z.string().nullable() }),
  /** The legal basis: what the plan implements (with what those implement in turn) and cites. */
  references: z.array(documentReferenceSchema),
  signer: z
    .object({ name: z.string(), position: z.string().nullable(), authority: z.string().nullable() })
    .nullable(),
  recipients: z.array(z.string()),
  counts: planCountsSchema,
  tree: z.array(planTreeNodeSchema),
  createdAt: z.string(),
  /** `withdraw`: the caller may withdraw the plan and nobody has worked on it yet. */
  abilities: z.object({ read: z.boolean(), withdraw: z.boolean() }),
});

export type PlanSummary = z.infer<typeof planSummarySchema>;
export type PlanList = z.infer<typeof planListSchema>;
export type PlanDetail = z.infer<typeof planDetailSchema>;
export type PlanTask = z.infer<typeof taskSchema>;
export type PlanTarget = z.infer<typeof targetSchema>;
export type PlanProject = z.infer<typeof projectSchema>;
export type AgencyAssignment = z.infer<typeof agencyAssignmentSchema>;

/** Why the plan is withdrawn (kept in the audit trail). */
export const withdrawPlanSchema = z.object({
  reason: z.string().trim().min(5).max(1000),
});

/** The kinds of work that keep a plan from being withdrawn (409 plan_has_work: issue fields). */
export const planWorkKindSchema = z.enum([
  'progress_updates',
  'extension_requests',
  'task_comments',
  'agency_plan_items',
  'assignments',
  'task_due_dates',
  'links',
  'targets_completed',
  'target_contributors',
  'target_actuals',
  'projects_completed',
  'project_updates',
  'project_disbursements',
  'project_capital_plans',
  'project_milestones',
  'project_documents',
  'reporting_periods',
  'agency_reports',
  'period_reminders',
  'consolidated_reports',
  'adjustment_proposals',
  'adjustment_batches',
  // Public feedback (góp ý) on its targets or projects, whatever its moderation.
  'feedback',
]);

export const withdrawnPlanSchema = z.object({
  id: z.uuid(),
  number: z.string().nullable(),
  title: z.string().nullable(),
  counts: planCountsSchema,
  /** The plan's document row went too (no other document refers to it). */
  documentRemoved: z.boolean(),
});

export type WithdrawPlanBody = z.infer<typeof withdrawPlanSchema>;
export type WithdrawnPlan = z.infer<typeof withdrawnPlanSchema>;
export type PlanWorkKind = z.infer<typeof planWorkKindSchema>;

/** How a plan's targets are projected (domain/target-projection.ts), as shares written "0.8". */
export const projectionSettingsSchema = z.object({
  /** The share of the expected change an actual must have made to be "at risk", not "off track". */
  atRiskShare: z.string().regex(/^(0(\.\d{1,3})?|1(\.0{1,3})?)$/),
  /** For "about" targets: how far from the path still counts as on track (at most 0.5). */
  aboutMargin: z.string().regex(/^0(\.\d{1,3})?$/),
});

export const projectionSettingsViewSchema = projectionSettingsSchema.extend({
  abilities: z.object({ update: z.boolean() }),
});

export type ProjectionSettingsView = z.infer<typeof projectionSettingsViewSchema>;
