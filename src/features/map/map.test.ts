// The map: the province's boundaries (a file keyed by province code, cached by ETag, compressed),
// a value per commune from SQL (projects in two communes count in both; a former district's
// overdue task shows on every commune formed from the district; disbursement exact), a commune's
// tasks and projects paged, and another tenant seeing none of it.
import { and, eq, inArray } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/support/app.js';
import { engines } from '../../../test/support/database.js';
import { numberedPlan, type PlanFileInput } from '../../../test/support/factories.js';
import { createDongThap } from '../../../test/support/tenants.js';
import {
  type Auth,
  agencyIdByCode,
  as,
  createCast,
  login,
  loginCast,
} from '../../../test/support/users.js';
import {
  communeOrigins,
  communes,
  projectDisbursements,
  projects,
  tenants,
} from '../../db/schema.js';
import { planFileSchema } from '../plans/plan-file.js';
import { createPlanFromFile } from '../plans/service.js';
import type { CommuneBoundaries, CommuneWork, MapMeasures } from './schema.js';

const OTHER_HOST = 'dongthap.map.test';
/** Cao Lộc's district code before 1/7/2025 (commune_origins.old_district_code). */
const CAO_LOC = '183';
const DONG_DANG = '06184'; // formed (partly) from Cao Lộc's communes
const DONG_KINH = '05977'; // formed from communes of the city and of Cao Lộc

function mapPlan(number: string, part: 'main' | 'other'): PlanFileInput {
  const plan = numberedPlan({ number, title: `Kế hoạch bản đồ ${number}` });
  const section = plan.sections?.[0];
  if (!section) throw new Error('factory plan has no section');
  if (part === 'other') {
    section.tasks = [];
    section.projects = [{ name: 'Dự án của kế hoạch khác', location: [DONG_DANG] }];
    return plan;
  }
  section.tasks = [
    {
      title: 'Nhiệm vụ của huyện Cao Lộc (cũ), quá hạn',
      lead: { as_written: 'UBND huyện Cao Lộc', agency_code: `UBND-H${CAO_LOC}` },
      deadline: { kind: 'date', date: '2025-03-31' },
    },
    {
      title: 'Nhiệm vụ của xã Đồng Đăng, quá hạn',
      lead: { as_written: 'UBND xã Đồng Đăng', agency_code: `UBND-${DONG_DANG}` },
      deadline: { kind: 'date', date: '2025-06-30' },
    },
    {
      title: 'Nhiệm vụ của xã Đồng Đăng, còn hạn',
      lead: { as_written: 'UBND xã Đồng Đăng', agency_code: `UBND-${DONG_DANG}` },
      deadline: { kind: 'date', date: '2099-12-31' },
    },
    {
      title: 'Nhiệm vụ của sở, quá hạn',
      lead: 'Sở Tài chính',
      deadline: { kind: 'date', date: '2025-06-30' },
    },
  ];
  section.projects = [
    { name: 'A – Đường qua hai xã', location: [DONG_KINH, DONG_DANG] },
    { name: 'B – Cửa khẩu', location: [DONG_DANG] },
    { name: 'C – Dự án của huyện cũ, chưa ghi xã' },
  ];
  return plan;
}

describe.each(engines())('map API on %s', (engine) => {
  const ctx = useTestApp(engine);
  let cast: Awaited<ReturnType<typeof loginCast>>;
  let other: Auth;
  let planId: string;
  let caoLocCommunes: string[];
  let provinceCommunes: string[];
  const projectIds: Record<string, string> = {};

  beforeAll(async () => {
    const { db, tenantId } = ctx.database;
    await createCast(db, tenantId);
    cast = await loginCast(ctx.app);
    const actor = { id: 'test', tenantId };
    const stored = await createPlanFromFile(
      db,
      actor,
      planFileSchema.parse(mapPlan('31/KH-UBND', 'main')),
    );
    planId = stored.planId;
    await createPlanFromFile(db, actor, planFileSchema.parse(mapPlan('32/KH-UBND', 'other')));
    for (const p of await db
      .select({ id: projects.id, name: projects.name })
      .from(projects)
      .where(eq(projects.planId, planId)))
      projectIds[p.name.slice(0, 1)] = p.id;
    // C has no commune: its owner is the former district's committee.
    await db
      .update(projects)
      .set({ ownerAgencyId: await agencyIdByCode(db, tenantId, `UBND-H${CAO_LOC}`) })
      .where(eq(projects.id, projectIds.C as string));
    const recordedBy = cast.consolidator.userId;
    const money = (projectId: string, year: number, month: number, amount: string) => ({
      tenantId,
      projectId,
      year,
      month,
      amount,
      recordedBy,
    });
    await db
      .insert(projectDisbursements)
      .values([
        money(projectIds.A as string, 2026, 1, '10.5'),
        money(projectIds.A as string, 2026, 2, '2.25'),
        money(projectIds.B as string, 2026, 3, '3.1'),
        money(projectIds.C as string, 2026, 3, '0.005'),
        money(projectIds.B as string, 2025, 12, '1000'),
      ]);
    caoLocCommunes = (
      await db
        .selectDistinct({ code: communeOrigins.communeCode })
        .from(communeOrigins)
        .where(eq(communeOrigins.oldDistrictCode, CAO_LOC))
    )
      .map((r) => r.code)
      .sort();
    const [tenant] = await db.select().from(tenants).where(eq(tenants.id, tenantId));
    provinceCommunes = (
      await db
        .select({ code: communes.code })
        .from(communes)
        .where(eq(communes.provinceCode, tenant?.provinceCode as string))
    ).map((r) => r.code);

    await createDongThap(db, { hosts: [OTHER_HOST], adminUsername: 'dt-admin' });
    ctx.app.tenants.invalidate();
    other = await login(ctx.app, 'dt-admin', undefined, OTHER_HOST);
  });

  const measures = async (query: string, who: Auth = cast.leader) => {
    const res = await as(ctx.app, who, { method: 'GET', url: `/api/map/measures?${query}` });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<MapMeasures>();
    return { body, value: new Map(body.items.map((i) => [i.code, i.value])) };
  };

  it('serves the province’s boundaries: one feature per commune, an ETag, compressed, 304 when unchanged', async () => {
    const res = await as(ctx.app, cast.viewer, {
      method: 'GET',
      url: '/api/map/communes',
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers['cache-control']).toContain('max-age=');
    const etag = res.headers.etag as string;
    expect(etag).toMatch(/^".+"$/);
    const plain = await as(ctx.app, cast.viewer, { method: 'GET', url: '/api/map/communes' });
    const geo = plain.json<CommuneBoundaries>();
    expect(geo.type).toBe('FeatureCollection');
    expect(geo.features.map((f) => f.properties.code).sort()).toEqual([...provinceCommunes].sort());
    expect(plain.body.length).toBeLessThan(1024 * 1024);
    const again = await as(ctx.app, cast.viewer, {
      method: 'GET',
      url: '/api/map/communes',
      headers: { 'if-none-match': etag },
    });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
  });

  it('counts overdue tasks on their lead’s commune, and a former district’s on every commune formed from it', async () => {
    expect(caoLocCommunes).toContain(DONG_DANG);
    expect(caoLocCommunes.length).toBeGreaterThan(3);
    const { body, value } = await measures(`measure=overdue&planId=${planId}`);
    expect(body.items.map((i) => i.code).sort()).toEqual([...provinceCommunes].sort());
    // Đồng Đăng: its own overdue task and Cao Lộc's; the task still in time is not counted.
    expect(value.get(DONG_DANG)).toBe('2');
    for (const code of caoLocCommunes.filter((c) => c !== DONG_DANG))
      expect(value.get(code), code).toBe('1');
    const elsewhere = provinceCommunes.filter((c) => !caoLocCommunes.includes(c));
    expect(elsewhere.length).toBeGreaterThan(0);
    for (const code of elsewhere) expect(value.get(code), code).toBe('0');
    // The department's overdue task is on no commune.
    const total = body.items.reduce((n, i) => n + Number(i.value), 0);
    expect(total).toBe(caoLocCommunes.length + 1);
  });

  it('counts projects in each of their communes, a project without one where its owner is, and filters by plan', async () => {
    const mine = await measures(`measure=projects&planId=${planId}`);
    expect(mine.value.get(DONG_DANG)).toBe('3'); // A, B, C (its former district's)
    expect(mine.value.get(DONG_KINH)).toBe('2'); // A, C
    for (const code of caoLocCommunes.filter((c) => c !== DONG_DANG && c !== DONG_KINH))
      expect(mine.value.get(code), code).toBe('1');
    const all = await measures('measure=projects');
    expect(all.value.get(DONG_DANG)).toBe('4');
    expect(all.value.get(DONG_KINH)).toBe('2');
  });

  it('sums the year’s disbursement of the projects in each commune, exactly', async () => {
    const { body, value } = await measures(`measure=disbursement&planId=${planId}&year=2026`);
    expect(body.year).toBe(2026);
    expect(value.get(DONG_DANG)).toBe('15.855'); // 12.75 + 3.1 + 0.005
    expect(value.get(DONG_KINH)).toBe('12.755');
    const oneCaoLoc = caoLocCommunes.find((c) => c !== DONG_DANG && c !== DONG_KINH) as string;
    expect(value.get(oneCaoLoc)).toBe('0.005');
    const lastYear = await measures(`measure=disbursement&planId=${planId}&year=2025`);
    expect(lastYear.value.get(DONG_DANG)).toBe('1000');
    expect(lastYear.value.get(DONG_KINH)).toBe('0');
  });

  it('lists a commune’s tasks (overdue first) and projects, paged, each with its page', async () => {
    const url = (q: string) => `/api/map/communes/${DONG_DANG}?planId=${planId}&year=2026&${q}`;
    const first = await as(ctx.app, cast.viewer, { method: 'GET', url: url('limit=2') });
    expect(first.statusCode, first.body).toBe(200);
    const work = first.json<CommuneWork>();
    expect(work.commune).toEqual({ code: DONG_DANG, name: 'Xã Đồng Đăng' });
    expect(work.tasks.total).toBe(3);
    expect(work.tasks.items).toHaveLength(2);
    expect(work.tasks.items.map((t) => t.state)).toEqual(['overdue', 'overdue']);
    // Cao Lộc's task is the oldest overdue one.
    expect(work.tasks.items[0]).toMatchObject({
      title: 'Nhiệm vụ của huyện Cao Lộc (cũ), quá hạn',
      via: 'former',
      dueOn: '2025-03-31',
    });
    expect(work.tasks.items[0]?.path).toBe(`/nhiem-vu/${work.tasks.items[0]?.id}`);
    expect(work.tasks.items[1]).toMatchObject({ via: 'commune' });
    expect(work.projects.total).toBe(3);
    expect(work.projects.items.map((p) => p.name)).toEqual([
      'A – Đường qua hai xã',
      'B – Cửa khẩu',
    ]);
    expect(work.projects.items[0]).toMatchObject({
      via: 'location',
      disbursed: '12.75',
      path: `/du-an/${projectIds.A}`,
    });
    const next = (
      await as(ctx.app, cast.viewer, {
        method: 'GET',
        url: url('limit=2&taskOffset=2&projectOffset=2'),
      })
    ).json<CommuneWork>();
    expect(next.tasks.items.map((t) => t.state)).toEqual(['not_started']);
    expect(next.projects.items).toMatchObject([
      { name: 'C – Dự án của huyện cũ, chưa ghi xã', via: 'owner', disbursed: '0.005' },
    ]);
    expect(next.projects.total).toBe(3);
    const past = (
      await as(ctx.app, cast.viewer, {
        method: 'GET',
        url: url('limit=2&taskOffset=10&projectOffset=10'),
      })
    ).json<CommuneWork>();
    expect([past.tasks.items.length, past.tasks.total, past.projects.total]).toEqual([0, 3, 3]);
    // A commune outside the province, or no commune at all: 404.
    for (const code of ['99999', '1']) {
      const res = await as(ctx.app, cast.viewer, {
        method: 'GET',
        url: `/api/map/communes/${code}`,
      });
      expect(res.statusCode).toBe(404);
    }
  });

  it('lets agency staff read the map, and refuses anonymous callers', async () => {
    expect((await measures('measure=overdue', cast['sxd-officer'])).body.items.length).toBe(
      provinceCommunes.length,
    );
    const res = await as(ctx.app, null, {
      method: 'GET',
      url: '/api/map/measures?measure=overdue',
    });
    expect(res.statusCode).toBe(401);
  });

  // Last: it moves the former district's task.
  it('shows a former district’s task on the one commune a person chose to carry it', async () => {
    const { db, tenantId } = ctx.database;
    const work = (
      await as(ctx.app, cast.viewer, {
        method: 'GET',
        url: `/api/map/communes/${DONG_DANG}?planId=${planId}`,
      })
    ).json<CommuneWork>();
    const former = work.tasks.items.find((t) => t.via === 'former');
    expect(former).toBeDefined();
    const task = (
      await as(ctx.app, cast.viewer, { method: 'GET', url: `/api/tasks/${former?.id}` })
    ).json<{ version: number }>();
    const chosen = caoLocCommunes.find((c) => c !== DONG_DANG && c !== DONG_KINH) as string;
    const assigned = await as(ctx.app, cast.consolidator, {
      method: 'PUT',
      url: `/api/tasks/${former?.id}/assignment`,
      payload: {
        version: task.version,
        leadAgencyId: await agencyIdByCode(db, tenantId, `UBND-${chosen}`),
        coordinatorAgencyIds: [],
      },
    });
    expect(assigned.statusCode, assigned.body).toBe(200);
    const { value } = await measures(`measure=overdue&planId=${planId}`);
    expect(value.get(chosen)).toBe('1');
    expect(value.get(DONG_DANG)).toBe('1'); // its own task only
    for (const code of caoLocCommunes.filter((c) => c !== chosen && c !== DONG_DANG))
      expect(value.get(code), code).toBe('0');
    const there = (
      await as(ctx.app, cast.viewer, {
        method: 'GET',
        url: `/api/map/communes/${chosen}?planId=${planId}`,
      })
    ).json<CommuneWork>();
    expect(there.tasks.items).toMatchObject([{ id: former?.id, via: 'commune' }]);
  });

  it('shows another tenant none of this province: no boundaries for its province, none of its communes', async () => {
    const geo = await as(ctx.app, other, { method: 'GET', url: '/api/map/communes' });
    expect(geo.statusCode).toBe(404);
    expect(geo.json<{ error: { code: string } }>().error.code).toBe('map_not_available');
    for (const measure of ['overdue', 'projects', 'disbursement']) {
      const res = await as(ctx.app, other, {
        method: 'GET',
        url: `/api/map/measures?measure=${measure}`,
      });
      expect(res.statusCode).toBe(200);
      const codes = res.json<MapMeasures>().items.map((i) => i.code);
      expect(codes.filter((c) => provinceCommunes.includes(c))).toEqual([]);
    }
    const commune = await as(ctx.app, other, {
      method: 'GET',
      url: `/api/map/communes/${DONG_DANG}`,
    });
    expect(commune.statusCode).toBe(404);
    // The other tenant's own plans are none of ours either way.
    const ours = await ctx.database.db
      .select({ id: projects.id })
      .from(projects)
      .where(and(eq(projects.tenantId, ctx.database.tenantId), inArray(projects.planId, [planId])));
    expect(ours.length).toBe(3);
  });
});
