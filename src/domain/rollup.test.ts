import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { annualPeriod, reportedInPeriod } from './reporting-period.js';
import { rollUp } from './rollup.js';

describe('rollUp', () => {
  it('is the mean of the items, rounded, with the done count', () => {
    expect(rollUp([{ percent: 100 }, { percent: 50 }, { percent: 0 }])).toMatchObject({
      percent: 50,
      items: 3,
      done: 1,
    });
    expect(rollUp([{ percent: 33 }, { percent: 34 }])?.percent).toBe(34);
  });
  it('has nothing to say without items', () => {
    expect(rollUp([])).toBeNull();
  });
  it('stays between the smallest and largest item', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 1 }), (ps) => {
        const r = rollUp(ps.map((percent) => ({ percent })));
        expect(r?.percent).toBeGreaterThanOrEqual(Math.min(...ps));
        expect(r?.percent).toBeLessThanOrEqual(Math.max(...ps));
      }),
    );
  });
});

describe('annual reporting period', () => {
  it('uses the task’s annual date, else 31/12, with a window from 15/12 of the year before', () => {
    expect(annualPeriod({ kind: 'annual', day: 15, month: 12 }, '2026-11-24')).toEqual({
      label: 'Năm 2026',
      from: '2025-12-15',
      submissionDueOn: '2026-12-15',
    });
    expect(annualPeriod({ kind: 'continuous' }, '2026-03-01').submissionDueOn).toBe('2026-12-31');
  });
  it('counts the first report inside the window only', () => {
    const period = annualPeriod({ kind: 'continuous' }, '2026-11-24');
    expect(reportedInPeriod(period, ['2025-12-01', '2026-05-02', '2026-02-01'])).toBe('2026-02-01');
    expect(reportedInPeriod(period, ['2025-12-14'])).toBeNull();
  });
});
