// How far a key project (dự án trọng điểm) has come: the year's capital plan (kế hoạch vốn, all
// sources), what was disbursed month by month (giải ngân) with its running total and share of the
// year's plan, site clearance (GPMB) done, and its milestones against their planned dates. Money is
// in billion đồng and always exact: decimal strings in and out, decimal.js inside. A share of
// nothing is unknown (null), never a division by zero. Dates are ISO calendar days (YYYY-MM-DD).
import Decimal from 'decimal.js';

/** A numeric value as text, without exponent and without trailing zeros ("12.500" → "12.5"). */
export function plainDecimal(value: Decimal.Value): string {
  const text = new Decimal(value).toFixed();
  return text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
}

/** The sum of amounts ("0" for none). */
export function sumAmounts(amounts: readonly Decimal.Value[]): string {
  return plainDecimal(amounts.reduce<Decimal>((s, a) => s.plus(a), new Decimal(0)));
}

/** The capital plan of a year, all sources together ("0" when there is none). */
export function yearPlanTotal(
  plans: readonly { year: number; amount: Decimal.Value }[],
  year: number,
): string {
  return sumAmounts(plans.filter((p) => p.year === year).map((p) => p.amount));
}

/**
 * `part` as a percentage of `whole`, rounded half up to two decimals; null when the whole is zero
 * (or negative): nothing planned has no share.
 */
export function percentOf(part: Decimal.Value, whole: Decimal.Value): string | null {
  const w = new Decimal(whole);
  if (w.lte(0)) return null;
  return plainDecimal(
    new Decimal(part).times(100).div(w).toDecimalPlaces(2, Decimal.ROUND_HALF_UP),
  );
}

export type MonthAmount = { month: number; amount: Decimal.Value };
export type MonthWithCumulative = {
  month: number;
  amount: string;
  /** Disbursed from January to this month, included. */
  cumulative: string;
  /** The cumulative as a percentage of the year's plan; null when nothing is planned. */
  percentOfYearPlan: string | null;
};

/** A year's months in order, each with the running total and its share of the year's plan. */
export function monthlyCumulative(
  months: readonly MonthAmount[],
  yearPlan: Decimal.Value,
): MonthWithCumulative[] {
  let running = new Decimal(0);
  return [...months]
    .sort((a, b) => a.month - b.month)
    .map((m) => {
      running = running.plus(m.amount);
      return {
        month: m.month,
        amount: plainDecimal(m.amount),
        cumulative: plainDecimal(running),
        percentOfYearPlan: percentOf(running, yearPlan),
      };
    });
}

/** Site clearance done as a percentage of its total; null when either is unknown or the total 0. */
export function clearancePercent(
  done: Decimal.Value | null,
  total: Decimal.Value | null,
): string | null {
  if (done === null || total === null) return null;
  return percentOf(done, total);
}

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function dayNumber(isoDate: string): number {
  const m = ISO_DATE.exec(isoDate);
  if (!m) throw new Error(`not an ISO date: ${isoDate}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / DAY_MS;
}

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

export type MilestoneDates = { plannedOn: string | null; actualOn: string | null };

/**
 * How many days a milestone slipped: reached, actual − planned (negative when early); not reached
 * and its planned day passed, today − planned; otherwise (not due yet, or no plan) null.
 */
export function milestoneSlippage(m: MilestoneDates, today: string): number | null {
  if (m.plannedOn === null) return null;
  if (m.actualOn !== null) return daysBetween(m.plannedOn, m.actualOn);
  return m.plannedOn < today ? daysBetween(m.plannedOn, today) : null;
}

export type NextMilestone<K extends string> = {
  kind: K;
  plannedOn: string | null;
  /** Days late today when the planned day has passed; 0 otherwise. */
  slippageDays: number;
};

/**
 * The first milestone not reached yet, by planned date (those without a planned date last, then in
 * the order given), with how late it is today; null when every milestone is reached.
 */
export function nextMilestone<K extends string>(
  milestones: readonly (MilestoneDates & { kind: K })[],
  today: string,
): NextMilestone<K> | null {
  const open = milestones
    .map((m, i) => ({ m, i }))
    .filter(({ m }) => m.actualOn === null)
    .sort((a, b) => {
      const pa = a.m.plannedOn;
      const pb = b.m.plannedOn;
      if (pa !== pb) {
        if (pa === null) return 1;
        if (pb === null) return -1;
        return pa < pb ? -1 : 1;
      }
      return a.i - b.i;
    });
  const first = open[0]?.m;
  if (!first) return null;
  return {
    kind: first.kind,
    plannedOn: first.plannedOn,
    slippageDays: milestoneSlippage(first, today) ?? 0,
  };
}
