import { describe, expect, it } from 'vitest';
import { disbursementText, parseAmount, slippage, sumDecimals } from './figures.js';

describe('disbursementText', () => {
  it('states the disbursed amount against the plan, exactly', () => {
    expect(
      disbursementText({ disbursed: '12.5', capitalPlanned: '40', disbursedPercent: '31.25' }),
    ).toBe('đã giải ngân 12,5 / 40 tỷ đồng (31,25%)');
    expect(
      disbursementText({ disbursed: '1234.125', capitalPlanned: '0', disbursedPercent: null }),
    ).toBe('đã giải ngân 1.234,125 tỷ đồng (chưa có kế hoạch vốn)');
    expect(disbursementText({ disbursed: '0', capitalPlanned: '0', disbursedPercent: null })).toBe(
      'chưa có kế hoạch vốn, chưa giải ngân',
    );
  });
});

describe('parseAmount', () => {
  it('reads Vietnamese and plain forms', () => {
    expect(parseAmount('12,5')).toEqual({ ok: true, value: '12.5' });
    expect(parseAmount('1.234,5')).toEqual({ ok: true, value: '1234.5' });
    expect(parseAmount('1.500')).toEqual({ ok: true, value: '1500' });
    expect(parseAmount('12.5')).toEqual({ ok: true, value: '12.5' });
    expect(parseAmount(' 40 ')).toEqual({ ok: true, value: '40' });
    expect(parseAmount('0,100')).toEqual({ ok: true, value: '0.1' });
  });
  it('refuses what is not an amount', () => {
    expect(parseAmount('').ok).toBe(false);
    expect(parseAmount('-1').ok).toBe(false);
    expect(parseAmount('1,2,3').ok).toBe(false);
    expect(parseAmount('abc').ok).toBe(false);
    expect(parseAmount('1,2345').ok).toBe(false);
  });
});

describe('slippage', () => {
  it('says late, early or on time', () => {
    expect(slippage(12)).toEqual({ text: 'chậm 12 ngày', late: true });
    expect(slippage(-3)).toEqual({ text: 'sớm 3 ngày', late: false });
    expect(slippage(0)).toEqual({ text: 'đúng hạn', late: false });
    expect(slippage(null)).toBeNull();
  });
});

describe('sumDecimals', () => {
  it('adds exactly', () => {
    expect(sumDecimals(['0.1', '0.2'])).toBe('0.3');
    expect(sumDecimals(['12.5', '0.125', '40'])).toBe('52.625');
    expect(sumDecimals([])).toBe('0');
    expect(sumDecimals(['-1.5', '1'])).toBe('-0.5');
  });
});
