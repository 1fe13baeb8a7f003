import { describe, expect, it } from 'vitest';
import { smallDirectory } from '../../../test/support/directory.js';
import { parsePlanDocument } from './parse.js';
import { findTargets, headingYear, outlineYear } from './targets.js';

const targets = (text: string, contextYear: number | null = null) =>
  findTargets({ content: text, contentStart: 0 }, null, contextYear).map(
    (t) => `${t.value}|${t.unit}|${t.year}`,
  );

describe('target years', () => {
  it('reads the year a heading sets', () => {
    expect(headingYear('Đến năm 2025')).toBe(2025);
    expect(headingYear('Chỉ tiêu cụ thể năm 2026')).toBe(2026);
    expect(headingYear('Mục tiêu đến năm 2030')).toBe(2030);
    expect(headingYear('Mục tiêu đến hết năm 2026')).toBe(2026);
    expect(headingYear('Mục tiêu giai đoạn 2026 - 2030')).toBe(2030);
    expect(headingYear('Mục tiêu cụ thể')).toBeNull();
    expect(headingYear('Mục tiêu đến năm 2030, tầm nhìn đến năm 2045')).toBe(2030);
    expect(outlineYear(['MỤC TIÊU', 'Mục tiêu cụ thể đến năm 2030', 'Về hạ tầng'])).toBe(2030);
    expect(outlineYear(['MỤC TIÊU', 'Mục tiêu cụ thể'])).toBeNull();
  });

  it('gives a sentence without a year the year of its heading, and keeps its own otherwise', () => {
    expect(targets('Tỷ lệ hộ dân sử dụng nước sạch đạt 95%.', 2025)).toEqual(['95|%|2025']);
    expect(targets('Năm 2026, tỷ lệ đô thị hóa đạt 28,5%.', 2030)).toEqual(['28.5|%|2026']);
    expect(targets('Tỷ lệ hộ dân sử dụng nước sạch đạt 95%.')).toEqual(['95|%|null']);
  });

  it('reads several milestones in one sentence as several targets', () => {
    expect(
      targets('Tỷ trọng kinh tế số trong GRDP đạt 12,5% vào năm 2027 và 20% vào năm 2030.'),
    ).toEqual(['12.5|%|2027', '20|%|2030']);
    expect(targets('Đến năm 2027, tỷ lệ đạt 40%; đến năm 2030 đạt 60% so với năm 2020.')).toEqual([
      '40|%|2027',
      '60|%|2030',
    ]);
  });

  it('takes the year from the headings above in a parsed plan', () => {
    const text = [
      'ỦY BAN NHÂN DÂN',
      'TỈNH CAO BẰNG',
      'Số: 3/KH-UBND',
      'Cao Bằng, ngày 2 tháng 1 năm 2026',
      'KẾ HOẠCH',
      'Phát triển đô thị',
      'I. MỤC TIÊU',
      '1. Mục tiêu cụ thể',
      'a) Đến năm 2025',
      '- Tỷ lệ đô thị hóa đạt 30%.',
      'b) Đến năm 2030',
      '- Tỷ lệ đô thị hóa đạt 40%.',
      '2. Chỉ tiêu cụ thể năm 2026',
      '- Có 05 đô thị được công nhận đạt chuẩn.',
      'II. NHIỆM VỤ',
      '1. Sở Xây dựng chủ trì rà soát quy hoạch, hoàn thành trong Quý II/2026.',
    ].join('\n');
    const x = parsePlanDocument({ format: 'txt', text, tables: [] }, smallDirectory(), {
      today: '2026-01-10',
    });
    expect(x.targets.map((t) => `${t.value}|${t.unit}|${t.year}`)).toEqual([
      '30|%|2025',
      '40|%|2030',
      '5|đô thị|2026',
    ]);
  });
});
