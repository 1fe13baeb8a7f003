// Vietnamese words for what the importer read: warnings, deadlines, agency groups, draft statuses.
import type { ExtractedTask, ImportDraft, Mention } from '@features/imports/schema';

export type Deadline = ExtractedTask['deadline'];
export type DeadlineKind = Deadline['kind'];
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** A deadline without the words and place the document gave it. */
export type CoreDeadline = DistributiveOmit<Deadline, 'as_written' | 'source'>;

export { WARNING_LABELS } from '@features/imports/warnings';

export const STATUS_LABELS: Record<ImportDraft['status'], { label: string; color: string }> = {
  draft: { label: 'Bản nháp', color: 'blue' },
  storing: { label: 'Đang lưu thành kế hoạch', color: 'gold' },
  confirmed: { label: 'Đã xác nhận', color: 'green' },
  discarded: { label: 'Đã hủy', color: 'default' },
};

export const GROUP_LABELS: Record<string, string> = {
  departments: 'các sở, ban, ngành',
  district_committees: 'UBND cấp huyện (nay là các xã, phường)',
  commune_committees: 'UBND các xã, phường',
  project_owners: 'các chủ đầu tư',
  socio_political: 'các tổ chức chính trị – xã hội',
  central_ministries: 'các bộ, ngành Trung ương',
  assigned_agencies: 'các cơ quan được giao',
};

export const CHOICE_REASONS: Record<Extract<Mention, { kind: 'choose' }>['reason'], string> = {
  split: 'đã chia tách',
  abolished: 'đã giải thể',
  ambiguous: 'trùng tên',
};

export const DEADLINE_KIND_LABELS: Record<DeadlineKind, string> = {
  date: 'Trước ngày',
  quarter: 'Quý',
  month: 'Tháng',
  year: 'Năm',
  annual: 'Hằng năm',
  continuous: 'Thường xuyên',
  range: 'Giai đoạn',
  none: 'Không xác định',
};

export { describeDeadline } from '@domain/deadline-text';
