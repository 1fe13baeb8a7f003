// The key projects API on the seed plan: projects as the document states them (the Hữu Nghị – Chi
// Lăng expressway, BOT), the consolidator completing one (409 on a stale version, 400 naming an
// unknown agency or commune), the capital spreadsheet round trip (all or nothing, problems by
// sheet, cell and reason in Vietnamese), and a monthly update by the owner agency's officer
// approved by its head and applied to the project: disbursement, cumulative and % of the year's
// plan, clearance, construction and the milestone's slippage. Other agencies get 404.
import { and, count, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/support/app.js';
import { engines } from '../../../test/support/database.js';
import { examplePlan, numberedPlan } from '../../../test/support/factories.js';
import { multipart, SAMPLE_PDF } from '../../../test/support/multipart.js';
import {
  type Auth,
  agencyIdByCode,
  as,
  type CastName,
  createCast,
  loginCast,
} from '../../../test/support/users.js';
import {
  auditRecords,
  notifications,
  projectCapitalPlans,
  projectDisbursements,
  projects,
  targets,
  tasks,
  tenants,
} from '../../db/schema.js';
import { isoDateInVietnam } from '../../domain/calendar.js';
import { planFileSchema } from '../plans/plan-file.js';
import { createPlanFromFile } from '../plans/service.js';
import type {
  CapitalImportResult,
  ProjectDetail,
  ProjectList,
  ProjectUpdateView,
} from './schema.js';

const EXPRESSWAY = 'Tuyến cao tốc cửa khẩu Hữu Nghị - Chi Lăng';

/** An ISO day `days` before `iso`. */
const daysBefore = (iso: string, days: number) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);

describe.each(engines())('projects API on %s', (engine) => {
  const ctx = useTestApp(engine);
  let cast: Record<CastName, Auth>;
  let planId: string;
  let projectId: string;
  let sxd: string;
  const today = isoDateInVietnam();
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  const groundbreakingPlanned = daysBefore(today, 10);

  const get = async <T>(url: string, who: CastName = 'viewer') => {
    const res = await as(ctx.app, cast[who], { method: 'GET', url });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    return res.json() as T;
  };
  const detail = (who: CastName = 'viewer') =>
    get<ProjectDetail>(`/api/projects/${projectId}`, who);
  const auditCount = async (entity?: string) => {
    const [row] = await ctx.database.db
      .select({ n: count() })
      .from(auditRecords)
      .where(entity ? eq(auditRecords.entity, entity) : undefined);
    return row?.n ?? 0;
  };

  const editBody = (d: ProjectDetail) => ({
    version: d.version,
    sector: d.sector,
    investmentForm: d.investmentForm,
    ownerAgencyId: d.owner.agency?.id ?? null,
    owner: d.owner.name,
    totalInvestment: d.totalInvestment,
    approvalDocuments: d.approvalDocuments,
    startYear: d.startYear,
    endYear: d.endYear,
    communeCodes: d.communes.map((c) => c.code),
    clearanceUnit: d.clearance.unit,
    clearanceTotal: d.clearance.total,
    milestones: d.milestones.map((m) => ({ kind: m.kind, plannedOn: m.plannedOn })),
    taskIds: d.tasks.map((t) => t.id),
    targetIds: d.targets.map((t) => t.id),
  });

  const template = async (y = year, m = month) => {
    const res = await as(ctx.app, cast.consolidator, {
      method: 'GET',
      url: `/api/projects/capital-template?year=${y}&month=${m}`,
    });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    return workbook;
  };
  const upload = async (workbook: ExcelJS.Workbook, who: CastName = 'consolidator') => {
    const content = Buffer.from(await workbook.xlsx.writeBuffer());
    return as(ctx.app, cast[who], {
      method: 'POST',
      url: '/api/projects/capital-import',
      ...multipart([{ name: 'file', fileName: 'ke-hoach-von.xlsx', content }]),
    });
  };
  /** The row of a project in a template sheet. */
  const rowOf = (sheet: ExcelJS.Worksheet, id: string) => {
    for (let r = 4; r <= sheet.rowCount; r++) if (sheet.getCell(`A${r}`).value === id) return r;
    throw new Error(`no row for ${id}`);
  };

  const report = (fields: Record<string, string>, who: CastName, files = true) =>
    as(ctx.app, cast[who], {
      method: 'POST',
      url: `/api/projects/${projectId}/updates`,
      ...multipart([
        ...Object.entries(fields).map(([name, value]) => ({ name, value })),
        ...(files
          ? [{ name: 'evidence', fileName: 'bien-ban-khoi-cong.pdf', content: SAMPLE_PDF }]
          : []),
      ]),
    });

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
  });

  it('lists the plan’s key projects as the document states them, with nothing invented', async () => {
    const list = await get<ProjectList>(`/api/projects?planId=${planId}`);
    expect(list.total).toBeGreaterThanOrEqual(10);
    const expressway = list.items.find((p) => p.name === EXPRESSWAY);
    expect(expressway).toMatchObject({
      plan: { id: planId },
      investmentForm: 'bot',
      sector: 'Giao thông',
      owner: { agency: null, name: null },
      totalInvestment: null,
      year,
      capitalPlanned: '0',
      disbursed: '0',
      // Nothing planned: no share, never a division by zero.
      disbursedPercent: null,
      clearance: { unit: null, total: null, done: null, percent: null },
      constructionPercent: null,
      nextMilestone: null,
      lastUpdatedOn: null,
    });
    projectId = expressway?.id as string;
    // Filters and pages are the query's.
    const bot = await get<ProjectList>(`/api/projects?planId=${planId}&investmentForm=bot`);
    expect(bot.items.map((p) => p.name)).toEqual([EXPRESSWAY]);
    const page = await get<ProjectList>(`/api/projects?planId=${planId}&limit=2&offset=1`);
    expect(page.total).toBe(list.total);
    expect(page.items).toHaveLength(2);
    const tooMany = await as(ctx.app, cast.viewer, {
      method: 'GET',
      url: '/api/projects?limit=101',
    });
    expect(tooMany.statusCode).toBe(400);
    expect((await as(ctx.app, null, { method: 'GET', url: '/api/projects' })).statusCode).toBe(401);
  });

  it('shows a project with what each user may do', async () => {
    const seen = await detail();
    expect(seen).toMatchObject({
      id: projectId,
      version: 1,
      approvalDocuments: [],
      capitalPlans: [],
      disbursements: [],
      milestones: [],
      updates: [],
      tasks: [],
      targets: [],
      abilities: { update: false, report: false, loadSpreadsheet: false, addDocuments: false },
      documents: [],
    });
    // An outside owner (none in the registry): the consolidating department reports.
    expect((await detail('consolidator')).abilities).toEqual({
      update: true,
      report: true,
      loadSpreadsheet: true,
      addDocuments: true,
    });
    expect((await detail('sxd-officer')).abilities.report).toBe(false);
    const missing = await as(ctx.app, cast.viewer, {
      method: 'GET',
      url: '/api/projects/00000000-0000-4000-8000-000000000000',
    });
    expect(missing.statusCode).toBe(404);
  });

  it('lets the consolidator complete a project; a stale version is 409, an unknown reference 400', async () => {
    const { db, tenantId } = ctx.database;
    const before = await detail();
    const [task] = await db.select({ id: tasks.id }).from(tasks).where(eq(tasks.planId, planId));
    const [target] = await db
      .select({ id: targets.id })
      .from(targets)
      .where(and(eq(targets.planId, planId), eq(targets.indicator, 'Số đô thị toàn tỉnh')));
    const body = {
      ...editBody(before),
      investmentForm: 'bot',
      ownerAgencyId: sxd,
      owner: 'Liên danh nhà đầu tư BOT cao tốc Hữu Nghị – Chi Lăng',
      totalInvestment: '11024.5',
      approvalDocuments: [
        { number: '1212/QĐ-UBND', issuedOn: '2023-06-30', title: 'Phê duyệt dự án' },
      ],
      startYear: 2023,
      endYear: 2027,
      communeCodes: ['05977'],
      clearanceUnit: 'ha',
      clearanceTotal: '160',
      milestones: [
        { kind: 'groundbreaking', plannedOn: groundbreakingPlanned },
        { kind: 'completion', plannedOn: '2027-12-31' },
      ],
      taskIds: [task?.id],
      targetIds: [target?.id],
    };
    const ok = await as(ctx.app, cast.consolidator, {
      method: 'PUT',
      url: `/api/projects/${projectId}`,
      payload: body,
    });
    expect(ok.statusCode, ok.body.slice(0, 400)).toBe(200);
    const after = ok.json() as ProjectDetail;
    expect(after).toMatchObject({
      version: before.version + 1,
      owner: { agency: { id: sxd, name: 'Sở Xây dựng' }, name: body.owner },
      totalInvestment: '11024.5',
      communes: [{ code: '05977' }],
      clearance: { unit: 'ha', total: '160', done: null, percent: null },
      milestones: [
        {
          kind: 'groundbreaking',
          plannedOn: groundbreakingPlanned,
          actualOn: null,
          slippageDays: 10,
        },
        { kind: 'completion', plannedOn: '2027-12-31', actualOn: null, slippageDays: null },
      ],
      nextMilestone: { kind: 'groundbreaking', plannedOn: groundbreakingPlanned, slippageDays: 10 },
      tasks: [{ id: task?.id }],
      targets: [{ id: target?.id, indicator: 'Số đô thị toàn tỉnh' }],
    });
    // The owner agency's staff report now; the consolidator no longer does.
    expect((await detail('sxd-officer')).abilities.report).toBe(true);
    expect((await detail('consolidator')).abilities.report).toBe(false);

    const stale = await as(ctx.app, cast.consolidator, {
      method: 'PUT',
      url: `/api/projects/${projectId}`,
      payload: { ...body, totalInvestment: '1' },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({
      code: 'stale_version',
      current: { version: after.version },
    });
    const bad = await as(ctx.app, cast.consolidator, {
      method: 'PUT',
      url: `/api/projects/${projectId}`,
      payload: {
        ...body,
        version: after.version,
        ownerAgencyId: '00000000-0000-4000-8000-000000000000',
        communeCodes: ['05977', '99999'],
      },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.issues).toEqual([
      expect.objectContaining({ field: 'body.ownerAgencyId', code: 'unknown_agency' }),
      expect.objectContaining({ field: 'body.communeCodes.1', code: 'unknown_commune' }),
    ]);
    expect((await detail()).version).toBe(after.version);
    const denied = await as(ctx.app, cast['sxd-head'], {
      method: 'PUT',
      url: `/api/projects/${projectId}`,
      payload: { ...body, version: after.version },
    });
    expect(denied.statusCode).toBe(404);
    const [audited] = await db
      .select({ n: count() })
      .from(auditRecords)
      .where(
        and(
          eq(auditRecords.tenantId, tenantId),
          eq(auditRecords.entity, 'project'),
          eq(auditRecords.entityId, projectId),
          eq(auditRecords.action, 'update'),
        ),
      );
    expect(audited?.n).toBe(1);
  });

  it('loads the year’s capital plan and the month’s disbursement from the template, all or nothing', async () => {
    const { db } = ctx.database;
    const [other] = await db
      .insert(tenants)
      .values({ code: 'cao-bang-du-an', name: 'Tỉnh Cao Bằng', provinceCode: '04' })
      .returning();
    const foreign = await createPlanFromFile(
      db,
      { id: 'test', tenantId: other?.id as string },
      planFileSchema.parse({
        ...numberedPlan(),
        sections: [{ title: 'Dự án', projects: [{ name: 'Dự án của tỉnh khác' }] }],
      }),
    );
    const [foreignProject] = await db
      .select({ id: projects.id })
      .from(projects)
      .where(eq(projects.planId, foreign.planId));

    const book = await template();
    expect(book.worksheets.map((s) => s.name)).toEqual(['Thông tin', 'Kế hoạch vốn', 'Giải ngân']);
    const info = book.getWorksheet('Thông tin') as ExcelJS.Worksheet;
    expect([info.getCell('B1').value, info.getCell('B2').value]).toEqual([year, month]);
    const capital = book.getWorksheet('Kế hoạch vốn') as ExcelJS.Worksheet;
    const disbursement = book.getWorksheet('Giải ngân') as ExcelJS.Worksheet;
    expect(capital.getRow(3).values).toEqual([
      undefined,
      'Mã (không sửa)',
      'Dự án',
      'Kế hoạch',
      'Trung ương',
      'Địa phương',
      'ODA',
      'Nhà đầu tư',
    ]);
    expect(capital.getColumn(1).hidden).toBe(true);
    const list = await get<ProjectList>('/api/projects?limit=100');
    expect(capital.rowCount - 3).toBe(list.total);
    const r = rowOf(capital, projectId);
    expect(capital.getCell(`B${r}`).value).toBe(EXPRESSWAY);
    expect(capital.getCell(`B${r}`).protection?.locked).not.toBe(false);
    expect(capital.getCell(`D${r}`).protection?.locked).toBe(false);
    expect(capital.getCell(`D${r}`).dataValidation).toMatchObject({
      type: 'decimal',
      operator: 'greaterThanOrEqual',
    });
    expect(capital.getCell(`D${r}`).value).toBeNull();
    // Another province's project is not in the template.
    expect(() => rowOf(capital, foreignProject?.id as string)).toThrow();

    // The consolidator fills it in: 1000 central, 200,5 local (typed as text), 0 investor.
    capital.getCell(`D${r}`).value = 1000;
    capital.getCell(`E${r}`).value = '200,5';
    capital.getCell(`G${r}`).value = 0;
    const d = rowOf(disbursement, projectId);
    disbursement.getCell(`D${d}`).value = 150.25;
    const loaded = await upload(book);
    expect(loaded.statusCode, loaded.body.slice(0, 500)).toBe(200);
    expect(loaded.json<CapitalImportResult>()).toEqual({
      capitalPlans: 3,
      disbursements: 1,
      year,
      month,
    });
    const seen = await detail();
    expect(seen.capitalPlans).toEqual([
      { year, source: 'central', amount: '1000' },
      { year, source: 'investor', amount: '0' },
      { year, source: 'local', amount: '200.5' },
    ]);
    expect(seen).toMatchObject({
      capitalPlanned: '1200.5',
      disbursed: '150.25',
      // 150,25 of 1 200,5 = 12,5156… %
      disbursedPercent: '12.52',
      disbursements: [
        { year, month, amount: '150.25', cumulative: '150.25', percentOfYearPlan: '12.52' },
      ],
    });
    expect(await auditCount('project_capital_plan')).toBe(3);
    expect(await auditCount('project_disbursement')).toBe(1);
    // The same file again changes nothing; a fresh template shows what is stored.
    expect((await upload(book)).json<CapitalImportResult>()).toMatchObject({
      capitalPlans: 0,
      disbursements: 0,
    });
    const again = await template();
    const capital2 = again.getWorksheet('Kế hoạch vốn') as ExcelJS.Worksheet;
    expect(capital2.getCell(`E${rowOf(capital2, projectId)}`).value).toBe(200.5);

    // A file with problems: every one listed by sheet, cell and reason; nothing stored.
    const auditBefore = await auditCount();
    const broken = await template();
    const bc = broken.getWorksheet('Kế hoạch vốn') as ExcelJS.Worksheet;
    const bd = broken.getWorksheet('Giải ngân') as ExcelJS.Worksheet;
    const br = rowOf(bc, projectId);
    bc.getCell(`D${br}`).value = -5;
    bc.getCell(`E${br}`).value = 'hai trăm';
    bc.getCell(`F${br}`).value = 1.2345;
    bc.getCell(`G${br}`).value = 9;
    const other1 = br === 4 ? 5 : 4;
    bc.getCell(`A${other1}`).value = '11111111-1111-4111-8111-111111111111';
    bc.getCell(`D${other1}`).value = 1;
    const other2 = br === 6 ? 7 : 6;
    bc.getCell(`A${other2}`).value = foreignProject?.id as string;
    bc.getCell(`D${other2}`).value = 1;
    bd.getCell(`D${rowOf(bd, projectId)}`).value = 1;
    (broken.getWorksheet('Thông tin') as ExcelJS.Worksheet).getCell('B2').value = 13;
    const refused = await upload(broken);
    expect(refused.statusCode).toBe(400);
    const error = refused.json().error as {
      code: string;
      message: string;
      issues: { field: string; code: string; message: string }[];
    };
    expect(error.code).toBe('spreadsheet_invalid');
    expect(error.message).toContain('chưa lưu');
    expect(error.issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'Thông tin!B2', code: 'wrong_marker' }),
        expect.objectContaining({
          field: `Kế hoạch vốn!D${br}`,
          code: 'negative',
          message: 'Số tiền không được âm.',
        }),
        expect.objectContaining({ field: `Kế hoạch vốn!E${br}`, code: 'not_a_number' }),
        expect.objectContaining({ field: `Kế hoạch vốn!F${br}`, code: 'too_many_decimals' }),
      ]),
    );
    expect(error.issues.every((i) => /[àáảãạăâđêôơư]/i.test(i.message))).toBe(true);
    // Cells alone are wrong: fixed, the unknown and the other province's projects are named.
    (broken.getWorksheet('Thông tin') as ExcelJS.Worksheet).getCell('B2').value = month;
    bc.getCell(`D${br}`).value = 5;
    bc.getCell(`E${br}`).value = null;
    bc.getCell(`F${br}`).value = 1.234;
    const unknown = await upload(broken);
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.issues).toEqual([
      expect.objectContaining({ field: `Kế hoạch vốn!A${other1}`, code: 'unknown_project' }),
      expect.objectContaining({ field: `Kế hoạch vốn!A${other2}`, code: 'unknown_project' }),
    ]);
    // A missing sheet.
    const partial = await template();
    partial.removeWorksheet((partial.getWorksheet('Giải ngân') as ExcelJS.Worksheet).id);
    const missing = await upload(partial);
    expect(missing.json().error.issues).toEqual([
      expect.objectContaining({ field: 'Giải ngân', code: 'missing_sheet' }),
    ]);
    const notXlsx = await as(ctx.app, cast.consolidator, {
      method: 'POST',
      url: '/api/projects/capital-import',
      ...multipart([{ name: 'file', fileName: 'a.xlsx', content: SAMPLE_PDF }]),
    });
    expect(notXlsx.json().error.issues[0]).toMatchObject({ field: 'file', code: 'not_xlsx' });
    expect(await auditCount()).toBe(auditBefore);
    const stored = await db
      .select({ amount: projectCapitalPlans.amount })
      .from(projectCapitalPlans)
      .where(eq(projectCapitalPlans.projectId, projectId));
    expect(stored).toHaveLength(3);
    expect((await detail()).capitalPlanned).toBe('1200.5');
    // Only the consolidator loads or downloads it.
    expect((await upload(again, 'sxd-head')).statusCode).toBe(404);
  });

  it('takes an officer’s monthly update, waits for the head, and applies it once approved', async () => {
    const { db } = ctx.database;
    const start = await detail('sxd-officer');
    const fields = {
      version: String(start.version),
      year: String(year),
      month: String(month),
      disbursed: '50.5',
      clearanceDone: '40',
      constructionPercent: '15',
      milestones: JSON.stringify([{ kind: 'groundbreaking', actualOn: today }]),
      narrative: 'Đã khởi công; giải phóng mặt bằng đạt 40 ha.',
    };
    // Nothing to report is refused; another agency's staff and the consolidator get 404.
    const empty = await report(
      { version: fields.version, year: fields.year, month: fields.month, narrative: 'x' },
      'sxd-officer',
      false,
    );
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.issues[0]).toMatchObject({
      field: 'disbursed',
      message: 'figure_required',
    });
    for (const who of ['stc-officer', 'stc-head', 'consolidator', 'viewer'] as const)
      expect((await report(fields, who)).statusCode, who).toBe(404);
    expect((await report({ ...fields, version: '1' }, 'sxd-officer')).statusCode).toBe(409);

    const sent = await report(fields, 'sxd-officer');
    expect(sent.statusCode, sent.body.slice(0, 400)).toBe(201);
    const update = sent.json() as ProjectUpdateView;
    expect(update).toMatchObject({
      status: 'pending',
      year,
      month,
      agency: { id: sxd, name: 'Sở Xây dựng' },
      disbursed: '50.5',
      clearanceDone: '40',
      constructionPercent: 15,
      milestones: [{ kind: 'groundbreaking', actualOn: today }],
      createdBy: { name: 'sxd-officer' },
      reviewedBy: null,
      abilities: { review: false },
    });
    expect(update.evidence).toHaveLength(1);
    const file = await as(ctx.app, cast.viewer, {
      method: 'GET',
      url: update.evidence[0]?.url as string,
    });
    expect(file.statusCode).toBe(200);
    // Pending: the project is not changed yet; the head is told.
    const waiting = await detail('sxd-head');
    expect(waiting.disbursed).toBe('150.25');
    expect(waiting.updates[0]).toMatchObject({ id: update.id, abilities: { review: true } });
    const told = await db
      .select({ kind: notifications.kind })
      .from(notifications)
      .where(eq(notifications.userId, cast['sxd-head'].userId));
    expect(told.map((n) => n.kind)).toContain('progress_submitted');
    // A second update of the month waits for the first.
    expect(
      (await report({ ...fields, version: String(waiting.version) }, 'sxd-officer')).statusCode,
    ).toBe(409);

    const review = (who: CastName, decision = 'approve') =>
      as(ctx.app, cast[who], {
        method: 'POST',
        url: `/api/project-updates/${update.id}/review`,
        payload: { decision, note: 'Đồng ý' },
      });
    for (const who of ['stc-head', 'sxd-officer', 'consolidator'] as const)
      expect((await review(who)).statusCode, who).toBe(404);
    const approved = await review('sxd-head');
    expect(approved.statusCode, approved.body.slice(0, 300)).toBe(200);
    expect(approved.json()).toMatchObject({
      status: 'approved',
      reviewedBy: { name: 'sxd-head' },
      reviewNote: 'Đồng ý',
      abilities: { review: false },
    });
    expect((await review('sxd-head')).statusCode).toBe(409);
    expect((await review('stc-head')).statusCode).toBe(404);

    const after = await detail();
    expect(after).toMatchObject({
      version: waiting.version + 1,
      // The month's figure replaces the spreadsheet's 150,25.
      disbursed: '50.5',
      disbursedPercent: '4.21',
      disbursements: [
        { year, month, amount: '50.5', cumulative: '50.5', percentOfYearPlan: '4.21' },
      ],
      clearance: { unit: 'ha', total: '160', done: '40', percent: '25' },
      constructionPercent: 15,
      lastUpdatedOn: `${year}-${String(month).padStart(2, '0')}-01`,
      milestones: [
        {
          kind: 'groundbreaking',
          plannedOn: groundbreakingPlanned,
          actualOn: today,
          slippageDays: 10,
        },
        { kind: 'completion', plannedOn: '2027-12-31', actualOn: null, slippageDays: null },
      ],
      nextMilestone: { kind: 'completion', plannedOn: '2027-12-31', slippageDays: 0 },
    });
    const [replaced] = await db
      .select()
      .from(auditRecords)
      .where(
        and(eq(auditRecords.entity, 'project_disbursement'), eq(auditRecords.action, 'update')),
      );
    expect(replaced?.before).toMatchObject({ amount: expect.stringMatching(/^150\.25/) });
    expect(replaced?.after).toMatchObject({ updateId: update.id });
    const [row] = await db
      .select({ amount: projectDisbursements.amount })
      .from(projectDisbursements)
      .where(eq(projectDisbursements.projectId, projectId));
    expect(Number(row?.amount)).toBe(50.5);
    const back = await db
      .select({ kind: notifications.kind })
      .from(notifications)
      .where(eq(notifications.userId, cast['sxd-officer'].userId));
    expect(back.map((n) => n.kind)).toContain('progress_approved');
  });

  it('approves a head’s own update at once, and an earlier month never moves the project back', async () => {
    const before = await detail('sxd-head');
    const previous = month === 1 ? { year: year - 1, month: 12 } : { year, month: month - 1 };
    const sent = await report(
      {
        version: String(before.version),
        year: String(previous.year),
        month: String(previous.month),
        disbursed: '20',
        constructionPercent: '5',
        narrative: 'Bổ sung số liệu tháng trước.',
      },
      'sxd-head',
      false,
    );
    expect(sent.statusCode, sent.body.slice(0, 300)).toBe(201);
    expect(sent.json()).toMatchObject({ status: 'approved', reviewedBy: { name: 'sxd-head' } });
    const after = await detail();
    expect(after.constructionPercent).toBe(15);
    expect(after.lastUpdatedOn).toBe(before.lastUpdatedOn);
    expect(after.disbursements).toContainEqual(
      expect.objectContaining({ year: previous.year, month: previous.month, amount: '20' }),
    );
    expect(after.updates.map((u) => u.status)).toEqual(['approved', 'approved']);
    // A month not begun yet is refused.
    const next = month === 12 ? { year: year + 1, month: 1 } : { year, month: month + 1 };
    const future = await report(
      {
        version: String(after.version),
        year: String(next.year),
        month: String(next.month),
        constructionPercent: '20',
        narrative: 'x',
      },
      'sxd-head',
      false,
    );
    expect(future.statusCode).toBe(400);
    expect(future.json().error.issues[0]).toMatchObject({ code: 'month_in_future' });
  });

  it('keeps the project’s own documents, added by the consolidator or the owner agency', async () => {
    const add = async (who: CastName, version: number, files = 1) =>
      as(ctx.app, cast[who], {
        method: 'POST',
        url: `/api/projects/${projectId}/documents`,
        ...multipart([
          { name: 'version', value: String(version) },
          ...Array.from({ length: files }, (_, i) => ({
            name: 'evidence',
            fileName: `quyet-dinh-phe-duyet-${i + 1}.pdf`,
            content: SAMPLE_PDF,
          })),
        ]),
      });
    const before = await detail();
    expect(before.abilities.addDocuments).toBe(false);
    expect((await detail('sxd-officer')).abilities.addDocuments).toBe(true);
    // Another agency's staff: not found; a stale version: 409; no file: 400. Nothing kept.
    expect((await add('stc-officer', before.version)).statusCode).toBe(404);
    expect((await add('consolidator', before.version - 1)).statusCode).toBe(409);
    expect((await add('consolidator', before.version, 0)).statusCode).toBe(400);
    expect((await detail()).documents).toHaveLength(before.documents.length);
    const res = await add('sxd-officer', before.version, 2);
    expect(res.statusCode, res.body).toBe(201);
    const after = res.json<ProjectDetail>();
    expect(after.version).toBe(before.version + 1);
    expect(after.documents.map((d) => d.fileName).sort()).toEqual([
      'quyet-dinh-phe-duyet-1.pdf',
      'quyet-dinh-phe-duyet-2.pdf',
    ]);
    const file = await as(ctx.app, cast.viewer, {
      method: 'GET',
      url: after.documents[0]?.url as string,
    });
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.equals(SAMPLE_PDF)).toBe(true);
  });

  it('withdraws the former owner’s waiting update when the project goes to another owner', async () => {
    const start = await detail('sxd-officer');
    const sent = await report(
      {
        version: String(start.version),
        year: String(year),
        month: String(month === 1 ? 1 : month - 1),
        constructionPercent: '20',
        narrative: 'Thi công đạt 20%.',
      },
      'sxd-officer',
    );
    expect(sent.statusCode, sent.body.slice(0, 300)).toBe(201);
    const id = (sent.json() as ProjectUpdateView).id;
    const stc = await agencyIdByCode(ctx.database.db, ctx.database.tenantId, 'STC');
    const before = await detail('consolidator');
    const res = await as(ctx.app, cast.consolidator, {
      method: 'PUT',
      url: `/api/projects/${projectId}`,
      payload: { ...editBody(before), ownerAgencyId: stc },
    });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    const after = res.json() as ProjectDetail;
    expect(after.updates.find((u) => u.id === id)).toMatchObject({
      status: 'withdrawn',
      abilities: { review: false },
    });
    const review = await as(ctx.app, cast['sxd-head'], {
      method: 'POST',
      url: `/api/project-updates/${id}/review`,
      payload: { decision: 'approve' },
    });
    expect(review.statusCode).toBe(404);
    expect((await detail('stc-officer')).abilities.report).toBe(true);
    expect((await detail('sxd-officer')).abilities.report).toBe(false);
  });
});
