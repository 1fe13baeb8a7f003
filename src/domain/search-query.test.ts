import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ABBREVIATION_CLASSES,
  containsPattern,
  escapeLike,
  expansionsOf,
  foldQuery,
  hasTrigram,
  isAbbreviationForm,
  MAX_PHRASES,
  parseSearchQuery,
  wordStartPattern,
} from './search-query.js';
import { foldForSearch } from './vietnamese-text.js';

/** Does the LIKE pattern (escape '\') match the text? The semantics PostgreSQL gives it. */
function likeMatches(pattern: string, text: string): boolean {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === '\\') {
      i += 1;
      re += (pattern[i] ?? '').replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    } else if (c === '%') re += '.*';
    else if (c === '_') re += '.';
    else re += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(`^${re}$`, 's').test(text);
}

/** The wildcards of a pattern that are not escaped (their positions). */
function unescapedWildcards(pattern: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < pattern.length; i++) {
    if (pattern[i] === '\\') i += 1;
    else if (pattern[i] === '%' || pattern[i] === '_') out.push(i);
  }
  return out;
}

const vietnamese = fc.string({
  unit: fc.constantFrom(
    ...'aăâbcdđeêghiklmnoôơpqrstuưvxyAĐÊỦỶủỷồồđăằ%_\\& -,.'.split(''),
    'ờ',
    'ự',
    'ẩ',
    '\u0301',
    '\u0309',
  ),
  maxLength: 40,
});

describe('foldQuery', () => {
  it.each([
    ['Đồng Đăng', 'dong dang'],
    ['Ủy ban', 'uy ban'],
    ['Uỷ ban', 'uy ban'],
    ['  Sở  KH & ĐT ', 'so kh&dt'],
    ['KH&ĐT', 'kh&dt'],
  ])('folds %s to %s', (input, folded) => {
    expect(foldQuery(input)).toBe(folded);
  });

  it('is idempotent', () => {
    fc.assert(fc.property(vietnamese, (s) => foldQuery(foldQuery(s)) === foldQuery(s)));
  });

  it('agrees with the fold of the search columns on text without "&"', () => {
    fc.assert(
      fc.property(vietnamese, (s) => {
        const t = s.replace(/&/g, '');
        return foldQuery(t) === foldForSearch(t);
      }),
    );
  });

  it('makes both tone placements equal', () => {
    expect(foldQuery('Ủy ban nhân dân hoà khoá')).toBe(foldQuery('Uỷ ban nhân dân hòa khóa'));
  });
});

describe('parseSearchQuery', () => {
  it('splits into words, each a term', () => {
    const q = parseSearchQuery('Đồng  Đăng');
    expect(q.folded).toBe('dong dang');
    expect(q.terms).toEqual([['dong'], ['dang']]);
    expect(q.phrases).toEqual(['dong dang']);
  });

  it('expands an abbreviation to its long form', () => {
    expect(parseSearchQuery('UBND tỉnh').terms).toEqual([['ubnd', 'uy ban nhan dan'], ['tinh']]);
    expect(parseSearchQuery('kh&dt').terms).toEqual([['kh&dt', 'khdt', 'ke hoach va dau tu']]);
    expect(parseSearchQuery('Sở KH&ĐT').terms).toEqual([
      ['so'],
      ['kh&dt', 'khdt', 'ke hoach va dau tu'],
    ]);
    expect(parseSearchQuery('khdt').terms).toEqual([['khdt', 'kh&dt', 'ke hoach va dau tu']]);
    expect(parseSearchQuery('QL 4A').terms).toEqual([['ql', 'quoc lo'], ['4a']]);
  });

  it('reads a long form among other words as one term', () => {
    expect(parseSearchQuery('Sở Kế hoạch và Đầu tư Lạng Sơn').terms).toEqual([
      ['so'],
      ['ke hoach va dau tu', 'kh&dt', 'khdt'],
      ['lang'],
      ['son'],
    ]);
    expect(parseSearchQuery('Ủy ban nhân dân tỉnh').terms[0]).toEqual(['uy ban nhan dan', 'ubnd']);
    expect(parseSearchQuery('giải phóng mặt bằng').terms).toEqual([
      ['giai phong mat bang', 'gpmb'],
    ]);
  });

  it('keeps a part of a long form as words', () => {
    expect(parseSearchQuery('uy ban').terms).toEqual([['uy'], ['ban']]);
  });

  it('gives the exact phrase as typed first, then its other forms', () => {
    const q = parseSearchQuery('KCN Đồng Bành');
    expect(q.phrases[0]).toBe('kcn dong banh');
    expect(q.phrases).toContain('khu cong nghiep dong banh');
  });

  it('bounds the combinations of forms', () => {
    const q = parseSearchQuery('ubnd hdnd kcn ccn ql gpmb oda thpt');
    expect(q.phrases.length).toBeLessThanOrEqual(MAX_PHRASES);
    expect(q.phrases[0]).toBe('ubnd hdnd kcn ccn ql gpmb oda thpt');
  });

  it('drops a term repeated', () => {
    expect(parseSearchQuery('dang dang').terms).toEqual([['dang']]);
    expect(parseSearchQuery('ubnd uy ban nhan dan').terms).toHaveLength(1);
  });

  it('has no term for an empty query', () => {
    expect(parseSearchQuery('   ').terms).toEqual([]);
  });

  it('expands every form of a class to the same forms (symmetry)', () => {
    for (const c of ABBREVIATION_CLASSES) {
      for (const form of c) {
        expect(new Set(expansionsOf(form))).toEqual(new Set(c));
        expect(new Set(parseSearchQuery(form).terms[0])).toEqual(new Set(c));
      }
    }
  });

  it('is symmetrical on any query: a form found by expansion expands back to the same set', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.constantFrom(...ABBREVIATION_CLASSES.flat()),
            fc.constantFrom('tinh', 'dong', 'dang', 'so', 'xa'),
          ),
          { minLength: 1, maxLength: 5 },
        ),
        (parts) => {
          for (const term of parseSearchQuery(parts.join(' ')).terms) {
            for (const form of term) {
              expect(new Set(expansionsOf(form))).toEqual(new Set(term));
            }
          }
        },
      ),
    );
  });

  it('lists every class form folded and in one class only', () => {
    const all = ABBREVIATION_CLASSES.flat();
    expect(new Set(all).size).toBe(all.length);
    for (const form of all) expect(foldQuery(form)).toBe(form);
  });

  it('folds to a fixed point: parsing the folded query gives the same terms', () => {
    fc.assert(
      fc.property(vietnamese, (s) => {
        const q = parseSearchQuery(s);
        expect(parseSearchQuery(q.folded)).toEqual(q);
      }),
    );
  });
});

describe('LIKE patterns', () => {
  it('escapes %, _ and the escape character', () => {
    expect(escapeLike('50%_a\\b')).toBe('50\\%\\_a\\\\b');
    expect(containsPattern('100%')).toBe('%100\\%%');
  });

  it('never leaves a wildcard unescaped inside the term', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (s) => {
        const pattern = containsPattern(s);
        // Only the leading and trailing % are wildcards.
        expect(unescapedWildcards(pattern)).toEqual([0, pattern.length - 1]);
        expect(unescapedWildcards(escapeLike(s))).toEqual([]);
      }),
    );
  });

  it('matches the term literally', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }), (s, other) => {
        expect(likeMatches(containsPattern(s), `${other}${s}${other}`)).toBe(true);
        expect(likeMatches(containsPattern(s), other)).toBe(other.includes(s));
      }),
    );
    expect(likeMatches(containsPattern('%'), 'dat 100 phan tram')).toBe(false);
    expect(likeMatches(containsPattern('a_b'), 'axb')).toBe(false);
    expect(likeMatches(containsPattern('a_b'), 'ma_bo')).toBe(true);
  });
});

describe('index use and short abbreviations', () => {
  it('knows which forms pg_trgm can look up', () => {
    expect(['ql', 'dt', '%', 'a_', '%_'].map(hasTrigram)).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
    expect(['kcn', 'dong', '1234', 'quoc lo', 'kh&dt', 'uy ban'].every(hasTrigram)).toBe(true);
  });

  it('matches a short abbreviation at the start of a word only', () => {
    const ql = new RegExp(wordStartPattern('ql'));
    expect(['ql.31', 'quoc lo ql1a', 'noi ql 4b'].every((t) => ql.test(t))).toBe(true);
    expect(ql.test('ban bql kkt')).toBe(false);
    expect(isAbbreviationForm('ql')).toBe(true);
    expect(isAbbreviationForm('dong')).toBe(false);
  });
});
