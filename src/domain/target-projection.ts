// Is a plan's target (chỉ tiêu) on track? The rule, stated to the user in words with every figure
// it used: for a quantity, the straight path from the baseline to each milestone gives the value
// expected in the year of the latest actual, and the actual is compared with it; for a yes/no
// milestone, achieved or not by its year; for a qualitative target, the responsible agency's own
// assessment. Nothing is invented: without an actual there is no projection ("chưa có số liệu"),
// and without a baseline a quantity is not projected at all. Values are exact decimals (strings in
// and out, decimal.js inside): a target of 12,5 % is 12.5, not 12.499999….
import Decimal from 'decimal.js';

export type TargetKind = 'number' | 'percentage' | 'count' | 'milestone' | 'qualitative';
/** What the target asks: at least (tăng lên), at most (giảm xuống), exactly, or about the value. */
export type Comparator = 'at_least' | 'at_most' | 'exactly' | 'about';
export type Assessment = 'on_track' | 'at_risk' | 'off_track';

/** A value the plan asks for by a year; a yes/no milestone has no value (done by that year). */
export type Milestone = { year: number; value: string | null };
export type Baseline = { year: number; value: string };
/** An approved actual: a value (quantities), done or not (milestones), or an assessment. */
export type Actual = {
  year: number;
  /**
   * When it was measured, in years on the path's scale (a year's value is at its end: 2026 is
   * 31/12/2026, 30/06/2026 is about 2025.5); the year when absent.
   */
  at?: number;
  /** How the rule names the moment ("30/06/2026"); "năm 2026" when absent. */
  label?: string;
  value?: string | null;
  achieved?: boolean | null;
  assessment?: Assessment | null;
};

export type ProjectionSettings = {
  /**
   * Share of the change expected so far that an actual must have made to be "at risk" rather than
   * "off track" (0.8: four fifths of the way is at risk, less is off track).
   */
  atRiskShare: number;
  /** For "about" targets: how far from the expected value still counts as on track (0.05: 5 %). */
  aboutMargin: number;
};

export const DEFAULT_PROJECTION_SETTINGS: ProjectionSettings = {
  atRiskShare: 0.8,
  aboutMargin: 0.05,
};

export type ProjectionState =
  | Assessment
  | 'no_data'
  | 'no_baseline'
  | 'no_milestone'
  | 'done'
  | 'due'
  | 'overdue';

export type Projection = {
  state: ProjectionState;
  /** The year judged (of the latest actual; for milestones, the year asked). */
  year: number | null;
  /** The value the path expects in that year (quantities only). */
  expected: string | null;
  /** The actual used. */
  actual: string | null;
  /** The rule and its figures, in Vietnamese. */
  rule: string;
};

export type TargetFacts = {
  kind: TargetKind;
  comparator: Comparator;
  unit: string | null;
  baseline: Baseline | null;
  milestones: readonly Milestone[];
  /** Approved actuals, any order. */
  actuals: readonly Actual[];
};

/** Vietnamese number format: 1.234,5 (thousands with ".", decimals with ","), no trailing zeros. */
export function formatVietnameseNumber(value: string | Decimal, decimals = 2): string {
  const d = new Decimal(value).toDecimalPlaces(decimals);
  const [whole = '0', fraction] = d.abs().toFixed().split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${d.isNegative() && !d.isZero() ? '-' : ''}${grouped}${fraction ? `,${fraction}` : ''}`;
}

const withUnit = (value: string | Decimal, unit: string | null) =>
  `${formatVietnameseNumber(value)}${unit ? (unit === '%' ? '%' : ` ${unit}`) : ''}`;

/**
 * The value the straight path from the baseline through the milestones expects in `year`: the
 * baseline before the first milestone's segment starts, the last milestone after it.
 */
export function expectedOnPath(
  baseline: Baseline,
  milestones: readonly { year: number; value: string }[],
  year: number,
): Decimal {
  const points = [
    { year: baseline.year, value: new Decimal(baseline.value) },
    ...[...milestones]
      .filter((m) => m.year > baseline.year)
      .sort((a, b) => a.year - b.year)
      .map((m) => ({ year: m.year, value: new Decimal(m.value) })),
  ];
  const first = points[0] as { year: number; value: Decimal };
  if (year <= first.year) return first.value;
  for (let i = 1; i < points.length; i++) {
    const from = points[i - 1] as { year: number; value: Decimal };
    const to = points[i] as { year: number; value: Decimal };
    if (year <= to.year) {
      return from.value.plus(
        to.value
          .minus(from.value)
          .times(year - from.year)
          .dividedBy(to.year - from.year),
      );
    }
  }
  return (points.at(-1) as { value: Decimal }).value;
}

function latest(actuals: readonly Actual[], has: (a: Actual) => boolean): Actual | null {
  return [...actuals].filter(has).sort((a, b) => (b.at ?? b.year) - (a.at ?? a.year))[0] ?? null;
}

const ASSESSMENT_WORDS: Record<Assessment, string> = {
  on_track: 'đúng tiến độ',
  at_risk: 'có nguy cơ chậm',
  off_track: 'chậm so với lộ trình',
};

/** The projection of a target in `asOfYear` (the year a milestone is judged against). */
export function projectTarget(
  target: TargetFacts,
  asOfYear: number,
  settings: ProjectionSettings = DEFAULT_PROJECTION_SETTINGS,
): Projection {
  if (target.kind === 'milestone') return projectMilestone(target, asOfYear);
  if (target.kind === 'qualitative') {
    const last = latest(target.actuals, (a) => Boolean(a.assessment));
    if (!last?.assessment)
      return {
        state: 'no_data',
        year: null,
        expected: null,
        actual: null,
        rule: 'Chỉ tiêu định tính: chưa có đánh giá của cơ quan chủ trì.',
      };
    return {
      state: last.assessment,
      year: last.year,
      expected: null,
      actual: null,
      rule: `Chỉ tiêu định tính: theo đánh giá năm ${last.year} của cơ quan chủ trì, ${ASSESSMENT_WORDS[last.assessment]}.`,
    };
  }
  return projectQuantity(target, settings);
}

function projectMilestone(target: TargetFacts, asOfYear: number): Projection {
  const due = [...target.milestones].sort((a, b) => a.year - b.year)[0];
  if (!due)
    return {
      state: 'no_milestone',
      year: null,
      expected: null,
      actual: null,
      rule: 'Mốc chưa có năm phải hoàn thành.',
    };
  const done = latest(target.actuals, (a) => a.achieved === true);
  if (done)
    return {
      state: 'done',
      year: done.year,
      expected: null,
      actual: null,
      rule: `Mốc phải hoàn thành năm ${due.year}: đã hoàn thành (số liệu năm ${done.year}).`,
    };
  const overdue = asOfYear > due.year;
  return {
    state: overdue ? 'overdue' : 'due',
    year: asOfYear,
    expected: null,
    actual: null,
    rule: overdue
      ? `Mốc phải hoàn thành năm ${due.year}: chưa hoàn thành, đã quá hạn.`
      : `Mốc phải hoàn thành năm ${due.year}: chưa hoàn thành, chưa đến hạn.`,
  };
}

function projectQuantity(target: TargetFacts, settings: ProjectionSettings): Projection {
  const { unit } = target;
  const milestones = target.milestones.flatMap((m) =>
    m.value === null ? [] : [{ year: m.year, value: m.value }],
  );
  if (milestones.length === 0)
    return {
      state: 'no_milestone',
      year: null,
      expected: null,
      actual: null,
      rule: 'Chỉ tiêu chưa có giá trị và năm phải đạt.',
    };
  if (!target.baseline)
    return {
      state: 'no_baseline',
      year: null,
      expected: null,
      actual: null,
      rule: 'Chưa có giá trị gốc (năm và số liệu ban đầu): chưa tính được lộ trình. Cơ quan tổng hợp bổ sung giá trị gốc để theo dõi.',
    };
  const last = latest(target.actuals, (a) => a.value !== null && a.value !== undefined);
  const baseline = target.baseline;
  const base = new Decimal(baseline.value);
  const final = [...milestones].sort((a, b) => b.year - a.year)[0] as {
    year: number;
    value: string;
  };
  const path = `Lộ trình thẳng từ giá trị gốc ${withUnit(base, unit)} (năm ${baseline.year}) đến ${milestones
    .filter((m) => m.year > baseline.year)
    .sort((a, b) => a.year - b.year)
    .map((m) => `${withUnit(m.value, unit)} (năm ${m.year})`)
    .join(', ')}`;
  if (!last || last.value === null || last.value === undefined)
    return {
      state: 'no_data',
      year: null,
      expected: null,
      actual: null,
      rule: `${path}: chưa có số liệu thực hiện.`,
    };

  const actual = new Decimal(last.value);
  const expected = expectedOnPath(baseline, milestones, last.at ?? last.year);
  // Which way the target moves: asked for (at least / at most), else from the baseline to the end.
  const rising =
    target.comparator === 'at_least' ||
    (target.comparator !== 'at_most' && new Decimal(final.value).greaterThanOrEqualTo(base));
  const expectedChange = expected.minus(base).abs();
  const shortfall = rising ? expected.minus(actual) : actual.minus(expected);
  const margin =
    target.comparator === 'about' ? expected.abs().times(settings.aboutMargin) : new Decimal(0);
  // In decimals: 1 - 0.8 in binary floating point is 0.19999…, which would judge 80 % off track.
  const tolerance = expectedChange.times(new Decimal(1).minus(settings.atRiskShare));
  const state: Assessment = shortfall.lessThanOrEqualTo(margin)
    ? 'on_track'
    : shortfall.lessThanOrEqualTo(margin.plus(tolerance))
      ? 'at_risk'
      : 'off_track';
  const need = `${rising ? 'ít nhất' : 'không quá'} ${withUnit(expected, unit)}`;
  const share = Math.round(settings.atRiskShare * 100);
  const rule =
    `${path}: ${last.label ?? `năm ${last.year}`} cần ${need}` +
    (target.comparator === 'about'
      ? ` (chỉ tiêu "khoảng": lệch đến ${Math.round(settings.aboutMargin * 100)}% vẫn là đạt)`
      : '') +
    `; thực tế ${withUnit(actual, unit)}, ${ASSESSMENT_WORDS[state]}` +
    (state === 'on_track'
      ? '.'
      : ` (có nguy cơ chậm khi đã đi được từ ${share}% mức thay đổi cần có đến năm đó, dưới mức ấy là chậm).`);
  return {
    state,
    year: last.year,
    expected: expected.toDecimalPlaces(6).toFixed(),
    actual: actual.toFixed(),
    rule,
  };
}
