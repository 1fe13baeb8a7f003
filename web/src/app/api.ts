// The fetch wrapper of the web client: JSON in and out, errors as ApiError with a Vietnamese
// message per error code (the server's English message is for developers and logs).

export type ApiIssue = { field: string; code: string; message: string };

/** Code of a failure that never reached the server (offline, server down, DNS, CORS). */
export const NETWORK_ERROR = 'network_error';

const MESSAGES: Record<string, string> = {
  not_found: 'Không tìm thấy hoặc bạn không có quyền xem.',
  invalid_input: 'Dữ liệu không hợp lệ',
  invalid_plan: 'Kế hoạch không hợp lệ',
  bad_request: 'Yêu cầu không hợp lệ.',
  forbidden: 'Bạn không có quyền thực hiện thao tác này.',
  unauthorized: 'Bạn cần đăng nhập để tiếp tục.',
  conflict: 'Dữ liệu đã bị thay đổi bởi người khác. Vui lòng tải lại trang.',
  rate_limited: 'Bạn thao tác quá nhanh. Vui lòng thử lại sau giây lát.',
  internal_error: 'Máy chủ gặp lỗi. Vui lòng thử lại sau.',
  bad_response: 'Máy chủ trả về dữ liệu không đọc được. Vui lòng thử lại sau.',
  [NETWORK_ERROR]: 'Không kết nối được máy chủ. Vui lòng thử lại.',
  // Reading an uploaded plan document.
  unsupported_format: 'Chỉ nhận tệp .docx, .pdf, .txt, .md',
  too_large: 'Tệp quá lớn (tối đa 20 MB)',
  empty_document: 'Tệp không có nội dung',
  scanned_pdf:
    'Tệp PDF là ảnh quét, không có lớp chữ: hãy dùng tệp Word gốc hoặc nhận dạng chữ (OCR) trước',
  legacy_encoding:
    'Văn bản dùng bảng mã cũ (TCVN3/VNI): hãy chuyển sang Unicode, ví dụ bằng công cụ chuyển mã của Unikey, rồi tải lên lại',
  invalid_encoding:
    'Tệp văn bản không dùng bảng mã Unicode (UTF-8): hãy lưu lại tệp với bảng mã UTF-8 rồi tải lên lại',
  corrupt_file: 'Tệp bị hỏng hoặc không đúng định dạng',
  not_a_plan: 'Văn bản không phải là một kế hoạch',
  // Reviewing and confirming an import draft.
  stale_version: 'Bản nháp đã thay đổi ở nơi khác, hãy tải lại',
  import_closed: 'Bản nháp đã được xác nhận',
  missing_issuer: 'Chưa có cơ quan ban hành',
  already_imported: 'Văn bản này đã được nhập trước đây',
  plan_exists:
    'Đã có kế hoạch cùng số, ký hiệu: hãy tải lại trang để xem khác biệt rồi xác nhận lưu thành phiên bản mới',
};

function messageFor(status: number, code: string): string {
  const known = MESSAGES[code];
  if (known) return known;
  if (status === 404) return MESSAGES.not_found as string;
  if (status === 401) return MESSAGES.unauthorized as string;
  if (status === 403) return MESSAGES.forbidden as string;
  if (status === 413) return MESSAGES.too_large as string;
  if (status >= 400 && status < 500) return 'Yêu cầu không hợp lệ.';
  return MESSAGES.internal_error as string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly issues: readonly ApiIssue[];
  /** The server's own message (English), for developers; never shown alone. */
  readonly detail: string | null;

  constructor(
    status: number,
    code: string,
    issues: readonly ApiIssue[] = [],
    detail: string | null = null,
  ) {
    super(messageFor(status, code));
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.issues = issues;
    this.detail = detail;
  }
}

/** The Vietnamese message to show for any error a query or mutation raises. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return 'Đã có lỗi xảy ra. Vui lòng thử lại.';
}

type Query = Record<string, string | number | boolean | null | undefined>;

/** `path` with the defined, non-empty values of `query` as its query string. */
export function withQuery(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

function isErrorBody(
  body: unknown,
): body is { error: { code?: unknown; message?: unknown; issues?: unknown } } {
  return (
    typeof body === 'object' &&
    body !== null &&
    'error' in body &&
    typeof body.error === 'object' &&
    body.error !== null
  );
}

function readIssues(raw: unknown): ApiIssue[] {
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((i) =>
    typeof i === 'object' && i !== null
      ? [
          {
            field: String(i.field ?? ''),
            code: String(i.code ?? ''),
            message: String(i.message ?? ''),
          },
        ]
      : [],
  );
}

/** The ApiError for a failed answer of the API: its error body, or what the status says. */
export function errorFromResponse(status: number, body: unknown): ApiError {
  if (isErrorBody(body)) {
    const { code, message, issues } = body.error;
    return new ApiError(
      status,
      typeof code === 'string' ? code : 'unknown',
      readIssues(issues),
      typeof message === 'string' ? message : null,
    );
  }
  // A proxy or gateway answered, not the API (e.g. 502 while the server restarts).
  return new ApiError(status, status >= 502 && status <= 504 ? NETWORK_ERROR : 'unknown');
}

async function request<T>(path: string, init: RequestInit, signal?: AbortSignal): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, { ...init, signal: signal ?? null });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiError(0, NETWORK_ERROR);
  }
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    if (response.ok) throw new ApiError(response.status, 'bad_response');
  }
  if (!response.ok) throw errorFromResponse(response.status, body);
  return body as T;
}

/** GET a JSON resource of the API. Throws ApiError on any failure. */
export function apiGet<T>(path: string, query?: Query, signal?: AbortSignal): Promise<T> {
  return request<T>(withQuery(path, query), { headers: { Accept: 'application/json' } }, signal);
}

/** POST or PUT a JSON body to the API and read its JSON answer. Throws ApiError on any failure. */
export function apiSend<T>(method: 'POST' | 'PUT', path: string, body: unknown): Promise<T> {
  return request<T>(path, {
    method,
    headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
}
