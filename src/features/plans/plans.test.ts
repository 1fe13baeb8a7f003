import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, engines, type TestDatabase } from '../../../test/support/database.js';
import { examplePlan, numberedPlan, type PlanFileInput } from '../../../test/support/factories.js';
import {
  type Auth,
  as,
  CAST,
  type CastName,
  createCast,
  loginCast,
} from '../../../test/support/users.js';
import { auditRecords, legalDocuments, plans, tasks, tenants } from '../../db/schema.js';
import { type App, buildApp } from '../../server/app.js';
import { AppError } from '../../server/errors.js';
import { planFileSchema } from './plan-file.js';
import type { DocumentReference, PlanDetail, PlanList, PlanTreeNode } from './schema.js';
import { createPlanFromFile } from './service.js';

const allNodes = (nodes: PlanTreeNode[]): PlanTreeNode[] =>
  nodes.flatMap((n) => [n, ...allNodes(n.children)]);

describe.each(engines())('plans on %s', (engine) => {
  let database: TestDatabase;
  let app: App;
  let actor: { id: string; tenantId: string };
  let cast: Record<CastName, Auth>;
  // Reads are for every signed-in user; the viewer is the least privileged of them.
  const read = (url: string, auth: Auth | null = cast.viewer) =>
    as(app, auth, { method: 'GET', url });

  const load = (input: PlanFileInput) =>
    createPlanFromFile(database.db, actor, planFileSchema.parse(input));
  const rowCounts = async () => {
    const [p, d, t, a] = await Promise.all(
      [plans, legalDocuments, tasks, auditRecords].map((table) =>
        database.db.select({ n: count() }).from(table),
      ),
    );
    return { plans: p?.[0]?.n, documents: d?.[0]?.n, tasks: t?.[0]?.n, audit: a?.[0]?.n };
  };
  const loadError = async (input: PlanFileInput) => {
    const before = await rowCounts();
    const error = await load(input).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppError);
    // All or nothing: not a row more anywhere.
    expect(await rowCounts()).toEqual(before);
    return error as AppError;
  };
  const getPlan = async (id: string) => {
    const res = await read(`/api/plans/${id}`);
    expect(res.statusCode).toBe(200);
    return res.json<PlanDetail>();
  };

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    actor = { id: 'test:plans', tenantId: database.tenantId };
    app = await buildApp({ db: database.db, tenantId: database.tenantId });
    await createCast(database.db, database.tenantId);
    cast = await loginCast(app);
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  describe('the example plan', () => {
    let plan: PlanDetail;
    beforeAll(async () => {
      const { planId } = await load(examplePlan());
      plan = await getPlan(planId);
    });

    it('keeps the header, with no number where the document gives none', () => {
      expect(plan.document).toMatchObject({
        type: 'KH',
        number: null,
        issuer: 'UBND tỉnh Lạng Sơn',
        place: 'Lạng Sơn',
      });
      expect(plan.document.title).toMatch(
        /^Kế hoạch triển khai thực hiện Quyết định số 693\/QĐ-TTg/,
      );
      expect(plan.signer).toEqual({
        name: 'Lương Trọng Quỳnh',
        position: 'PHÓ CHỦ TỊCH',
        authority: 'TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH',
      });
      expect(plan.recipients).toContain('Thường trực HĐND tỉnh');
    });

    it('builds the legal basis chain plan → 693/QĐ-TTg → 72-KL/TW → 13-NQ/TW, and what it cites', () => {
      const chain: string[] = [];
      let level: DocumentReference[] = plan.references.filter((r) => r.relation === 'implements');
      while (level.length > 0) {
        expect(level).toHaveLength(1);
        const doc = level[0] as DocumentReference;
        chain.push(`${doc.number} ${doc.date}`);
        level = doc.references.filter((r) => r.relation === 'implements');
      }
      expect(chain).toEqual([
        '693/QĐ-TTg 2024-07-17',
        '72-KL/TW 2024-02-23',
        '13-NQ/TW 2012-01-16',
      ]);
      // "13/NQ-TW" as written, one document under its canonical number.
      const cited = plan.references.filter((r) => r.relation === 'cites').map((r) => r.number);
      expect(cited).toEqual([
        '72-KL/TW',
        '13-NQ/TW',
        '11-NQ/TW',
        '16-CT/TU',
        '30-CT/TW',
        '865/QĐ-TTg',
      ]);
    });

    it('has its tree: sections → objectives → targets, tasks and key projects', () => {
      expect(plan.tree.map((n) => `${n.label}. ${n.title}`)).toEqual([
        'I. MỤC ĐÍCH, YÊU CẦU',
        'II. MỤC TIÊU',
        'III. NHIỆM VỤ, GIẢI PHÁP',
        'IV. TỔ CHỨC THỰC HIỆN',
      ]);
      const nodes = allNodes(plan.tree);
      const urban = nodes.find((n) => n.label === '2.4');
      expect(urban?.kind).toBe('objective');
      expect(urban?.targets.map((t) => [t.indicator, t.targetValue, t.unit, t.targetYear])).toEqual(
        [
          ['Số đô thị toàn tỉnh', 17, 'đô thị', 2030],
          ['Số đô thị mới hình thành', 5, 'đô thị', 2030],
        ],
      );
      const industry = nodes.find((n) => n.label === '2.5')?.children[0];
      expect(industry?.targets.map((t) => t.targetValue)).toEqual([7, 24]);
      expect(plan.counts).toEqual({ targets: 5, tasks: 8, projects: 10 });
      const keyProjects = nodes.find((n) => n.label === '6')?.projects ?? [];
      expect(keyProjects).toHaveLength(9);
      expect(keyProjects[0]).toMatchObject({
        name: 'Tuyến cao tốc cửa khẩu Hữu Nghị - Chi Lăng',
        investmentForm: 'BOT',
      });
      const cableCar = nodes
        .flatMap((n) => n.projects)
        .find((p) => p.name.includes('cáp treo Mẫu Sơn'));
      expect(cableCar?.locations).toEqual([{ code: '06541', name: 'Xã Mẫu Sơn' }]);
    });

    it('keeps the agency as written and shows who carries the task today', () => {
      const allTasks = allNodes(plan.tree).flatMap((n) => n.tasks);
      const report = allTasks.find((t) => t.code === 'IV.1');
      expect(report?.lead?.asWritten).toBe('Sở Kế hoạch và Đầu tư');
      expect(report?.lead?.agency).toMatchObject({
        code: 'SKHDT',
        status: 'ended',
        inForceTo: '2025-03-01',
      });
      expect(report?.lead?.responsible.kind).toBe('successor');
      expect(report?.lead?.responsible.agencies.map((a) => a.name)).toEqual(['Sở Tài chính']);
      expect(report?.deadline).toEqual({ kind: 'annual', day: 31, month: 12 });
      expect(report?.deadlineText).toBe('Trước ngày 31/12 hằng năm');

      const land = allTasks.find((t) => t.lead?.asWritten === 'Sở Tài nguyên và Môi trường');
      expect(land?.lead?.responsible.agencies.map((a) => a.code)).toEqual(['SNNMT']);

      const media = allTasks.find((t) => t.code === 'IV.2');
      expect(media?.lead?.responsible.kind).toBe('choose');
      expect(media?.lead?.responsible.agencies.map((a) => a.code).sort()).toEqual([
        'SKHCN',
        'SVHTTDL',
      ]);
      expect(media?.coordinators.map((c) => [c.asWritten, c.agency.code])).toEqual([
        ['Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Lạng Sơn', 'MTTQ'],
      ]);

      const unassigned = allTasks.find((t) => t.lead === null);
      expect(unassigned?.deadlineText).toBe('Thường xuyên');
    });

    it('lists plans with their counts', async () => {
      const res = await read('/api/plans');
      expect(res.statusCode).toBe(200);
      const body = res.json<PlanList>();
      const item = body.items.find((p) => p.id === plan.id);
      expect(item?.counts).toEqual({ targets: 5, tasks: 8, projects: 10 });
    });
  });

  it('audits every created row, with the actor', async () => {
    const { planId } = await load(numberedPlan({ number: '90/KH-UBND' }));
    const records = await database.db
      .select()
      .from(auditRecords)
      .where(eq(auditRecords.actor, 'test:plans'));
    const forPlan = records.filter((r) => r.entity === 'plan' && r.entityId === planId);
    expect(forPlan).toHaveLength(1);
    expect(forPlan[0]).toMatchObject({
      action: 'create',
      tenantId: database.tenantId,
      before: null,
    });
    const [task] = await database.db.select().from(tasks).where(eq(tasks.planId, planId));
    expect(records.some((r) => r.entity === 'task' && r.entityId === task?.id)).toBe(true);
    // A coordinator that is also listed twice is stored once.
    const plan = await getPlan(planId);
    const t = plan.tree[0]?.tasks[0];
    expect(t?.coordinators.map((c) => c.agency.code)).toEqual(['SXD']);
    expect(t?.lead?.agency.code).toBe('STC');
    expect(t?.dueOn).toBe('2026-06-30');
  });

  it('reuses a legal document that another plan already references', async () => {
    const a = await getPlan((await load(numberedPlan({ number: '91/KH-UBND' }))).planId);
    const b = await getPlan((await load(numberedPlan({ number: '92/KH-UBND' }))).planId);
    expect(a.references[0]?.id).toBe(b.references[0]?.id);
  });

  it('refuses a duplicate document number, writing nothing', async () => {
    await load(numberedPlan({ number: '20/KH-UBND' }));
    const error = await loadError(
      numberedPlan({ number: '20/kh-ubnd', title: 'Một kế hoạch khác' }),
    );
    expect(error.code).toBe('invalid_plan');
    expect(error.issues).toEqual([
      expect.objectContaining({ field: 'document.number', code: 'duplicate_document' }),
    ]);
    // The same number in another year is another document.
    await expect(
      load(numberedPlan({ number: '20/KH-UBND', date: '2027-01-05' })),
    ).resolves.toBeTruthy();
  });

  it('refuses unknown and ambiguous agencies and unknown communes, naming each field', async () => {
    const input = numberedPlan({ number: '30/KH-UBND' });
    const section = input.sections[0] as NonNullable<PlanFileInput['sections']>[number];
    section.tasks = [
      {
        title: 'A',
        lead: 'Sở Không Tồn Tại',
        coordinators: [{ as_written: 'X', agency_code: 'NOPE' }],
      },
      { title: 'B', lead: 'Sở Tài chính' },
    ];
    section.projects = [{ name: 'P', location: ['99999'] }];
    const dateless = { ...input, document: { ...input.document, date: undefined } };
    const error = await loadError(dateless);
    expect(error.issues.map((i) => [i.field, i.code])).toEqual([
      ['sections[0].tasks[0].lead', 'unknown_agency'],
      ['sections[0].tasks[0].coordinators[0]', 'unknown_agency'],
      // Without a date, "Sở Tài chính" may be the department before or after the 2025 merge.
      ['sections[0].tasks[1].lead', 'ambiguous_agency'],
      ['sections[0].projects[0].location[0]', 'unknown_commune'],
    ]);
  });

  it('answers 400 for a malformed id and 404 alike for a missing plan and another tenant’s plan', async () => {
    expect((await read('/api/plans/abc')).statusCode).toBe(400);
    const missing = await read('/api/plans/00000000-0000-4000-8000-000000000000');
    expect(missing.statusCode).toBe(404);
    const [other] = await database.db
      .insert(tenants)
      .values({ code: 'cao-bang-2', name: 'Tỉnh Cao Bằng', provinceCode: '04' })
      .returning();
    const foreign = await createPlanFromFile(
      database.db,
      { id: 'test', tenantId: other?.id as string },
      planFileSchema.parse({ ...numberedPlan(), sections: [{ title: 'Trống' }] }),
    );
    const res = await read(`/api/plans/${foreign.planId}`);
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual(missing.json());
    // Not even the administrator sees another tenant's plan.
    const asAdmin = await read(`/api/plans/${foreign.planId}`, cast.admin);
    expect(asAdmin.statusCode).toBe(404);
    const list = (await read('/api/plans?limit=200')).json<PlanList>();
    expect(list.items.some((p) => p.id === foreign.planId)).toBe(false);
  });

  it('lets every signed-in role read plans, and answers 401 to anonymous callers', async () => {
    const { planId } = await load(numberedPlan({ number: '40/KH-UBND' }));
    for (const { username } of CAST) {
      const one = await read(`/api/plans/${planId}`, cast[username]);
      expect(one.statusCode, username).toBe(200);
      // Only the consolidating department may withdraw a plan (nobody has worked on this one).
      expect(one.json<PlanDetail>().abilities, username).toEqual({
        read: true,
        withdraw: username === 'consolidator',
      });
      const list = await read('/api/plans', cast[username]);
      expect(
        list.json<PlanList>().items.some((p) => p.id === planId),
        username,
      ).toBe(true);
      // Only the consolidating department imports plan documents (its button shows to it alone).
      expect(list.json<PlanList>().abilities, username).toEqual({
        import: username === 'consolidator',
      });
    }
    for (const url of ['/api/plans', `/api/plans/${planId}`]) {
      const anonymous = await read(url, null);
      expect(anonymous.statusCode, url).toBe(401);
      expect(anonymous.json().error.code, url).toBe('unauthenticated');
    }
    // A session cookie that is not (or no longer) valid is anonymous too.
    const forged = await read(`/api/plans/${planId}`, {
      cookie: 'tiendo_session=not-a-session',
      csrf: 'x',
      userId: 'x',
    });
    expect(forged.statusCode).toBe(401);
  });
});
