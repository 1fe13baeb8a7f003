// The leadership dashboard counts in SQL what the lists show: tasks built in every state of the
// grid (done on time, late, in progress, overdue at each age, not started) across two agencies and
// two sectors, targets in three projections, projects with capital plans, disbursements and
// milestones, an opened period with one agency's report in. Every number is checked against the
// data built here, and every figure's list, asked of its endpoint, has that many rows.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, engines, type TestDatabase } from '../../../test/support/database.js';
import { numberedPlan } from '../../../test/support/factories.js';
import {
  type Auth,
  agencyIdByCode,
  as,
  type CastName,
  createCast,
  loginCast,
} from '../../../test/support/users.js';
import {
  agencyReports,
  projectCapitalPlans,
  projectDisbursements,
  projectMilestones,
  projects,
  targets,
  tasks,
} from '../../db/schema.js';
import { isoDateInVietnam } from '../../domain/calendar.js';
import { type App, buildApp } from '../../server/app.js';
import { planFileSchema } from '../plans/plan-file.js';
import { createPlanFromFile } from '../plans/service.js';
import { addDays } from '../tasks/status-sql.js';
import type { Dashboard, FigureList } from './schema.js';

const ROAD = 'Giao thông';
const URBAN = 'Đô thị';

describe.each(engines())('the leadership dashboard on %s', (engine) => {
  let database: TestDatabase;
  let app: App;
  let auth: Record<CastName, Auth>;
  let planId: string;
  let stc: string;
  let sxd: string;
  let periodId: string;
  const today = isoDateInVietnam();
  const year = Number(today.slice(0, 4));

  const get = async <T>(url: string, who: CastName = 'leader') => {
    const res = await as(app, auth[who], { method: 'GET', url });
    expect(res.statusCode, `${url}: ${res.body.slice(0, 300)}`).toBe(200);
    return res.json() as T;
  };

  /** How many rows the list behind a figure has, asked of its own endpoint. */
  const listed = async (list: FigureList | null): Promise<number> => {
    if (!list) throw new Error('figure without a list');
    const query = new URLSearchParams({ ...list.query, limit: '1' }).toString();
    const path = { tasks: '/api/tasks', targets: '/api/targets', projects: '/api/projects' };
    if (list.kind === 'period') throw new Error('a period is not a list');
    return (await get<{ total: number }>(`${path[list.kind]}?${query}`)).total;
  };

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    app = await buildApp({ db: database.db, tenantId: database.tenantId });
    const plan = numberedPlan({ number: '41/KH-UBND' });
    const section = plan.sections[0];
    if (!section) throw new Error('factory changed');
    const task = (title: string, lead: string, sector: string | undefined, due: number) => ({
      title,
      lead,
      ...(sector ? { sector } : {}),
      deadline: { kind: 'date', date: addDays(today, due) },
    });
    section.tasks = [
      task('Nhiệm vụ 1', 'Sở Tài chính', ROAD, -200),
      task('Nhiệm vụ 2', 'Sở Tài chính', ROAD, -100),
      task('Nhiệm vụ 3', 'Sở Tài chính', ROAD, -10),
      task('Nhiệm vụ 4', 'Sở Xây dựng', URBAN, -45),
      task('Nhiệm vụ 5', 'Sở Xây dựng', URBAN, -90),
      task('Nhiệm vụ 6', 'Sở Xây dựng', URBAN, -200),
      task('Nhiệm vụ 7', 'Sở Tài chính', URBAN, 30),
      task('Nhiệm vụ 8', 'Sở Xây dựng', ROAD, 60),
      task('Nhiệm vụ 9', 'Sở Tài chính', ROAD, 10),
      task('Nhiệm vụ 10', 'Sở Xây dựng', undefined, 5),
    ] as never;
    section.targets = [
      { indicator: 'Chỉ tiêu đường', value: 10, unit: 'km', year: 2030, sector: ROAD },
      { indicator: 'Chỉ tiêu cầu', value: 5, unit: 'cầu', year: 2030, sector: ROAD },
      { indicator: 'Chỉ tiêu đô thị', value: 3, unit: 'đô thị', year: 2030, sector: URBAN },
    ] as never;
    section.projects = [
      { name: 'Đường cao tốc thử nghiệm', sector: ROAD },
      { name: 'Khu đô thị thử nghiệm', sector: URBAN },
    ] as never;
    ({ planId } = await createPlanFromFile(
      database.db,
      { id: 'test', tenantId: database.tenantId },
      planFileSchema.parse(plan),
    ));
    // Another plan, left out by the plan filter: one task overdue since Q2 of 2020.
    await createPlanFromFile(
      database.db,
      { id: 'test', tenantId: database.tenantId },
      planFileSchema.parse({
        ...numberedPlan({ number: '42/KH-UBND' }),
        sections: [
          {
            label: 'I',
            title: 'NHIỆM VỤ',
            tasks: [
              {
                title: 'Nhiệm vụ kế hoạch khác',
                lead: 'Sở Tài chính',
                deadline: { kind: 'quarter', year: 2020, quarter: 2 },
              },
            ],
          },
        ],
      }),
    );
    await createCast(database.db, database.tenantId);
    auth = await loginCast(app);
    stc = await agencyIdByCode(database.db, database.tenantId, 'STC');
    sxd = await agencyIdByCode(database.db, database.tenantId, 'SXD');

    // Progress as approved reports leave it: completion dates, the latest approved report.
    const byTitle = async (title: string) => {
      const [row] = await database.db
        .select({ id: tasks.id })
        .from(tasks)
        .where(eq(tasks.title, title));
      if (!row) throw new Error(title);
      return row.id;
    };
    const set = async (title: string, values: Partial<typeof tasks.$inferInsert>) =>
      database.db
        .update(tasks)
        .set(values)
        .where(eq(tasks.id, await byTitle(title)));
    await set('Nhiệm vụ 1', {
      completedOn: addDays(today, -210),
      lastReportedOn: addDays(today, -210),
    });
    await set('Nhiệm vụ 2', {
      completedOn: addDays(today, -50),
      lastReportedOn: addDays(today, -50),
    });
    await set('Nhiệm vụ 7', { lastReportedOn: addDays(today, -3), progressPercent: 40 });
    await set('Nhiệm vụ 9', { completedOn: today, lastReportedOn: today });

    // Targets' stored projections.
    const project = async (indicator: string, state: string) =>
      database.db
        .update(targets)
        .set({ projectionState: state })
        .where(eq(targets.indicator, indicator));
    await project('Chỉ tiêu đường', 'on_track');
    await project('Chỉ tiêu cầu', 'off_track');
    await project('Chỉ tiêu đô thị', 'at_risk');

    // Projects: the year's capital plan by source, months disbursed, milestones.
    const projectId = async (name: string) => {
      const [row] = await database.db
        .select({ id: projects.id })
        .from(projects)
        .where(eq(projects.name, name));
      if (!row) throw new Error(name);
      return row.id;
    };
    const road = await projectId('Đường cao tốc thử nghiệm');
    const urban = await projectId('Khu đô thị thử nghiệm');
    const who = auth.consolidator.userId;
    const tenantId = database.tenantId;
    await database.db.insert(projectCapitalPlans).values([
      { tenantId, projectId: road, year, source: 'local', amount: '100.5', updatedBy: who },
      { tenantId, projectId: road, year, source: 'central', amount: '20.25', updatedBy: who },
      { tenantId, projectId: road, year: year - 1, source: 'local', amount: '999', updatedBy: who },
      { tenantId, projectId: urban, year, source: 'local', amount: '50', updatedBy: who },
    ]);
    await database.db.insert(projectDisbursements).values([
      { tenantId, projectId: road, year, month: 3, amount: '30.1', recordedBy: who },
      { tenantId, projectId: road, year, month: 6, amount: '10.005', recordedBy: who },
      { tenantId, projectId: road, year: year - 1, month: 6, amount: '77', recordedBy: who },
    ]);
    await database.db.insert(projectMilestones).values([
      // Slipping: planned 10 days ago, not reached.
      { projectId: road, kind: 'groundbreaking', plannedOn: addDays(today, -10) },
      // Reached late, not slipping any more; not due yet.
      {
        projectId: road,
        kind: 'approval',
        plannedOn: addDays(today, -20),
        actualOn: addDays(today, -5),
      },
      { projectId: road, kind: 'completion', plannedOn: addDays(today, 10) },
      // Two slipping milestones of one project.
      { projectId: urban, kind: 'approval', plannedOn: addDays(today, -1) },
      { projectId: urban, kind: 'groundbreaking', plannedOn: addDays(today, -3) },
    ]);

    // A period whose deadline has passed, opened; Sở Tài chính's report is in.
    const created = await as(app, auth.consolidator, {
      method: 'POST',
      url: `/api/plans/${planId}/periods`,
      payload: {
        kind: 'ad_hoc',
        label: 'Báo cáo đột xuất thử nghiệm',
        windowFrom: addDays(today, -60),
        windowTo: addDays(today, -20),
        submissionDueOn: addDays(today, -10),
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    periodId = (created.json() as { id: string }).id;
    const opened = await as(app, auth.consolidator, {
      method: 'POST',
      url: `/api/periods/${periodId}/open`,
    });
    expect(opened.statusCode, opened.body).toBe(200);
    await database.db.insert(agencyReports).values({
      tenantId,
      periodId,
      agencyId: stc,
      state: 'submitted',
      submittedAt: new Date(),
    });
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('counts the plan’s tasks by state and age, with both rates, each figure with its list', async () => {
    const d = await get<Dashboard>(`/api/dashboard?planId=${planId}`);
    expect(d.asOf).toBe(today);
    const t = d.tasks;
    expect(t.total.value).toBe(10);
    expect(Object.fromEntries(Object.entries(t.states).map(([k, v]) => [k, v.value]))).toEqual({
      done_on_time: 2,
      done_late: 1,
      in_progress: 1,
      overdue: 4,
      not_started: 2,
    });
    expect(t.completionRate).toBeCloseTo(3 / 7, 10);
    expect(t.onTimeRate).toBeCloseTo(2 / 7, 10);
    expect(
      Object.fromEntries(Object.entries(t.overdueByAge).map(([k, v]) => [k, v.value])),
    ).toEqual({ under_30: 1, over_30: 1, over_60: 1, over_120: 1 });
    // Every figure's list has as many tasks as the figure says.
    expect(await listed(t.total.list)).toBe(10);
    for (const f of Object.values(t.states)) expect(await listed(f.list)).toBe(f.value);
    for (const f of Object.values(t.overdueByAge)) expect(await listed(f.list)).toBe(f.value);
    expect(t.states.overdue.list).toEqual({ kind: 'tasks', query: { planId, state: 'overdue' } });

    // Without the plan filter the other plan's overdue task counts too.
    const all = await get<Dashboard>('/api/dashboard');
    expect(all.tasks.total.value).toBe(11);
    expect(all.tasks.states.overdue.value).toBe(5);
    expect(all.tasks.overdueByAge.over_120.value).toBe(2);
  });

  it('ranks agencies by on-time rate with the counts behind it, and breaks down by sector', async () => {
    const d = await get<Dashboard>(`/api/dashboard?planId=${planId}`);
    expect(
      d.byAgency.map((a) => ({
        id: a.agency.id,
        onTime: a.doneOnTime.value,
        late: a.doneLate.value,
        overdue: a.overdue.value,
        open: a.open.value,
        rate: a.onTimeRate,
      })),
    ).toEqual([
      { id: stc, onTime: 2, late: 1, overdue: 1, open: 2, rate: 0.5 },
      { id: sxd, onTime: 0, late: 0, overdue: 3, open: 5, rate: 0 },
    ]);
    for (const a of d.byAgency)
      for (const f of [a.doneOnTime, a.doneLate, a.overdue, a.open])
        expect(await listed(f.list)).toBe(f.value);

    const sectors = Object.fromEntries(d.bySector.map((s) => [s.sector ?? '-', s]));
    // In Vietnamese order (Đ after D, before G); items without a sector last.
    expect(Object.keys(sectors)).toEqual([URBAN, ROAD, '-']);
    const road = sectors[ROAD];
    const urban = sectors[URBAN];
    const none = sectors['-'];
    if (!road || !urban || !none) throw new Error('sectors missing');
    expect(road.tasks.total.value).toBe(5);
    expect(road.tasks.done).toBe(3);
    expect(road.tasks.overdue.value).toBe(1);
    expect(road.tasks.completionRate).toBeCloseTo(3 / 4, 10);
    expect(urban.tasks.total.value).toBe(4);
    expect(urban.tasks.overdue.value).toBe(3);
    expect(urban.tasks.completionRate).toBe(0);
    expect(none.tasks.total.value).toBe(1);
    expect(none.tasks.total.list).toBeNull();
    for (const s of [road, urban]) {
      expect(await listed(s.tasks.total.list)).toBe(s.tasks.total.value);
      expect(await listed(s.tasks.overdue.list)).toBe(s.tasks.overdue.value);
      for (const f of [s.targets.total, s.targets.onTrack, s.targets.atRisk, s.targets.offTrack])
        expect(await listed(f.list)).toBe(f.value);
      expect(await listed(s.projects.total.list)).toBe(s.projects.total.value);
    }
    expect([
      road.targets.onTrack.value,
      road.targets.offTrack.value,
      road.targets.total.value,
    ]).toEqual([1, 1, 2]);
    expect([urban.targets.atRisk.value, urban.targets.total.value]).toEqual([1, 1]);
    expect(road.projects.capitalPlanned).toBe('120.75');
    expect(road.projects.disbursed).toBe('40.105');
    expect(road.projects.disbursedPercent).toBe('33.21');
    expect(urban.projects.disbursed).toBe('0');
    expect(urban.projects.disbursedPercent).toBe('0');
    expect(d.sectors).toEqual([URBAN, ROAD]);
  });

  it('counts targets by projection, the year’s disbursement exactly, and milestones slipping', async () => {
    const d = await get<Dashboard>(`/api/dashboard?planId=${planId}`);
    expect(d.targets.total.value).toBe(3);
    const projection = Object.fromEntries(
      Object.entries(d.targets.byProjection).map(([k, v]) => [k, v.value]),
    );
    expect(projection).toMatchObject({
      on_track: 1,
      at_risk: 1,
      off_track: 1,
      no_baseline: 0,
      due: 0,
    });
    for (const f of Object.values(d.targets.byProjection))
      expect(await listed(f.list)).toBe(f.value);
    expect(d.targets.byProjection.off_track.list).toEqual({
      kind: 'targets',
      query: { planId, projection: 'off_track' },
    });

    // 100.5 + 20.25 + 50 planned this year; 30.1 + 10.005 disbursed (last year's left out).
    expect(d.year).toBe(year);
    expect(d.projects.total.value).toBe(2);
    expect(d.projects.capitalPlanned).toBe('170.75');
    expect(d.projects.disbursed).toBe('40.105');
    // 40.105 ÷ 170.75 = 23.4875…% → 23.49
    expect(d.projects.disbursedPercent).toBe('23.49');
    expect(d.projects.slipping.value).toBe(2);
    expect(d.projects.milestonesSlipping).toBe(3);
    expect(await listed(d.projects.slipping.list)).toBe(2);
    expect(await listed(d.projects.total.list)).toBe(2);
  });

  it('counts the reports missing in the period, as its completeness does', async () => {
    const d = await get<Dashboard>(`/api/dashboard?planId=${planId}`);
    const period = await get<{ completeness: { expected: number; missing: number } }>(
      `/api/periods/${periodId}`,
    );
    expect(d.reports?.period.id).toBe(periodId);
    expect(d.reports?.expected).toBe(period.completeness.expected);
    expect(d.reports?.submitted).toBe(1);
    expect(d.reports?.missing.value).toBe(period.completeness.missing);
    expect(d.reports?.missing.value).toBe(period.completeness.expected - 1);
    expect(d.reports?.missing.value).toBeGreaterThan(0);
    expect(d.reports?.pending).toBe(0);
    expect(d.reports?.missing.list).toEqual({ kind: 'period', query: { periodId } });
    // One agency: Sở Tài chính reported.
    const stcOnly = await get<Dashboard>(`/api/dashboard?planId=${planId}&agencyId=${stc}`);
    expect(stcOnly.reports?.expected).toBe(1);
    expect(stcOnly.reports?.missing.value).toBe(0);
  });

  it('filters by sector and agency, and every list follows', async () => {
    const d = await get<Dashboard>(
      `/api/dashboard?planId=${planId}&sector=${encodeURIComponent(URBAN)}&agencyId=${sxd}`,
    );
    expect(d.tasks.total.value).toBe(3);
    expect(d.tasks.states.overdue.value).toBe(3);
    expect(d.tasks.overdueByAge.over_120.value).toBe(1);
    expect(d.tasks.states.overdue.list?.query).toEqual({
      planId,
      sector: URBAN,
      agencyId: sxd,
      state: 'overdue',
    });
    expect(await listed(d.tasks.states.overdue.list)).toBe(3);
    expect(await listed(d.tasks.overdueByAge.over_60.list)).toBe(1);
    expect(d.byAgency.map((a) => a.agency.id)).toEqual([sxd]);
  });

  it('is read by every role; another tenant’s plan or an unknown period is not found', async () => {
    for (const who of ['admin', 'consolidator', 'stc-officer', 'viewer'] as const)
      expect((await get<Dashboard>(`/api/dashboard?planId=${planId}`, who)).tasks.total.value).toBe(
        10,
      );
    const missing = await as(app, auth.leader, {
      method: 'GET',
      url: `/api/dashboard?periodId=${crypto.randomUUID()}`,
    });
    expect(missing.statusCode).toBe(404);
    const plan = await as(app, auth.leader, {
      method: 'GET',
      url: `/api/dashboard?planId=${crypto.randomUUID()}`,
    });
    expect(plan.statusCode).toBe(404);
    const anonymous = await app.inject({ method: 'GET', url: '/api/dashboard' });
    expect(anonymous.statusCode).toBe(401);
  });
});
