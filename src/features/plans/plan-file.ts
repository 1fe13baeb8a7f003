// The plan file: a plan as JSON, the input of `tiendo plan load` and the shape the importer produces.
// snake_case because it is an interchange format read and written outside this code base.
// docs/plan.schema.json is generated from this file (`npm run docs:schema`).
import { z } from 'zod';
import { deadlineSchema } from '../../domain/deadline.js';
import { parseDocumentNumber } from '../../domain/document-number.js';

export const PLAN_FILE_VERSION = 1;

const text = z.string().trim().min(1);
const isoDate = z.iso.date();

const sourcePointer = z
  .object({
    start: z.number().int().min(0),
    end: z.number().int().min(0),
  })
  .refine((s) => s.end >= s.start, { message: 'end must not be before start', path: ['end'] })
  .describe('Offsets (UTF-16 code units, end exclusive) of the passage in document.source_text');

export const agencyRefSchema = z
  .union([
    text,
    z.object({
      as_written: text.describe('The agency as the document names it'),
      agency_code: text.optional().describe('Registry code; when absent, as_written is looked up'),
    }),
  ])
  .describe('An agency: its name, short name or alias as written, or its registry code');

export const targetSchema = z.object({
  indicator: text.describe('What is measured: "Số đô thị"'),
  value: z.number().optional().describe('Target value'),
  unit: text.optional(),
  baseline: z.number().optional(),
  year: z.number().int().min(1945).max(2100).optional().describe('Year by which the target is due'),
  sector: text.optional(),
  text: text.optional().describe('The sentence that states the target'),
  source: sourcePointer.optional(),
});

export const taskSchema = z.object({
  code: text.optional().describe('STT in the appendix table'),
  title: text,
  text: text.optional(),
  sector: text.optional(),
  lead: agencyRefSchema.nullable().optional().describe('Lead agency (chủ trì)'),
  lead_as_written: text
    .optional()
    .describe(
      'Who the document gives the task to when that is not one registry agency: "Các sở, ban, ngành"',
    ),
  coordinators: z.array(agencyRefSchema).default([]).describe('Coordinating agencies (phối hợp)'),
  coordination_note: text
    .optional()
    .describe('Coordination the plan leaves general: "các đơn vị liên quan"'),
  deadline: deadlineSchema.default({ kind: 'none' }),
  output: text.optional().describe('Expected output (sản phẩm)'),
  source: sourcePointer.optional(),
});

export const projectSchema = z.object({
  name: text,
  sector: text.optional(),
  investment_form: text.optional().describe('BOT, PPP, đầu tư công, …'),
  owner: text.optional().describe('Project owner (chủ đầu tư) as written'),
  location: z.array(z.string().regex(/^\d{5}$/, 'a 5-digit commune code')).default([]),
  text: text.optional(),
  source: sourcePointer.optional(),
});

export const planNodeSchema = z.object({
  kind: z.enum(['section', 'objective']).default('section'),
  label: text.optional().describe('"I", "2.1", "a"'),
  title: text,
  text: text.optional(),
  sector: text.optional(),
  source: sourcePointer.optional(),
  get children() {
    return z.array(planNodeSchema).default([]);
  },
  targets: z.array(targetSchema).default([]),
  tasks: z.array(taskSchema).default([]),
  projects: z.array(projectSchema).default([]),
});

const documentNumber = text.refine((n) => parseDocumentNumber(n) !== null, {
  message: 'not a document number and symbol (e.g. 15/KH-UBND, 72-KL/TW)',
});

export const referenceSchema = z.object({
  type: text.describe('NQ, KL, QĐ, CT, CTr, …'),
  number: documentNumber,
  issuer: text.optional(),
  date: isoDate.optional(),
  title: text.optional(),
  as_written: text.optional(),
  implements: z
    .array(documentNumber)
    .default([])
    .describe('Numbers of listed references this one implements'),
});

export const planFileSchema = z
  .object({
    schema_version: z.literal(PLAN_FILE_VERSION),
    document: z.object({
      type: z.literal('KH').default('KH'),
      number: documentNumber.nullable().optional().describe('Null when the document gives none'),
      issuer: text,
      place: text.optional(),
      date: isoDate.optional(),
      title: text,
      implements: z.array(documentNumber).default([]),
      source_text: z
        .string()
        .optional()
        .describe('Full text of the document that source pointers index'),
    }),
    references: z.array(referenceSchema).default([]),
    signer: z
      .object({ name: text, position: text.optional(), authority: text.optional() })
      .optional(),
    recipients: z.array(text).default([]),
    sections: z.array(planNodeSchema).min(1),
  })
  .superRefine((plan, ctx) => {
    const keys = new Map<string, number>();
    plan.references.forEach((r, i) => {
      const key = parseDocumentNumber(r.number)?.key;
      if (!key) return;
      if (keys.has(key)) {
        ctx.addIssue({
          code: 'custom',
          path: ['references', i, 'number'],
          message: `listed twice (also references[${keys.get(key)}])`,
        });
      }
      keys.set(key, i);
    });
    const checkLinks = (numbers: readonly string[], path: (string | number)[]) => {
      numbers.forEach((n, j) => {
        const key = parseDocumentNumber(n)?.key;
        if (key && !keys.has(key)) {
          ctx.addIssue({
            code: 'custom',
            path: [...path, j],
            message: `${n} is not among references`,
          });
        }
      });
    };
    checkLinks(plan.document.implements, ['document', 'implements']);
    for (const [i, r] of plan.references.entries())
      checkLinks(r.implements, ['references', i, 'implements']);
    if (plan.document.number) {
      const parsed = parseDocumentNumber(plan.document.number);
      if (parsed && parsed.type !== plan.document.type) {
        ctx.addIssue({
          code: 'custom',
          path: ['document', 'number'],
          message: `the symbol says ${parsed.type}, the document type is ${plan.document.type}`,
        });
      }
    }
    const sourceLength = plan.document.source_text?.length;
    const checkSource = (
      source: { start: number; end: number } | undefined,
      path: (string | number)[],
    ) => {
      if (!source) return;
      if (sourceLength === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: [...path, 'source'],
          message: 'source pointer without document.source_text',
        });
      } else if (source.end > sourceLength) {
        ctx.addIssue({
          code: 'custom',
          path: [...path, 'source', 'end'],
          message: `beyond the end of document.source_text (${sourceLength})`,
        });
      }
    };
    const walk = (nodes: z.output<typeof planNodeSchema>[], path: (string | number)[]) => {
      nodes.forEach((node, i) => {
        const p = [...path, i];
        checkSource(node.source, p);
        node.targets.forEach((t, j) => {
          checkSource(t.source, [...p, 'targets', j]);
        });
        node.tasks.forEach((t, j) => {
          checkSource(t.source, [...p, 'tasks', j]);
        });
        node.projects.forEach((t, j) => {
          checkSource(t.source, [...p, 'projects', j]);
        });
        walk(node.children, [...p, 'children']);
      });
    };
    walk(plan.sections, ['sections']);
  });

export type PlanFile = z.output<typeof planFileSchema>;
export type PlanNode = z.output<typeof planNodeSchema>;
export type AgencyRef = z.output<typeof agencyRefSchema>;

/** "sections[2].tasks[0].lead" from a Zod path. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`))
    .join('');
}
