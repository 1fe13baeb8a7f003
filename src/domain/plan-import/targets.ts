// Targets in a plan's objectives: a number with what it counts ("17 đô thị", "07 khu công nghiệp",
// "01 trại thực nghiệm"), a milestone with a year ("hoàn thành tuyến cao tốc … khai thác trong năm
// 2026"), or a universal ("tất cả đơn vị cấp xã có …", "100% …").
import type { Span } from './paragraphs.js';
import { sentences } from './paragraphs.js';

export type Target = {
  text: string;
  indicator: string;
  value: number | null;
  unit: string | null;
  year: number | null;
  section: string | null;
  source: Span;
};

/** Words that end the noun phrase a number counts. */
const UNIT_STOP =
  /^(?:tại|trên|ở|của|cho|trong|và|với|theo|đến|để|nhằm|thuộc|gồm|được|đạt|là|có|từ|vào|khi|nhưng|hoặc|đã|đang|sẽ)$/iu;
/** Words before a number that make it a name or a position, not a quantity. */
const NOT_QUANTITY_BEFORE =
  /(?:mốc|km|quốc lộ|ql|đường tỉnh|đt|số|thứ|loại|khóa|kỳ|đoạn|điều|khoản|mục|phụ lục|lần|nghị quyết|quyết định|kết luận)\s*\.?$/iu;

const YEAR_IN_SENTENCE = /(?:đến|trong|vào|tới)?\s*năm\s+((?:19|20)\d\d)/iu;
/** Periods and dates hold numbers that are not quantities: blank them out before looking. */
const MASK_PERIODS =
  /(?:thời\s+kỳ|giai\s+đoạn|nhiệm\s+kỳ)\s+\d{4}\s*[-–]\s*\d{4}|tầm\s+nhìn\s+đến\s+năm\s+\d{4}|ngày\s+\d{1,2}(?:\s+tháng\s+\d{1,2}\s+năm\s+\d{4}|\s*\/\s*\d{1,2}\s*\/\s*\d{4})/giu;

const clean = (s: string) => s.replace(/\s+/g, ' ').trim();

function parseNumber(s: string): number {
  // 1.234.567,5: dot thousands, comma decimal.
  return Number(s.replace(/\./g, '').replace(',', '.'));
}

function unitAfter(text: string): string | null {
  const words: string[] = [];
  for (const w of text.split(/\s+/)) {
    const clean = w.replace(/[,.;:()]+$/u, '');
    if (!clean || UNIT_STOP.test(clean) || !/^[\p{Ll}]/u.test(clean)) break;
    words.push(clean);
    if (clean !== w || words.length >= 8) break;
  }
  return words.length > 0 ? words.join(' ') : null;
}

/** Units that measure rather than count: the indicator is what the sentence says is measured. */
const MEASURE_UNITS =
  /^(?:%|(?:nghìn |triệu |tỷ )*(?:tỷ )?đồng|tỷ đồng|triệu đồng|km|ha|m2|m²|mw|kv|kwh|tấn)$/iu;

/** "Đến hết năm 2026, tỷ lệ đô thị hóa toàn tỉnh đạt" → "tỷ lệ đô thị hóa toàn tỉnh". */
function measuredThing(before: string): string | null {
  const clause = before.split(/[,;:]/u).pop() ?? '';
  const phrase = clean(clause)
    .replace(/\s*từ\s+[\d.,]+\s*%?\s*đến$/iu, '')
    .replace(/^(?:phấn đấu\s+)?(?:(?:đến|trong|vào)(?: hết)? năm \d{4}\s*)?/iu, '')
    .replace(
      /\s+(?:đạt|là|ở mức|khoảng|trên|dưới|tối thiểu|ít nhất|đạt khoảng|đạt trên)(?:\s+(?:khoảng|trên|dưới|tối thiểu|ít nhất))*\s*$/iu,
      '',
    )
    .trim();
  return phrase.length >= 3 ? phrase : null;
}

/** "45 km đường tỉnh ĐT.226, …" → "đường tỉnh ĐT.226": what a measure applies to, up to a stop. */
function thingAfter(after: string): string | null {
  const phrase = clean(
    after.split(/[,;:.](?:\s|$)|\s+so với\s+|\s+(?:trong|vào|đến)\s+năm\s+/u)[0] ?? '',
  );
  return phrase.length >= 3 ? phrase : null;
}

function yearOf(text: string): number | null {
  // "so với năm 2023" is the baseline's year, not the target's.
  const m = YEAR_IN_SENTENCE.exec(
    text
      .replace(MASK_PERIODS, (s) => ' '.repeat(s.length))
      .replace(/so với\s+(?:cùng kỳ\s+)?năm\s+\d{4}/giu, (s) => ' '.repeat(s.length)),
  );
  return m ? Number(m[1]) : null;
}

/** A year a target is set for: "vào năm 2027", "đến hết năm 2030", "năm 2025". */
const YEAR_PHRASE = /(?:(?:đến|trong|vào|tới)\s+(?:hết\s+)?)?năm\s+((?:19|20)\d\d)/giu;

/**
 * The year a heading sets for the targets under it: "a) Đến năm 2025", "Chỉ tiêu cụ thể năm
 * 2026", "Mục tiêu đến năm 2030", "Giai đoạn 2026 - 2030" (its last year); null for a heading that
 * names no year, or a baseline ("so với năm 2020").
 */
export function headingYear(title: string): number | null {
  const text = title.replace(/so với\s+(?:cùng kỳ\s+)?năm\s+\d{4}/giu, '');
  const period = /(?:giai\s+đoạn|thời\s+kỳ)\s+(?:19|20)\d\d\s*[-–]\s*((?:19|20)\d\d)/iu.exec(text);
  if (period) return Number(period[1]);
  const vision = /tầm\s+nhìn\s+đến\s+năm/iu;
  const years = [...text.matchAll(YEAR_PHRASE)].filter(
    (m) => !vision.test(text.slice(Math.max(0, (m.index ?? 0) - 16), (m.index ?? 0) + 4)),
  );
  const first = years[0];
  return first ? Number(first[1]) : null;
}

/** The year of the innermost heading (titles from the outermost) that names one. */
export function outlineYear(titles: readonly string[]): number | null {
  for (let i = titles.length - 1; i >= 0; i--) {
    const year = headingYear(titles[i] as string);
    if (year !== null) return year;
  }
  return null;
}

/**
 * The year of the quantity at `index` (its unit ending at `end`) in a sentence whose periods are
 * masked: the year right after it ("đạt 12,5% vào năm 2027 và 20% vào năm 2030"), else the last
 * one before it in its clause ("đến năm 2030 đạt 50%"), else the sentence's.
 */
function quantityYear(masked: string, index: number, end: number): number | null {
  const after = masked.slice(end, end + 40);
  const next = /^[^;\d]*?(?:vào|đến|trong|tới)\s+(?:hết\s+)?năm\s+((?:19|20)\d\d)/iu.exec(after);
  if (next) return Number(next[1]);
  const clauseStart = masked.lastIndexOf(';', index) + 1;
  const before = [...masked.slice(clauseStart, index).matchAll(YEAR_PHRASE)];
  const last = before[before.length - 1];
  return last ? Number(last[1]) : null;
}

const MILESTONE =
  /(hoàn thành|đưa vào (?:khai thác|sử dụng|hoạt động)|khởi công)\s+[^;,.]*?(?:khai thác|sử dụng|hoạt động)?\s*(?:trong|vào|trước)?\s*năm\s+((?:19|20)\d\d)/iu;
const UNIVERSAL = /(?:^|[;,]\s*|phấn đấu\s+)((?:tất cả|toàn bộ|100\s*%)\s+[^;.]+)/giu;

/** Targets stated in one paragraph of an objective section. */
export function findTargets(
  p: { content: string; contentStart: number },
  section: string | null,
  /** The year the headings above set (outlineYear), for a sentence that names none. */
  contextYear: number | null = null,
): Target[] {
  const out: Target[] = [];
  for (const s of sentences(p)) {
    const masked = s.text
      .replace(MASK_PERIODS, (x) => ' '.repeat(x.length))
      .replace(/so với\s+(?:cùng kỳ\s+)?năm\s+\d{4}/giu, (x) => ' '.repeat(x.length));
    const year = yearOf(s.text) ?? contextYear;
    // Universals first: "100%" at the head of a clause is one, not a quantity as well.
    const universals: Target[] = [];
    for (const m of s.text.matchAll(UNIVERSAL)) {
      const phrase = (m[1] as string).trim();
      const start = s.start + (m.index ?? 0) + (m[0] as string).indexOf(phrase);
      universals.push({
        text: clean(s.text),
        indicator: clean(phrase),
        value: 100,
        unit: '%',
        year,
        section,
        source: { start, end: start + phrase.length },
      });
    }
    // Quantities: a number and what it counts or measures.
    for (const m of masked.matchAll(
      /(?<![\p{L}\d.,/-])(\d{1,3}(?:\.\d{3})*(?:,\d+)?)(?![\d.,/-]*\d)(?=\s|%)/gu,
    )) {
      const index = m.index ?? 0;
      if (
        universals.some((u) => s.start + index >= u.source.start && s.start + index < u.source.end)
      )
        continue;
      const before = masked.slice(Math.max(0, index - 20), index).trimEnd();
      if (NOT_QUANTITY_BEFORE.test(before) || /[-–/]$/.test(before)) continue;
      const raw = m[1] as string;
      const after = masked.slice(index + raw.length);
      // "từ 5% đến 10%": one target, its upper bound.
      if (/^\s*%?\s+đến\s+\d/u.test(after) && /(?:^|\s)từ$/u.test(before)) continue;
      const words = unitAfter(after.trimStart());
      const measureWord = words?.split(' ').slice(0, 2).join(' ');
      const unit = /^\s*%/u.test(after)
        ? '%'
        : measureWord && MEASURE_UNITS.test(measureWord)
          ? measureWord
          : words && MEASURE_UNITS.test(words.split(' ')[0] ?? '')
            ? (words.split(' ')[0] as string)
            : words;
      if (!unit) continue;
      const unitEnd = index + raw.length + after.indexOf(unit) + unit.length;
      const measure = MEASURE_UNITS.test(unit);
      const measured = measure
        ? [measuredThing(masked.slice(0, index)), thingAfter(masked.slice(unitEnd))]
            .filter(Boolean)
            .join(' ') || `Giá trị (${unit})`
        : `Số ${unit}`;
      out.push({
        text: clean(s.text),
        indicator: measured,
        value: parseNumber(raw),
        unit,
        year: quantityYear(masked, index, unitEnd) ?? year,
        section,
        source: { start: s.start + index, end: Math.min(s.start + unitEnd, s.end) },
      });
    }
    // Milestones: the last "hoàn thành …" before a year.
    for (const clause of s.text.split(';')) {
      const m = MILESTONE.exec(clause);
      if (!m) continue;
      // Take the last completion verb before the year.
      const upToYear = clause.slice(0, (m.index ?? 0) + m[0].length);
      const verbs = [
        ...upToYear.matchAll(/hoàn thành|đưa vào (?:khai thác|sử dụng|hoạt động)|khởi công/giu),
      ];
      const last = verbs[verbs.length - 1];
      const startInClause = last?.index ?? m.index ?? 0;
      const indicator = upToYear.slice(startInClause).trim();
      const clauseStart = s.text.indexOf(clause);
      const start = s.start + clauseStart + startInClause;
      out.push({
        text: clean(s.text),
        indicator: clean(indicator),
        value: null,
        unit: null,
        year: Number(m[2]),
        section,
        source: { start, end: start + indicator.length },
      });
    }
    out.push(...universals);
  }
  return out;
}
