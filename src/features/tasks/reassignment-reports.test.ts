// A head decides on a report only while their agency carries the task: a reassignment withdraws the
// former lead's pending reports (with notice), and a decision attempted afterwards is refused.
import { and, eq } from 'drizzle-orm';
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
import { agencies, auditRecords, notifications, progressUpdates } from '../../db/schema.js';
import { isoDateInVietnam } from '../../domain/calendar.js';
import { type App, buildApp } from '../../server/app.js';
import { planFileSchema } from '../plans/plan-file.js';
import { createPlanFromFile } from '../plans/service.js';
import type { TaskDetail, TaskList } from './schema.js';

describe.each(engines())('a reassignment and pending reports on %s', (engine) => {
  let database: TestDatabase;
  let app: App;
  let auth: Record<CastName, Auth>;
  let taskId: string; // led by Sở Tài chính, coordinated by Sở Xây dựng

  const task = async () =>
    (
      await as(app, auth.viewer, { method: 'GET', url: `/api/tasks/${taskId}` })
    ).json() as TaskDetail;
  const agencyId = async (code: string) => {
    const [row] = await database.db
      .select({ id: agencies.id })
      .from(agencies)
      .where(and(eq(agencies.tenantId, database.tenantId), eq(agencies.code, code)));
    if (!row) throw new Error(`no agency ${code}`);
    return row.id;
  };
  const report = async (who: CastName, percent: string) => {
    const body = multipart([
      { name: 'version', value: String((await task()).version) },
      { name: 'reportedOn', value: isoDateInVietnam() },
      { name: 'percent', value: percent },
      { name: 'narrative', value: 'Đã hoàn thành' },
    ]);
    const res = await as(app, auth[who], {
      method: 'POST',
      url: `/api/tasks/${taskId}/progress`,
      payload: body.payload,
      headers: body.headers,
    });
    expect(res.statusCode).toBe(201);
    return res.json() as TaskDetail['progress'][number];
  };
  const review = (who: CastName, id: string) =>
    as(app, auth[who], {
      method: 'POST',
      url: `/api/progress-updates/${id}/review`,
      payload: { decision: 'approve' },
    });
  const assign = async (lead: string, coordinators: string[]) =>
    as(app, auth.consolidator, {
      method: 'PUT',
      url: `/api/tasks/${taskId}/assignment`,
      payload: {
        version: (await task()).version,
        leadAgencyId: await agencyId(lead),
        coordinatorAgencyIds: await Promise.all(coordinators.map(agencyId)),
        note: 'Giao lại theo chỉ đạo',
      },
    });

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    app = await buildApp({ db: database.db, tenantId: database.tenantId });
    await createPlanFromFile(
      database.db,
      { id: 'test', tenantId: database.tenantId },
      planFileSchema.parse(numberedPlan()),
    );
    await createCast(database.db, database.tenantId);
    auth = await loginCast(app);
    const list = (
      await as(app, auth.viewer, { method: 'GET', url: '/api/tasks' })
    ).json() as TaskList;
    taskId = list.items.find((t) => t.title === 'Lập kế hoạch đầu tư công')?.id as string;
    expect(taskId).toBeTruthy();
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('withdraws the former lead’s pending report: its head can no longer make the task done', async () => {
    const pending = await report('stc-officer', '100');
    const contribution = await report('sxd-officer', '');
    expect((await assign('SXD', ['STC'])).statusCode).toBe(200);

    // The former lead's head cannot approve; neither can the new lead's head (not their report).
    expect((await review('stc-head', pending.id)).statusCode).toBe(404);
    expect((await review('sxd-head', pending.id)).statusCode).toBe(404);
    const after = await task();
    expect(after.lead?.name).toBe('Sở Xây dựng');
    expect(after.percent).toBeNull();
    expect(after.status.state).not.toMatch(/^done/);
    expect(after.progress.find((u) => u.id === pending.id)?.status).toBe('withdrawn');

    // What was already decided stays as it was (a contribution counts when it is sent).
    expect(after.progress.find((u) => u.id === contribution.id)?.status).toBe('approved');

    // The author was told, and the withdrawal is in the audit trail.
    const told = await database.db
      .select()
      .from(notifications)
      .where(
        and(
          eq(notifications.userId, auth['stc-officer'].userId),
          eq(notifications.kind, 'progress_withdrawn'),
        ),
      );
    expect(told).toHaveLength(1);
    const audited = await database.db
      .select()
      .from(auditRecords)
      .where(and(eq(auditRecords.entityId, pending.id), eq(auditRecords.action, 'withdraw')));
    expect(audited).toHaveLength(1);
  });

  it('refuses a decision on a report whose agency no longer carries the task, even if still pending', async () => {
    // Sở Xây dựng leads now; its officer reports, then the task goes back to Sở Tài chính.
    const pending = await report('sxd-officer', '100');
    // A pending report left behind by a path that did not withdraw it (data from before this rule):
    // the decision itself checks today's responsibility.
    expect((await assign('STC', [])).statusCode).toBe(200);
    await database.db
      .update(progressUpdates)
      .set({ status: 'pending', reviewedAt: null, reviewNote: null })
      .where(eq(progressUpdates.id, pending.id));
    expect((await review('sxd-head', pending.id)).statusCode).toBe(404);
    const after = await task();
    expect(after.percent).toBeNull();
    expect(after.progress.find((u) => u.id === pending.id)?.status).toBe('pending');

    // The agency that carries the task decides on its own new report as before.
    const own = await report('stc-officer', '40');
    expect((await review('stc-head', own.id)).statusCode).toBe(200);
    expect((await task()).percent).toBe(40);
  });
});
