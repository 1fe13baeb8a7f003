// What to tell a person whose plan document could not be imported, per error code of
// POST /api/imports and POST /api/imports/:id/confirm: what happened and what to do next. These
// take precedence over the client's general messages (app/api.ts), which say the same things
// for every feature (e.g. `file_too_large` there is about evidence files).
import { ApiError, errorMessage } from '../../app/api';

/** The upload limit, as the server states it (readers: DEFAULT_MAX_BYTES). */
export const MAX_UPLOAD_MB = 20;

const IMPORT_MESSAGES: Record<string, string> = {
  already_imported:
    'Văn bản này đã được nhập: kế hoạch của nó đã có trong danh sách “Kế hoạch”. Nếu văn bản đã được sửa đổi, bổ sung, hãy tải lên văn bản mới.',
  file_too_large: `Tệp lớn hơn ${MAX_UPLOAD_MB} MB nên không tải lên được. Hãy bỏ bớt hình ảnh, phụ lục hoặc tệp đính kèm trong văn bản (hoặc tách văn bản thành nhiều phần) rồi tải lên lại.`,
  too_large:
    'Văn bản quá lớn để đọc: nội dung trong tệp quá nhiều (tệp Word chứa dữ liệu nén vượt giới hạn, hoặc tệp PDF quá 2.000 trang). Hãy bỏ bớt hình ảnh, tệp đính kèm, phụ lục dài, hoặc tách văn bản rồi tải lên lại.',
  timeout:
    'Đọc văn bản mất quá nhiều thời gian nên đã dừng. Hãy tải lên tệp Word (.docx) gốc thay cho PDF, hoặc tách văn bản thành các phần nhỏ hơn rồi tải lên lại.',
  corrupt_file:
    'Không mở được tệp: tệp bị hỏng, có mật khẩu hoặc không đúng định dạng. Hãy mở tệp bằng Word hoặc trình đọc PDF để kiểm tra, bỏ mật khẩu, lưu lại (Word: lưu thành .docx) rồi tải lên lại.',
  busy: 'Máy chủ đang đọc nhiều văn bản khác. Vui lòng chờ ít phút rồi thử lại.',
  unsupported_format:
    'Chỉ nhận tệp .docx, .pdf, .txt hoặc .md. Tệp .doc cũ: mở bằng Word và lưu thành .docx; tệp .odt hoặc .rtf: lưu thành .docx hoặc PDF trước.',
  empty_document: 'Tệp không có nội dung chữ. Hãy kiểm tra lại đúng tệp văn bản cần nhập.',
  scanned_pdf:
    'Tệp PDF là ảnh quét, không có lớp chữ để đọc. Hãy tải lên tệp Word gốc, hoặc nhận dạng chữ (OCR) cho tệp PDF trước.',
  legacy_encoding:
    'Văn bản dùng bảng mã cũ (TCVN3/VNI). Hãy chuyển sang Unicode, ví dụ bằng công cụ chuyển mã của Unikey, rồi tải lên lại.',
  invalid_encoding:
    'Tệp văn bản không dùng bảng mã Unicode (UTF-8). Hãy lưu lại tệp với bảng mã UTF-8 rồi tải lên lại.',
  not_a_plan:
    'Văn bản không phải là một kế hoạch: không thấy tiêu đề KẾ HOẠCH và các mục I., II., … Hãy kiểm tra lại đúng tệp cần nhập.',
};

/** A 503 `busy` answer with the wait the server asked for (Retry-After), when it said one. */
export class BusyError extends ApiError {
  readonly retryAfterSeconds: number | null;

  constructor(retryAfterSeconds: number | null, detail: string | null = null) {
    super(503, 'busy', [], detail);
    this.name = 'BusyError';
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** Retry-After in seconds (a number of seconds; an HTTP date is not used by this server). */
export function retryAfterSeconds(header: string | null): number | null {
  if (!header || !/^\d+$/.test(header.trim())) return null;
  return Number(header.trim());
}

/** The Vietnamese message for a failed upload, review save or confirmation of an import. */
export function importErrorMessage(error: unknown): string {
  if (error instanceof BusyError && error.retryAfterSeconds !== null) {
    return `Máy chủ đang đọc nhiều văn bản khác. Vui lòng thử lại sau khoảng ${error.retryAfterSeconds} giây.`;
  }
  if (error instanceof ApiError) {
    const known = IMPORT_MESSAGES[error.code];
    if (known) return known;
  }
  return errorMessage(error);
}
