import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
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
