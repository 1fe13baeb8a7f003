import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDecimal } from './format.js';

describe('formatDecimal', () => {
  it('writes decimals the Vietnamese way, exactly', () => {
    expect(formatDecimal('1234.5')).toBe('1.234,5');
    expect(formatDecimal('1234567.125', 2)).toBe('1.234.567,13');
    expect(formatDecimal('0.005', 2)).toBe('0,01');
    expect(formatDecimal('999.999', 2)).toBe('1.000');
    expect(formatDecimal('-12.000')).toBe('-12');
    expect(formatDecimal('-0.001')).toBe('0');
    expect(formatDecimal('17')).toBe('17');
    expect(formatDecimal(null)).toBe('—');
    // 0.1 + 0.2 in binary would print 0,30000000000000004 at 17 digits.
    expect(formatDecimal('0.3', 17)).toBe('0,3');
  });

  it('agrees with Intl for integers of any size', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 30n }), (n) => {
        expect(formatDecimal(n.toString())).toBe(
          new Intl.NumberFormat('vi-VN').format(n).replace(/\u00a0/g, ''),
        );
      }),
    );
  });
});
