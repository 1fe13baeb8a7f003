// Number and symbol of a Vietnamese official document ("số, ký hiệu"): 693/QĐ-TTg, 72-KL/TW.
import { normalizeVietnamese } from './vietnamese-text.js';

/** Document types with their usual spelling; anything else is kept upper-cased. */
const TYPE_SPELLING: Record<string, string> = {
  NQ: 'NQ',
  KL: 'KL',
  QĐ: 'QĐ',
  QD: 'QĐ',
  KH: 'KH',
  CT: 'CT',
  CTR: 'CTr',
  BC: 'BC',
  TB: 'TB',
  NĐ: 'NĐ',
  ND: 'NĐ',
  TT: 'TT',
  HD: 'HD',
  QC: 'QC',
  QYĐ: 'QyĐ',
  TTR: 'TTr',
  ĐA: 'ĐA',
  DA: 'ĐA',
  CV: 'CV',
};

/** Issuer codes that are not written in capitals (Thủ tướng: TTg). */
const ISSUER_SPELLING: Record<string, string> = { TTG: 'TTg' };

/**
 * Party organs number their documents "13-NQ/TW" (number-type/issuer); state bodies "693/QĐ-TTg"
 * (number/type-issuer). Both shapes occur for the same document ("13/NQ-TW"); we print each in the
 * shape its issuer uses.
 */
const PARTY_ISSUERS = new Set(['TW', 'TU', 'HU', 'ĐU', 'QU', 'TƯ', 'ĐUK', 'BCSĐ']);

export type DocumentNumber = {
  /** The number as written ("693", "08"), with the year for normative documents ("52/2025"). */
  number: string;
  /** Canonical type ("QĐ", "CTr"). */
  type: string;
  /** Canonical issuer code ("TTg", "TW", "UBND"), possibly with a unit suffix ("UBND-KT"). */
  issuer: string;
  /** Canonical written form: "693/QĐ-TTg", "13-NQ/TW". */
  canonical: string;
  /** Comparison key independent of shape and case. */
  key: string;
};

function spellType(raw: string): string {
  const upper = raw.toLocaleUpperCase('vi');
  return TYPE_SPELLING[upper] ?? upper;
}

function spellIssuer(raw: string): string {
  return raw
    .split('-')
    .map((part) => {
      const upper = part.toLocaleUpperCase('vi');
      return ISSUER_SPELLING[upper] ?? upper;
    })
    .join('-');
}

const SHAPE =
  /^(\d+)(?:\s*\/\s*((?:19|20)\d\d))?\s*[-/]\s*([\p{L}]+)\s*[-/]\s*([\p{L}][\p{L}\d]*(?:\s*-\s*[\p{L}\d]+)*)$/u;

/**
 * Laws and resolutions of the National Assembly (and its Standing Committee) carry the issuer and
 * its term but no type: "29/2021/QH15", "35/2023/UBTVQH15". Their type is left empty: the text
 * says it ("Luật …", "Nghị quyết …"), and the number alone identifies the document.
 */
const TERM_SHAPE = /^(\d+)\s*\/\s*((?:19|20)\d\d)\s*\/\s*(UBTVQH|QH)\s*(\d{1,2})$/iu;

/** Parses a number and symbol as written; null when it is not one. */
export function parseDocumentNumber(asWritten: string): DocumentNumber | null {
  const text = normalizeVietnamese(asWritten).replace(/^số\s*:?\s*/iu, '');
  const term = TERM_SHAPE.exec(text);
  if (term) {
    const [, digits, year, body, n] = term as unknown as [string, string, string, string, string];
    const issuer = `${body.toLocaleUpperCase('vi')}${n}`;
    return {
      number: `${digits}/${year}`,
      type: '',
      issuer,
      canonical: `${digits}/${year}/${issuer}`,
      key: `${digits.replace(/^0+(?=\d)/, '')}/${year}||${issuer}`,
    };
  }
  const match = SHAPE.exec(text);
  if (!match) return null;
  const [, digits, year, rawType, rawIssuer] = match as unknown as [
    string,
    string,
    string | undefined,
    string,
    string,
  ];
  // Legal normative documents carry their year: "52/2025/QĐ-UBND". The number keeps its leading
  // zeros as written ("08-NQ/TW"); the comparison key drops them.
  const number = year ? `${digits}/${year}` : digits;
  const keyNumber = `${digits.replace(/^0+(?=\d)/, '')}${year ? `/${year}` : ''}`;
  if (!(rawType.toLocaleUpperCase('vi') in TYPE_SPELLING)) {
    // A letter (công văn) has no type in its symbol, only the agency and unit: "12/UBND-KT".
    const issuer = spellIssuer(`${rawType}-${rawIssuer.replace(/\s+/g, '')}`);
    return {
      number,
      type: 'CV',
      issuer,
      canonical: `${number}/${issuer}`,
      key: `${number}|CV|${issuer}`.toLocaleUpperCase('vi'),
    };
  }
  const type = spellType(rawType);
  const issuer = spellIssuer(rawIssuer.replace(/\s+/g, ''));
  const party = PARTY_ISSUERS.has(issuer.toLocaleUpperCase('vi'));
  const canonical = party ? `${number}-${type}/${issuer}` : `${number}/${type}-${issuer}`;
  const key = `${keyNumber}|${type}|${issuer}`.toLocaleUpperCase('vi');
  return { number, type, issuer, canonical, key };
}
