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

  it('reads "Hằng năm" alone, or ending the deadline, as every year by 31/12', () => {
    const annual = { kind: 'annual', day: 31, month: 12 };
    expect(findDeadline('Hằng năm').deadline).toEqual(annual);
    expect(findDeadline('Hàng năm.').deadline).toEqual(annual);
    expect(findDeadline('Theo kế hoạch công tác tư pháp hàng năm.').deadline).toEqual(annual);
    expect(findDeadline('bố trí trong dự toán hằng năm cho các đơn vị').deadline).toEqual({
      kind: 'none',
    });
  });

  it('reads quarters written "Quí IV-2025", and a range of quarters', () => {
    expect(findDeadline('Quí IV-2025').deadline).toEqual({
      kind: 'quarter',
      year: 2025,
      quarter: 4,
    });
    expect(findDeadline('Quý IV/2025- Quý II/2026').deadline).toEqual({
      kind: 'range',
      from: '2025-10-01',
      to: '2026-06-30',
    });
  });

  it('reads "Năm 2025 và các năm tiếp theo" as its first year', () => {
    expect(findDeadline('Năm 2025 và các năm tiếp theo.').deadline).toEqual({
      kind: 'year',
      year: 2025,
    });
  });

  it('does not read recurrent spending ("chi thường xuyên") as a deadline', () => {
    expect(findDeadline('bố trí kinh phí chi thường xuyên cho các đơn vị').deadline).toEqual({
      kind: 'none',
    });
    expect(findDeadline('Thường xuyên').deadline).toEqual({ kind: 'continuous' });
  });

  it('reads year ranges written without "giai đoạn"', () => {
    const range = (from: number, to: number) => ({
      kind: 'range',
      from: `${from}-01-01`,
      to: `${to}-12-31`,
    });
    expect(findDeadline('2025-2030').deadline).toEqual(range(2025, 2030));
    expect(findDeadline('2025 - 2030').deadline).toEqual(range(2025, 2030));
    expect(findDeadline('Năm 2025 - 2026').deadline).toEqual(range(2025, 2026));
    expect(findDeadline('thực hiện từ năm 2026 đến năm 2028').deadline).toEqual(range(2026, 2028));
    expect(findDeadline('Quyết định số 12/2025-QĐ').deadline).toEqual({ kind: 'none' });
  });

  it('reads a twice-yearly deadline as every year by the later date', () => {
    expect(findDeadline('Báo cáo trước ngày 10/6 và 10/12').deadline).toEqual({
      kind: 'annual',
      day: 10,
      month: 12,
    });
    expect(findDeadline('gửi trước ngày 15/6 và ngày 15/12 hằng năm').deadline).toEqual({
      kind: 'annual',
      day: 15,
      month: 12,
    });
  });

  it('reads "Quý IV năm 2025 và các năm tiếp theo" as its first quarter', () => {
    expect(findDeadline('Quý IV năm 2025 và các năm tiếp theo').deadline).toEqual({
      kind: 'quarter',
      year: 2025,
      quarter: 4,
    });
  });
});
