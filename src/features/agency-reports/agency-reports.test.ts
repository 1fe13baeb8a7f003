// An agency's report for a reporting period, through the API on a small plan: pre-filled from live
// data (its tasks with status and the approved progress inside the window, its targets with the
// latest approved actual, its key projects with the window's disbursement and milestones) and not
// stored by reading; the workflow draft → submitted → returned → submitted → accepted (locked) →
// unlocked with every version kept and audited, 409 on a stale version or a locked report; another
// agency's staff get 404; the period's list with timeliness; the Excel round trip (download, fill
// with exceljs, upload becomes the draft; every bad cell listed by sheet!cell; another agency's,
// another period's or an older template refused; nothing stored on a bad file).
import { and, count, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/support/app.js';
import { engines } from '../../../test/support/database.js';
import { numberedPlan } from '../../../test/support/factories.js';
import { multipart, SAMPLE_PDF } from '../../../test/support/multipart.js';
import {
  type Auth,
  agencyIdByCode,
  as,
  type CastName,
  createCast,
  loginCast,
} from '../../../test/support/users.js';
import type { Db } from '../../db/client.js';
import {
  agencyReports,
  agencyReportVersions,
  auditRecords,
  notifications,
  projectDisbursements,
  projectMilestones,
  projects,
  reportingPeriodAgencies,
  reportingPeriods,
  targetActuals,
  targets,
  tasks,
} from '../../db/schema.js';
import { isoDateInVietnam } from '../../domain/calendar.js';
import { planFileSchema } from '../plans/plan-file.js';
import { createPlanFromFile } from '../plans/service.js';
import type { AgencyReportView, PeriodReportList, ReportVersionView } from './schema.js';

const addDays = (iso: string, days: number) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** A reporting period of a plan as the lead's opening leaves it: opened, with expected agencies. */
async function insertPeriod(
  db: Db,
  tenantId: string,
  input: {
    planId: string;
    label: string;
    windowFrom: string;
    windowTo: string;
    dueOn: string;
    agencyIds: string[];
    opened?: boolean;
  },
) {
  const [period] = await db
    .insert(reportingPeriods)
    .values({
      tenantId,
      planId: input.planId,
      kind: 'ad_hoc',
      label: input.label,
      windowFrom: input.windowFrom,
      windowTo: input.windowTo,
      submissionDueOn: input.dueOn,
      openedAt: input.opened === false ? null : new Date(),
    })
    .returning();
  if (!period) throw new Error('insert failed');
  if (input.agencyIds.length > 0)
    await db.insert(reportingPeriodAgencies).values(
      input.agencyIds.map((agencyId) => ({
        periodId: period.id,
        agencyId,
        tenantId,
        source: 'derived',
      })),
    );
  return period.id;
}

describe.each(engines())('agency reports on %s', (engine) => {
  const ctx = useTestApp(engine);
  let cast: Record<CastName, Auth>;
  let planId: string;
  let stc: string;
  let sxd: string;
  let snv: string;
  /** The main period: window from 60 days ago to 30 days ahead, due in 40 days. */
  let periodId: string;
  let latePeriodId: string;
  let closedPeriodId: string;
  let sxdTasks: string[];
  let targetId: string;
  let projectId: string;
  const today = isoDateInVietnam();
  const windowFrom = addDays(today, -60);
  const windowTo = addDays(today, 30);

  const url = (agencyId: string, period = periodId, rest = '') =>
    `/api/periods/${period}/agency-reports/${agencyId}${rest}`;
  const get = (who: CastName, agencyId: string, period = periodId) =>
    as(ctx.app, cast[who], { method: 'GET', url: url(agencyId, period) });
  const report = async (who: CastName, agencyId: string, period = periodId) => {
    const res = await get(who, agencyId, period);
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    return res.json() as AgencyReportView;
  };
  const send = (who: CastName, method: 'PUT' | 'POST', path: string, payload: object) =>
    as(ctx.app, cast[who], { method, url: path, payload });
  /** The save body of a report as read, with changes. */
  const saveBody = (r: AgencyReportView, change: Partial<Record<string, unknown>> = {}) => ({
    version: r.version,
    results: r.results,
    difficulties: r.difficulties,
    proposals: r.proposals,
    tasks: r.content.tasks.map(({ taskId, status, percent, note }) => ({
      taskId,
      status,
      percent,
      note,
    })),
    targets: r.content.targets.map(({ targetId, value, note }) => ({ targetId, value, note })),
    projects: r.content.projects.map(({ projectId, disbursed, note }) => ({
      projectId,
      disbursed,
      note,
    })),
    ...change,
  });
  const storedCount = async () => {
    const [row] = await ctx.database.db.select({ n: count() }).from(agencyReports);
    return row?.n ?? 0;
  };
  const versionCount = async () => {
    const [row] = await ctx.database.db.select({ n: count() }).from(agencyReportVersions);
    return row?.n ?? 0;
  };

  beforeAll(async () => {
    const { db, tenantId } = ctx.database;
    await createCast(db, tenantId);
    cast = await loginCast(ctx.app);
    const plan = numberedPlan();
    const section = plan.sections[0];
    if (!section?.tasks) throw new Error('plan without tasks');
    section.tasks.push(
      {
        title: 'Nâng cấp quốc lộ 4B',
        lead: 'Sở Xây dựng',
        deadline: { kind: 'year', year: Number(today.slice(0, 4)) + 1 },
      } as never,
      {
        title: 'Quy hoạch đô thị = mới',
        lead: 'Sở Xây dựng',
        deadline: { kind: 'date', date: addDays(today, -5) },
      } as never,
    );
    ({ planId } = await createPlanFromFile(
      db,
      { id: 'test', tenantId },
      planFileSchema.parse(plan),
    ));
    stc = await agencyIdByCode(db, tenantId, 'STC');
    sxd = await agencyIdByCode(db, tenantId, 'SXD');
    snv = await agencyIdByCode(db, tenantId, 'SNV');
    sxdTasks = (
      await db
        .select({ id: tasks.id })
        .from(tasks)
        .where(and(eq(tasks.planId, planId), eq(tasks.currentLeadAgencyId, sxd)))
        .orderBy(tasks.position)
    ).map((t) => t.id);
    expect(sxdTasks).toHaveLength(2);
    // The target is Sở Xây dựng's, with an approved actual; the project is its own, with
    // disbursements inside and outside the window and a milestone.
    const [target] = await db.select().from(targets).where(eq(targets.planId, planId));
    targetId = target?.id as string;
    await db.update(targets).set({ responsibleAgencyId: sxd }).where(eq(targets.id, targetId));
    await db.insert(targetActuals).values({
      tenantId,
      targetId,
      agencyId: sxd,
      year: 2025,
      period: '2025',
      periodEnd: '2025-12-31',
      value: '7.5',
      status: 'approved',
      reportedBy: cast['sxd-head'].userId,
      reviewedAt: new Date(),
    });
    const [project] = await db.select().from(projects).where(eq(projects.planId, planId));
    projectId = project?.id as string;
    await db.update(projects).set({ ownerAgencyId: sxd }).where(eq(projects.id, projectId));
    const lastMonth = addDays(`${today.slice(0, 7)}-01`, -1);
    const longAgo = addDays(today, -200);
    for (const [day, amount] of [
      [lastMonth, '12.5'],
      [longAgo, '99'],
    ] as const)
      await db.insert(projectDisbursements).values({
        tenantId,
        projectId,
        year: Number(day.slice(0, 4)),
        month: Number(day.slice(5, 7)),
        amount,
        recordedBy: cast.consolidator.userId,
      });
    await db
      .insert(projectMilestones)
      .values({ projectId, kind: 'groundbreaking', plannedOn: addDays(today, 10) });
    // Two approved reports by the head: one before the window, one inside it.
    for (const [reportedOn, percent] of [
      [addDays(today, -100), 10],
      [addDays(today, -1), 40],
    ] as const) {
      const [t] = await db
        .select()
        .from(tasks)
        .where(eq(tasks.id, sxdTasks[0] as string));
      const res = await as(ctx.app, cast['sxd-head'], {
        method: 'POST',
        url: `/api/tasks/${sxdTasks[0]}/progress`,
        ...multipart([
          { name: 'version', value: String(t?.version) },
          { name: 'reportedOn', value: reportedOn },
          { name: 'percent', value: String(percent) },
          { name: 'narrative', value: `Đạt ${percent}%` },
          { name: 'evidence', fileName: 'bien-ban.pdf', content: SAMPLE_PDF },
        ]),
      });
      expect(res.statusCode, res.body).toBe(201);
    }
    periodId = await insertPeriod(db, tenantId, {
      planId,
      label: 'Báo cáo thử nghiệm',
      windowFrom,
      windowTo,
      dueOn: addDays(today, 40),
      agencyIds: [stc, sxd],
    });
    latePeriodId = await insertPeriod(db, tenantId, {
      planId,
      label: 'Kỳ đã quá hạn',
      windowFrom: addDays(today, -400),
      windowTo: addDays(today, -40),
      dueOn: addDays(today, -30),
      agencyIds: [stc],
    });
    closedPeriodId = await insertPeriod(db, tenantId, {
      planId,
      label: 'Kỳ chưa mở',
      windowFrom: addDays(today, -10),
      windowTo: addDays(today, 10),
      dueOn: addDays(today, 20),
      agencyIds: [stc],
      opened: false,
    });
  });

  it('pre-fills the report from live data without storing it', async () => {
    const r = await report('sxd-officer', sxd);
    expect(r).toMatchObject({
      id: null,
      stored: false,
      state: 'draft',
      version: 0,
      agency: { id: sxd },
      period: { id: periodId, windowFrom, windowTo, planId },
      results: '',
      abilities: { save: true, submit: false, accept: false, return: false, unlock: false },
    });
    expect(r.content.tasks.map((t) => t.taskId)).toEqual(sxdTasks);
    const [reported, overdue] = r.content.tasks;
    expect(reported).toMatchObject({
      title: 'Nâng cấp quốc lộ 4B',
      systemStatus: 'in_progress',
      systemPercent: 40,
      status: 'in_progress',
      percent: 40,
      note: '',
    });
    // Only the approved report inside the window.
    expect(reported?.updates).toEqual([
      { reportedOn: addDays(today, -1), percent: 40, narrative: 'Đạt 40%' },
    ]);
    expect(overdue).toMatchObject({
      systemStatus: 'overdue',
      dueOn: addDays(today, -5),
      updates: [],
    });
    expect(r.content.targets).toEqual([
      expect.objectContaining({
        targetId,
        indicator: 'Số cụm công nghiệp',
        unit: 'cụm',
        latestActual: { period: '2025', value: '7.5', note: null },
        value: null,
      }),
    ]);
    // The month whose last day is in the window counts; the one 200 days ago does not.
    expect(r.content.projects).toEqual([
      expect.objectContaining({
        projectId,
        disbursedInWindow: '12.5',
        disbursed: '12.5',
        milestones: [{ kind: 'groundbreaking', plannedOn: addDays(today, 10), actualOn: null }],
      }),
    ]);
    expect(await storedCount()).toBe(0);
  });

  it('shows a report only to its agency and to those who read every report', async () => {
    for (const who of ['stc-officer', 'stc-head'] as const)
      expect((await get(who, sxd)).statusCode, who).toBe(404);
    for (const who of ['consolidator', 'leader', 'admin', 'viewer'] as const)
      expect((await get(who, sxd)).statusCode, who).toBe(200);
    expect((await report('viewer', sxd)).abilities).toEqual({
      save: false,
      submit: false,
      accept: false,
      return: false,
      unlock: false,
    });
    // An agency the period does not expect, a period not opened, an unknown period: 404 alike.
    expect((await get('consolidator', snv)).statusCode).toBe(404);
    expect((await get('stc-officer', stc, closedPeriodId)).statusCode).toBe(404);
    expect(
      (await get('consolidator', stc, '00000000-0000-4000-8000-000000000000')).statusCode,
    ).toBe(404);
    // Another agency's staff cannot write either.
    const r = await report('sxd-officer', sxd);
    expect((await send('stc-head', 'PUT', url(sxd), saveBody(r))).statusCode).toBe(404);
    expect(
      (await send('stc-head', 'POST', url(sxd, periodId, '/submit'), { version: 0 })).statusCode,
    ).toBe(404);
    expect(await storedCount()).toBe(0);
  });

  it('runs the workflow with every version kept, 409 on stale versions and locks', async () => {
    const { db } = ctx.database;
    const auditBefore = (
      await db
        .select({ n: count() })
        .from(auditRecords)
        .where(eq(auditRecords.entity, 'agency_report'))
    )[0]?.n;
    const start = await report('sxd-officer', sxd);
    const body = saveBody(start, {
      results: 'Hoàn thành khảo sát tuyến.',
      difficulties: 'Vướng mặt bằng.',
      proposals: 'Đề nghị bổ sung vốn.',
      tasks: [
        { taskId: sxdTasks[0], status: 'in_progress', percent: 55, note: 'Đang thi công' },
        { taskId: sxdTasks[1], status: 'overdue', percent: 20, note: '' },
      ],
      targets: [{ targetId, value: '8.25', note: 'Ước đạt' }],
      projects: [{ projectId, disbursed: '13.125', note: '' }],
    });
    const saved = await send('sxd-officer', 'PUT', url(sxd), body);
    expect(saved.statusCode, saved.body).toBe(200);
    const draft = saved.json() as AgencyReportView;
    expect(draft).toMatchObject({ stored: true, state: 'draft', version: 2 });
    expect(draft.content.tasks[0]).toMatchObject({
      percent: 55,
      note: 'Đang thi công',
      systemPercent: 40,
    });
    expect(draft.content.targets[0]?.value).toBe('8.25');
    expect(draft.content.projects[0]?.disbursed).toBe('13.125');
    expect(draft.results).toBe('Hoàn thành khảo sát tuyến.');

    // A save on the version read before: 409 with the current version; nothing written.
    const stale = await send('sxd-officer', 'PUT', url(sxd), body);
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('stale_version');
    // Bad input: a percent over 100.
    const bad = await send('sxd-officer', 'PUT', url(sxd), {
      ...body,
      version: 2,
      tasks: [{ taskId: sxdTasks[0], status: 'in_progress', percent: 120, note: '' }],
    });
    expect(bad.statusCode).toBe(400);

    // Only the head submits.
    expect(
      (await send('sxd-officer', 'POST', url(sxd, periodId, '/submit'), { version: 2 })).statusCode,
    ).toBe(404);
    const submitted = await send('sxd-head', 'POST', url(sxd, periodId, '/submit'), { version: 2 });
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(submitted.json()).toMatchObject({ state: 'submitted', version: 3 });
    // Submitted: no more edits by the agency; the consolidator decides.
    const edit = await send('sxd-officer', 'PUT', url(sxd), { ...body, version: 3 });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().error.code).toBe('invalid_state');
    expect(
      (await send('sxd-head', 'POST', url(sxd, periodId, '/accept'), { version: 3 })).statusCode,
    ).toBe(404);
    const noReason = await send('consolidator', 'POST', url(sxd, periodId, '/return'), {
      version: 3,
      reason: '   ',
    });
    expect(noReason.statusCode).toBe(400);
    const returned = await send('consolidator', 'POST', url(sxd, periodId, '/return'), {
      version: 3,
      reason: 'Bổ sung số liệu giải ngân',
    });
    expect(returned.statusCode, returned.body).toBe(200);
    expect(returned.json()).toMatchObject({
      state: 'returned',
      version: 4,
      returnReason: 'Bổ sung số liệu giải ngân',
    });
    const told = await db
      .select({ userId: notifications.userId, title: notifications.title })
      .from(notifications)
      .where(eq(notifications.kind, 'agency_report_returned'));
    expect(told.map((n) => n.userId).sort()).toEqual(
      [cast['sxd-head'].userId, cast['sxd-officer'].userId].sort(),
    );
    // Returned: the agency edits and the head submits again.
    const fixed = await send('sxd-officer', 'PUT', url(sxd), {
      ...body,
      version: 4,
      proposals: 'Đề nghị bổ sung 20 tỷ đồng.',
    });
    expect(fixed.statusCode, fixed.body).toBe(200);
    expect(fixed.json()).toMatchObject({ state: 'returned', version: 5 });
    expect(
      (await send('sxd-head', 'POST', url(sxd, periodId, '/submit'), { version: 5 })).json(),
    ).toMatchObject({ state: 'submitted', version: 6 });
    const accepted = await send('consolidator', 'POST', url(sxd, periodId, '/accept'), {
      version: 6,
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({
      state: 'accepted',
      version: 7,
      abilities: { unlock: true, accept: false },
    });
    // Accepted reports are locked.
    const lockedSave = await send('sxd-officer', 'PUT', url(sxd), { ...body, version: 7 });
    expect(lockedSave.statusCode).toBe(409);
    expect(lockedSave.json().error.code).toBe('report_locked');
    const lockedSubmit = await send('sxd-head', 'POST', url(sxd, periodId, '/submit'), {
      version: 7,
    });
    expect(lockedSubmit.json().error.code).toBe('report_locked');
    const lockedUpload = await as(ctx.app, cast['sxd-officer'], {
      method: 'POST',
      url: url(sxd, periodId, '/upload'),
      ...multipart([{ name: 'file', fileName: 'bao-cao.xlsx', content: SAMPLE_PDF }]),
    });
    expect(lockedUpload.statusCode).toBe(409);
    expect(lockedUpload.json().error.code).toBe('report_locked');
    // Unlocking needs a reason; the report goes back to the agency as returned.
    expect(
      (
        await send('consolidator', 'POST', url(sxd, periodId, '/unlock'), {
          version: 7,
          reason: '',
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (
        await send('sxd-head', 'POST', url(sxd, periodId, '/unlock'), {
          version: 7,
          reason: 'Sửa',
        })
      ).statusCode,
    ).toBe(404);
    const unlocked = await send('consolidator', 'POST', url(sxd, periodId, '/unlock'), {
      version: 7,
      reason: 'Điều chỉnh số liệu chỉ tiêu theo số liệu thống kê chính thức',
    });
    expect(unlocked.statusCode, unlocked.body).toBe(200);
    expect(unlocked.json()).toMatchObject({
      state: 'returned',
      version: 8,
      returnReason: 'Điều chỉnh số liệu chỉ tiêu theo số liệu thống kê chính thức',
      abilities: { save: false },
    });
    expect((await report('sxd-officer', sxd)).abilities.save).toBe(true);

    // Every version kept, newest first, with its action, reason and author.
    const versions = (
      await as(ctx.app, cast.viewer, { method: 'GET', url: url(sxd, periodId, '/versions') })
    ).json() as { items: ReportVersionView[] };
    expect(versions.items.map((v) => [v.version, v.action, v.state])).toEqual([
      [8, 'unlocked', 'returned'],
      [7, 'accepted', 'accepted'],
      [6, 'submitted', 'submitted'],
      [5, 'saved', 'returned'],
      [4, 'returned', 'returned'],
      [3, 'submitted', 'submitted'],
      [2, 'saved', 'draft'],
      [1, 'created', 'draft'],
    ]);
    expect(versions.items[7]?.content.tasks[0]?.percent).toBe(40);
    expect(versions.items[6]?.content.tasks[0]?.percent).toBe(55);
    expect(versions.items[3]?.proposals).toBe('Đề nghị bổ sung 20 tỷ đồng.');
    expect(versions.items[4]?.reason).toBe('Bổ sung số liệu giải ngân');
    expect(versions.items[0]?.actor?.id).toBe(cast.consolidator.userId);
    const auditAfter = (
      await db
        .select({ n: count() })
        .from(auditRecords)
        .where(eq(auditRecords.entity, 'agency_report'))
    )[0]?.n;
    expect((auditAfter ?? 0) - (auditBefore ?? 0)).toBe(8);
    expect(
      (
        await as(ctx.app, cast['stc-officer'], {
          method: 'GET',
          url: url(sxd, periodId, '/versions'),
        })
      ).statusCode,
    ).toBe(404);
  });

  it('lists a period’s expected agencies with state and timeliness', async () => {
    const list = (
      await as(ctx.app, cast.consolidator, {
        method: 'GET',
        url: `/api/periods/${periodId}/agency-reports`,
      })
    ).json() as PeriodReportList;
    expect(list.period.id).toBe(periodId);
    const bySxd = list.items.find((i) => i.agency.id === sxd);
    expect(list.items.map((i) => i.agency.id).sort()).toEqual([stc, sxd].sort());
    expect(bySxd).toMatchObject({ state: 'returned', returned: true, onTime: true, version: 8 });
    expect(bySxd?.firstSubmittedAt).not.toBeNull();
    expect(list.items.find((i) => i.agency.id === stc)).toMatchObject({
      state: null,
      reportId: null,
      onTime: null,
      returned: false,
    });
    // Agency staff see their own row only.
    const own = (
      await as(ctx.app, cast['stc-officer'], {
        method: 'GET',
        url: `/api/periods/${periodId}/agency-reports`,
      })
    ).json() as PeriodReportList;
    expect(own.items.map((i) => i.agency.id)).toEqual([stc]);
    // Submitted after the deadline: late.
    const late = await send('stc-head', 'POST', url(stc, latePeriodId, '/submit'), { version: 0 });
    expect(late.statusCode, late.body).toBe(200);
    expect(late.json()).toMatchObject({ state: 'submitted', version: 2 });
    const lateList = (
      await as(ctx.app, cast.leader, {
        method: 'GET',
        url: `/api/periods/${latePeriodId}/agency-reports`,
      })
    ).json() as PeriodReportList;
    expect(lateList.items).toEqual([
      expect.objectContaining({
        agency: { id: stc, name: 'Sở Tài chính' },
        state: 'submitted',
        onTime: false,
      }),
    ]);
    // The agency's own list of periods.
    const mine = (
      await as(ctx.app, cast['stc-officer'], { method: 'GET', url: '/api/agency-reports/mine' })
    ).json() as { items: { period: { id: string }; state: string | null }[] };
    expect(mine.items.map((i) => [i.period.id, i.state]).sort()).toEqual(
      [
        [periodId, null],
        [latePeriodId, 'submitted'],
      ].sort(),
    );
    expect(
      (await as(ctx.app, cast.viewer, { method: 'GET', url: '/api/agency-reports/mine' })).json(),
    ).toEqual({ items: [] });
  });

  describe('Excel round trip', () => {
    const download = async (who: CastName, agencyId: string, period = periodId) => {
      const res = await as(ctx.app, cast[who], {
        method: 'GET',
        url: url(agencyId, period, '/template.xlsx'),
      });
      expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
      expect(res.headers['content-type']).toContain('spreadsheetml');
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      return workbook;
    };
    const upload = async (
      workbook: ExcelJS.Workbook,
      who: CastName,
      agencyId: string,
      period = periodId,
    ) =>
      as(ctx.app, cast[who], {
        method: 'POST',
        url: url(agencyId, period, '/upload'),
        ...multipart([
          {
            name: 'file',
            fileName: 'bao-cao.xlsx',
            content: Buffer.from(await workbook.xlsx.writeBuffer()),
          },
        ]),
      });
    const sheet = (w: ExcelJS.Workbook, name: string) => {
      const s = w.getWorksheet(name);
      if (!s) throw new Error(`no sheet ${name}`);
      return s;
    };

    it('gives a protected template with locked references, fill columns and hidden identity', async () => {
      const w = await download('sxd-officer', sxd);
      expect(w.worksheets.map((s) => s.name)).toEqual([
        'Thông tin',
        'Nhiệm vụ',
        'Chỉ tiêu',
        'Dự án',
        'Thuyết minh',
        '_meta',
      ]);
      expect(sheet(w, '_meta').state).toBe('veryHidden');
      const t = sheet(w, 'Nhiệm vụ');
      expect(t.getCell('A4').value).toBe(sxdTasks[0]);
      expect(t.getCell('C4').protection?.locked).not.toBe(false);
      expect(t.getCell('H4').protection?.locked).toBe(false);
      expect(t.getCell('H4').dataValidation?.type).toBe('list');
      expect(t.getCell('I4').dataValidation).toMatchObject({ type: 'whole', formulae: [0, 100] });
      expect(sheet(w, 'Dự án').getCell('E4').dataValidation).toMatchObject({ type: 'decimal' });
      expect(t.getCell('C5').value).toBe('Quy hoạch đô thị = mới');
      expect(t.getCell('E5').value).toBe('Quá hạn');
      // Only the agency's staff download it.
      expect(
        (
          await as(ctx.app, cast['stc-officer'], {
            method: 'GET',
            url: url(sxd, periodId, '/template.xlsx'),
          })
        ).statusCode,
      ).toBe(404);
    });

    it('takes a filled template as the draft, and refuses every bad cell with nothing stored', async () => {
      const before = await report('stc-officer', stc);
      expect(before.stored).toBe(false);
      const w = await download('stc-officer', stc);
      const t = sheet(w, 'Nhiệm vụ');
      expect(t.getCell('A4').value).toBe(before.content.tasks[0]?.taskId);
      t.getCell('H4').value = 'Đang thực hiện trong hạn';
      t.getCell('I4').value = 150;
      t.getCell('J4').value = 'x'.repeat(2001);
      const p = sheet(w, 'Thuyết minh');
      p.getCell('B3').value = '=1+1 kết quả';
      // The bad file: every problem listed by sheet!cell; nothing stored.
      const refused = await upload(w, 'stc-officer', stc);
      expect(refused.statusCode).toBe(400);
      const error = refused.json().error as {
        code: string;
        issues: { field: string; code: string; message: string }[];
      };
      expect(error.code).toBe('spreadsheet_invalid');
      expect(error.issues.map((i) => [i.field, i.code])).toEqual([
        ['Nhiệm vụ!I4', 'invalid_percent'],
        ['Nhiệm vụ!J4', 'note_too_long'],
      ]);
      expect(error.issues[0]?.message).toContain('từ 0 đến 100');
      expect(await storedCount()).toBe(2);
      expect((await report('stc-officer', stc)).stored).toBe(false);
      // Fixed: it becomes the draft.
      t.getCell('I4').value = 35;
      t.getCell('J4').value = '@ghi chú';
      const versionsBefore = await versionCount();
      const taken = await upload(w, 'stc-officer', stc);
      expect(taken.statusCode, taken.body).toBe(200);
      const draft = taken.json() as AgencyReportView;
      expect(draft).toMatchObject({
        stored: true,
        state: 'draft',
        version: 2,
        results: '=1+1 kết quả',
      });
      expect(draft.content.tasks[0]).toMatchObject({
        status: 'in_progress',
        percent: 35,
        note: '@ghi chú',
      });
      expect((await versionCount()) - versionsBefore).toBe(2);
      const versions = (
        await as(ctx.app, cast['stc-head'], { method: 'GET', url: url(stc, periodId, '/versions') })
      ).json() as { items: ReportVersionView[] };
      expect(versions.items.map((v) => v.action)).toEqual(['uploaded', 'created']);
      // Exported again, the note and the narrative are text, not formulas, and read back the same.
      const again = await download('stc-officer', stc);
      expect(sheet(again, 'Nhiệm vụ').getCell('J4').value).toBe("'@ghi chú");
      expect(sheet(again, 'Thuyết minh').getCell('B3').value).toBe("'=1+1 kết quả");
      const roundTrip = await upload(again, 'stc-officer', stc);
      expect(roundTrip.statusCode, roundTrip.body).toBe(200);
      expect(roundTrip.json()).toMatchObject({ version: 3, results: '=1+1 kết quả' });
      expect((roundTrip.json() as AgencyReportView).content.tasks[0]?.note).toBe('@ghi chú');

      // The first template (made from the unsaved draft) is refused now that the report is at 3.
      const outdated = await upload(w, 'stc-officer', stc);
      expect(outdated.statusCode).toBe(409);
      expect(outdated.json().error).toMatchObject({
        code: 'template_outdated',
        issues: [expect.objectContaining({ code: 'older_version' })],
      });
      expect(outdated.json().error.issues[0].message).toContain(
        'phiên bản 0 của báo cáo, nhưng báo cáo đã được lưu đến phiên bản 3',
      );
    });

    it('refuses another agency’s or another period’s template and a bad status', async () => {
      const current = await report('stc-officer', stc);
      const sxdFile = await download('sxd-officer', sxd);
      const other = await upload(sxdFile, 'stc-officer', stc);
      expect(other.statusCode).toBe(400);
      expect(other.json().error).toMatchObject({
        code: 'template_mismatch',
        issues: [expect.objectContaining({ code: 'other_agency' })],
      });
      expect(other.json().error.issues[0].message).toContain('Sở Tài chính');
      const lateFile = await download('stc-officer', stc, periodId);
      // Same agency, but the file of the late period is used for this one.
      const latePeriodFile = new ExcelJS.Workbook();
      await latePeriodFile.xlsx.load(await lateFile.xlsx.writeBuffer());
      sheet(latePeriodFile, '_meta').getCell('B2').value = latePeriodId;
      const wrongPeriod = await upload(latePeriodFile, 'stc-officer', stc);
      expect(wrongPeriod.json().error).toMatchObject({
        code: 'template_mismatch',
        issues: [expect.objectContaining({ code: 'other_period' })],
      });
      const badStatus = await download('stc-officer', stc);
      sheet(badStatus, 'Nhiệm vụ').getCell('H4').value = 'Xong rồi';
      sheet(badStatus, 'Dự án').getCell('E4').value = -3;
      const refused = await upload(badStatus, 'stc-officer', stc);
      expect(refused.statusCode).toBe(400);
      const fields = (refused.json().error.issues as { field: string }[]).map((i) => i.field);
      expect(fields).toContain('Nhiệm vụ!H4');
      // Nothing changed.
      expect((await report('stc-officer', stc)).version).toBe(current.version);
      // A file that is not a spreadsheet.
      const notXlsx = await as(ctx.app, cast['stc-officer'], {
        method: 'POST',
        url: url(stc, periodId, '/upload'),
        ...multipart([{ name: 'file', fileName: 'x.xlsx', content: SAMPLE_PDF }]),
      });
      expect(notXlsx.statusCode).toBe(400);
      expect(notXlsx.json().error.issues[0].code).toBe('not_xlsx');
    });
  });
});
