import { readdirSync } from 'node:fs';
import { and, count, eq } from 'drizzle-orm';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, engines, type TestDatabase } from '../../../test/support/database.js';
import { numberedPlan } from '../../../test/support/factories.js';
import { multipart, SAMPLE_PDF } from '../../../test/support/multipart.js';
import {
  type Auth,
  as,
  type CastName,
  createCast,
  loginCast,
} from '../../../test/support/users.js';
import {
  auditRecords,
  mailOutbox,
  notifications,
  progressUpdates,
  tasks,
} from '../../db/schema.js';
import { isoDateInVietnam } from '../../domain/calendar.js';
import { type App, buildApp } from '../../server/app.js';
import { planFileSchema } from '../plans/plan-file.js';
import { createPlanFromFile } from '../plans/service.js';
import type { MyWork, TaskDetail, TaskList, Urging } from './schema.js';

type TaskListView = { items: TaskDetail[]; total: number };

const daysAgo = (n: number) =>
  new Date(Date.parse(isoDateInVietnam()) - n * 86_400_000).toISOString().slice(0, 10);

describe.each(engines())('live tasks on %s', (engine) => {
  let database: TestDatabase;
  let app: App;
  let filesDir: string;
  let auth: Record<CastName, Auth>;
  let taskId: string; // led by Sở Tài chính, due in a past quarter: overdue
  let groupTaskId: string; // given to a group: no lead

  const get = <T>(who: CastName | null, url: string) =>
    as(app, who ? auth[who] : null, { method: 'GET', url }).then((r) => ({
      status: r.statusCode,
      body: r.json() as T,
    }));
  const send = (
    who: CastName | null,
    method: 'POST' | 'PUT' | 'PATCH',
    url: string,
    payload: object,
  ) => as(app, who ? auth[who] : null, { method, url, payload });
  const task = async (who: CastName = 'viewer') =>
    (await get<TaskDetail>(who, `/api/tasks/${taskId}`)).body;
  const report = (
    who: CastName,
    fields: Record<string, string>,
    files: { name: string; content: Buffer }[] = [],
  ) => {
    const body = multipart([
      ...Object.entries(fields).map(([name, value]) => ({ name, value })),
      ...files.map((f) => ({ name: 'evidence', fileName: f.name, content: f.content })),
    ]);
    return as(app, auth[who], {
      method: 'POST',
      url: `/api/tasks/${taskId}/progress`,
      payload: body.payload,
      headers: body.headers,
    });
  };

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    const { mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    filesDir = mkdtempSync(join(tmpdir(), 'tiendo-evidence-'));
    app = await buildApp({ db: database.db, tenantId: database.tenantId, filesDir });
    const plan = numberedPlan();
    const section = plan.sections[0];
    if (!section?.tasks) throw new Error('factory changed');
    section.tasks.push({
      title: 'Rà soát, báo cáo khó khăn, vướng mắc',
      lead: null,
      lead_as_written: 'Các sở, ban, ngành',
      deadline: { kind: 'none' },
    } as never);
    await createPlanFromFile(
      database.db,
      { id: 'test', tenantId: database.tenantId },
      planFileSchema.parse(plan),
    );
    await createCast(database.db, database.tenantId);
    auth = await loginCast(app);
    const list = (await get<TaskList>('viewer', '/api/tasks')).body;
    taskId = list.items.find((t) => t.title === 'Lập kế hoạch đầu tư công')?.id as string;
    groupTaskId = list.items.find((t) => t.lead === null)?.id as string;
    expect(taskId && groupTaskId).toBeTruthy();
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('shows a task with its current lead, computed status and the caller’s abilities', async () => {
    const viewer = await task('viewer');
    expect(viewer.lead?.name).toBe('Sở Tài chính');
    expect(viewer.coordinators.map((c) => c.name)).toEqual(['Sở Xây dựng']);
    // Quý II/2026 ended on 30/6/2026.
    expect(viewer.status).toMatchObject({ state: 'overdue', dueOn: '2026-06-30' });
    expect(viewer.status.overdueDays).toBeGreaterThan(0);
    expect(viewer.abilities).toMatchObject({ read: true, reportProgress: false, comment: false });
    expect((await task('stc-officer')).abilities).toMatchObject({
      reportProgress: true,
      requestExtension: true,
      contribute: false,
    });
    expect((await task('sxd-officer')).abilities).toMatchObject({
      reportProgress: false,
      contribute: true,
    });
    expect((await task('consolidator')).abilities).toMatchObject({
      assign: true,
      reportProgress: false,
    });
    expect((await task('leader')).abilities).toMatchObject({ direct: true, comment: true });
    expect((await get('sxd-officer', `/api/tasks/${taskId}`)).status).toBe(200);
    expect((await get(null, `/api/tasks/${taskId}`)).status).toBe(401);
  });

  it('takes an officer’s report with evidence, waits for the head, then moves the task', async () => {
    const before = await task();
    const res = await report(
      'stc-officer',
      {
        version: String(before.version),
        reportedOn: daysAgo(1),
        percent: '60',
        narrative: 'Đã hoàn thành dự thảo kế hoạch',
      },
      [{ name: 'Biên bản họp.pdf', content: SAMPLE_PDF }],
    );
    expect(res.statusCode).toBe(201);
    const update = res.json() as TaskDetail['progress'][number];
    expect(update).toMatchObject({ status: 'pending', percent: 60, kind: 'progress' });
    expect(update.evidence[0]).toMatchObject({
      fileName: 'Biên bản họp.pdf',
      size: SAMPLE_PDF.length,
    });
    // Pending reports do not move the task.
    expect((await task()).percent).toBeNull();
    // The head was told, once.
    const [{ n } = { n: 0 }] = await database.db
      .select({ n: count() })
      .from(notifications)
      .where(
        and(
          eq(notifications.userId, auth['stc-head'].userId),
          eq(notifications.kind, 'progress_submitted'),
        ),
      );
    expect(n).toBe(1);
    // The head of another agency cannot review it; the agency's head can, once.
    const review = (who: CastName) =>
      send(who, 'POST', `/api/progress-updates/${update.id}/review`, { decision: 'approve' });
    expect((await review('sxd-head')).statusCode).toBe(404);
    expect((await review('stc-officer')).statusCode).toBe(404);
    expect((await review('stc-head')).statusCode).toBe(200);
    expect((await review('stc-head')).statusCode).toBe(409);
    const after = await task();
    expect(after.percent).toBe(60);
    expect(after.status.state).toBe('overdue');
    // Anyone who may read the task downloads the evidence as uploaded.
    const file = await as(app, auth.viewer, {
      method: 'GET',
      url: update.evidence[0]?.url as string,
    });
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.equals(SAMPLE_PDF)).toBe(true);
    expect(file.headers['content-disposition']).toContain(
      "filename*=UTF-8''Bi%C3%AAn%20b%E1%BA%A3n",
    );
    expect(
      (await as(app, null, { method: 'GET', url: update.evidence[0]?.url as string })).statusCode,
    ).toBe(401);
  });

  it('refuses other agencies, stale versions and bad files, leaving nothing behind', async () => {
    const current = await task();
    const fields = {
      version: String(current.version),
      reportedOn: daysAgo(0),
      percent: '70',
      narrative: 'x',
    };
    const rows = async () => (await database.db.select({ n: count() }).from(progressUpdates))[0]?.n;
    const before = await rows();
    const stored = () => readdirSync(filesDir, { recursive: true }).length;
    const filesBefore = stored();
    expect((await report('sxd-officer', { ...fields, percent: '' })).statusCode).toBe(201); // a contribution
    expect((await report('viewer', fields)).statusCode).toBe(404);
    expect((await report('consolidator', fields)).statusCode).toBe(404);
    const stale = await report('stc-head', { ...fields, version: '1' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.current.version).toBeGreaterThan(1);
    const fresh = await task();
    const good = { ...fields, version: String(fresh.version) };
    const fake = await report('stc-head', good, [
      { name: 'baocao.pdf', content: Buffer.from('MZ not a pdf') },
    ]);
    expect(fake.statusCode).toBe(400);
    expect(fake.json().error.code).toBe('file_type_not_allowed');
    const exe = await report('stc-head', good, [{ name: 'setup.exe', content: Buffer.from('MZ') }]);
    expect(exe.json().error.code).toBe('file_type_not_allowed');
    const future = await report('stc-head', { ...good, reportedOn: '2999-01-01' }, [
      { name: 'a.pdf', content: SAMPLE_PDF },
    ]);
    expect(future.json().error.code).toBe('reported_in_future');
    expect(await rows()).toBe((before ?? 0) + 1);
    expect(stored()).toBe(filesBefore);
  });

  it('moves the deadline only when the consolidator approves an extension', async () => {
    const t = await task();
    const ask = await send('stc-officer', 'POST', `/api/tasks/${taskId}/extensions`, {
      version: t.version,
      proposedDueOn: '2027-03-31',
      reason: 'Chờ hướng dẫn của Bộ Tài chính',
    });
    expect(ask.statusCode).toBe(201);
    const request = ask.json() as TaskDetail['extensions'][number];
    expect(request).toMatchObject({ status: 'pending', currentDueOn: '2026-06-30' });
    const again = await send('stc-officer', 'POST', `/api/tasks/${taskId}/extensions`, {
      version: (await task()).version,
      proposedDueOn: '2027-04-30',
      reason: 'x',
    });
    expect(again.json().error.code).toBe('extension_pending');
    const decide = (who: CastName) =>
      send(who, 'POST', `/api/extension-requests/${request.id}/decision`, { decision: 'approve' });
    expect((await decide('stc-head')).statusCode).toBe(404);
    expect((await decide('leader')).statusCode).toBe(404);
    expect((await decide('consolidator')).statusCode).toBe(200);
    expect((await decide('consolidator')).statusCode).toBe(409);
    const after = await task();
    expect(after.plannedDueOn).toBe('2026-06-30');
    expect(after.extendedDueOn).toBe('2027-03-31');
    expect(after.status.state).toBe('in_progress');
    expect(after.extensions[0]?.status).toBe('approved');
  });

  it('keeps directions to leadership and notifies mentions once', async () => {
    const byOfficer = await send('stc-officer', 'POST', `/api/tasks/${taskId}/comments`, {
      kind: 'direction',
      body: 'x',
    });
    expect(byOfficer.statusCode).toBe(404);
    expect(
      (await send('viewer', 'POST', `/api/tasks/${taskId}/comments`, { body: 'x' })).statusCode,
    ).toBe(404);
    const direction = await send('leader', 'POST', `/api/tasks/${taskId}/comments`, {
      kind: 'direction',
      body: 'Đề nghị @stc-head khẩn trương hoàn thành trong quý I/2027',
    });
    expect(direction.statusCode).toBe(201);
    expect(direction.json()).toMatchObject({ kind: 'direction', mentions: ['stc-head'] });
    const mine = await database.db
      .select({ kind: notifications.kind })
      .from(notifications)
      .where(eq(notifications.userId, auth['stc-head'].userId));
    expect(mine.filter((n) => n.kind === 'mention')).toHaveLength(1);
    expect(mine.filter((n) => n.kind === 'direction')).toHaveLength(1);
    const mail = await database.db
      .select()
      .from(mailOutbox)
      .where(eq(mailOutbox.toAddress, 'stc-head@test.invalid'));
    expect(mail.length).toBeGreaterThanOrEqual(2);
  });

  it('lets the consolidator assign a group task with a deadline; history keeps both', async () => {
    const detail = (await get<TaskDetail>('consolidator', `/api/tasks/${groupTaskId}`)).body;
    expect(detail.lead).toBeNull();
    const sxd = (await get<TaskDetail>('viewer', `/api/tasks/${taskId}`)).body.coordinators[0]
      ?.id as string;
    const body = {
      version: detail.version,
      leadAgencyId: sxd,
      coordinatorAgencyIds: [],
      dueOn: daysAgo(40),
      note: 'Giao Sở Xây dựng',
    };
    expect(
      (await send('stc-head', 'PUT', `/api/tasks/${groupTaskId}/assignment`, body)).statusCode,
    ).toBe(404);
    const res = await send('consolidator', 'PUT', `/api/tasks/${groupTaskId}/assignment`, body);
    expect(res.statusCode).toBe(200);
    const assigned = res.json() as TaskDetail;
    expect(assigned.lead?.name).toBe('Sở Xây dựng');
    expect(assigned.status).toMatchObject({ state: 'overdue', age: 'over_30' });
    expect(assigned.assignments).toEqual([
      expect.objectContaining({
        role: 'lead',
        reason: 'assigned',
        endedOn: null,
        note: 'Giao Sở Xây dựng',
      }),
    ]);
    // The plan's own deadline cannot be replaced this way.
    const t = await task();
    const planDeadline = await send('consolidator', 'PUT', `/api/tasks/${taskId}/assignment`, {
      version: t.version,
      leadAgencyId: t.lead?.id,
      coordinatorAgencyIds: [],
      dueOn: '2030-01-01',
    });
    expect(planDeadline.json().error.code).toBe('deadline_from_plan');
    // Audit: who, what, before and after.
    const records = await database.db
      .select()
      .from(auditRecords)
      .where(
        and(
          eq(auditRecords.entity, 'task_assignment'),
          eq(auditRecords.actor, `user:${auth.consolidator.userId}`),
        ),
      );
    expect(records.length).toBeGreaterThan(0);
    expect(records[0]?.actorAgencyId).not.toBeNull();
  });

  it('rolls agency plan items up to the provincial task', async () => {
    const add = (who: CastName, title: string) =>
      send(who, 'POST', `/api/tasks/${taskId}/plan-items`, { title, dueOn: null });
    expect((await add('viewer', 'x')).statusCode).toBe(404);
    const a = (await add('stc-officer', 'Dự thảo')).json();
    await add('sxd-officer', 'Góp ý');
    expect(
      (
        await send('sxd-officer', 'PATCH', `/api/plan-items/${a.id}`, {
          version: a.version,
          percent: 50,
        })
      ).statusCode,
    ).toBe(404);
    const done = await send('stc-officer', 'PATCH', `/api/plan-items/${a.id}`, {
      version: a.version,
      percent: 100,
    });
    expect(done.statusCode).toBe(200);
    expect(done.json().completedOn).not.toBeNull();
    expect(
      (
        await send('stc-officer', 'PATCH', `/api/plan-items/${a.id}`, {
          version: a.version,
          percent: 90,
        })
      ).statusCode,
    ).toBe(409);
    const t = await task();
    expect(t.rollup).toMatchObject({ percent: 50, items: 2, done: 1 });
    expect(t.rollup?.rule).toContain('Trung bình cộng');
  });

  it('gives each agency its work and the consolidator the urging view and letter', async () => {
    const sxd = (await get<MyWork>('sxd-officer', '/api/my-work')).body;
    expect(sxd.agency?.name).toBe('Sở Xây dựng');
    expect(sxd.counts).toMatchObject({ lead: 1, coordinate: 1, overdue: 1 });
    const sxdId = sxd.agency?.id as string;
    // The lists behind the counters are pages of the task list.
    const overdueOfSxd = (
      await get<TaskList>('sxd-officer', `/api/tasks?agencyId=${sxdId}&state=overdue&sort=due`)
    ).body;
    expect(overdueOfSxd.items.map((t) => t.id)).toEqual([groupTaskId]);
    const coordinated = (
      await get<TaskList>('sxd-officer', `/api/tasks?agencyId=${sxdId}&role=coordinator`)
    ).body;
    expect(coordinated.items.map((t) => t.id)).toEqual([taskId]);
    const urging = await get<Urging>('consolidator', '/api/urging');
    expect(urging.status).toBe(200);
    expect(urging.body.agencies.map((a) => [a.agency.name, a.overdue])).toEqual([
      ['Sở Xây dựng', 1],
    ]);
    expect(urging.body.agencies[0]?.ages.over_30).toBe(1);
    expect(urging.body.totals).toEqual({ overdue: 1, dueSoon: 0, agenciesOverdue: 1 });
    expect(urging.body.abilities.letter).toBe(true);
    expect((await get('stc-officer', '/api/urging')).status).toBe(404);
    expect((await get<Urging>('leader', '/api/urging')).body.abilities.letter).toBe(false);
    const letter = await as(app, auth.consolidator, {
      method: 'GET',
      url: '/api/urging/letter.docx',
    });
    expect(letter.statusCode).toBe(200);
    expect(letter.headers['content-type']).toContain('wordprocessingml');
    const xml = await (await JSZip.loadAsync(letter.rawPayload))
      .file('word/document.xml')
      ?.async('string');
    expect(xml).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(xml).toContain('Sở Xây dựng');
    expect(xml).toContain('Rà soát, báo cáo khó khăn, vướng mắc');
    // The plan gave it no deadline: the consolidator's date is its deadline in the letter.
    const [y, m, d] = daysAgo(40).split('-');
    expect(xml).toContain(`${d}/${m}/${y}`);
    expect(xml).not.toContain('Không xác định');
    expect(
      (await as(app, auth.leader, { method: 'GET', url: '/api/urging/letter.docx' })).statusCode,
    ).toBe(404);
  });

  it('lists tasks by state and lead without leaking another tenant’s ids', async () => {
    const overdue = (await get<TaskListView>('viewer', '/api/tasks?state=overdue')).body;
    expect(overdue.items.map((t) => t.id)).toEqual([groupTaskId]);
    const unknown = await get('viewer', '/api/tasks/00000000-0000-4000-8000-000000000000');
    expect(unknown.status).toBe(404);
    const [row] = await database.db
      .select({ v: tasks.version })
      .from(tasks)
      .where(eq(tasks.id, taskId));
    expect(row?.v).toBe((await task()).version);
  });

  it('keeps tasks found again in a new version of the plan, with their work; refuses to drop one that has work', async () => {
    const before = await task();
    const planId = before.plan.id;
    const revised = numberedPlan();
    const section = revised.sections[0];
    if (!section?.tasks?.[0]) throw new Error('factory changed');
    section.tasks[0].text = 'Lập kế hoạch đầu tư công trung hạn 2026 – 2030 (bổ sung)';
    section.tasks.push({
      title: 'Nhiệm vụ mới của phiên bản 2',
      lead: 'Sở Xây dựng',
      deadline: { kind: 'none' },
    } as never);
    // The group task (with an assignment and a deadline set by the consolidator) is gone from it.
    const refused = await createPlanFromFile(
      database.db,
      { id: 'test', tenantId: database.tenantId },
      planFileSchema.parse(revised),
      { revising: planId },
    ).then(
      () => null,
      (e: unknown) => e as { code?: string },
    );
    expect(refused?.code).toBe('plan_has_live_work');
    expect((await task()).version).toBe(before.version);
    // With the group task still there, the new version goes through and keeps both tasks' work.
    section.tasks.push({
      title: 'Rà soát, báo cáo khó khăn, vướng mắc',
      lead: null,
      lead_as_written: 'Các sở, ban, ngành',
      deadline: { kind: 'none' },
    } as never);
    const result = await createPlanFromFile(
      database.db,
      { id: 'test', tenantId: database.tenantId },
      planFileSchema.parse(revised),
      { revising: planId },
    );
    expect(result.revision).toBe(2);
    const after = await task();
    expect(after.id).toBe(before.id);
    expect(after.body).toContain('bổ sung');
    expect(after.percent).toBe(before.percent);
    expect(after.progress.length).toBe(before.progress.length);
    expect(after.extensions.length).toBe(before.extensions.length);
    expect(after.assignments).toEqual(before.assignments);
    expect(after.version).toBeGreaterThan(before.version);
    const group = (await get<TaskDetail>('viewer', `/api/tasks/${groupTaskId}`)).body;
    expect(group.lead?.name).toBe('Sở Xây dựng');
    const list = (await get<TaskList>('viewer', `/api/tasks?planId=${planId}`)).body;
    expect(list.items.map((t) => t.title)).toContain('Nhiệm vụ mới của phiên bản 2');
    expect(list.total).toBe(3);
  });
});
