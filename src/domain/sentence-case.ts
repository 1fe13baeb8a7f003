// A title written in capitals ("KẾ HOẠCH THỰC HIỆN QUYẾT ĐỊNH SỐ 693/QĐ-TTG …", as documents print
// their subject) put back into sentence case for a sentence or a report's subject: lower case,
// except what Vietnamese always writes in capitals — document symbols (693/QĐ-TTg, 72-KL/TW),
// acronyms (UBND, HĐND, KCN, QL), Roman numerals (khóa XI) — the names the caller passes (the
// province, agencies of the registry) and a document cited by its number ("Quyết định số …").
// Text that is not mostly capitals is the author's own casing and is returned as it is (NFC).
import { canonicalTones } from './vietnamese-text.js';

/** National institutions every plan cites; a tenant adds its own names (province, agencies). */
export const NATIONAL_NAMES: readonly string[] = [
  'Thủ tướng Chính phủ',
  'Chính phủ',
  'Bộ Chính trị',
  'Ban Chấp hành Trung ương Đảng',
  'Ban Chấp hành Trung ương',
  'Trung ương',
  'Quốc hội',
  'Việt Nam',
];

/**
 * Acronyms that look like Vietnamese syllables (BOT reads as "bót") and so are not caught by the
 * syllable test below.
 */
const SYLLABLE_LIKE_ACRONYMS = new Set(['BOT', 'BT', 'PPP', 'ODA', 'THPT', 'THCS', 'TW', 'CP']);

/** Issuer parts of document symbols that mix cases; everything else in a symbol is capitals. */
const SYMBOL_PARTS: Record<string, string> = { TTG: 'TTg', CTR: 'CTr' };

/** Document types that keep their capital when they name a document by number: "Quyết định số". */
const DOCUMENT_TYPES = [
  'nghị quyết',
  'nghị định',
  'quyết định',
  'kết luận',
  'kế hoạch',
  'chỉ thị',
  'thông tư',
  'chương trình',
  'đề án',
  'công văn',
  'thông báo',
  'báo cáo',
  'luật',
];

const upper = (s: string) => s.toLocaleUpperCase('vi');
const lower = (s: string) => s.toLocaleLowerCase('vi');

/** Base letters without diacritics, đ → d: the shape of a syllable. */
const bare = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase();

// Onset, vowel nucleus, coda of a Vietnamese syllable (without diacritics).
const SYLLABLE =
  /^(ngh|ng|gh|gi|kh|nh|ph|qu|th|tr|ch|[bcdghklmnprstvx])?[aeiouy]{1,3}(ch|ng|nh|[cmnpt])?$/;
const ROMAN = /^(?=[IVXLC]{2,}$)C{0,3}(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$/;

/** Mostly capitals: at least 80 % of the letters, and more than one letter. */
export function isMostlyCapitals(text: string): boolean {
  let letters = 0;
  let capitals = 0;
  for (const ch of text) {
    if (lower(ch) === upper(ch)) continue;
    letters += 1;
    if (ch === upper(ch)) capitals += 1;
  }
  return letters > 1 && capitals / letters >= 0.8;
}

/** A piece of a word kept as written: an acronym, a Roman numeral, or anything with a digit. */
function keepsCapitals(piece: string): boolean {
  if (!/\p{L}/u.test(piece)) return true;
  if (/\d/.test(piece)) return true;
  if (piece !== upper(piece)) return false;
  if (SYLLABLE_LIKE_ACRONYMS.has(piece) || ROMAN.test(piece)) return true;
  return !SYLLABLE.test(bare(piece));
}

/** A document symbol: digits and letters joined by / or - ("693/QĐ-TTG", "72-KL/TW"). */
const SYMBOL = /^\d+[/-]\p{L}/u;

function lowerWord(word: string): string {
  if (SYMBOL.test(word)) {
    return word.replace(/\p{L}+/gu, (part) => SYMBOL_PARTS[part] ?? part);
  }
  // Pieces between hyphens, slashes and punctuation are judged one by one: "KT-XH", "(KCN)".
  return word.replace(/\p{L}[\p{L}\p{M}\d]*/gu, (piece) =>
    keepsCapitals(piece) ? piece : lower(piece),
  );
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Every occurrence of `name` (any case, either tone placement, whole words) written as `name`. */
function restoreName(text: string, name: string): string {
  const wanted = canonicalTones(lower(name.normalize('NFC').trim()));
  if (!wanted) return text;
  const folded = canonicalTones(lower(text));
  // Lower-casing Vietnamese keeps the length of NFC text; if it did not, offsets would not match.
  if (folded.length !== text.length) return text;
  const pattern = new RegExp(
    `(?<![\\p{L}\\p{M}\\d])${escapeRegExp(wanted)}(?![\\p{L}\\p{M}\\d])`,
    'gu',
  );
  const canonicalName = name.normalize('NFC').trim();
  if (canonicalName.length !== wanted.length) return text;
  let out = '';
  let at = 0;
  for (const m of folded.matchAll(pattern)) {
    out += text.slice(at, m.index) + canonicalName;
    at = m.index + wanted.length;
  }
  return out + text.slice(at);
}

const capitalise = (s: string) => {
  const i = s.search(/\p{L}/u);
  return i < 0 ? s : s.slice(0, i) + upper(s.charAt(i)) + s.slice(i + 1);
};

/**
 * `title` in sentence case when it is written in capitals; `keep` are names written as given
 * wherever they occur (longest first, so "Thủ tướng Chính phủ" wins over "Chính phủ").
 */
export function sentenceCase(title: string, keep: readonly string[] = []): string {
  const text = title.normalize('NFC').replace(/\s+/gu, ' ').trim();
  if (!isMostlyCapitals(text)) return text;
  let out = text
    .split(' ')
    .map((w) => lowerWord(w))
    .join(' ');
  // "quyết định số 693/QĐ-TTg" names a document: its type keeps the capital.
  for (const type of DOCUMENT_TYPES) {
    out = out.replace(
      new RegExp(`(?<![\\p{L}\\p{M}])${type}(?= số \\d)`, 'gu'),
      (m) => upper(m.charAt(0)) + m.slice(1),
    );
  }
  const names = [...new Set([...keep, ...NATIONAL_NAMES].map((n) => n.trim()).filter(Boolean))];
  names.sort((a, b) => a.length - b.length);
  // Shorter names first, so that a longer one containing it ("Ban Chấp hành Trung ương") writes
  // its own form last.
  for (const name of names) out = restoreName(out, name);
  return capitalise(out);
}
