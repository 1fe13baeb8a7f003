// The anti-spam measures of public feedback, without outside services, and the sender's key:
//
// - a signed form token (GET /api/public/feedback/form): when it was issued and for which tenant,
//   HMAC-signed with the server's secret. A submission needs one at least `minSeconds` old (people
//   read and type; scripts post at once) and at most `maxHours` old. Any instance sharing the
//   secret (TIENDO_SECRET) checks another's tokens.
// - a honeypot field the form hides from people: filled in, the submission is refused.
// - bodies made mostly of links are refused.
// - the sender's key: a keyed hash (HMAC) of the client address, never the address, for the
//   per-hour limit counted in the database (several instances share it).
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export type FeedbackSettings = {
  /** The server secret (TIENDO_SECRET, else a file in the data folder; random in tests). */
  secret: string;
  /** A form token must be at least this old (seconds). */
  minFormSeconds: number;
  /** … and at most this old (hours). */
  maxFormHours: number;
  /** Feedback accepted per sender key in the last hour. */
  perHour: number;
};

export const DEFAULT_FEEDBACK: Omit<FeedbackSettings, 'secret'> = {
  minFormSeconds: 3,
  maxFormHours: 6,
  perHour: 5,
};

/** The name of the hidden field people leave empty. */
export const HONEYPOT_FIELD = 'website';

const sign = (secret: string, text: string) =>
  createHmac('sha256', secret).update(text).digest('base64url');

export function issueFormToken(secret: string, tenantId: string, now = Date.now()): string {
  const nonce = randomBytes(9).toString('base64url');
  const payload = `${now}.${nonce}`;
  return `${payload}.${sign(secret, `feedback-form|${tenantId}|${payload}`)}`;
}

export type TokenProblem = 'form_token_invalid' | 'form_too_fast' | 'form_expired';

/** null when the token is good now; else why not. */
export function checkFormToken(
  settings: FeedbackSettings,
  tenantId: string,
  token: string,
  now = Date.now(),
): TokenProblem | null {
  const parts = token.split('.');
  if (parts.length !== 3) return 'form_token_invalid';
  const [issued, nonce, mac] = parts as [string, string, string];
  if (!/^\d{1,15}$/.test(issued)) return 'form_token_invalid';
  const expected = Buffer.from(
    sign(settings.secret, `feedback-form|${tenantId}|${issued}.${nonce}`),
  );
  const given = Buffer.from(mac);
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return 'form_token_invalid';
  const age = now - Number(issued);
  if (age < settings.minFormSeconds * 1000) return 'form_too_fast';
  if (age > settings.maxFormHours * 3_600_000) return 'form_expired';
  return null;
}

/** The sender's key: a keyed hash of the client address (the address itself is never stored). */
export function senderKey(secret: string, address: string): string {
  return sign(secret, `feedback-sender|${address}`);
}

const LINK = /\b(?:https?:\/\/|www\.)\S+/giu;

/** A body full of links: more than two, or links making up half of it or more. */
export function tooManyLinks(body: string): boolean {
  const links = body.match(LINK) ?? [];
  const length = links.reduce((n, l) => n + l.length, 0);
  return links.length > 2 || (links.length > 0 && length * 2 >= body.trim().length);
}

/**
 * The server's secret: TIENDO_SECRET when set (required when several instances share a database),
 * else one kept in the data folder (written once, readable by the server only).
 */
export function serverSecret(env: string | undefined, file: string): string {
  if (env && env.length >= 16) return env;
  if (existsSync(file)) {
    const kept = readFileSync(file, 'utf8').trim();
    if (kept.length >= 16) return kept;
  }
  const made = randomBytes(32).toString('base64url');
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${made}\n`, { mode: 0o600 });
  return made;
}
