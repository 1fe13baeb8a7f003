// Errors that reach API callers: an HTTP status, a machine-readable code, a message (English, for
// logs and developers; the UI shows its own Vietnamese text per code) and, for input, the field.

export type ErrorIssue = { field: string; code: string; message: string };

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: readonly ErrorIssue[] = [],
    /** The current state of the object, for conflicts: the caller can show it and retry. */
    readonly current?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/** 429: refused for now; the error handler sends `retryAfterSeconds` as the Retry-After header. */
export class RetryLaterError extends AppError {
  constructor(
    code: string,
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(429, code, message);
  }
}

/** A change based on an old version: nothing is overwritten; the current version is sent back. */
export class StaleVersionError extends AppError {
  constructor(entity: string, current: unknown) {
    super(409, 'stale_version', `${entity} was changed by someone else`, [], current);
  }
}

/** The same answer for "does not exist" and "you may not see it". */
export class NotFoundError extends AppError {
  constructor(entity: string) {
    super(404, 'not_found', `${entity} not found`);
  }
}

export class InvalidInputError extends AppError {
  constructor(issues: readonly ErrorIssue[], code = 'invalid_input') {
    super(
      400,
      code,
      issues.map((i) => `${i.field}: ${i.message}`).join('; ') || 'invalid input',
      issues,
    );
  }
}
