// A task's current lead agency (tasks.current_lead_agency_id, which an agency's lists are read
// along) follows its lead assignment whoever writes it: a plan's store, the consolidator's
// assignment (to another agency, to none), and a removal.
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, engines, type TestDatabase } from '../../../test/support/database.js';
import { numberedPlan } from '../../../test/support/factories.js';
import {
  type Auth,
  agencyIdByCode,
  as,
  type CastName,
  createCast,
  loginCast,
} from '../../../test/support/users.js';
import { taskAssignments, tasks } from '../../db/schema.js';
import { isoDateInVietnam } from '../../domain/calendar.js';
import { type App, buildApp } from '../../server/app.js';
import { planFileSchema } from '../plans/plan-file.js';
import { createPlanFromFile } from '../plans/service.js';
import type { TaskDetail, TaskList } from './schema.js';
import { addDays } from './status-sql.js';

describe.each(engines())('the current lead of a task on %s', (engine) => {
  let database: TestDatabase;
  let app: App;
  let auth: Record<CastName, Auth>;
  let planId: string;
  let stc: string;
  let sxd: string;
  let ids: string[];
  const today = isoDateInVietnam();

  const get = async <T>(url: string) => {
    const res = await as(app, auth.consolidator, { method: 'GET', url });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    return res.json() as T;
  };
  /** The tasks a list shows, by title number (1, 2, 3), in its order. */
  const listed = async (query: string) =>
    (await get<TaskList>(`/api/tasks?planId=${planId}&${query}&limit=50`)).items.map((t) =>
      Number(t.title.slice(-1)),
    );
  const column = async () => {
    const rows = await database.db
      .select({ id: tasks.id, lead: tasks.currentLeadAgencyId })
      .from(tasks)
      .where(eq(tasks.planId, planId));
    return ids.map((id) => rows.find((r) => r.id === id)?.lead ?? null);
  };
  const assign = async (index: number, leadAgencyId: string | null) => {
    const id = ids[index] as string;
    const { version } = await get<TaskDetail>(`/api/tasks/${id}`);
    const res = await as(app, auth.consolidator, {
      method: 'PUT',
      url: `/api/tasks/${id}/assignment`,
      payload: { version, leadAgencyId, coordinatorAgencyIds: [] },
    });
    expect(res.statusCode, res.body).toBe(200);
  };

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    app = await buildApp({ db: database.db, tenantId: database.tenantId });
    const plan = numberedPlan({ number: '51/KH-UBND' });
    const section = plan.sections[0];
    if (!section) throw new Error('factory changed');
    section.tasks = [
      { title: 'Nhiệm vụ theo dõi chủ trì 1', lead: 'Sở Tài chính', days: 30 },
      { title: 'Nhiệm vụ theo dõi chủ trì 2', lead: 'Sở Tài chính', days: 10 },
      { title: 'Nhiệm vụ theo dõi chủ trì 3', lead: null, days: 20 },
    ].map(({ title, lead, days }) => ({
      title,
      lead,
      ...(lead ? {} : { lead_as_written: 'UBND các huyện' }),
      deadline: { kind: 'date', date: addDays(today, days) },
    })) as never;
    ({ planId } = await createPlanFromFile(
      database.db,
      { id: 'test', tenantId: database.tenantId },
      planFileSchema.parse(plan),
    ));
    await createCast(database.db, database.tenantId);
    auth = await loginCast(app);
    stc = await agencyIdByCode(database.db, database.tenantId, 'STC');
    sxd = await agencyIdByCode(database.db, database.tenantId, 'SXD');
    ids = (await get<TaskList>(`/api/tasks?planId=${planId}&limit=10`)).items.map((t) => t.id);
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('is set when the plan is stored, and lists by lead follow it', async () => {
    expect(await column()).toEqual([stc, stc, null]);
    expect(await listed(`agencyId=${stc}&sort=due`)).toEqual([2, 1]);
    expect(await listed(`agencyId=${stc}`)).toEqual([1, 2]);
    expect(await listed('unassigned=true')).toEqual([3]);
  });

  it('follows the consolidator’s assignments, to another agency and to none', async () => {
    await assign(0, sxd);
    await assign(2, stc);
    await assign(1, null);
    expect(await column()).toEqual([sxd, null, stc]);
    expect(await listed(`agencyId=${sxd}&open=true&sort=due`)).toEqual([1]);
    expect(await listed(`agencyId=${stc}&open=true&sort=due`)).toEqual([3]);
    expect(await listed('unassigned=true')).toEqual([2]);
    // As coordinator, or in any role, the assignments themselves are read.
    expect(await listed(`agencyId=${stc}&role=any`)).toEqual([3]);
  });

  it('is cleared when the lead assignment goes', async () => {
    await database.db
      .delete(taskAssignments)
      .where(
        sql`${taskAssignments.taskId} = ${ids[0] as string} and ${taskAssignments.role} = 'lead'`,
      );
    expect(await column()).toEqual([null, null, stc]);
  });
});
