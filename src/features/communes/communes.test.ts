// The province's communes for the place pickers: every commune of the tenant's province, by name,
// none of another province; signed-in users only.

import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/support/app.js';
import { engines } from '../../../test/support/database.js';
import { type Auth, as, createCast, loginCast } from '../../../test/support/users.js';
import { communes, tenants } from '../../db/schema.js';
import type { CommuneList } from './schema.js';

describe.each(engines())('communes API on %s', (engine) => {
  const ctx = useTestApp(engine);
  let viewer: Auth;

  beforeAll(async () => {
    await createCast(ctx.database.db, ctx.database.tenantId);
    viewer = (await loginCast(ctx.app)).viewer;
  });

  it('lists the communes of the tenant’s province by name, and only those', async () => {
    const { db, tenantId } = ctx.database;
    const [tenant] = await db.select().from(tenants).where(eq(tenants.id, tenantId));
    const own = await db
      .select({ code: communes.code })
      .from(communes)
      .where(eq(communes.provinceCode, tenant?.provinceCode as string));
    const res = await as(ctx.app, viewer, { method: 'GET', url: '/api/communes' });
    expect(res.statusCode).toBe(200);
    const list = res.json<CommuneList>();
    expect(list.items.length).toBe(own.length);
    expect(list.items.length).toBeGreaterThan(0);
    expect(new Set(list.items.map((c) => c.code))).toEqual(new Set(own.map((c) => c.code)));
    const names = list.items.map((c) => c.name);
    expect(names).toEqual([...names].sort(new Intl.Collator('vi').compare));
    expect((await as(ctx.app, null, { method: 'GET', url: '/api/communes' })).statusCode).toBe(401);
  });
});
