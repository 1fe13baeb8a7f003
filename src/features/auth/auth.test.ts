import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, engines, type TestDatabase } from '../../../test/support/database.js';
import { as, createTestUser, login, TEST_PASSWORD } from '../../../test/support/users.js';
import { auditRecords, sessions, signInFailures } from '../../db/schema.js';
import { type App, buildApp } from '../../server/app.js';
import { checkPassword } from './passwords.js';
import { createSession, pruneSessions, sessionIdOf } from './sessions.js';
import { SIGN_IN_LIMITS } from './throttle.js';

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

describe.each(engines())('signing in on %s', (engine) => {
  let database: TestDatabase;
  let app: App;

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    app = await buildApp({
      db: database.db,
      tenantId: database.tenantId,
      session: { idleMinutes: 30, absoluteHours: 12 },
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

  it('blocks the guessing address for that name after 5 failures, never the owner elsewhere, and audits each failure', async () => {
    let clock = Date.now();
    const clocked = await buildApp({
      db: database.db,
      tenantId: database.tenantId,
      loginThrottle: { now: () => clock },
    });
    try {
      const user = await createTestUser(database.db, database.tenantId, 'khoa', 'viewer', 'VPUBND');
      const from = (remoteAddress: string, password: string) =>
        clocked.inject({
          method: 'POST',
          url: '/api/auth/login',
          remoteAddress,
          payload: { username: 'khoa', password },
        });
      const { failures, blockSeconds } = SIGN_IN_LIMITS.pair;
      for (let i = 1; i < failures; i++) {
        const wrong = await from('198.51.100.1', `sai${i}xxxxxxx`);
        expect([wrong.statusCode, wrong.json().error.code]).toEqual([401, 'invalid_credentials']);
      }
      // The failure that reaches the limit answers with the block it started.
      const blocking = await from('198.51.100.1', 'sai cuoi cung 1');
      expect(blocking.statusCode).toBe(429);
      expect(blocking.json().error.code).toBe('too_many_attempts');
      expect(blocking.headers['retry-after']).toBe(String(blockSeconds));
      // Even the right password from that address waits; its password is not even tried.
      const refused = await from('198.51.100.1', TEST_PASSWORD);
      expect(refused.statusCode).toBe(429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      // The owner at another address is not locked out.
      expect((await from('198.51.100.2', TEST_PASSWORD)).statusCode).toBe(200);
      const audit = await database.db
        .select()
        .from(auditRecords)
        .where(eq(auditRecords.entityId, user.id));
      expect(audit.filter((a) => a.action === 'login_failed')).toHaveLength(failures);
      // Once the block is over, the address may sign in again.
      clock += blockSeconds * 1000;
      expect((await from('198.51.100.1', TEST_PASSWORD)).statusCode).toBe(200);
    } finally {
      await clocked.close();
    }
  });

  it('counts parallel failures each and refuses those past the limit without trying them', async () => {
    const user = await createTestUser(
      database.db,
      database.tenantId,
      'songsong',
      'viewer',
      'VPUBND',
    );
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        app.inject({
          method: 'POST',
          url: '/api/auth/login',
          remoteAddress: '198.51.100.20',
          payload: { username: 'songsong', password: `sai song song ${i}` },
        }),
      ),
    );
    const { failures } = SIGN_IN_LIMITS.pair;
    const codes = answers.map((a) => a.statusCode).sort();
    expect(codes.filter((c) => c === 401)).toHaveLength(failures - 1);
    expect(codes.filter((c) => c === 429)).toHaveLength(20 - (failures - 1));
    const [pair] = await database.db
      .select()
      .from(signInFailures)
      .where(eq(signInFailures.key, 'pair:198.51.100.20|songsong'));
    expect(pair?.failures).toBe(failures);
    // Only the counted attempts had their password tried (and audited).
    const audit = await database.db
      .select()
      .from(auditRecords)
      .where(and(eq(auditRecords.entityId, user.id), eq(auditRecords.action, 'login_failed')));
    expect(audit).toHaveLength(failures);
  });

  it('counts failures only: an office behind one address signs in without limit, and a success clears its pair', async () => {
    await createTestUser(database.db, database.tenantId, 'vanphong', 'viewer', 'VPUBND');
    const office = (username: string, password: string) =>
      app.inject({
        method: 'POST',
        url: '/api/auth/login',
        remoteAddress: '198.51.100.30',
        payload: { username, password },
      });
    // More successful sign-ins than the old per-address limit (20 per 10 minutes) allowed.
    for (let i = 0; i < 25; i++)
      expect((await office('vanphong', TEST_PASSWORD)).statusCode).toBe(200);
    const counts = await database.db
      .select()
      .from(signInFailures)
      .where(eq(signInFailures.key, 'address:198.51.100.30'));
    expect(counts.map((c) => c.failures)).toEqual([0]);
    // 4 failures, a success, 4 failures: the success cleared the pair, nothing is blocked.
    const { failures } = SIGN_IN_LIMITS.pair;
    for (let round = 0; round < 2; round++) {
      for (let i = 1; i < failures; i++)
        expect((await office('vanphong', `sai lan ${i}xx`)).statusCode).toBe(401);
      if (round === 0) expect((await office('vanphong', TEST_PASSWORD)).statusCode).toBe(200);
    }
    expect((await office('vanphong', TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('blocks an address failing across many names', async () => {
    const strict = await buildApp({
      db: database.db,
      tenantId: database.tenantId,
      loginThrottle: { address: { failures: 3 } },
    });
    try {
      const go = (username: string) =>
        strict.inject({
          method: 'POST',
          url: '/api/auth/login',
          remoteAddress: '198.51.100.40',
          payload: { username, password: 'sai mat khau 1' },
        });
      expect((await go('ten1')).statusCode).toBe(401);
      expect((await go('ten2')).statusCode).toBe(401);
      const third = await go('ten3');
      expect(third.statusCode).toBe(429);
      expect(third.headers['retry-after']).toBe(String(SIGN_IN_LIMITS.address.blockSeconds));
      expect((await go('ten4')).statusCode).toBe(429);
      // Another address is not concerned.
      const other = await strict.inject({
        method: 'POST',
        url: '/api/auth/login',
        remoteAddress: '198.51.100.41',
        payload: { username: 'ten4', password: 'sai mat khau 1' },
      });
      expect(other.statusCode).toBe(401);
    } finally {
      await strict.close();
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
