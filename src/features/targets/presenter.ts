// Targets as the API shows them: values as exact decimals in text, the projection computed for the
// year asked (domain/target-projection.ts) with its rule in words.
import {
  type Assessment,
  type Comparator,
  projectTarget,
  type TargetKind,
} from '../../domain/target-projection.js';
import type { TargetDetail, TargetSummary } from './schema.js';
import type { TargetAttachments, TargetRow } from './service.js';

const KINDS: readonly TargetKind[] = ['number', 'percentage', 'count', 'milestone', 'qualitative'];
const COMPARATORS: readonly Comparator[] = ['at_least', 'at_most', 'exactly', 'about'];
const ASSESSMENTS: readonly Assessment[] = ['on_track', 'at_risk', 'off_track'];

const oneOf = <T extends string>(all: readonly T[], value: string | null, fallback: T): T =>
  all.includes(value as T) ? (value as T) : fallback;

/** A numeric column as PostgreSQL gives it ("12.500000"), without trailing zeros. */
const plain = (value: string | number | null | undefined): string | null => {
  if (value === null || value === undefined) return null;
  const text = String(value);
  return text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
};

export function presentTarget(
  r: TargetRow,
  { milestones, actuals }: TargetAttachments,
  asOfYear: number,
): TargetSummary & { actuals: TargetDetail['actuals'] } {
  const t = r.target;
  const own = milestones
    .filter((m) => m.targetId === t.id)
    .map((m) => ({ year: m.year, value: plain(m.value) }));
  const approved = actuals
    .filter((a) => a.targetId === t.id)
    .map((a) => ({
      year: a.year,
      value: plain(a.value),
      achieved: a.achieved,
      assessment: a.assessment ? oneOf(ASSESSMENTS, a.assessment, 'on_track') : null,
      note: a.note,
    }));
  const baselineValue = plain(t.baselineValue);
  const baseline =
    baselineValue !== null && t.baselineYear !== null
      ? { year: t.baselineYear, value: baselineValue }
      : null;
  const kind = oneOf(KINDS, t.kind, 'number');
  const comparator = oneOf(COMPARATORS, t.comparator, 'at_least');
  const projection = projectTarget(
    { kind, comparator, unit: t.unit, baseline, milestones: own, actuals: approved },
    asOfYear,
    { atRiskShare: Number(r.atRiskShare), aboutMargin: Number(r.aboutMargin) },
  );
  return {
    id: t.id,
    plan: { id: t.planId, number: r.planNumber, title: r.planTitle },
    indicator: t.indicator,
    unit: t.unit,
    kind,
    comparator,
    sector: t.sector,
    baseline,
    baselineValueWithoutYear: baseline ? null : baselineValue,
    milestones: own,
    responsibleAgency:
      t.responsibleAgencyId && r.agencyName
        ? { id: t.responsibleAgencyId, name: r.agencyName }
        : null,
    latestActual: approved[0] ?? null,
    projection,
    actuals: approved,
  };
}
