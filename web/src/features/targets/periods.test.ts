import { describe, expect, it } from 'vitest';
import { firstReportableYear, reportablePeriods } from './periods';

describe('reportablePeriods', () => {
  it('offers ended years only, a year from 1 December on, newest first', () => {
    expect(reportablePeriods('annual', '2026-11-30', 2024).map((p) => p.key)).toEqual([
      '2025',
      '2024',
    ]);
    expect(reportablePeriods('annual', '2026-12-01', 2025).map((p) => p.key)).toEqual([
      '2026',
      '2025',
    ]);
  });

  it('offers the ended quarters of the frequency with the years, the year before its last quarter', () => {
    const keys = reportablePeriods('quarterly', '2026-07-02', 2025).map((p) => p.key);
    expect(keys).toEqual([
      '2026-Q2',
      '2026-Q1',
      '2025',
      '2025-Q4',
      '2025-Q3',
      '2025-Q2',
      '2025-Q1',
    ]);
  });

  it('labels periods as the server does', () => {
    const [half] = reportablePeriods('semiannual', '2026-07-01', 2026);
    expect(half).toMatchObject({
      key: '2026-H1',
      label: '6 tháng đầu năm 2026',
      end: '2026-06-30',
    });
    const [month] = reportablePeriods('monthly', '2026-03-01', 2026);
    expect(month).toMatchObject({ key: '2026-02', label: 'tháng 2/2026' });
  });
});

describe('firstReportableYear', () => {
  it('starts after the baseline, between ten and four years back', () => {
    expect(firstReportableYear(2024, 2026)).toBe(2022);
    expect(firstReportableYear(2018, 2026)).toBe(2019);
    expect(firstReportableYear(2000, 2026)).toBe(2016);
    expect(firstReportableYear(null, 2026)).toBe(2022);
  });
});
