import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldForSearch, nameKey, normalizeVietnamese, searchTerms } from './vietnamese-text.js';

describe('normalizeVietnamese', () => {
  it('composes decomposed text to NFC', () => {
    const decomposed = 'Sở Tài chính'.normalize('NFD');
    expect(decomposed).not.toBe('Sở Tài chính');
    expect(normalizeVietnamese(decomposed)).toBe('Sở Tài chính');
  });

  it.each([
    ['Uỷ ban nhân dân', 'Ủy ban nhân dân'],
    ['hoà', 'hòa'],
    ['khoá XI', 'khóa XI'],
    ['xã hội hoá', 'xã hội hóa'],
    ['Thuỵ', 'Thụy'],
    ['khoẻ', 'khỏe'],
  ])('moves the old-style tone of %s onto the first vowel', (old, expected) => {
    expect(normalizeVietnamese(old)).toBe(expected);
  });

  it.each(['quý', 'Quý', 'hoàng', 'thuyết', 'Ủy', 'hòa', 'túy'])('leaves %s as it is', (word) => {
    expect(normalizeVietnamese(word)).toBe(word);
  });

  it('collapses white space', () => {
    expect(normalizeVietnamese('  Sở   Xây\tdựng \n')).toBe('Sở Xây dựng');
  });
});

describe('nameKey', () => {
  it('treats both tone placements and case as equal', () => {
    expect(nameKey('UỶ BAN NHÂN DÂN tỉnh')).toBe(nameKey('Ủy ban nhân dân Tỉnh'));
    expect(nameKey('Hoà Bình')).toBe(nameKey('hòa bình'));
  });

  it('keeps diacritics apart: different words stay different', () => {
    expect(nameKey('Sở Tài chính')).not.toBe(nameKey('So Tai chinh'));
  });
});

describe('foldForSearch', () => {
  it('drops diacritics and maps đ/Đ to d', () => {
    expect(foldForSearch('Hạ tầng giao thông')).toBe('ha tang giao thong');
    expect(foldForSearch('Sở Kế hoạch và Đầu tư')).toBe('so ke hoach va dau tu');
    expect(foldForSearch('ĐƯỜNG TỈNH đường')).toBe('duong tinh duong');
  });

  it('folds both tone placements to the same text', () => {
    expect(foldForSearch('Uỷ ban')).toBe(foldForSearch('Ủy ban'));
  });

  it('splits a query into folded terms', () => {
    expect(searchTerms('  ha tang   Giao thông ')).toEqual(['ha', 'tang', 'giao', 'thong']);
    expect(searchTerms('')).toEqual([]);
  });

  it('is idempotent and leaves no combining mark or đ (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        const folded = foldForSearch(s);
        expect(foldForSearch(folded)).toBe(folded);
        expect(folded).not.toMatch(/[\u0300-\u036fđĐ]/);
      }),
    );
  });

  it('normalisation is idempotent and never throws (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        const once = normalizeVietnamese(s);
        expect(normalizeVietnamese(once)).toBe(once);
        expect(nameKey(nameKey(s))).toBe(nameKey(s));
      }),
    );
  });
});
