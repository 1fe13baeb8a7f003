// A new version of a plan keeps the targets and key projects it finds again (by their words):
// their ids, reported actuals, capital plans and what the consolidator completed. One that is
// gone from the new version goes too, unless it carries such work (409, nothing written).
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, engines, type TestDatabase } from '../../../test/support/database.js';
import { examplePlan, type PlanFileInput } from '../../../test/support/factories.js';
import {
  projectMilestones,
  projects,
  targetActuals,
  targetMilestones,
  targets,
} from '../../db/schema.js';
import { AppError } from '../../server/errors.js';
import { planFileSchema } from './plan-file.js';
import { createPlanFromFile } from './service.js';

type Node = { targets?: { indicator: string; value?: number }[]; projects?: { name: string }[] };

/** The plan file with `edit` applied to every node that has targets or projects. */
function edited(edit: (node: Node) => void): PlanFileInput {
  const plan = examplePlan();
  const walk = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') {
      const node = value as Node & Record<string, unknown>;
      if (node.targets || node.projects) edit(node);
      Object.values(node).forEach(walk);
    }
  };
  walk(plan.sections);
  return plan;
}

describe.each(engines())('a new version of a plan on %s', (engine) => {
  let database: TestDatabase;
  let planId: string;
  const actor = () => ({ id: 'test', tenantId: database.tenantId });
  const urban = () =>
    database.db
      .select()
      .from(targets)
      .where(eq(targets.indicator, 'Số đô thị toàn tỉnh'))
      .then((r) => r[0]);
  const cableCar = () =>
    database.db
      .select()
      .from(projects)
      .where(eq(projects.name, 'Quần thể khu du lịch sinh thái cáp treo Mẫu Sơn'))
      .then((r) => r[0]);

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    ({ planId } = await createPlanFromFile(
      database.db,
      actor(),
      planFileSchema.parse(examplePlan()),
    ));
  });
  afterAll(async () => {
    await database?.close();
  });

  it('keeps targets and projects found again, with their work, and takes the document’s new words', async () => {
    const { db, tenantId } = database;
    const target = await urban();
    const project = await cableCar();
    if (!target || !project) throw new Error('seed changed');
    await db
      .update(targets)
      .set({ baselineValue: 12, baselineYear: 2024 })
      .where(eq(targets.id, target.id));
    await db.insert(targetActuals).values({
      tenantId,
      targetId: target.id,
      year: 2025,
      period: '2025',
      periodEnd: '2025-12-31',
      value: '13',
      status: 'approved',
      reportedBy: 'test',
      reviewedAt: new Date(),
    });
    await db
      .insert(projectMilestones)
      .values({ projectId: project.id, kind: 'groundbreaking', plannedOn: '2026-09-01' });

    const revised = edited((node) => {
      for (const t of node.targets ?? []) if (t.indicator === 'Số đô thị toàn tỉnh') t.value = 18;
    });
    const result = await createPlanFromFile(db, actor(), planFileSchema.parse(revised), {
      revising: planId,
    });
    expect(result.revision).toBe(2);
    const after = await urban();
    expect(after?.id).toBe(target.id);
    expect(after).toMatchObject({ baselineYear: 2024, targetValue: 18 });
    const milestones = await db
      .select()
      .from(targetMilestones)
      .where(eq(targetMilestones.targetId, target.id));
    expect(milestones.map((m) => [m.year, Number(m.value)])).toEqual([[2030, 18]]);
    expect(
      await db.select().from(targetActuals).where(eq(targetActuals.targetId, target.id)),
    ).toHaveLength(1);
    expect((await cableCar())?.id).toBe(project.id);
  });

  it('refuses a version that drops a target or project carrying work, writing nothing', async () => {
    const { db } = database;
    const dropped = edited((node) => {
      node.targets = (node.targets ?? []).filter((t) => t.indicator !== 'Số đô thị toàn tỉnh');
      node.projects = (node.projects ?? []).filter(
        (p) => p.name !== 'Quần thể khu du lịch sinh thái cáp treo Mẫu Sơn',
      );
    });
    const refused = await createPlanFromFile(db, actor(), planFileSchema.parse(dropped), {
      revising: planId,
    }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).code).toBe('plan_has_live_work');
    expect((refused as AppError).issues.map((i) => i.code)).toEqual([
      'item_has_live_work',
      'item_has_live_work',
    ]);
    expect(await urban()).toBeDefined();
  });

  it('drops a target without work that the new version no longer has', async () => {
    const { db } = database;
    const dropped = edited((node) => {
      node.targets = (node.targets ?? []).filter((t) => t.indicator !== 'Số đô thị mới hình thành');
    });
    await createPlanFromFile(db, actor(), planFileSchema.parse(dropped), { revising: planId });
    const left = await db
      .select({ id: targets.id })
      .from(targets)
      .where(eq(targets.indicator, 'Số đô thị mới hình thành'));
    expect(left).toHaveLength(0);
    expect(await urban()).toBeDefined();
  });
});
