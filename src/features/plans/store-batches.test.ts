// Storing a plan (createPlanFromFile): every task carries its search text, on insert and on a new
// version's update; a large plan goes in batches with the event loop let through between them, so
// the server keeps answering while it is stored.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, engines, type TestDatabase } from '../../../test/support/database.js';
import { numberedPlan, type PlanFileInput } from '../../../test/support/factories.js';
import { auditRecords, tasks } from '../../db/schema.js';
import { foldForSearch } from '../../domain/vietnamese-text.js';
import { planFileSchema } from './plan-file.js';
import { createPlanFromFile } from './service.js';

/** The small numbered plan with `n` more tasks, each with a body. */
function planWithTasks(n: number, number: string, body = 'Nội dung chi tiết'): PlanFileInput {
  const plan = numberedPlan({ number });
  const section = plan.sections[0];
  if (!section?.tasks) throw new Error('factory changed');
  for (let i = 1; i <= n; i++) {
    section.tasks.push({
      title: `Đầu tư hạ tầng khu công nghiệp số ${i}`,
      text: `${body} ${i}: Đường Đồng Đăng`,
      lead: 'Sở Xây dựng',
      coordinators: ['Sở Tài chính'],
      deadline: { kind: 'year', year: 2027 },
    } as never);
  }
  return plan;
}

describe.each(engines())('storing a plan on %s', (engine) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(engine);
  });
  afterAll(async () => {
    await database?.close();
  });
  const actor = () => ({ id: 'test:store', tenantId: database.tenantId });
  const planTasks = (planId: string) =>
    database.db.select().from(tasks).where(eq(tasks.planId, planId));

  it('sets every task’s search text, and a new version updates it', async () => {
    const { planId } = await createPlanFromFile(
      database.db,
      actor(),
      planFileSchema.parse(planWithTasks(3, '21/KH-UBND')),
    );
    const stored = await planTasks(planId);
    expect(stored).toHaveLength(4);
    for (const t of stored) {
      expect(t.searchText).toBe(foldForSearch(`${t.title} ${t.body ?? ''}`));
    }
    expect(stored.find((t) => t.body?.endsWith('1: Đường Đồng Đăng'))?.searchText).toBe(
      'dau tu ha tang khu cong nghiep so 1 noi dung chi tiet 1: duong dong dang',
    );

    // The same tasks (same titles) with another body: kept under their ids, updated.
    await createPlanFromFile(
      database.db,
      actor(),
      planFileSchema.parse(planWithTasks(3, '21/KH-UBND', 'Phạm vi điều chỉnh')),
      { revising: planId },
    );
    const revised = await planTasks(planId);
    expect(revised.map((t) => t.id).sort()).toEqual(stored.map((t) => t.id).sort());
    for (const t of revised) {
      expect(t.searchText).toBe(foldForSearch(`${t.title} ${t.body ?? ''}`));
    }
    expect(revised.find((t) => t.body?.endsWith('1: Đường Đồng Đăng'))?.searchText).toMatch(
      /^dau tu ha tang khu cong nghiep so 1 pham vi dieu chinh 1/,
    );
  });

  it('lets the event loop run between the batches of a large plan, and stores it all', async () => {
    const n = 1200;
    // Counts turns of the event loop while the plan is stored (a request would be served there).
    let turns = 0;
    let storing = true;
    const tick = () => {
      if (!storing) return;
      turns++;
      setImmediate(tick);
    };
    setImmediate(tick);
    const { planId, counts } = await createPlanFromFile(
      database.db,
      actor(),
      planFileSchema.parse(planWithTasks(n, '22/KH-UBND')),
    );
    storing = false;
    expect(counts.tasks).toBe(n + 1);
    // At least one turn per 100-task INSERT, let alone the coordinators, assignments and audit.
    expect(turns).toBeGreaterThanOrEqual(Math.ceil((n + 1) / 100));
    expect(await planTasks(planId)).toHaveLength(n + 1);
    const audited = await database.db
      .select({ id: auditRecords.id })
      .from(auditRecords)
      .where(eq(auditRecords.entity, 'task'));
    expect(audited.length).toBeGreaterThanOrEqual(n + 1);
  }, 120_000);

  it('stores nothing when a task in a late batch names an unknown agency', async () => {
    const plan = planWithTasks(600, '23/KH-UBND');
    const last = plan.sections[0]?.tasks?.at(-1) as { lead: string };
    last.lead = 'Sở Không Có Thật';
    const error = await createPlanFromFile(database.db, actor(), planFileSchema.parse(plan)).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'invalid_plan' });
    const titles = await database.db
      .select({ id: tasks.id })
      .from(tasks)
      .where(eq(tasks.title, 'Đầu tư hạ tầng khu công nghiệp số 1'));
    // Only the two plans stored above have that task.
    expect(titles).toHaveLength(2);
  }, 120_000);
});
