// API contract of the reorganisation (DOMAIN.md §7): applying the tenant's agency successions to
// live tasks, and the reviews where a person chooses who takes over a task after a split or an
// abolition. Shared by server (validation, OpenAPI) and web client (types).
import { z } from 'zod';
import { agencyRefSchema } from '../auth/schema.js';

export { REORGANISATION_PATH } from './paths.js';

export const successionKindSchema = z.enum(['merge', 'split', 'abolish']);
export const reviewRoleSchema = z.enum(['lead', 'coordinator']);
export const reviewStatusSchema = z.enum(['open', 'resolved']);

export const reorganisationIdParamsSchema = z.object({ id: z.uuid() });

export const successionApplicationSchema = z.object({
  at: z.string(),
  /** Display name of the user who applied it, or the actor ("cli:…", "system"). */
  by: z.string(),
  movedTasks: z.number().int(),
  queuedTasks: z.number().int(),
});

export const successionSchema = z.object({
  id: z.uuid(),
  predecessor: agencyRefSchema,
  kind: successionKindSchema,
  effectiveOn: z.iso.date(),
  note: z.string().nullable(),
  /** In position order. */
  successors: z.array(agencyRefSchema),
  applied: successionApplicationSchema.nullable(),
  /**
   * Unfinished tasks the predecessor still holds (a current assignment), plus, for a district
   * committee's abolition, unfinished tasks without a lead given to the district level as a group.
   */
  openTasks: z.number().int(),
  abilities: z.object({ apply: z.boolean() }),
});

export const successionListSchema = z.object({ items: z.array(successionSchema) });

/** A reorganisation decided after the registry was loaded (a new merger, split or abolition). */
export const createSuccessionBodySchema = z.object({
  predecessorId: z.uuid(),
  kind: successionKindSchema,
  effectiveOn: z.iso.date(),
  /** Merge: exactly one; split: two or more; abolition: the candidates (may be empty). */
  successorIds: z.array(z.uuid()).max(200),
  note: z.string().trim().max(2000).optional(),
});

export type CreateSuccessionBody = z.infer<typeof createSuccessionBodySchema>;

export const applyResultSchema = z.object({
  /** Tasks whose responsibility passed to the successor (merges). */
  movedTasks: z.number().int(),
  /** Tasks put in the review queue for a person to choose (splits, abolitions). */
  queuedTasks: z.number().int(),
});

export const reviewListQuerySchema = z.object({
  status: z.enum(['open', 'resolved', 'all']).default('open'),
});

export const reviewSchema = z.object({
  id: z.uuid(),
  task: z.object({
    id: z.uuid(),
    code: z.string().nullable(),
    title: z.string(),
    plan: z.object({ id: z.uuid(), number: z.string().nullable() }),
  }),
  former: z.object({
    /** The ended agency; null when the plan gave the task to a group ("UBND cấp huyện"). */
    agency: agencyRefSchema.nullable(),
    asWritten: z.string(),
  }),
  role: reviewRoleSchema,
  succession: z.object({ id: z.uuid(), kind: successionKindSchema, effectiveOn: z.iso.date() }),
  /** Agencies a person may choose from. */
  candidates: z.array(agencyRefSchema),
  status: reviewStatusSchema,
  chosenAgency: agencyRefSchema.nullable(),
  /** Display name of the user who resolved it, or the actor. */
  resolvedBy: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  abilities: z.object({ resolve: z.boolean() }),
});

export const reviewListSchema = z.object({ items: z.array(reviewSchema) });

export const resolveReviewBodySchema = z.object({
  agencyId: z.uuid(),
  note: z.string().trim().max(2000).optional(),
});

export type Succession = z.infer<typeof successionSchema>;
export type SuccessionList = z.infer<typeof successionListSchema>;
export type ApplyResult = z.infer<typeof applyResultSchema>;
export type ReassignmentReview = z.infer<typeof reviewSchema>;
export type ReviewList = z.infer<typeof reviewListSchema>;
export type ReviewListQuery = z.infer<typeof reviewListQuerySchema>;
export type ResolveReviewBody = z.infer<typeof resolveReviewBodySchema>;
