// Walking the plan tree.
import type { PlanTask, PlanTreeNode } from '@features/plans/schema';

export function* walkNodes(nodes: readonly PlanTreeNode[]): Generator<PlanTreeNode> {
  for (const node of nodes) {
    yield node;
    yield* walkNodes(node.children);
  }
}

export type ItemCounts = { targets: number; tasks: number; projects: number };

/** Targets, tasks and projects in a node and everything under it. */
export function countItems(node: PlanTreeNode): ItemCounts {
  const counts = { targets: 0, tasks: 0, projects: 0 };
  for (const n of walkNodes([node])) {
    counts.targets += n.targets.length;
    counts.tasks += n.tasks.length;
    counts.projects += n.projects.length;
  }
  return counts;
}

export function allTasks(nodes: readonly PlanTreeNode[]): PlanTask[] {
  return [...walkNodes(nodes)].flatMap((n) => n.tasks);
}

/** "II. MỤC TIÊU", "2.1. Hạ tầng giao thông", "a) Đường bộ". */
export function nodeHeading(node: Pick<PlanTreeNode, 'label' | 'title'>): string {
  const label = node.label?.trim();
  if (!label) return node.title;
  if (/[.)]$/.test(label)) return `${label} ${node.title}`;
  if (/^[a-zđ]$/u.test(label)) return `${label}) ${node.title}`;
  return `${label}. ${node.title}`;
}
