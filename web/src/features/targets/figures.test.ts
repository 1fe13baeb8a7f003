import { describe, expect, it } from 'vitest';
import {
  actualText,
  expectedAt,
  milestoneText,
  parseValue,
  pathPoints,
  positionOf,
  withUnit,
} from './figures';

const target = {
  kind: 'count' as const,
  comparator: 'at_least' as const,
  unit: 'đô thị',
  baseline: { year: 2024, value: '12' },
  milestones: [
    { year: 2030, value: '17' },
    { year: 2027, value: '14.5' },
  ],
};

describe('target figures', () => {
  it('writes values the Vietnamese way with the unit', () => {
    expect(withUnit('1234.5', 'đô thị')).toBe('1.234,5 đô thị');
    expect(withUnit('12.5', '%')).toBe('12,5%');
    expect(withUnit(null, 'đô thị')).toBe('—');
    expect(milestoneText(target, { value: '17' })).toBe('ít nhất 17 đô thị');
    expect(
      actualText(
        { kind: 'milestone', unit: null },
        { value: null, achieved: true, assessment: null },
      ),
    ).toBe('Đã đạt');
  });

  it('follows the straight path from the baseline through the milestones, exactly', () => {
    expect(pathPoints(target).map((p) => p.year)).toEqual([2024, 2027, 2030]);
    expect(expectedAt(target, 2025)).toBe('12.83');
    expect(expectedAt(target, 2027)).toBe('14.5');
    expect(expectedAt(target, 2031)).toBe('17');
    expect(expectedAt({ ...target, baseline: null }, 2025)).toBeNull();
    // The first half of 2026 ends on 30/06/2026, about halfway from 2025 to 2026.
    expect(positionOf('2026-H1', 2026)).toBeCloseTo(2025.5, 1);
    expect(positionOf('2026', 2026)).toBe(2026);
  });

  it('reads values typed the Vietnamese way', () => {
    expect(parseValue('1.234,5')).toEqual({ ok: true, value: '1234.5' });
    expect(parseValue('12.5')).toEqual({ ok: true, value: '12.5' });
    expect(parseValue('1.500')).toEqual({ ok: true, value: '1500' });
    expect(parseValue('-0,25')).toEqual({ ok: true, value: '-0.25' });
    expect(parseValue('-0')).toEqual({ ok: true, value: '0' });
    expect(parseValue('12,5a').ok).toBe(false);
    expect(parseValue('1,1234567').ok).toBe(false);
  });
});
