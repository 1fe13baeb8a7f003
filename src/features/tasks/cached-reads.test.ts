// Counts, the urging overview and list totals are kept in the read cache until the task data
// changes: a write answered by the server shows in the very next read, and a change made past the
// server (another process, by hand) shows once the database has announced it.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, engines, type TestDatabase } from '../../../test/support/database.js';
import { numberedPlan } from '../../../test/support/factories.js';
import { multipart } from '../../../test/support/multipart.js';
import {
  type Auth,
  as,
  type CastName,
  createCast,
  loginCast,
} from '../../../test/support/users.js';
import { DataVersion, type Listener } from '../../db/data-changes.js';
import { tasks } from '../../db/schema.js';
import { isoDateInVietnam } from '../../domain/calendar.js';
import { type App, buildApp } from '../../server/app.js';
import { planFileSchema } from '../plans/plan-file.js';
import { createPlanFromFile } from '../plans/service.js';
import type { TaskCounts, TaskDetail, TaskList } from './schema.js';
import { addDays } from './status-sql.js';

describe.each(engines())('cached counts and totals on %s', (engine) => {
  let database: TestDatabase;
  let listener: Listener;
  let app: App;
  /** Hears no announcement: only its own answered writes can refresh what it keeps. */
  let deafApp: App;
  let server: App;
  let auth: Record<CastName, Auth>;
  let planId: string;
  let ids: string[];
  const today = isoDateInVietnam();

  const get = async <T>(url: string, who: CastName = 'consolidator') => {
    const res = await as(server, auth[who], { method: 'GET', url });
    expect(res.statusCode, `${url}: ${res.body.slice(0, 300)}`).toBe(200);
    return res.json() as T;
  };
  const counts = () => get<TaskCounts>(`/api/tasks/counts?planId=${planId}`);
  const total = async (query: string) =>
    (await get<TaskList>(`/api/tasks?planId=${planId}&${query}&limit=1`)).total;
  const overdueOfStc = async () =>
    (
      await get<{ agencies: { agency: { name: string }; overdue: number }[] }>(
        `/api/urging?planId=${planId}`,
      )
    ).agencies.find((a) => a.agency.name === 'Sở Tài chính')?.overdue ?? 0;

  /** "Việc của tôi" of the finance department's head: its overdue work as lead. */
  const myOverdue = async () =>
    (await get<{ counts: { overdue: number } }>('/api/my-work', 'stc-head')).counts.overdue;

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    const version = new DataVersion();
    listener = await database.listen(version);
    // PostgreSQL's listener connects in the background; until then nothing is cached.
    while (version.current === null) await new Promise((resolve) => setTimeout(resolve, 20));
    app = await buildApp({ db: database.db, tenantId: database.tenantId, dataVersion: version });
    const deaf = new DataVersion();
    deaf.setHeard(true);
    deafApp = await buildApp({ db: database.db, tenantId: database.tenantId, dataVersion: deaf });
    server = app;
    const plan = numberedPlan({ number: '41/KH-UBND' });
    const section = plan.sections[0];
    if (!section) throw new Error('factory changed');
    section.tasks = [10, 20, 30, -5].map((days, i) => ({
      title: `Nhiệm vụ thử bộ nhớ đệm ${i + 1}`,
      lead: 'Sở Tài chính',
      deadline: { kind: 'date', date: addDays(today, days) },
    })) as never;
    ({ planId } = await createPlanFromFile(
      database.db,
      { id: 'test', tenantId: database.tenantId },
      planFileSchema.parse(plan),
    ));
    await createCast(database.db, database.tenantId);
    auth = await loginCast(app);
    ids = (await get<TaskList>(`/api/tasks?planId=${planId}&limit=10`)).items.map((t) => t.id);
  });
  afterAll(async () => {
    await app?.close();
    await deafApp?.close();
    await listener?.stop();
    await database?.close();
  });

  it('shows a write answered by the server in the next read, announced or not', async () => {
    server = deafApp;
    const before = await counts();
    expect(before.states.not_started).toBe(3);
    expect(before.states.overdue).toBe(1);
    expect(await total('state=in_progress')).toBe(0);
    expect(deafApp.readCache.size).toBeGreaterThan(0);
    // The head's own report is approved at once: the task is in progress from now.
    const id = ids[0] as string;
    const detail = await get<TaskDetail>(`/api/tasks/${id}`);
    const body = multipart([
      { name: 'version', value: String(detail.version) },
      { name: 'reportedOn', value: today },
      { name: 'percent', value: '40' },
      { name: 'narrative', value: 'Đang triển khai' },
    ]);
    const res = await as(server, auth['stc-head'], {
      method: 'POST',
      url: `/api/tasks/${id}/progress`,
      ...body,
    });
    expect(res.statusCode, res.body).toBe(201);
    const after = await counts();
    expect(after.states.not_started).toBe(2);
    expect(after.states.in_progress).toBe(1);
    expect(await total('state=in_progress')).toBe(1);
  });

  it('shows a change made past the server once the database has announced it', async () => {
    server = app;
    expect(await overdueOfStc()).toBe(1);
    expect(await myOverdue()).toBe(1);
    const doneBefore = (await counts()).states.done_on_time;
    // Completed and moved into the past, by hand: no request of this server knows of it.
    await database.db
      .update(tasks)
      .set({ completedOn: today, progressPercent: 100 })
      .where(eq(tasks.id, ids[1] as string));
    await database.db
      .update(tasks)
      .set({ dueOn: addDays(today, -40) })
      .where(eq(tasks.id, ids[2] as string));
    await expect
      .poll(async () => (await counts()).states.done_on_time, { timeout: 30_000 })
      .toBe(doneBefore + 1);
    await expect.poll(overdueOfStc, { timeout: 30_000 }).toBe(2);
    await expect.poll(() => total('state=overdue'), { timeout: 30_000 }).toBe(2);
    await expect.poll(myOverdue, { timeout: 30_000 }).toBe(2);
  });
});
