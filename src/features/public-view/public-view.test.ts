// The public view field by field: internal data of every kind is built around a plan (comments and
// directions, evidence, pending and returned actuals and project updates, draft agency reports,
// pending and rejected feedback, review notes), and the anonymous answer holds exactly the keys
// rule.ts lists for each kind and none of the internal values.
import { and, eq } from 'drizzle-orm';
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
  agencyReports,
  evidenceFiles,
  feedback,
  projectCapitalPlans,
  projectDisbursements,
  projectMilestones,
  projects,
  projectUpdates,
  reportingPeriods,
  targetActuals,
  targets,
  taskComments,
  tasks,
  users,
} from '../../db/schema.js';
import { isoDateInVietnam } from '../../domain/calendar.js';
import { planFileSchema } from '../plans/plan-file.js';
import { createPlanFromFile } from '../plans/service.js';
import { PUBLIC_FIELDS, type PublicKind } from './rule.js';
import type { PublicPlan } from './schema.js';
import {
  publicFeedbackSchema,
  publicPlanListItemSchema,
  publicPlanSchema,
  publicProjectSchema,
  publicTargetSchema,
} from './schema.js';

/** Internal values: none may appear anywhere in a public answer. */
const SECRETS = [
  'BINH-LUAN-NOI-BO',
  'CHI-DAO-NOI-BO',
  'MINH-CHUNG-NOI-BO.pdf',
  'GHI-CHU-DA-DUYET',
  'GHI-CHU-CHO-DUYET',
  'LY-DO-TRA-LAI',
  'CAP-NHAT-CHO-DUYET',
  'CAP-NHAT-TRA-LAI',
  'BAO-CAO-NHAP',
  'GOP-Y-CHO-DUYET',
  'GOP-Y-BI-TU-CHOI',
  'GHI-CHU-TU-CHOI',
  '0912 345 678',
  'nguoigui@example.invalid',
  '987654',
  '555444',
  'stc-head',
  'sxd-officer',
  'consolidator',
];

describe.each(engines())('public view on %s', (engine) => {
  const ctx = useTestApp(engine);
  let cast: Record<CastName, Auth>;
  let planId: string;
  let targetId: string;
  let projectId: string;
  const year = Number(isoDateInVietnam().slice(0, 4));

  beforeAll(async () => {
    const { db, tenantId } = ctx.database;
    await createCast(db, tenantId);
    cast = await loginCast(ctx.app);
    ({ planId } = await createPlanFromFile(
      db,
      { id: 'test', tenantId },
      planFileSchema.parse(examplePlan()),
    ));
    const sxd = await agencyIdByCode(db, tenantId, 'SXD');
    const [user] = await db.select().from(users).where(eq(users.username, 'sxd-officer'));
    if (!user) throw new Error('no user');
    const [target] = await db.select().from(targets).where(eq(targets.planId, planId)).limit(1);
    const [project] = await db.select().from(projects).where(eq(projects.planId, planId)).limit(1);
    const [task] = await db.select().from(tasks).where(eq(tasks.planId, planId)).limit(1);
    if (!target || !project || !task) throw new Error('plan without items');
    targetId = target.id;
    projectId = project.id;
    await db.update(targets).set({ responsibleAgencyId: sxd }).where(eq(targets.id, targetId));
    const actual = (status: string, value: string, note: string, reviewNote: string | null) => ({
      tenantId,
      targetId,
      agencyId: sxd,
      year: year - 1,
      period: String(year - 1),
      periodEnd: `${year - 1}-12-31`,
      value,
      note,
      status,
      reportedBy: user.id,
      reviewedBy: status === 'pending' ? null : user.id,
      reviewedAt: status === 'pending' ? null : new Date(),
      reviewNote,
    });
    const [approved] = await db
      .insert(targetActuals)
      .values(actual('approved', '12.5', 'GHI-CHU-DA-DUYET', null))
      .returning();
    await db
      .insert(targetActuals)
      .values([
        actual('returned', '987654', 'GHI-CHU-TRA', 'LY-DO-TRA-LAI'),
        actual('pending', '555444', 'GHI-CHU-CHO-DUYET', null),
      ]);
    if (!approved) throw new Error('no actual');
    await db.insert(evidenceFiles).values({
      tenantId,
      targetActualId: approved.id,
      fileName: 'MINH-CHUNG-NOI-BO.pdf',
      contentType: 'application/pdf',
      size: 10,
      sha256: 'a'.repeat(64),
    });
    await db.insert(taskComments).values([
      { tenantId, taskId: task.id, kind: 'comment', body: 'BINH-LUAN-NOI-BO', authorId: user.id },
      { tenantId, taskId: task.id, kind: 'direction', body: 'CHI-DAO-NOI-BO', authorId: user.id },
    ]);
    // The project: applied figures (as an approved update leaves them), a capital plan and a
    // month's disbursement; a pending and a returned update that must not count.
    await db
      .update(projects)
      .set({
        ownerAgencyId: sxd,
        constructionPercent: 40,
        clearanceUnit: 'ha',
        clearanceTotal: '20',
        clearanceDone: '5',
        lastUpdatedOn: `${year}-01-01`,
      })
      .where(eq(projects.id, projectId));
    await db.insert(projectCapitalPlans).values({
      tenantId,
      projectId,
      year,
      source: 'local',
      amount: '50',
      updatedBy: user.id,
    });
    await db
      .insert(projectDisbursements)
      .values({ tenantId, projectId, year, month: 1, amount: '12.5', recordedBy: user.id });
    await db
      .insert(projectMilestones)
      .values({ projectId, kind: 'groundbreaking', plannedOn: `${year}-03-01`, actualOn: null });
    for (const [status, narrative] of [
      ['pending', 'CAP-NHAT-CHO-DUYET'],
      ['returned', 'CAP-NHAT-TRA-LAI'],
    ] as const)
      await db.insert(projectUpdates).values({
        tenantId,
        projectId,
        agencyId: sxd,
        year,
        month: 2,
        disbursed: '987654',
        constructionPercent: 99,
        narrative,
        status,
        createdBy: user.id,
      });
    const [period] = await db
      .select()
      .from(reportingPeriods)
      .where(eq(reportingPeriods.planId, planId))
      .limit(1);
    if (!period) throw new Error('no period');
    await db
      .insert(agencyReports)
      .values({ tenantId, periodId: period.id, agencyId: sxd, results: 'BAO-CAO-NHAP' });
    const note = {
      tenantId,
      senderName: 'Nguyễn Văn An',
      senderKey: 'k',
      senderContact: '0912 345 678',
    };
    await db.insert(feedback).values([
      { ...note, targetId, body: 'GOP-Y-CHO-DUYET' },
      {
        ...note,
        projectId,
        body: 'GOP-Y-BI-TU-CHOI',
        status: 'rejected',
        moderationNote: 'GHI-CHU-TU-CHOI',
        moderatedBy: user.id,
        moderatedAt: new Date(),
      },
      {
        ...note,
        targetId,
        senderOrganisation: 'Hội Nông dân',
        senderContact: 'nguoigui@example.invalid',
        body: 'Đề nghị công bố số liệu theo quý.',
        status: 'published',
        answer: 'Sẽ công bố theo quý từ năm sau.',
        moderatedBy: user.id,
        moderatedAt: new Date(),
      },
    ]);
  });

  const get = (url: string, auth: Auth | null = null) => as(ctx.app, auth, { method: 'GET', url });

  /** Every object of the answer has exactly the keys of its kind in rule.ts. */
  function expectKeys(kind: PublicKind, object: unknown) {
    expect(Object.keys(object as object).sort(), kind).toEqual([...PUBLIC_FIELDS[kind]].sort());
  }

  it('lists the confirmed plans to anyone, cacheable', async () => {
    const res = await get('/api/public/plans');
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toMatch(/public/);
    const body = res.json() as { items: unknown[] };
    expect(body.items.length).toBe(1);
    for (const item of body.items) expectKeys('planListItem', item);
  });

  it('shows a plan with exactly the public fields and nothing internal', async () => {
    const res = await get(`/api/public/plans/${planId}`);
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    expect(res.headers['cache-control']).toMatch(/public/);
    for (const secret of SECRETS) expect(res.body).not.toContain(secret);
    const plan = res.json() as PublicPlan;
    expectKeys('plan', plan);
    expect(plan.purpose).not.toBeNull();
    expectKeys('purpose', plan.purpose);
    expect(plan.purpose?.text ?? '').toContain('rõ lộ trình, rõ trách nhiệm');
    for (const part of plan.purpose?.parts ?? []) expectKeys('purposePart', part);
    for (const a of plan.agencies) expectKeys('agency', a);
    expect(plan.agencies.map((a) => a.name)).toContain('Sở Xây dựng');
    for (const t of plan.targets) {
      expectKeys('target', t);
      for (const m of t.milestones) expectKeys('targetMilestone', m);
      if (t.latestActual) expectKeys('actual', t.latestActual);
      for (const f of t.feedback) expectKeys('feedback', f);
    }
    for (const p of plan.projects) {
      expectKeys('project', p);
      expectKeys('clearance', p.clearance);
      for (const m of p.milestones) expectKeys('projectMilestone', m);
      for (const f of p.feedback) expectKeys('feedback', f);
    }
    const target = plan.targets.find((t) => t.id === targetId);
    // The approved actual only: not the returned or pending figures.
    expect(target?.latestActual?.value).toBe('12.5');
    expect(target?.agency).toBe('Sở Xây dựng');
    expect(target?.feedback).toEqual([
      expect.objectContaining({
        senderName: 'Nguyễn Văn An',
        senderOrganisation: 'Hội Nông dân',
        answer: 'Sẽ công bố theo quý từ năm sau.',
      }),
    ]);
    const project = plan.projects.find((p) => p.id === projectId);
    expect(project).toMatchObject({
      constructionPercent: 40,
      capitalPlanned: '50',
      disbursed: '12.5',
      disbursedPercent: '25',
      clearance: { unit: 'ha', total: '20', done: '5', percent: '25' },
      owner: 'Sở Xây dựng',
      feedback: [],
    });
    expect(project?.milestones).toEqual([
      { kind: 'groundbreaking', plannedOn: `${year}-03-01`, actualOn: null },
    ]);
    expect(plan.lastUpdatedOn).not.toBeNull();
  });

  it('gives a signed-in user the same answer as a visitor', async () => {
    const anonymous = await get(`/api/public/plans/${planId}`);
    const signedIn = await get(`/api/public/plans/${planId}`, cast.consolidator);
    expect(signedIn.json()).toEqual(anonymous.json());
  });

  it('answers 404 for a plan that is not the tenant’s', async () => {
    const res = await get('/api/public/plans/00000000-0000-4000-8000-000000000000');
    expect(res.statusCode).toBe(404);
  });

  it('declares in its schemas exactly the fields of the rule', () => {
    const shape = (s: { shape: object }) => Object.keys(s.shape).sort();
    expect(shape(publicPlanSchema)).toEqual([...PUBLIC_FIELDS.plan].sort());
    expect(shape(publicPlanListItemSchema)).toEqual([...PUBLIC_FIELDS.planListItem].sort());
    expect(shape(publicTargetSchema)).toEqual([...PUBLIC_FIELDS.target].sort());
    expect(shape(publicProjectSchema)).toEqual([...PUBLIC_FIELDS.project].sort());
    expect(shape(publicFeedbackSchema)).toEqual([...PUBLIC_FIELDS.feedback].sort());
  });

  it('keeps the feedback rows it did not show', async () => {
    const rows = await ctx.database.db
      .select({ status: feedback.status })
      .from(feedback)
      .where(and(eq(feedback.tenantId, ctx.database.tenantId)));
    expect(rows.length).toBe(3);
  });
});
