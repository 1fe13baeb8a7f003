// The consolidated report on the seed plan with a year of work: the figures the service counts
// (GROUP BY) equal counts written directly in SQL and in the domain's own rule; the narrative is
// saved with its version (409 stale, audited); the .docx read back carries the counts and the
// sentence-case subject; the appendix lists every task (.docx and .xlsx); with LibreOffice the
// report converts to PDF.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { and, eq, isNull, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
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
import {
  adjustmentProposals,
  agencyReports,
  auditRecords,
  progressUpdates,
  projectCapitalPlans,
  projectDisbursements,
  projects,
  reportingPeriodAgencies,
  reportingPeriods,
  tasks,
  users,
} from '../../db/schema.js';
import { formatNumberVi } from '../../domain/official-document/format.js';
import { planFileSchema } from '../plans/plan-file.js';
import { createPlanFromFile } from '../plans/service.js';
import type { ConsolidatedReportView } from './schema.js';
import { computeFigures, findPeriod } from './service.js';

const ASOF = '2025-12-14';

async function documentXml(bytes: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(bytes);
  const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
  // Text of the runs, joined per paragraph: what a reader sees.
  return xml
    .split('</w:p>')
    .map((p) => [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''))
    .join('\n')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

describe.each(engines())('consolidated report on %s', (engine) => {
  const ctx = useTestApp(engine);
  let cast: Record<CastName, Auth>;
  let planId: string;
  let periodId: string;
  let sxd: string;
  const url = () => `/api/periods/${periodId}/consolidated-report`;

  beforeAll(async () => {
    const { db, tenantId } = ctx.database;
    await createCast(db, tenantId);
    cast = await loginCast(ctx.app);
    const file = examplePlan();
    file.document = {
      ...file.document,
      number: '125/KH-UBND',
      date: '2024-09-10',
      title:
        'KẾ HOẠCH TRIỂN KHAI THỰC HIỆN QUYẾT ĐỊNH SỐ 693/QĐ-TTG CỦA THỦ TƯỚNG CHÍNH PHỦ TRÊN ĐỊA BÀN TỈNH LẠNG SƠN',
    } as typeof file.document;
    ({ planId } = await createPlanFromFile(
      db,
      { id: 'test', tenantId },
      planFileSchema.parse(file),
    ));
    sxd = await agencyIdByCode(db, tenantId, 'SXD');
    const stc = await agencyIdByCode(db, tenantId, 'STC');
    // The plan may already have its periods (plans open theirs when loaded): use the one of 2025.
    await db
      .insert(reportingPeriods)
      .values({
        tenantId,
        planId,
        kind: 'annual',
        label: 'Năm 2025',
        windowFrom: '2024-12-15',
        windowTo: ASOF,
        submissionDueOn: '2025-12-31',
        openedAt: new Date('2024-12-15T00:00:00Z'),
      })
      .onConflictDoNothing();
    const [period] = await db
      .update(reportingPeriods)
      .set({ label: 'Năm 2025', windowTo: ASOF, submissionDueOn: '2025-12-31' })
      .where(
        and(
          eq(reportingPeriods.planId, planId),
          eq(reportingPeriods.kind, 'annual'),
          eq(reportingPeriods.windowFrom, '2024-12-15'),
        ),
      )
      .returning({ id: reportingPeriods.id });
    periodId = period?.id as string;
    await db.delete(reportingPeriodAgencies).where(eq(reportingPeriodAgencies.periodId, periodId));
    await db.insert(reportingPeriodAgencies).values([
      { periodId, agencyId: sxd, tenantId, source: 'derived' },
      { periodId, agencyId: stc, tenantId, source: 'derived' },
    ]);

    // A year of work on the one-off tasks: some done in time, some late, some started, some
    // overdue; a progress note on one.
    const oneOff = await db
      .select({ id: tasks.id, due: tasks.effectiveDueOn })
      .from(tasks)
      .where(and(eq(tasks.planId, planId), isNull(tasks.recurrenceMonth)))
      .orderBy(tasks.position);
    const [officer] = await db
      .select({ id: users.id })
      .from(users)
      .where(eq(users.username, 'sxd-officer'));
    for (const [i, t] of oneOff.entries()) {
      const set =
        i % 4 === 0
          ? {
              extendedDueOn: '2025-06-30',
              completedOn: '2025-05-01',
              progressPercent: 100,
              lastReportedOn: '2025-05-01',
            }
          : i % 4 === 1
            ? {
                extendedDueOn: '2025-03-31',
                completedOn: '2025-04-20',
                progressPercent: 100,
                lastReportedOn: '2025-04-20',
              }
            : i % 4 === 2
              ? { extendedDueOn: '2026-06-30', progressPercent: 40, lastReportedOn: '2025-10-01' }
              : { extendedDueOn: '2025-09-30', progressPercent: 10, lastReportedOn: '2025-01-10' };
      await db
        .update(tasks)
        .set({ ...set, ...(i < 3 ? { currentLeadAgencyId: sxd } : {}) })
        .where(eq(tasks.id, t.id));
    }
    await db.insert(progressUpdates).values({
      tenantId,
      taskId: oneOff[2]?.id as string,
      agencyId: sxd,
      kind: 'progress',
      reportedOn: '2025-10-01',
      percent: 40,
      narrative: 'Đã trình thẩm định hồ sơ <GPMB> & "vốn"',
      status: 'approved',
      createdBy: officer?.id as string,
    });

    // Projects: the year's capital plan and disbursements.
    const [project] = await db
      .select({ id: projects.id })
      .from(projects)
      .where(eq(projects.planId, planId))
      .limit(1);
    if (project) {
      await db.insert(projectCapitalPlans).values([
        {
          tenantId,
          projectId: project.id,
          year: 2025,
          source: 'local',
          amount: '1000.5',
          updatedBy: officer?.id as string,
        },
        {
          tenantId,
          projectId: project.id,
          year: 2025,
          source: 'central',
          amount: '234',
          updatedBy: officer?.id as string,
        },
      ]);
      await db.insert(projectDisbursements).values([
        {
          tenantId,
          projectId: project.id,
          year: 2025,
          month: 3,
          amount: '200.25',
          recordedBy: officer?.id as string,
        },
        {
          tenantId,
          projectId: project.id,
          year: 2025,
          month: 11,
          amount: '100',
          recordedBy: officer?.id as string,
        },
      ]);
    }

    // The agencies' reports: one accepted with its difficulties, one still a draft (not counted).
    await db.insert(agencyReports).values([
      {
        tenantId,
        periodId,
        agencyId: sxd,
        state: 'accepted',
        difficulties: 'Thiếu vốn cho GPMB',
        proposals: 'Đề nghị bổ sung vốn',
      },
      {
        tenantId,
        periodId,
        agencyId: stc,
        state: 'draft',
        difficulties: 'Bản nháp, không được tính',
      },
    ]);
    await db.insert(adjustmentProposals).values({
      tenantId,
      planId,
      agencyId: sxd,
      kind: 'deadline',
      taskId: oneOff[3]?.id as string,
      change: { dueOn: '2026-06-30' },
      reason: 'Chờ bố trí vốn',
      state: 'accepted',
      decisionNote: 'Đồng ý gia hạn',
      decidedAt: new Date('2025-11-01T03:00:00Z'),
      createdBy: officer?.id as string,
      createdAt: new Date('2025-10-15T03:00:00Z'),
    });
  });

  it('counts tasks by status as direct SQL and the plan’s agencies do', async () => {
    const { db, tenantId } = ctx.database;
    const period = await findPeriod(db, tenantId, periodId);
    if (!period) throw new Error('no period');
    const figures = await computeFigures(db, period, ASOF);
    // One-off work, counted straight from the columns.
    const [direct] = (
      (await db.execute(sql`select
        count(*) filter (where completed_on is not null and (effective_due_on is null or completed_on <= effective_due_on))::int as done_on_time,
        count(*) filter (where completed_on > effective_due_on)::int as done_late,
        count(*) filter (where completed_on is null and effective_due_on < ${ASOF}::date)::int as overdue,
        count(*) filter (where completed_on is null and (effective_due_on is null or effective_due_on >= ${ASOF}::date) and last_reported_on is not null)::int as in_progress,
        count(*) filter (where completed_on is null and (effective_due_on is null or effective_due_on >= ${ASOF}::date) and last_reported_on is null)::int as not_started,
        count(*)::int as total
        from tasks where plan_id = ${planId} and recurrence_month is null`)) as unknown as {
        rows: Record<string, number>[];
      }
    ).rows;
    const [recurring] = (
      (await db.execute(
        sql`select count(*)::int as n from tasks where plan_id = ${planId} and recurrence_month is not null`,
      )) as unknown as { rows: { n: number }[] }
    ).rows;
    expect(figures.tasks.total).toBe((direct?.total ?? 0) + (recurring?.n ?? 0));
    // No recurring task was reported in the window: each is overdue (its date passed) or not started.
    expect(figures.tasks.states.done_on_time).toBe(direct?.done_on_time);
    expect(figures.tasks.states.done_late).toBe(direct?.done_late);
    expect(figures.tasks.states.in_progress).toBe(direct?.in_progress);
    expect(
      figures.tasks.states.overdue +
        figures.tasks.states.not_started -
        (direct?.overdue ?? 0) -
        (direct?.not_started ?? 0),
    ).toBe(recurring?.n);
    expect(figures.tasks.states.done_on_time).toBeGreaterThan(0);
    expect(figures.tasks.states.done_late).toBeGreaterThan(0);
    const done = figures.tasks.states.done_on_time + figures.tasks.states.done_late;
    expect(figures.tasks.completionRate).toBeCloseTo(done / (done + figures.tasks.states.overdue));

    // By agency: Sở Xây dựng's row is its current lead count; rows add up to the total.
    const [sxdCount] = (
      (await db.execute(
        sql`select count(*)::int as n from tasks where plan_id = ${planId} and current_lead_agency_id = ${sxd}`,
      )) as unknown as { rows: { n: number }[] }
    ).rows;
    expect(figures.byAgency.find((a) => a.id === sxd)?.total).toBe(sxdCount?.n);
    expect(figures.byAgency.reduce((s, a) => s + a.total, 0)).toBe(figures.tasks.total);
    expect(figures.bySector.reduce((s, a) => s + a.total, 0)).toBe(figures.tasks.total);

    const [targets] = (
      (await db.execute(
        sql`select count(*)::int as n from targets where plan_id = ${planId}`,
      )) as unknown as { rows: { n: number }[] }
    ).rows;
    const t = figures.targets;
    expect(t.total).toBe(targets?.n);
    expect(t.onTrack + t.atRisk + t.offTrack + t.noData).toBe(t.total);
    expect(figures.projects.capitalPlan).toBe('1234.5');
    expect(figures.projects.disbursed).toBe('300.25');
    expect(figures.agencyReports).toEqual({ expected: 2, received: 1 });
    expect(figures.difficulties).toEqual([{ agency: 'Sở Xây dựng', text: 'Thiếu vốn cho GPMB' }]);
    expect(figures.adjustments).toHaveLength(1);
    expect(figures.adjustments[0]?.state).toBe('accepted');
  });

  it('saves the narrative with its version: 409 on a stale one, audited', async () => {
    const first = await as(ctx.app, cast.leader, {
      method: 'PUT',
      url: url(),
      payload: { version: 0, narrative: { directions: 'Tập trung tháo gỡ GPMB' } },
    });
    expect(first.statusCode, first.body).toBe(200);
    expect((first.json() as ConsolidatedReportView).version).toBe(1);
    const stale = await as(ctx.app, cast.consolidator, {
      method: 'PUT',
      url: url(),
      payload: { version: 0, narrative: { directions: 'Ghi đè' } },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('stale_version');
    const second = await as(ctx.app, cast.consolidator, {
      method: 'PUT',
      url: url(),
      payload: {
        version: 1,
        narrative: { directions: 'Tập trung tháo gỡ GPMB\nĐẩy nhanh giải ngân <vốn> & "đầu tư"' },
      },
    });
    expect(second.statusCode).toBe(200);
    const view = (
      await as(ctx.app, cast.leader, { method: 'GET', url: url() })
    ).json() as ConsolidatedReportView;
    expect(view.version).toBe(2);
    expect(view.narrative.directions).toContain('Đẩy nhanh giải ngân');
    expect(view.subject).toContain('Quyết định số 693/QĐ-TTg của Thủ tướng Chính phủ');
    expect(view.subject).toContain('tỉnh Lạng Sơn');
    const audits = await ctx.database.db
      .select()
      .from(auditRecords)
      .where(
        and(eq(auditRecords.entity, 'consolidated_report'), eq(auditRecords.entityId, periodId)),
      );
    expect(audits.map((a) => a.action).sort()).toEqual(['create', 'update']);
    // Control characters are refused before anything is stored.
    const bad = await as(ctx.app, cast.leader, {
      method: 'PUT',
      url: url(),
      payload: { version: 2, narrative: { opening: `Mở đầu${String.fromCharCode(7)}` } },
    });
    expect(bad.statusCode).toBe(400);
  });

  it('refuses agencies and viewers, and periods of no one (404)', async () => {
    for (const who of ['sxd-head', 'viewer', 'admin'] as const) {
      expect((await as(ctx.app, cast[who], { method: 'GET', url: url() })).statusCode).toBe(404);
    }
    const missing = `/api/periods/00000000-0000-4000-8000-000000000000/consolidated-report.docx`;
    expect((await as(ctx.app, cast.leader, { method: 'GET', url: missing })).statusCode).toBe(404);
  });

  it('writes the counts, the subject in sentence case and the escaped narrative into the .docx', async () => {
    const view = (
      await as(ctx.app, cast.leader, { method: 'GET', url: url() })
    ).json() as ConsolidatedReportView;
    const res = await as(ctx.app, cast.consolidator, { method: 'GET', url: `${url()}.docx` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('wordprocessingml');
    const text = await documentXml(res.rawPayload);
    const s = view.figures.tasks.states;
    expect(text).toContain(
      `Kế hoạch có ${formatNumberVi(view.figures.tasks.total)} nhiệm vụ; đã hoàn thành ${formatNumberVi(s.done_on_time + s.done_late)} nhiệm vụ (đúng hạn ${s.done_on_time}, quá hạn ${s.done_late})`,
    );
    expect(text).toContain('ỦY BAN NHÂN DÂN');
    expect(text).toContain('TỈNH LẠNG SƠN');
    expect(text).toContain('/BC-UBND');
    expect(text).toContain(view.subject);
    expect(text).not.toContain('KẾ HOẠCH TRIỂN KHAI');
    expect(text).toContain('Đẩy nhanh giải ngân <vốn> & "đầu tư"');
    expect(text).toContain('Thiếu vốn cho GPMB');
    expect(text).not.toContain('Bản nháp, không được tính');
    expect(text).toContain('1.234,5 tỷ đồng');
    expect(text).toContain('Lưu: VT, STC.');
  });

  it('lists every task in the appendix (.docx and .xlsx) with its last note', async () => {
    const view = (
      await as(ctx.app, cast.leader, { method: 'GET', url: url() })
    ).json() as ConsolidatedReportView;
    const docx = await as(ctx.app, cast.leader, { method: 'GET', url: `${url()}/appendix.docx` });
    expect(docx.statusCode).toBe(200);
    const text = await documentXml(docx.rawPayload);
    expect(text).toContain('TÌNH HÌNH THỰC HIỆN CÁC NHIỆM VỤ CỦA KẾ HOẠCH');
    expect(text).toContain('Đã trình thẩm định hồ sơ <GPMB> & "vốn"');
    const xlsx = await as(ctx.app, cast.leader, { method: 'GET', url: `${url()}/appendix.xlsx` });
    expect(xlsx.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet?.rowCount).toBe(view.figures.tasks.total + 1);
    const states = new Map<string, number>();
    sheet?.eachRow((row, i) => {
      if (i === 1) return;
      const state = String(row.getCell(6).value);
      states.set(state, (states.get(state) ?? 0) + 1);
    });
    expect(states.get('Quá hạn chưa hoàn thành') ?? 0).toBe(view.figures.tasks.states.overdue);
    expect(states.get('Đã hoàn thành đúng hạn') ?? 0).toBe(view.figures.tasks.states.done_on_time);
  });

  const soffice = ['/usr/bin/soffice', '/usr/bin/libreoffice'].find((p) => existsSync(p));
  it.skipIf(engine !== 'pglite' || !soffice)(
    'converts the report to PDF with LibreOffice',
    async () => {
      const dir = await mkdtemp(join(tmpdir(), 'tiendo-report-'));
      try {
        const res = await as(ctx.app, cast.leader, { method: 'GET', url: `${url()}.docx` });
        await writeFile(join(dir, 'report.docx'), res.rawPayload);
        await promisify(execFile)(
          soffice as string,
          [
            '--headless',
            '--norestore',
            `-env:UserInstallation=file://${join(dir, 'profile')}`,
            '--convert-to',
            'pdf',
            '--outdir',
            dir,
            join(dir, 'report.docx'),
          ],
          { timeout: 120_000 },
        );
        const pdf = await readFile(join(dir, 'report.pdf'));
        expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
        expect(pdf.length).toBeGreaterThan(10_000);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
    180_000,
  );
});
