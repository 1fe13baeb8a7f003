// Every way an import can be refused has a Vietnamese message that says what to do.
import { describe, expect, it } from 'vitest';
import { UNREADABLE_CODES } from '../../../../src/features/imports/readers/source-document';
import { ApiError, errorMessage } from '../../app/api';
import { BusyError, importErrorMessage, retryAfterSeconds } from './messages';
import { rejectBeforeUpload } from './upload';

describe('import error messages', () => {
  // Codes of POST /api/imports and …/confirm besides the readers' own.
  const codes = [...UNREADABLE_CODES, 'file_too_large', 'busy', 'not_a_plan'];

  it.each(codes)('%s has its own message, not the general one', (code) => {
    const error = new ApiError(code === 'busy' ? 503 : 422, code);
    const message = importErrorMessage(error);
    expect(message).not.toBe(errorMessage(error));
    expect(message).toMatch(/[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/);
  });

  it('says what to do for the limits', () => {
    expect(importErrorMessage(new ApiError(413, 'file_too_large'))).toMatch(/20 MB/);
    expect(importErrorMessage(new ApiError(422, 'too_large'))).toMatch(/2\.000 trang/);
    expect(importErrorMessage(new ApiError(422, 'timeout'))).toMatch(/tách văn bản/);
    expect(importErrorMessage(new ApiError(422, 'corrupt_file'))).toMatch(/mật khẩu/);
  });

  it('gives the wait the server asked for when every reader is busy', () => {
    expect(retryAfterSeconds('15')).toBe(15);
    expect(retryAfterSeconds('Wed, 21 Oct 2015 07:28:00 GMT')).toBeNull();
    expect(importErrorMessage(new BusyError(15))).toMatch(/khoảng 15 giây/);
    expect(importErrorMessage(new BusyError(null))).toMatch(/chờ ít phút/);
  });

  it('refuses a file over 20 MB before sending it, with the server’s code', () => {
    const refused = rejectBeforeUpload({ name: 'ke-hoach.docx', size: 21 * 1024 * 1024 });
    expect(refused?.code).toBe('file_too_large');
    expect(importErrorMessage(refused)).toMatch(/20 MB/);
  });
});
