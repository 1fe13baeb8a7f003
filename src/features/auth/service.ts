// Signing in: every attempt counted by the sign-in throttle (throttle.ts: per address and login
// name, per login name, per address) before its password is checked, failures audited. The answer
// for an unknown user, a wrong password and a disabled account is the same, and so is a refusal
// (429) whether the login name exists or not: nothing tells which names exist.
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { agencies, users } from '../../db/schema.js';
import { AppError, InvalidInputError } from '../../server/errors.js';
import type { UserPrincipal } from '../../server/principal.js';
import { recordAudit } from '../audit/service.js';
import { checkPassword, decoyHash, hashPassword, verifyPassword } from './passwords.js';
import { createSession, endAllSessions, type SessionLimits } from './sessions.js';
import { foldLoginName, type SignInThrottle } from './throttle.js';

export class InvalidCredentialsError extends AppError {
  constructor() {
    super(401, 'invalid_credentials', 'Wrong login name or password');
  }
}

export type LoginInput = { username: string; password: string; ip: string; userAgent?: string };

export async function login(
  db: Db,
  tenantId: string,
  input: LoginInput,
  limits: SessionLimits,
  throttle: SignInThrottle,
  requestId?: string,
) {
  const username = foldLoginName(input.username);
  // Counted (or refused with 429) before anything is looked up: the same for every name.
  const attempt = await throttle.begin(tenantId, input.ip, username);
  const [user] = await db
    .select()
    .from(users)
    .where(and(eq(users.tenantId, tenantId), eq(users.username, username)));
  const audit = (userId: string, action: string, after: unknown) =>
    recordAudit(db, { id: `user:${userId}`, tenantId, requestId }, [
      { entity: 'user', entityId: userId, action, after },
    ]);

  if (!user) {
    await verifyPassword(await decoyHash(), input.password);
    attempt.failed();
    throw new InvalidCredentialsError();
  }
  const ok = (await verifyPassword(user.passwordHash, input.password)) && !user.disabledAt;
  if (!ok) {
    await audit(user.id, 'login_failed', { ip: input.ip });
    attempt.failed();
    throw new InvalidCredentialsError();
  }
  await attempt.succeeded();
  const session = await createSession(db, user.id, limits, {
    ip: input.ip,
    userAgent: input.userAgent,
  });
  await audit(user.id, 'login', { ip: input.ip });
  return session;
}

export async function currentUserView(db: Db, p: UserPrincipal) {
  const [agency] = p.agencyId
    ? await db
        .select({ id: agencies.id, name: agencies.name })
        .from(agencies)
        .where(and(eq(agencies.id, p.agencyId), eq(agencies.tenantId, p.tenantId)))
    : [];
  return {
    id: p.userId,
    username: p.username,
    displayName: p.displayName,
    role: p.role,
    agency: agency ?? null,
    demo: p.demo,
  };
}

/**
 * A password change proves the current password: a guess at it is counted like a failed sign-in
 * (the same keys, the same blocks), so a stolen session cannot try passwords without limit.
 */
export async function changeOwnPassword(
  db: Db,
  p: UserPrincipal,
  change: { currentPassword: string; newPassword: string; ip: string },
  throttle: SignInThrottle,
  requestId?: string,
) {
  const { currentPassword, newPassword } = change;
  const attempt = await throttle.begin(p.tenantId, change.ip, p.username);
  const [user] = await db.select().from(users).where(eq(users.id, p.userId));
  if (!user || !(await verifyPassword(user.passwordHash, currentPassword))) {
    attempt.failed();
    throw new InvalidInputError(
      [{ field: 'currentPassword', code: 'wrong_password', message: 'current password is wrong' }],
      'wrong_password',
    );
  }
  await attempt.succeeded();
  const issues = checkPassword(newPassword, user.username, 'newPassword');
  if (issues.length) throw new InvalidInputError(issues, 'weak_password');
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ passwordHash: await hashPassword(newPassword), passwordChangedAt: new Date() })
      .where(eq(users.id, user.id));
    // Other devices signed in with the old password are signed out.
    await endAllSessions(tx, user.id);
    await recordAudit(
      tx,
      { id: `user:${user.id}`, tenantId: p.tenantId, agencyId: p.agencyId, requestId },
      [{ entity: 'user', entityId: user.id, action: 'password_changed' }],
    );
  });
}
