// The public view of a plan, the dashboard's targets and projects and the map's project measures are
// kept in the read cache until the plan data changes (migration 0024 announces targets, their
// actuals, projects and what hangs off them, feedback): a change made past the server (another
// process, by hand) shows once the database has announced it; a server that hears nothing keeps
// its answer, which shows the answer came from the cache.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, engines, type TestDatabase } from '../../../test/support/database.js';
import { numberedPlan } from '../../../test/support/factories.js';
import {
  type Auth,
  as,
  type CastName,
  createCast,
  loginCast,
} from '../../../test/support/users.js';
import { DataVersion, type Listener } from '../../db/data-changes.js';
import {
  feedback,
  projectDisbursements,
  projects,
  targetActuals,
  targets,
} from '../../db/schema.js';
import { isoDateInVietnam } from '../../domain/calendar.js';
import { type App, buildApp } from '../../server/app.js';
import { planFileSchema } from '../plans/plan-file.js';
import { createPlanFromFile } from '../plans/service.js';
import type { PublicPlan } from './schema.js';

describe.each(engines())('cached plan data reads on %s', (engine) => {
  let database: TestDatabase;
  let listener: Listener;
  /** Hears the database's announcements. */
  let app: App;
  /** Hears none: only its own answered writes could refresh what it keeps. */
  let deafApp: App;
  let auth: Record<CastName, Auth>;
  let planId: string;
  let targetId: string;
  let projectId: string;
  const today = isoDateInVietnam();
  const year = Number(today.slice(0, 4));

  const get = async <T>(server: App, url: string, who: Auth | null) => {
    const res = await as(server, who, { method: 'GET', url });
    expect(res.statusCode, `${url}: ${res.body.slice(0, 300)}`).toBe(200);
    return res.json() as T;
  };
  const publicPlan = (server: App) => get<PublicPlan>(server, `/api/public/plans/${planId}`, null);
  const actualOf = async (server: App) =>
    (await publicPlan(server)).targets.find((t) => t.id === targetId)?.latestActual?.value ?? null;
  const feedbackOf = async (server: App) =>
    (await publicPlan(server)).targets.find((t) => t.id === targetId)?.feedback.length ?? 0;
  const disbursedOnDashboard = async (server: App) =>
    (
      await get<{ projects: { disbursed: string } }>(
        server,
        `/api/dashboard?planId=${planId}`,
        auth.consolidator,
      )
    ).projects.disbursed;
  const targetsOnDashboard = async (server: App) =>
    (
      await get<{ targets: { total: { value: number } } }>(
        server,
        `/api/dashboard?planId=${planId}`,
        auth.consolidator,
      )
    ).targets.total.value;
  const disbursedOnMap = async (server: App) => {
    const body = await get<{ items: { code: string; value: string }[] }>(
      server,
      `/api/map/measures?measure=disbursement&planId=${planId}&year=${year}`,
      auth.consolidator,
    );
    return body.items.reduce((sum, i) => sum + Number(i.value), 0);
  };

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
    ({ planId } = await createPlanFromFile(
      database.db,
      { id: 'test', tenantId: database.tenantId },
      planFileSchema.parse(numberedPlan({ number: '43/KH-UBND' })),
    ));
    await createCast(database.db, database.tenantId);
    auth = await loginCast(app);
    const [target] = await database.db.select().from(targets).where(eq(targets.planId, planId));
    const [project] = await database.db.select().from(projects).where(eq(projects.planId, planId));
    if (!target || !project) throw new Error('factory changed');
    targetId = target.id;
    projectId = project.id;
  });
  afterAll(async () => {
    await app?.close();
    await deafApp?.close();
    await listener?.stop();
    await database?.close();
  });

  it('shows an approved actual and a published feedback on the public page once announced', async () => {
    expect(await actualOf(app)).toBeNull();
    expect(await actualOf(deafApp)).toBeNull();
    expect(await feedbackOf(app)).toBe(0);
    const { db, tenantId } = database;
    await db.insert(targetActuals).values({
      tenantId,
      targetId,
      year,
      period: 'year',
      periodEnd: `${year}-12-31`,
      value: '17',
      status: 'approved',
      reportedBy: 'test',
      reviewedAt: new Date(),
    });
    await expect.poll(() => actualOf(app), { timeout: 30_000 }).toBe('17');
    // The deaf server answers from what it kept.
    expect(await actualOf(deafApp)).toBeNull();
    await db.insert(feedback).values({
      tenantId,
      targetId,
      senderName: 'Nguyễn Văn An',
      senderKey: 'k',
      body: 'Đề nghị công bố số liệu theo quý.',
      status: 'published',
      answer: 'Sẽ công bố.',
      moderatedAt: new Date(),
    });
    await expect.poll(() => feedbackOf(app), { timeout: 30_000 }).toBe(1);
  });

  it('shows a disbursement and a new target on the dashboard once announced', async () => {
    const before = Number(await disbursedOnDashboard(app));
    const targetsBefore = await targetsOnDashboard(app);
    expect(Number(await disbursedOnDashboard(deafApp))).toBe(before);
    const { db, tenantId } = database;
    await db.insert(projectDisbursements).values({
      tenantId,
      projectId,
      year,
      month: 1,
      amount: '2.5',
      recordedBy: auth.consolidator.userId,
    });
    await expect
      .poll(async () => Number(await disbursedOnDashboard(app)), { timeout: 30_000 })
      .toBe(before + 2.5);
    expect(Number(await disbursedOnDashboard(deafApp))).toBe(before);
    const [target] = await db.select().from(targets).where(eq(targets.id, targetId));
    if (!target) throw new Error('no target');
    const { id: _id, ...copy } = target;
    await db.insert(targets).values({ ...copy, indicator: 'Chỉ tiêu bổ sung', position: 99 });
    await expect.poll(() => targetsOnDashboard(app), { timeout: 30_000 }).toBe(targetsBefore + 1);
  });

  it('shows a disbursement on the map once announced', async () => {
    const before = await disbursedOnMap(app);
    expect(await disbursedOnMap(deafApp)).toBe(before);
    await database.db.insert(projectDisbursements).values({
      tenantId: database.tenantId,
      projectId,
      year,
      month: 2,
      amount: '1000000000',
      recordedBy: auth.consolidator.userId,
    });
    await expect.poll(() => disbursedOnMap(app), { timeout: 30_000 }).toBeGreaterThan(before);
    expect(await disbursedOnMap(deafApp)).toBe(before);
  });
});
