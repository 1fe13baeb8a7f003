// The sign-in throttle across addresses: a login name guessed from many addresses is slowed down
// (never locked), unknown names are answered exactly like existing ones, the administrator sees
// and clears it, password changes count like sign-ins, and the address is the proxy's client only
// when TIENDO_TRUST_PROXY says so.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, engines, type TestDatabase } from '../../../test/support/database.js';
import { as, createTestUser, login, TEST_PASSWORD } from '../../../test/support/users.js';
import { parseTrustProxy } from '../../config.js';
import { signInFailures } from '../../db/schema.js';
import { type App, buildApp } from '../../server/app.js';
import { SIGN_IN_LIMITS } from './throttle.js';

describe('TIENDO_TRUST_PROXY', () => {
  it('is off by default and takes a hop count or proxy addresses and ranges', () => {
    expect(parseTrustProxy(undefined)).toBe(false);
    expect(parseTrustProxy('')).toBe(false);
    expect(parseTrustProxy('2')).toEqual({ hops: 2 });
    expect(parseTrustProxy('10.0.0.1, 10.1.0.0/16,::1,fd00::/8,loopback')).toEqual([
      '10.0.0.1',
      '10.1.0.0/16',
      '::1',
      'fd00::/8',
      'loopback',
    ]);
    expect(() => parseTrustProxy('true')).toThrow(/TIENDO_TRUST_PROXY/);
    expect(() => parseTrustProxy('10.0.0.0/33')).toThrow(/10\.0\.0\.0\/33/);
    expect(() => parseTrustProxy('proxy.example.vn')).toThrow(/proxy\.example\.vn/);
  });
});

describe.each(engines())('the sign-in throttle on %s', (engine) => {
  let database: TestDatabase;
  let clock = Date.now();
  let app: App;

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    app = await buildApp({
      db: database.db,
      tenantId: database.tenantId,
      loginThrottle: { now: () => clock },
    });
    await createTestUser(database.db, database.tenantId, 'quantri', 'administrator', null);
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  let addresses = 0;
  /** A new client address each time (TEST-NET and benchmarking ranges). */
  const newAddress = () => {
    addresses++;
    return `198.19.${Math.floor(addresses / 250)}.${(addresses % 250) + 1}`;
  };
  const attempt = (username: string, password: string, remoteAddress = newAddress()) =>
    app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress,
      payload: { username, password },
    });
  const answer = (res: Awaited<ReturnType<typeof attempt>>) => ({
    status: res.statusCode,
    retryAfter: res.headers['retry-after'] ?? null,
    error: res.json().error,
  });

  /** Guesses at `username` from a new address each time, waiting out every delay it is given. */
  async function distributedGuessing(username: string) {
    const seen = [];
    let wait = 0;
    for (let i = 0; i < SIGN_IN_LIMITS.account.failures + 8; i++) {
      clock += wait * 1000;
      const res = answer(await attempt(username, `doan mo ${i}xx`));
      seen.push(res);
      wait = Number(res.retryAfter ?? 0);
      // Asked again before the delay is over: refused at once, nothing counted.
      if (wait) seen.push(answer(await attempt(username, `doan mo ${i}yy`)));
    }
    // The last delay is still running.
    return seen;
  }

  it('slows down a login name guessed from many addresses (1 s, 2 s, 4 s … 60 s) and never locks it', async () => {
    await createTestUser(database.db, database.tenantId, 'dongnghiep', 'viewer', 'VPUBND');
    const seen = await distributedGuessing('dongnghiep');
    const { failures, maxBlockSeconds } = SIGN_IN_LIMITS.account;
    expect(seen.slice(0, failures - 1).map((s) => s.status)).toEqual(Array(failures - 1).fill(401));
    const delays = seen.filter((s) => s.retryAfter).map((s) => Number(s.retryAfter));
    expect(delays.filter((_, i) => i % 2 === 0)).toEqual([1, 2, 4, 8, 16, 32, 60, 60, 60]);
    expect(Math.max(...delays)).toBeLessThanOrEqual(maxBlockSeconds ?? 0);
    expect(seen.every((s) => s.status !== 423)).toBe(true);
    // The owner waits at most the current delay, then signs in.
    const waiting = await attempt('dongnghiep', TEST_PASSWORD);
    expect(waiting.statusCode).toBe(429);
    clock += Number(waiting.headers['retry-after']) * 1000;
    expect((await attempt('dongnghiep', TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('answers an unknown login name exactly like an existing one', async () => {
    await createTestUser(database.db, database.tenantId, 'cothat', 'viewer', 'VPUBND');
    const existing = await distributedGuessing('cothat');
    const unknown = await distributedGuessing('khongcoai');
    expect(unknown).toEqual(existing);
    // And at the level of one address: the pair block.
    const pair = async (username: string) => {
      const out = [];
      for (let i = 0; i < SIGN_IN_LIMITS.pair.failures + 1; i++)
        out.push(answer(await attempt(username, `sai ${i}xxxxxx`, '192.0.2.77')));
      return out;
    };
    clock += 16 * 60_000;
    expect(await pair('khongcoai')).toEqual(await pair('cothat'));
    const rows = await database.db
      .select()
      .from(signInFailures)
      .where(eq(signInFailures.key, 'account:khongcoai'));
    expect(rows).toHaveLength(1);
  });

  it('shows the administrator a held-back account, and a password reset clears it', async () => {
    const user = await createTestUser(database.db, database.tenantId, 'bikhoa', 'viewer', 'VPUBND');
    const admin = await login(app, 'quantri');
    const locked = async () =>
      (await as(app, admin, { method: 'GET', url: '/api/users' }))
        .json()
        .items.find((u: { username: string }) => u.username === 'bikhoa').locked;
    expect(await locked()).toBe(false);
    // The owner's own address blocked for the name: shown as locked.
    for (let i = 0; i < SIGN_IN_LIMITS.pair.failures; i++)
      await attempt('BiKhoa', `quen mat khau ${i}`, '192.0.2.99');
    expect(await locked()).toBe(true);
    expect((await attempt('bikhoa', TEST_PASSWORD, '192.0.2.99')).statusCode).toBe(429);
    const reset = await as(app, admin, {
      method: 'POST',
      url: `/api/users/${user.id}/password`,
      payload: { password: 'Mat khau moi 2027' },
    });
    expect(reset.statusCode).toBe(204);
    expect(await locked()).toBe(false);
    const left = await database.db
      .select()
      .from(signInFailures)
      .where(
        and(
          eq(signInFailures.tenantId, database.tenantId),
          eq(signInFailures.key, 'pair:192.0.2.99|bikhoa'),
        ),
      );
    expect(left).toEqual([]);
    expect((await attempt('bikhoa', 'Mat khau moi 2027', '192.0.2.99')).statusCode).toBe(200);
    // Slowed down by guesses from everywhere: shown as locked too, until a reset.
    await distributedGuessing('bikhoa');
    expect(await locked()).toBe(true);
    await as(app, admin, {
      method: 'POST',
      url: `/api/users/${user.id}/password`,
      payload: { password: 'Mat khau moi 2028' },
    });
    expect(await locked()).toBe(false);
    expect((await attempt('bikhoa', 'Mat khau moi 2028')).statusCode).toBe(200);
  });

  it('counts wrong current passwords on a password change like failed sign-ins', async () => {
    await createTestUser(database.db, database.tenantId, 'doimatkhau', 'viewer', 'VPUBND');
    const me = await login(app, 'doimatkhau');
    const change = (currentPassword: string) =>
      as(app, me, {
        method: 'POST',
        url: '/api/auth/password',
        payload: { currentPassword, newPassword: 'Mat khau moi 2027' },
      });
    const { failures, blockSeconds } = SIGN_IN_LIMITS.pair;
    for (let i = 1; i < failures; i++)
      expect((await change(`doan ${i}xxxxx`)).json().error.code).toBe('wrong_password');
    const blocking = await change('doan cuoi xxxx');
    expect(blocking.statusCode).toBe(429);
    expect(blocking.headers['retry-after']).toBe(String(blockSeconds));
    // The same keys as sign-in: the right password waits too, and so does signing in from here.
    expect((await change(TEST_PASSWORD)).statusCode).toBe(429);
    expect((await attempt('doimatkhau', TEST_PASSWORD, '127.0.0.1')).statusCode).toBe(429);
    clock += blockSeconds * 1000;
    expect((await change(TEST_PASSWORD)).statusCode).toBe(204);
  });

  it('keys on the connecting address unless TIENDO_TRUST_PROXY names the proxy', async () => {
    const forwarded = (target: App, username: string) =>
      target.inject({
        method: 'POST',
        url: '/api/auth/login',
        remoteAddress: '10.9.8.7',
        headers: { 'x-forwarded-for': '198.18.0.5' },
        payload: { username, password: 'sai mat khau 1' },
      });
    const keys = async (username: string) =>
      (
        await database.db
          .select({ key: signInFailures.key })
          .from(signInFailures)
          .where(eq(signInFailures.tenantId, database.tenantId))
      )
        .map((r) => r.key)
        .filter((k) => k.endsWith(username) || k.startsWith('address:'));
    await forwarded(app, 'quaproxy1');
    expect(await keys('quaproxy1')).toContain('pair:10.9.8.7|quaproxy1');
    expect(await keys('quaproxy1')).not.toContain('pair:198.18.0.5|quaproxy1');
    for (const trustProxy of [['10.9.8.0/24'], { hops: 1 }] as const) {
      const behind = await buildApp({
        db: database.db,
        tenantId: database.tenantId,
        trustProxy,
        loginThrottle: { now: () => clock },
      });
      try {
        const name = `quaproxy${'hops' in trustProxy ? 3 : 2}`;
        await forwarded(behind, name);
        const seen = await keys(name);
        expect(seen).toContain(`pair:198.18.0.5|${name}`);
        expect(seen).toContain('address:198.18.0.5');
        expect(seen).not.toContain(`pair:10.9.8.7|${name}`);
      } finally {
        await behind.close();
      }
    }
  });
});
