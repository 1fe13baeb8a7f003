// A deadline in the words a Vietnamese plan uses. Kept apart from deadline.ts (which holds the
// Zod schema) so that the web client can use it without bundling a validator.
import type { Deadline } from './deadline.js';

const pad = (n: number) => String(n).padStart(2, '0');

const QUARTER_ROMAN = ['I', 'II', 'III', 'IV'] as const;

function viDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

/** The deadline in the words a Vietnamese plan uses. */
export function describeDeadline(deadline: Deadline): string {
  switch (deadline.kind) {
    case 'date':
      return `Trước ngày ${viDate(deadline.date)}`;
    case 'quarter':
      return `Quý ${QUARTER_ROMAN[deadline.quarter - 1]}/${deadline.year}`;
    case 'month':
      return `Tháng ${deadline.month}/${deadline.year}`;
    case 'year':
      return `Năm ${deadline.year}`;
    case 'annual':
      return `Trước ngày ${pad(deadline.day)}/${pad(deadline.month)} hằng năm`;
    case 'continuous':
      return 'Thường xuyên';
    case 'range':
      if (deadline.from.endsWith('-01-01') && deadline.to.endsWith('-12-31')) {
        return `Giai đoạn ${deadline.from.slice(0, 4)} – ${deadline.to.slice(0, 4)}`;
      }
      return `${viDate(deadline.from)} – ${viDate(deadline.to)}`;
    case 'none':
      return 'Không xác định';
  }
}
