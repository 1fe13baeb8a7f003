// API contract of imports (upload → review → confirm), shared by server and web client.
// The extraction inside a draft is the documented interchange format (docs/import-extraction.md,
// snake_case); the envelope around it follows the API's camelCase.
import { z } from 'zod';
import { deadlineSchema } from '../../domain/deadline.js';
import { agencyKindSchema } from '../agencies/schema.js';

const span = z.object({ start: z.number().int().min(0), end: z.number().int().min(0) });

export const mentionSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('agency'),
    as_written: z.string().min(1),
    agency_code: z.string().min(1),
    named_code: z.string().min(1),
    succession: z.enum(['merge']).nullable(),
    start: z.number().int().optional(),
    end: z.number().int().optional(),
  }),
  z.object({
    kind: z.literal('choose'),
    as_written: z.string().min(1),
    candidates: z.array(z.string()),
    named_codes: z.array(z.string()),
    reason: z.enum(['split', 'abolished', 'ambiguous']),
    start: z.number().int().optional(),
    end: z.number().int().optional(),
  }),
  z.object({
    kind: z.literal('group'),
    as_written: z.string().min(1),
    group: z.string(),
    members: z.array(z.string()),
    start: z.number().int().optional(),
    end: z.number().int().optional(),
  }),
  z.object({
    kind: z.literal('external'),
    as_written: z.string().min(1),
    start: z.number().int().optional(),
    end: z.number().int().optional(),
  }),
  z.object({
    kind: z.literal('unknown'),
    as_written: z.string().min(1),
    start: z.number().int().optional(),
    end: z.number().int().optional(),
  }),
]);

export const extractedTaskSchema = z.object({
  title: z.string().trim().min(1),
  text: z.string(),
  section: z.string().nullable(),
  lead: z.array(mentionSchema),
  coordinators: z.array(mentionSchema),
  coordination_note: z.string().nullable(),
  deadline: z.intersection(
    deadlineSchema,
    z.object({ as_written: z.string().nullable().optional(), source: span.nullable().optional() }),
  ),
  output: z.string().nullable(),
  /** "Đề nghị …": asked of a body the province does not direct (the Front, a union), not ordered. */
  request: z.boolean().optional(),
  /** Null for an item a person added during review. */
  source: span.nullable(),
});

export const extractedTargetSchema = z.object({
  text: z.string(),
  indicator: z.string().trim().min(1),
  value: z.number().nullable(),
  unit: z.string().nullable(),
  year: z.number().int().min(1945).max(2100).nullable(),
  section: z.string().nullable(),
  source: span.nullable(),
});

export const extractedProjectSchema = z.object({
  name: z.string().trim().min(1),
  investment_form: z.string().nullable(),
  total_investment: z.object({ value: z.number(), unit: z.string() }).nullable().optional(),
  section: z.string().nullable(),
  source: span.nullable(),
});

type Outline = {
  kind: string;
  label: string;
  title: string;
  source: { start: number; end: number };
  children: Outline[];
};
const outlineSchema: z.ZodType<Outline> = z
  .object({
    kind: z.string(),
    label: z.string(),
    title: z.string(),
    source: span,
    get children() {
      return z.array(outlineSchema);
    },
  })
  .meta({ id: 'OutlineNode' });

export const extractionSchema = z.object({
  version: z.literal(1),
  file: z.object({ file: z.string(), format: z.string(), characters: z.number().int() }),
  document: z.object({
    type: z.string().nullable(),
    number: z.string().nullable(),
    symbol: z.string().nullable(),
    issuer: z.string().nullable(),
    place: z.string().nullable(),
    date: z.iso.date().nullable(),
    title: z.string().nullable(),
    implements: z.array(z.string()),
    source: span.nullable(),
  }),
  references: z.array(
    z.object({
      type: z.string(),
      number: z.string(),
      issuer: z.string().nullable(),
      date: z.string().nullable(),
      as_written: z.string(),
      implements: z.array(z.string()),
      source: span,
    }),
  ),
  outline: z.array(outlineSchema),
  objectives: z.array(
    z.object({
      label: z.string(),
      title: z.string(),
      section: z.string().nullable(),
      source: span,
    }),
  ),
  targets: z.array(extractedTargetSchema),
  tasks: z.array(extractedTaskSchema),
  projects: z.array(extractedProjectSchema),
  signer: z
    .object({
      name: z.string().nullable(),
      position: z.string().nullable(),
      authority: z.string().nullable(),
    })
    .nullable(),
  recipients: z.array(z.string()),
  warnings: z.array(z.object({ code: z.string(), message: z.string(), source: span.optional() })),
});

export type ExtractionDocument = z.infer<typeof extractionSchema>;
export type ExtractedTask = z.infer<typeof extractedTaskSchema>;
export type ExtractedTarget = z.infer<typeof extractedTargetSchema>;
export type ExtractedProject = z.infer<typeof extractedProjectSchema>;
export type Mention = z.infer<typeof mentionSchema>;

const itemChangesSchema = z.object({
  added: z.array(z.string()),
  removed: z.array(z.string()),
  changed: z.array(z.object({ name: z.string(), fields: z.array(z.string()) })),
});

export const confirmBodySchema = z.object({
  version: z.number().int(),
  /** Required to replace the content of a plan stored under the same number. */
  newVersion: z.boolean().default(false),
  /**
   * The gaps the reviewer accepts one by one (review.gaps[].key: "number", "date", "task:<n>"):
   * a plan without number or date, or a task without lead, is confirmed only when each is listed.
   */
  acknowledgedGaps: z.array(z.string().max(40)).max(100_000).default([]),
});

export const reviewGapSchema = z.object({
  key: z.string(),
  kind: z.enum(['missing_number', 'missing_date', 'task_without_lead']),
  task: z.number().int().optional(),
  title: z.string().optional(),
});

export const unknownAgencySchema = z.object({
  key: z.string(),
  asWritten: z.string(),
  occurrences: z.array(
    z.object({ task: z.number().int(), title: z.string(), role: z.enum(['lead', 'coordinator']) }),
  ),
});

/** One decision for an agency the registry does not know: an existing agency, or a new one. */
export const resolveAgencyBodySchema = z.object({
  version: z.number().int(),
  key: z.string().min(1).max(500),
  resolution: z.discriminatedUnion('action', [
    z.object({ action: z.literal('map'), agencyId: z.uuid() }),
    z.object({
      action: z.literal('create'),
      name: z.string().trim().min(2).max(300),
      shortName: z.string().trim().max(100).nullable().default(null),
      kind: agencyKindSchema.default('other'),
    }),
  ]),
});
export type ResolveAgencyBody = z.infer<typeof resolveAgencyBodySchema>;

export const importIdParamsSchema = z.object({ id: z.uuid() });

export const uploadQuerySchema = z.object({
  fileName: z.string().trim().min(1).max(255),
});

export const importDraftSchema = z.object({
  id: z.uuid(),
  status: z.enum(['draft', 'storing', 'confirmed', 'discarded']),
  fileName: z.string(),
  version: z.number().int(),
  /** The text the extraction's offsets point into. */
  sourceText: z.string(),
  extraction: extractionSchema,
  planId: z.uuid().nullable(),
  /** A plan already stored under this document's number: confirming makes a new version of it. */
  previous: z
    .object({
      planId: z.uuid(),
      revision: z.number().int(),
      changes: z
        .object({
          tasks: itemChangesSchema,
          targets: itemChangesSchema,
          projects: itemChangesSchema,
          unchanged: z.boolean(),
        })
        .nullable(),
    })
    .nullable(),
  /** What a confirmation needs settled (review-gaps.ts). */
  review: z.object({
    gaps: z.array(reviewGapSchema),
    unknownAgencies: z.array(unknownAgencySchema),
  }),
  createdAt: z.string(),
  updatedAt: z.string(),
  abilities: z.object({ read: z.boolean(), update: z.boolean(), confirm: z.boolean() }),
});

export const importDraftUpdateSchema = z.object({
  /** The version the edit starts from; a stale one gets 409. */
  version: z.number().int(),
  /** The corrected document header, targets, tasks and projects. */
  document: extractionSchema.shape.document.pick({
    number: true,
    issuer: true,
    place: true,
    date: true,
    title: true,
  }),
  targets: z.array(extractedTargetSchema),
  tasks: z.array(extractedTaskSchema),
  projects: z.array(extractedProjectSchema),
});

export const confirmResultSchema = z.object({ planId: z.uuid() });

export type ImportDraft = z.infer<typeof importDraftSchema>;
export type ImportDraftUpdate = z.infer<typeof importDraftUpdateSchema>;
