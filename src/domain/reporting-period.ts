// The reporting period a recurring task (continuous, or annual like "trước 31/12 hằng năm") is
// judged in. Until reporting periods become editable records, the period is the calendar year's
// annual report (DOMAIN.md §5): data window from 15/12 of the previous year, submission by the
// task's own annual date when it has one, else by 31/12 — the plan's own rule ("báo cáo trước
// ngày 31/12 hằng năm"). features/tasks/status-sql.ts states the same period in SQL
// (`recurringPeriodSql`), built on `periodWindow`; the two change together.
import type { Deadline } from './deadline.js';
import { annualDueOn } from './task-status.js';

export type ReportingPeriod = { label: string; from: string; submissionDueOn: string };

export function isRecurring(deadline: Deadline): boolean {
  return deadline.kind === 'continuous' || deadline.kind === 'annual';
}

/** The period every recurring task is in on `asOf`: its year, label and first day of its window. */
export function periodWindow(asOf: string): { year: number; label: string; from: string } {
  const year = Number(asOf.slice(0, 4));
  return { year, label: `Năm ${year}`, from: `${year - 1}-12-15` };
}

export function annualPeriod(deadline: Deadline, asOf: string): ReportingPeriod {
  const { year, label, from } = periodWindow(asOf);
  const submissionDueOn =
    deadline.kind === 'annual' ? annualDueOn(deadline, year) : `${year}-12-31`;
  return { label, from, submissionDueOn };
}

/** The day of the first report counted in the period (on or after its start), if any. */
export function reportedInPeriod(
  period: ReportingPeriod,
  reportedOn: readonly string[],
): string | null {
  const inside = reportedOn.filter((d) => d >= period.from).sort();
  return inside[0] ?? null;
}
