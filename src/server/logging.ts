// The server's logger configuration, the one place it is set (buildApp applies it to whatever
// level and destination it is given; main.ts passes LOG_LEVEL). No log line may carry a secret:
//
// - redaction (pino `redact`) of passwords, hashes, tokens, the session cookie, the CSRF header and
//   the Authorization headers wherever a request, a body or a header set is logged;
// - an `err` serializer that drops what a database error repeats of its query: the SQL text and
//   its parameters (a failed INSERT of a user carries the new Argon2 hash), and the server's
//   `detail` (a failing row is quoted in full). The error's type, code, constraint and stack stay;
// - a hook on every log call that cuts the parameters out of a message built from such an error
//   (Drizzle puts them in `message`, and Fastify logs some errors with their message as text).
import type { FastifyLoggerOptions, FastifyServerOptions } from 'fastify';

export type LogSettings = {
  /** pino level: fatal, error, warn, info, debug, trace, silent. */
  level?: string;
  /** Where lines go (standard output when absent); tests capture them here. */
  stream?: FastifyLoggerOptions['stream'];
};

const CENSOR = '[redacted]';

const SECRET_FIELDS = [
  'password',
  'currentPassword',
  'newPassword',
  'passwordHash',
  'password_hash',
  'csrfToken',
  'cookieToken',
  'token',
  'cookie',
];

const SECRET_HEADERS = [
  'cookie',
  'authorization',
  '["proxy-authorization"]',
  '["x-csrf-token"]',
  '["set-cookie"]',
];

export const REDACT_PATHS = [
  ...SECRET_HEADERS.flatMap((h) =>
    ['req.headers', 'res.headers', 'headers', 'request.headers', 'reply.headers'].map((at) =>
      h.startsWith('[') ? `${at}${h}` : `${at}.${h}`,
    ),
  ),
  ...SECRET_FIELDS.flatMap((f) => [f, `*.${f}`, `body.${f}`, `*.body.${f}`]),
  ...['err', 'error', '*.err'].flatMap((e) => [
    `${e}.params`,
    `${e}.query`,
    `${e}.detail`,
    `${e}.cause.params`,
    `${e}.cause.query`,
    `${e}.cause.detail`,
  ]),
];

/** Properties of database errors that repeat the statement or the row it touched. */
const DATABASE_FIELDS = new Set(['params', 'query', 'detail', 'where', 'internalQuery']);
const SECRET_KEY = /pass(word)?|hash|token|secret|cookie|csrf|authorization/i;

/** A message without the parameters Drizzle appends to a failed query ("…\nparams: a,b,c"). */
export function scrubMessage(message: string): string {
  const failed = message.indexOf('Failed query:');
  if (failed < 0) return message;
  return `${message.slice(0, failed)}Failed query (statement and parameters not logged)`;
}

type SerializedError = { type: string; message: string; stack: string; [key: string]: unknown };

/** The `err` serializer: a plain object without the statement, parameters or secrets. */
export function serializeError(err: unknown, depth = 0): SerializedError {
  if (typeof err !== 'object' || err === null) {
    return { type: typeof err, message: scrubMessage(String(err)), stack: '' };
  }
  const e = err as Partial<Error> & Record<string, unknown>;
  const type = e.constructor?.name ?? 'Error';
  const rawMessage = typeof e.message === 'string' ? e.message : '';
  // Drizzle's message repeats the statement and its parameters; the driver's is the server's own.
  const message = scrubMessage(rawMessage);
  let stack = '';
  if (typeof e.stack === 'string') {
    // The first lines repeat the message; the frames follow.
    const frames = e.stack.indexOf('\n    at ');
    stack = `${type}: ${message}${frames >= 0 ? e.stack.slice(frames) : ''}`;
  }
  const out: SerializedError = { type, message, stack };
  for (const [key, value] of Object.entries(e)) {
    if (key === 'message' || key === 'stack' || key === 'cause') continue;
    if (DATABASE_FIELDS.has(key) || SECRET_KEY.test(key)) continue;
    out[key] = value;
  }
  if (e.cause !== undefined && depth < 5) out.cause = serializeError(e.cause, depth + 1);
  return out;
}

/** Fastify's request serializer plus the headers (their secrets redacted). */
function serializeRequest(req: {
  method: string;
  url: string;
  host?: string;
  ip?: string;
  headers?: Record<string, unknown>;
  socket?: { remotePort?: number };
}) {
  return {
    method: req.method,
    url: req.url,
    host: req.host,
    remoteAddress: req.ip,
    remotePort: req.socket?.remotePort,
    headers: req.headers ? { ...req.headers } : undefined,
  };
}

type LoggerConfig = Exclude<FastifyServerOptions['logger'], boolean | undefined>;

/** The logger options of the server (Fastify's `logger`), redaction and serializers included. */
export function loggerOptions(settings: LogSettings = {}): LoggerConfig {
  return {
    level: settings.level ?? 'warn',
    ...(settings.stream ? { stream: settings.stream } : {}),
    redact: { paths: REDACT_PATHS, censor: CENSOR },
    serializers: {
      req: serializeRequest as never,
      err: serializeError,
      error: serializeError,
    } as LoggerConfig['serializers'],
    hooks: {
      logMethod(args, method) {
        const scrubbed = args.map((a: unknown) =>
          typeof a === 'string' ? scrubMessage(a) : a,
        ) as typeof args;
        method.apply(this, scrubbed);
      },
    },
  };
}
