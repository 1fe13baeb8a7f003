// Accounts: created by the administrator (or `tiendo user create`), changed with optimistic
// versions, never deleted (audit records name them) but disabled.
import { and, asc, eq, ilike, isNull, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { foldedSql } from '../../db/fold.js';
import { agencies, users } from '../../db/schema.js';
import { isoDateInVietnam } from '../../domain/calendar.js';
import { foldForSearch } from '../../domain/vietnamese-text.js';
import {
  AppError,
  InvalidInputError,
  NotFoundError,
  StaleVersionError,
} from '../../server/errors.js';
import type { Role } from '../../server/principal.js';
import { type Actor, recordAudit } from '../audit/service.js';
import { checkPassword, hashPassword } from '../auth/passwords.js';
import { endAllSessions } from '../auth/sessions.js';
import { clearLoginName } from '../auth/throttle.js';
import type { CreateUserBody, UpdateUserBody } from './schema.js';

export type UserRow = typeof users.$inferSelect;
export type UserWithAgency = UserRow & { agencyName: string | null };

/** What the audit keeps of a user: never the hash. */
const auditView = (u: UserRow) => ({
  username: u.username,
  displayName: u.displayName,
  email: u.email,
  role: u.role,
  agencyId: u.agencyId,
  disabled: u.disabledAt !== null,
});

async function checkAgency(db: Db, tenantId: string, role: Role, agencyId: string | null) {
  if (role === 'administrator' && agencyId === null) return;
  if (agencyId === null) {
    throw new InvalidInputError(
      [{ field: 'agencyId', code: 'agency_required', message: 'this role needs an agency' }],
      'agency_required',
    );
  }
  const today = isoDateInVietnam();
  const [agency] = await db
    .select({ id: agencies.id, inForceTo: agencies.inForceTo })
    .from(agencies)
    .where(and(eq(agencies.id, agencyId), eq(agencies.tenantId, tenantId)));
  if (!agency) {
    throw new InvalidInputError(
      [{ field: 'agencyId', code: 'unknown_agency', message: 'no such agency' }],
      'unknown_agency',
    );
  }
  if (agency.inForceTo !== null && agency.inForceTo <= today) {
    throw new InvalidInputError(
      [{ field: 'agencyId', code: 'agency_ended', message: 'the agency no longer exists' }],
      'agency_ended',
    );
  }
}

export async function createUser(
  db: Db,
  actor: Actor,
  tenantId: string,
  input: CreateUserBody & { demo?: boolean },
): Promise<UserRow> {
  const username = input.username.trim().toLowerCase();
  const role = input.role;
  const agencyId = input.agencyId ?? null;
  const issues = checkPassword(input.password, username);
  if (issues.length) throw new InvalidInputError(issues, 'weak_password');
  await checkAgency(db, tenantId, role, agencyId);
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.tenantId, tenantId), eq(users.username, username)));
    if (existing) {
      throw new AppError(409, 'username_taken', `username ${username} is taken`, [
        { field: 'username', code: 'username_taken', message: 'taken' },
      ]);
    }
    const [row] = await tx
      .insert(users)
      .values({
        tenantId,
        username,
        displayName: input.displayName.trim(),
        email: input.email ?? null,
        role,
        agencyId,
        passwordHash,
        demo: input.demo ?? false,
      })
      .returning();
    if (!row) throw new Error('insert returned nothing');
    await recordAudit(tx, actor, [
      { entity: 'user', entityId: row.id, action: 'create', after: auditView(row) },
    ]);
    return row;
  });
}

export async function listUsers(db: Db, tenantId: string): Promise<UserWithAgency[]> {
  const rows = await db
    .select({ user: users, agencyName: agencies.name })
    .from(users)
    .leftJoin(agencies, eq(agencies.id, users.agencyId))
    .where(eq(users.tenantId, tenantId))
    .orderBy(asc(users.username));
  return rows.map((r) => ({ ...r.user, agencyName: r.agencyName }));
}

export async function findUser(db: Db, tenantId: string, id: string) {
  const [row] = await db
    .select({ user: users, agencyName: agencies.name })
    .from(users)
    .leftJoin(agencies, eq(agencies.id, users.agencyId))
    .where(and(eq(users.tenantId, tenantId), eq(users.id, id)));
  return row ? { ...row.user, agencyName: row.agencyName } : null;
}

/** People to mention: enabled users whose name or login matches, diacritics optional. */
export async function lookUpUsers(db: Db, tenantId: string, q: string | undefined) {
  const term = q ? `%${foldForSearch(q)}%` : '%';
  return db
    .select({
      username: users.username,
      displayName: users.displayName,
      agencyId: agencies.id,
      agencyName: agencies.name,
    })
    .from(users)
    .leftJoin(agencies, eq(agencies.id, users.agencyId))
    .where(
      and(
        eq(users.tenantId, tenantId),
        isNull(users.disabledAt),
        or(ilike(users.username, term), ilike(foldedSql(users.displayName), term)),
      ),
    )
    .orderBy(asc(users.displayName))
    .limit(20);
}

export async function updateUser(
  db: Db,
  actor: Actor & { userId: string },
  tenantId: string,
  id: string,
  change: UpdateUserBody,
): Promise<UserRow> {
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(users)
      .where(and(eq(users.tenantId, tenantId), eq(users.id, id)))
      .for('update');
    if (!before) throw new NotFoundError('user');
    if (before.version !== change.version) throw new StaleVersionError('user', before.version);
    const role = change.role ?? (before.role as Role);
    const agencyId = change.agencyId === undefined ? before.agencyId : change.agencyId;
    // An administrator cannot lock themselves out.
    if (id === actor.userId && (role !== 'administrator' || change.disabled)) {
      throw new AppError(409, 'own_access', 'You cannot remove your own administrator access');
    }
    if (change.role !== undefined || change.agencyId !== undefined)
      await checkAgency(tx, tenantId, role, agencyId);
    const disabledAt =
      change.disabled === undefined
        ? before.disabledAt
        : change.disabled
          ? (before.disabledAt ?? new Date())
          : null;
    const [after] = await tx
      .update(users)
      .set({
        displayName: change.displayName ?? before.displayName,
        email: change.email === undefined ? before.email : change.email,
        role,
        agencyId,
        disabledAt,
        version: before.version + 1,
      })
      .where(eq(users.id, id))
      .returning();
    if (!after) throw new Error('update returned nothing');
    // A new role or a disabled account takes effect now, not at the next sign-in.
    if (disabledAt || role !== before.role || agencyId !== before.agencyId)
      await endAllSessions(tx, id);
    await recordAudit(tx, actor, [
      {
        entity: 'user',
        entityId: id,
        action: 'update',
        before: auditView(before),
        after: auditView(after),
      },
    ]);
    return after;
  });
}

export async function resetPassword(
  db: Db,
  actor: Actor,
  tenantId: string,
  id: string,
  password: string,
) {
  const user = await findUser(db, tenantId, id);
  if (!user) throw new NotFoundError('user');
  const issues = checkPassword(password, user.username);
  if (issues.length) throw new InvalidInputError(issues, 'weak_password');
  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({
        passwordHash,
        passwordChangedAt: new Date(),
        version: sql`${users.version} + 1`,
      })
      .where(eq(users.id, id));
    await endAllSessions(tx, id);
    // Failed sign-ins on the name no longer hold its owner back.
    await clearLoginName(tx, tenantId, user.username);
    await recordAudit(tx, actor, [{ entity: 'user', entityId: id, action: 'password_reset' }]);
  });
}
