import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isMostlyCapitals, sentenceCase } from './sentence-case.js';

const upper = (s: string) => s.toLocaleUpperCase('vi');
const lower = (s: string) => s.toLocaleLowerCase('vi');

describe('sentenceCase', () => {
  it('lowers the seed plan’s capitalised title, keeping symbols, acronyms and names', () => {
    const title = upper(
      'Kế hoạch triển khai thực hiện Quyết định số 693/QĐ-TTg ngày 17/7/2024 của Thủ tướng Chính phủ về kết cấu hạ tầng đồng bộ, Kết luận số 72-KL/TW của Bộ Chính trị, Ban Chấp hành Trung ương Đảng khóa XI trên địa bàn tỉnh Lạng Sơn',
    );
    expect(sentenceCase(title, ['Lạng Sơn'])).toBe(
      'Kế hoạch triển khai thực hiện Quyết định số 693/QĐ-TTg ngày 17/7/2024 của Thủ tướng Chính phủ về kết cấu hạ tầng đồng bộ, Kết luận số 72-KL/TW của Bộ Chính trị, Ban Chấp hành Trung ương Đảng khóa XI trên địa bàn tỉnh Lạng Sơn',
    );
  });

  it.each([
    [
      'BÁO CÁO CỦA UBND VÀ HĐND VỀ KCN, CCN VÀ QL1A',
      'Báo cáo của UBND và HĐND về KCN, CCN và QL1A',
    ],
    ['DỰ ÁN BOT, ODA, GPMB (KT-XH)', 'Dự án BOT, ODA, GPMB (KT-XH)'],
    ['THỰC HIỆN BÁO CÁO SỐ 15/BC-UBND', 'Thực hiện Báo cáo số 15/BC-UBND'],
    ['CHƯƠNG TRÌNH SỐ 12/CTR-UBND', 'Chương trình số 12/CTr-UBND'],
  ])('%s → %s', (input, expected) => {
    expect(sentenceCase(input)).toBe(expected);
  });

  it('writes the names it is given as given, in either tone placement, longest first', () => {
    expect(
      sentenceCase('GIAO SỞ TÀI CHÍNH VÀ UỶ BAN NHÂN DÂN TỈNH LẠNG SƠN', [
        'Sở Tài chính',
        'Ủy ban nhân dân tỉnh Lạng Sơn',
        'Lạng Sơn',
      ]),
    ).toBe('Giao Sở Tài chính và Ủy ban nhân dân tỉnh Lạng Sơn');
  });

  it('does not capitalise a name inside a longer word', () => {
    expect(sentenceCase('CỬA HÀNG Ở XÃ HÀ', ['Hà'])).toBe('Cửa hàng ở xã Hà');
  });

  it('leaves text the author cased alone', () => {
    const text = 'Thực hiện Quyết định số 693/QĐ-TTg của Thủ tướng Chính phủ';
    expect(sentenceCase(text)).toBe(text);
    expect(isMostlyCapitals(text)).toBe(false);
  });

  const words = fc.constantFrom(
    'kế',
    'hoạch',
    'thực',
    'hiện',
    'hạ',
    'tầng',
    'giao',
    'thông',
    'đô',
    'thị',
    'quốc',
    'gia',
    'khu',
    'công',
    'nghiệp',
    'UBND',
    'HĐND',
    'KCN',
    '693/QĐ-TTg',
    '15/BC-UBND',
    'năm',
    '2026',
    'Lạng',
    'Sơn',
  );
  const titles = fc.array(words, { minLength: 2, maxLength: 20 }).map((w) => w.join(' '));

  it('changes only case: the result lower-cased is the input lower-cased', () => {
    fc.assert(
      fc.property(titles, (t) => {
        expect(lower(sentenceCase(upper(t), ['Lạng Sơn']))).toBe(lower(t));
      }),
    );
  });

  it('keeps every symbol and acronym of the input, and the names given', () => {
    fc.assert(
      fc.property(titles, (t) => {
        const out = sentenceCase(upper(t), ['Lạng Sơn']);
        for (const token of ['693/QĐ-TTg', '15/BC-UBND', 'UBND', 'HĐND', 'KCN']) {
          const count = (s: string) => s.split(' ').filter((w) => w === token).length;
          expect(count(out)).toBe(count(t));
        }
        if (/(^| )Lạng Sơn( |$)/.test(t)) expect(out).toContain('Lạng Sơn');
      }),
    );
  });

  it('is stable: sentence case of sentence case is itself, and it starts with a capital', () => {
    fc.assert(
      fc.property(titles, (t) => {
        const once = sentenceCase(upper(t));
        expect(sentenceCase(once)).toBe(once);
        const first = once.match(/\p{L}/u)?.[0] ?? '';
        expect(first).toBe(upper(first));
      }),
    );
  });
});
