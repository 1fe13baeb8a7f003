// Deadlines as plans write them: "trước ngày 31/12 hằng năm", "thường xuyên", "năm 2026",
// "đến năm 2030", "Quý II/2026", "tháng 9/2025", "trước ngày 30/6/2024", "giai đoạn 2026 - 2030",
// "định kỳ 6 tháng".
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

/** Ordered: the most specific wording first. */
const RULES: Rule[] = [
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
    re: /quý\s+(IV|I{1,3}|[1-4])\s*(?:\/|\s+năm\s+)\s*((?:19|20)\d\d)/iu,
    make: (m) => {
      const q = m[1] as string;
      const quarter = ROMAN[q.toUpperCase()] ?? Number(q);
      return { kind: 'quarter', year: Number(m[2]), quarter };
    },
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
    make: (m) => {
      const from = Number(m[1]);
      const to = Number(m[2]);
      return from <= to ? { kind: 'range', from: `${from}-01-01`, to: `${to}-12-31` } : null;
    },
  },
  {
    re: /(?<![\p{L}\d])(?:thường\s+xuyên|định\s+kỳ\s+(?:hằng|hàng|\d+)\s*(?:tháng|quý|năm))/iu,
    make: () => ({ kind: 'continuous' }),
  },
  {
    re: /(?:trong|đến|hoàn thành(?: trong)?)\s+năm\s+((?:19|20)\d\d)|(?<![\p{L}\d])năm\s+((?:19|20)\d\d)(?=\s*[;.,]|\s*$)/iu,
    make: (m) => ({ kind: 'year', year: Number(m[1] ?? m[2]) }),
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
