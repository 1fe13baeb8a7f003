// Reminders of a reporting period and the leadership's list of escalated agencies (issue #10):
// what was sent, to whom and when; which agencies are still missing 5 working days after the
// deadline. Shared by server (validation, serialisation) and web client.
import { z } from 'zod';
import { agencyRefSchema } from '../auth/schema.js';

const isoDate = z.iso.date();

/** before:<days> | after | escalation */
export const reminderStepSchema = z.string().regex(/^(before:\d+|after|escalation)$/);

export const periodIdParamsSchema = z.object({ periodId: z.uuid() });

export const periodRefSchema = z.object({
  id: z.uuid(),
  label: z.string(),
  submissionDueOn: isoDate,
});

export const planRefSchema = z.object({
  id: z.uuid(),
  /** "Kế hoạch số 125/KH-UBND", or by date and issuer for a plan without a number. */
  name: z.string(),
});

export const reminderRecipientSchema = z.object({ id: z.uuid(), displayName: z.string() });

export const reminderSchema = z.object({
  agency: agencyRefSchema,
  step: reminderStepSchema,
  /** Vietnamese, for the UI and exports. */
  stepLabel: z.string(),
  sentAt: z.iso.datetime({ offset: true }),
  /** Who got it in the app (and by e-mail when they have an address). */
  recipients: z.array(reminderRecipientSchema),
});

export const periodRemindersSchema = z.object({
  period: periodRefSchema,
  items: z.array(reminderSchema),
});

export const escalationsQuerySchema = z.object({
  periodId: z.uuid().optional(),
  /** The day to judge on (default today in Vietnam). */
  asOf: isoDate.optional(),
});

export const escalationSchema = z.object({
  period: periodRefSchema,
  plan: planRefSchema,
  agency: agencyRefSchema,
  /** none (never started), draft, or returned (sent back and not resubmitted). */
  reportState: z.enum(['none', 'draft', 'returned']),
  daysLate: z.number().int(),
  workingDaysLate: z.number().int(),
  /** When leadership was notified (null until the job has run on or after that day). */
  notifiedAt: z.iso.datetime({ offset: true }).nullable(),
});

export const escalationListSchema = z.object({
  asOf: isoDate,
  items: z.array(escalationSchema),
});

export type ReminderView = z.infer<typeof reminderSchema>;
export type PeriodReminders = z.infer<typeof periodRemindersSchema>;
export type Escalation = z.infer<typeof escalationSchema>;
export type EscalationList = z.infer<typeof escalationListSchema>;

/** The step as the consolidator reads it. */
export function reminderStepLabel(step: string): string {
  if (step === 'after') return 'Nhắc sau hạn nộp';
  if (step === 'escalation') return 'Báo cáo lãnh đạo (chậm từ 5 ngày làm việc)';
  const days = /^before:(\d+)$/.exec(step)?.[1];
  if (days === '0') return 'Nhắc trong ngày hết hạn';
  return days ? `Nhắc trước hạn ${days} ngày` : step;
}
