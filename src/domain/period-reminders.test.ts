import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  daysBetween,
  dueSteps,
  isEscalated,
  isWorkingDay,
  REMINDER_HORIZON_DAYS,
  reminderDays,
  workingDaysAfter,
} from './period-reminders.js';

const addDays = (iso: string, n: number) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

describe('working days', () => {
  it('knows the weekend', () => {
    expect(isWorkingDay('2026-12-04')).toBe(true); // Friday
    expect(isWorkingDay('2026-12-05')).toBe(false); // Saturday
    expect(isWorkingDay('2026-12-06')).toBe(false); // Sunday
    expect(isWorkingDay('2026-12-07')).toBe(true); // Monday
    expect(isWorkingDay('2026-12-07', new Set(['2026-12-07']))).toBe(false);
  });

  it('counts working days after a Friday deadline across the weekend', () => {
    // Due Friday 04/12/2026: Monday 07 is the first working day late, Friday 11 the fifth.
    expect(workingDaysAfter('2026-12-04', '2026-12-04')).toBe(0);
    expect(workingDaysAfter('2026-12-04', '2026-12-06')).toBe(0);
    expect(workingDaysAfter('2026-12-04', '2026-12-07')).toBe(1);
    expect(workingDaysAfter('2026-12-04', '2026-12-10')).toBe(4);
    expect(workingDaysAfter('2026-12-04', '2026-12-11')).toBe(5);
    expect(workingDaysAfter('2026-12-04', '2026-12-01')).toBe(0);
    expect(
      workingDaysAfter('2026-12-04', '2026-12-11', new Set(['2026-12-08', '2026-12-12'])),
    ).toBe(4);
  });

  it('agrees with counting day by day', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 20_000 }),
        fc.integer({ min: -10, max: 400 }),
        fc.uniqueArray(fc.integer({ min: -5, max: 60 }), { maxLength: 6 }),
        (start, span, offs) => {
          const after = addDays('2000-01-01', start);
          const upTo = addDays(after, span);
          const daysOff = new Set(offs.map((o) => addDays(after, o)));
          let naive = 0;
          for (let d = 1; d <= span; d++) if (isWorkingDay(addDays(after, d), daysOff)) naive += 1;
          expect(workingDaysAfter(after, upTo, daysOff)).toBe(naive);
        },
      ),
    );
  });

  it('refuses what is not a date', () => {
    expect(() => daysBetween('2026-02-30', '2026-03-01')).toThrow(RangeError);
    expect(() => workingDaysAfter('31/12/2026', '2027-01-05')).toThrow(RangeError);
  });
});

describe('reminder steps', () => {
  const period = { submissionDueOn: '2026-12-31', reminderDaysBefore: [7, 2] };
  const on = (left: number) => dueSteps(period, addDays('2026-12-31', -left));

  it('reminds 7 then 2 days before, the nearer one only once both are due', () => {
    expect(on(10)).toEqual([]);
    expect(on(8)).toEqual([]);
    expect(on(7)).toEqual(['before:7']);
    expect(on(3)).toEqual(['before:7']);
    expect(on(2)).toEqual(['before:2']);
    expect(on(0)).toEqual(['before:2']);
  });

  it('reminds after the deadline and escalates after 5 working days', () => {
    // 31/12/2026 is a Thursday: 01/01 (Fri), 04–07/01 (Mon–Thu) are the first five working days.
    expect(on(-1)).toEqual(['after']);
    expect(on(-6)).toEqual(['after']); // Wednesday 06/01: 4 working days
    expect(on(-7)).toEqual(['after', 'escalation']); // Thursday 07/01: 5
    expect(isEscalated('2026-12-31', '2027-01-06')).toBe(false);
    expect(isEscalated('2026-12-31', '2027-01-07')).toBe(true);
  });

  it('sends nothing new long after the deadline', () => {
    expect(on(-REMINDER_HORIZON_DAYS)).toEqual(['after', 'escalation']);
    expect(on(-REMINDER_HORIZON_DAYS - 1)).toEqual([]);
  });

  it('uses the period’s own days, the default when none, and ignores nonsense', () => {
    expect(
      dueSteps({ submissionDueOn: '2026-12-31', reminderDaysBefore: [14] }, '2026-12-20'),
    ).toEqual(['before:14']);
    expect(dueSteps({ submissionDueOn: '2026-12-31' }, '2026-12-29')).toEqual(['before:2']);
    expect(reminderDays([2, 7, 7, -1, 1.5, 1000])).toEqual([7, 2]);
    expect(reminderDays([])).toEqual([]);
    expect(
      dueSteps({ submissionDueOn: '2026-12-31', reminderDaysBefore: [] }, '2026-12-30'),
    ).toEqual([]);
  });
});
