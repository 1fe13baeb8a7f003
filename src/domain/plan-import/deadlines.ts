// Deadlines as plans write them: "trước ngày 31/12 hằng năm", "thường xuyên", "năm 2026",
// "đến năm 2030", "Quý II/2026", "tháng 9/2025", "trước ngày 30/6/2024", "giai đoạn 2026 - 2030",
// "định kỳ 6 tháng", "hằng năm" alone (31/12 every year), "2025 - 2030", "trước ngày 10/6 và 10/12".
import type { Deadline } from '../deadline.js';
import type { Span } from './paragraphs.js';

export type FoundDeadline = { deadline: Deadline; as_written: string; source: Span | null };

const ROMAN: Record<string, number> = { I: 1, II: 2, III: 3, IV: 4 };

const pad = (n: number) => String(n).padStart(2, '0');

function validDate(d: number, m: number, y: number): string | null {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d)
    return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

type Rule = { re: RegExp; make: (m: RegExpExecArray) => Deadline | null };

const DAY_MONTH = String.raw`(\d{1,2})\s*(?:\/|\s+tháng\s+)\s*(\d{1,2})`;
const YEAR = String.raw`(?:\/|\s+năm\s+)\s*((?:19|20)\d\d)`;

/** A day and month not followed by a year ("10/6", not "10/6/2026"). */
const DAY_MONTH_ONLY = String.raw`${DAY_MONTH}(?!\s*(?:\/\s*\d|năm\s+\d))`;

const range = (from: number, to: number): Deadline | null =>
  from <= to ? { kind: 'range', from: `${from}-01-01`, to: `${to}-12-31` } : null;

/** "Quý IV/2025", "Quí IV-2025", "quý 2 năm 2026": the quarter (roman or digit) and the year. */
const QUARTER = String.raw`qu[ýí]\s+(IV|I{1,3}|[1-4])\s*(?:[/-]|\s+năm\s+)\s*((?:19|20)\d\d)`;
const quarterOf = (q: string) => ROMAN[q.toUpperCase()] ?? Number(q);
const QUARTER_FIRST_DAY = ['01-01', '04-01', '07-01', '10-01'];
const QUARTER_LAST_DAY = ['03-31', '06-30', '09-30', '12-31'];

/** Ordered: the most specific wording first. */
const RULES: Rule[] = [
  {
    // Twice a year, "trước ngày 10/6 và 10/12 (hằng năm)": every year, by the later date.
    re: new RegExp(
      String.raw`(?:trước|chậm\s+nhất|đến)\s+ngày\s+${DAY_MONTH_ONLY}\s*(?:và|,)\s*(?:(?:trước\s+)?ngày\s+)?${DAY_MONTH_ONLY}`,
      'iu',
    ),
    make: (m) => {
      const a = { day: Number(m[1]), month: Number(m[2]) };
      const b = { day: Number(m[3]), month: Number(m[4]) };
      if (!validDate(a.day, a.month, 2000) || !validDate(b.day, b.month, 2000)) return null;
      const later = b.month * 100 + b.day >= a.month * 100 + a.day ? b : a;
      return { kind: 'annual', ...later };
    },
  },
  {
    // "Hằng năm" as the whole deadline (a table cell, "Thời gian: Hằng năm"): by the year's end.
    re: /^\s*(?:hằng|hàng)\s+năm\s*[.;]?\s*$/iu,
    make: () => ({ kind: 'annual', day: 31, month: 12 }),
  },
  {
    re: new RegExp(
      String.raw`(?:trước|chậm nhất|đến)\s+ngày\s+${DAY_MONTH}\s+(?:hằng|hàng)\s+năm`,
      'iu',
    ),
    make: (m) => {
      const day = Number(m[1]);
      const month = Number(m[2]);
      return validDate(day, month, 2000) ? { kind: 'annual', day, month } : null;
    },
  },
  {
    re: new RegExp(
      String.raw`(?:trước|chậm nhất|đến|trong)\s+(?:ngày\s+)?${DAY_MONTH}${YEAR}`,
      'iu',
    ),
    make: (m) => {
      const date = validDate(Number(m[1]), Number(m[2]), Number(m[3]));
      return date ? { kind: 'date', date } : null;
    },
  },
  {
    // "Quý IV/2025 - Quý II/2026": from the first day of one quarter to the last of the other.
    re: new RegExp(String.raw`${QUARTER}\s*(?:[-–]|đến)\s*${QUARTER}`, 'iu'),
    make: (m) => {
      const from = `${m[2]}-${QUARTER_FIRST_DAY[quarterOf(m[1] as string) - 1]}`;
      const to = `${m[4]}-${QUARTER_LAST_DAY[quarterOf(m[3] as string) - 1]}`;
      return from < to ? { kind: 'range', from, to } : null;
    },
  },
  {
    re: new RegExp(QUARTER, 'iu'),
    make: (m) => ({ kind: 'quarter', year: Number(m[2]), quarter: quarterOf(m[1] as string) }),
  },
  {
    re: /tháng\s+(\d{1,2})\s*(?:\/|\s+năm\s+)\s*((?:19|20)\d\d)/iu,
    make: (m) => {
      const month = Number(m[1]);
      return month >= 1 && month <= 12 ? { kind: 'month', year: Number(m[2]), month } : null;
    },
  },
  {
    re: /giai\s+đoạn\s+((?:19|20)\d\d)\s*[-–]\s*((?:19|20)\d\d)/iu,
    make: (m) => range(Number(m[1]), Number(m[2])),
  },
  {
    // Without "giai đoạn": "2025-2030", "Năm 2025 - 2026", "từ năm 2025 đến năm 2030".
    re: /(?<![\p{L}\d/.,-])(?:(?:từ\s+)?năm\s+)?((?:19|20)\d\d)\s*(?:[-–]|đến(?:\s+hết)?(?:\s+năm)?)\s*((?:19|20)\d\d)(?![\d/])/iu,
    make: (m) => range(Number(m[1]), Number(m[2])),
  },
  {
    // Not "thường xuyên" qualifying a noun: recurrent spending ("chi thường xuyên"), "hoạt động
    // thường xuyên", "sự phối hợp thường xuyên".
    re: /(?<![\p{L}\d])(?:(?<!(?:chi|kinh\s+phí|hoạt\s+động|nhiệm\s+vụ|chỉ\s+đạo|phối\s+hợp)\s+)thường\s+xuyên|định\s+kỳ\s+(?:hằng|hàng|\d+)\s*(?:tháng|quý|năm))/iu,
    make: () => ({ kind: 'continuous' }),
  },
  {
    re: /(?:trong|đến|hoàn thành(?: trong)?)\s+năm\s+((?:19|20)\d\d)|(?<![\p{L}\d])năm\s+((?:19|20)\d\d)(?=\s*[;.,]|\s*$|\s+và\s+(?:các\s+)?năm\s+tiếp\s+theo)/iu,
    make: (m) => ({ kind: 'year', year: Number(m[1] ?? m[2]) }),
  },
  {
    // A deadline that ends "… hằng năm" ("Theo kế hoạch công tác hằng năm"): every year, by 31/12.
    re: /(?<![\p{L}\d])(?:hằng|hàng)\s+năm\s*[.;]?\s*$/iu,
    make: () => ({ kind: 'annual', day: 31, month: 12 }),
  },
];

/**
 * Wording that contains a year without being a deadline: the period of a master plan ("thời kỳ
 * 2021 - 2030, tầm nhìn đến năm 2050"), a party congress's term ("nhiệm kỳ 2020 - 2025").
 */
const NOT_DEADLINES =
  /(?:đến\s+năm\s+\d{4},?\s*tầm\s+nhìn\s+đến\s+năm\s+\d{4})|(?<!(?:trước|chậm\s+nhất|đến|trong)\s+)ngày\s+\d{1,2}(?:\s+tháng\s+\d{1,2}\s+năm\s+\d{4}|\s*\/\s*\d{1,2}\s*\/\s*\d{4})(?!\s+(?:hằng|hàng)\s+năm)|(?:thời\s+kỳ|nhiệm\s+kỳ)\s+\d{4}\s*[-–]\s*\d{4}(?:,?\s*tầm\s+nhìn\s+đến\s+năm\s+\d{4})?|tầm\s+nhìn\s+đến\s+năm\s+\d{4}|định\s+hướng\s+đến\s+năm\s+\d{4}/giu;

/** The first deadline written in `text` (offset: where `text` starts in the source). */
export function findDeadline(
  text: string,
  offset = 0,
  masks: readonly { start: number; end: number }[] = [],
): FoundDeadline {
  let masked = text;
  // Dates of cited documents ("Nghị quyết … ngày 20 tháng 9 năm 2022") are not deadlines.
  for (const m of masks) {
    const a = Math.max(0, m.start - offset);
    const b = Math.min(text.length, m.end - offset);
    if (a < b) masked = masked.slice(0, a) + ' '.repeat(b - a) + masked.slice(b);
  }
  masked = masked.replace(NOT_DEADLINES, (s) => ' '.repeat(s.length));
  let best: { index: number; length: number; deadline: Deadline; order: number } | null = null;
  RULES.forEach((rule, order) => {
    const m = rule.re.exec(masked);
    if (!m) return;
    const deadline = rule.make(m);
    if (!deadline) return;
    // The most specific rule wins; position only breaks ties between rules of the same order.
    if (!best || order < best.order)
      best = { index: m.index, length: m[0].length, deadline, order };
  });
  const found = best as { index: number; length: number; deadline: Deadline } | null;
  if (!found) return { deadline: { kind: 'none' }, as_written: '', source: null };
  return {
    deadline: found.deadline,
    as_written: text.slice(found.index, found.index + found.length).trim(),
    source: { start: offset + found.index, end: offset + found.index + found.length },
  };
}
