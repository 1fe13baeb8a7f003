// A target's facts as the projection reads them (domain/target-projection.ts), from its row, its
// milestones and its approved actuals: one place, for the API (presenter.ts) and for the
// projection kept in the target's columns (service.ts).
import type { targetActuals, targetMilestones, targets } from '../../db/schema.js';
import { parseTargetPeriod, pathPosition } from '../../domain/target-period.js';
import type {
  Assessment,
  Comparator,
  TargetFacts,
  TargetKind,
} from '../../domain/target-projection.js';

const KINDS: readonly TargetKind[] = ['number', 'percentage', 'count', 'milestone', 'qualitative'];
const COMPARATORS: readonly Comparator[] = ['at_least', 'at_most', 'exactly', 'about'];
const ASSESSMENTS: readonly Assessment[] = ['on_track', 'at_risk', 'off_track'];

export const oneOf = <T extends string>(all: readonly T[], value: string | null, fallback: T): T =>
  all.includes(value as T) ? (value as T) : fallback;

/** A numeric column as PostgreSQL gives it ("12.500000"), without trailing zeros. */
export const plain = (value: string | number | null | undefined): string | null => {
  if (value === null || value === undefined) return null;
  const text = String(value);
  return text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
};

type TargetRow = typeof targets.$inferSelect;
type MilestoneRow = typeof targetMilestones.$inferSelect;
type ActualRow = typeof targetActuals.$inferSelect;

/**
 * The actuals that count: approved, the latest approved of each period (a correction replaces the
 * figure it corrects), newest period first.
 */
export function effectiveActuals(rows: readonly ActualRow[]): ActualRow[] {
  const byPeriod = new Map<string, ActualRow>();
  for (const a of rows) {
    if (a.status !== 'approved') continue;
    const key = `${a.targetId}:${a.period}`;
    const seen = byPeriod.get(key);
    if (!seen || (a.reviewedAt?.getTime() ?? 0) > (seen.reviewedAt?.getTime() ?? 0))
      byPeriod.set(key, a);
  }
  return [...byPeriod.values()].sort(
    (a, b) =>
      b.periodEnd.localeCompare(a.periodEnd) ||
      (b.reviewedAt?.getTime() ?? 0) - (a.reviewedAt?.getTime() ?? 0),
  );
}

export function targetFacts(
  t: TargetRow,
  milestones: readonly MilestoneRow[],
  actuals: readonly ActualRow[],
) {
  const own = milestones
    .filter((m) => m.targetId === t.id)
    .map((m) => ({ year: m.year, value: plain(m.value) }))
    .sort((a, b) => a.year - b.year);
  const approved = effectiveActuals(actuals.filter((a) => a.targetId === t.id)).map((a) => {
    const period = parseTargetPeriod(a.period);
    return {
      year: a.year,
      period: a.period,
      periodLabel: period?.label ?? String(a.year),
      periodEnd: a.periodEnd,
      at: period ? pathPosition(period) : a.year,
      label: period && period.key.length > 4 ? `đến hết ${period.label}` : undefined,
      value: plain(a.value),
      achieved: a.achieved,
      assessment: a.assessment ? oneOf(ASSESSMENTS, a.assessment, 'on_track') : null,
      note: a.note,
    };
  });
  const baselineValue = plain(t.baselineValue);
  const baseline =
    baselineValue !== null && t.baselineYear !== null
      ? { year: t.baselineYear, value: baselineValue }
      : null;
  const facts: TargetFacts = {
    kind: oneOf(KINDS, t.kind, 'number'),
    comparator: oneOf(COMPARATORS, t.comparator, 'at_least'),
    unit: t.unit,
    baseline,
    milestones: own,
    actuals: approved,
  };
  return { facts, approved, baselineValue };
}
