// The fetch wrapper of the web client: JSON in and out, errors as ApiError with a Vietnamese
// message per error code (the server's English message is for developers and logs).

export type ApiIssue = { field: string; code: string; message: string };

/** Code of a failure that never reached the server (offline, server down, DNS, CORS). */
export const NETWORK_ERROR = 'network_error';

const MESSAGES: Record<string, string> = {
  not_found: 'Không tìm thấy hoặc bạn không có quyền xem.',
  invalid_input: 'Dữ liệu không hợp lệ',
  invalid_plan: 'Tệp kế hoạch không hợp lệ',
  bad_request: 'Yêu cầu không hợp lệ.',
  forbidden: 'Bạn không có quyền thực hiện thao tác này.',
  unauthorized: 'Bạn cần đăng nhập để tiếp tục.',
  conflict: 'Dữ liệu đã bị thay đổi bởi người khác. Vui lòng tải lại trang.',
  rate_limited: 'Bạn thao tác quá nhanh. Vui lòng thử lại sau giây lát.',
  internal_error: 'Máy chủ gặp lỗi. Vui lòng thử lại sau.',
  bad_response: 'Máy chủ trả về dữ liệu không đọc được. Vui lòng thử lại sau.',
  [NETWORK_ERROR]: 'Không kết nối được máy chủ. Vui lòng thử lại.',
};

function messageFor(status: number, code: string): string {
  const known = MESSAGES[code];
  if (known) return known;
  if (status === 404) return MESSAGES.not_found as string;
  if (status === 401) return MESSAGES.unauthorized as string;
  if (status === 403) return MESSAGES.forbidden as string;
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

/** GET a JSON resource of the API. Throws ApiError on any failure. */
export async function apiGet<T>(path: string, query?: Query, signal?: AbortSignal): Promise<T> {
  let response: Response;
  try {
    response = await fetch(withQuery(path, query), {
      headers: { Accept: 'application/json' },
      signal: signal ?? null,
    });
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
  if (!response.ok) {
    if (isErrorBody(body)) {
      const { code, message, issues } = body.error;
      throw new ApiError(
        response.status,
        typeof code === 'string' ? code : 'unknown',
        readIssues(issues),
        typeof message === 'string' ? message : null,
      );
    }
    // A proxy or gateway answered, not the API (e.g. 502 while the server restarts).
    throw new ApiError(
      response.status,
      response.status >= 502 && response.status <= 504 ? NETWORK_ERROR : 'unknown',
    );
  }
  return body as T;
}
