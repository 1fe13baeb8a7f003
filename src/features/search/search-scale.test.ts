// The search at scale: with thousands of rows of each kind, the statement reads the trigram
// indexes (a Bitmap Index Scan on each kind's GIN index), never every row of the table.
import { type SQL, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/support/app.js';
import { engines } from '../../../test/support/database.js';
import { numberedPlan } from '../../../test/support/factories.js';
import { parseSearchQuery } from '../../domain/search-query.js';
import { planFileSchema } from '../plans/plan-file.js';
import { createPlanFromFile } from '../plans/service.js';
import { search, searchStatement } from './service.js';

/** The scale: 20,000 tasks; targets, projects and agencies are fewer in a province. */
const TASKS = 20000;
const ROWS = 5000;

describe.each(engines())('search at scale on %s', (engine) => {
  const ctx = useTestApp(engine);

  beforeAll(async () => {
    const { db, tenantId } = ctx.database;
    const { planId } = await createPlanFromFile(
      db,
      { id: 'test:search-scale', tenantId },
      planFileSchema.parse(numberedPlan({ number: '31/KH-UBND' })),
    );
    const words = `(array['đường','trường','cầu','chợ','kênh','trạm','khu','cụm','hồ','đê'])`;
    const text = (n: string) =>
      sql.raw(
        `${words}[1 + ${n} % 10] || ' ' || ${words}[1 + (${n} / 10) % 10] || ' số ' || ${n} || ' ' || md5(${n}::text)`,
      );
    await db.execute(sql`
      insert into tasks (tenant_id, plan_id, node_id, position, title, deadline, deadline_kind, search_text)
      select t.tenant_id, t.plan_id, t.node_id, 1000 + g, 'Nhiệm vụ ' || ${text('g')}, '{"kind":"none"}', 'none',
        tiendo_fold('Nhiệm vụ ' || ${text('g')})
      from generate_series(1, ${TASKS}) g, (select tenant_id, plan_id, node_id from tasks where plan_id = ${planId} limit 1) t`);
    await db.execute(sql`
      insert into targets (tenant_id, plan_id, node_id, position, indicator)
      select t.tenant_id, t.plan_id, t.node_id, 1000 + g, 'Chỉ tiêu ' || ${text('g')}
      from generate_series(1, ${ROWS}) g, (select tenant_id, plan_id, node_id from targets where plan_id = ${planId} limit 1) t`);
    await db.execute(sql`
      insert into projects (tenant_id, plan_id, node_id, position, name)
      select t.tenant_id, t.plan_id, t.node_id, 1000 + g, 'Dự án ' || ${text('g')}
      from generate_series(1, ${ROWS}) g, (select tenant_id, plan_id, node_id from projects where plan_id = ${planId} limit 1) t`);
    await db.execute(sql`
      insert into agencies (tenant_id, code, name, kind, search_text)
      select ${tenantId}, 'X' || g, 'Cơ quan ' || ${text('g')}, 'other', tiendo_fold('Cơ quan ' || ${text('g')})
      from generate_series(1, ${ROWS}) g`);
    for (const table of ['tasks', 'targets', 'projects', 'agencies', 'legal_documents', 'plans'])
      await db.execute(sql.raw(`vacuum analyze ${table}`));
  });

  const explain = async (statement: SQL) => {
    const result = (await ctx.database.db.execute(
      sql`explain (analyze, costs off, summary on) ${statement}`,
    )) as unknown as { rows: { 'QUERY PLAN': string }[] };
    return result.rows.map((r) => r['QUERY PLAN']).join('\n');
  };

  it('reads each kind through its trigram index', async () => {
    const query = parseSearchQuery('số 1234');
    const plan = await explain(searchStatement(ctx.database.tenantId, query, 5, '2026-12-07'));
    console.log(`EXPLAIN on ${engine} for "số 1234":\n${plan}`);
    for (const index of [
      'tasks_search_trgm_idx',
      'targets_indicator_trgm_idx',
      'projects_name_trgm_idx',
      'agencies_search_trgm_idx',
    ])
      expect(plan).toContain(`Bitmap Index Scan on ${index}`);
    expect(plan).not.toMatch(/Seq Scan on (tasks|targets|projects|agencies)\b/);
  });

  it('looks an abbreviation and its long form up in the index too', async () => {
    const plan = await explain(
      searchStatement(ctx.database.tenantId, parseSearchQuery('kh&dt'), 5, '2026-12-07'),
    );
    console.log(`EXPLAIN on ${engine} for "kh&dt":\n${plan}`);
    expect(plan).toContain('Bitmap Index Scan on agencies_search_trgm_idx');
    expect(plan).toContain('Bitmap Index Scan on tasks_search_trgm_idx');
  });

  it('finds one row among thousands, and counts every match', async () => {
    const rows = await search(
      ctx.database.db,
      ctx.database.tenantId,
      parseSearchQuery('so 1234 '),
      5,
      '2026-12-07',
    );
    const titles = rows.filter((r) => r.kind === 'project').map((r) => r.title);
    expect(titles[0]).toMatch(/^Dự án .* số 1234 /);
    // "cầu trường" as the first two words: 1 row in 100; "trường cầu": another 1 in 100.
    const many = await search(
      ctx.database.db,
      ctx.database.tenantId,
      parseSearchQuery('cau truong'),
      5,
      '2026-12-07',
    );
    const tasks = many.filter((r) => r.kind === 'task');
    expect(tasks).toHaveLength(5);
    expect(tasks[0]?.total).toBe(TASKS / 50);
    expect(tasks.map((t) => t.rank)).toEqual([0, 0, 0, 0, 0]);
  });
});
