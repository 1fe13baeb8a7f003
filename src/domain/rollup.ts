// How a provincial task's progress follows from the agency plans that carry it out: the plain
// mean of the items' percentages, each item weighing the same. Stated in words for the UI, because
// a number nobody can explain is not accountable.

export type RollupItem = { percent: number };

export type Rollup = { percent: number; items: number; done: number; rule: string };

export const ROLLUP_RULE =
  'Trung bình cộng tỷ lệ hoàn thành của các nhiệm vụ trong kế hoạch của đơn vị (mỗi nhiệm vụ có trọng số bằng nhau); nhiệm vụ tỉnh chỉ được coi là hoàn thành khi đơn vị chủ trì báo cáo hoàn thành và được duyệt.';

export function rollUp(items: readonly RollupItem[]): Rollup | null {
  if (items.length === 0) return null;
  const sum = items.reduce((s, i) => s + Math.min(100, Math.max(0, i.percent)), 0);
  return {
    percent: Math.round(sum / items.length),
    items: items.length,
    done: items.filter((i) => i.percent >= 100).length,
    rule: ROLLUP_RULE,
  };
}
