// When an agency that has not submitted its report for a period is reminded, and when it is
// escalated to leadership (issue #10). Pure rules on ISO dates (YYYY-MM-DD, the day in Vietnam);
// features/reminders sends them, once per agency and step (period_reminders).
//
// - Before the deadline: the configured days (default 7 and 2). On a day `left` days before the
//   deadline the step due is the smallest configured number ≥ left: with [7, 2], 7…3 days left is
//   "before:7", 2…0 is "before:2". A job that did not run on the 7th day before (server stopped)
//   still sends "before:7" on the 5th, but one that first runs 1 day before sends only "before:2":
//   an agency is not told twice in one day that the deadline is near.
// - After the deadline (from the next day): "after", once.
// - Still missing 5 working days after the deadline: "escalation" to leadership, once.
// - Reminders stop REMINDER_HORIZON_DAYS after the deadline: a server started for the first time
//   with periods of past years does not send every old reminder at once. The leadership's list of
//   escalated agencies is computed from the data and keeps them whatever the horizon.

export const DEFAULT_REMINDER_DAYS = [7, 2] as const;
/** Working days after the deadline from which a still missing agency is escalated. */
export const ESCALATION_WORKING_DAYS = 5;
/** Calendar days after the deadline after which no new reminder or escalation is sent. */
export const REMINDER_HORIZON_DAYS = 60;

export type ReminderStep = `before:${number}` | 'after' | 'escalation';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

function utcDay(iso: string): number {
  const m = ISO_DATE.exec(iso);
  if (!m) throw new RangeError(`not an ISO date (yyyy-mm-dd): ${JSON.stringify(iso)}`);
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (new Date(t).toISOString().slice(0, 10) !== iso) throw new RangeError(`no such date: ${iso}`);
  return t;
}

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((utcDay(to) - utcDay(from)) / DAY_MS);
}

/**
 * Monday to Friday, less the given days off. Vietnam's public holidays (Tết and the lunar days,
 * 30/4–1/5, 2/9 and the days the government swaps each year) are not known here: a caller that
 * has them (a tenant setting, later) passes them.
 */
export function isWorkingDay(iso: string, daysOff: ReadonlySet<string> = NO_DAYS_OFF): boolean {
  const weekday = new Date(utcDay(iso)).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !daysOff.has(iso);
}

const NO_DAYS_OFF: ReadonlySet<string> = new Set();

/** Working days d with after < d ≤ upTo: how many working days late a thing due on `after` is. */
export function workingDaysAfter(
  after: string,
  upTo: string,
  daysOff: ReadonlySet<string> = NO_DAYS_OFF,
): number {
  const start = utcDay(after);
  const end = utcDay(upTo);
  if (end <= start) return 0;
  const total = Math.round((end - start) / DAY_MS);
  // Whole weeks have five weekdays each; the days left over are looked at one by one.
  const weeks = Math.floor(total / 7);
  let count = weeks * 5;
  for (let t = start + (weeks * 7 + 1) * DAY_MS; t <= end; t += DAY_MS) {
    const weekday = new Date(t).getUTCDay();
    if (weekday !== 0 && weekday !== 6) count += 1;
  }
  if (daysOff.size > 0) {
    for (const day of daysOff) {
      if (!ISO_DATE.test(day)) continue;
      const t = utcDay(day);
      const weekday = new Date(t).getUTCDay();
      if (t > start && t <= end && weekday !== 0 && weekday !== 6) count -= 1;
    }
  }
  return count;
}

/** The configured days before the deadline, cleaned: whole, 0–366, each once, largest first. */
export function reminderDays(configured: readonly number[] | null | undefined): number[] {
  const days = (configured ?? DEFAULT_REMINDER_DAYS).filter(
    (d) => Number.isInteger(d) && d >= 0 && d <= 366,
  );
  return [...new Set(days)].sort((a, b) => b - a);
}

export type PeriodDeadline = {
  submissionDueOn: string;
  reminderDaysBefore?: readonly number[] | null;
};

/** The steps due on `asOf` for an agency still missing its report (each is sent at most once). */
export function dueSteps(
  period: PeriodDeadline,
  asOf: string,
  daysOff: ReadonlySet<string> = NO_DAYS_OFF,
): ReminderStep[] {
  const left = daysBetween(asOf, period.submissionDueOn);
  if (left >= 0) {
    const step = reminderDays(period.reminderDaysBefore)
      .filter((d) => d >= left)
      .at(-1);
    return step === undefined ? [] : [`before:${step}`];
  }
  if (-left > REMINDER_HORIZON_DAYS) return [];
  const steps: ReminderStep[] = ['after'];
  if (workingDaysAfter(period.submissionDueOn, asOf, daysOff) >= ESCALATION_WORKING_DAYS) {
    steps.push('escalation');
  }
  return steps;
}

/** The agency is escalated on `asOf`: still missing 5 working days after the deadline. */
export function isEscalated(
  submissionDueOn: string,
  asOf: string,
  daysOff: ReadonlySet<string> = NO_DAYS_OFF,
): boolean {
  return workingDaysAfter(submissionDueOn, asOf, daysOff) >= ESCALATION_WORKING_DAYS;
}
