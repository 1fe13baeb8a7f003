import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, engines, type TestDatabase } from '../../../test/support/database.js';
import { as, createTestUser, login, TEST_PASSWORD } from '../../../test/support/users.js';
import { auditRecords, sessions, users } from '../../db/schema.js';
import { type App, buildApp } from '../../server/app.js';
import { checkPassword } from './passwords.js';
import { LOCK_AFTER_FAILURES } from './service.js';
import { createSession, pruneSessions, sessionIdOf } from './sessions.js';
import { AttemptThrottle } from './throttle.js';

describe('password policy', () => {
  it('names each rule a password breaks', () => {
    const codes = (p: string, u = 'nguyenvana') => checkPassword(p, u).map((i) => i.code);
    expect(codes('ngan1')).toContain('password_too_short');
    expect(codes('chi-co-chu-cai-thoi')).toContain('password_too_simple');
    expect(codes('nguyenvana2026x')).toContain('password_contains_username');
    expect(codes('matkhau12345')).toContain('password_common');
    expect(codes('Lạng Sơn 2026 xanh')).toEqual([]);
  });
});

describe('login throttle', () => {
  it('refuses an address over its window and lets it in again later', () => {
    let now = 0;
    const t = new AttemptThrottle(3, 1000, () => now);
    expect([t.allow('a'), t.allow('a'), t.allow('a'), t.allow('a')]).toEqual([
      true,
      true,
      true,
      false,
    ]);
    expect(t.allow('b')).toBe(true);
    expect(t.retryAfter('a')).toBe(1);
    now = 1001;
    expect(t.allow('a')).toBe(true);
  });
});

describe.each(engines())('signing in on %s', (engine) => {
  let database: TestDatabase;
  let app: App;

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    app = await buildApp({
      db: database.db,
      tenantId: database.tenantId,
      session: { idleMinutes: 30, absoluteHours: 12 },
      loginThrottle: new AttemptThrottle(1000, 60_000),
    });
    await createTestUser(database.db, database.tenantId, 'canbo', 'agency_officer', 'STC');
    await createTestUser(database.db, database.tenantId, 'quantri', 'administrator', null);
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  const attempt = (username: string, password: string) =>
    app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });

  it('sets an httpOnly SameSite=Lax cookie and answers the same for unknown users and wrong passwords', async () => {
    const ok = await attempt('CanBo', TEST_PASSWORD);
    expect(ok.statusCode).toBe(200);
    const cookie = ok.cookies.find((c) => c.name === 'tiendo_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    // The database keeps a hash of the token, never the token.
    const [stored] = await database.db
      .select()
      .from(sessions)
      .where(eq(sessions.id, sessionIdOf(cookie?.value ?? '')));
    expect(stored).toBeDefined();
    expect(JSON.stringify(stored)).not.toContain(cookie?.value);
    const wrong = await attempt('canbo', 'sai mat khau 1');
    const unknown = await attempt('khongco', 'sai mat khau 1');
    expect([wrong.statusCode, unknown.statusCode]).toEqual([401, 401]);
    expect(wrong.json().error.code).toBe(unknown.json().error.code);
  });

  it('sends security headers', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/auth/session' });
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('refuses a state-changing request without the session’s CSRF token', async () => {
    const auth = await login(app, 'canbo');
    const noToken = await app.inject({
      method: 'POST',
      url: '/api/auth/logout-all',
      headers: { cookie: auth.cookie },
    });
    expect(noToken.statusCode).toBe(403);
    expect(noToken.json().error.code).toBe('csrf_failed');
    const wrongToken = await app.inject({
      method: 'POST',
      url: '/api/auth/logout-all',
      headers: { cookie: auth.cookie, 'x-csrf-token': `${auth.csrf.slice(0, -2)}xx` },
    });
    expect(wrongToken.statusCode).toBe(403);
    // Still signed in: the refused requests changed nothing.
    const session = await as(app, auth, { method: 'GET', url: '/api/auth/session' });
    expect(session.json().user.username).toBe('canbo');
    const crossSite = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { origin: 'https://evil.example' },
      payload: { username: 'canbo', password: TEST_PASSWORD },
    });
    expect(crossSite.statusCode).toBe(403);
  });

  it('locks an account after repeated failures, even for the right password, and audits it', async () => {
    await createTestUser(database.db, database.tenantId, 'khoa', 'viewer', 'VPUBND');
    for (let i = 1; i < LOCK_AFTER_FAILURES; i++)
      expect((await attempt('khoa', `sai${i}xxxxxxx`)).statusCode).toBe(401);
    const locking = await attempt('khoa', 'sai cuoi cung 1');
    expect(locking.statusCode).toBe(423);
    expect(locking.json().error.code).toBe('account_locked');
    expect((await attempt('khoa', TEST_PASSWORD)).statusCode).toBe(423);
    const [row] = await database.db.select().from(users).where(eq(users.username, 'khoa'));
    expect(row?.lockedUntil?.getTime()).toBeGreaterThan(Date.now());
    const audit = await database.db
      .select()
      .from(auditRecords)
      .where(eq(auditRecords.entityId, row?.id ?? ''));
    expect(audit.map((a) => a.action)).toContain('locked');
    // Unlocked once the time has passed.
    await database.db
      .update(users)
      .set({ lockedUntil: new Date(Date.now() - 1000) })
      .where(eq(users.id, row?.id ?? ''));
    expect((await attempt('khoa', TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('throttles many attempts from one address', async () => {
    const throttled = await buildApp({
      db: database.db,
      tenantId: database.tenantId,
      loginThrottle: new AttemptThrottle(2, 60_000),
    });
    try {
      const go = () =>
        throttled.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { username: 'x', password: 'y' },
        });
      await go();
      await go();
      const third = await go();
      expect(third.statusCode).toBe(429);
      expect(third.headers['retry-after']).toBeDefined();
    } finally {
      await throttled.close();
    }
  });

  it('ends idle and expired sessions, and every session on “log out everywhere”', async () => {
    const a = await login(app, 'canbo');
    const b = await login(app, 'canbo');
    const id = sessionIdOf(a.cookie.split('=')[1] ?? '');
    await database.db
      .update(sessions)
      .set({ lastSeenAt: new Date(Date.now() - 31 * 60_000) })
      .where(eq(sessions.id, id));
    const idle = await as(app, a, { method: 'GET', url: '/api/auth/session' });
    expect(idle.json().user).toBeNull();
    const c = await login(app, 'canbo');
    const cid = sessionIdOf(c.cookie.split('=')[1] ?? '');
    await database.db
      .update(sessions)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(sessions.id, cid));
    expect((await as(app, c, { method: 'GET', url: '/api/auth/session' })).json().user).toBeNull();
    const out = await as(app, b, { method: 'POST', url: '/api/auth/logout-all' });
    expect(out.statusCode).toBe(200);
    expect((await as(app, b, { method: 'GET', url: '/api/auth/session' })).json().user).toBeNull();
  });

  it('changes a password under the policy and signs out everywhere', async () => {
    await createTestUser(database.db, database.tenantId, 'doimk', 'viewer', 'VPUBND');
    const a = await login(app, 'doimk');
    const weak = await as(app, a, {
      method: 'POST',
      url: '/api/auth/password',
      payload: { currentPassword: TEST_PASSWORD, newPassword: 'ngan' },
    });
    expect(weak.json().error.code).toBe('weak_password');
    const wrong = await as(app, a, {
      method: 'POST',
      url: '/api/auth/password',
      payload: { currentPassword: 'sai', newPassword: 'Mat khau moi 2027' },
    });
    expect(wrong.json().error.code).toBe('wrong_password');
    const ok = await as(app, a, {
      method: 'POST',
      url: '/api/auth/password',
      payload: { currentPassword: TEST_PASSWORD, newPassword: 'Mat khau moi 2027' },
    });
    expect(ok.statusCode).toBe(204);
    expect((await as(app, a, { method: 'GET', url: '/api/auth/session' })).json().user).toBeNull();
    expect((await attempt('doimk', 'Mat khau moi 2027')).statusCode).toBe(200);
  });

  it('lets administrators manage accounts but not remove their own access', async () => {
    const admin = await login(app, 'quantri');
    const officer = await login(app, 'canbo');
    const payload = {
      username: 'moi.canbo',
      displayName: 'Cán bộ mới',
      role: 'agency_officer',
      agencyId: null,
      password: 'Lang Son 2026 ok',
    };
    const noAgency = await as(app, admin, { method: 'POST', url: '/api/users', payload });
    expect(noAgency.json().error.code).toBe('agency_required');
    expect(
      (await as(app, officer, { method: 'POST', url: '/api/users', payload })).statusCode,
    ).toBe(404);
    const list = (await as(app, admin, { method: 'GET', url: '/api/users' })).json().items as {
      id: string;
      username: string;
      version: number;
    }[];
    const me = list.find((u) => u.username === 'quantri');
    const self = await as(app, admin, {
      method: 'PATCH',
      url: `/api/users/${me?.id}`,
      payload: { version: me?.version, disabled: true },
    });
    expect(self.json().error.code).toBe('own_access');
    const target = list.find((u) => u.username === 'canbo');
    const disable = await as(app, admin, {
      method: 'PATCH',
      url: `/api/users/${target?.id}`,
      payload: { version: target?.version, disabled: true },
    });
    expect(disable.statusCode).toBe(200);
    // Disabling ends the account's sessions at once.
    expect(
      (await as(app, officer, { method: 'GET', url: '/api/auth/session' })).json().user,
    ).toBeNull();
    const stale = await as(app, admin, {
      method: 'PATCH',
      url: `/api/users/${target?.id}`,
      payload: { version: target?.version, disabled: false },
    });
    expect(stale.statusCode).toBe(409);
  });
});

describe.each(engines())('session housekeeping on %s', (engine) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(engine);
  });
  afterAll(async () => {
    await database?.close();
  });

  it('removes expired and idle sessions, keeps live ones', async () => {
    const { db, tenantId } = database;
    const user = await createTestUser(db, tenantId, 'donphien', 'viewer', 'VPUBND');
    const limits = { idleMinutes: 30, absoluteHours: 12 };
    const client = { ip: '127.0.0.1', userAgent: undefined };
    const live = await createSession(db, user.id, limits, client);
    const idle = await createSession(db, user.id, limits, client);
    const expired = await createSession(db, user.id, limits, client);
    await db
      .update(sessions)
      .set({ lastSeenAt: new Date(Date.now() - 31 * 60_000) })
      .where(eq(sessions.id, sessionIdOf(idle.cookieToken)));
    await db
      .update(sessions)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(sessions.id, sessionIdOf(expired.cookieToken)));
    await pruneSessions(db, limits);
    const left = await db
      .select({ id: sessions.id })
      .from(sessions)
      .where(eq(sessions.userId, user.id));
    expect(left.map((s) => s.id)).toEqual([sessionIdOf(live.cookieToken)]);
  });
});
