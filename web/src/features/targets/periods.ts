// The periods an actual may be reported for, as the server decides (domain/target-period.ts): the
// year, and the halves, quarters or months of the target's reporting frequency, once ended (a year
// from 1 December on); newest first, the year before its last half, quarter or month.
import { periodAllowed, type ReportingFrequency } from '@domain/target-period';

export type PeriodOption = { key: string; label: string; end: string };

const pad = (n: number) => String(n).padStart(2, '0');

/** The finer periods of a year under a frequency, in order. */
function partsOf(year: number, frequency: ReportingFrequency): string[] {
  switch (frequency) {
    case 'semiannual':
      return [`${year}-H1`, `${year}-H2`];
    case 'quarterly':
      return [1, 2, 3, 4].map((q) => `${year}-Q${q}`);
    case 'monthly':
      return Array.from({ length: 12 }, (_, i) => `${year}-${pad(i + 1)}`);
    default:
      return [];
  }
}

/**
 * The periods that may be reported on `today` (ISO), from `firstYear` to today's year, newest
 * first; a period ending on the same day as the year (December, the fourth quarter, the second
 * half) comes after the year.
 */
export function reportablePeriods(
  frequency: ReportingFrequency,
  today: string,
  firstYear: number,
): PeriodOption[] {
  const thisYear = Number(today.slice(0, 4));
  const options: PeriodOption[] = [];
  for (let year = thisYear; year >= firstYear; year--) {
    const keys = [String(year), ...partsOf(year, frequency).reverse()];
    for (const key of keys) {
      const allowed = periodAllowed(key, frequency, today);
      if (allowed.ok) options.push({ key, label: allowed.period.label, end: allowed.period.end });
    }
  }
  return options.sort((a, b) => b.end.localeCompare(a.end) || a.key.length - b.key.length);
}

/** The first year offered: the year after the baseline, at most ten years back, at least four. */
export function firstReportableYear(baselineYear: number | null, thisYear: number): number {
  const fromBaseline = baselineYear === null ? thisYear - 4 : baselineYear + 1;
  return Math.max(thisYear - 10, Math.min(thisYear - 4, fromBaseline));
}

/** "Năm 2026", "Quý III/2026": a period label at the start of a sentence or a cell. */
export function capitalised(label: string): string {
  return label.charAt(0).toLocaleUpperCase('vi-VN') + label.slice(1);
}
