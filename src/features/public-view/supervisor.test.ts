// The Fatherland Front's supervisor: the public view, and the agencies' accepted reports — never a
// draft, submitted or returned one, never their versions — and nothing else (tasks, targets,
// projects' internal pages, moderation): 404 as for what does not exist.
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/support/app.js';
import { engines } from '../../../test/support/database.js';
import { numberedPlan } from '../../../test/support/factories.js';
import { insertOpenedPeriod } from '../../../test/support/reminders.js';
import { type Auth, as, createTestUser, login } from '../../../test/support/users.js';
import { agencyReports, targets } from '../../db/schema.js';
import { planFileSchema } from '../plans/plan-file.js';
import { createPlanFromFile } from '../plans/service.js';

describe.each(engines())('the supervisor on %s', (engine) => {
  const ctx = useTestApp(engine);
  let supervisor: Auth;
  let planId: string;
  let periodId: string;
  let agencyIds: Record<string, string>;

  beforeAll(async () => {
    const { db, tenantId } = ctx.database;
    await createTestUser(db, tenantId, 'mttq', 'supervisor', 'MTTQ');
    supervisor = await login(ctx.app, 'mttq');
    ({ planId } = await createPlanFromFile(
      db,
      { id: 'test', tenantId },
      planFileSchema.parse(numberedPlan()),
    ));
    ({ periodId, agencyIds } = await insertOpenedPeriod(db, tenantId, planId, {
      label: 'Kỳ giám sát',
      windowFrom: '2025-12-15',
      windowTo: '2026-12-14',
      submissionDueOn: '2026-12-31',
      agencies: [{ code: 'STC' }, { code: 'SXD' }, { code: 'SNV' }],
    }));
    await db.insert(agencyReports).values([
      {
        tenantId,
        periodId,
        agencyId: agencyIds.STC as string,
        state: 'accepted',
        results: 'Kết quả đã tiếp nhận',
        returnReason: 'Lý do trả lại trước đây',
      },
      {
        tenantId,
        periodId,
        agencyId: agencyIds.SXD as string,
        state: 'draft',
        results: 'Bản nháp',
      },
      {
        tenantId,
        periodId,
        agencyId: agencyIds.SNV as string,
        state: 'returned',
        results: 'Bị trả lại',
      },
    ]);
  });

  const get = (url: string) => as(ctx.app, supervisor, { method: 'GET', url });

  it('reads the public view', async () => {
    expect((await get('/api/public/plans')).statusCode).toBe(200);
    expect((await get(`/api/public/plans/${planId}`)).statusCode).toBe(200);
  });

  it('reads accepted agency reports only, and lists only those', async () => {
    const list = await get(`/api/periods/${periodId}/agency-reports`);
    expect(list.statusCode, list.body).toBe(200);
    const items = list.json().items as { agency: { id: string } | undefined; state: string }[];
    expect(items.map((i) => i.state)).toEqual(['accepted']);
    expect(list.body).not.toContain('Lý do trả lại');
    const accepted = await get(`/api/periods/${periodId}/agency-reports/${agencyIds.STC}`);
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json().returnReason).toBeNull();
    for (const code of ['SXD', 'SNV'])
      expect(
        (await get(`/api/periods/${periodId}/agency-reports/${agencyIds[code]}`)).statusCode,
      ).toBe(404);
    expect(
      (await get(`/api/periods/${periodId}/agency-reports/${agencyIds.STC}/versions`)).statusCode,
    ).toBe(404);
  });

  it('reads nothing else', async () => {
    const [target] = await ctx.database.db.select().from(targets).where(eq(targets.planId, planId));
    for (const url of [
      '/api/tasks',
      '/api/targets',
      `/api/targets/${target?.id}`,
      '/api/projects',
      `/api/plans/${planId}`,
      `/api/periods/${periodId}`,
      '/api/my-work',
      '/api/feedback',
      '/api/users/directory?q=a',
      '/api/agency-reports/mine',
    ])
      expect((await get(url)).statusCode, url).toBe(404);
    expect((await get('/api/auth/session')).json().user.role).toBe('supervisor');
  });
});
