// From an extraction to a plan file (the format `tiendo plan load` stores), keeping every item's
// pointer into the source text. Groups, partners outside the province and agencies a person must
// choose for are not assigned: they are written into the task's coordination note and listed as
// warnings, for the review to settle.
import type { z } from 'zod';
import type { Deadline } from '../../domain/deadline.js';
import { PLAN_FILE_VERSION, type planFileSchema, type planNodeSchema } from '../plans/plan-file.js';
import type { ExtractionDocument, Mention } from './schema.js';

type AgencyMention = Mention;
type OutlineNode = ExtractionDocument['outline'][number];

type PlanFileInput = z.input<typeof planFileSchema>;
type NodeInput = z.input<typeof planNodeSchema>;

/** The agency a mention names (the one the document wrote, which may have ended since). */
export function namedAgency(m: AgencyMention): { as_written: string; agency_code: string } | null {
  if (m.kind === 'agency') return { as_written: m.as_written, agency_code: m.named_code };
  if (m.kind === 'choose' && m.named_codes.length === 1)
    return { as_written: m.as_written, agency_code: m.named_codes[0] as string };
  return null;
}

const GROUP_WORDS: Record<string, string> = {
  external: 'đơn vị ngoài tỉnh',
  unknown: 'chưa có trong danh mục',
};

function describe(m: AgencyMention): string {
  if (m.kind === 'group' || m.kind === 'choose' || m.kind === 'agency') return m.as_written;
  return `${m.as_written} (${GROUP_WORDS[m.kind] ?? m.kind})`;
}

/** The deadline without the extraction's as-written text and offsets. */
function deadlineOf(d: ExtractedDeadline): Deadline {
  const { as_written: _w, source: _s, ...deadline } = d;
  return deadline as Deadline;
}
type ExtractedDeadline = ExtractionDocument['tasks'][number]['deadline'];

export function extractionToPlanFile(x: ExtractionDocument, sourceText: string): PlanFileInput {
  const byLabel = new Map<string, NodeInput>();
  const objectiveLabels = new Set(x.objectives.map((o) => o.label));
  const build = (nodes: OutlineNode[]): NodeInput[] =>
    nodes.map((n) => {
      const node: NodeInput = {
        kind: objectiveLabels.has(n.label) ? 'objective' : 'section',
        label: n.label,
        title: n.title,
        source: n.source,
        children: build(n.children),
        targets: [],
        tasks: [],
        projects: [],
      };
      byLabel.set(n.label, node);
      return node;
    });
  const sections = build(x.outline);
  // Items outside any heading (or in an appendix) go to a section of their own.
  const loose = (title: string) => {
    let node = byLabel.get(`~${title}`);
    if (!node) {
      node = { kind: 'section', title, children: [], targets: [], tasks: [], projects: [] };
      byLabel.set(`~${title}`, node);
      sections.push(node);
    }
    return node;
  };
  const nodeFor = (section: string | null) =>
    (section ? byLabel.get(section) : undefined) ?? loose('Phụ lục nhiệm vụ');

  for (const t of x.targets) {
    nodeFor(t.section).targets?.push({
      indicator: t.indicator,
      ...(t.value !== null ? { value: t.value } : {}),
      ...(t.unit ? { unit: t.unit } : {}),
      ...(t.year !== null ? { year: t.year } : {}),
      text: t.text,
      ...(t.source ? { source: t.source } : {}),
    });
  }
  for (const t of x.tasks) {
    const leads = t.lead.map((m) => ({ m, named: namedAgency(m) }));
    const lead = leads.find((l) => l.named)?.named ?? null;
    const unassigned = leads.filter((l) => l.named !== lead || !l.named).map((l) => describe(l.m));
    const coordinators = t.coordinators.flatMap((m) => {
      const named = namedAgency(m);
      return named ? [named] : [];
    });
    const otherCoordinators = t.coordinators.filter((m) => !namedAgency(m)).map(describe);
    const note = [
      lead && unassigned.length > 0 ? `Cùng chủ trì: ${unassigned.join(', ')}` : null,
      otherCoordinators.length > 0 ? otherCoordinators.join(', ') : null,
      t.coordination_note,
    ].filter(Boolean);
    nodeFor(t.section).tasks?.push({
      title: t.title,
      text: t.text,
      lead,
      ...(!lead && unassigned.length > 0 ? { lead_as_written: unassigned.join(', ') } : {}),
      coordinators,
      ...(note.length > 0 ? { coordination_note: note.join('; ') } : {}),
      deadline: deadlineOf(t.deadline),
      ...(t.output ? { output: t.output } : {}),
      ...(t.source ? { source: t.source } : {}),
    });
  }
  for (const p of x.projects) {
    nodeFor(p.section).projects?.push({
      name: p.name,
      ...(p.investment_form ? { investment_form: p.investment_form } : {}),
      ...(p.source ? { source: p.source } : {}),
    });
  }

  return {
    schema_version: PLAN_FILE_VERSION,
    document: {
      type: 'KH',
      number: x.document.number,
      issuer: x.document.issuer ?? '',
      ...(x.document.place ? { place: x.document.place } : {}),
      ...(x.document.date ? { date: x.document.date } : {}),
      title: x.document.title ?? '',
      implements: x.document.implements,
      source_text: sourceText,
    },
    references: x.references.map((r) => ({
      type: r.type,
      number: r.number,
      ...(r.issuer ? { issuer: r.issuer } : {}),
      ...(r.date ? { date: r.date } : {}),
      as_written: r.as_written,
      implements: r.implements,
    })),
    ...(x.signer?.name
      ? {
          signer: {
            name: x.signer.name,
            ...(x.signer.position ? { position: x.signer.position } : {}),
            ...(x.signer.authority ? { authority: x.signer.authority } : {}),
          },
        }
      : {}),
    recipients: x.recipients,
    sections,
  };
}
