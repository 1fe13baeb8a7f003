// Words for proposed adjustments: kinds, states, and what a proposal changes (from → to).
import { describeDeadline } from '@domain/deadline-text';
import type { AdjustmentKind, Proposal, ProposalState } from '@features/adjustments/schema';
import { formatDecimal } from '../../app/format';

export const KIND_LABELS: Record<AdjustmentKind, string> = {
  deadline: 'Thay đổi thời hạn',
  lead: 'Thay đổi cơ quan chủ trì',
  content: 'Thay đổi nội dung',
  drop_task: 'Bỏ nhiệm vụ',
  add_task: 'Bổ sung nhiệm vụ',
  target: 'Thay đổi chỉ tiêu',
};

export const STATE_LABELS: Record<ProposalState, string> = {
  proposed: 'Chờ tổng hợp',
  submitted: 'Đã trình lãnh đạo',
  accepted: 'Được chấp thuận',
  rejected: 'Không chấp thuận',
  withdrawn: 'Đã rút',
};

export const STATE_COLORS: Record<ProposalState, string> = {
  proposed: 'gold',
  submitted: 'blue',
  accepted: 'green',
  rejected: 'red',
  withdrawn: 'default',
};

export const BATCH_STATE_LABELS = {
  draft: 'Đang lập',
  submitted: 'Đã trình, chờ quyết định',
  decided: 'Đã quyết định',
} as const;

export const stateOptions = (Object.keys(STATE_LABELS) as ProposalState[]).map((s) => ({
  value: s,
  label: STATE_LABELS[s],
}));

/** What the proposal is about: the task or target, by name (a dropped task by its former title). */
export function subjectOf(p: Proposal): string {
  if (p.change.kind === 'add_task') return p.change.title;
  if (p.target) return p.target.indicator;
  if (p.task) return p.task.title;
  return p.current?.title ?? p.current?.indicator ?? '';
}

const targetValue = (value: string | null | undefined, unit: string | null | undefined) =>
  value === null || value === undefined
    ? 'không có giá trị'
    : `${formatDecimal(value, 6)}${unit ? ` ${unit}` : ''}`;

/** The change in words: the values when proposed and the values proposed. */
export function changeLines(p: Proposal): { from: string | null; to: string } {
  const c = p.change;
  const now = p.current;
  switch (c.kind) {
    case 'deadline':
      return {
        from: now?.deadline ? describeDeadline(now.deadline) : null,
        to: describeDeadline(c.deadline),
      };
    case 'lead':
      return { from: now?.lead?.name ?? 'Chưa có cơ quan chủ trì', to: c.lead.name };
    case 'content':
      return {
        from: [c.title ? now?.title : null, c.body ? (now?.body ?? '(không có)') : null]
          .filter(Boolean)
          .join(' — '),
        to: [c.title, c.body].filter(Boolean).join(' — '),
      };
    case 'drop_task':
      return { from: now?.title ?? null, to: 'Bỏ nhiệm vụ khỏi kế hoạch' };
    case 'add_task':
      return {
        from: null,
        to: `${c.title} — chủ trì: ${c.lead.name}; thời hạn: ${describeDeadline(c.deadline)}; thuộc: ${
          c.node.label ? `${c.node.label}. ` : ''
        }${c.node.title}`,
      };
    case 'target':
      return {
        from: `${targetValue(now?.value, now?.unit)} vào năm ${now?.year ?? '—'}`,
        to: `${targetValue(c.value, now?.unit)} vào năm ${c.year}`,
      };
  }
}

export const planName = (plan: { number: string | null; title: string | null }) =>
  plan.number ?? plan.title ?? 'Kế hoạch chưa có số';

const MESSAGES: Record<string, string> = {
  plan_has_live_work:
    'Nhiệm vụ đã có tiến độ, gia hạn hoặc phân công: không thể bỏ khỏi kế hoạch. Hãy từ chối đề xuất hoặc đề xuất thay đổi khác.',
  not_withdrawable: 'Đề xuất đã được tổng hợp trình lãnh đạo: không thể rút.',
  batch_submitted: 'Đợt trình đã được gửi lãnh đạo: không thể sửa.',
  opinion_required: 'Cần nhập ý kiến của cơ quan tổng hợp trước khi trình.',
  batch_empty: 'Đợt trình chưa có đề xuất nào.',
  not_available: 'Có đề xuất đã được đưa vào đợt khác hoặc đã được rút.',
  other_plan: 'Các đề xuất trong một đợt phải thuộc cùng một kế hoạch.',
  same_lead: 'Cơ quan này đang chủ trì nhiệm vụ.',
  no_change: 'Cần nhập tên hoặc nội dung mới của nhiệm vụ.',
  task_gone: 'Nhiệm vụ không còn trong kế hoạch.',
  plan_file_out_of_sync:
    'Kế hoạch đã được thay đổi theo cách không khớp với đề xuất. Hãy tải lại trang.',
};

/** The Vietnamese message of an error, with this feature's own codes first. */
export function adjustmentMessage(error: unknown, fallback: (e: unknown) => string): string {
  const code = (error as { code?: unknown } | null)?.code;
  return (typeof code === 'string' && MESSAGES[code]) || fallback(error);
}
