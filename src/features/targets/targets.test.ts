// The targets API: a plan's targets with their milestones as the document states them, and a
// projection that says what it cannot judge (no baseline, no actual) and, once it can, judges the
// latest approved actual against the straight path, with the rule in words.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/support/app.js';
import { engines } from '../../../test/support/database.js';
import { examplePlan } from '../../../test/support/factories.js';
import {
  type Auth,
  agencyIdByCode,
  as,
  type CastName,
  createCast,
  loginCast,
} from '../../../test/support/users.js';
import { auditRecords, plans, targetActuals, targetMilestones, targets } from '../../db/schema.js';
import { isoDateInVietnam } from '../../domain/calendar.js';
import { planFileSchema } from '../plans/plan-file.js';
import { createPlanFromFile } from '../plans/service.js';
import type { TargetDetail, TargetList } from './schema.js';

describe.each(engines())('targets API on %s', (engine) => {
  const ctx = useTestApp(engine);
  let cast: Record<CastName, Auth>;
  let planId: string;
  const year = Number(isoDateInVietnam().slice(0, 4));

  const get = async <T>(url: string, who: CastName = 'viewer') => {
    const res = await as(ctx.app, cast[who], { method: 'GET', url });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    return res.json() as T;
  };
  const urbanAreas = async () =>
    (await get<TargetList>(`/api/targets?planId=${planId}`)).items.find(
      (t) => t.indicator === 'Số đô thị toàn tỉnh',
    );

  beforeAll(async () => {
    const { db, tenantId } = ctx.database;
    await createCast(db, tenantId);
    cast = await loginCast(ctx.app);
    ({ planId } = await createPlanFromFile(
      db,
      { id: 'test', tenantId },
      planFileSchema.parse(examplePlan()),
    ));
  });

  it('lists the plan’s targets with the milestones the document states', async () => {
    const list = await get<TargetList>(`/api/targets?planId=${planId}`);
    expect(list.total).toBe(5);
    expect(list.items.map((t) => t.indicator)).toContain('Số cụm công nghiệp');
    const urban = list.items.find((t) => t.indicator === 'Số đô thị toàn tỉnh');
    expect(urban).toMatchObject({
      unit: 'đô thị',
      kind: 'number',
      comparator: 'at_least',
      baseline: null,
      milestones: [{ year: 2030, value: '17' }],
      latestActual: null,
      plan: { id: planId },
    });
    // Nothing invented: without a baseline there is no path.
    expect(urban?.projection).toMatchObject({ state: 'no_baseline', expected: null });
    expect(urban?.projection.rule).toContain('Chưa có giá trị gốc');
    // Paged, with the total.
    const page = await get<TargetList>(`/api/targets?planId=${planId}&limit=2&offset=4`);
    expect(page).toMatchObject({ total: 5 });
    expect(page.items).toHaveLength(1);
  });

  it('projects the latest approved actual once there is a baseline, and says how', async () => {
    const { db, tenantId } = ctx.database;
    const urban = await urbanAreas();
    if (!urban) throw new Error('no urban-areas target');
    await db
      .update(targets)
      .set({ baselineValue: 12, baselineYear: year - 2 })
      .where(eq(targets.id, urban.id));
    expect((await urbanAreas())?.projection.state).toBe('no_data');
    // 12 two years ago → 17 in 2030; an approved actual on the path is on track; a pending one,
    // however high, is not counted.
    const expected = 12 + (5 * 2) / (2030 - (year - 2));
    await db.insert(targetActuals).values([
      {
        tenantId,
        targetId: urban.id,
        year,
        period: String(year),
        periodEnd: `${year}-12-31`,
        value: (Math.ceil(expected * 100) / 100).toFixed(2),
        status: 'approved',
        reportedBy: 'test',
        reviewedAt: new Date(),
      },
      {
        tenantId,
        targetId: urban.id,
        year: year + 1,
        period: String(year + 1),
        periodEnd: `${year + 1}-12-31`,
        value: '1',
        status: 'pending',
        reportedBy: 'test',
      },
    ]);
    const detail = await get<TargetDetail>(`/api/targets/${urban.id}`);
    expect(detail.projection.state).toBe('on_track');
    expect(detail.projection.year).toBe(year);
    expect(detail.projection.rule).toMatch(/^Lộ trình thẳng từ giá trị gốc 12 đô thị/);
    expect(detail.actuals).toHaveLength(1);
    expect(detail.latestActual?.year).toBe(year);
  });

  it('answers 404 for a target of a plan still being stored, or of no plan', async () => {
    const { db } = ctx.database;
    const list = await get<TargetList>(`/api/targets?planId=${planId}`);
    const id = list.items[0]?.id as string;
    await db.update(plans).set({ storingSince: new Date() }).where(eq(plans.id, planId));
    try {
      const hidden = await as(ctx.app, cast.viewer, { method: 'GET', url: `/api/targets/${id}` });
      expect(hidden.statusCode).toBe(404);
      expect((await get<TargetList>(`/api/targets?planId=${planId}`)).total).toBe(0);
    } finally {
      await db.update(plans).set({ storingSince: null }).where(eq(plans.id, planId));
    }
    const none = await as(ctx.app, cast.viewer, {
      method: 'GET',
      url: '/api/targets/00000000-0000-4000-8000-000000000000',
    });
    expect(none.statusCode).toBe(404);
    const anonymous = await as(ctx.app, null, { method: 'GET', url: '/api/targets' });
    expect(anonymous.statusCode).toBe(401);
  });

  it('gives targets stored before milestones existed their first milestone and kind (migration 0014)', async () => {
    const { db } = ctx.database;
    const planTargets = db
      .select({ id: targets.id })
      .from(targets)
      .where(eq(targets.planId, planId));
    await db.delete(targetMilestones).where(inArray(targetMilestones.targetId, planTargets));
    await db.update(targets).set({ kind: 'qualitative' }).where(eq(targets.planId, planId));
    const backfill = readFileSync(
      fileURLToPath(new URL('../../../drizzle/0014_targets_backfill.sql', import.meta.url)),
      'utf8',
    );
    for (const statement of backfill.split('--> statement-breakpoint')) {
      await db.execute(sql.raw(statement));
    }
    const urban = await urbanAreas();
    expect(urban).toMatchObject({ kind: 'number', milestones: [{ year: 2030, value: '17' }] });
  });

  it('lets the consolidator complete a target, audited, refusing a stale or inconsistent one', async () => {
    const { db } = ctx.database;
    const clusters = (await get<TargetList>(`/api/targets?planId=${planId}`)).items.find(
      (t) => t.indicator === 'Số cụm công nghiệp',
    );
    if (!clusters) throw new Error('no clusters target');
    const before = await get<TargetDetail>(`/api/targets/${clusters.id}`, 'consolidator');
    expect(before.abilities.update).toBe(true);
    expect((await get<TargetDetail>(`/api/targets/${clusters.id}`)).abilities.update).toBe(false);
    const sxd = await agencyIdByCode(db, ctx.database.tenantId, 'SXD');
    const put = (body: object, who: CastName = 'consolidator') =>
      as(ctx.app, cast[who], { method: 'PUT', url: `/api/targets/${clusters.id}`, payload: body });
    const change = {
      version: before.version,
      kind: 'count',
      comparator: 'at_least',
      unit: 'cụm',
      baseline: { year: 2024, value: '12' },
      milestones: [
        { year: 2030, value: '24' },
        { year: 2027, value: '16.5' },
      ],
      responsibleAgencyId: sxd,
      dataSource: 'Báo cáo của Sở Xây dựng',
    };
    const res = await put(change);
    expect(res.statusCode, res.body).toBe(200);
    const after = res.json<TargetDetail>();
    expect(after).toMatchObject({
      version: before.version + 1,
      kind: 'count',
      baseline: { year: 2024, value: '12' },
      milestones: [
        { year: 2027, value: '16.5' },
        { year: 2030, value: '24' },
      ],
      responsibleAgency: { id: sxd, name: 'Sở Xây dựng' },
      dataSource: 'Báo cáo của Sở Xây dựng',
      projection: { state: 'no_data' },
    });
    expect(after.projection.rule).toContain('16,5 cụm (năm 2027), 24 cụm (năm 2030)');
    const [record] = await db
      .select()
      .from(auditRecords)
      .where(
        and(
          eq(auditRecords.entity, 'target'),
          eq(auditRecords.entityId, clusters.id),
          eq(auditRecords.action, 'update'),
        ),
      );
    expect(record?.before).toMatchObject({ milestones: [{ year: 2030 }] });
    expect(record?.after).toMatchObject({ milestones: [{ year: 2027 }, { year: 2030 }] });

    // The same version again: someone changed it since.
    const stale = await put(change);
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('stale_version');
    // Inconsistent: a year twice, a quantity without a value, a baseline after a milestone.
    const bad = await put({
      ...change,
      version: after.version,
      baseline: { year: 2031, value: '12' },
      milestones: [
        { year: 2030, value: '24' },
        { year: 2030, value: null },
      ],
    });
    expect(bad.statusCode).toBe(400);
    const fields = bad.json().error.issues.map((i: { field: string }) => i.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'body.milestones.1.year',
        'body.milestones.1.value',
        'body.baseline.year',
      ]),
    );
    // Another role: not found, nothing changed.
    const officer = await put({ ...change, version: after.version }, 'sxd-officer');
    expect(officer.statusCode).toBe(404);
    expect((await get<TargetDetail>(`/api/targets/${clusters.id}`)).version).toBe(after.version);
  });
});
