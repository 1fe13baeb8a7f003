import Decimal from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  clearancePercent,
  daysBetween,
  milestoneSlippage,
  monthlyCumulative,
  nextMilestone,
  percentOf,
  plainDecimal,
  sumAmounts,
  yearPlanTotal,
} from './project-progress.js';

/** A non-negative amount of billion đồng with up to three decimals, as the API takes it. */
const amount = fc
  .tuple(fc.bigInt({ min: 0n, max: 10n ** 12n }), fc.integer({ min: 0, max: 999 }))
  .map(([whole, thousandths]) => `${whole}.${String(thousandths).padStart(3, '0')}`);

const isoDate = fc
  .date({
    min: new Date('2000-01-01T00:00:00Z'),
    max: new Date('2100-12-31T00:00:00Z'),
    noInvalidDate: true,
  })
  .map((d) => d.toISOString().slice(0, 10));

describe('amounts', () => {
  it('adds exactly, without binary floating point', () => {
    expect(sumAmounts(['0.1', '0.2'])).toBe('0.3');
    expect(sumAmounts([])).toBe('0');
    expect(plainDecimal('12.500')).toBe('12.5');
    expect(plainDecimal('1e-7')).toBe('0.0000001');
  });
  it('totals a year’s capital plan over its sources', () => {
    const plans = [
      { year: 2026, amount: '100.5' },
      { year: 2026, amount: '200.25' },
      { year: 2027, amount: '999' },
    ];
    expect(yearPlanTotal(plans, 2026)).toBe('300.75');
    expect(yearPlanTotal(plans, 2025)).toBe('0');
  });
});

describe('percentages', () => {
  it('rounds half up to two decimals', () => {
    expect(percentOf('1', '3')).toBe('33.33');
    expect(percentOf('2', '3')).toBe('66.67');
    expect(percentOf('150', '300')).toBe('50');
  });
  it('never divides by zero: nothing planned has no share', () => {
    fc.assert(
      fc.property(amount, (part) => {
        expect(percentOf(part, '0')).toBeNull();
        expect(percentOf(part, '0.000')).toBeNull();
        expect(
          monthlyCumulative([{ month: 1, amount: part }], '0')[0]?.percentOfYearPlan,
        ).toBeNull();
      }),
    );
    expect(clearancePercent('5', '0')).toBeNull();
    expect(clearancePercent(null, '10')).toBeNull();
    expect(clearancePercent('2.5', '10')).toBe('25');
  });
  it('is 100 for the whole of any positive plan', () => {
    fc.assert(
      fc.property(amount, (whole) => {
        fc.pre(new Decimal(whole).gt(0));
        expect(percentOf(whole, whole)).toBe('100');
      }),
    );
  });
});

describe('monthly cumulative', () => {
  it('runs the year’s months in order with their share of the plan', () => {
    expect(
      monthlyCumulative(
        [
          { month: 3, amount: '30' },
          { month: 1, amount: '10.5' },
        ],
        '200',
      ),
    ).toEqual([
      { month: 1, amount: '10.5', cumulative: '10.5', percentOfYearPlan: '5.25' },
      { month: 3, amount: '30', cumulative: '40.5', percentOfYearPlan: '20.25' },
    ]);
  });
  it('never decreases for months of non-negative amounts, and ends at their sum', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: 12 }), { maxLength: 12 }),
        fc.array(amount, { minLength: 12, maxLength: 12 }),
        amount,
        (months, amounts, plan) => {
          const rows = monthlyCumulative(
            months.map((month, i) => ({ month, amount: amounts[i] as string })),
            plan,
          );
          for (let i = 1; i < rows.length; i++) {
            const prev = rows[i - 1];
            const cur = rows[i];
            if (!prev || !cur) throw new Error('missing row');
            expect(cur.month).toBeGreaterThan(prev.month);
            expect(new Decimal(cur.cumulative).gte(prev.cumulative)).toBe(true);
            if (prev.percentOfYearPlan !== null && cur.percentOfYearPlan !== null)
              expect(new Decimal(cur.percentOfYearPlan).gte(prev.percentOfYearPlan)).toBe(true);
          }
          const last = rows.at(-1);
          if (last)
            expect(last.cumulative).toBe(sumAmounts(months.map((_, i) => amounts[i] as string)));
        },
      ),
    );
  });
});

describe('milestones', () => {
  it('counts calendar days, across months and leap years', () => {
    expect(daysBetween('2026-02-28', '2026-03-01')).toBe(1);
    expect(daysBetween('2028-02-28', '2028-03-01')).toBe(2);
    expect(daysBetween('2026-03-10', '2026-03-01')).toBe(-9);
  });
  it('slips by actual − planned once reached, by today − planned while overdue', () => {
    expect(
      milestoneSlippage({ plannedOn: '2026-03-01', actualOn: '2026-03-16' }, '2026-12-01'),
    ).toBe(15);
    expect(
      milestoneSlippage({ plannedOn: '2026-03-01', actualOn: '2026-02-20' }, '2026-12-01'),
    ).toBe(-9);
    expect(milestoneSlippage({ plannedOn: '2026-03-01', actualOn: null }, '2026-03-11')).toBe(10);
    expect(milestoneSlippage({ plannedOn: '2026-03-01', actualOn: null }, '2026-03-01')).toBeNull();
    expect(milestoneSlippage({ plannedOn: null, actualOn: '2026-03-01' }, '2026-03-11')).toBeNull();
  });
  it('does not slip when reached on its planned day, whatever today is', () => {
    fc.assert(
      fc.property(isoDate, isoDate, (day, today) => {
        expect(milestoneSlippage({ plannedOn: day, actualOn: day }, today)).toBe(0);
      }),
    );
  });
  it('names the first milestone not reached, by planned date, with how late it is', () => {
    const ms = [
      { kind: 'investment_policy', plannedOn: '2025-01-10', actualOn: '2025-01-20' },
      { kind: 'completion', plannedOn: '2027-12-31', actualOn: null },
      { kind: 'settlement', plannedOn: null, actualOn: null },
      { kind: 'groundbreaking', plannedOn: '2026-03-01', actualOn: null },
    ];
    expect(nextMilestone(ms, '2026-03-11')).toEqual({
      kind: 'groundbreaking',
      plannedOn: '2026-03-01',
      slippageDays: 10,
    });
    expect(nextMilestone(ms, '2026-02-01')?.slippageDays).toBe(0);
    expect(nextMilestone(ms.slice(0, 1), '2026-02-01')).toBeNull();
    expect(nextMilestone(ms.slice(2, 3), '2026-02-01')).toEqual({
      kind: 'settlement',
      plannedOn: null,
      slippageDays: 0,
    });
  });
});
