// /api/projects: a plan's key projects (dự án trọng điểm) with their capital plan by year and
// source, monthly disbursement, site clearance, construction and milestones; monthly updates by the
// owner agency approved by its head; the consolidator's capital spreadsheet. Money is in billion
// đồng (tỷ đồng), always exact decimals as text. Shared by server (validation) and web client.
import { z } from 'zod';
import { agencyRefSchema } from '../auth/schema.js';
import { decimalSchema } from '../targets/schema.js';

export const INVESTMENT_FORMS = ['public', 'bot', 'bt', 'ppp_other', 'oda', 'non_budget'] as const;
export const CAPITAL_SOURCES = ['central', 'local', 'oda', 'investor'] as const;
export const MILESTONE_KINDS = [
  'investment_policy',
  'approval',
  'groundbreaking',
  'completion',
  'settlement',
] as const;
export const CLEARANCE_UNITS = ['ha', 'household'] as const;
/** withdrawn: the project went to another owner before the head decided. */
export const PROJECT_UPDATE_STATUSES = ['pending', 'approved', 'returned', 'withdrawn'] as const;

export const investmentFormSchema = z.enum(INVESTMENT_FORMS);
export const capitalSourceSchema = z.enum(CAPITAL_SOURCES);
export const milestoneKindSchema = z.enum(MILESTONE_KINDS);
export const clearanceUnitSchema = z.enum(CLEARANCE_UNITS);
export const projectUpdateStatusSchema = z.enum(PROJECT_UPDATE_STATUSES);

export type InvestmentForm = z.infer<typeof investmentFormSchema>;
export type CapitalSource = z.infer<typeof capitalSourceSchema>;
export type MilestoneKind = z.infer<typeof milestoneKindSchema>;
export type ClearanceUnit = z.infer<typeof clearanceUnitSchema>;

/** Vietnamese names, as the UI and the capital spreadsheet show them. */
export const INVESTMENT_FORM_LABELS: Record<InvestmentForm, string> = {
  public: 'Đầu tư công',
  bot: 'BOT',
  bt: 'BT',
  ppp_other: 'PPP khác',
  oda: 'ODA',
  non_budget: 'Ngoài ngân sách',
};
export const CAPITAL_SOURCE_LABELS: Record<CapitalSource, string> = {
  central: 'Trung ương',
  local: 'Địa phương',
  oda: 'ODA',
  investor: 'Nhà đầu tư',
};
export const MILESTONE_KIND_LABELS: Record<MilestoneKind, string> = {
  investment_policy: 'Chủ trương đầu tư',
  approval: 'Phê duyệt dự án',
  groundbreaking: 'Khởi công',
  completion: 'Thông xe/hoàn thành',
  settlement: 'Quyết toán',
};
export const CLEARANCE_UNIT_LABELS: Record<ClearanceUnit, string> = {
  ha: 'ha',
  household: 'hộ',
};

/** An amount in billion đồng: not negative, at most 17 digits before the point and 3 after. */
export const amountSchema = z.string().regex(/^\d{1,17}(\.\d{1,3})?$/);
/** Site clearance (ha or households): not negative, at most 11 digits before the point, 3 after. */
export const clearanceAmountSchema = z.string().regex(/^\d{1,11}(\.\d{1,3})?$/);

const yearSchema = z.number().int().min(1945).max(2100);

export const projectListQuerySchema = z.object({
  planId: z.uuid().optional(),
  sector: z.string().trim().min(1).max(200).optional(),
  investmentForm: investmentFormSchema.optional(),
  ownerAgencyId: z.uuid().optional(),
  /** Only projects with a milestone not reached by its planned day (today). */
  slipping: z.stringbool().optional(),
  /** The year the figures are for; the current year in Vietnam when absent. */
  year: z.coerce.number().int().min(1945).max(2100).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export const projectIdParamsSchema = z.object({ id: z.uuid() });
export const projectDetailQuerySchema = z.object({
  year: z.coerce.number().int().min(1945).max(2100).optional(),
});

export const userNameSchema = z.object({ id: z.uuid(), name: z.string() });

export const nextMilestoneSchema = z.object({
  kind: milestoneKindSchema,
  plannedOn: z.iso.date().nullable(),
  /** Days late today when the planned date has passed; 0 otherwise. */
  slippageDays: z.number().int(),
});

export const projectSummarySchema = z.object({
  id: z.uuid(),
  plan: z.object({ id: z.uuid(), number: z.string().nullable(), title: z.string().nullable() }),
  name: z.string(),
  sector: z.string().nullable(),
  investmentForm: investmentFormSchema.nullable(),
  /** The owner (chủ đầu tư): an agency of the registry, and/or the name as the plan writes it. */
  owner: z.object({ agency: agencyRefSchema.nullable(), name: z.string().nullable() }),
  totalInvestment: decimalSchema.nullable(),
  /** The year the figures below are for. */
  year: z.number().int(),
  /** The year's capital plan, all sources ("0" when none). */
  capitalPlanned: decimalSchema,
  /** Disbursed in the year, all months ("0" when none). */
  disbursed: decimalSchema,
  /** disbursed ÷ capitalPlanned × 100, two decimals; null when nothing is planned. */
  disbursedPercent: decimalSchema.nullable(),
  clearance: z.object({
    unit: clearanceUnitSchema.nullable(),
    total: decimalSchema.nullable(),
    done: decimalSchema.nullable(),
    /** done ÷ total × 100, two decimals; null when either is unknown or the total is 0. */
    percent: decimalSchema.nullable(),
  }),
  constructionPercent: z.number().int().nullable(),
  /** The first milestone not reached yet, by planned date. */
  nextMilestone: nextMilestoneSchema.nullable(),
  /** The month (first day) of the latest approved update. */
  lastUpdatedOn: z.iso.date().nullable(),
});

export const projectListSchema = z.object({
  items: z.array(projectSummarySchema),
  total: z.number().int(),
});

export const approvalDocumentSchema = z.object({
  number: z.string().trim().min(1).max(200),
  issuedOn: z.iso.date().nullable(),
  title: z.string().trim().min(1).max(1000).nullable(),
});

export const projectEvidenceSchema = z.object({
  id: z.uuid(),
  fileName: z.string(),
  size: z.number().int(),
  /** Download address (the API checks the reader may read the project). */
  url: z.string(),
});

export const projectUpdateViewSchema = z.object({
  id: z.uuid(),
  year: z.number().int(),
  month: z.number().int(),
  agency: agencyRefSchema,
  /** The month's disbursement, billion đồng. */
  disbursed: decimalSchema.nullable(),
  clearanceDone: decimalSchema.nullable(),
  constructionPercent: z.number().int().nullable(),
  milestones: z.array(z.object({ kind: milestoneKindSchema, actualOn: z.iso.date() })),
  narrative: z.string(),
  status: projectUpdateStatusSchema,
  createdBy: userNameSchema,
  createdAt: z.iso.datetime({ offset: true }),
  reviewedBy: userNameSchema.nullable(),
  reviewedAt: z.iso.datetime({ offset: true }).nullable(),
  reviewNote: z.string().nullable(),
  evidence: z.array(projectEvidenceSchema),
  abilities: z.object({ review: z.boolean() }),
});

export const projectDetailSchema = projectSummarySchema.extend({
  version: z.number().int(),
  body: z.string().nullable(),
  approvalDocuments: z.array(approvalDocumentSchema),
  startYear: z.number().int().nullable(),
  endYear: z.number().int().nullable(),
  communes: z.array(z.object({ code: z.string(), name: z.string() })),
  /** Every year's capital plan by source, years ascending. */
  capitalPlans: z.array(
    z.object({ year: z.number().int(), source: capitalSourceSchema, amount: decimalSchema }),
  ),
  /** Every month disbursed, in order; cumulative and % within its year. */
  disbursements: z.array(
    z.object({
      year: z.number().int(),
      month: z.number().int(),
      amount: decimalSchema,
      cumulative: decimalSchema,
      percentOfYearPlan: decimalSchema.nullable(),
    }),
  ),
  /** Every milestone kind planned or reached, in the order of MILESTONE_KINDS. */
  milestones: z.array(
    z.object({
      kind: milestoneKindSchema,
      plannedOn: z.iso.date().nullable(),
      actualOn: z.iso.date().nullable(),
      /** actual − planned in days; today − planned when passed and not reached; else null. */
      slippageDays: z.number().int().nullable(),
    }),
  ),
  /** Monthly updates, newest first. */
  updates: z.array(projectUpdateViewSchema),
  tasks: z.array(z.object({ id: z.uuid(), title: z.string() })),
  targets: z.array(z.object({ id: z.uuid(), indicator: z.string() })),
  abilities: z.object({
    /** Edit the project (consolidator). */
    update: z.boolean(),
    /** Send a monthly update (the owner agency's staff, or the consolidator's for an outside owner). */
    report: z.boolean(),
    /** Download and load the capital spreadsheet (consolidator). */
    loadSpreadsheet: z.boolean(),
    /** Add documents (files) to the project: the consolidator and those who report on it. */
    addDocuments: z.boolean(),
  }),
  /** The project's own documents (decisions, drawings, reports), newest first. */
  documents: z.array(
    z.object({
      id: z.uuid(),
      fileName: z.string(),
      size: z.number().int(),
      url: z.string(),
      createdAt: z.string(),
    }),
  ),
});

/** Adding documents: multipart, files in the field "evidence", nothing else. */
export const projectDocumentsFieldsSchema = z.object({
  version: z.coerce.number().int().min(1),
});

/** The consolidator completes a project: form, owner, money, documents, place, milestones, links. */
export const projectEditSchema = z
  .object({
    version: z.number().int().min(1),
    sector: z.string().trim().min(1).max(200).nullable(),
    investmentForm: investmentFormSchema.nullable(),
    ownerAgencyId: z.uuid().nullable(),
    /** The owner as written, when it is not (or not only) an agency of the registry. */
    owner: z.string().trim().min(1).max(500).nullable(),
    totalInvestment: amountSchema.nullable(),
    approvalDocuments: z.array(approvalDocumentSchema).max(30),
    startYear: yearSchema.nullable(),
    endYear: yearSchema.nullable(),
    communeCodes: z.array(z.string().trim().min(1).max(20)).max(200),
    clearanceUnit: clearanceUnitSchema.nullable(),
    clearanceTotal: clearanceAmountSchema.nullable(),
    /** Planned dates only: actual dates come from approved updates. */
    milestones: z
      .array(z.object({ kind: milestoneKindSchema, plannedOn: z.iso.date().nullable() }))
      .max(MILESTONE_KINDS.length),
    taskIds: z.array(z.uuid()).max(200),
    targetIds: z.array(z.uuid()).max(200),
  })
  .superRefine((p, ctx) => {
    if (p.startYear !== null && p.endYear !== null && p.endYear < p.startYear)
      ctx.addIssue({ code: 'custom', path: ['endYear'], message: 'end_before_start' });
    const kinds = p.milestones.map((m) => m.kind);
    kinds.forEach((k, i) => {
      if (kinds.indexOf(k) !== i)
        ctx.addIssue({
          code: 'custom',
          path: ['milestones', i, 'kind'],
          message: 'duplicate_kind',
        });
    });
    if (p.clearanceTotal !== null && p.clearanceUnit === null)
      ctx.addIssue({ code: 'custom', path: ['clearanceUnit'], message: 'unit_required' });
  });

/** A milestone reached, as sent in an update (the form field `milestones` is this, as JSON text). */
export const reachedMilestoneSchema = z.object({
  kind: milestoneKindSchema,
  actualOn: z.iso.date(),
});

/**
 * POST /api/projects/:id/updates is a multipart form: these text fields plus `evidence` files.
 * Empty optional fields are absent. At least one figure or milestone is required.
 */
export const projectUpdateFieldsSchema = z
  .object({
    /** The project's version the reporter saw. */
    version: z.coerce.number().int().min(1),
    year: z.coerce.number().int().min(2000).max(2100),
    month: z.coerce.number().int().min(1).max(12),
    /** The month's disbursement (not the cumulative), billion đồng. */
    disbursed: amountSchema.optional(),
    /** Site clearance done so far (in the project's unit). */
    clearanceDone: clearanceAmountSchema.optional(),
    constructionPercent: z.coerce.number().int().min(0).max(100).optional(),
    /** JSON text: [{ "kind": "groundbreaking", "actualOn": "2026-03-15" }]. */
    milestones: z
      .string()
      .max(2000)
      .transform((text, ctx) => {
        try {
          return JSON.parse(text) as unknown;
        } catch {
          ctx.addIssue({ code: 'custom', message: 'invalid_json' });
          return z.NEVER;
        }
      })
      .pipe(z.array(reachedMilestoneSchema).max(MILESTONE_KINDS.length))
      .optional(),
    narrative: z.string().trim().min(1).max(10_000),
  })
  .superRefine((u, ctx) => {
    if (
      u.disbursed === undefined &&
      u.clearanceDone === undefined &&
      u.constructionPercent === undefined &&
      (u.milestones === undefined || u.milestones.length === 0)
    )
      ctx.addIssue({ code: 'custom', path: ['disbursed'], message: 'figure_required' });
    const kinds = (u.milestones ?? []).map((m) => m.kind);
    kinds.forEach((k, i) => {
      if (kinds.indexOf(k) !== i)
        ctx.addIssue({
          code: 'custom',
          path: ['milestones', i, 'kind'],
          message: 'duplicate_kind',
        });
    });
  });

/** The optional fields of the update form (an empty value means "not reported"). */
export const PROJECT_UPDATE_OPTIONAL_FIELDS = [
  'disbursed',
  'clearanceDone',
  'constructionPercent',
  'milestones',
] as const;

export const projectUpdateReviewSchema = z.object({
  decision: z.enum(['approve', 'return']),
  note: z.string().trim().max(2000).optional(),
});

export const capitalTemplateQuerySchema = z.object({
  year: z.coerce.number().int().min(2000).max(2100),
  month: z.coerce.number().int().min(1).max(12),
});

/** What a capital spreadsheet changed: rows written (an empty cell changes nothing). */
export const capitalImportResultSchema = z.object({
  capitalPlans: z.number().int(),
  disbursements: z.number().int(),
  year: z.number().int(),
  month: z.number().int(),
});

/**
 * A spreadsheet refused (400, code `spreadsheet_invalid`): every problem with its place
 * ("Kế hoạch vốn!D5") and its reason in Vietnamese, shown to the user as is. Nothing is stored.
 */
export const spreadsheetIssueSchema = z.object({
  field: z.string(),
  code: z.string(),
  message: z.string(),
});

export type ProjectListQuery = z.infer<typeof projectListQuerySchema>;
export type ProjectSummary = z.infer<typeof projectSummarySchema>;
export type ProjectList = z.infer<typeof projectListSchema>;
export type ProjectDetail = z.infer<typeof projectDetailSchema>;
export type ProjectEdit = z.infer<typeof projectEditSchema>;
export type ProjectUpdateView = z.infer<typeof projectUpdateViewSchema>;
export type ProjectUpdateFields = z.infer<typeof projectUpdateFieldsSchema>;
/** The update form as the client sends it: text fields (milestones as JSON text) + `evidence` files. */
export type ProjectUpdateBody = {
  version: string;
  year: string;
  month: string;
  disbursed?: string;
  clearanceDone?: string;
  constructionPercent?: string;
  /** JSON.stringify of [{ kind, actualOn }]. */
  milestones?: string;
  narrative: string;
};
export type ProjectUpdateReview = z.infer<typeof projectUpdateReviewSchema>;
export type CapitalImportResult = z.infer<typeof capitalImportResultSchema>;
export type SpreadsheetIssue = z.infer<typeof spreadsheetIssueSchema>;
export type ApprovalDocument = z.infer<typeof approvalDocumentSchema>;
