// Recognises Vietnamese text in the pre-Unicode encodings still found in old government files:
//
// - TCVN3 (TCVN 5712:1993, "ABC", the .VnTime/.VnArial fonts): one byte per letter, the
//   Vietnamese letters at 0xA1-0xFE. Read as Latin-1/Windows-1252, "Kế hoạch" shows as "KÕ ho¹ch",
//   "về" as "vÒ", "cơ quan" as "c¬ quan", "và" as "vµ".
// - VNI (the VNI-Times fonts): an ASCII vowel followed by mark bytes. Read as Windows-1252,
//   "Việt Nam" shows as "Vieät Nam", "đến" as "ñeán", "được" as "ñöôïc".
//
// The same patterns show up both in undecodable bytes (a .txt saved in the legacy code page) and
// in valid Unicode that is really mojibake (text typed in a .VnTime font in Word, then copied or
// saved as Unicode: the characters are Latin-1 letters, and only the font made them look right).
// We only recognise them; converting is the user's job (Unikey's converter does it well), because
// a wrong guess would silently corrupt names and numbers in a plan.

export type LegacyEncoding = 'TCVN3' | 'VNI';

/** Letters that only Unicode Vietnamese has (ă â đ ơ ư ĩ ũ and the Latin Extended Additional block). */
function isUnicodeVietnamese(code: number): boolean {
  return (
    (code >= 0x1ea0 && code <= 0x1ef9) ||
    code === 0x0102 ||
    code === 0x0103 ||
    code === 0x0110 ||
    code === 0x0111 ||
    code === 0x0128 ||
    code === 0x0129 ||
    code === 0x0168 ||
    code === 0x0169 ||
    code === 0x01a0 ||
    code === 0x01a1 ||
    code === 0x01af ||
    code === 0x01b0
  );
}

/**
 * TCVN3 codes that Unicode Vietnamese never uses as letters: ¡-§ are the capitals Ă Â Ê Ô Ơ Ư Đ,
 * ¨-® are ă â ê ô ơ ư đ, µ-¾ are à ả ã á ạ ằ ẳ ẵ ắ: the most frequent letters of the language.
 */
function isTcvn3Marker(code: number): boolean {
  return (code >= 0xa1 && code <= 0xae) || (code >= 0xb5 && code <= 0xbe);
}

/**
 * VNI bytes that Unicode Vietnamese never uses: ñ/Ñ (đ/Đ), ö/Ö (ư/Ư) and the tone or hat marks
 * ø å ä ë ï ü æ. (TCVN3 text has some of these too, for ủ ử ứ ồ ọ ở ù ỹ ổ.)
 */
const VNI_MARKERS = new Set('ñÑöÖøØåÅäÄëËïÏüÜæÆ');

/** A letter-like character: ASCII letters and everything in Latin-1's upper half. */
function isWordish(ch: string | undefined): boolean {
  if (ch === undefined) return false;
  const code = ch.charCodeAt(0);
  return (
    (code >= 0x41 && code <= 0x5a) ||
    (code >= 0x61 && code <= 0x7a) ||
    (code >= 0xa1 && code <= 0xff)
  );
}

export type LegacyScores = {
  /** TCVN3-only characters inside words. */
  tcvn3: number;
  /** VNI-only characters or VNI hat spellings ("aâ", "eâ", "oâ", "aê") inside words. */
  vni: number;
  /** Letters only Unicode Vietnamese has. */
  unicodeVietnamese: number;
  asciiLetters: number;
};

export function legacyScores(text: string): LegacyScores {
  const scores: LegacyScores = { tcvn3: 0, vni: 0, unicodeVietnamese: 0, asciiLetters: 0 };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    const code = ch.charCodeAt(0);
    if ((code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a)) {
      scores.asciiLetters++;
      continue;
    }
    if (code < 0xa1) continue;
    if (isUnicodeVietnamese(code)) {
      scores.unicodeVietnamese++;
      continue;
    }
    if (code > 0xff) continue;
    const inWord = isWordish(text[i - 1]) || isWordish(text[i + 1]);
    if (!inWord) continue;
    if (isTcvn3Marker(code)) scores.tcvn3++;
    else if (VNI_MARKERS.has(ch)) scores.vni++;
    else if ((ch === 'â' || ch === 'Â') && /[aeoAEO]/.test(text[i - 1] ?? '')) scores.vni++;
    else if ((ch === 'ê' || ch === 'Ê') && /[aA]/.test(text[i - 1] ?? '')) scores.vni++;
  }
  return scores;
}

/**
 * Which legacy encoding the text looks like, or null. For decoded Unicode text the legacy evidence
 * must outweigh real Vietnamese letters, so a Unicode plan quoting a foreign name with "ñ" or a
 * "§" sign is not rejected.
 */
export function detectLegacyEncoding(text: string): LegacyEncoding | null {
  const s = legacyScores(text);
  const legacy = s.tcvn3 + s.vni;
  if (legacy === 0 || legacy <= s.unicodeVietnamese) return null;
  // Enough evidence: a few marks, or (in a very short text) a fair share of its letters.
  if (legacy < 3 && legacy * 15 < s.asciiLetters) return null;
  // TCVN3 text also has VNI-looking bytes (ủ is "ñ"), but VNI text has no TCVN3-only ones.
  return s.tcvn3 * 5 > legacy ? 'TCVN3' : 'VNI';
}

export function legacyEncodingMessage(encoding: LegacyEncoding): string {
  const names =
    encoding === 'TCVN3'
      ? { long: 'TCVN3 (ABC, the .VnTime fonts)', unikey: 'TCVN3 (ABC)' }
      : { long: 'VNI (the VNI-Times fonts)', unikey: 'VNI Windows' };
  return (
    `The text looks like Vietnamese in the old ${names.long} encoding, not Unicode. ` +
    `Convert it to Unicode first (for example with Unikey's converter, from ${names.unikey} to Unicode) ` +
    'and upload the converted file.'
  );
}
