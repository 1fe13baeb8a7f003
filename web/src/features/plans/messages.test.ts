import { describe, expect, it } from 'vitest';
import { ApiError } from '../../app/api';
import { withdrawMessage } from './messages';

describe('withdrawMessage', () => {
  it('says in Vietnamese what work keeps a plan from being withdrawn, with the counts', () => {
    const error = new ApiError(409, 'plan_has_work', [
      { field: 'progress_updates', code: 'plan_has_work', message: '3 progress updates' },
      { field: 'reporting_periods', code: 'plan_has_work', message: '1 reporting periods' },
      { field: 'something_new', code: 'plan_has_work', message: '2 something new' },
    ]);
    expect(withdrawMessage(error)).toBe(
      'Không thể rút kế hoạch vì đã có người thực hiện: 3 báo cáo tiến độ, ý kiến phối hợp; 1 kỳ báo cáo đã mở, thêm hoặc sửa.',
    );
  });

  it('falls back to the general messages', () => {
    expect(withdrawMessage(new ApiError(404, 'not_found'))).toMatch(/^Không tìm thấy kế hoạch/);
    expect(withdrawMessage(new ApiError(400, 'invalid_input'))).toBe('Dữ liệu không hợp lệ');
    expect(withdrawMessage(new Error('x'))).toBe('Đã có lỗi xảy ra. Vui lòng thử lại.');
  });
});
