// The review's local copy of a draft: the corrected header, tasks, targets and projects, each item
// with a key of its own (the extraction's items have no ids), and what the PUT sends.
import type {
  ExtractedProject,
  ExtractedTarget,
  ExtractedTask,
  ExtractionDocument,
  ImportDraft,
  ImportDraftUpdate,
  Mention,
} from '@features/imports/schema';

export type Span = { start: number; end: number };
export type Row<T> = { key: string; value: T };
export type HeaderFields = ImportDraftUpdate['document'];
export type Warning = ExtractionDocument['warnings'][number];

export type ReviewState = {
  document: HeaderFields;
  tasks: Row<ExtractedTask>[];
  targets: Row<ExtractedTarget>[];
  projects: Row<ExtractedProject>[];
};

let counter = 0;

/** A key for an item of the review, unique in this page's life. */
export function newKey(prefix: string): string {
  counter += 1;
  return `${prefix}-${counter}`;
}

function keyed<T>(prefix: string, items: T[], previous?: Row<T>[]): Row<T>[] {
  const reuse = previous && previous.length === items.length;
  return items.map((value, i) => ({
    key: reuse ? (previous[i]?.key ?? newKey(prefix)) : newKey(prefix),
    value,
  }));
}

/**
 * The review state of a draft. Given the state that was just saved, its keys are kept (the saved
 * lists are the same items in the same order), so that the selection survives a save.
 */
export function stateFromDraft(draft: ImportDraft, previous?: ReviewState): ReviewState {
  const { document: d, tasks, targets, projects } = draft.extraction;
  return {
    document: { number: d.number, issuer: d.issuer, place: d.place, date: d.date, title: d.title },
    tasks: keyed('task', tasks, previous?.tasks),
    targets: keyed('target', targets, previous?.targets),
    projects: keyed('project', projects, previous?.projects),
  };
}

const text = (s: string | null): string | null => {
  const t = s?.trim() ?? '';
  return t === '' ? null : t;
};

/** The body of PUT /api/imports/:id for this state. */
export function toUpdate(state: ReviewState, version: number): ImportDraftUpdate {
  const d = state.document;
  return {
    version,
    document: {
      number: text(d.number),
      issuer: text(d.issuer),
      place: text(d.place),
      date: d.date,
      title: text(d.title),
    },
    targets: state.targets.map(({ value: t }) => ({
      ...t,
      indicator: t.indicator.trim(),
      // An added target has no sentence of the document: its indicator is its text.
      text: t.text || t.indicator.trim(),
      unit: text(t.unit),
    })),
    tasks: state.tasks.map(({ value: t }) => ({
      ...t,
      title: t.title.trim(),
      text: t.text || t.title.trim(),
      output: text(t.output),
      coordination_note: text(t.coordination_note),
    })),
    projects: state.projects.map(({ value: p }) => ({
      ...p,
      name: p.name.trim(),
      investment_form: text(p.investment_form),
    })),
  };
}

/** JSON with object keys sorted: equal values give equal strings whatever the key order. */
function stableStringify(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/** Whether the review holds corrections the draft (as last saved) does not have. */
export function hasChanges(state: ReviewState, saved: ReviewState): boolean {
  return stableStringify(toUpdate(state, 0)) !== stableStringify(toUpdate(saved, 0));
}

/** What stops the state from being saved, in Vietnamese; empty when it can be. */
export function problemsOf(state: ReviewState): string[] {
  const problems: string[] = [];
  // Required to confirm; and a draft saved without it can no longer be opened while a plan with
  // its number exists (the server fails presenting it), so it is required to save too.
  if (!state.document.issuer?.trim()) problems.push('Chưa có cơ quan ban hành.');
  state.tasks.forEach(({ value }, i) => {
    if (!value.title.trim()) problems.push(`Nhiệm vụ thứ ${i + 1} chưa có nội dung.`);
  });
  state.targets.forEach(({ value }, i) => {
    if (!value.indicator.trim()) problems.push(`Chỉ tiêu thứ ${i + 1} chưa có tên chỉ tiêu.`);
    if (value.year !== null && (value.year < 1945 || value.year > 2100)) {
      problems.push(`Chỉ tiêu thứ ${i + 1}: năm phải từ 1945 đến 2100.`);
    }
  });
  state.projects.forEach(({ value }, i) => {
    if (!value.name.trim()) problems.push(`Dự án thứ ${i + 1} chưa có tên.`);
  });
  return problems;
}

export const contains = (outer: Span, inner: Span) =>
  outer.start <= inner.start && inner.end <= outer.end;

/** The task a warning's span points into, if it is still in the review. */
export function taskAt(state: ReviewState, span: Span | undefined): Row<ExtractedTask> | undefined {
  if (!span) return undefined;
  return state.tasks.find(({ value }) => value.source && contains(value.source, span));
}

const mentionsOf = (t: ExtractedTask): Mention[] => [...t.lead, ...t.coordinators];

/** Whether the review has settled what a warning asked for. */
export function isResolved(warning: Warning, state: ReviewState): boolean {
  const d = state.document;
  switch (warning.code) {
    case 'missing_number':
      return Boolean(d.number?.trim());
    case 'missing_date':
      return Boolean(d.date);
    case 'missing_issuer':
      return Boolean(d.issuer?.trim());
    case 'task_without_lead': {
      const task = taskAt(state, warning.source);
      return !task || task.value.lead.length > 0;
    }
    case 'agency_needs_choice': {
      const task = taskAt(state, warning.source);
      return (
        !task ||
        !mentionsOf(task.value).some(
          (m) => m.kind === 'choose' && m.start === warning.source?.start,
        )
      );
    }
    default:
      return false;
  }
}

/** The spans worth marking inside a task: the agencies it names and its deadline as written. */
export function innerSpans(task: ExtractedTask): Span[] {
  const spans: Span[] = [];
  for (const m of mentionsOf(task)) {
    if (m.start !== undefined && m.end !== undefined) spans.push({ start: m.start, end: m.end });
  }
  if (task.deadline.source) spans.push(task.deadline.source);
  return spans;
}
