import { describe, expect, it } from 'vitest';
import {
  addDays,
  formatCitedDate,
  formatDateVi,
  formatNumberVi,
  formatPlaceDate,
} from './format.js';

describe('formatPlaceDate', () => {
  it('pads days below 10 and the months 1 and 2 (Decree 30)', () => {
    expect(formatPlaceDate('Lạng Sơn', '2026-01-05')).toBe('Lạng Sơn, ngày 05 tháng 01 năm 2026');
    expect(formatPlaceDate('Lạng Sơn', '2026-02-09')).toBe('Lạng Sơn, ngày 09 tháng 02 năm 2026');
  });

  it('writes months 3 to 12 and days from 10 without a leading zero', () => {
    expect(formatPlaceDate('Lạng Sơn', '2026-03-05')).toBe('Lạng Sơn, ngày 05 tháng 3 năm 2026');
    expect(formatPlaceDate('Lạng Sơn', '2026-09-10')).toBe('Lạng Sơn, ngày 10 tháng 9 năm 2026');
    expect(formatPlaceDate('Lạng Sơn', '2026-11-24')).toBe('Lạng Sơn, ngày 24 tháng 11 năm 2026');
    expect(formatPlaceDate('Hà Nội', '2025-12-31')).toBe('Hà Nội, ngày 31 tháng 12 năm 2025');
  });

  it('gives the place in NFC whatever form it came in', () => {
    const line = formatPlaceDate('Lạng Sơn'.normalize('NFD'), '2026-01-05');
    expect(line).toBe('Lạng Sơn, ngày 05 tháng 01 năm 2026'.normalize('NFC'));
  });

  it('rejects what is not a real ISO date', () => {
    expect(() => formatPlaceDate('Lạng Sơn', '05/01/2026')).toThrow(RangeError);
    expect(() => formatPlaceDate('Lạng Sơn', '2026-02-30')).toThrow(RangeError);
    expect(() => formatPlaceDate('Lạng Sơn', '2026-13-01')).toThrow(RangeError);
  });
});

describe('formatDateVi', () => {
  it('is dd/mm/yyyy with two-digit day and month', () => {
    expect(formatDateVi('2026-01-05')).toBe('05/01/2026');
    expect(formatDateVi('2024-09-10')).toBe('10/09/2024');
    expect(formatDateVi('2025-12-31')).toBe('31/12/2025');
  });
});

describe('formatCitedDate', () => {
  it('follows the padding of the date line', () => {
    expect(formatCitedDate('2024-09-10')).toBe('10/9/2024');
    expect(formatCitedDate('2026-01-05')).toBe('05/01/2026');
    expect(formatCitedDate('2024-07-17')).toBe('17/7/2024');
  });
});

describe('addDays', () => {
  it('crosses months, years and leap days', () => {
    expect(addDays('2026-01-05', 10)).toBe('2026-01-15');
    expect(addDays('2025-12-25', 10)).toBe('2026-01-04');
    expect(addDays('2024-02-25', 10)).toBe('2024-03-06');
    expect(addDays('2025-02-25', 10)).toBe('2025-03-07');
  });
});

describe('formatNumberVi', () => {
  it('groups thousands with dots and marks decimals with a comma', () => {
    expect(formatNumberVi(7)).toBe('7');
    expect(formatNumberVi(1101)).toBe('1.101');
    expect(formatNumberVi(1234567)).toBe('1.234.567');
    expect(formatNumberVi(35.5)).toBe('35,5');
    expect(formatNumberVi(12.345, 1)).toBe('12,3');
    expect(formatNumberVi(100.0)).toBe('100');
    expect(formatNumberVi(-2500.25)).toBe('-2.500,25');
  });
});
