// Vietnamese names of the agency registry's codes.
import type { AgencyDetail, AgencyKind } from '@features/agencies/schema';

export const AGENCY_KIND_LABELS: Record<AgencyKind, string> = {
  office: 'Văn phòng',
  department: 'Sở, ngành',
  board: 'Ban',
  commune: 'UBND cấp xã',
  district: 'UBND cấp huyện cũ',
  enterprise: 'Doanh nghiệp',
  other: 'Khác',
};

export type SuccessionKind = NonNullable<AgencyDetail['succession']>['kind'];

/** How a predecessor's work came over, as a short noun phrase: "sáp nhập". */
export const SUCCESSION_KIND_LABELS: Record<SuccessionKind, string> = {
  merge: 'sáp nhập',
  split: 'chia tách',
  abolish: 'giải thể',
};

export type AgencyStatusFilter = 'active' | 'ended' | 'all';

export const AGENCY_STATUS_LABELS: Record<AgencyStatusFilter, string> = {
  active: 'Đang hoạt động',
  ended: 'Đã kết thúc',
  all: 'Tất cả',
};
