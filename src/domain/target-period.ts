// The periods a target's actual is reported for: a year ("2026"), a half ("2026-H1"), a quarter
// ("2026-Q3") or a month ("2026-07"), as the consolidator sets the target's reporting frequency.
// A period's value is measured at its last day; on the projection's path that is a position in
// years (2026 at 31/12/2026, the first half of 2026 at about 2025.5).

export type ReportingFrequency = 'annual' | 'semiannual' | 'quarterly' | 'monthly';

export type TargetPeriod = {
  key: string;
  year: number;
  /** The last day of the period, ISO. */
  end: string;
  /** For people: "năm 2026", "6 tháng đầu năm 2026", "quý III/2026", "tháng 7/2026". */
  label: string;
};

const ROMAN = ['I', 'II', 'III', 'IV'];
const pad = (n: number) => String(n).padStart(2, '0');

function lastDay(year: number, month: number): string {
  const day = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${pad(month)}-${pad(day)}`;
}

/** The period a key names, or null when the key is not one of the four forms (or out of range). */
export function parseTargetPeriod(key: string): TargetPeriod | null {
  const match = /^(\d{4})(?:-(H[12]|Q[1-4]|\d{2}))?$/.exec(key);
  if (!match) return null;
  const year = Number(match[1]);
  if (year < 1945 || year > 2100) return null;
  const part = match[2];
  if (!part) return { key, year, end: `${year}-12-31`, label: `năm ${year}` };
  if (part[0] === 'H') {
    const half = Number(part[1]);
    return {
      key,
      year,
      end: lastDay(year, half * 6),
      label: half === 1 ? `6 tháng đầu năm ${year}` : `6 tháng cuối năm ${year}`,
    };
  }
  if (part[0] === 'Q') {
    const quarter = Number(part[1]);
    return {
      key,
      year,
      end: lastDay(year, quarter * 3),
      label: `quý ${ROMAN[quarter - 1]}/${year}`,
    };
  }
  const month = Number(part);
  if (month < 1 || month > 12) return null;
  return { key, year, end: lastDay(year, month), label: `tháng ${month}/${year}` };
}

/** The frequency a period key belongs to. */
export function frequencyOf(key: string): ReportingFrequency | null {
  const period = parseTargetPeriod(key);
  if (!period) return null;
  if (period.key.length === 4) return 'annual';
  if (period.key[5] === 'H') return 'semiannual';
  if (period.key[5] === 'Q') return 'quarterly';
  return 'monthly';
}

/**
 * Whether an actual may be reported for the period under the target's frequency: the year always
 * (a year's figure is what the plan's milestones are stated in), the finer periods of the
 * frequency set, and nothing that ends after `today` (a figure is measured, not forecast).
 */
export function periodAllowed(key: string, frequency: ReportingFrequency, today: string) {
  const period = parseTargetPeriod(key);
  if (!period) return { ok: false as const, code: 'period_invalid' };
  const own = frequencyOf(key);
  if (own !== 'annual' && own !== frequency)
    return { ok: false as const, code: 'period_frequency' };
  // A year's figure may be reported from its last month on (December's report of the year).
  const from = own === 'annual' ? `${period.year}-12-01` : period.end;
  if (from > today) return { ok: false as const, code: 'period_not_ended' };
  return { ok: true as const, period };
}

/** The position on the path's scale of a period's end: the year, less the part not yet run. */
export function pathPosition(period: TargetPeriod): number {
  const [y, m, d] = period.end.split('-').map(Number) as [number, number, number];
  const start = Date.UTC(y, 0, 1);
  const days = (Date.UTC(y + 1, 0, 1) - start) / 86_400_000;
  const elapsed = (Date.UTC(y, m - 1, d) - start) / 86_400_000 + 1;
  return y - 1 + elapsed / days;
}
