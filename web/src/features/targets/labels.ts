// Vietnamese words of a target's enums: its projection, kind, comparator, reporting frequency, the
// agency's assessment of a qualitative target, and the states of a reported actual.
import type { ActualReport, TargetDetail, TargetSummary } from '@features/targets/schema';

export type ProjectionState = TargetSummary['projection']['state'];
export type TargetKind = TargetSummary['kind'];
export type Comparator = TargetSummary['comparator'];
export type ReportingFrequency = TargetDetail['reportingFrequency'];
export type Assessment = NonNullable<ActualReport['assessment']>;
export type ReportStatus = ActualReport['status'];

export const PROJECTION_LABELS: Record<ProjectionState, { label: string; color: string }> = {
  on_track: { label: 'Đúng lộ trình', color: 'green' },
  at_risk: { label: 'Có nguy cơ chậm', color: 'gold' },
  off_track: { label: 'Chậm so với lộ trình', color: 'red' },
  no_data: { label: 'Chưa có số liệu', color: 'default' },
  no_baseline: { label: 'Chưa có giá trị gốc', color: 'default' },
  no_milestone: { label: 'Chưa có mốc', color: 'default' },
  done: { label: 'Đã hoàn thành', color: 'green' },
  due: { label: 'Chưa đến hạn', color: 'blue' },
  overdue: { label: 'Quá hạn', color: 'red' },
};

export const PROJECTION_STATES = Object.keys(PROJECTION_LABELS) as ProjectionState[];

export const projectionOptions = PROJECTION_STATES.map((value) => ({
  value,
  label: PROJECTION_LABELS[value].label,
}));

export const KIND_LABELS: Record<TargetKind, string> = {
  number: 'Số lượng',
  percentage: 'Tỷ lệ %',
  count: 'Số đếm',
  milestone: 'Mốc có/không',
  qualitative: 'Định tính',
};

/** What a kind asks the responsible agency to report. */
export const KIND_HINTS: Record<TargetKind, string> = {
  number: 'báo cáo một giá trị số',
  percentage: 'báo cáo một tỷ lệ phần trăm',
  count: 'báo cáo một số đếm',
  milestone: 'báo cáo đã đạt hay chưa đạt',
  qualitative: 'báo cáo đánh giá của cơ quan chủ trì',
};

export const COMPARATOR_LABELS: Record<Comparator, string> = {
  at_least: 'Tối thiểu',
  at_most: 'Tối đa',
  exactly: 'Đúng bằng',
  about: 'Khoảng',
};

/** How a comparator reads before a value: "ít nhất 17 đô thị". */
export const COMPARATOR_WORDS: Record<Comparator, string> = {
  at_least: 'ít nhất',
  at_most: 'không quá',
  exactly: 'đúng',
  about: 'khoảng',
};

export const FREQUENCY_LABELS: Record<ReportingFrequency, string> = {
  annual: 'Hằng năm',
  semiannual: '6 tháng',
  quarterly: 'Hằng quý',
  monthly: 'Hằng tháng',
};

export const ASSESSMENT_LABELS: Record<Assessment, { label: string; color: string }> = {
  on_track: { label: 'Đúng tiến độ', color: 'green' },
  at_risk: { label: 'Có nguy cơ chậm', color: 'gold' },
  off_track: { label: 'Chậm so với lộ trình', color: 'red' },
};

export const REPORT_STATUS_LABELS: Record<ReportStatus, { label: string; color: string }> = {
  pending: { label: 'Chờ duyệt', color: 'gold' },
  approved: { label: 'Đã duyệt', color: 'green' },
  returned: { label: 'Bị trả lại', color: 'red' },
  withdrawn: { label: 'Đã rút (đổi đơn vị)', color: 'default' },
};

const optionsOf = <K extends string>(labels: Record<K, string>) =>
  (Object.keys(labels) as K[]).map((value) => ({ value, label: labels[value] }));

export const kindOptions = optionsOf(KIND_LABELS);
export const comparatorOptions = optionsOf(COMPARATOR_LABELS);
export const frequencyOptions = optionsOf(FREQUENCY_LABELS);
export const assessmentOptions = (Object.keys(ASSESSMENT_LABELS) as Assessment[]).map((value) => ({
  value,
  label: ASSESSMENT_LABELS[value].label,
}));

/** Kinds measured by a number (a path can be drawn for them). */
export function isQuantity(kind: TargetKind): boolean {
  return kind === 'number' || kind === 'percentage' || kind === 'count';
}
