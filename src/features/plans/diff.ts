// What changed between two versions of a plan (two plan files): tasks, targets and key projects
// added, removed or changed, matched by their text folded for comparison.
import { foldForSearch } from '../../domain/vietnamese-text.js';
import type { PlanFile, PlanNode } from './plan-file.js';

export type ItemChanges = {
  added: string[];
  removed: string[];
  changed: { name: string; fields: string[] }[];
};
export type PlanChanges = {
  tasks: ItemChanges;
  targets: ItemChanges;
  projects: ItemChanges;
  unchanged: boolean;
};

type Item = { name: string; fields: Record<string, unknown> };

/** JSON with sorted keys: a revision read back from jsonb has its keys in another order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

function items(file: PlanFile) {
  const tasks: Item[] = [];
  const targets: Item[] = [];
  const projects: Item[] = [];
  const walk = (nodes: PlanNode[]) => {
    for (const n of nodes) {
      for (const t of n.tasks) {
        tasks.push({
          name: t.title,
          fields: {
            lead: t.lead ?? null,
            coordinators: t.coordinators,
            deadline: t.deadline,
            output: t.output ?? null,
            coordination_note: t.coordination_note ?? null,
          },
        });
      }
      for (const t of n.targets)
        targets.push({
          name: t.indicator,
          fields: { value: t.value ?? null, unit: t.unit ?? null, year: t.year ?? null },
        });
      for (const p of n.projects)
        projects.push({
          name: p.name,
          fields: { investment_form: p.investment_form ?? null, location: p.location },
        });
      walk(n.children);
    }
  };
  walk(file.sections);
  return { tasks, targets, projects };
}

function compare(before: Item[], after: Item[]): ItemChanges {
  const key = (i: Item) => foldForSearch(i.name);
  const left = new Map<string, Item[]>();
  for (const i of before) left.set(key(i), [...(left.get(key(i)) ?? []), i]);
  const changes: ItemChanges = { added: [], removed: [], changed: [] };
  for (const i of after) {
    const same = left.get(key(i));
    const old = same?.shift();
    if (!old) {
      changes.added.push(i.name);
      continue;
    }
    const fields = Object.keys(i.fields).filter(
      (f) => canonical(i.fields[f]) !== canonical(old.fields[f]),
    );
    if (fields.length > 0) changes.changed.push({ name: i.name, fields });
  }
  for (const rest of left.values()) for (const i of rest) changes.removed.push(i.name);
  return changes;
}

export function diffPlanFiles(before: PlanFile, after: PlanFile): PlanChanges {
  const a = items(before);
  const b = items(after);
  const tasks = compare(a.tasks, b.tasks);
  const targets = compare(a.targets, b.targets);
  const projects = compare(a.projects, b.projects);
  const empty = (c: ItemChanges) => c.added.length + c.removed.length + c.changed.length === 0;
  return { tasks, targets, projects, unchanged: empty(tasks) && empty(targets) && empty(projects) };
}
