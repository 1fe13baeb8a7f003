// Actuals of a target: the responsible agency's staff report with a note and evidence, its head
// approves; corrections keep the history; the projection (and the list filtered by it) follows.
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/support/app.js';
import { engines } from '../../../test/support/database.js';
import { examplePlan } from '../../../test/support/factories.js';
import { multipart, SAMPLE_PDF } from '../../../test/support/multipart.js';
import {
  type Auth,
  agencyIdByCode,
  as,
  type CastName,
  createCast,
  loginCast,
} from '../../../test/support/users.js';
import { auditRecords, notifications, targets, tasks } from '../../db/schema.js';
import { isoDateInVietnam } from '../../domain/calendar.js';
import { planFileSchema } from '../plans/plan-file.js';
import { createPlanFromFile } from '../plans/service.js';
import type { ActualReport, TargetDetail, TargetList } from './schema.js';

describe.each(engines())('target actuals on %s', (engine) => {
  const ctx = useTestApp(engine);
  let cast: Record<CastName, Auth>;
  let planId: string;
  let urbanId: string;
  let sxd: string;
  const year = Number(isoDateInVietnam().slice(0, 4));
  const lastYear = String(year - 1);

  const get = async <T>(url: string, who: CastName = 'viewer') => {
    const res = await as(ctx.app, cast[who], { method: 'GET', url });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    return res.json() as T;
  };
  const report = async (
    who: CastName,
    fields: Record<string, string>,
    files: { name: string; content: Buffer }[] = [],
    id = urbanId,
  ) => {
    const body = multipart([
      ...Object.entries(fields).map(([name, value]) => ({ name, value })),
      ...files.map((f) => ({ name: 'evidence', fileName: f.name, content: f.content })),
    ]);
    return as(ctx.app, cast[who], {
      method: 'POST',
      url: `/api/targets/${id}/actuals`,
      payload: body.payload,
      headers: body.headers,
    });
  };
  const review = (who: CastName, id: string, decision: 'approve' | 'return', note?: string) =>
    as(ctx.app, cast[who], {
      method: 'POST',
      url: `/api/target-actuals/${id}/review`,
      payload: { decision, ...(note ? { note } : {}) },
    });
  const version = async () => (await get<TargetDetail>(`/api/targets/${urbanId}`)).version;

  beforeAll(async () => {
    const { db, tenantId } = ctx.database;
    await createCast(db, tenantId);
    cast = await loginCast(ctx.app);
    ({ planId } = await createPlanFromFile(
      db,
      { id: 'test', tenantId },
      planFileSchema.parse(examplePlan()),
    ));
    sxd = await agencyIdByCode(db, tenantId, 'SXD');
    const list = await get<TargetList>(`/api/targets?planId=${planId}`);
    const urban = list.items.find((t) => t.indicator === 'Số đô thị toàn tỉnh');
    if (!urban) throw new Error('no urban-areas target');
    urbanId = urban.id;
    // The consolidator completes it: a baseline two years back, Sở Xây dựng responsible.
    const detail = await get<TargetDetail>(`/api/targets/${urbanId}`, 'consolidator');
    const res = await as(ctx.app, cast.consolidator, {
      method: 'PUT',
      url: `/api/targets/${urbanId}`,
      payload: {
        version: detail.version,
        kind: 'count',
        comparator: 'at_least',
        unit: 'đô thị',
        baseline: { year: year - 2, value: '12' },
        milestones: [{ year: 2030, value: '17' }],
        responsibleAgencyId: sxd,
        dataSource: null,
      },
    });
    expect(res.statusCode, res.body).toBe(200);
  });

  it('lets only the responsible agency’s staff report, and only what the kind asks', async () => {
    const detail = await get<TargetDetail>(`/api/targets/${urbanId}`, 'sxd-officer');
    expect(detail.abilities).toEqual({ update: false, report: true });
    expect(
      (await get<TargetDetail>(`/api/targets/${urbanId}`, 'stc-officer')).abilities.report,
    ).toBe(false);
    // Another agency's officer: not found, as for a target that does not exist.
    const other = await report('stc-officer', {
      version: String(detail.version),
      period: lastYear,
      value: '13',
      note: 'x',
    });
    expect(other.statusCode).toBe(404);
    // Wrong fields for the kind, a period not ended, a period finer than the frequency.
    const wrong = await report('sxd-officer', {
      version: String(detail.version),
      period: String(year + 1),
      achieved: 'true',
      note: 'x',
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.issues.map((i: { code: string }) => i.code)).toEqual(
      expect.arrayContaining(['period_not_ended', 'value_required', 'achieved_not_allowed']),
    );
    const quarter = await report('sxd-officer', {
      version: String(detail.version),
      period: `${lastYear}-Q2`,
      value: '13',
      note: 'x',
    });
    expect(quarter.statusCode).toBe(400);
    expect(quarter.json().error.code).toBe('period_frequency');
    expect((await get<TargetDetail>(`/api/targets/${urbanId}`)).reports).toHaveLength(0);
  });

  it('waits for the head, counts once approved, and keeps corrections', async () => {
    const { db } = ctx.database;
    const res = await report(
      'sxd-officer',
      { version: String(await version()), period: lastYear, value: '14', note: 'Theo thống kê' },
      [{ name: 'bao-cao.pdf', content: SAMPLE_PDF }],
    );
    expect(res.statusCode, res.body).toBe(201);
    const pending = res.json<ActualReport>();
    expect(pending).toMatchObject({
      status: 'pending',
      value: '14',
      period: lastYear,
      periodLabel: `năm ${lastYear}`,
      agency: { id: sxd, name: 'Sở Xây dựng' },
      abilities: { review: false },
    });
    expect(pending.evidence).toHaveLength(1);
    const file = await as(ctx.app, cast.viewer, {
      method: 'GET',
      url: pending.evidence[0]?.url as string,
    });
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.equals(SAMPLE_PDF)).toBe(true);
    // Not counted while pending.
    let detail = await get<TargetDetail>(`/api/targets/${urbanId}`, 'sxd-head');
    expect(detail.latestActual).toBeNull();
    expect(detail.reports[0]?.abilities.review).toBe(true);
    // The head is told; a second report of the period waits its turn.
    const told = await db
      .select()
      .from(notifications)
      .where(eq(notifications.eventKey, `target-actual:${pending.id}:submitted`));
    expect(told.length).toBeGreaterThan(0);
    const twice = await report('sxd-officer', {
      version: String(detail.version),
      period: lastYear,
      value: '15',
      note: 'x',
    });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('actual_pending');
    // Another agency's head cannot review it; the agency's own head can, once.
    expect((await review('stc-head', pending.id, 'approve')).statusCode).toBe(404);
    const approved = await review('sxd-head', pending.id, 'approve');
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'approved', abilities: { review: false } });
    expect((await review('sxd-head', pending.id, 'return')).statusCode).toBe(409);
    detail = await get<TargetDetail>(`/api/targets/${urbanId}`);
    expect(detail.latestActual).toMatchObject({ value: '14', period: lastYear });
    // 12 → 17 over (2030 − baseline year): 14 a year after the baseline is ahead of the path.
    expect(detail.projection.state).toBe('on_track');
    expect(detail.projection.rule).toContain(`năm ${lastYear} cần ít nhất`);

    // A correction by the head counts at once; both reports stay in the history.
    const corrected = await report('sxd-head', {
      version: String(detail.version),
      period: lastYear,
      value: '12',
      note: 'Đính chính: 2 đô thị chưa được công nhận',
    });
    expect(corrected.statusCode, corrected.body).toBe(201);
    expect(corrected.json()).toMatchObject({ status: 'approved' });
    detail = await get<TargetDetail>(`/api/targets/${urbanId}`);
    expect(detail.reports.map((r) => r.value)).toEqual(['12', '14']);
    expect(detail.actuals).toHaveLength(1);
    expect(detail.latestActual?.value).toBe('12');
    expect(['at_risk', 'off_track']).toContain(detail.projection.state);
    const audit = await db
      .select()
      .from(auditRecords)
      .where(and(eq(auditRecords.entity, 'target_actual'), eq(auditRecords.entityId, pending.id)));
    expect(audit.map((a) => a.action).sort()).toEqual(['approve', 'create']);
  });

  it('lets the consolidator set the plan’s thresholds, and re-projects its targets', async () => {
    const url = `/api/plans/${planId}/projection-settings`;
    expect(await get(url)).toEqual({
      atRiskShare: '0.8',
      aboutMargin: '0.05',
      abilities: { update: false },
    });
    // 12 against a path that has moved on: off track at 4/5 of the way …
    expect((await get<TargetDetail>(`/api/targets/${urbanId}`)).projection.state).toBe('off_track');
    const put = (who: CastName, payload: object) =>
      as(ctx.app, cast[who], { method: 'PUT', url, payload });
    expect((await put('sxd-head', { atRiskShare: '0', aboutMargin: '0.05' })).statusCode).toBe(404);
    const bad = await put('consolidator', { atRiskShare: '1.5', aboutMargin: '0.7' });
    expect(bad.statusCode).toBe(400);
    const res = await put('consolidator', { atRiskShare: '0', aboutMargin: '0.1' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ atRiskShare: '0', aboutMargin: '0.1' });
    // … at risk when any share of the way counts; the list (SQL) follows.
    const detail = await get<TargetDetail>(`/api/targets/${urbanId}`);
    expect(detail.projection.state).toBe('at_risk');
    expect(detail.projection.rule).toContain('từ 0%');
    const atRisk = await get<TargetList>(`/api/targets?planId=${planId}&projection=at_risk`);
    expect(atRisk.items.map((t) => t.id)).toContain(urbanId);
    await put('consolidator', { atRiskShare: '0.8', aboutMargin: '0.05' });
    expect((await get<TargetDetail>(`/api/targets/${urbanId}`)).projection.state).toBe('off_track');
  });

  it('refuses a report based on an older version of the target', async () => {
    const stale = await report('sxd-head', {
      version: String((await version()) - 1),
      period: String(year - 2),
      value: '12',
      note: 'x',
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('stale_version');
  });

  it('filters the list by projection and by agency in SQL, and links tasks both ways', async () => {
    const { db } = ctx.database;
    const state = (await get<TargetDetail>(`/api/targets/${urbanId}`)).projection.state;
    const byState = await get<TargetList>(`/api/targets?planId=${planId}&projection=${state}`);
    expect(byState.items.map((t) => t.id)).toContain(urbanId);
    const onTrack = await get<TargetList>(`/api/targets?planId=${planId}&projection=on_track`);
    expect(onTrack.items.map((t) => t.id)).not.toContain(urbanId);
    const noBaseline = await get<TargetList>(
      `/api/targets?planId=${planId}&projection=no_baseline`,
    );
    expect(noBaseline.total).toBeGreaterThan(0);
    expect(noBaseline.items.every((t) => t.projection.state === 'no_baseline')).toBe(true);
    const bySxd = await get<TargetList>(`/api/targets?planId=${planId}&agencyId=${sxd}`);
    expect(bySxd.items.map((t) => t.id)).toEqual([urbanId]);

    // A yes/no milestone stored "due" reads "overdue" once its year has passed.
    const [milestone] = await db
      .update(targets)
      .set({ projectionState: 'due', projectionDueYear: year - 1 })
      .where(and(eq(targets.planId, planId), eq(targets.kind, 'milestone')))
      .returning();
    if (milestone) {
      const overdue = await get<TargetList>(`/api/targets?planId=${planId}&projection=overdue`);
      expect(overdue.items.map((t) => t.id)).toContain(milestone.id);
    }

    const [task] = await db.select().from(tasks).where(eq(tasks.planId, planId)).limit(1);
    if (!task) throw new Error('no task');
    const stc = await agencyIdByCode(db, ctx.database.tenantId, 'STC');
    const detail = await get<TargetDetail>(`/api/targets/${urbanId}`, 'consolidator');
    const res = await as(ctx.app, cast.consolidator, {
      method: 'PUT',
      url: `/api/targets/${urbanId}`,
      payload: {
        version: detail.version,
        kind: detail.kind,
        comparator: detail.comparator,
        unit: detail.unit,
        baseline: detail.baseline,
        milestones: detail.milestones,
        responsibleAgencyId: sxd,
        dataSource: null,
        reportingFrequency: 'quarterly',
        contributorAgencyIds: [stc],
        taskIds: [task.id],
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      reportingFrequency: 'quarterly',
      contributors: [{ id: stc }],
      tasks: [{ id: task.id }],
    });
    const byStc = await get<TargetList>(`/api/targets?planId=${planId}&agencyId=${stc}`);
    expect(byStc.items.map((t) => t.id)).toContain(urbanId);
    const taskView = await get<{ targets: { id: string }[] }>(`/api/tasks/${task.id}`);
    expect(taskView.targets.map((t) => t.id)).toEqual([urbanId]);
  });

  it('withdraws the former agency’s waiting report when the target goes to another agency', async () => {
    const waiting = await report('sxd-officer', {
      version: String(await version()),
      period: String(year - 3),
      value: '11',
      note: 'x',
    });
    expect(waiting.statusCode, waiting.body).toBe(201);
    const id = waiting.json<ActualReport>().id;
    const stc = await agencyIdByCode(ctx.database.db, ctx.database.tenantId, 'STC');
    const detail = await get<TargetDetail>(`/api/targets/${urbanId}`, 'consolidator');
    const res = await as(ctx.app, cast.consolidator, {
      method: 'PUT',
      url: `/api/targets/${urbanId}`,
      payload: {
        version: detail.version,
        kind: detail.kind,
        comparator: detail.comparator,
        unit: detail.unit,
        baseline: detail.baseline,
        milestones: detail.milestones,
        responsibleAgencyId: stc,
        dataSource: null,
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    const after = res.json<TargetDetail>();
    expect(after.reports.find((r) => r.id === id)?.status).toBe('withdrawn');
    // The former head can no longer decide it; the new agency reports.
    expect((await review('sxd-head', id, 'approve')).statusCode).toBe(404);
    expect(
      (await get<TargetDetail>(`/api/targets/${urbanId}`, 'sxd-officer')).abilities.report,
    ).toBe(false);
    expect(
      (await get<TargetDetail>(`/api/targets/${urbanId}`, 'stc-officer')).abilities.report,
    ).toBe(true);
    const told = await ctx.database.db
      .select()
      .from(notifications)
      .where(eq(notifications.eventKey, `target-actual:${id}:withdrawn`));
    expect(told).toHaveLength(1);
  });
});
