import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseTargetPeriod, pathPosition, periodAllowed } from './target-period.js';

describe('target periods', () => {
  it('reads the four forms with their last day and label', () => {
    expect(parseTargetPeriod('2026')).toEqual({
      key: '2026',
      year: 2026,
      end: '2026-12-31',
      label: 'năm 2026',
    });
    expect(parseTargetPeriod('2026-H1')?.end).toBe('2026-06-30');
    expect(parseTargetPeriod('2026-Q3')).toMatchObject({
      end: '2026-09-30',
      label: 'quý III/2026',
    });
    expect(parseTargetPeriod('2028-02')).toMatchObject({
      end: '2028-02-29',
      label: 'tháng 2/2028',
    });
    for (const bad of ['2026-13', '2026-Q5', '2026-H3', '26', '2026-1', '1900', ' 2026'])
      expect(parseTargetPeriod(bad)).toBeNull();
  });

  it('allows the year and the finer periods of the frequency, once they have ended', () => {
    const today = '2026-07-15';
    expect(periodAllowed('2025', 'annual', today).ok).toBe(true);
    expect(periodAllowed('2026', 'annual', today)).toEqual({ ok: false, code: 'period_not_ended' });
    expect(periodAllowed('2026', 'annual', '2026-12-01').ok).toBe(true);
    expect(periodAllowed('2026-Q2', 'annual', today)).toEqual({
      ok: false,
      code: 'period_frequency',
    });
    expect(periodAllowed('2026-Q2', 'quarterly', today).ok).toBe(true);
    expect(periodAllowed('2026-Q3', 'quarterly', today).code).toBe('period_not_ended');
    expect(periodAllowed('2026-06', 'monthly', today).ok).toBe(true);
    expect(periodAllowed('x', 'monthly', today).code).toBe('period_invalid');
  });

  it('places a year at its end and a period within its year, in order', () => {
    expect(pathPosition(parseTargetPeriod('2026') as never)).toBe(2026);
    fc.assert(
      fc.property(fc.integer({ min: 1990, max: 2090 }), fc.integer({ min: 1, max: 11 }), (y, m) => {
        const a = pathPosition(parseTargetPeriod(`${y}-${String(m).padStart(2, '0')}`) as never);
        const b = pathPosition(
          parseTargetPeriod(`${y}-${String(m + 1).padStart(2, '0')}`) as never,
        );
        expect(a).toBeGreaterThan(y - 1);
        expect(a).toBeLessThan(b);
        expect(b).toBeLessThanOrEqual(y);
      }),
    );
  });
});
