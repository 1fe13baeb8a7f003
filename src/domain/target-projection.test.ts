// The projection rule of a target: the straight path, the three states around it, milestones and
// qualitative targets, nothing invented without data or a baseline; property tests: an actual on
// the path is on track, a better actual is never judged worse, exact decimals.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  expectedOnPath,
  formatVietnameseNumber,
  projectTarget,
  type TargetFacts,
} from './target-projection.js';

const urbanAreas: TargetFacts = {
  kind: 'count',
  comparator: 'at_least',
  unit: 'đô thị',
  baseline: { year: 2024, value: '12' },
  milestones: [{ year: 2030, value: '17' }],
  actuals: [],
};

describe('projectTarget for quantities', () => {
  it('says "no data" without an actual and projects nothing without a baseline', () => {
    expect(projectTarget(urbanAreas, 2026)).toMatchObject({
      state: 'no_data',
      expected: null,
      actual: null,
    });
    const noBaseline = projectTarget(
      { ...urbanAreas, baseline: null, actuals: [{ year: 2026, value: '13' }] },
      2026,
    );
    expect(noBaseline.state).toBe('no_baseline');
    expect(noBaseline.expected).toBeNull();
    expect(noBaseline.rule).toContain('Chưa có giá trị gốc');
  });

  it('compares the latest actual with the straight path and says so with the figures', () => {
    // 12 in 2024 → 17 in 2030: 2027 expects 14,5.
    const on = projectTarget({ ...urbanAreas, actuals: [{ year: 2027, value: '15' }] }, 2027);
    expect(on).toMatchObject({ state: 'on_track', year: 2027, expected: '14.5', actual: '15' });
    expect(on.rule).toBe(
      'Lộ trình thẳng từ giá trị gốc 12 đô thị (năm 2024) đến 17 đô thị (năm 2030): năm 2027 cần ít nhất 14,5 đô thị; thực tế 15 đô thị, đúng tiến độ.',
    );
    // 2,5 expected so far; 2 made (80 %) is at risk, 1 (40 %) is off track.
    expect(
      projectTarget({ ...urbanAreas, actuals: [{ year: 2027, value: '14' }] }, 2027).state,
    ).toBe('at_risk');
    const off = projectTarget(
      {
        ...urbanAreas,
        actuals: [
          { year: 2027, value: '13' },
          { year: 2025, value: '16' },
        ],
      },
      2027,
    );
    expect(off.state).toBe('off_track');
    expect(off.rule).toContain('chậm so với lộ trình');
  });

  it('follows several milestones and targets that must fall', () => {
    const share = {
      kind: 'percentage',
      comparator: 'at_least',
      unit: '%',
      baseline: { year: 2025, value: '10' },
      milestones: [
        { year: 2030, value: '20' },
        { year: 2027, value: '12.5' },
      ],
      actuals: [{ year: 2029, value: '15' }],
    } as const satisfies TargetFacts;
    // 12,5 in 2027 → 20 in 2030: 2029 expects 17,5.
    const p = projectTarget(share, 2029);
    expect(p.expected).toBe('17.5');
    expect(p.state).toBe('off_track');
    expect(p.rule).toContain('12,5% (năm 2027), 20% (năm 2030)');

    const poverty: TargetFacts = {
      kind: 'percentage',
      comparator: 'at_most',
      unit: '%',
      baseline: { year: 2025, value: '8' },
      milestones: [{ year: 2030, value: '3' }],
      actuals: [{ year: 2027, value: '5.9' }],
    };
    // 8 → 3: 2027 expects at most 6.
    expect(projectTarget(poverty, 2027)).toMatchObject({ state: 'on_track', expected: '6' });
    expect(projectTarget({ ...poverty, actuals: [{ year: 2027, value: '7' }] }, 2027).state).toBe(
      'off_track',
    );
  });

  it('lets an "about" target be off its path by the margin', () => {
    const about: TargetFacts = {
      ...urbanAreas,
      comparator: 'about',
      baseline: { year: 2025, value: '100' },
      milestones: [{ year: 2030, value: '200' }],
      actuals: [{ year: 2030, value: '191' }],
    };
    expect(projectTarget(about, 2030).state).toBe('on_track');
    expect(projectTarget({ ...about, comparator: 'at_least' }, 2030).state).toBe('at_risk');
  });
});

describe('projectTarget for milestones and qualitative targets', () => {
  const expressway: TargetFacts = {
    kind: 'milestone',
    comparator: 'exactly',
    unit: null,
    baseline: null,
    milestones: [{ year: 2026, value: null }],
    actuals: [],
  };
  it('is due until its year, overdue after, done once achieved', () => {
    expect(projectTarget(expressway, 2026).state).toBe('due');
    expect(projectTarget(expressway, 2027).state).toBe('overdue');
    expect(
      projectTarget({ ...expressway, actuals: [{ year: 2027, achieved: true }] }, 2028).state,
    ).toBe('done');
    expect(projectTarget({ ...expressway, milestones: [] }, 2026).state).toBe('no_milestone');
  });

  it('takes the agency’s latest assessment of a qualitative target', () => {
    const leading: TargetFacts = {
      kind: 'qualitative',
      comparator: 'exactly',
      unit: null,
      baseline: null,
      milestones: [{ year: 2030, value: null }],
      actuals: [
        { year: 2026, assessment: 'on_track' },
        { year: 2027, assessment: 'at_risk' },
      ],
    };
    expect(projectTarget(leading, 2027)).toMatchObject({ state: 'at_risk', year: 2027 });
    expect(projectTarget({ ...leading, actuals: [] }, 2027).state).toBe('no_data');
  });
});

describe('properties', () => {
  const decimal = fc.integer({ min: -1_000_000, max: 1_000_000 }).map((n) => (n / 100).toFixed(2));
  const quantity = fc.record({
    baseYear: fc.integer({ min: 2015, max: 2025 }),
    base: decimal,
    span: fc.integer({ min: 1, max: 15 }),
    target: decimal,
    at: fc.integer({ min: 0, max: 20 }),
    comparator: fc.constantFrom(
      'at_least' as const,
      'at_most' as const,
      'exactly' as const,
      'about' as const,
    ),
  });
  type Quantity = {
    baseYear: number;
    base: string;
    span: number;
    target: string;
    at: number;
    comparator: 'at_least' | 'at_most' | 'exactly' | 'about';
  };
  const factsOf = (q: Quantity, actual: string): TargetFacts => ({
    kind: 'number',
    comparator: q.comparator,
    unit: null,
    baseline: { year: q.baseYear, value: q.base },
    milestones: [{ year: q.baseYear + q.span, value: q.target }],
    actuals: [{ year: q.baseYear + q.at, value: actual }],
  });

  it('judges an actual exactly on the path on track', () => {
    fc.assert(
      fc.property(quantity, (q) => {
        const year = q.baseYear + q.at;
        const onPath = expectedOnPath(
          { year: q.baseYear, value: q.base },
          [{ year: q.baseYear + q.span, value: q.target }],
          year,
        );
        const p = projectTarget(factsOf(q, onPath.toFixed()), year);
        expect(p.state).toBe('on_track');
      }),
    );
  });

  it('never judges a better actual worse', () => {
    const rank = { on_track: 0, at_risk: 1, off_track: 2 } as Record<string, number>;
    fc.assert(
      fc.property(quantity, decimal, decimal, (q, a, b) => {
        const rising =
          q.comparator === 'at_least' ||
          (q.comparator !== 'at_most' && Number(q.target) >= Number(q.base));
        const [worse, better] = Number(a) <= Number(b) === rising ? [a, b] : [b, a];
        const year = q.baseYear + q.at;
        const pw = projectTarget(factsOf(q, worse), year);
        const pb = projectTarget(factsOf(q, better), year);
        expect(rank[pb.state]).toBeLessThanOrEqual(rank[pw.state] as number);
      }),
    );
  });

  it('interpolates in exact decimals: the path at a milestone is the milestone', () => {
    fc.assert(
      fc.property(quantity, (q) => {
        const end = expectedOnPath(
          { year: q.baseYear, value: q.base },
          [{ year: q.baseYear + q.span, value: q.target }],
          q.baseYear + q.span,
        );
        expect(end.toFixed(2)).toBe(q.target);
      }),
    );
  });
});

describe('formatVietnameseNumber', () => {
  it('groups thousands with dots and writes decimals with a comma', () => {
    expect(formatVietnameseNumber('1234.5')).toBe('1.234,5');
    expect(formatVietnameseNumber('1234567')).toBe('1.234.567');
    expect(formatVietnameseNumber('-0.125', 2)).toBe('-0,13');
    expect(formatVietnameseNumber('12.50')).toBe('12,5');
    expect(formatVietnameseNumber('0')).toBe('0');
  });
});
