// Accounts and signed-in requests for API tests: one user per role and agency, created once per
// test database, and an `as(user)` helper that sends the session cookie and CSRF token.
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../src/db/client.js';
import { agencies, users } from '../../src/db/schema.js';
import { hashPassword } from '../../src/features/auth/passwords.js';
import type { App } from '../../src/server/app.js';
import type { Role } from '../../src/server/principal.js';

export const TEST_PASSWORD = 'kiemthu2026ok';
let hash: Promise<string> | undefined;

export async function agencyIdByCode(db: Db, tenantId: string, code: string): Promise<string> {
  const [row] = await db
    .select({ id: agencies.id })
    .from(agencies)
    .where(and(eq(agencies.tenantId, tenantId), eq(agencies.code, code)));
  if (!row) throw new Error(`no agency ${code}`);
  return row.id;
}

/** Inserts an account directly (no audit, one shared hash): fast, for tests. */
export async function createTestUser(
  db: Db,
  tenantId: string,
  username: string,
  role: Role,
  agencyCode: string | null,
  email: string | null = `${username}@test.invalid`,
) {
  hash ??= hashPassword(TEST_PASSWORD);
  const agencyId = agencyCode ? await agencyIdByCode(db, tenantId, agencyCode) : null;
  const [row] = await db
    .insert(users)
    .values({
      tenantId,
      username,
      displayName: username,
      email,
      role,
      agencyId,
      passwordHash: await hash,
    })
    .returning();
  if (!row) throw new Error('insert failed');
  return row;
}

/** A signed-in user; `host`: the host name its tenant is served on (the default tenant's if absent). */
export type Auth = { cookie: string; csrf: string; userId: string; host?: string };

export async function login(
  app: App,
  username: string,
  password = TEST_PASSWORD,
  host?: string,
): Promise<Auth> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password },
    ...(host ? { headers: { host } } : {}),
  });
  if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'tiendo_session');
  if (!cookie) throw new Error('no session cookie');
  const body = res.json() as { csrfToken: string; user: { id: string } };
  return {
    cookie: `tiendo_session=${cookie.value}`,
    csrf: body.csrfToken,
    userId: body.user.id,
    ...(host ? { host } : {}),
  };
}

type InjectOptions = import('light-my-request').InjectOptions;

/** A request as a signed-in user (cookie + CSRF header); anonymous when `auth` is null. */
export function as(app: App, auth: Auth | null, options: InjectOptions) {
  const headers = { ...(options.headers ?? {}) } as Record<string, string>;
  if (auth) {
    headers.cookie = auth.cookie;
    headers['x-csrf-token'] = auth.csrf;
    if (auth.host) headers.host = auth.host;
  }
  return app.inject({ ...options, headers });
}

/** The standard cast of the matrix tests. */
export const CAST = [
  { username: 'admin', role: 'administrator', agency: null },
  { username: 'leader', role: 'leadership', agency: 'VPUBND' },
  { username: 'consolidator', role: 'consolidator', agency: 'STC' },
  { username: 'stc-head', role: 'agency_head', agency: 'STC' },
  { username: 'stc-officer', role: 'agency_officer', agency: 'STC' },
  { username: 'sxd-head', role: 'agency_head', agency: 'SXD' },
  { username: 'sxd-officer', role: 'agency_officer', agency: 'SXD' },
  { username: 'viewer', role: 'viewer', agency: 'VPUBND' },
] as const satisfies readonly { username: string; role: Role; agency: string | null }[];

export type CastName = (typeof CAST)[number]['username'];

export async function createCast(db: Db, tenantId: string) {
  for (const c of CAST) await createTestUser(db, tenantId, c.username, c.role, c.agency);
}

export async function loginCast(app: App): Promise<Record<CastName, Auth>> {
  const out = {} as Record<CastName, Auth>;
  for (const c of CAST) out[c.username] = await login(app, c.username);
  return out;
}
