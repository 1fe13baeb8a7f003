// API contract of agencies, shared by server (validation, OpenAPI) and web client (types).
import { z } from 'zod';

export const AGENCY_KINDS = [
  'office',
  'department',
  'board',
  'commune',
  'district',
  'enterprise',
  'other',
] as const;
export const agencyKindSchema = z.enum(AGENCY_KINDS);

export const agencyIdParamsSchema = z.object({ id: z.uuid() });

export const agencyListQuerySchema = z.object({
  q: z.string().trim().max(200).optional(),
  kind: agencyKindSchema.optional(),
  status: z.enum(['active', 'ended', 'all']).default('all'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

export const agencyDetailQuerySchema = z.object({
  /** "Who is responsible on this day?"; defaults to today in Vietnam. */
  on: z.iso.date().optional(),
});

export const agencySummarySchema = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  shortName: z.string().nullable(),
  kind: agencyKindSchema,
  inForceFrom: z.iso.date().nullable(),
  inForceTo: z.iso.date().nullable(),
  status: z.enum(['active', 'ended']),
});

export const agencyListSchema = z.object({
  items: z.array(agencySummarySchema),
  total: z.number().int(),
});

export const responsibilitySchema = z.object({
  /** self: still in force; successor: merged into one; choose: split or abolished, a person picks; none. */
  kind: z.enum(['self', 'successor', 'choose', 'none']),
  on: z.iso.date(),
  /** From when this answer holds: the latest succession it passed through; null for self. */
  since: z.iso.date().nullable(),
  agencies: z.array(agencySummarySchema),
});

export const successionKindSchema = z.enum(['merge', 'split', 'abolish']);

export const agencyDetailSchema = agencySummarySchema.extend({
  note: z.string().nullable(),
  aliases: z.array(z.string()),
  commune: z.object({ code: z.string(), name: z.string() }).nullable(),
  succession: z
    .object({
      kind: successionKindSchema,
      effectiveOn: z.iso.date(),
      note: z.string().nullable(),
      successors: z.array(agencySummarySchema),
    })
    .nullable(),
  predecessors: z.array(
    z.object({
      kind: successionKindSchema,
      effectiveOn: z.iso.date(),
      agency: agencySummarySchema,
    }),
  ),
  responsible: responsibilitySchema,
  abilities: z.object({ read: z.boolean() }),
});

export type AgencyKind = z.infer<typeof agencyKindSchema>;
export type AgencySummary = z.infer<typeof agencySummarySchema>;
export type AgencyList = z.infer<typeof agencyListSchema>;
export type AgencyDetail = z.infer<typeof agencyDetailSchema>;
export type Responsibility = z.infer<typeof responsibilitySchema>;
export type AgencyListQuery = z.infer<typeof agencyListQuerySchema>;
