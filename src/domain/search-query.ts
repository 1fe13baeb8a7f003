// What a person typed in the search box, as search terms (DOMAIN.md §8): folded like the search
// columns are (no diacritics, đ → d, lower case, so tone placement no longer matters), split into
// words, and the usual abbreviations expanded both ways, so that "UBND" finds "Ủy ban nhân dân" and
// "ủy ban nhân dân" finds "UBND". Pure: the SQL that uses it lives in features/search.
import { foldForSearch } from './vietnamese-text.js';

/**
 * Forms that stand for one another, folded. Every form of a class expands to the whole class, so
 * expansion is symmetrical by construction. Long forms are matched as written in documents; a
 * form with a hyphen or comma is listed with and without it.
 */
export const ABBREVIATION_CLASSES: readonly (readonly string[])[] = [
  ['ubnd', 'uy ban nhan dan'],
  ['hdnd', 'hoi dong nhan dan'],
  ['mttq', 'mat tran to quoc'],
  ['kh&dt', 'khdt', 'ke hoach va dau tu'],
  ['tn&mt', 'tnmt', 'tai nguyen va moi truong'],
  ['tt&tt', 'tttt', 'thong tin va truyen thong'],
  ['kh&cn', 'khcn', 'khoa hoc va cong nghe'],
  ['gd&dt', 'gddt', 'giao duc va dao tao'],
  ['nn&ptnt', 'nnptnt', 'nong nghiep va phat trien nong thon'],
  ['ld-tb&xh', 'ldtbxh', 'lao dong - thuong binh va xa hoi', 'lao dong thuong binh va xa hoi'],
  ['vh-tt&dl', 'vhttdl', 'van hoa, the thao va du lich', 'van hoa the thao va du lich'],
  ['gtvt', 'giao thong van tai'],
  ['kt-xh', 'ktxh', 'kinh te - xa hoi', 'kinh te xa hoi'],
  ['kkt', 'khu kinh te'],
  ['kcn', 'khu cong nghiep'],
  ['ccn', 'cum cong nghiep'],
  ['ql', 'quoc lo'],
  ['dt', 'duong tinh'],
  ['bot', 'xay dung - kinh doanh - chuyen giao', 'xay dung kinh doanh chuyen giao'],
  ['gpmb', 'giai phong mat bang'],
  ['oda', 'ho tro phat trien chinh thuc'],
  ['thpt', 'trung hoc pho thong'],
  ['cntt', 'cong nghe thong tin'],
  ['ppp', 'doi tac cong tu'],
];

/** Folded form → its class. */
const CLASS_OF = new Map<string, readonly string[]>(
  ABBREVIATION_CLASSES.flatMap((c) => c.map((form) => [form, c] as const)),
);

/** Forms by their number of words, longest first, for the greedy match over typed words. */
const FORM_WORDS: readonly (readonly string[])[] = [...CLASS_OF.keys()]
  .map((f) => f.split(' '))
  .sort((a, b) => b.length - a.length);

/** Whether a folded word or phrase is a form of an abbreviation class ("ql", "quoc lo"). */
export function isAbbreviationForm(form: string): boolean {
  return CLASS_OF.has(form);
}

/**
 * A regular expression (PostgreSQL's and JavaScript's alike) for a form at the start of a word:
 * how a short abbreviation is matched, so that "ql" finds "QL.31" and "QL1A" but not "BQL".
 */
export function wordStartPattern(form: string): string {
  return `(^|[^a-z0-9])${form.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`;
}

/** The forms a folded word or phrase stands for (itself included). */
export function expansionsOf(form: string): string[] {
  const c = CLASS_OF.get(form);
  return c ? [...c] : [form];
}

/**
 * The folding of the search box: foldForSearch, and "KH & ĐT" written with spaces is "kh&dt" as
 * documents write it.
 */
export function foldQuery(input: string): string {
  return foldForSearch(input).replace(/ ?& ?/g, '&');
}

/** One thing that must occur: any of its forms (folded; the first as typed). */
export type SearchTerm = readonly string[];

export type SearchQuery = {
  /** The query folded, as typed: the exact phrase. */
  folded: string;
  /** Every term must occur (as a substring of the folded text), in any of its forms. */
  terms: readonly SearchTerm[];
  /** The exact phrase in every combination of the terms' forms (at most MAX_PHRASES). */
  phrases: readonly string[];
};

export const MAX_PHRASES = 16;

/**
 * The terms of a query: its words, where a run of words that is a form of an abbreviation class
 * (the longest one starting at a word) is one term with every form of the class.
 */
export function parseSearchQuery(input: string): SearchQuery {
  const folded = foldQuery(input);
  const words = folded.split(' ').filter((w) => w.length > 0);
  const terms: string[][] = [];
  let i = 0;
  while (i < words.length) {
    const form = FORM_WORDS.find(
      (f) => f.length <= words.length - i && f.every((w, k) => words[i + k] === w),
    );
    if (form) {
      const typed = form.join(' ');
      terms.push([typed, ...expansionsOf(typed).filter((f) => f !== typed)]);
      i += form.length;
    } else {
      terms.push([words[i] as string]);
      i += 1;
    }
  }
  // The same term twice adds nothing to the match.
  const seen = new Set<string>();
  const unique = terms.filter((t) => {
    const key = [...t].sort().join('\u0000');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return { folded: words.join(' '), terms: unique, phrases: phrasesOf(terms) };
}

/** The phrase in each combination of forms, as typed first, bounded. */
function phrasesOf(terms: readonly SearchTerm[]): string[] {
  let phrases = [''];
  for (const term of terms) {
    const next: string[] = [];
    for (const p of phrases) {
      for (const form of term) {
        if (next.length >= MAX_PHRASES) break;
        next.push(p ? `${p} ${form}` : form);
      }
    }
    phrases = next;
  }
  return phrases.filter((p) => p.length > 0);
}

/** The character that escapes in LIKE patterns built here (`LIKE … ESCAPE '\'`). */
export const LIKE_ESCAPE = '\\';

/** The text as a literal in a LIKE pattern: `%`, `_` and the escape character itself escaped. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `${LIKE_ESCAPE}${c}`);
}

/** A LIKE pattern matching text that contains `text` anywhere. */
export function containsPattern(text: string): string {
  return `%${escapeLike(text)}%`;
}

/**
 * Whether pg_trgm can look a form up in a trigram index when it is searched as `%form%`: its
 * trigrams are taken within words of letters and digits, so it needs a word of three, or of two
 * with a known end (a space or sign beside it: "kh&dt" gives "kh " and " dt"). "ql", "%" or "a_"
 * give none.
 */
export function hasTrigram(form: string): boolean {
  return /[\p{L}\p{N}]{3}|[\p{L}\p{N}]{2}[^\p{L}\p{N}]|[^\p{L}\p{N}][\p{L}\p{N}]{2}/u.test(form);
}
