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
  /** Whether the caller may add an agency to the registry (policy.ts#canCreateAgency). */
  abilities: z.object({ create: z.boolean() }),
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
  /** Every written form the registry matches (the name and short name among them). */
  aliases: z.array(z.string()),
  /**
   * The other names, as edited (PUT …/aliases): written forms that do not come from the current
   * name or short name (a former name, an abbreviation plans use).
   */
  otherNames: z.array(z.string()),
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
  abilities: z.object({ read: z.boolean(), update: z.boolean(), end: z.boolean() }),
});

// ---------------------------------------------------------------------------------------------
// Editing the registry.

/** A name as people write it: trimmed, inner runs of spaces collapsed, never empty. */
const writtenName = (max: number) =>
  z
    .string()
    .transform((s) => s.replace(/\s+/gu, ' ').trim())
    .pipe(z.string().min(1).max(max));

export const agencyNameSchema = writtenName(300);
export const agencyShortNameSchema = writtenName(100);
export const agencyAliasesSchema = z.array(writtenName(300)).max(50);

/** Codes are what plan files name agencies by: capitals, digits and dashes; never changed. */
export const agencyCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9][A-Z0-9_-]{0,39}$/u);

export const createAgencyBodySchema = z.object({
  name: agencyNameSchema,
  shortName: agencyShortNameSchema.nullable().optional(),
  kind: agencyKindSchema,
  /** Other names plans write it as. */
  aliases: agencyAliasesSchema.default([]),
  /** Made from the short name (or the name) when absent. */
  code: agencyCodeSchema.optional(),
  /** The first day it exists; unknown (null) for an agency that always existed. */
  inForceFrom: z.iso.date().nullable().optional(),
  note: z.string().trim().max(2000).nullable().optional(),
});

export const updateAgencyBodySchema = z
  .object({
    name: agencyNameSchema.optional(),
    shortName: agencyShortNameSchema.nullable().optional(),
    kind: agencyKindSchema.optional(),
    inForceFrom: z.iso.date().nullable().optional(),
    note: z.string().trim().max(2000).nullable().optional(),
    /** The other names, replaced in the same change (as PUT …/aliases does). */
    aliases: agencyAliasesSchema.optional(),
    /**
     * A former name (and short name) stays an other name, so that plans written before still
     * resolve (default). false: correcting a typo, the wrong form is not kept.
     */
    keepFormerNames: z.boolean().default(true),
  })
  .refine(
    (b) =>
      b.name !== undefined ||
      b.shortName !== undefined ||
      b.kind !== undefined ||
      b.inForceFrom !== undefined ||
      b.note !== undefined ||
      b.aliases !== undefined,
    { message: 'nothing to change' },
  );

export const agencyAliasesBodySchema = z.object({ aliases: agencyAliasesSchema });

export const endAgencyBodySchema = z.object({
  /** The first day the agency no longer exists (its in_force_to). */
  endsOn: z.iso.date(),
  /**
   * Who takes over, recorded as a succession (reorganisation): merge (one successor) or split
   * (two or more). Absent: it just ends; its work stays with it until a person reassigns it.
   */
  succession: z
    .object({
      kind: z.enum(['merge', 'split']),
      successorIds: z.array(z.uuid()).min(1).max(200),
    })
    .optional(),
  note: z.string().trim().max(2000).optional(),
});

export type AgencyKind = z.infer<typeof agencyKindSchema>;
export type AgencySummary = z.infer<typeof agencySummarySchema>;
export type AgencyList = z.infer<typeof agencyListSchema>;
export type AgencyDetail = z.infer<typeof agencyDetailSchema>;
export type Responsibility = z.infer<typeof responsibilitySchema>;
export type AgencyListQuery = z.infer<typeof agencyListQuerySchema>;
export type CreateAgencyBody = z.input<typeof createAgencyBodySchema>;
export type UpdateAgencyBody = z.input<typeof updateAgencyBodySchema>;
export type AgencyAliasesBody = z.input<typeof agencyAliasesBodySchema>;
export type EndAgencyBody = z.input<typeof endAgencyBodySchema>;
