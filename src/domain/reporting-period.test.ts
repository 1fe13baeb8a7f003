import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  currentPeriod,
  decree09Window,
  defaultAnnualPeriods,
  type PeriodRecord,
  periodHistory,
  planReportingDay,
  recurringOutcomes,
} from './reporting-period.js';

const periods: PeriodRecord[] = defaultAnnualPeriods({
  issuedOn: '2024-10-21',
  lastYearNamed: 2030,
  reportingDay: { month: 12, day: 31 },
}).map((p) => ({ ...p, id: p.label }));

describe('Decree 09/2019 windows', () => {
  it('cut data off on the 14th and start on the 15th of the month before', () => {
    expect(decree09Window('annual', 2026)).toEqual({
      windowFrom: '2025-12-15',
      windowTo: '2026-12-14',
    });
    expect(decree09Window('six_month', 2026)).toEqual({
      windowFrom: '2025-12-15',
      windowTo: '2026-06-14',
    });
    expect(decree09Window('nine_month', 2026).windowTo).toBe('2026-09-14');
    expect(decree09Window('quarterly', 2026, 1)).toEqual({
      windowFrom: '2025-12-15',
      windowTo: '2026-03-14',
    });
    expect(decree09Window('quarterly', 2026, 3)).toEqual({
      windowFrom: '2026-06-15',
      windowTo: '2026-09-14',
    });
    expect(decree09Window('monthly', 2026, 1).windowFrom).toBe('2025-12-15');
    expect(decree09Window('monthly', 2026, 7)).toEqual({
      windowFrom: '2026-06-15',
      windowTo: '2026-07-14',
    });
  });
});

describe('a plan’s default periods', () => {
  it('run yearly from its year to the last year it names, due on its own reporting day', () => {
    expect(periods.map((p) => p.label)).toEqual([
      'Năm 2024',
      'Năm 2025',
      'Năm 2026',
      'Năm 2027',
      'Năm 2028',
      'Năm 2029',
      'Năm 2030',
    ]);
    expect(periods[2]).toMatchObject({
      windowFrom: '2025-12-15',
      windowTo: '2026-12-14',
      submissionDueOn: '2026-12-31',
    });
  });
  it('start the next year for a plan issued after the year’s window closed, and last 5 years at least', () => {
    const late = defaultAnnualPeriods({
      issuedOn: '2025-12-20',
      lastYearNamed: null,
      reportingDay: { month: 12, day: 20 },
    });
    expect(late.map((p) => p.label)).toEqual([
      'Năm 2026',
      'Năm 2027',
      'Năm 2028',
      'Năm 2029',
      'Năm 2030',
    ]);
    expect(late[0]?.submissionDueOn).toBe('2026-12-20');
  });
  it('take the reporting day the plan’s yearly reporting tasks give, else 31/12', () => {
    const report = (day: number, month: number, title: string) => ({
      title,
      deadline: { kind: 'annual' as const, day, month },
    });
    expect(
      planReportingDay([
        report(31, 12, 'Các sở báo cáo kết quả thực hiện về Sở Tài chính'),
        report(15, 6, 'Tổ chức hội nghị sơ kết'),
        { title: 'Báo cáo', deadline: { kind: 'continuous' as const } },
      ]),
    ).toEqual({ month: 12, day: 31 });
    expect(planReportingDay([report(20, 11, 'Báo cáo UBND tỉnh')])).toEqual({
      month: 11,
      day: 20,
    });
    expect(planReportingDay([])).toEqual({ month: 12, day: 31 });
  });
});

describe('recurring work judged per period', () => {
  const continuous = { kind: 'continuous' as const };
  it('judges late December in this year’s period, and 1 January in the next', () => {
    expect(currentPeriod(periods, '2026-12-20')?.label).toBe('Năm 2026');
    expect(currentPeriod(periods, '2026-12-31')?.label).toBe('Năm 2026');
    expect(currentPeriod(periods, '2027-01-01')?.label).toBe('Năm 2027');
    expect(currentPeriod(periods, '2023-12-14')).toBeNull();
    expect(currentPeriod(periods, '2024-01-01')?.label).toBe('Năm 2024');
    expect(currentPeriod(periods, '2035-06-01')?.label).toBe('Năm 2030');
  });
  it('counts a report of 20/12/2026 for 2026, not 2027, and keeps 2026 missing without one', () => {
    const outcomes = recurringOutcomes(continuous, periods, ['2026-12-20']);
    expect([...outcomes.values()]).toEqual([
      { periodId: 'Năm 2026', reportedOn: '2026-12-20', onTime: true },
    ]);
    const history = periodHistory(continuous, periods, new Map(), '2027-01-01');
    expect(history.find((h) => h.period.label === 'Năm 2026')?.outcome).toBe('missing');
    expect(history.find((h) => h.period.label === 'Năm 2027')?.outcome).toBe('pending');
  });
  it('judges an annual task against its own day: a report after it is late, before it overdue', () => {
    const midYear = { kind: 'annual' as const, day: 30, month: 6 };
    const outcomes = recurringOutcomes(midYear, periods, ['2026-09-10']);
    expect(outcomes.get('Năm 2026')).toEqual({
      periodId: 'Năm 2026',
      reportedOn: '2026-09-10',
      onTime: false,
    });
    const none = periodHistory(midYear, periods, new Map(), '2026-08-01');
    expect(none.find((h) => h.period.label === 'Năm 2026')?.outcome).toBe('overdue');
  });
  it('gives the same outcomes whatever order the reports came in, and each period at most one', () => {
    const day = fc
      .integer({ min: 0, max: 365 * 7 })
      .map((n) => new Date(Date.UTC(2023, 11, 1) + n * 86_400_000).toISOString().slice(0, 10));
    fc.assert(
      fc.property(fc.array(day, { maxLength: 8 }), (days) => {
        const a = recurringOutcomes(continuous, periods, days);
        const b = recurringOutcomes(continuous, periods, [...days].reverse());
        expect([...a.entries()].sort()).toEqual([...b.entries()].sort());
        for (const o of a.values()) {
          const p = periods.find((x) => x.id === o.periodId);
          expect(p && o.reportedOn >= p.windowFrom).toBe(true);
          expect(days).toContain(o.reportedOn);
        }
      }),
    );
  });
});
