import { describe, expect, it } from 'vitest';
import { type Deadline, deadlineSchema, dueDate } from './deadline.js';
import { describeDeadline } from './deadline-text.js';

describe('deadlines', () => {
  it.each<[Deadline, string | null, string]>([
    [{ kind: 'date', date: '2024-06-30' }, '2024-06-30', 'Trước ngày 30/06/2024'],
    [{ kind: 'quarter', year: 2026, quarter: 2 }, '2026-06-30', 'Quý II/2026'],
    [{ kind: 'quarter', year: 2026, quarter: 1 }, '2026-03-31', 'Quý I/2026'],
    [{ kind: 'month', year: 2024, month: 2 }, '2024-02-29', 'Tháng 2/2024'],
    [{ kind: 'month', year: 2025, month: 9 }, '2025-09-30', 'Tháng 9/2025'],
    [{ kind: 'year', year: 2026 }, '2026-12-31', 'Năm 2026'],
    [
      { kind: 'range', from: '2026-01-01', to: '2030-12-31' },
      '2030-12-31',
      'Giai đoạn 2026 – 2030',
    ],
    [
      { kind: 'range', from: '2026-03-15', to: '2026-09-30' },
      '2026-09-30',
      '15/03/2026 – 30/09/2026',
    ],
    [{ kind: 'annual', day: 31, month: 12 }, null, 'Trước ngày 31/12 hằng năm'],
    [{ kind: 'continuous' }, null, 'Thường xuyên'],
    [{ kind: 'none' }, null, 'Không xác định'],
  ])('%j is due %s and reads "%s"', (deadline, due, words) => {
    expect(dueDate(deadline)).toBe(due);
    expect(describeDeadline(deadline)).toBe(words);
  });

  it('rejects impossible deadlines', () => {
    expect(deadlineSchema.safeParse({ kind: 'quarter', year: 2026, quarter: 5 }).success).toBe(
      false,
    );
    expect(deadlineSchema.safeParse({ kind: 'date', date: '2026-02-30' }).success).toBe(false);
    expect(
      deadlineSchema.safeParse({ kind: 'range', from: '2030-01-01', to: '2026-01-01' }).success,
    ).toBe(false);
    expect(deadlineSchema.safeParse({ kind: 'someday' }).success).toBe(false);
  });
});
