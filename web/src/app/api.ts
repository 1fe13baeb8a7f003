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
  unauthenticated: 'Phiên làm việc đã hết hạn hoặc bạn chưa đăng nhập. Vui lòng đăng nhập.',
  csrf_failed: 'Phiên làm việc không hợp lệ. Vui lòng tải lại trang rồi thử lại.',
  invalid_credentials: 'Tên đăng nhập hoặc mật khẩu không đúng.',
  server_busy: 'Máy chủ đang bận. Vui lòng chờ ít phút rồi thử lại.',
  too_many_attempts:
    'Đăng nhập tạm thời bị hạn chế do nhập sai mật khẩu nhiều lần. Vui lòng thử lại sau ít phút.',
  weak_password:
    'Mật khẩu chưa đủ mạnh: ít nhất 10 ký tự, có cả chữ và số, không chứa tên đăng nhập.',
  wrong_password: 'Mật khẩu hiện tại không đúng.',
  username_taken: 'Tên đăng nhập đã có người dùng.',
  own_access: 'Bạn không thể tự bỏ quyền quản trị hoặc khóa tài khoản của chính mình.',
  agency_required: 'Vai trò này cần gắn với một cơ quan.',
  agency_ended: 'Cơ quan đã kết thúc hoạt động.',
  unknown_agency: 'Cơ quan không có trong danh mục.',
  file_too_large: 'Tệp minh chứng quá lớn (tối đa 20 MB mỗi tệp).',
  file_type_not_allowed:
    'Loại tệp minh chứng không được nhận (nhận PDF, Word, Excel, ảnh JPG/PNG, ZIP).',
  too_many_files: 'Quá nhiều tệp minh chứng (tối đa 10 tệp mỗi lần).',
  percent_required: 'Cần nhập tỷ lệ hoàn thành (%).',
  percent_not_allowed: 'Ý kiến phối hợp không kèm tỷ lệ hoàn thành.',
  reported_in_future: 'Ngày báo cáo không được sau hôm nay.',
  extension_pending: 'Nhiệm vụ đang có một đề nghị gia hạn chờ quyết định.',
  extension_not_later: 'Thời hạn đề nghị phải sau thời hạn hiện tại.',
  no_deadline: 'Nhiệm vụ không có thời hạn cụ thể để gia hạn.',
  already_decided: 'Yêu cầu này đã được xử lý.',
  task_completed: 'Nhiệm vụ đã hoàn thành.',
  no_overdue_tasks: 'Không có nhiệm vụ quá hạn để đôn đốc.',
  already_applied: 'Sắp xếp này đã được áp dụng.',
  not_a_candidate: 'Cơ quan được chọn không thuộc danh sách kế thừa.',
  review_closed: 'Nhiệm vụ này đã được chọn cơ quan chủ trì mới.',
  plan_has_live_work:
    'Kế hoạch đã có nhiệm vụ đang được theo dõi (tiến độ, gia hạn, phân công): không thể thay bằng phiên bản mới.',
  conflict: 'Dữ liệu đã bị thay đổi bởi người khác. Vui lòng tải lại trang.',
  rate_limited: 'Bạn thao tác quá nhanh. Vui lòng thử lại sau giây lát.',
  internal_error: 'Máy chủ gặp lỗi. Vui lòng thử lại sau.',
  search_query_empty: 'Hãy nhập từ cần tìm.',
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
  stale_version: 'Dữ liệu đã được người khác thay đổi: hãy tải lại để xem bản mới nhất rồi làm lại',
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

// The session's CSRF token (from GET /api/auth/session or the login answer), sent with every
// state-changing request. Set by the session hook (features/auth).
let csrfToken: string | null = null;
export function setCsrfToken(token: string | null) {
  csrfToken = token;
}
/** Called when the server says the session ended (401), so the app can show the login page. */
let onUnauthenticated: (() => void) | null = null;
export function setUnauthenticatedHandler(handler: (() => void) | null) {
  onUnauthenticated = handler;
}

function withCsrf(init: RequestInit): RequestInit {
  const method = (init.method ?? 'GET').toUpperCase();
  if (method === 'GET' || method === 'HEAD' || !csrfToken) return init;
  const headers = new Headers(init.headers);
  headers.set('X-CSRF-Token', csrfToken);
  return { ...init, headers };
}

/** Headers for requests made outside `request` (XHR uploads): the CSRF token when there is one. */
export function csrfHeaders(): Record<string, string> {
  return csrfToken ? { 'X-CSRF-Token': csrfToken } : {};
}

/** How often a request refused by a busy server (503 server_busy) is sent again. */
const BUSY_RETRIES = 3;

/** The server's Retry-After in milliseconds, between 1 and 10 seconds. */
function retryDelay(response: Response): number {
  const seconds = Number(response.headers.get('retry-after'));
  return Math.min(10, Math.max(1, Number.isFinite(seconds) ? seconds : 1)) * 1000;
}

function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason);
    });
  });
}

async function request<T>(path: string, init: RequestInit, signal?: AbortSignal): Promise<T> {
  let response: Response;
  for (let attempt = 0; ; attempt++) {
    try {
      response = await fetch(path, { ...withCsrf(init), signal: signal ?? null });
    } catch (error) {
      if (signal?.aborted) throw error;
      throw new ApiError(0, NETWORK_ERROR);
    }
    // A busy server refuses before doing any work (server/load-shedding.ts), so sending the same
    // request again after the wait it asks for is safe, writes included.
    if (response.status !== 503 || attempt >= BUSY_RETRIES) break;
    if (response.headers.get('retry-after') === null) break;
    await pause(retryDelay(response), signal);
  }
  let body: unknown = null;
  if (response.status !== 204) {
    try {
      body = await response.json();
    } catch {
      if (response.ok) throw new ApiError(response.status, 'bad_response');
    }
  }
  if (response.status === 204) return null as T;
  if (!response.ok) {
    if (response.status === 401 && onUnauthenticated) onUnauthenticated();
    throw errorFromResponse(response.status, body);
  }
  return body as T;
}

/** GET a JSON resource of the API. Throws ApiError on any failure. */
export function apiGet<T>(path: string, query?: Query, signal?: AbortSignal): Promise<T> {
  return request<T>(withQuery(path, query), { headers: { Accept: 'application/json' } }, signal);
}

/** POST a multipart form (files) to the API and read its JSON answer. */
export function apiSendForm<T>(path: string, form: FormData): Promise<T> {
  return request<T>(path, { method: 'POST', headers: { Accept: 'application/json' }, body: form });
}

/** POST, PUT or PATCH a JSON body to the API and read its JSON answer (null for 204). */
export function apiSend<T>(
  method: 'POST' | 'PUT' | 'PATCH',
  path: string,
  body: unknown = {},
): Promise<T> {
  return request<T>(path, {
    method,
    headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
}
