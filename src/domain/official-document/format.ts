// Dates and numbers as Vietnamese official documents write them.

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

type DateParts = { year: number; month: number; day: number };

function parseIsoDate(isoDate: string): DateParts {
  const m = ISO_DATE.exec(isoDate);
  if (!m) throw new RangeError(`not an ISO date (yyyy-mm-dd): ${JSON.stringify(isoDate)}`);
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  // Date.UTC rolls 2026-02-30 over to March: a round trip catches impossible days.
  const check = new Date(Date.UTC(year, month - 1, day));
  if (
    check.getUTCFullYear() !== year ||
    check.getUTCMonth() !== month - 1 ||
    check.getUTCDate() !== day
  ) {
    throw new RangeError(`no such date: ${isoDate}`);
  }
  return { year, month, day };
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

// Decree 30/2020 (Appendix I): days below 10 and the months 1 and 2 get a leading zero, so that
// nobody can add a digit in front of them on paper ("1" → "11", "2" → "12"); months 3–9 cannot
// become another month that way and are written without it.
const decreeDay = (day: number): string => pad2(day);
const decreeMonth = (month: number): string => (month <= 2 ? pad2(month) : String(month));

/** "Lạng Sơn, ngày 05 tháng 01 năm 2026": the place-and-date line of a document. */
export function formatPlaceDate(place: string, isoDate: string): string {
  const { year, month, day } = parseIsoDate(isoDate);
  return `${place.normalize('NFC').trim()}, ngày ${decreeDay(day)} tháng ${decreeMonth(month)} năm ${year}`;
}

/** dd/mm/yyyy, always two-digit day and month: deadlines in text and tables. */
export function formatDateVi(isoDate: string): string {
  const { year, month, day } = parseIsoDate(isoDate);
  return `${pad2(day)}/${pad2(month)}/${year}`;
}

/**
 * A document's date when another document cites it ("Kế hoạch số 125/KH-UBND ngày 10/9/2024"):
 * the short form of the date as that document printed it, so with the Decree 30 padding.
 */
export function formatCitedDate(isoDate: string): string {
  const { year, month, day } = parseIsoDate(isoDate);
  return `${decreeDay(day)}/${decreeMonth(month)}/${year}`;
}

/** The ISO date `days` calendar days after `isoDate`. */
export function addDays(isoDate: string, days: number): string {
  const { year, month, day } = parseIsoDate(isoDate);
  const d = new Date(Date.UTC(year, month - 1, day + days));
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}

/** 1.234.567 and 12,5: dots group thousands, a comma marks decimals (at most `maxDecimals`). */
export function formatNumberVi(value: number, maxDecimals = 2): string {
  if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
  const factor = 10 ** maxDecimals;
  const rounded = Math.round(Math.abs(value) * factor) / factor;
  const [whole = '0', fraction] = rounded.toFixed(maxDecimals).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  const decimals = fraction?.replace(/0+$/, '') ?? '';
  const sign = value < 0 && rounded !== 0 ? '-' : '';
  return `${sign}${grouped}${decimals ? `,${decimals}` : ''}`;
}
