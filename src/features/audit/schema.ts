// API contract of the audit trail (browse and export; nothing can change it), shared with the web
// client.
import { z } from 'zod';
import { agencyRefSchema } from '../auth/schema.js';

/** A text filter; an empty value (a cleared form field) means no filter. */
const textFilter = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((v) => (v ? v : undefined));

const filterFields = {
  entity: textFilter(100),
  entityId: textFilter(200),
  /** A raw actor ("user:<uuid>", "cli:<name>", "system", "anonymous") or a user id. */
  actor: textFilter(200),
  action: textFilter(100),
  /** Days in Vietnam, both included. */
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
};

const fromNotAfterTo = {
  check: (q: { from?: string | undefined; to?: string | undefined }) =>
    !q.from || !q.to || q.from <= q.to,
  params: { path: ['to'], message: 'to must not be before from' },
};

export const auditFilterSchema = z
  .object(filterFields)
  .refine(fromNotAfterTo.check, fromNotAfterTo.params);

export const auditListQuerySchema = z
  .object({
    ...filterFields,
    limit: z.coerce.number().int().min(1).max(200).default(50),
    offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
  })
  .refine(fromNotAfterTo.check, fromNotAfterTo.params);

export const ACTOR_KINDS = ['user', 'cli', 'system', 'anonymous'] as const;

export const auditActorSchema = z.object({
  kind: z.enum(ACTOR_KINDS),
  /** The user id for users; the actor as recorded otherwise ("cli:nam", "system"). */
  id: z.string(),
  /** The user's name for users; the actor as recorded otherwise. */
  displayName: z.string(),
});

export const auditRecordSchema = z.object({
  id: z.number().int(),
  at: z.iso.datetime({ offset: true }),
  actor: auditActorSchema,
  actorAgency: agencyRefSchema.nullable(),
  entity: z.string(),
  entityId: z.string(),
  action: z.string(),
  /** As stored (JSON); null when there was nothing before (a creation) or after (a removal). */
  before: z.unknown(),
  after: z.unknown(),
  requestId: z.string().nullable(),
});

export const auditListSchema = z.object({
  items: z.array(auditRecordSchema),
  total: z.number().int(),
});

export type AuditFilter = z.infer<typeof auditFilterSchema>;
export type AuditListQuery = z.infer<typeof auditListQuerySchema>;
export type AuditActor = z.infer<typeof auditActorSchema>;
export type AuditRecord = z.infer<typeof auditRecordSchema>;
export type AuditList = z.infer<typeof auditListSchema>;
