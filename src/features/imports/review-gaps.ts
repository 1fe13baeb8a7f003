// What a reviewer must settle before a draft becomes a plan, computed from the extraction alone so
// the server (which refuses) and the review page (which asks) agree: the gaps a person has to
// acknowledge one by one, and the agencies the registry does not know, each listed once with where
// it occurs so that one decision settles every task naming it.
import { canonicalTones } from '../../domain/vietnamese-text.js';
import type { ExtractionDocument, Mention } from './schema.js';
import { namedAgency } from './to-plan-file.js';

export type ReviewGap =
  | { key: 'number'; kind: 'missing_number' }
  | { key: 'date'; kind: 'missing_date' }
  | { key: `task:${number}`; kind: 'task_without_lead'; task: number; title: string };

/** What the gaps are read from: a draft's extraction, or the parser's own (the CLI). */
type Extraction = {
  document: { number: string | null; date: string | null };
  tasks: readonly { title: string; lead: readonly Mention[] }[];
};

/** A task's lead as it will be stored: the first lead mention that names one registry agency. */
export const hasLead = (task: { lead: readonly Mention[] }) =>
  task.lead.some((m) => namedAgency(m) !== null);

export function reviewGaps(x: Extraction): ReviewGap[] {
  const gaps: ReviewGap[] = [];
  if (!x.document.number?.trim()) gaps.push({ key: 'number', kind: 'missing_number' });
  if (!x.document.date) gaps.push({ key: 'date', kind: 'missing_date' });
  x.tasks.forEach((t, task) => {
    if (!hasLead(t))
      gaps.push({ key: `task:${task}`, kind: 'task_without_lead', task, title: t.title });
  });
  return gaps;
}

/** The gaps a confirmation leaves unacknowledged. */
export function unacknowledged(x: Extraction, acknowledged: readonly string[]): ReviewGap[] {
  const given = new Set(acknowledged);
  return reviewGaps(x).filter((g) => !given.has(g.key));
}

/** One spelling of a name: case, spacing and tone placement aside. */
export function agencyNameKey(asWritten: string): string {
  return canonicalTones(asWritten.normalize('NFC'))
    .toLocaleLowerCase('vi')
    .replace(/\s+/gu, ' ')
    .replace(/[.,;:]+$/u, '')
    .trim();
}

export type UnknownAgency = {
  key: string;
  /** The first spelling met. */
  asWritten: string;
  occurrences: { task: number; title: string; role: 'lead' | 'coordinator' }[];
};

/** Agencies the registry does not know, once each, in the order the plan first names them. */
export function unknownAgencies(x: Pick<ExtractionDocument, 'tasks'>): UnknownAgency[] {
  const found = new Map<string, UnknownAgency>();
  x.tasks.forEach((t, task) => {
    for (const [role, mentions] of [
      ['lead', t.lead],
      ['coordinator', t.coordinators],
    ] as const) {
      for (const m of mentions) {
        if (m.kind !== 'unknown') continue;
        const key = agencyNameKey(m.as_written);
        let entry = found.get(key);
        if (!entry) {
          entry = { key, asWritten: m.as_written, occurrences: [] };
          found.set(key, entry);
        }
        entry.occurrences.push({ task, title: t.title, role });
      }
    }
  });
  return [...found.values()];
}

/**
 * Every unknown mention spelled as `key` now names `agencyCode` (kept as written, with its place in
 * the text). Returns the tasks unchanged where nothing matched.
 */
export function mapUnknownAgency<T extends { lead: Mention[]; coordinators: Mention[] }>(
  tasks: readonly T[],
  key: string,
  agencyCode: string,
): { tasks: T[]; changed: number } {
  let changed = 0;
  const map = (m: Mention): Mention => {
    if (m.kind !== 'unknown' || agencyNameKey(m.as_written) !== key) return m;
    changed++;
    return {
      kind: 'agency',
      as_written: m.as_written,
      agency_code: agencyCode,
      named_code: agencyCode,
      succession: null,
      ...(m.start === undefined ? {} : { start: m.start }),
      ...(m.end === undefined ? {} : { end: m.end }),
    };
  };
  const next = tasks.map((t) => {
    const lead = t.lead.map(map);
    const coordinators = t.coordinators.map(map);
    return { ...t, lead: dedupe(lead), coordinators: dedupe(coordinators) };
  });
  return { tasks: changed > 0 ? next : [...tasks], changed };
}

/** Two spellings mapped to one agency are one lead, not two. */
function dedupe(mentions: Mention[]): Mention[] {
  const seen = new Set<string>();
  return mentions.filter((m) => {
    if (m.kind !== 'agency') return true;
    if (seen.has(m.agency_code)) return false;
    seen.add(m.agency_code);
    return true;
  });
}
