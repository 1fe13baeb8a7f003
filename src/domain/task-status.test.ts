import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Deadline } from './deadline.js';
import {
  annualDueOn,
  completionRate,
  effectiveDueOn,
  overdueAge,
  taskStatus,
} from './task-status.js';

const june30: Deadline = { kind: 'date', date: '2026-06-30' };

describe('taskStatus (one-off deadlines)', () => {
  it.each([
    [{ completedOn: '2026-06-30' }, '2026-07-10', 'done_on_time'],
    [{ completedOn: '2026-07-01' }, '2026-07-10', 'done_late'],
    [{ started: true }, '2026-06-30', 'in_progress'],
    [{}, '2026-06-01', 'not_started'],
    [{ started: true }, '2026-07-01', 'overdue'],
    [{}, '2026-07-01', 'overdue'],
  ] as const)('%j on %s is %s', (facts, asOf, state) => {
    expect(taskStatus({ deadline: june30, ...facts }, asOf).state).toBe(state);
  });

  it('ages overdue tasks in the 30/60/120-day buckets', () => {
    expect(taskStatus({ deadline: june30 }, '2026-07-30')).toMatchObject({
      overdueDays: 30,
      age: 'under_30',
    });
    expect(taskStatus({ deadline: june30 }, '2026-07-31')).toMatchObject({
      overdueDays: 31,
      age: 'over_30',
    });
    expect(taskStatus({ deadline: june30 }, '2026-08-30')).toMatchObject({ age: 'over_60' });
    expect(taskStatus({ deadline: june30 }, '2026-10-29')).toMatchObject({
      overdueDays: 121,
      age: 'over_120',
    });
    expect([overdueAge(0), overdueAge(61), overdueAge(120)]).toEqual([
      'under_30',
      'over_60',
      'over_60',
    ]);
  });

  it('an approved extension moves the due date; the latest approval wins', () => {
    const extensions = [
      { approvedOn: '2026-06-20', newDueOn: '2026-09-30' },
      { approvedOn: '2026-06-25', newDueOn: '2026-08-31' },
    ];
    expect(effectiveDueOn(june30, extensions)).toBe('2026-08-31');
    expect(taskStatus({ deadline: june30, extensions, started: true }, '2026-07-15')).toMatchObject(
      { state: 'in_progress', dueOn: '2026-08-31' },
    );
    expect(
      taskStatus({ deadline: june30, extensions, completedOn: '2026-08-20' }, '2026-09-01').state,
    ).toBe('done_on_time');
  });

  it('quarters, months, years and ranges are due on their last day', () => {
    expect(
      taskStatus({ deadline: { kind: 'quarter', year: 2026, quarter: 2 } }, '2026-07-01'),
    ).toMatchObject({ state: 'overdue', dueOn: '2026-06-30' });
    expect(taskStatus({ deadline: { kind: 'year', year: 2026 } }, '2026-12-31').state).toBe(
      'not_started',
    );
    expect(
      taskStatus(
        { deadline: { kind: 'range', from: '2026-01-01', to: '2030-12-31' }, started: true },
        '2028-01-01',
      ).state,
    ).toBe('in_progress');
  });

  it('a task with no deadline is never overdue', () => {
    expect(taskStatus({ deadline: { kind: 'none' } }, '2099-01-01').state).toBe('not_started');
    expect(
      taskStatus({ deadline: { kind: 'none' }, completedOn: '2026-01-01' }, '2099-01-01').state,
    ).toBe('done_on_time');
  });
});

describe('taskStatus (recurring work, per reporting period)', () => {
  const continuous: Deadline = { kind: 'continuous' };
  const period = { submissionDueOn: '2026-12-31' };

  it('is judged by the period report against the submission deadline', () => {
    expect(
      taskStatus({ deadline: continuous }, '2026-12-20', { ...period, reportedOn: '2026-12-20' })
        .state,
    ).toBe('done_on_time');
    expect(
      taskStatus({ deadline: continuous }, '2027-01-05', { ...period, reportedOn: '2027-01-03' })
        .state,
    ).toBe('done_late');
    expect(taskStatus({ deadline: continuous }, '2027-01-05', period)).toMatchObject({
      state: 'overdue',
      overdueDays: 5,
    });
    expect(taskStatus({ deadline: continuous, started: true }, '2026-11-24', period).state).toBe(
      'in_progress',
    );
  });

  it('without a period it is never overdue, and never done', () => {
    expect(
      taskStatus({ deadline: continuous, completedOn: '2026-01-01' }, '2030-01-01').state,
    ).toBe('not_started');
    expect(
      taskStatus({ deadline: { kind: 'annual', day: 31, month: 12 }, started: true }, '2030-01-01')
        .state,
    ).toBe('in_progress');
  });

  it('places an annual deadline in a year, clamping 29/2 and 31 to the month', () => {
    expect(annualDueOn({ kind: 'annual', day: 31, month: 12 }, 2026)).toBe('2026-12-31');
    expect(annualDueOn({ kind: 'annual', day: 29, month: 2 }, 2027)).toBe('2027-02-28');
    expect(annualDueOn({ kind: 'annual', day: 31, month: 4 }, 2026)).toBe('2026-04-30');
  });
});

describe('completionRate', () => {
  it('is done ÷ (done + overdue), ignoring work still within its deadline', () => {
    expect(
      completionRate(['done_on_time', 'done_late', 'overdue', 'in_progress', 'not_started']),
    ).toBeCloseTo(2 / 3);
    expect(completionRate(['in_progress', 'not_started'])).toBeNull();
  });

  it('exactly one state for any facts, and done only with a completion (property)', () => {
    const isoDay = fc
      .integer({ min: 0, max: 3650 })
      .map((n) => new Date(Date.UTC(2024, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));
    fc.assert(
      fc.property(
        isoDay,
        isoDay,
        fc.option(isoDay, { nil: null }),
        fc.boolean(),
        (due, asOf, completedOn, started) => {
          const s = taskStatus(
            { deadline: { kind: 'date', date: due }, completedOn, started },
            asOf,
          );
          expect(['done_on_time', 'done_late', 'in_progress', 'overdue', 'not_started']).toContain(
            s.state,
          );
          expect(s.state.startsWith('done')).toBe(completedOn !== null);
          if (s.state === 'overdue') expect(s.overdueDays).toBeGreaterThan(0);
        },
      ),
    );
  });
});
