// Reporting periods (kỳ báo cáo, DOMAIN.md §5) and how recurring work is judged in them.
//
// A plan's periods are records (features/reporting-periods): a kind, a data window and a
// submission deadline, all editable. Their defaults follow Decree 09/2019/NĐ-CP's data windows
// (annual: 15/12 of the previous year → 14/12) with the plan's own deadline for its yearly report
// ("báo cáo … trước ngày 31/12 hằng năm").
//
// A recurring task ("hằng năm", "thường xuyên") is judged in the plan's annual periods, each
// keeping its own outcome for ever: reported on time, reported late, or missing once the task's
// date in that period has passed without a report. Which period an approved report counts for is
// decided here (`recurringOutcomes`), from the report days alone, so that the outcome does not
// depend on the order reports were approved in. features/tasks/status-sql.ts states the same rule
// in SQL over the stored outcomes (task_period_outcomes) and the period records.
import type { Deadline } from './deadline.js';
import { annualDueOn } from './task-status.js';

export const PERIOD_KINDS = [
  'monthly',
  'quarterly',
  'six_month',
  'nine_month',
  'annual',
  'ad_hoc',
] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export const PERIOD_KIND_LABELS: Record<PeriodKind, string> = {
  monthly: 'Tháng',
  quarterly: 'Quý',
  six_month: '6 tháng',
  nine_month: '9 tháng',
  annual: 'Năm',
  ad_hoc: 'Đột xuất',
};

/** A period as recurring work needs it. */
export type PeriodRecord = {
  id: string;
  kind: PeriodKind | string;
  label: string;
  windowFrom: string;
  windowTo: string;
  submissionDueOn: string;
};

export type MonthDay = { month: number; day: number };

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
/** The later of two ISO days. */
const later = (a: string, b: string) => (a.localeCompare(b) >= 0 ? a : b);

export function isRecurring(deadline: Deadline): boolean {
  return deadline.kind === 'continuous' || deadline.kind === 'annual';
}

/**
 * Decree 09/2019's data window of a period: `n` is the month (1–12) for monthly periods, the
 * quarter (1–4) for quarterly ones, ignored otherwise. Monthly: 15th of the previous month → 14th;
 * quarterly: 15th of the month before the quarter → 14th of its last month; six months: 15/12 of
 * the previous year → 14/6; nine months: → 14/9; annual: → 14/12.
 */
export function decree09Window(
  kind: Exclude<PeriodKind, 'ad_hoc'>,
  year: number,
  n = 1,
): { windowFrom: string; windowTo: string } {
  const before = (month: number) =>
    month === 1 ? iso(year - 1, 12, 15) : iso(year, month - 1, 15);
  switch (kind) {
    case 'monthly':
      return { windowFrom: before(n), windowTo: iso(year, n, 14) };
    case 'quarterly':
      return { windowFrom: before(3 * n - 2), windowTo: iso(year, 3 * n, 14) };
    case 'six_month':
      return { windowFrom: iso(year - 1, 12, 15), windowTo: iso(year, 6, 14) };
    case 'nine_month':
      return { windowFrom: iso(year - 1, 12, 15), windowTo: iso(year, 9, 14) };
    case 'annual':
      return { windowFrom: iso(year - 1, 12, 15), windowTo: iso(year, 12, 14) };
  }
}

/** The label people use: "Năm 2026", "6 tháng đầu năm 2026", "Quý II/2026", "Tháng 3/2026". */
export function periodLabel(kind: Exclude<PeriodKind, 'ad_hoc'>, year: number, n = 1): string {
  switch (kind) {
    case 'monthly':
      return `Tháng ${n}/${year}`;
    case 'quarterly':
      return `Quý ${['I', 'II', 'III', 'IV'][n - 1] ?? n}/${year}`;
    case 'six_month':
      return `6 tháng đầu năm ${year}`;
    case 'nine_month':
      return `9 tháng năm ${year}`;
    case 'annual':
      return `Năm ${year}`;
  }
}

/** The year a period's report is about: the year its data window ends in. */
export function periodYear(period: Pick<PeriodRecord, 'windowTo'>): number {
  return Number(period.windowTo.slice(0, 4));
}

/**
 * The day a plan asks its yearly report by: the annual date most of its recurring reporting
 * tasks give ("báo cáo … trước ngày 31/12 hằng năm"), else 31/12.
 */
export function planReportingDay(
  tasks: readonly { title: string; body?: string | null; deadline: Deadline }[],
): MonthDay {
  const counts = new Map<string, { day: MonthDay; n: number }>();
  for (const t of tasks) {
    if (t.deadline.kind !== 'annual') continue;
    if (!/báo cáo/iu.test(`${t.title} ${t.body ?? ''}`.normalize('NFC'))) continue;
    const key = `${t.deadline.month}-${t.deadline.day}`;
    const seen = counts.get(key) ?? { day: { month: t.deadline.month, day: t.deadline.day }, n: 0 };
    seen.n += 1;
    counts.set(key, seen);
  }
  const best = [...counts.values()].sort((a, b) => b.n - a.n)[0];
  return best?.day ?? { month: 12, day: 31 };
}

/**
 * The annual periods a plan starts with: one per year from the year it was issued (the next year
 * when it was issued after that year's window closed) through its last year (the latest year its
 * tasks or targets name, at least four years on, at most fifteen), each with Decree 09's window and
 * the plan's own submission day.
 */
export function defaultAnnualPeriods(input: {
  issuedOn: string;
  lastYearNamed: number | null;
  reportingDay: MonthDay;
}): Omit<PeriodRecord, 'id'>[] {
  const issuedYear = Number(input.issuedOn.slice(0, 4));
  const first = input.issuedOn > iso(issuedYear, 12, 14) ? issuedYear + 1 : issuedYear;
  const last = Math.min(first + 15, Math.max(first + 4, input.lastYearNamed ?? first));
  const periods: Omit<PeriodRecord, 'id'>[] = [];
  for (let year = first; year <= last; year++) {
    const window = decree09Window('annual', year);
    const submission = annualDueOn({ kind: 'annual', ...input.reportingDay }, year);
    periods.push({
      kind: 'annual',
      label: periodLabel('annual', year),
      ...window,
      // A submission day before the window closes would be met before the data exists.
      submissionDueOn: later(submission, window.windowTo),
    });
  }
  return periods;
}

/** The annual periods of a plan, by their window. */
const annualOnly = (periods: readonly PeriodRecord[]) =>
  periods
    .filter((p) => p.kind === 'annual')
    .sort((a, b) => a.windowFrom.localeCompare(b.windowFrom));

/** A recurring task's date in a period: its own day that year, else the period's deadline. */
export function taskDueInPeriod(deadline: Deadline, period: PeriodRecord): string {
  return deadline.kind === 'annual'
    ? annualDueOn(deadline, periodYear(period))
    : period.submissionDueOn;
}

/**
 * The annual period recurring work is judged in on `asOf`: of the periods already begun, the
 * earliest whose deadline has not passed (so that late December still asks for this year's
 * report), else the latest. Null before the plan's first period.
 */
export function currentPeriod(periods: readonly PeriodRecord[], asOf: string): PeriodRecord | null {
  const begun = annualOnly(periods).filter((p) => p.windowFrom <= asOf);
  return begun.find((p) => p.submissionDueOn >= asOf) ?? begun.at(-1) ?? null;
}

export type RecurringOutcome = { periodId: string; reportedOn: string; onTime: boolean };

/**
 * Which period each approved report of a recurring task counts for, and how. In the order of their
 * days, a report counts for the earliest annual period not yet reported whose window has begun and
 * whose deadline (or window, if later) has not passed on that day: a report of 20/12/2026 answers
 * 2026's report (due 31/12/2026), not 2027's. It is on time when it came by the task's date in that
 * period. A report no period can take (before the first, or a second one) changes nothing.
 */
export function recurringOutcomes(
  deadline: Deadline,
  periods: readonly PeriodRecord[],
  reportDays: readonly string[],
): Map<string, RecurringOutcome> {
  const annual = annualOnly(periods);
  const outcomes = new Map<string, RecurringOutcome>();
  for (const day of [...reportDays].sort()) {
    const period = annual.find(
      (p) => !outcomes.has(p.id) && p.windowFrom <= day && day <= lastReportDay(p),
    );
    if (!period) continue;
    outcomes.set(period.id, {
      periodId: period.id,
      reportedOn: day,
      onTime: day <= taskDueInPeriod(deadline, period),
    });
  }
  return outcomes;
}

export type PeriodOutcome = 'on_time' | 'late' | 'overdue' | 'missing' | 'pending';

/** The last day a report can still count for a period (its deadline, or its window if later). */
export function lastReportDay(period: PeriodRecord): string {
  return later(period.submissionDueOn, period.windowTo);
}

/**
 * A recurring task's record, period by period, for the periods begun by `asOf`: on time, late,
 * overdue (its date passed, a report still counts), missing (no report can count any more), or
 * pending (its date has not come).
 */
export function periodHistory(
  deadline: Deadline,
  periods: readonly PeriodRecord[],
  outcomes: ReadonlyMap<string, RecurringOutcome>,
  asOf: string,
): { period: PeriodRecord; dueOn: string; outcome: PeriodOutcome; reportedOn: string | null }[] {
  return annualOnly(periods)
    .filter((p) => p.windowFrom <= asOf)
    .map((period) => {
      const dueOn = taskDueInPeriod(deadline, period);
      const o = outcomes.get(period.id);
      let outcome: PeriodOutcome;
      if (o) outcome = o.onTime ? 'on_time' : 'late';
      else if (lastReportDay(period) < asOf) outcome = 'missing';
      else outcome = dueOn < asOf ? 'overdue' : 'pending';
      return { period, dueOn, outcome, reportedOn: o?.reportedOn ?? null };
    });
}
