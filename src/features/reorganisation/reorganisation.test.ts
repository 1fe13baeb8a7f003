import { and, asc, eq, inArray } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/support/app.js';
import { engines } from '../../../test/support/database.js';
import type { PlanFileInput } from '../../../test/support/factories.js';
import {
  type Auth,
  agencyIdByCode,
  as,
  type CastName,
  createCast,
  createTestUser,
  login,
  loginCast,
} from '../../../test/support/users.js';
import {
  agencies,
  auditRecords,
  notifications,
  progressUpdates,
  successionApplications,
  taskAssignments,
  tasks,
} from '../../db/schema.js';
import { type Principal, ROLES, type Role } from '../../server/principal.js';
import { planFileSchema } from '../plans/plan-file.js';
import { createPlanFromFile } from '../plans/service.js';
import { canApplyNow, reviewPolicy, successionPolicy } from './policy.js';
import type { ApplyResult, ReassignmentReview, ReviewList, SuccessionList } from './schema.js';
import { namesDistrictLevel, openReviewTaskIds } from './service.js';

/** A plan of 2024 naming the agencies the 2025 reorganisation ended. */
function planOf2024(): PlanFileInput {
  return {
    schema_version: 1,
    document: {
      type: 'KH',
      number: '201/KH-UBND',
      issuer: 'UBND tỉnh Lạng Sơn',
      date: '2024-10-15',
      title: 'Kế hoạch thử nghiệm sắp xếp tổ chức bộ máy',
    },
    sections: [
      {
        label: 'I',
        title: 'NHIỆM VỤ',
        tasks: [
          {
            code: '1',
            title: 'Xây dựng kế hoạch đầu tư công trung hạn',
            lead: 'Sở Kế hoạch và Đầu tư',
            coordinators: ['Sở Tài nguyên và Môi trường'],
            deadline: { kind: 'year', year: 2026 },
          },
          {
            code: '2',
            title: 'Chuyển đổi số trong quản lý hạ tầng',
            lead: 'Sở Thông tin và Truyền thông',
            deadline: { kind: 'year', year: 2026 },
          },
          {
            code: '3',
            title: 'Giải phóng mặt bằng tuyến cao tốc Đồng Đăng - Trà Lĩnh',
            lead: { as_written: 'UBND huyện Cao Lộc', agency_code: 'UBND-H183' },
            deadline: { kind: 'year', year: 2026 },
          },
          {
            code: '4',
            title: 'Rà soát quy hoạch xây dựng vùng huyện',
            lead: null,
            lead_as_written: 'UBND cấp huyện',
            deadline: { kind: 'continuous' },
          },
          {
            code: '5',
            title: 'Tổng hợp danh mục dự án đầu tư công',
            lead: 'Sở Kế hoạch và Đầu tư',
            deadline: { kind: 'year', year: 2025 },
          },
          {
            code: '6',
            title: 'Thẩm định nguồn vốn',
            lead: { as_written: 'Sở Xây dựng', agency_code: 'SXD' },
            coordinators: [
              'Sở Kế hoạch và Đầu tư',
              { as_written: 'Sở Tài chính', agency_code: 'STC' },
            ],
            deadline: { kind: 'year', year: 2026 },
          },
        ],
      },
    ],
  };
}

describe('reorganisation policy', () => {
  const tenantId = '00000000-0000-4000-8000-000000000001';
  const user = (role: Role): Principal => ({
    kind: 'user',
    tenantId,
    userId: '00000000-0000-4000-8000-000000000002',
    username: role,
    displayName: role,
    role,
    agencyId: role === 'administrator' ? null : '00000000-0000-4000-8000-000000000003',
    sessionId: 's',
    csrfToken: 'c',
    demo: false,
  });
  it('lets administrators apply, and administrators and the consolidator resolve', () => {
    const allowed = (rule: (p: Principal) => boolean) => ROLES.filter((r) => rule(user(r)));
    const s = { tenantId, applied: false };
    expect(allowed((p) => successionPolicy.rules.read(p, s))).toEqual([
      'administrator',
      'leadership',
      'consolidator',
    ]);
    expect(allowed((p) => successionPolicy.rules.apply(p, s))).toEqual(['administrator']);
    expect(allowed((p) => canApplyNow(p, { tenantId, applied: true }))).toEqual([]);
    const open = { tenantId, status: 'open' };
    expect(allowed((p) => reviewPolicy.rules.resolve(p, open))).toEqual([
      'administrator',
      'consolidator',
    ]);
    expect(allowed((p) => reviewPolicy.rules.resolve(p, { ...open, status: 'resolved' }))).toEqual(
      [],
    );
    // Another tenant's principal gets nothing.
    expect(successionPolicy.rules.read({ ...user('administrator'), tenantId: 'x' }, s)).toBe(false);
    expect(successionPolicy.rules.read({ kind: 'anonymous', tenantId }, s)).toBe(false);
  });
});

describe('district level groups', () => {
  it('recognises the district level however it is written', () => {
    expect(namesDistrictLevel('UBND cấp huyện')).toBe(true);
    expect(namesDistrictLevel('Các sở, ban, ngành, UBND cấp huyện')).toBe(true);
    expect(namesDistrictLevel('UBND các huyện, thành phố')).toBe(true);
    expect(namesDistrictLevel('Chủ tịch UBND các huyện, thành phố')).toBe(true);
    expect(namesDistrictLevel('Uỷ ban nhân dân các huyện')).toBe(true);
    expect(namesDistrictLevel('UBND huyện Cao Lộc')).toBe(false);
    expect(namesDistrictLevel('Các sở, ban, ngành')).toBe(false);
  });
});

describe.each(engines())('reorganisation on %s', (engine) => {
  const ctx = useTestApp(engine);
  let auth: Record<CastName | 'skhcn-officer', Auth>;
  const agency: Record<string, string> = {};
  const task: Record<string, string> = {};

  const get = (who: Auth | null, url: string) => as(ctx.app, who, { method: 'GET', url });
  const post = (who: Auth | null, url: string, payload?: object) =>
    as(ctx.app, who, { method: 'POST', url, ...(payload ? { payload } : {}) });
  const list = async () => (await get(auth.admin, '/api/reorganisation')).json<SuccessionList>();
  const successionOf = async (code: string) => {
    const found = (await list()).items.find((s) => s.predecessor.id === agency[code]);
    if (!found) throw new Error(`no succession of ${code}`);
    return found;
  };
  const reviews = async (status = 'open') =>
    (
      await get(auth.consolidator, `/api/reorganisation/reviews?status=${status}`)
    ).json<ReviewList>().items;
  const assignmentsOf = (taskId: string) =>
    ctx.database.db
      .select()
      .from(taskAssignments)
      .where(eq(taskAssignments.taskId, taskId))
      .orderBy(asc(taskAssignments.startedOn), asc(taskAssignments.createdAt));
  const current = async (taskId: string, role: 'lead' | 'coordinator') =>
    (await assignmentsOf(taskId))
      .filter((a) => a.role === role && a.endedOn === null)
      .map((a) => a.agencyId);
  const versionOf = async (taskId: string) =>
    (await ctx.database.db.select().from(tasks).where(eq(tasks.id, taskId)))[0]?.version;
  const notified = (eventKey: string) =>
    ctx.database.db.select().from(notifications).where(eq(notifications.eventKey, eventKey));

  beforeAll(async () => {
    const { db, tenantId } = ctx.database;
    await createCast(db, tenantId);
    await createTestUser(db, tenantId, 'skhcn-officer', 'agency_officer', 'SKHCN');
    for (const code of [
      'SKHDT',
      'STTTT',
      'STNMT',
      'STC',
      'SXD',
      'SKHCN',
      'SVHTTDL',
      'SNNMT',
      'UBND-H183',
      'UBND-H178',
    ])
      agency[code] = await agencyIdByCode(db, tenantId, code);
    const { planId } = await createPlanFromFile(
      db,
      { id: 'test', tenantId },
      planFileSchema.parse(planOf2024()),
    );
    for (const t of await db.select().from(tasks).where(eq(tasks.planId, planId)))
      task[t.code ?? ''] = t.id;
    // Task 5 is finished: the reorganisation leaves it alone.
    await db
      .update(tasks)
      .set({ completedOn: '2024-12-20', progressPercent: 100 })
      .where(eq(tasks.id, task['5'] as string));
    auth = {
      ...(await loginCast(ctx.app)),
      'skhcn-officer': await login(ctx.app, 'skhcn-officer'),
    };
  });

  it('lists the successions to those who may see them, with the tasks they concern', async () => {
    for (const who of ['stc-officer', 'stc-head', 'sxd-head', 'viewer'] as const)
      expect((await get(auth[who], '/api/reorganisation')).statusCode, who).toBe(404);
    expect((await get(null, '/api/reorganisation')).statusCode).toBe(401);
    for (const who of ['leader', 'consolidator'] as const) {
      const res = await get(auth[who], '/api/reorganisation');
      expect(res.statusCode).toBe(200);
      expect(res.json<SuccessionList>().items.every((s) => s.abilities.apply === false)).toBe(true);
    }

    const items = (await list()).items;
    // Effective date first: the departments (1/3/2025) before the districts (1/7/2025).
    const dates = items.map((s) => s.effectiveOn);
    expect(dates).toEqual([...dates].sort());
    expect(dates[0]).toBe('2025-03-01');
    expect(dates.at(-1)).toBe('2025-07-01');

    const khdt = await successionOf('SKHDT');
    expect(khdt).toMatchObject({
      kind: 'merge',
      effectiveOn: '2025-03-01',
      predecessor: { name: 'Sở Kế hoạch và Đầu tư' },
      successors: [{ id: agency.STC, name: 'Sở Tài chính' }],
      applied: null,
      abilities: { apply: true },
      // Task 1 (lead) and task 6 (coordinator); task 5 is finished.
      openTasks: 2,
    });
    const tttt = await successionOf('STTTT');
    expect(tttt.successors.map((s) => s.id)).toEqual([agency.SKHCN, agency.SVHTTDL]);
    expect(tttt.openTasks).toBe(1);
    // Cao Lộc: its own task and the district-level group task.
    expect((await successionOf('UBND-H183')).openTasks).toBe(2);
    expect((await successionOf('UBND-H178')).openTasks).toBe(1);
  });

  it('refuses to apply for anyone but an administrator', async () => {
    const { id } = await successionOf('SKHDT');
    for (const who of ['stc-officer', 'stc-head', 'viewer', 'leader', 'consolidator'] as const) {
      const res = await post(auth[who], `/api/reorganisation/${id}/apply`);
      expect(res.statusCode, who).toBe(404);
    }
    expect((await post(null, `/api/reorganisation/${id}/apply`)).statusCode).toBe(401);
    const unknown = await post(
      auth.admin,
      '/api/reorganisation/00000000-0000-4000-8000-000000000000/apply',
    );
    expect(unknown.statusCode).toBe(404);
    expect(await ctx.database.db.select().from(successionApplications)).toHaveLength(0);
  });

  it('applies a merge: the successor takes over from the effective date, history kept', async () => {
    const { id } = await successionOf('SKHDT');
    // A report the former agency left waiting for its head.
    const [left] = await ctx.database.db
      .insert(progressUpdates)
      .values({
        tenantId: ctx.database.tenantId,
        taskId: task['1'] as string,
        agencyId: agency.SKHDT as string,
        kind: 'progress',
        reportedOn: '2025-02-20',
        percent: 100,
        narrative: 'Đã xong',
        status: 'pending',
        createdBy: auth['stc-officer'].userId,
      })
      .returning();
    const res = await post(auth.admin, `/api/reorganisation/${id}/apply`);
    expect(res.statusCode).toBe(200);
    expect(res.json<ApplyResult>()).toEqual({ movedTasks: 2, queuedTasks: 0 });
    // It is withdrawn: no head decides on a task their agency no longer carries.
    const [withdrawn] = await ctx.database.db
      .select()
      .from(progressUpdates)
      .where(eq(progressUpdates.id, left?.id as string));
    expect(withdrawn?.status).toBe('withdrawn');

    const t1 = task['1'] as string;
    expect(await current(t1, 'lead')).toEqual([agency.STC]);
    const leads = (await assignmentsOf(t1)).filter((a) => a.role === 'lead');
    expect(leads).toHaveLength(2);
    expect(leads[0]).toMatchObject({
      agencyId: agency.SKHDT,
      reason: 'plan',
      startedOn: '2024-10-15',
      endedOn: '2025-03-01',
    });
    expect(leads[1]).toMatchObject({
      agencyId: agency.STC,
      reason: 'succession',
      startedOn: '2025-03-01',
      endedOn: null,
      note: 'Hợp nhất: Sở Kế hoạch và Đầu tư → Sở Tài chính',
    });
    // The coordinator of another succession is untouched.
    expect(await current(t1, 'coordinator')).toEqual([agency.STNMT]);
    expect(await versionOf(t1)).toBe(2);

    // Task 6: STC already coordinates, so SKHĐT's coordination just ends.
    const t6 = task['6'] as string;
    expect(await current(t6, 'coordinator')).toEqual([agency.STC]);
    expect((await assignmentsOf(t6)).filter((a) => a.agencyId === agency.STC)).toHaveLength(1);
    expect(await versionOf(t6)).toBe(2);

    // The finished task keeps what it had.
    expect(await current(task['5'] as string, 'lead')).toEqual([agency.SKHDT]);
    expect(await versionOf(task['5'] as string)).toBe(1);

    const again = await post(auth.admin, `/api/reorganisation/${id}/apply`);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('already_applied');

    const after = await successionOf('SKHDT');
    expect(after.applied).toMatchObject({ by: 'admin', movedTasks: 2, queuedTasks: 0 });
    expect(after.abilities.apply).toBe(false);
    expect(after.openTasks).toBe(0);

    const audit = await ctx.database.db
      .select()
      .from(auditRecords)
      .where(
        and(
          eq(auditRecords.actor, `user:${auth.admin.userId}`),
          inArray(auditRecords.entityId, [id, t1, ...leads.map((l) => l.id)]),
        ),
      );
    expect(audit.map((a) => `${a.entity}:${a.action}`).sort()).toEqual([
      'succession_application:apply',
      'task:update',
      'task_assignment:create',
      'task_assignment:end',
    ]);
    expect(audit.find((a) => a.entity === 'task')).toMatchObject({
      before: { version: 1 },
      after: { version: 2 },
    });

    // The successor's people hear once, even after the refused second application.
    const sent = await notified(`succession:${id}:moved:${agency.STC}`);
    expect(sent.map((n) => n.userId).sort()).toEqual(
      [auth.consolidator.userId, auth['stc-head'].userId, auth['stc-officer'].userId].sort(),
    );
    expect(sent[0]?.title).toContain('Sở Tài chính');
  });

  it('applies a split: one open review per task, the old lead stays until a person chooses', async () => {
    const { id } = await successionOf('STTTT');
    const res = await post(auth.admin, `/api/reorganisation/${id}/apply`);
    expect(res.json<ApplyResult>()).toEqual({ movedTasks: 0, queuedTasks: 1 });
    const t2 = task['2'] as string;
    expect(await current(t2, 'lead')).toEqual([agency.STTTT]);
    expect(await versionOf(t2)).toBe(1);

    expect((await get(auth.leader, '/api/reorganisation/reviews')).statusCode).toBe(404);
    expect((await get(auth['stc-officer'], '/api/reorganisation/reviews')).statusCode).toBe(404);
    const open = await reviews();
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({
      task: { id: t2, code: '2', plan: { number: '201/KH-UBND' } },
      former: { agency: { id: agency.STTTT }, asWritten: 'Sở Thông tin và Truyền thông' },
      role: 'lead',
      succession: { id, kind: 'split', effectiveOn: '2025-03-01' },
      candidates: [
        { id: agency.SKHCN, name: 'Sở Khoa học và Công nghệ' },
        { id: agency.SVHTTDL, name: 'Sở Văn hóa, Thể thao và Du lịch' },
      ],
      status: 'open',
      chosenAgency: null,
      abilities: { resolve: true },
    });
    const ids = await openReviewTaskIds(ctx.database.db, ctx.database.tenantId, [
      t2,
      task['1'] as string,
    ]);
    expect([...ids]).toEqual([t2]);

    const queued = await notified(`succession:${id}:queued`);
    // The consolidator hears; the administrator who applied it does not need to.
    expect(queued.map((n) => n.userId)).toEqual([auth.consolidator.userId]);
  });

  it('resolves a review: only a candidate, once, by the consolidator or an administrator', async () => {
    const [review] = await reviews();
    if (!review) throw new Error('no open review');
    const url = `/api/reorganisation/reviews/${review.id}`;
    const t2 = review.task.id;

    for (const who of ['stc-officer', 'leader', 'viewer'] as const)
      expect((await post(auth[who], url, { agencyId: agency.SKHCN })).statusCode, who).toBe(404);
    expect((await post(null, url, { agencyId: agency.SKHCN })).statusCode).toBe(401);

    const wrong = await post(auth.consolidator, url, { agencyId: agency.SXD });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.code).toBe('not_a_candidate');
    expect(await current(t2, 'lead')).toEqual([agency.STTTT]);

    const ok = await post(auth.consolidator, url, {
      agencyId: agency.SKHCN,
      note: 'Nhiệm vụ chuyển đổi số thuộc Sở KH&CN',
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json<ReassignmentReview>()).toMatchObject({
      status: 'resolved',
      chosenAgency: { id: agency.SKHCN },
      resolvedBy: 'consolidator',
      abilities: { resolve: false },
    });
    expect(await current(t2, 'lead')).toEqual([agency.SKHCN]);
    const history = (await assignmentsOf(t2)).filter((a) => a.role === 'lead');
    expect(history.map((a) => [a.agencyId, a.startedOn, a.endedOn, a.reason])).toEqual([
      [agency.STTTT, '2024-10-15', '2025-03-01', 'plan'],
      [agency.SKHCN, '2025-03-01', null, 'review'],
    ]);
    expect(history[1]?.note).toBe('Nhiệm vụ chuyển đổi số thuộc Sở KH&CN');
    expect(await versionOf(t2)).toBe(2);

    const again = await post(auth.admin, url, { agencyId: agency.SKHCN });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('review_closed');

    expect(await reviews('open')).toHaveLength(0);
    expect(await reviews('resolved')).toHaveLength(1);
    const audit = await ctx.database.db
      .select()
      .from(auditRecords)
      .where(
        and(eq(auditRecords.entity, 'reassignment_review'), eq(auditRecords.entityId, review.id)),
      );
    expect(audit.map((a) => a.action)).toEqual(['create', 'resolve']);
    const told = await notified(`review:${review.id}:resolved`);
    expect(told.map((n) => n.userId)).toEqual([auth['skhcn-officer'].userId]);
  });

  it('applies a district abolition: its tasks and the district-level group wait for a commune', async () => {
    const caoLoc = await successionOf('UBND-H183');
    expect(caoLoc.kind).toBe('abolish');
    expect(caoLoc.successors.length).toBeGreaterThan(1);
    const res = await post(auth.admin, `/api/reorganisation/${caoLoc.id}/apply`);
    expect(res.json<ApplyResult>()).toEqual({ movedTasks: 0, queuedTasks: 2 });

    const open = await reviews();
    const own = open.find((r) => r.task.id === task['3']);
    const group = open.find((r) => r.task.id === task['4']);
    expect(own).toMatchObject({
      former: { agency: { id: agency['UBND-H183'] } },
      role: 'lead',
      candidates: caoLoc.successors,
    });
    expect(group).toMatchObject({
      former: { agency: null, asWritten: 'UBND cấp huyện' },
      role: 'lead',
      succession: { id: caoLoc.id, kind: 'abolish' },
    });
    // Every commune formed from any district, once each, by name.
    const all = (await list()).items.filter(
      (s) => s.kind === 'abolish' && s.predecessor.name.includes('huyện'),
    );
    const communes = group?.candidates ?? [];
    expect(communes.length).toBe(new Set(communes.map((c) => c.id)).size);
    expect(communes.map((c) => c.name)).toEqual(
      [...communes.map((c) => c.name)].sort((a, b) => a.localeCompare(b, 'vi')),
    );
    for (const s of all) for (const c of s.successors) expect(communes).toContainEqual(c);
    expect(communes.every((c) => c.name.startsWith('Ủy ban nhân dân'))).toBe(true);

    // Another district: the group task is already queued.
    const city = await successionOf('UBND-H178');
    const second = await post(auth.admin, `/api/reorganisation/${city.id}/apply`);
    expect(second.json<ApplyResult>()).toEqual({ movedTasks: 0, queuedTasks: 0 });

    // A commune takes the group task over.
    const commune = communes[0];
    if (!group || !commune) throw new Error('no group review');
    const chosen = await post(auth.admin, `/api/reorganisation/reviews/${group.id}`, {
      agencyId: commune.id,
    });
    expect(chosen.statusCode).toBe(200);
    expect(await current(task['4'] as string, 'lead')).toEqual([commune.id]);
    const [lead] = await assignmentsOf(task['4'] as string);
    expect(lead).toMatchObject({ startedOn: '2025-07-01', reason: 'review' });
    expect(lead?.note).toContain('UBND cấp huyện');
  });

  it('moves a coordinator on a merge', async () => {
    const { id } = await successionOf('STNMT');
    const res = await post(auth.admin, `/api/reorganisation/${id}/apply`);
    expect(res.json<ApplyResult>()).toEqual({ movedTasks: 1, queuedTasks: 0 });
    const t1 = task['1'] as string;
    expect(await current(t1, 'coordinator')).toEqual([agency.SNNMT]);
    expect(await current(t1, 'lead')).toEqual([agency.STC]);
    expect(await versionOf(t1)).toBe(3);
  });

  it('carries successions already applied over to a plan loaded afterwards', async () => {
    const { db, tenantId } = ctx.database;
    const later = planOf2024();
    later.document.number = '99/KH-UBND';
    const { planId } = await createPlanFromFile(
      db,
      { id: 'test', tenantId },
      planFileSchema.parse(later),
    );
    const loaded = await db.select().from(tasks).where(eq(tasks.planId, planId));
    const byCode = new Map(loaded.map((t) => [t.code ?? '', t.id]));
    // The merge of Sở KH&ĐT was applied above: its task starts with Sở Tài chính, history kept.
    const t1 = byCode.get('1') as string;
    expect(await current(t1, 'lead')).toEqual([agency.STC]);
    const history = await assignmentsOf(t1);
    expect(history.find((a) => a.agencyId === agency.SKHDT)?.endedOn).toBe('2025-03-01');
    // The split of Sở TT&TT was applied too: the new plan's task waits in the review queue.
    const open = await reviews();
    expect(open.some((r) => r.task.id === byCode.get('2'))).toBe(true);
  });

  it('records a new succession (the predecessor ends), checks its shape, then applies it', async () => {
    const create = (payload: object) => post(auth.admin, '/api/reorganisation', payload);
    const base = { predecessorId: agency.SXD, effectiveOn: '2027-01-01' };
    const two = await create({ ...base, kind: 'merge', successorIds: [agency.STC, agency.SKHCN] });
    expect(two.json().error.code).toBe('merge_needs_one');
    const one = await create({ ...base, kind: 'split', successorIds: [agency.STC] });
    expect(one.json().error.code).toBe('split_needs_several');
    const self = await create({ ...base, kind: 'merge', successorIds: [agency.SXD] });
    expect(self.json().error.code).toBe('successor_is_predecessor');
    expect(
      (
        await post(auth.consolidator, '/api/reorganisation', {
          ...base,
          kind: 'merge',
          successorIds: [agency.STC],
        })
      ).statusCode,
    ).toBe(404);
    const made = await create({
      ...base,
      kind: 'merge',
      successorIds: [agency.STC],
      note: 'Thí điểm',
    });
    expect(made.statusCode).toBe(201);
    const succession = made.json<SuccessionList['items'][number]>();
    expect(succession).toMatchObject({ kind: 'merge', effectiveOn: '2027-01-01', applied: null });
    expect(succession.successors.map((a) => a.id)).toEqual([agency.STC]);
    const [sxd] = await ctx.database.db
      .select()
      .from(agencies)
      .where(eq(agencies.id, agency.SXD as string));
    expect(sxd?.inForceTo).toBe('2027-01-01');
    expect(
      (await create({ ...base, kind: 'merge', successorIds: [agency.STC] })).json().error.code,
    ).toBe('succession_exists');
    const applied = await post(auth.admin, `/api/reorganisation/${succession.id}/apply`);
    expect(applied.statusCode).toBe(200);
  });
});
