import { describe, expect, it } from 'vitest';
import { smallDirectory } from '../../../test/support/directory.js';
import { parseDocumentNumber } from '../document-number.js';
import { parsePlanDocument } from './parse.js';
import { findReferenceMentions } from './references.js';

const parse = (lines: string[]) =>
  parsePlanDocument({ format: 'pdf', text: lines.join('\n'), tables: [] }, smallDirectory(), {
    today: '2026-01-10',
  });

describe('document header', () => {
  it('reads the number and the place and date from one line, as a PDF letterhead gives them', () => {
    const x = parse([
      'ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'TỈNH BẮC NINH Độc lập - Tự do - Hạnh phúc',
      'Số: 141/KH-UBND Bắc Ninh, ngày 20 tháng 11 năm 2025',
      'KẾ HOẠCH',
      'Triển khai công tác xây dựng pháp luật',
      'I. MỤC ĐÍCH, YÊU CẦU',
      'Bảo đảm hiệu quả.',
    ]);
    expect(x.document).toMatchObject({
      number: '141/KH-UBND',
      place: 'Bắc Ninh',
      date: '2025-11-20',
      type: 'KH',
    });
  });

  it('still reads them on lines of their own', () => {
    const x = parse([
      'ỦY BAN NHÂN DÂN',
      'TỈNH CAO BẰNG',
      'Số: 58/KH-UBND',
      'Cao Bằng, ngày 12 tháng 3 năm 2026',
      'KẾ HOẠCH',
      'Phát triển đô thị',
      'I. MỤC ĐÍCH',
      'Bảo đảm hiệu quả.',
    ]);
    expect(x.document).toMatchObject({
      number: '58/KH-UBND',
      place: 'Cao Bằng',
      date: '2026-03-12',
    });
  });
});

describe('references whose symbol is an issuer code', () => {
  const refs = (text: string) =>
    findReferenceMentions(text).map((m) => [m.type, m.number, m.issuer, m.date]);

  it('reads laws and resolutions of the National Assembly', () => {
    expect(
      refs(
        'Căn cứ Luật Tổ chức chính quyền địa phương số 72/2025/QH15 ngày 16 tháng 6 năm 2025; Nghị quyết số 29/2021/QH15;',
      ),
    ).toEqual([
      ['L', '72/2025/QH15', 'Quốc hội', '2025-06-16'],
      ['NQ', '29/2021/QH15', 'Quốc hội', null],
    ]);
    expect(refs('Luật Đầu tư theo phương thức đối tác công tư số 64/2020/QH14')).toEqual([
      ['L', '64/2020/QH14', 'Quốc hội', null],
    ]);
  });

  it('keeps the other shapes, and a list of documents apart', () => {
    expect(
      refs(
        'Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị và Quyết định số 693/QĐ-TTg; Nghị quyết số 35/2023/UBTVQH15',
      ),
    ).toEqual([
      ['NQ', '57-NQ/TW', 'Bộ Chính trị', '2024-12-22'],
      ['QĐ', '693/QĐ-TTg', 'Thủ tướng Chính phủ', null],
      ['NQ', '35/2023/UBTVQH15', 'Ủy ban Thường vụ Quốc hội', null],
    ]);
  });

  it('gives the plan file a number it accepts', () => {
    expect(parseDocumentNumber('29/2021/QH15')?.canonical).toBe('29/2021/QH15');
    expect(parseDocumentNumber('29/2021/qh15')?.key).toBe(parseDocumentNumber('29/2021/QH15')?.key);
  });
});
