// Task lists and counts answered in SQL: pages that add up to the whole, every filter the UI
// offers (plan, words, agency as lead or coordinator, state, open, due before, due soon, no lead),
// the due-date order, counts that agree with the lists, and `last_reported_on` kept wherever a
// progress report becomes approved (a head's own report at once, an officer's on approval).
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, engines, type TestDatabase } from '../../../test/support/database.js';
import { numberedPlan } from '../../../test/support/factories.js';
import { multipart } from '../../../test/support/multipart.js';
import {
  type Auth,
  agencyIdByCode,
  as,
  type CastName,
  createCast,
  loginCast,
} from '../../../test/support/users.js';
import { tasks } from '../../db/schema.js';
import { isoDateInVietnam } from '../../domain/calendar.js';
import type { Deadline } from '../../domain/deadline.js';
import { type App, buildApp } from '../../server/app.js';
import { planFileSchema } from '../plans/plan-file.js';
import { createPlanFromFile } from '../plans/service.js';
import type { TaskCounts, TaskDetail, TaskList, TaskSummary } from './schema.js';
import { addDays } from './status-sql.js';

const STATES = ['done_on_time', 'done_late', 'in_progress', 'overdue', 'not_started'] as const;

describe.each(engines())('task lists and counts in SQL on %s', (engine) => {
  let database: TestDatabase;
  let app: App;
  let auth: Record<CastName, Auth>;
  let planId: string;
  let stc: string;
  let sxd: string;
  const today = isoDateInVietnam();

  const get = async <T>(url: string, who: CastName = 'viewer') => {
    const res = await as(app, auth[who], { method: 'GET', url });
    expect(res.statusCode, `${url}: ${res.body.slice(0, 300)}`).toBe(200);
    return res.json() as T;
  };
  /** Every task a filter selects, page after page. */
  const all = async (query: string, pageSize = 7) => {
    const items: TaskSummary[] = [];
    let total = -1;
    for (let offset = 0; total < 0 || offset < total; offset += pageSize) {
      const page = await get<TaskList>(`/api/tasks?${query}&limit=${pageSize}&offset=${offset}`);
      total = page.total;
      items.push(...page.items);
      if (page.items.length === 0) break;
    }
    expect(items.length).toBe(total);
    return items;
  };
  const report = async (who: CastName, id: string, percent: string | null) => {
    const detail = await get<TaskDetail>(`/api/tasks/${id}`);
    const body = multipart([
      { name: 'version', value: String(detail.version) },
      { name: 'reportedOn', value: today },
      ...(percent === null ? [] : [{ name: 'percent', value: percent }]),
      { name: 'narrative', value: 'Đã triển khai' },
    ]);
    const res = await as(app, auth[who], {
      method: 'POST',
      url: `/api/tasks/${id}/progress`,
      ...body,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; status: string };
  };

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    app = await buildApp({ db: database.db, tenantId: database.tenantId });
    // 24 tasks: due long ago, recently, today, soon and later, recurring, and without a date;
    // led in turn by Sở Tài chính and Sở Xây dựng (coordinating each other's), one by a group.
    const plan = numberedPlan({ number: '31/KH-UBND' });
    const section = plan.sections[0];
    if (!section) throw new Error('factory changed');
    const offsets = [-200, -90, -45, -10, -1, 0, 1, 5, 20, 29, 31, 60, 120, 400];
    const deadlines: Deadline[] = [
      ...offsets.map((d) => ({ kind: 'date' as const, date: addDays(today, d) })),
      { kind: 'continuous' },
      { kind: 'annual', day: 31, month: 1 },
      { kind: 'annual', day: 31, month: 12 },
      { kind: 'year', year: Number(today.slice(0, 4)) + 1 },
      { kind: 'none' },
      { kind: 'none' },
      { kind: 'date', date: addDays(today, -3) },
      { kind: 'date', date: addDays(today, 3) },
      { kind: 'quarter', year: 2020, quarter: 1 },
    ];
    section.tasks = [
      ...deadlines.map((deadline, i) => ({
        title: i % 2 ? `Đầu tư hạ tầng giao thông số ${i}` : `Phát triển đô thị số ${i}`,
        lead: i % 2 ? 'Sở Xây dựng' : 'Sở Tài chính',
        coordinators: [i % 2 ? 'Sở Tài chính' : 'Sở Xây dựng'],
        deadline,
      })),
      {
        title: 'Rà soát quy hoạch các huyện',
        lead: null,
        lead_as_written: 'UBND các huyện',
        deadline: { kind: 'date', date: addDays(today, -5) },
      },
    ] as never;
    ({ planId } = await createPlanFromFile(
      database.db,
      { id: 'test', tenantId: database.tenantId },
      planFileSchema.parse(plan),
    ));
    await createPlanFromFile(
      database.db,
      { id: 'test', tenantId: database.tenantId },
      planFileSchema.parse(numberedPlan({ number: '32/KH-UBND' })),
    );
    await createCast(database.db, database.tenantId);
    auth = await loginCast(app);
    stc = await agencyIdByCode(database.db, database.tenantId, 'STC');
    sxd = await agencyIdByCode(database.db, database.tenantId, 'SXD');
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('pages add up to the whole list, in plan order or by the date judged against', async () => {
    const inPlan = await all(`planId=${planId}`);
    expect(inPlan).toHaveLength(24);
    expect(new Set(inPlan.map((t) => t.id)).size).toBe(24);
    const byDue = await all(`planId=${planId}&sort=due`, 5);
    expect(new Set(byDue.map((t) => t.id))).toEqual(new Set(inPlan.map((t) => t.id)));
    const dues = byDue.map((t) => t.status.dueOn);
    const dated = dues.filter((d): d is string => d !== null);
    expect(dated).toEqual([...dated].sort());
    // Work judged against no date comes last.
    expect(dues.slice(dated.length).every((d) => d === null)).toBe(true);
    expect(dues.slice(dated.length)).toHaveLength(2);
    // Past the end: an empty page with the right total.
    const beyond = await get<TaskList>(`/api/tasks?planId=${planId}&offset=100&limit=10`);
    expect(beyond).toEqual({ items: [], total: 24 });
    // Both plans without a filter.
    expect((await get<TaskList>('/api/tasks?limit=1')).total).toBe(25);
  });

  it('filters by state, open work, due dates and responsibility, as the counts count them', async () => {
    const counts = await get<TaskCounts>(`/api/tasks/counts?planId=${planId}`);
    expect(counts.asOf).toBe(today);
    expect(counts.total).toBe(24);
    let sum = 0;
    for (const state of STATES) {
      const listed = await all(`planId=${planId}&state=${state}`);
      expect(listed.every((t) => t.status.state === state)).toBe(true);
      expect(listed.length, state).toBe(counts.states[state]);
      sum += listed.length;
    }
    expect(sum).toBe(24);
    // Past due: -200, -90, -45, -10, -1, -3, -5, Q1/2020, and the annual 31/1 unless today is in January.
    const annualJan = today.slice(5) > '01-31' ? 1 : 0;
    expect(counts.states.overdue).toBe(8 + annualJan);
    const overdue = await all(`planId=${planId}&state=overdue&sort=due`);
    expect(overdue[0]?.status.overdueDays).toBeGreaterThan(2000); // Q1/2020
    expect(counts.overdueByAge.over_120).toBe(
      overdue.filter((t) => (t.status.overdueDays ?? 0) > 120).length,
    );
    expect(Object.values(counts.overdueByAge).reduce((a, b) => a + b, 0)).toBe(
      counts.states.overdue,
    );

    const open = await all(`planId=${planId}&open=true&sort=due`);
    expect(open.length).toBe(counts.open);
    expect(open.every((t) => !t.status.state.startsWith('done'))).toBe(true);

    const soon = await all(`planId=${planId}&dueSoonDays=30`);
    const expectedSoon = open.filter(
      (t) => t.status.dueOn && t.status.dueOn >= today && t.status.dueOn <= addDays(today, 30),
    );
    expect(soon.map((t) => t.id).sort()).toEqual(expectedSoon.map((t) => t.id).sort());
    expect(soon.length).toBeGreaterThanOrEqual(6); // 0, 1, 3, 5, 20, 29

    const by = addDays(today, 5);
    const dueBy = await all(`planId=${planId}&dueBefore=${by}`);
    expect(dueBy.map((t) => t.id).sort()).toEqual(
      open
        .filter((t) => t.status.dueOn && t.status.dueOn <= by)
        .map((t) => t.id)
        .sort(),
    );

    const stcLead = await all(`planId=${planId}&agencyId=${stc}`);
    expect(stcLead).toHaveLength(12);
    expect(stcLead.every((t) => t.lead?.id === stc)).toBe(true);
    const stcCoord = await all(`planId=${planId}&agencyId=${stc}&role=coordinator`);
    expect(stcCoord).toHaveLength(11);
    expect(stcCoord.every((t) => t.coordinators.some((c) => c.id === stc))).toBe(true);
    expect(await all(`planId=${planId}&agencyId=${stc}&role=any`)).toHaveLength(23);
    const sxdCounts = await get<TaskCounts>(`/api/tasks/counts?planId=${planId}&agencyId=${sxd}`);
    expect(sxdCounts.total).toBe(11);

    const unassigned = await all(`planId=${planId}&unassigned=true&open=true`);
    expect(unassigned.map((t) => t.title)).toEqual(['Rà soát quy hoạch các huyện']);
    expect(counts.completionRate).toBe(0);
  });

  it('searches titles without diacritics', async () => {
    const found = await all(`planId=${planId}&q=${encodeURIComponent('giao thong')}`);
    expect(found).toHaveLength(11);
    expect(found.every((t) => t.title.includes('giao thông'))).toBe(true);
    expect(
      await all(`planId=${planId}&q=${encodeURIComponent('Giao thong so 1')}`),
    ).not.toHaveLength(0);
    expect(await all(`planId=${planId}&q=${encodeURIComponent('100%')}`)).toHaveLength(0);
  });

  it('dates the latest approved report when a report becomes approved, and judges by it', async () => {
    const list = await all(`planId=${planId}&agencyId=${stc}`);
    const lastReported = async (id: string) =>
      (
        await database.db.select({ on: tasks.lastReportedOn }).from(tasks).where(eq(tasks.id, id))
      )[0]?.on;
    // Due in 31 days, not started: the head's own report counts at once.
    const later = list.find((t) => t.status.dueOn === addDays(today, 31)) as TaskSummary;
    expect(later.status.state).toBe('not_started');
    expect((await report('stc-head', later.id, '40')).status).toBe('approved');
    expect(await lastReported(later.id)).toBe(today);
    expect((await get<TaskDetail>(`/api/tasks/${later.id}`)).status.state).toBe('in_progress');
    // An officer's report waits; its approval dates the task.
    const soon = list.find((t) => t.status.dueOn === addDays(today, 120)) as TaskSummary;
    const pending = await report('stc-officer', soon.id, '10');
    expect(pending.status).toBe('pending');
    expect(await lastReported(soon.id)).toBeNull();
    const review = await as(app, auth['stc-head'], {
      method: 'POST',
      url: `/api/progress-updates/${pending.id}/review`,
      payload: { decision: 'approve' },
    });
    expect(review.statusCode).toBe(200);
    expect(await lastReported(soon.id)).toBe(today);
    // A continuous task: this year's report is in, by its date (31/12).
    const continuous = list.find((t) => t.deadline.kind === 'continuous') as TaskSummary;
    await report('stc-head', continuous.id, null);
    const judged = (await get<TaskDetail>(`/api/tasks/${continuous.id}`)).status;
    expect(judged.state).toBe('done_on_time');
    expect(judged.period?.submissionDueOn).toBe(`${today.slice(0, 4)}-12-31`);
    const counts = await get<TaskCounts>(`/api/tasks/counts?planId=${planId}&agencyId=${stc}`);
    expect(counts.states.done_on_time).toBe(1);
    expect(counts.completionRate).toBeGreaterThan(0);
  });
});
