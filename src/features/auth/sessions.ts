// Server-side sessions. The cookie carries a random token; the database keeps only its SHA-256, so
// a leaked table does not let anyone sign in. Each session has its own CSRF token.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { eq, lt, or } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { sessions, users } from '../../db/schema.js';
import { ROLES, type Role, type UserPrincipal } from '../../server/principal.js';

export const SESSION_COOKIE = 'tiendo_session';

export type SessionLimits = { idleMinutes: number; absoluteHours: number };

const token = () => randomBytes(32).toString('base64url');
export const sessionIdOf = (cookieToken: string) =>
  createHash('sha256').update(cookieToken).digest('hex');

export function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export async function createSession(
  db: Db,
  userId: string,
  limits: SessionLimits,
  client: { ip: string; userAgent: string | undefined },
): Promise<{ cookieToken: string; expiresAt: Date }> {
  const cookieToken = token();
  const expiresAt = new Date(Date.now() + limits.absoluteHours * 3_600_000);
  await db.insert(sessions).values({
    id: sessionIdOf(cookieToken),
    userId,
    csrfToken: token(),
    expiresAt,
    ip: client.ip,
    userAgent: client.userAgent?.slice(0, 300) ?? null,
  });
  return { cookieToken, expiresAt };
}

/** Touching a session on every request would write on every read; once a minute is enough. */
const TOUCH_AFTER_MS = 60_000;

/**
 * The user behind a cookie, or null when the session is unknown, idle too long, past its absolute
 * limit, or its user is disabled or of another tenant. Ended sessions are removed (another
 * tenant's are not: they are only refused here).
 */
export async function principalForSession(
  db: Db,
  tenantId: string,
  cookieToken: string,
  limits: SessionLimits,
): Promise<UserPrincipal | null> {
  const id = sessionIdOf(cookieToken);
  const [row] = await db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, id))
    // Every signed-in request runs it: parsed and planned once per connection.
    .prepare('principal_for_session')
    .execute();
  if (!row) return null;
  const now = Date.now();
  const idleSince = now - limits.idleMinutes * 60_000;
  // Another tenant's session (presented on this tenant's host) is not valid here, and stays
  // valid where it belongs.
  if (row.user.tenantId !== tenantId) return null;
  const ended =
    row.session.expiresAt.getTime() <= now ||
    row.session.lastSeenAt.getTime() <= idleSince ||
    row.user.disabledAt !== null;
  if (ended) {
    await db.delete(sessions).where(eq(sessions.id, id));
    return null;
  }
  if (now - row.session.lastSeenAt.getTime() > TOUCH_AFTER_MS) {
    await db
      .update(sessions)
      .set({ lastSeenAt: new Date(now) })
      .where(eq(sessions.id, id));
  }
  if (!ROLES.includes(row.user.role as Role)) return null;
  return {
    kind: 'user',
    tenantId: row.user.tenantId,
    userId: row.user.id,
    username: row.user.username,
    displayName: row.user.displayName,
    role: row.user.role as Role,
    agencyId: row.user.agencyId,
    sessionId: id,
    csrfToken: row.session.csrfToken,
    demo: row.user.demo,
  };
}

export async function endSession(db: Db, sessionId: string) {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

/** "Log out everywhere", and what a password change or a disabled account does. */
export async function endAllSessions(db: Db, userId: string) {
  return (
    await db.delete(sessions).where(eq(sessions.userId, userId)).returning({ id: sessions.id })
  ).length;
}

/** Housekeeping: sessions that can no longer be used. */
export async function pruneSessions(db: Db, limits: SessionLimits) {
  const idleSince = new Date(Date.now() - limits.idleMinutes * 60_000);
  await db
    .delete(sessions)
    .where(or(lt(sessions.expiresAt, new Date()), lt(sessions.lastSeenAt, idleSince)));
}
