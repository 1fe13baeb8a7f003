// Signing in: throttled per address, accounts locked for a while after repeated failures, every
// outcome audited. The answer for an unknown user, a wrong password and a disabled account is the
// same; a locked account says so (its owner needs to know why the right password fails).
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { agencies, users } from '../../db/schema.js';
import { AppError, InvalidInputError } from '../../server/errors.js';
import type { UserPrincipal } from '../../server/principal.js';
import { recordAudit } from '../audit/service.js';
import { checkPassword, decoyHash, hashPassword, verifyPassword } from './passwords.js';
import { createSession, endAllSessions, type SessionLimits } from './sessions.js';

export const LOCK_AFTER_FAILURES = 5;
export const LOCK_MINUTES = 15;

export class InvalidCredentialsError extends AppError {
  constructor() {
    super(401, 'invalid_credentials', 'Wrong login name or password');
  }
}

export class AccountLockedError extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super(
      423,
      'account_locked',
      `Account locked after repeated failures; retry in ${retryAfterSeconds}s`,
    );
  }
}

export type LoginInput = { username: string; password: string; ip: string; userAgent?: string };

export async function login(
  db: Db,
  tenantId: string,
  input: LoginInput,
  limits: SessionLimits,
  requestId?: string,
) {
  const username = input.username.normalize('NFC').toLowerCase();
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
    throw new InvalidCredentialsError();
  }
  // Failures are counted per address and login name by the caller (features/auth/throttle.ts).
  const ok = (await verifyPassword(user.passwordHash, input.password)) && !user.disabledAt;
  if (!ok) {
    await audit(user.id, 'login_failed', { ip: input.ip });
    throw new InvalidCredentialsError();
  }
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

export async function changeOwnPassword(
  db: Db,
  p: UserPrincipal,
  currentPassword: string,
  newPassword: string,
  requestId?: string,
) {
  const [user] = await db.select().from(users).where(eq(users.id, p.userId));
  if (!user || !(await verifyPassword(user.passwordHash, currentPassword))) {
    throw new InvalidInputError(
      [{ field: 'currentPassword', code: 'wrong_password', message: 'current password is wrong' }],
      'wrong_password',
    );
  }
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
