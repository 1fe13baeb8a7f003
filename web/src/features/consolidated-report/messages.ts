// Vietnamese messages and words of the consolidated report page.
import type { Narrative } from '@features/consolidated-report/schema';
import { ApiError, errorMessage } from '../../app/api';

export const STALE_MESSAGE =
  'Báo cáo đã được người khác sửa và lưu trước bạn. Hãy tải lại để xem bản mới rồi sửa tiếp.';

const MESSAGES: Record<string, string> = {
  stale_version: STALE_MESSAGE,
  forbidden: 'Bạn không có quyền sửa báo cáo tổng hợp.',
};

export function consolidatedMessage(error: unknown): string {
  if (error instanceof ApiError) return MESSAGES[error.code] ?? errorMessage(error);
  return errorMessage(error);
}

export const isStale = (error: unknown) =>
  error instanceof ApiError && error.status === 409 && error.code === 'stale_version';

export type NarrativePart = keyof Narrative;

/** The narrative's parts in the order the report prints them, with where each goes. */
export const NARRATIVE_PARTS: readonly {
  key: NarrativePart;
  label: string;
  hint: string;
  maxLength: number;
}[] = [
  {
    key: 'opening',
    label: 'Phần mở đầu',
    hint: 'Để trống để dùng câu mở đầu tự động (căn cứ kế hoạch, số cơ quan, đơn vị đã gửi báo cáo).',
    maxLength: 5000,
  },
  {
    key: 'resultsComment',
    label: 'I. Kết quả thực hiện: nhận xét, đánh giá chung',
    hint: 'In sau các số liệu chung về nhiệm vụ, chỉ tiêu, dự án.',
    maxLength: 20000,
  },
  {
    key: 'assessment',
    label: 'II. Tồn tại, hạn chế, khó khăn, vướng mắc',
    hint: 'In trước các khó khăn, vướng mắc do các cơ quan, đơn vị báo cáo.',
    maxLength: 20000,
  },
  {
    key: 'directions',
    label: 'IV. Phương hướng, nhiệm vụ thời gian tới',
    hint: 'Để trống để dùng câu tự động về các nhiệm vụ quá hạn, đang thực hiện.',
    maxLength: 20000,
  },
  {
    key: 'recommendations',
    label: 'V. Đề xuất, kiến nghị',
    hint: 'In trước các đề xuất, kiến nghị của các cơ quan, đơn vị.',
    maxLength: 20000,
  },
];
