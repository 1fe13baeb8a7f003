// Vietnamese text rules (DOMAIN.md §8): NFC, one tone placement, search without diacritics.

const TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/;
const ALL_COMBINING = /[\u0300-\u036f]/g;

/**
 * Old-style ("hoà", "khoá", "Uỷ") and new-style ("hòa", "khóa", "Ủy") tone placement both occur,
 * even in one document. In an open syllable ending in oa/oe/uy the old style puts the tone on the
 * second vowel; we move it to the first so both spellings compare equal. "quý" keeps its tone:
 * there the u belongs to the consonant "qu".
 */
function canonicalToneWord(word: string): string {
  const decomposed = word.normalize('NFD');
  // Base letters with the index (in `decomposed`) of each letter's start.
  const letters: { base: string; start: number; end: number }[] = [];
  for (let i = 0; i < decomposed.length; i++) {
    const ch = decomposed[i] as string;
    if (/[\u0300-\u036f]/.test(ch)) {
      const last = letters[letters.length - 1];
      if (last) last.end = i + 1;
      continue;
    }
    letters.push({ base: ch, start: i, end: i + 1 });
  }
  if (letters.length < 2) return word;
  const last = letters[letters.length - 1] as (typeof letters)[number];
  const prev = letters[letters.length - 2] as (typeof letters)[number];
  const pair = (prev.base + last.base).toLowerCase();
  if (pair !== 'oa' && pair !== 'oe' && pair !== 'uy') return word;
  if (pair === 'uy' && letters.length >= 3) {
    const before = (letters[letters.length - 3] as (typeof letters)[number]).base.toLowerCase();
    if (before === 'q') return word;
  }
  const lastMarks = decomposed.slice(last.start + 1, last.end);
  const prevMarks = decomposed.slice(prev.start + 1, prev.end);
  const tone = [...lastMarks].find((m) => TONE_MARKS.test(m));
  if (!tone || [...prevMarks].some((m) => TONE_MARKS.test(m))) return word;
  const newPrev = prev.base + prevMarks + tone;
  const newLast = last.base + lastMarks.replace(tone, '');
  return (decomposed.slice(0, prev.start) + newPrev + newLast).normalize('NFC');
}

/**
 * One tone placement, keeping every other character and the length of NFC input, so that offsets
 * found in the result are offsets in the original.
 */
export function canonicalTones(nfcText: string): string {
  return nfcText.replace(/\p{L}+/gu, (word) => {
    const canonical = canonicalToneWord(word);
    return canonical.length === word.length ? canonical : word;
  });
}

/** NFC, collapsed white space, one tone placement. Keeps case and diacritics: for display and storage. */
export function normalizeVietnamese(text: string): string {
  return text
    .normalize('NFC')
    .replace(/\s+/gu, ' ')
    .trim()
    .replace(/\p{L}+/gu, canonicalToneWord);
}

/** Key for matching names written differently (case, spacing, tone placement); diacritics kept. */
export function nameKey(text: string): string {
  return normalizeVietnamese(text).toLocaleLowerCase('vi');
}

/**
 * Key for search without diacritics: "ha tang giao thong" finds "hạ tầng giao thông".
 * NFD removal leaves đ/Đ alone, so they are mapped explicitly.
 */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(ALL_COMBINING, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Search terms of a query: folded words, each of which must occur. */
export function searchTerms(query: string): string[] {
  return foldForSearch(query)
    .split(' ')
    .filter((t) => t.length > 0);
}
