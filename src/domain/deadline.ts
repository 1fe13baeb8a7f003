// The deadline of a task, as plans write it: a date, a quarter, a month, a year, a day every year,
// "thường xuyên" (continuous), a range ("giai đoạn 2026 - 2030"), or none.
import { z } from 'zod';

const isoDate = z.iso.date();
const year = z.number().int().min(1945).max(2100);

export const deadlineSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('date'), date: isoDate }),
  z.object({ kind: z.literal('quarter'), year, quarter: z.number().int().min(1).max(4) }),
  z.object({ kind: z.literal('month'), year, month: z.number().int().min(1).max(12) }),
  z.object({ kind: z.literal('year'), year }),
  z.object({
    kind: z.literal('annual'),
    day: z.number().int().min(1).max(31),
    month: z.number().int().min(1).max(12),
  }),
  z.object({ kind: z.literal('continuous') }),
  z
    .object({ kind: z.literal('range'), from: isoDate, to: isoDate })
    .refine((r) => r.from <= r.to, { message: 'from must not be after to', path: ['to'] }),
  z.object({ kind: z.literal('none') }),
]);

export type Deadline = z.infer<typeof deadlineSchema>;

const pad = (n: number) => String(n).padStart(2, '0');

function lastDayOfMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/**
 * The last day on which a one-off deadline is met (ISO date), or null for deadlines that recur
 * (annual, continuous: judged per reporting period) or have none.
 */
export function dueDate(deadline: Deadline): string | null {
  switch (deadline.kind) {
    case 'date':
      return deadline.date;
    case 'quarter': {
      const m = deadline.quarter * 3;
      return `${deadline.year}-${pad(m)}-${pad(lastDayOfMonth(deadline.year, m))}`;
    }
    case 'month':
      return `${deadline.year}-${pad(deadline.month)}-${pad(lastDayOfMonth(deadline.year, deadline.month))}`;
    case 'year':
      return `${deadline.year}-12-31`;
    case 'range':
      return deadline.to;
    case 'annual':
    case 'continuous':
    case 'none':
      return null;
  }
}
