import { describe, expect, it } from 'vitest';
import { findDeadline } from './deadlines.js';

describe('findDeadline', () => {
  it.each([
    [
      'báo cáo trước ngày 31/12 hằng năm',
      { kind: 'annual', day: 31, month: 12 },
      'trước ngày 31/12 hằng năm',
    ],
    ['thực hiện thường xuyên', { kind: 'continuous' }, 'thường xuyên'],
    ['hoàn thành trong năm 2026', { kind: 'year', year: 2026 }, 'hoàn thành trong năm 2026'],
    ['phấn đấu đến năm 2030', { kind: 'year', year: 2030 }, 'đến năm 2030'],
    ['Thời gian: Quý II/2026', { kind: 'quarter', year: 2026, quarter: 2 }, 'Quý II/2026'],
    ['trong quý 3 năm 2025', { kind: 'quarter', year: 2025, quarter: 3 }, 'quý 3 năm 2025'],
    ['hoàn thành tháng 9/2025', { kind: 'month', year: 2025, month: 9 }, 'tháng 9/2025'],
    ['trình trước ngày 30/6/2024', { kind: 'date', date: '2024-06-30' }, 'trước ngày 30/6/2024'],
    [
      'xong trước ngày 15 tháng 10 năm 2026',
      { kind: 'date', date: '2026-10-15' },
      'trước ngày 15 tháng 10 năm 2026',
    ],
    [
      'đầu tư giai đoạn 2026 - 2030',
      { kind: 'range', from: '2026-01-01', to: '2030-12-31' },
      'giai đoạn 2026 - 2030',
    ],
    ['báo cáo định kỳ 6 tháng', { kind: 'continuous' }, 'định kỳ 6 tháng'],
    ['tham mưu xây dựng kế hoạch', { kind: 'none' }, ''],
  ])('%s', (text, deadline, asWritten) => {
    const found = findDeadline(text, 100);
    expect(found.deadline).toEqual(deadline);
    expect(found.as_written).toBe(asWritten);
    if (found.source)
      expect(text.slice(found.source.start - 100, found.source.end - 100).trim()).toBe(asWritten);
  });

  it('does not read periods, visions or dates of cited documents as deadlines', () => {
    expect(
      findDeadline('Quy hoạch tỉnh thời kỳ 2021 - 2030, tầm nhìn đến năm 2050').deadline,
    ).toEqual({ kind: 'none' });
    expect(
      findDeadline('Nghị quyết về công nghiệp hóa đến năm 2030, tầm nhìn đến năm 2045').deadline,
    ).toEqual({ kind: 'none' });
    expect(
      findDeadline('theo Chỉ thị ngày 20 tháng 9 năm 2022 của Ban Thường vụ').deadline,
    ).toEqual({ kind: 'none' });
    expect(findDeadline('nhiệm kỳ 2020 - 2025').deadline).toEqual({ kind: 'none' });
  });

  it('skips masked spans (cited documents)', () => {
    const text = 'theo Quyết định số 5/QĐ-UBND ngày 30/6/2024 của UBND tỉnh';
    const start = text.indexOf('Quyết định');
    expect(findDeadline(text, 0, [{ start, end: text.indexOf(' của') }]).deadline).toEqual({
      kind: 'none',
    });
  });

  it('rejects impossible dates', () => {
    expect(findDeadline('trước ngày 31/2/2026').deadline).toEqual({ kind: 'none' });
  });
});
