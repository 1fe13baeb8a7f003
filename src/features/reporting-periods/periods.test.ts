// Reporting periods as records: a plan gets its annual periods when stored, the consolidator edits
// and opens them, and recurring work is judged in them — each period keeping its own outcome. The
// recurring tasks here report through the task service and its approval, as people do.
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/support/app.js';
import { engines } from '../../../test/support/database.js';
import { numberedPlan } from '../../../test/support/factories.js';
import {
  type Auth,
  agencyIdByCode,
  as,
  type CastName,
  createCast,
  createTestUser,
  loginCast,
} from '../../../test/support/users.js';
import { agencyReports, auditRecords, reportingPeriods, tasks, users } from '../../db/schema.js';
import type { UserPrincipal } from '../../server/principal.js';
import { planFileSchema } from '../plans/plan-file.js';
import { createPlanFromFile } from '../plans/service.js';
import { countTasks, loadTask } from '../tasks/queries.js';
import { addProgress, reviewProgress } from '../tasks/service.js';
import type { PeriodDetail, PeriodList } from './schema.js';
import { completeness, loadPeriod, taskPeriodRecord } from './service.js';

describe.each(engines())('reporting periods on %s', (engine) => {
  const ctx = useTestApp(engine);
  let cast: Record<CastName, Auth>;
  let planId: string;
  let reported: string;
  let unreported: string;
  let officer: UserPrincipal;
  let head: UserPrincipal;

  const principal = async (username: string): Promise<UserPrincipal> => {
    const [u] = await ctx.database.db.select().from(users).where(eq(users.username, username));
    if (!u) throw new Error(username);
    return {
      kind: 'user',
      tenantId: u.tenantId,
      userId: u.id,
      username: u.username,
      displayName: u.displayName,
      role: u.role as UserPrincipal['role'],
      agencyId: u.agencyId,
      sessionId: 'test',
      csrfToken: 'test',
      demo: false,
    };
  };
  const get = async <T>(url: string, who: CastName = 'viewer') => {
    const res = await as(ctx.app, cast[who], { method: 'GET', url });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    return res.json() as T;
  };
  const periodsOfPlan = async () =>
    (await get<PeriodList>(`/api/periods?planId=${planId}`)).items.filter(
      (p) => p.kind === 'annual',
    );
  /** A progress report dated `on`, approved by the head, as the task service does it. */
  const reportOn = async (taskId: string, on: string) => {
    const { db, tenantId } = ctx.database;
    const task = await loadTask(db, tenantId, taskId, on);
    if (!task) throw new Error('task');
    const actor = { id: `user:${officer.userId}`, tenantId, agencyId: officer.agencyId };
    const update = await addProgress(
      db,
      actor,
      officer,
      task,
      'progress',
      { version: task.version, reportedOn: on, narrative: 'Đã thực hiện trong năm', files: [] },
      on,
    );
    await reviewProgress(
      db,
      { id: `user:${head.userId}`, tenantId, agencyId: head.agencyId },
      head,
      update.id,
      'approve',
      undefined,
    );
  };

  beforeAll(async () => {
    const { db, tenantId } = ctx.database;
    await createCast(db, tenantId);
    cast = await loginCast(ctx.app);
    await createTestUser(db, tenantId, 'periods-officer', 'agency_officer', 'STC');
    officer = await principal('periods-officer');
    head = await principal('stc-head');
    const plan = numberedPlan({ number: '31/KH-UBND', date: '2026-01-20' });
    const section = plan.sections[0];
    if (!section) throw new Error('no section');
    section.tasks = [
      {
        title: 'Báo cáo kết quả thực hiện Kế hoạch về Sở Tài chính',
        lead: 'Sở Tài chính',
        deadline: { kind: 'annual', day: 31, month: 12 },
      },
      {
        title: 'Theo dõi, đôn đốc việc triển khai thực hiện Kế hoạch',
        lead: 'Sở Tài chính',
        deadline: { kind: 'continuous' },
      },
    ];
    ({ planId } = await createPlanFromFile(
      db,
      { id: 'test', tenantId },
      planFileSchema.parse(plan),
    ));
    const rows = await db.select().from(tasks).where(eq(tasks.planId, planId));
    reported = rows.find((t) => t.deadlineKind === 'continuous')?.id as string;
    unreported = rows.find((t) => t.deadlineKind === 'annual')?.id as string;
  });

  it('gives a stored plan its annual periods: Decree 09 windows, due on the plan’s own day', async () => {
    const periods = await periodsOfPlan();
    expect(periods.map((p) => p.label)).toEqual([
      'Năm 2026',
      'Năm 2027',
      'Năm 2028',
      'Năm 2029',
      'Năm 2030',
    ]);
    expect(periods[0]).toMatchObject({
      windowFrom: '2025-12-15',
      windowTo: '2026-12-14',
      submissionDueOn: '2026-12-31',
      openedAt: null,
      expected: 0,
    });
    expect(periods[0]?.abilities).toEqual({
      update: false,
      open: false,
      manageAgencies: false,
      readReminders: false,
    });
  });

  it('judges recurring work per period: 20/12/2026 answers 2026, and 2026 unreported stays missing', async () => {
    const { db, tenantId } = ctx.database;
    await reportOn(reported, '2026-12-20');

    // Late December: still 2026's report, now in on time; the other task is not started yet.
    const dec21 = await loadTask(db, tenantId, reported, '2026-12-21');
    expect(dec21?.status).toMatchObject({ state: 'done_on_time', dueOn: '2026-12-31' });
    expect(dec21?.status.period?.label).toBe('Năm 2026');
    const other = await loadTask(db, tenantId, unreported, '2026-12-31');
    expect(other?.status.state).toBe('not_started');

    // 1 January: 2027 is judged; 2026's report did not count for it.
    const jan1 = await loadTask(db, tenantId, reported, '2027-01-01');
    expect(jan1?.status).toMatchObject({ state: 'in_progress', dueOn: '2027-12-31' });
    expect(jan1?.status.period?.label).toBe('Năm 2027');

    // Each period keeps its outcome: 2026 on time for one, missing for the other.
    const history = async (id: string, asOf: string) => {
      const row = (await db.select().from(tasks).where(eq(tasks.id, id)))[0];
      if (!row) throw new Error('task');
      return (await taskPeriodRecord(db, row, asOf)).items;
    };
    expect((await history(reported, '2027-01-01')).slice(0, 2)).toEqual([
      expect.objectContaining({ label: 'Năm 2027', outcome: 'pending', reportedOn: null }),
      expect.objectContaining({ label: 'Năm 2026', outcome: 'on_time', reportedOn: '2026-12-20' }),
    ]);
    expect((await history(unreported, '2027-01-01'))[1]).toMatchObject({
      label: 'Năm 2026',
      outcome: 'missing',
    });
    expect((await history(unreported, '2027-06-30'))[1]?.outcome).toBe('missing');

    // The period's own count says the same.
    const periods = await periodsOfPlan();
    const y2026 = await loadPeriod(db, tenantId, periods[0]?.id as string);
    if (!y2026) throw new Error('period');
    expect((await completeness(db, y2026.period, '2027-01-01')).recurringTasks).toEqual({
      total: 2,
      onTime: 1,
      late: 0,
      missing: 1,
      open: 0,
    });
    expect((await completeness(db, y2026.period, '2026-12-21')).recurringTasks).toMatchObject({
      missing: 0,
      open: 1,
    });
    // And the counts of the plan's tasks on each day.
    expect((await countTasks(db, tenantId, { planId }, '2026-12-21')).states).toMatchObject({
      done_on_time: 1,
      not_started: 1,
    });
  });

  it('lets the consolidator move a deadline, and judges the outcomes again', async () => {
    const [first] = await periodsOfPlan();
    if (!first) throw new Error('no period');
    const put = (version: number, submissionDueOn: string, who: CastName = 'consolidator') =>
      as(ctx.app, cast[who], {
        method: 'PUT',
        url: `/api/periods/${first.id}`,
        payload: {
          kind: 'annual',
          label: first.label,
          windowFrom: first.windowFrom,
          windowTo: first.windowTo,
          submissionDueOn,
          reminderDaysBefore: [7, 2],
          version,
        },
      });
    expect((await put(first.version, '2026-12-18', 'stc-officer')).statusCode).toBe(404);
    const moved = await put(first.version, '2026-12-18');
    expect(moved.statusCode, moved.body).toBe(200);
    expect((moved.json() as PeriodDetail).submissionDueOn).toBe('2026-12-18');
    // The continuous task's report of 20/12 now came after 2026's deadline: it answers 2027,
    // and 2026 is missing.
    const { db, tenantId } = ctx.database;
    const row = (await db.select().from(tasks).where(eq(tasks.id, reported)))[0];
    if (!row) throw new Error('task');
    const items = (await taskPeriodRecord(db, row, '2027-01-01')).items;
    expect(items.find((i) => i.label === 'Năm 2026')?.outcome).toBe('missing');
    expect(items.find((i) => i.label === 'Năm 2027')).toMatchObject({
      outcome: 'on_time',
      reportedOn: '2026-12-20',
    });
    // A stale version changes nothing.
    const stale = await put(first.version, '2026-12-31');
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ error: { code: 'stale_version' } });
    // A window backwards is refused with the field named.
    const bad = await as(ctx.app, cast.consolidator, {
      method: 'PUT',
      url: `/api/periods/${first.id}`,
      payload: { ...first, windowTo: '2025-01-01', version: first.version + 1 },
    });
    expect(bad.statusCode).toBe(400);
    const audit = await db.select().from(auditRecords).where(eq(auditRecords.entityId, first.id));
    expect(audit.map((a) => a.action)).toContain('update');
    // Back to the plan's day for the other tests.
    expect((await put(first.version + 1, '2026-12-31')).statusCode).toBe(200);
    expect((await loadTask(db, tenantId, reported, '2026-12-21'))?.status.state).toBe(
      'done_on_time',
    );
  });

  it('adds an ad hoc period, refusing a duplicate', async () => {
    const body = {
      kind: 'six_month',
      label: '6 tháng đầu năm 2027',
      windowFrom: '2026-12-15',
      windowTo: '2027-06-14',
      submissionDueOn: '2027-06-20',
    };
    const post = (who: CastName) =>
      as(ctx.app, cast[who], {
        method: 'POST',
        url: `/api/plans/${planId}/periods`,
        payload: body,
      });
    expect((await post('stc-head')).statusCode).toBe(404);
    const created = await post('consolidator');
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ kind: 'six_month', reminderDaysBefore: [7, 2] });
    const again = await post('consolidator');
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ error: { code: 'period_exists' } });
    // Recurring work stays judged in the annual periods.
    const { db, tenantId } = ctx.database;
    expect((await loadTask(db, tenantId, reported, '2027-03-01'))?.status.period?.label).toBe(
      'Năm 2027',
    );
  });

  it('opens a period: the agencies leading the plan’s work are expected; completeness counts them', async () => {
    const { db, tenantId } = ctx.database;
    const [first] = await periodsOfPlan();
    if (!first) throw new Error('no period');
    const open = (who: CastName) =>
      as(ctx.app, cast[who], { method: 'POST', url: `/api/periods/${first.id}/open` });
    // A task still led by an agency the 2025 reorganisation merged into another: the agency that
    // carries the work today is expected, not the one that ended.
    const ended = await agencyIdByCode(db, tenantId, 'STNMT');
    const successor = await agencyIdByCode(db, tenantId, 'SNNMT');
    await db.update(tasks).set({ currentLeadAgencyId: ended }).where(eq(tasks.id, unreported));
    expect((await open('leader')).statusCode).toBe(404);
    const opened = await open('consolidator');
    expect(opened.statusCode, opened.body).toBe(200);
    const detail = opened.json() as PeriodDetail;
    const stc = await agencyIdByCode(db, tenantId, 'STC');
    const sxd = await agencyIdByCode(db, tenantId, 'SXD');
    expect(detail.openedAt).not.toBeNull();
    expect(detail.completeness.agencies.map((a) => a.agency.id)).toContain(stc);
    expect(detail.completeness.agencies.map((a) => a.agency.id)).not.toContain(ended);
    expect(detail.completeness.agencies.find((a) => a.agency.id === successor)).toMatchObject({
      source: 'derived',
    });
    expect(detail.completeness.agencies.find((a) => a.agency.id === stc)).toMatchObject({
      source: 'derived',
      standing: 'not_started',
    });
    expect((await open('consolidator')).statusCode).toBe(404);

    // The consolidator adds Sở Xây dựng; its report, submitted late, counts as late.
    const added = await as(ctx.app, cast.consolidator, {
      method: 'PUT',
      url: `/api/periods/${first.id}/agencies`,
      payload: { add: [sxd] },
    });
    expect(added.statusCode, added.body).toBe(200);
    await db.insert(agencyReports).values({
      tenantId,
      periodId: first.id,
      agencyId: sxd,
      state: 'submitted',
      submittedAt: new Date('2027-01-03T02:00:00Z'),
    });
    const [period] = await db
      .select()
      .from(reportingPeriods)
      .where(eq(reportingPeriods.id, first.id));
    if (!period) throw new Error('period');
    const after = await completeness(db, period, '2027-01-05');
    expect(after).toMatchObject({ submitted: 1, onTime: 0, late: 1, returned: 0 });
    expect(after.expected, JSON.stringify(after.agencies)).toBe(after.agencies.length);
    expect(after.missing, JSON.stringify(after.agencies)).toBe(after.expected - 1);
    // Before the deadline nobody is missing yet.
    expect((await completeness(db, period, '2026-12-20')).missing).toBe(0);
    // An agency whose report is in cannot be removed.
    const removed = await as(ctx.app, cast.consolidator, {
      method: 'PUT',
      url: `/api/periods/${first.id}/agencies`,
      payload: { remove: [sxd] },
    });
    expect(removed.statusCode).toBe(409);
    expect(removed.json()).toMatchObject({ error: { code: 'agency_has_report' } });
  });
});
