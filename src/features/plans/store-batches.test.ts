// Storing a plan (createPlanFromFile): every task carries its search text, on insert and on a new
// version's update; a large plan goes in batches with the event loop let through between them, so
// the server keeps answering while it is stored; a new plan is stored in short transactions, hidden
// until the last one, and removed if storing stops half-way (an error, or a crash before a restart).
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, engines, type TestDatabase } from '../../../test/support/database.js';
import { numberedPlan, type PlanFileInput } from '../../../test/support/factories.js';
import { auditRecords, legalDocuments, plans, tasks } from '../../db/schema.js';
import { foldForSearch } from '../../domain/vietnamese-text.js';
import { countMatching, listTasks } from '../tasks/queries.js';
import { planFileSchema } from './plan-file.js';
import { createPlanFromFile, discardStoringPlans, listPlans } from './service.js';

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

  it('keeps a new plan and its tasks hidden until the last batch, between which others read', async () => {
    const n = 800;
    const today = '2026-06-01';
    const seen = { plans: 0, tasks: 0, reads: 0 };
    let storing = true;
    /** Whether the plan exists and is still hidden (a plan only ever goes from hidden to shown). */
    const stillHidden = async () => {
      const rows = await database.db
        .select({ storingSince: plans.storingSince })
        .from(plans)
        .innerJoin(legalDocuments, eq(legalDocuments.id, plans.documentId))
        .where(eq(legalDocuments.numberCanonical, '24/KH-UBND'));
      return rows.length === 1 && rows[0]?.storingSince !== null;
    };
    // Another user's reads while the plan is stored: they run between its transactions. What a
    // read saw counts when the plan was still hidden after it (so it was hidden during it).
    const reader = (async () => {
      while (storing) {
        const listed = await listPlans(database.db, database.tenantId, { limit: 100, offset: 0 });
        const found = await countMatching(
          database.db,
          database.tenantId,
          { q: 'Phần riêng 799' },
          today,
        );
        if (await stillHidden()) {
          seen.plans = Math.max(
            seen.plans,
            listed.rows.filter((r) => r.document.numberCanonical === '24/KH-UBND').length,
          );
          seen.tasks = Math.max(seen.tasks, found);
          seen.reads++;
        }
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    const { planId } = await createPlanFromFile(
      database.db,
      actor(),
      planFileSchema.parse(planWithTasks(n, '24/KH-UBND', 'Phần riêng')),
    );
    storing = false;
    await reader;
    expect(seen.reads).toBeGreaterThan(3);
    expect(seen).toMatchObject({ plans: 0, tasks: 0 });
    // Stored: it shows, with every task.
    const [plan] = await database.db.select().from(plans).where(eq(plans.id, planId));
    expect(plan?.storingSince).toBeNull();
    const all = await listTasks(
      database.db,
      database.tenantId,
      { planId },
      { limit: 5, offset: 0 },
      today,
    );
    expect(all.total).toBe(n + 1);
    expect(
      await countMatching(database.db, database.tenantId, { q: 'Phần riêng 799' }, today),
    ).toBe(1);
  }, 120_000);

  it('removes a new plan whose storing fails half-way, and says so in the audit trail', async () => {
    // A database failure in a late batch (the projects come after every task).
    await database.db.execute(sql`create or replace function test_refuse_project() returns trigger
      language plpgsql as $$ begin raise exception 'disk full (test)'; end; $$`);
    await database.db.execute(sql`create trigger test_refuse_project before insert on projects
      for each row execute function test_refuse_project()`);
    try {
      const error = await createPlanFromFile(
        database.db,
        actor(),
        planFileSchema.parse(planWithTasks(300, '25/KH-UBND')),
      ).then(
        () => null,
        (e: unknown) => e,
      );
      expect(String((error as { cause?: unknown } | null)?.cause)).toMatch(/disk full \(test\)/);
    } finally {
      await database.db.execute(sql`drop trigger test_refuse_project on projects`);
    }
    const documents = await database.db
      .select()
      .from(legalDocuments)
      .where(eq(legalDocuments.numberCanonical, '25/KH-UBND'));
    expect(documents).toHaveLength(0);
    const storing = await database.db
      .select()
      .from(plans)
      .where(sql`${plans.storingSince} is not null`);
    expect(storing).toHaveLength(0);
    const [removal] = await database.db
      .select()
      .from(auditRecords)
      .where(and(eq(auditRecords.entity, 'plan'), eq(auditRecords.action, 'delete')));
    expect(removal?.after).toEqual({ reason: 'storing_incomplete' });
    // Everything stored before the failure went with it.
    const orphans = await database.db.execute(
      sql`select count(*)::int as n from tasks where plan_id not in (select id from plans)`,
    );
    expect((orphans as unknown as { rows: { n: number }[] }).rows[0]?.n).toBe(0);
  }, 120_000);

  it('removes at start a plan a crash left half-stored', async () => {
    const { planId } = await createPlanFromFile(
      database.db,
      actor(),
      planFileSchema.parse(planWithTasks(5, '26/KH-UBND')),
    );
    // As a crash between batches leaves it: marked, never cleared.
    await database.db.update(plans).set({ storingSince: new Date() }).where(eq(plans.id, planId));
    expect(await discardStoringPlans(database.db, { id: 'system', tenantId: null })).toBe(1);
    expect(await planTasks(planId)).toHaveLength(0);
    expect(await database.db.select().from(plans).where(eq(plans.id, planId))).toHaveLength(0);
    expect(await discardStoringPlans(database.db, { id: 'system', tenantId: null })).toBe(0);
  });
});
