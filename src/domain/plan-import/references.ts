// Legal documents a plan names: "Quyết định số 693/QĐ-TTg ngày 17 tháng 7 năm 2024 của Thủ tướng
// Chính phủ", "Kết luận số 72- KL/TW", "Chương trình hành động số 111-Ctr/TU ngày 26/3/2024", …
import { phrasePattern } from '../../lib/regexp.js';
import { parseDocumentNumber } from '../document-number.js';
import type { Span } from './paragraphs.js';

/** Document type words and their symbol codes. Longest first, so "Chương trình hành động" wins. */
const TYPE_WORDS: [string, string][] = [
  ['Chương trình hành động', 'CTr'],
  ['Chương trình', 'CTr'],
  ['Nghị quyết', 'NQ'],
  ['Kết luận', 'KL'],
  ['Quyết định', 'QĐ'],
  ['Chỉ thị', 'CT'],
  ['Kế hoạch', 'KH'],
  ['Thông báo', 'TB'],
  ['Nghị định', 'NĐ'],
  ['Thông tư', 'TT'],
  ['Hướng dẫn', 'HD'],
  ['Báo cáo', 'BC'],
  ['Công văn', 'CV'],
  ['Tờ trình', 'TTr'],
  ['Đề án', 'ĐA'],
  ['Luật', 'L'],
];

const ISSUERS = [
  'Thủ tướng Chính phủ',
  'Chính phủ',
  'Quốc hội',
  'Ủy ban Thường vụ Quốc hội',
  'Bộ Chính trị',
  'Ban Bí thư',
  'Ban Chấp hành Trung ương Đảng',
  'Ban Chấp hành Trung ương',
  'Ban Thường vụ Tỉnh ủy',
  'Ban Chấp hành Đảng bộ tỉnh',
  'Tỉnh ủy',
  'Hội đồng nhân dân tỉnh',
  'HĐND tỉnh',
  'Ủy ban nhân dân tỉnh',
  'UBND tỉnh',
];

/** Who issues a symbol when the text does not say. */
const ISSUER_BY_CODE: Record<string, string> = {
  TTG: 'Thủ tướng Chính phủ',
  CP: 'Chính phủ',
  QH: 'Quốc hội',
  TU: 'Tỉnh ủy',
};

const TYPE_PATTERN = TYPE_WORDS.map(([w]) => phrasePattern(w)).join('|');
/** Number and symbol as written: "693/QĐ-TTg", "72- KL/TW", "13/NQ-TW", "52/2025/QĐ-UBND". */
const NUMBER_PATTERN = String.raw`\d{1,5}(?:\s*\/\s*(?:19|20)\d\d)?\s*[-/]\s*\p{L}{1,5}\s*[-/]\s*\p{L}[\p{L}\d]*(?:-[\p{L}\d]+)*`;
const DATE_PATTERN = String.raw`(?:,\s*)?ngày\s+(\d{1,2})(?:\s+tháng\s+|\s*\/\s*)(\d{1,2})(?:\s+năm\s+|\s*\/\s*)(\d{4})`;
const ISSUER_PATTERN = String.raw`(?:,\s*)?của\s+(${ISSUERS.map(phrasePattern).join('|')})(?:\s+khóa\s+[IVXL]+)?`;

const MENTION = new RegExp(
  String.raw`(?<![\p{L}\d])(${TYPE_PATTERN})\s+(?:số\s*)?(${NUMBER_PATTERN})(?![\p{L}\d])(?:\s*${DATE_PATTERN})?(?:\s*${ISSUER_PATTERN})?`,
  'giu',
);

/**
 * Laws and the National Assembly's resolutions carry only the issuer in their symbol, with its
 * term: "29/2021/QH15", "Luật Đầu tư công số 58/2024/QH15", "Nghị quyết số 35/2023/UBTVQH15". The
 * type comes from the word before (a law's name may stand between it and "số").
 */
const TERM_ISSUERS: Record<string, string> = {
  QH: 'Quốc hội',
  UBTVQH: 'Ủy ban Thường vụ Quốc hội',
};
const TERM_MENTION = new RegExp(
  String.raw`(?<![\p{L}\d])(Bộ\s+luật|${TYPE_PATTERN})(?:\s+[^;.()\d\n]{1,120}?)?\s+(?:số\s*)?(\d{1,5})\s*\/\s*((?:19|20)\d\d)\s*\/\s*(UBTVQH|QH)\s*(\d{1,2})(?![\p{L}\d])(?:\s*${DATE_PATTERN})?`,
  'giu',
);

export type ReferenceMention = Span & {
  type: string;
  number: string;
  key: string;
  asWritten: string;
  date: string | null;
  issuer: string | null;
};

function isoDate(d: string, m: string, y: string): string | null {
  const day = Number(d);
  const month = Number(m);
  const year = Number(y);
  const date = new Date(Date.UTC(year, month - 1, day));
  if (
    date.getUTCFullYear() !== year ||
    date.getUTCMonth() !== month - 1 ||
    date.getUTCDate() !== day
  )
    return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function typeOfWord(word: string): string {
  const w = word.replace(/\s+/g, ' ').toLocaleLowerCase('vi');
  return TYPE_WORDS.find(([t]) => t.toLocaleLowerCase('vi') === w)?.[1] ?? 'CV';
}

function termMentions(text: string): ReferenceMention[] {
  const out: ReferenceMention[] = [];
  for (const m of text.matchAll(TERM_MENTION)) {
    const [whole, typeWord, digits, year, body, term, d, mo, y] = m as unknown as (
      | string
      | undefined
    )[];
    if (!whole || !digits || !year || !body || !term) continue;
    const word = (typeWord ?? '').replace(/\s+/g, ' ').toLocaleLowerCase('vi');
    const type = word === 'bộ luật' ? 'L' : typeOfWord(typeWord ?? '');
    const parsed = parseDocumentNumber(`${digits}/${year}/${body}${term}`);
    if (!parsed) continue;
    const start = m.index ?? 0;
    out.push({
      start,
      end: start + whole.trimEnd().length,
      type,
      number: parsed.canonical,
      key: parsed.key,
      asWritten: whole.trim(),
      date: d && mo && y ? isoDate(d, mo, y) : null,
      issuer: TERM_ISSUERS[body.toLocaleUpperCase('vi')] ?? null,
    });
  }
  return out;
}

/** Every mention of a numbered document in `text`, in order (duplicates included). */
export function findReferenceMentions(text: string): ReferenceMention[] {
  const out: ReferenceMention[] = termMentions(text);
  for (const m of text.matchAll(MENTION)) {
    const [whole, typeWord, numberText, d, mo, y, issuerText] = m as unknown as (
      | string
      | undefined
    )[];
    const parsed = parseDocumentNumber(numberText ?? '');
    if (!parsed || !whole) continue;
    const start = m.index ?? 0;
    // The issuer in its usual spelling, whatever the case it was written in (titles are in capitals).
    const issuerName = issuerText
      ? (ISSUERS.find(
          (i) =>
            i.toLocaleLowerCase('vi') === issuerText.replace(/\s+/g, ' ').toLocaleLowerCase('vi'),
        ) ?? issuerText)
      : null;
    const expectedType = typeOfWord(typeWord ?? '');
    out.push({
      start,
      end: start + whole.trimEnd().length,
      // The symbol's own type code is authoritative; the word only fills in a letter's type.
      type: parsed.type === 'CV' ? expectedType : parsed.type,
      number: parsed.canonical,
      key: parsed.key,
      asWritten: whole.trim(),
      date: d && mo && y ? isoDate(d, mo, y) : null,
      issuer: issuerName ?? ISSUER_BY_CODE[parsed.issuer.toLocaleUpperCase('vi')] ?? null,
    });
  }
  return out.sort((a, b) => a.start - b.start);
}

export type Reference = {
  type: string;
  number: string;
  key: string;
  issuer: string | null;
  date: string | null;
  as_written: string;
  /** First mention. */
  source: Span;
  /** Numbers of references this one implements, as the text chains them. */
  implements: string[];
};

/** One entry per document (by number key), keeping the first mention and the first date/issuer found. */
export function collectReferences(mentions: readonly ReferenceMention[]): Reference[] {
  const byKey = new Map<string, Reference>();
  for (const m of mentions) {
    const existing = byKey.get(m.key);
    if (existing) {
      existing.date ??= m.date;
      existing.issuer ??= m.issuer;
      continue;
    }
    byKey.set(m.key, {
      type: m.type,
      number: m.number,
      key: m.key,
      issuer: m.issuer,
      date: m.date,
      as_written: m.asWritten,
      source: { start: m.start, end: m.end },
      implements: [],
    });
  }
  return [...byKey.values()];
}

const IMPLEMENTS_LINK = /(thực hiện|triển khai|cụ thể hóa|ban hành kế hoạch)/iu;

/**
 * The chain a title or preamble states: "Kế hoạch triển khai thực hiện Quyết định 693 … về ban hành
 * Kế hoạch triển khai thực hiện Kết luận 72 … về tiếp tục thực hiện Nghị quyết 13": each document
 * implements the next one named after "thực hiện". Returns the numbers the plan implements directly.
 */
export function linkChain(
  text: string,
  textStart: number,
  mentions: readonly ReferenceMention[],
  references: Reference[],
): string[] {
  const inText = mentions.filter((m) => m.start >= textStart && m.end <= textStart + text.length);
  const first = inText[0];
  if (!first) return [];
  const byKey = new Map(references.map((r) => [r.key, r]));
  const before = text.slice(0, first.start - textStart);
  const direct = IMPLEMENTS_LINK.test(before) ? [first.number] : [];
  for (let i = 0; i + 1 < inText.length; i++) {
    const a = inText[i] as ReferenceMention;
    const b = inText[i + 1] as ReferenceMention;
    const between = text.slice(a.end - textStart, b.start - textStart);
    // A list ("Nghị quyết A, Nghị quyết B") is not a chain: the link needs "thực hiện" in between.
    if (a.key !== b.key && IMPLEMENTS_LINK.test(between) && !/[;]/.test(between)) {
      const ref = byKey.get(a.key);
      if (ref && !ref.implements.includes(b.number)) ref.implements.push(b.number);
    }
  }
  return direct;
}
