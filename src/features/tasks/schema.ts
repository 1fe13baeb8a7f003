// API contract of live tasks (progress, evidence, extensions, directions and comments, agency
// plans, assignments), "my work" and urging; shared by server (validation, OpenAPI) and web client.
import { z } from 'zod';
import { deadlineSchema } from '../../domain/deadline.js';
import { agencyRefSchema } from '../auth/schema.js';

export const TASK_STATES = [
  'done_on_time',
  'done_late',
  'in_progress',
  'overdue',
  'not_started',
] as const;
export const taskStateSchema = z.enum(TASK_STATES);
export const overdueAgeSchema = z.enum(['over_120', 'over_60', 'over_30', 'under_30']);

export const idParamsSchema = z.object({ id: z.uuid() });

export const taskStatusSchema = z.object({
  state: taskStateSchema,
  /** The date judged against: the plan's due date, an extension's, or the period's submission date. */
  dueOn: z.iso.date().nullable(),
  overdueDays: z.number().int().nullable(),
  age: overdueAgeSchema.nullable(),
  /** For continuous and annual tasks: the reporting period judged ("Năm 2026"). */
  period: z
    .object({ label: z.string(), from: z.iso.date(), submissionDueOn: z.iso.date() })
    .nullable(),
});

export const userRefSchema = z.object({ id: z.uuid(), displayName: z.string() });

export const taskAbilitiesSchema = z.object({
  read: z.boolean(),
  reportProgress: z.boolean(),
  contribute: z.boolean(),
  requestExtension: z.boolean(),
  assign: z.boolean(),
  comment: z.boolean(),
  direct: z.boolean(),
  planItems: z.boolean(),
});

export const taskSummarySchema = z.object({
  id: z.uuid(),
  code: z.string().nullable(),
  title: z.string(),
  plan: z.object({ id: z.uuid(), number: z.string().nullable() }),
  deadline: deadlineSchema,
  /** Current lead; null when nobody is assigned (a group task waiting for the consolidator). */
  lead: agencyRefSchema.nullable(),
  leadAsWritten: z.string().nullable(),
  coordinators: z.array(agencyRefSchema),
  percent: z.number().int().nullable(),
  status: taskStatusSchema,
  /** Open reassignment after a reorganisation: the lead's agency ended and a person must choose. */
  awaitingReassignment: z.boolean(),
});

/** Filters of a task list or count: each is a condition of the SQL query (features/tasks/queries.ts). */
const taskFilterFields = {
  planId: z.uuid().optional(),
  /** Tasks this agency currently carries, in `role`. */
  agencyId: z.uuid().optional(),
  /** The agency's role in them: lead (default), coordinator, or either. */
  role: z.enum(['lead', 'coordinator', 'any']).default('lead'),
  state: taskStateSchema.optional(),
  /** Only work not done yet (in progress, overdue, not started). */
  open: z.stringbool().optional(),
  /** Only open work judged against a date on or before this day (overdue included). */
  dueBefore: z.iso.date().optional(),
  /** Only open work due from today to this many days ahead ("sắp đến hạn"). */
  dueSoonDays: z.coerce.number().int().min(0).max(366).optional(),
  /** Only tasks without a current lead. */
  unassigned: z.stringbool().optional(),
  /** Only tasks of this sector (as the plan names it). */
  sector: z.string().trim().min(1).max(200).optional(),
  /** Only overdue work of this age band (the counts' bands: under 30, 30–60, 60–120, over 120 days). */
  overdueAge: z.enum(['under_30', 'over_30', 'over_60', 'over_120']).optional(),
  /** Text in the title or body (diacritics optional). */
  q: z.string().trim().max(200).optional(),
};

export const taskListQuerySchema = z.object({
  ...taskFilterFields,
  /** plan: the plan's order (default); due: the date judged against, earliest first. */
  sort: z.enum(['plan', 'due']).default('plan'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

export const taskListSchema = z.object({
  items: z.array(taskSummarySchema),
  total: z.number().int(),
});

const overdueAgesSchema = z.object({
  over_120: z.number().int(),
  over_60: z.number().int(),
  over_30: z.number().int(),
  under_30: z.number().int(),
});

export const taskCountsQuerySchema = z.object(taskFilterFields);

/** Tasks counted by state (the grid reports quote), overdue by age, and the completion rate. */
export const taskCountsSchema = z.object({
  asOf: z.iso.date(),
  total: z.number().int(),
  states: z.object({
    done_on_time: z.number().int(),
    done_late: z.number().int(),
    in_progress: z.number().int(),
    overdue: z.number().int(),
    not_started: z.number().int(),
  }),
  /** Not done: in progress, overdue or not started. */
  open: z.number().int(),
  overdueByAge: overdueAgesSchema,
  /** Done ÷ (done + overdue); null when neither. */
  completionRate: z.number().nullable(),
});

export const evidenceFileSchema = z.object({
  id: z.uuid(),
  fileName: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  /** Download address (the API checks the reader may read the task). */
  url: z.string(),
});

export const PROGRESS_STATUSES = ['pending', 'approved', 'returned', 'withdrawn'] as const;

export const progressUpdateSchema = z.object({
  id: z.uuid(),
  kind: z.enum(['progress', 'contribution']),
  agency: agencyRefSchema,
  reportedOn: z.iso.date(),
  percent: z.number().int().nullable(),
  narrative: z.string(),
  status: z.enum(PROGRESS_STATUSES),
  createdBy: userRefSchema,
  createdAt: z.iso.datetime({ offset: true }),
  reviewedBy: userRefSchema.nullable(),
  reviewedAt: z.iso.datetime({ offset: true }).nullable(),
  reviewNote: z.string().nullable(),
  evidence: z.array(evidenceFileSchema),
  abilities: z.object({ review: z.boolean() }),
});

export const extensionRequestSchema = z.object({
  id: z.uuid(),
  agency: agencyRefSchema,
  reason: z.string(),
  currentDueOn: z.iso.date().nullable(),
  proposedDueOn: z.iso.date(),
  status: z.enum(['pending', 'approved', 'refused']),
  requestedBy: userRefSchema,
  requestedAt: z.iso.datetime({ offset: true }),
  decidedBy: userRefSchema.nullable(),
  decidedAt: z.iso.datetime({ offset: true }).nullable(),
  decisionNote: z.string().nullable(),
  abilities: z.object({ decide: z.boolean() }),
});

export const commentSchema = z.object({
  id: z.uuid(),
  kind: z.enum(['direction', 'comment']),
  body: z.string(),
  author: userRefSchema.extend({ agency: agencyRefSchema.nullable() }),
  mentions: z.array(z.string()),
  createdAt: z.iso.datetime({ offset: true }),
});

export const assignmentSchema = z.object({
  agency: agencyRefSchema,
  role: z.enum(['lead', 'coordinator']),
  startedOn: z.iso.date(),
  endedOn: z.iso.date().nullable(),
  /** plan | assigned | succession | review */
  reason: z.string(),
  note: z.string().nullable(),
});

export const agencyPlanItemSchema = z.object({
  id: z.uuid(),
  agency: agencyRefSchema,
  title: z.string(),
  dueOn: z.iso.date().nullable(),
  percent: z.number().int(),
  completedOn: z.iso.date().nullable(),
  version: z.number().int(),
  abilities: z.object({ update: z.boolean() }),
});

/** How a task's progress follows from its agency-plan items (rule stated in words for the UI). */
export const rollupSchema = z
  .object({
    percent: z.number().int(),
    items: z.number().int(),
    done: z.number().int(),
    rule: z.string(),
  })
  .nullable();

export const taskDetailSchema = taskSummarySchema.extend({
  body: z.string().nullable(),
  /** Targets and key projects the task delivers (linked by the consolidator on their side). */
  targets: z.array(z.object({ id: z.uuid(), indicator: z.string() })),
  projects: z.array(z.object({ id: z.uuid(), name: z.string() })),
  sector: z.string().nullable(),
  expectedOutput: z.string().nullable(),
  /** The plan's own due date and the one after approved extensions. */
  plannedDueOn: z.iso.date().nullable(),
  /** For a task without a deadline in the plan: the date set by the consolidator when assigning. */
  assignedDueOn: z.iso.date().nullable(),
  extendedDueOn: z.iso.date().nullable(),
  completedOn: z.iso.date().nullable(),
  plan: z.object({ id: z.uuid(), number: z.string().nullable(), title: z.string().nullable() }),
  /** The agency the document names, as written. */
  namedLead: agencyRefSchema.nullable(),
  assignments: z.array(assignmentSchema),
  progress: z.array(progressUpdateSchema),
  extensions: z.array(extensionRequestSchema),
  comments: z.array(commentSchema),
  agencyPlan: z.array(agencyPlanItemSchema),
  rollup: rollupSchema,
  version: z.number().int(),
  abilities: taskAbilitiesSchema,
});

// Requests. Multipart for progress (evidence files): fields below plus `evidence` files.
export const progressFieldsSchema = z.object({
  version: z.coerce.number().int().min(1),
  reportedOn: z.iso.date(),
  percent: z.coerce.number().int().min(0).max(100).optional(),
  narrative: z.string().trim().min(1).max(10_000),
});

export const reviewBodySchema = z.object({
  decision: z.enum(['approve', 'return']),
  note: z.string().trim().max(2000).optional(),
});

export const extensionBodySchema = z.object({
  version: z.number().int().min(1),
  proposedDueOn: z.iso.date(),
  reason: z.string().trim().min(1).max(4000),
});

export const extensionDecisionBodySchema = z.object({
  decision: z.enum(['approve', 'refuse']),
  note: z.string().trim().max(2000).optional(),
});

export const commentBodySchema = z.object({
  kind: z.enum(['direction', 'comment']).default('comment'),
  body: z.string().trim().min(1).max(10_000),
});

export const assignBodySchema = z.object({
  version: z.number().int().min(1),
  leadAgencyId: z.uuid().nullable(),
  coordinatorAgencyIds: z.array(z.uuid()).max(100).default([]),
  /** Only for tasks the plan gives no deadline: the date the consolidator sets (null clears it). */
  dueOn: z.iso.date().nullable().optional(),
  note: z.string().trim().max(2000).optional(),
});

export const planItemBodySchema = z.object({
  title: z.string().trim().min(1).max(2000),
  dueOn: z.iso.date().nullable().default(null),
});

export const planItemUpdateBodySchema = z.object({
  version: z.number().int().min(1),
  percent: z.number().int().min(0).max(100),
  title: z.string().trim().min(1).max(2000).optional(),
  dueOn: z.iso.date().nullable().optional(),
});

// "Việc của tôi": what the user's agency owes (counts; the lists are pages of GET /api/tasks with
// agencyId and role), and what waits for the user.
export const myWorkSchema = z.object({
  agency: agencyRefSchema.nullable(),
  asOf: z.iso.date(),
  /** Days ahead counted as "due soon". */
  dueSoonDays: z.number().int(),
  counts: z.object({
    lead: z.number().int(),
    coordinate: z.number().int(),
    overdue: z.number().int(),
    dueSoon: z.number().int(),
    awaitingApproval: z.number().int(),
    pendingExtensions: z.number().int(),
  }),
  /** For agency heads: the agency's progress reports waiting for approval, oldest first (≤ 50). */
  awaitingApproval: z.array(
    z.object({
      task: z.object({ id: z.uuid(), title: z.string() }),
      update: progressUpdateSchema,
    }),
  ),
  /** For the consolidator: extension requests waiting for a decision, oldest first (≤ 50). */
  pendingExtensions: z.array(
    z.object({
      task: z.object({ id: z.uuid(), title: z.string() }),
      request: extensionRequestSchema,
    }),
  ),
});

// Đôn đốc: overdue and due-soon counts by lead agency; the tasks behind a count are pages of
// GET /api/tasks (agencyId + state=overdue, or agencyId + dueSoonDays).
export const urgingQuerySchema = z.object({
  planId: z.uuid().optional(),
  dueSoonDays: z.coerce.number().int().min(1).max(180).default(30),
});

export const urgingSchema = z.object({
  asOf: z.iso.date(),
  dueSoonDays: z.number().int(),
  agencies: z.array(
    z.object({
      agency: agencyRefSchema,
      overdue: z.number().int(),
      dueSoon: z.number().int(),
      /** Buckets of overdue age, as provinces report them. */
      ages: overdueAgesSchema,
    }),
  ),
  totals: z.object({
    overdue: z.number().int(),
    dueSoon: z.number().int(),
    /** Agencies with at least one overdue task. */
    agenciesOverdue: z.number().int(),
  }),
  abilities: z.object({ letter: z.boolean() }),
});

export const urgingLetterQuerySchema = z.object({
  planId: z.uuid().optional(),
  /** Agencies to include; all with overdue tasks when absent. */
  agencyId: z.union([z.uuid(), z.array(z.uuid()).max(500)]).optional(),
});

export type TaskSummary = z.infer<typeof taskSummarySchema>;
export type TaskDetail = z.infer<typeof taskDetailSchema>;
export type TaskStatusView = z.infer<typeof taskStatusSchema>;
export type ProgressUpdateView = z.infer<typeof progressUpdateSchema>;
export type ExtensionRequestView = z.infer<typeof extensionRequestSchema>;
export type CommentView = z.infer<typeof commentSchema>;
export type AgencyPlanItemView = z.infer<typeof agencyPlanItemSchema>;
export type MyWork = z.infer<typeof myWorkSchema>;
export type Urging = z.infer<typeof urgingSchema>;
export type TaskList = z.infer<typeof taskListSchema>;
export type TaskCounts = z.infer<typeof taskCountsSchema>;
