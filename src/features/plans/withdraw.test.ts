import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { and, count, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/support/app.js';
import { engines } from '../../../test/support/database.js';
import { numberedPlan } from '../../../test/support/factories.js';
import { multipart } from '../../../test/support/multipart.js';
import {
  type Auth,
  as,
  CAST,
  type CastName,
  createCast,
  loginCast,
} from '../../../test/support/users.js';
import {
  auditRecords,
  importDrafts,
  legalDocuments,
  planNodes,
  plans,
  reportingPeriods,
  targets,
  taskAssignments,
  tasks,
  tenants,
} from '../../db/schema.js';
import type { ImportDraft } from '../imports/schema.js';
import { planFileSchema } from './plan-file.js';
import type { PlanDetail, PlanList, PlanTreeNode, WithdrawnPlan } from './schema.js';
import { createPlanFromFile } from './service.js';
import { planHasWork, planWork } from './withdraw.js';

const fixture = readFileSync(
  fileURLToPath(new URL('../../../test/fixtures/import/ke-hoach-cao-bang.txt', import.meta.url)),
);
const REASON = 'Xác nhận nhầm văn bản: đây là bản dự thảo, không phải bản đã ký';

const allNodes = (nodes: PlanTreeNode[]): PlanTreeNode[] =>
  nodes.flatMap((n) => [n, ...allNodes(n.children)]);

describe.each(engines())('withdrawing a plan on %s', (engine) => {
  const ctx = useTestApp(engine);
  let cast: Record<CastName, Auth>;
  beforeAll(async () => {
    await createCast(ctx.database.db, ctx.database.tenantId);
    cast = await loginCast(ctx.app);
  });

  const actor = () => ({ id: 'test:withdraw', tenantId: ctx.database.tenantId });
  const load = async (number: string) =>
    (
      await createPlanFromFile(
        ctx.database.db,
        actor(),
        planFileSchema.parse(numberedPlan({ number })),
      )
    ).planId;
  const getPlan = (id: string, who: Auth = cast.consolidator) =>
    as(ctx.app, who, { method: 'GET', url: `/api/plans/${id}` });
  const withdraw = (id: string, payload: unknown, who: Auth = cast.consolidator) =>
    as(ctx.app, who, {
      method: 'POST',
      url: `/api/plans/${id}/withdraw`,
      payload: payload as object,
    });
  const upload = () =>
    as(ctx.app, cast.consolidator, {
      method: 'POST',
      url: '/api/imports?fileName=ke-hoach-cao-bang.txt',
      headers: { 'content-type': 'application/octet-stream' },
      payload: fixture,
    });
  const confirm = (draft: ImportDraft) =>
    as(ctx.app, cast.consolidator, {
      method: 'POST',
      url: `/api/imports/${draft.id}/confirm`,
      payload: { version: draft.version, acknowledgedGaps: draft.review.gaps.map((g) => g.key) },
    });
  /** Rows of the plan and of everything in the database, to show that a refusal changes nothing. */
  const snapshot = async (planId: string) => {
    const n = async (q: Promise<{ n: number }[]>) => (await q)[0]?.n;
    const db = ctx.database.db;
    return {
      plans: await n(db.select({ n: count() }).from(plans)),
      documents: await n(db.select({ n: count() }).from(legalDocuments)),
      tasks: await n(db.select({ n: count() }).from(tasks).where(eq(tasks.planId, planId))),
      nodes: await n(db.select({ n: count() }).from(planNodes).where(eq(planNodes.planId, planId))),
      periods: await n(
        db.select({ n: count() }).from(reportingPeriods).where(eq(reportingPeriods.planId, planId)),
      ),
      audit: await n(db.select({ n: count() }).from(auditRecords)),
    };
  };
  const withdrawAudit = (planId: string) =>
    ctx.database.db
      .select()
      .from(auditRecords)
      .where(
        and(
          eq(auditRecords.entity, 'plan'),
          eq(auditRecords.entityId, planId),
          eq(auditRecords.action, 'withdraw'),
        ),
      );

  it('withdraws a confirmed plan nobody worked on; the same document can be imported again', async () => {
    const created = await upload();
    expect(created.statusCode, created.body).toBe(201);
    const confirmed = await confirm(created.json<ImportDraft>());
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    const { planId } = confirmed.json<{ planId: string }>();

    const detail = (await getPlan(planId)).json<PlanDetail>();
    expect(detail.abilities).toEqual({ read: true, withdraw: true });
    // Only the consolidating department is offered the button.
    for (const { username } of CAST) {
      const res = await getPlan(planId, cast[username]);
      expect(res.json<PlanDetail>().abilities.withdraw, username).toBe(username === 'consolidator');
    }
    const [document] = await ctx.database.db
      .select({ id: plans.documentId })
      .from(plans)
      .where(eq(plans.id, planId));

    const res = await withdraw(planId, { reason: `  ${REASON}  ` });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<WithdrawnPlan>()).toEqual({
      id: planId,
      number: '58/KH-UBND',
      title: detail.document.title,
      counts: detail.counts,
      documentRemoved: true,
    });

    // Gone: from the list, 404 on its page, and every row storing it wrote.
    const list = (
      await as(ctx.app, cast.viewer, { method: 'GET', url: '/api/plans?limit=200' })
    ).json<PlanList>();
    expect(list.items.some((p) => p.id === planId)).toBe(false);
    expect((await getPlan(planId)).statusCode).toBe(404);
    const db = ctx.database.db;
    expect(await db.select().from(tasks).where(eq(tasks.planId, planId))).toEqual([]);
    expect(await db.select().from(targets).where(eq(targets.planId, planId))).toEqual([]);
    expect(
      await db.select().from(reportingPeriods).where(eq(reportingPeriods.planId, planId)),
    ).toEqual([]);
    expect(
      await db
        .select()
        .from(legalDocuments)
        .where(eq(legalDocuments.id, document?.id as string)),
    ).toEqual([]);

    // Audited: who, what it was, and why.
    const [record, ...more] = await withdrawAudit(planId);
    expect(more).toEqual([]);
    expect(record).toMatchObject({
      actor: `user:${cast.consolidator.userId}`,
      tenantId: ctx.database.tenantId,
      before: {
        number: '58/KH-UBND',
        title: detail.document.title,
        revision: 1,
        counts: detail.counts,
      },
      after: { reason: REASON },
    });
    expect(record?.requestId).toBeTruthy();

    // The draft that confirmed it is closed, its link cleared (audited too).
    const draftId = created.json<ImportDraft>().id;
    const [draft] = await db.select().from(importDrafts).where(eq(importDrafts.id, draftId));
    expect(draft).toMatchObject({ status: 'discarded', planId: null });
    const draftAudit = await db
      .select()
      .from(auditRecords)
      .where(and(eq(auditRecords.entity, 'import_draft'), eq(auditRecords.entityId, draftId)));
    expect(draftAudit.at(-1)?.after).toMatchObject({
      status: 'discarded',
      reason: 'plan_withdrawn',
    });

    // The same document again: uploaded, confirmed, a plan once more.
    const again = await upload();
    expect(again.statusCode, again.body).toBe(201);
    const reconfirmed = await confirm(again.json<ImportDraft>());
    expect(reconfirmed.statusCode, reconfirmed.body).toBe(200);
    const replanned = await getPlan(reconfirmed.json<{ planId: string }>().planId);
    expect(replanned.json<PlanDetail>().document.number).toBe('58/KH-UBND');
    // A withdrawn plan is withdrawn once.
    expect((await withdraw(planId, { reason: REASON })).statusCode).toBe(404);
  });

  it('refuses (409 plan_has_work) once a progress update was made, removing nothing', async () => {
    const planId = await load('301/KH-UBND');
    expect(await planHasWork(ctx.database.db, ctx.database.tenantId, planId)).toBe(false);
    const plan = (await getPlan(planId)).json<PlanDetail>();
    const task = allNodes(plan.tree).flatMap((n) => n.tasks)[0];
    const taskDetail = (
      await as(ctx.app, cast.viewer, { method: 'GET', url: `/api/tasks/${task?.id}` })
    ).json<{ version: number }>();
    const report = await as(ctx.app, cast['stc-officer'], {
      method: 'POST',
      url: `/api/tasks/${task?.id}/progress`,
      ...multipart([
        { name: 'version', value: String(taskDetail.version) },
        { name: 'reportedOn', value: '2026-02-02' },
        { name: 'percent', value: '20' },
        { name: 'narrative', value: 'Đã khảo sát hiện trạng' },
      ]),
    });
    expect(report.statusCode, report.body).toBe(201);

    // The page no longer offers it, and the request is refused saying why.
    expect((await getPlan(planId)).json<PlanDetail>().abilities.withdraw).toBe(false);
    const before = await snapshot(planId);
    const res = await withdraw(planId, { reason: REASON });
    expect(res.statusCode).toBe(409);
    const error = res.json().error;
    expect(error.code).toBe('plan_has_work');
    expect(error.issues).toEqual([
      { field: 'progress_updates', code: 'plan_has_work', message: '1 progress updates' },
    ]);
    // The counts by kind, for programs.
    expect(error.current).toEqual({ progress_updates: 1 });
    expect(await snapshot(planId)).toEqual(before);
    expect(await withdrawAudit(planId)).toEqual([]);
    expect((await getPlan(planId)).statusCode).toBe(200);
  });

  it('counts the consolidator’s own changes as work: a reassignment, a completed target', async () => {
    const planId = await load('302/KH-UBND');
    const db = ctx.database.db;
    const [task] = await db.select().from(tasks).where(eq(tasks.planId, planId));
    const [target] = await db.select().from(targets).where(eq(targets.planId, planId));
    await db
      .update(targets)
      .set({ version: 2 })
      .where(eq(targets.id, target?.id as string));
    const [lead] = await db
      .select()
      .from(taskAssignments)
      .where(and(eq(taskAssignments.taskId, task?.id as string), eq(taskAssignments.role, 'lead')));
    await db.insert(taskAssignments).values({
      tenantId: ctx.database.tenantId,
      taskId: task?.id as string,
      agencyId: lead?.agencyId as string,
      role: 'coordinator',
      startedOn: '2026-03-01',
      reason: 'assigned',
      createdBy: 'test',
    });
    expect(await planWork(db, ctx.database.tenantId, planId)).toEqual({
      assignments: 1,
      targets_completed: 1,
    });
    const res = await withdraw(planId, { reason: REASON });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.issues.map((i: { field: string }) => i.field)).toEqual([
      'assignments',
      'targets_completed',
    ]);
  });

  it('withdraws a plan revised by a new version of its document (revisions are not work)', async () => {
    const planId = await load('307/KH-UBND');
    const file = planFileSchema.parse(numberedPlan({ number: '307/KH-UBND', title: 'Bản sửa' }));
    await createPlanFromFile(ctx.database.db, actor(), file, { revising: planId });
    expect((await getPlan(planId)).json<PlanDetail>().abilities.withdraw).toBe(true);
    expect(await planWork(ctx.database.db, ctx.database.tenantId, planId)).toEqual({});
    const res = await withdraw(planId, { reason: REASON });
    expect(res.statusCode, res.body).toBe(200);
    expect((await withdrawAudit(planId))[0]?.before).toMatchObject({ revision: 2 });
  });

  it('keeps the plan’s document when another document refers to it', async () => {
    const planId = await load('303/KH-UBND');
    const citing = numberedPlan({ number: '304/KH-UBND', implements: ['303/KH-UBND'] });
    citing.references = [
      { type: 'KH', number: '303/KH-UBND', issuer: 'UBND tỉnh Lạng Sơn', date: '2026-01-20' },
    ];
    await createPlanFromFile(ctx.database.db, actor(), planFileSchema.parse(citing));
    const [row] = await ctx.database.db
      .select({ documentId: plans.documentId })
      .from(plans)
      .where(eq(plans.id, planId));
    const res = await withdraw(planId, { reason: REASON });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<WithdrawnPlan>().documentRemoved).toBe(false);
    expect(
      await ctx.database.db
        .select({ id: legalDocuments.id })
        .from(legalDocuments)
        .where(eq(legalDocuments.id, row?.documentId as string)),
    ).toHaveLength(1);
  });

  it('answers 404 to every other role and for another tenant’s plan, changing nothing', async () => {
    const planId = await load('305/KH-UBND');
    const before = await snapshot(planId);
    for (const { username } of CAST.filter((c) => c.role !== 'consolidator')) {
      const res = await withdraw(planId, { reason: REASON }, cast[username]);
      expect(res.statusCode, username).toBe(404);
      expect(res.json().error.code, username).toBe('not_found');
    }
    expect(await snapshot(planId)).toEqual(before);

    const [other] = await ctx.database.db
      .insert(tenants)
      .values({ code: 'cao-bang-withdraw', name: 'Tỉnh Cao Bằng', provinceCode: '04' })
      .returning();
    const foreign = await createPlanFromFile(
      ctx.database.db,
      { id: 'test', tenantId: other?.id as string },
      planFileSchema.parse({ ...numberedPlan(), sections: [{ title: 'Trống' }] }),
    );
    const missing = await withdraw('00000000-0000-4000-8000-000000000000', { reason: REASON });
    const res = await withdraw(foreign.planId, { reason: REASON });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual(missing.json());
    expect(
      await ctx.database.db
        .select({ id: plans.id })
        .from(plans)
        .where(eq(plans.id, foreign.planId)),
    ).toHaveLength(1);
    // Anonymous callers: 401, before anything else.
    const anonymous = await as(ctx.app, null, {
      method: 'POST',
      url: `/api/plans/${planId}/withdraw`,
      payload: { reason: REASON },
    });
    expect(anonymous.statusCode).toBe(401);
  });

  it('requires a reason of 5 to 1000 characters (400)', async () => {
    const planId = await load('306/KH-UBND');
    for (const body of [
      {},
      { reason: '' },
      { reason: '   abc   ' },
      { reason: 'x'.repeat(1001) },
    ]) {
      const res = await withdraw(planId, body);
      expect(res.statusCode, JSON.stringify(body).slice(0, 40)).toBe(400);
      expect(res.json().error.issues[0]?.field).toMatch(/reason/);
    }
    expect((await getPlan(planId)).statusCode).toBe(200);
  });
});
