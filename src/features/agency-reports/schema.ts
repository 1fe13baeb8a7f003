// /api/periods/:periodId/agency-reports: an agency's report for a reporting period —
// its tasks, targets and key projects pre-filled from live data with what the agency reports on
// each, the three narrative parts, and the workflow draft → submitted → accepted | returned.
// Shared by server (validation, OpenAPI) and web client. Money in tỷ đồng, exact decimals as text.
import { z } from 'zod';
import { agencyRefSchema } from '../auth/schema.js';
import { amountSchema, milestoneKindSchema } from '../projects/schema.js';
import { type TASK_STATES, taskStateSchema } from '../tasks/schema.js';

export const REPORT_STATES = ['draft', 'submitted', 'accepted', 'returned'] as const;
export const reportStateSchema = z.enum(REPORT_STATES);
export type ReportState = z.infer<typeof reportStateSchema>;

export const REPORT_ACTIONS = [
  'created',
  'saved',
  'uploaded',
  'submitted',
  'accepted',
  'returned',
  'unlocked',
] as const;
export const reportActionSchema = z.enum(REPORT_ACTIONS);
export type ReportAction = z.infer<typeof reportActionSchema>;

/** The Vietnamese names of a task's status, as the template's list and the page show them. */
export const TASK_STATE_LABELS: Record<(typeof TASK_STATES)[number], string> = {
  done_on_time: 'Hoàn thành đúng hạn',
  done_late: 'Hoàn thành quá hạn',
  in_progress: 'Đang thực hiện trong hạn',
  overdue: 'Quá hạn',
  not_started: 'Chưa thực hiện',
};

export const REPORT_STATE_LABELS: Record<ReportState, string> = {
  draft: 'Đang soạn',
  submitted: 'Đã gửi',
  accepted: 'Đã tiếp nhận',
  returned: 'Bị trả lại',
};

export const REPORT_ACTION_LABELS: Record<ReportAction, string> = {
  created: 'Tạo từ số liệu hệ thống',
  saved: 'Lưu nháp',
  uploaded: 'Tải lên tệp Excel',
  submitted: 'Gửi báo cáo',
  accepted: 'Tiếp nhận',
  returned: 'Trả lại',
  unlocked: 'Mở khóa',
};

export const NOTE_MAX = 2000;
export const NARRATIVE_MAX = 20000;

/** A target's figure: an exact decimal (it may be negative: a growth rate), at most 6 decimals. */
export const targetValueSchema = z.string().regex(/^-?\d{1,14}(\.\d{1,6})?$/);
const noteSchema = z.string().max(NOTE_MAX);

// What the agency enters on each row: the only part of the content a save or an upload changes.
export const taskEntrySchema = z.object({
  taskId: z.uuid(),
  status: taskStateSchema,
  percent: z.number().int().min(0).max(100).nullable(),
  note: noteSchema,
});
export const targetEntrySchema = z.object({
  targetId: z.uuid(),
  value: targetValueSchema.nullable(),
  note: noteSchema,
});
export const projectEntrySchema = z.object({
  projectId: z.uuid(),
  /** Disbursed in the period, tỷ đồng, as the agency reports it. */
  disbursed: amountSchema.nullable(),
  note: noteSchema,
});
export type TaskEntry = z.infer<typeof taskEntrySchema>;
export type TargetEntry = z.infer<typeof targetEntrySchema>;
export type ProjectEntry = z.infer<typeof projectEntrySchema>;

// The rows as the report shows them: facts from live data (frozen once submitted) and the entry.
export const reportTaskSchema = taskEntrySchema.extend({
  code: z.string().nullable(),
  title: z.string(),
  /** The status the system computes at the end of the data window (or today, if earlier). */
  systemStatus: taskStateSchema,
  /** The latest approved % complete. */
  systemPercent: z.number().int().nullable(),
  dueOn: z.iso.date().nullable(),
  /** Approved progress reports inside the data window. */
  updates: z.array(
    z.object({
      reportedOn: z.iso.date(),
      percent: z.number().int().nullable(),
      narrative: z.string(),
    }),
  ),
});
export const reportTargetSchema = targetEntrySchema.extend({
  indicator: z.string(),
  unit: z.string().nullable(),
  /** The latest approved actual with a period ending inside or before the window. */
  latestActual: z
    .object({ period: z.string(), value: z.string().nullable(), note: z.string().nullable() })
    .nullable(),
});
export const reportProjectSchema = projectEntrySchema.extend({
  name: z.string(),
  /** Disbursement recorded for the months whose last day falls inside the window, tỷ đồng. */
  disbursedInWindow: amountSchema,
  milestones: z.array(
    z.object({
      kind: milestoneKindSchema,
      plannedOn: z.iso.date().nullable(),
      actualOn: z.iso.date().nullable(),
    }),
  ),
});
export type ReportTask = z.infer<typeof reportTaskSchema>;
export type ReportTarget = z.infer<typeof reportTargetSchema>;
export type ReportProject = z.infer<typeof reportProjectSchema>;

/** The report's rows (stored as agency_reports.content). */
export const reportContentSchema = z.object({
  tasks: z.array(reportTaskSchema),
  targets: z.array(reportTargetSchema),
  projects: z.array(reportProjectSchema),
});
export type ReportContent = z.infer<typeof reportContentSchema>;

export const narrativesSchema = z.object({
  results: z.string().max(NARRATIVE_MAX),
  difficulties: z.string().max(NARRATIVE_MAX),
  proposals: z.string().max(NARRATIVE_MAX),
});
export type Narratives = z.infer<typeof narrativesSchema>;

export const reportParamsSchema = z.object({ periodId: z.uuid(), agencyId: z.uuid() });
export const periodParamsSchema = z.object({ periodId: z.uuid() });

/** 0 for a report never saved: the pre-filled draft shown is not stored yet. */
const versionSchema = z.number().int().min(0);

export const reportSaveSchema = narrativesSchema.extend({
  version: versionSchema,
  tasks: z.array(taskEntrySchema).max(5000),
  targets: z.array(targetEntrySchema).max(5000),
  projects: z.array(projectEntrySchema).max(5000),
});
export type ReportSave = z.infer<typeof reportSaveSchema>;

export const reportVersionBodySchema = z.object({ version: versionSchema });
export const reportReasonBodySchema = z.object({
  version: versionSchema,
  reason: z.string().trim().min(1).max(NOTE_MAX),
});

export const periodRefSchema = z.object({
  id: z.uuid(),
  label: z.string(),
  kind: z.string(),
  windowFrom: z.iso.date(),
  windowTo: z.iso.date(),
  submissionDueOn: z.iso.date(),
  planId: z.uuid(),
  planName: z.string(),
});

export const reportAbilitiesSchema = z.object({
  save: z.boolean(),
  submit: z.boolean(),
  accept: z.boolean(),
  return: z.boolean(),
  unlock: z.boolean(),
});

const actorSchema = z.object({ id: z.uuid(), displayName: z.string() }).nullable();

export const agencyReportSchema = narrativesSchema.extend({
  id: z.uuid().nullable(),
  period: periodRefSchema,
  agency: agencyRefSchema,
  /** False while the pre-filled draft has never been saved. */
  stored: z.boolean(),
  state: reportStateSchema,
  version: z.number().int(),
  content: reportContentSchema,
  submittedAt: z.iso.datetime({ offset: true }).nullable(),
  submittedBy: actorSchema,
  decidedAt: z.iso.datetime({ offset: true }).nullable(),
  decidedBy: actorSchema,
  returnReason: z.string().nullable(),
  updatedAt: z.iso.datetime({ offset: true }).nullable(),
  abilities: reportAbilitiesSchema,
});
export type AgencyReportView = z.infer<typeof agencyReportSchema>;

export const reportVersionSchema = narrativesSchema.extend({
  version: z.number().int(),
  action: reportActionSchema,
  state: reportStateSchema,
  content: reportContentSchema,
  reason: z.string().nullable(),
  actor: actorSchema,
  createdAt: z.iso.datetime({ offset: true }),
});
export const reportVersionListSchema = z.object({ items: z.array(reportVersionSchema) });
export type ReportVersionView = z.infer<typeof reportVersionSchema>;

/** One expected agency of a period and where its report stands. */
export const periodReportRowSchema = z.object({
  agency: agencyRefSchema,
  reportId: z.uuid().nullable(),
  /** null: nothing saved yet. */
  state: reportStateSchema.nullable(),
  version: z.number().int(),
  /** The latest submission. */
  submittedAt: z.iso.datetime({ offset: true }).nullable(),
  /** The first submission: timeliness is judged by it (a return for corrections is not lateness). */
  firstSubmittedAt: z.iso.datetime({ offset: true }).nullable(),
  /** First submitted on or before the submission deadline (in Vietnam); null if never submitted. */
  onTime: z.boolean().nullable(),
  /** Currently returned to the agency. */
  returned: z.boolean(),
  returnReason: z.string().nullable(),
});
export const periodReportListSchema = z.object({
  period: periodRefSchema,
  items: z.array(periodReportRowSchema),
});
export type PeriodReportRow = z.infer<typeof periodReportRowSchema>;
export type PeriodReportList = z.infer<typeof periodReportListSchema>;

/** The caller's agency's reports, one per opened period that expects it. */
export const myReportListSchema = z.object({
  items: z.array(
    z.object({
      period: periodRefSchema,
      agency: agencyRefSchema,
      state: reportStateSchema.nullable(),
      submittedAt: z.iso.datetime({ offset: true }).nullable(),
      returnReason: z.string().nullable(),
    }),
  ),
});
export type MyReportList = z.infer<typeof myReportListSchema>;
