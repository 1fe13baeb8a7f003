import { describe, expect, it } from 'vitest';
import { indexSuccessions, responsibleOn, type Succession } from './succession.js';

const merge = (from: string, to: string, on: string): Succession => ({
  predecessorId: from,
  kind: 'merge',
  effectiveOn: on,
  successorIds: [to],
});

describe('responsibleOn', () => {
  const index = indexSuccessions([
    merge('KHDT', 'TC', '2025-03-01'),
    merge('TC-old', 'TC', '2025-03-01'),
    {
      predecessorId: 'TTTT',
      kind: 'split',
      effectiveOn: '2025-03-01',
      successorIds: ['KHCN', 'VHTTDL'],
    },
    {
      predecessorId: 'HUYEN',
      kind: 'abolish',
      effectiveOn: '2025-07-01',
      successorIds: ['XA1', 'XA2', 'XA3'],
    },
    { predecessorId: 'GONE', kind: 'abolish', effectiveOn: '2025-07-01', successorIds: [] },
    // A chain: A merged into B, which later merged into C.
    merge('A', 'B', '2024-01-01'),
    merge('B', 'C', '2025-01-01'),
    // A merge into an agency that was later split.
    merge('P', 'Q', '2024-01-01'),
    { predecessorId: 'Q', kind: 'split', effectiveOn: '2025-01-01', successorIds: ['Q1', 'Q2'] },
  ]);

  it('an agency in force is responsible itself', () => {
    expect(responsibleOn('TC', '2026-01-01', index)).toEqual({ kind: 'self', agencyId: 'TC' });
  });

  it('a merge gives one successor from its effective date', () => {
    expect(responsibleOn('KHDT', '2025-03-01', index)).toMatchObject({
      kind: 'successor',
      agencyId: 'TC',
    });
    expect(responsibleOn('KHDT', '2025-02-28', index)).toEqual({ kind: 'self', agencyId: 'KHDT' });
  });

  it('a split gives candidates to choose from', () => {
    expect(responsibleOn('TTTT', '2026-01-01', index)).toMatchObject({
      kind: 'choose',
      candidateIds: ['KHCN', 'VHTTDL'],
    });
  });

  it('an abolished district gives its communes as candidates', () => {
    expect(responsibleOn('HUYEN', '2025-07-01', index)).toMatchObject({
      kind: 'choose',
      candidateIds: ['XA1', 'XA2', 'XA3'],
    });
  });

  it('an abolition without successors leaves nobody', () => {
    expect(responsibleOn('GONE', '2026-01-01', index)).toMatchObject({ kind: 'none' });
  });

  it('follows chains of merges as of the date asked', () => {
    expect(responsibleOn('A', '2024-06-01', index)).toMatchObject({
      kind: 'successor',
      agencyId: 'B',
    });
    const later = responsibleOn('A', '2025-06-01', index);
    expect(later).toMatchObject({ kind: 'successor', agencyId: 'C' });
    expect(later.kind !== 'self' && later.via.length).toBe(2);
  });

  it('a merge into an agency later split needs a choice', () => {
    expect(responsibleOn('P', '2025-06-01', index)).toMatchObject({
      kind: 'choose',
      candidateIds: ['Q1', 'Q2'],
    });
  });

  it('stops on cycles in bad data instead of looping', () => {
    const cyclic = indexSuccessions([merge('X', 'Y', '2020-01-01'), merge('Y', 'X', '2020-01-01')]);
    expect(responsibleOn('X', '2021-01-01', cyclic).kind).not.toBe('self');
  });
});
