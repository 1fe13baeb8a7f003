// Public feedback (góp ý) on a target or key project, and its moderation: shared by the server
// (validation, OpenAPI) and the web client (the public form, the consolidator's queue).
import { z } from 'zod';

export const FEEDBACK_STATUSES = ['pending', 'published', 'rejected'] as const;
export const feedbackStatusSchema = z.enum(FEEDBACK_STATUSES);

export const feedbackFormSchema = z.object({
  /** Signed, timed: send it back with the feedback. */
  token: z.string(),
  /** The hidden field people leave empty. */
  honeypot: z.string(),
});

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((v) => (v ? v : null));

export const feedbackCreateSchema = z.object({
  item: z.object({ kind: z.enum(['target', 'project']), id: z.uuid() }),
  senderName: z.string().trim().min(2).max(120),
  senderOrganisation: optionalText(200),
  /** Telephone or e-mail, for the moderator only; never shown publicly. */
  senderContact: optionalText(200),
  body: z.string().trim().min(10).max(4000),
  formToken: z.string().min(1).max(300),
  /** The honeypot (HONEYPOT_FIELD): must stay empty. */
  website: z.string().max(1000).optional(),
});

export const feedbackCreatedSchema = z.object({
  id: z.uuid(),
  status: z.literal('pending'),
});

export const feedbackIdParamsSchema = z.object({ id: z.uuid() });

export const feedbackListQuerySchema = z.object({
  status: feedbackStatusSchema.default('pending'),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export const feedbackPublishSchema = z.object({ answer: z.string().trim().min(2).max(4000) });
export const feedbackRejectSchema = z.object({ note: z.string().trim().min(2).max(2000) });

export const moderatedFeedbackSchema = z.object({
  id: z.uuid(),
  item: z.object({
    kind: z.enum(['target', 'project']),
    id: z.uuid(),
    name: z.string(),
    plan: z.object({ id: z.uuid(), number: z.string().nullable(), title: z.string().nullable() }),
  }),
  senderName: z.string(),
  senderOrganisation: z.string().nullable(),
  senderContact: z.string().nullable(),
  body: z.string(),
  status: feedbackStatusSchema,
  createdAt: z.iso.datetime({ offset: true }),
  answer: z.string().nullable(),
  moderationNote: z.string().nullable(),
  moderatedBy: z.string().nullable(),
  moderatedAt: z.iso.datetime({ offset: true }).nullable(),
});

export const feedbackListSchema = z.object({
  items: z.array(moderatedFeedbackSchema),
  total: z.number().int(),
});

export type FeedbackCreate = z.infer<typeof feedbackCreateSchema>;
export type FeedbackStatus = z.infer<typeof feedbackStatusSchema>;
export type ModeratedFeedback = z.infer<typeof moderatedFeedbackSchema>;
export type FeedbackList = z.infer<typeof feedbackListSchema>;
