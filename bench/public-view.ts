// `npx tsx bench/public-view.ts [pglite|postgres]`: the public plan page at the issue's scale — one
// plan with 600 targets (milestones, approved and pending actuals) and 200 key projects (capital
// plans, twelve months of disbursements, milestones), published feedback on some — read 300 times
// one after another through the app (inject, no network), printing p50/p95/p99 and the answer's
// size. Goal (issue #12): p95 < 50 ms. PostgreSQL: BENCH_DATABASE_URL (default
// postgres://postgres@127.0.0.1:5432/postgres), in a temporary database dropped afterwards.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { eq, sql } from 'drizzle-orm';
import pg from 'pg';
import { type Database, openPostgres, PGLITE_EXTENSIONS, wrapPglite } from '../src/db/client.js';
import { plans, users } from '../src/db/schema.js';
import { planFileSchema } from '../src/features/plans/plan-file.js';
import { createPlanFromFile } from '../src/features/plans/service.js';
import { loadReferenceData } from '../src/features/reference-data/service.js';
import { buildApp } from '../src/server/app.js';

const engine = (process.argv[2] ?? 'pglite') as 'pglite' | 'postgres';
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const TARGETS = 600;
const PROJECTS = 200;
const RUNS = 300;
const year = new Date().getFullYear();

let database: Database;
let drop = async (): Promise<void> => {};
if (engine === 'pglite') {
  const dir = mkdtempSync(join(tmpdir(), 'tiendo-bench-public-'));
  database = wrapPglite(new PGlite({ dataDir: dir, extensions: PGLITE_EXTENSIONS }));
  drop = async () => rmSync(dir, { recursive: true, force: true });
} else {
  const name = `tiendo_bench_public_${process.pid}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  database = openPostgres(url.toString());
  drop = async () => {
    const a = new pg.Client({ connectionString: ADMIN_URL });
    await a.connect();
    await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await a.end();
  };
}
await database.migrate();
const { tenantId } = await loadReferenceData(database.db, { actor: { id: 'bench' } });
const { db } = database;
const sections = Array.from({ length: 10 }, (_, s) => ({
  label: String(s + 1),
  title: `Lĩnh vực ${s + 1}`,
  targets: Array.from({ length: TARGETS / 10 }, (_, i) => ({
    indicator: `Chỉ tiêu ${s + 1}.${i + 1} về hạ tầng`,
    value: 100 + i,
    unit: 'km',
    year: 2030,
  })),
  projects: Array.from({ length: PROJECTS / 10 }, (_, i) => ({ name: `Dự án ${s + 1}.${i + 1}` })),
}));
const { planId } = await createPlanFromFile(
  db,
  { id: 'bench', tenantId },
  planFileSchema.parse({
    schema_version: 1,
    document: {
      type: 'KH',
      number: '99/KH-UBND',
      issuer: 'UBND tỉnh',
      date: '2026-01-20',
      title: 'Kế hoạch đo',
    },
    references: [],
    sections: [
      { label: 'I', title: 'MỤC ĐÍCH, YÊU CẦU', text: 'Mục đích của kế hoạch.' },
      { label: 'II', title: 'MỤC TIÊU', children: sections },
    ],
  }),
);
const [user] = await db
  .insert(users)
  .values({
    tenantId,
    username: 'bench',
    displayName: 'bench',
    role: 'consolidator',
    passwordHash: 'x',
  })
  .returning();
const uid = user?.id as string;
await db.execute(sql`update targets t set baseline_value = 10, baseline_year = 2024,
  responsible_agency_id = (select id from agencies a where a.tenant_id = t.tenant_id order by a.code limit 1)
  where t.plan_id = ${planId}`);
await db.execute(sql`insert into target_actuals (tenant_id, target_id, year, period, period_end, value, status, reported_by, reviewed_at)
  select t.tenant_id, t.id, y, y::text, (y || '-12-31')::date, 20 + y - 2024, s, 'bench', now()
  from targets t, generate_series(2024, ${year - 1}::int) y, (values ('approved'), ('returned')) v(s)
  where t.plan_id = ${planId}`);
await db.execute(sql`insert into project_capital_plans (tenant_id, project_id, year, source, amount, updated_by)
  select p.tenant_id, p.id, y, 'local', 120, ${uid} from projects p, generate_series(${year - 4}::int, ${year}::int) y
  where p.plan_id = ${planId}`);
await db.execute(sql`insert into project_disbursements (tenant_id, project_id, year, month, amount, recorded_by)
  select p.tenant_id, p.id, y, m, 7.5, ${uid} from projects p, generate_series(${year - 4}::int, ${year}::int) y,
  generate_series(1, 12) m where p.plan_id = ${planId}`);
await db.execute(sql`insert into project_milestones (project_id, kind, planned_on)
  select p.id, k, '2027-01-01' from projects p, (values ('approval'), ('groundbreaking'), ('completion')) v(k)
  where p.plan_id = ${planId}`);
await db.execute(sql`update projects set construction_percent = 30, clearance_unit = 'ha', clearance_total = 50,
  clearance_done = 20, last_updated_on = ${`${year}-01-01`} where plan_id = ${planId}`);
await db.execute(sql`insert into feedback (tenant_id, target_id, sender_name, body, status, answer, moderated_at, sender_key)
  select t.tenant_id, t.id, 'Người dân', 'Góp ý', f, case when f = 'published' then 'Trả lời' end, now(), 'k'
  from (select * from targets where plan_id = ${planId} limit 100) t, (values ('published'), ('pending')) v(f)`);
await db.execute(sql`analyze`);
const counts = await db
  .select({
    t: sql<number>`(select count(*) from targets where plan_id = ${planId})::int`,
    p: sql<number>`(select count(*) from projects where plan_id = ${planId})::int`,
  })
  .from(plans)
  .where(eq(plans.id, planId));

if (process.env.BENCH_PARTS) {
  const { loadPublicPlan } = await import('../src/features/public-view/service.js');
  const { presentPublicPlan } = await import('../src/features/public-view/presenter.js');
  const { publicPlanSchema } = await import('../src/features/public-view/schema.js');
  for (let i = 0; i < 5; i++) {
    let t = performance.now();
    const loaded = await loadPublicPlan(db, tenantId, planId, year);
    const tLoad = performance.now() - t;
    t = performance.now();
    const shown = presentPublicPlan(loaded as NonNullable<typeof loaded>, year);
    const tPresent = performance.now() - t;
    t = performance.now();
    publicPlanSchema.parse(shown);
    const tParse = performance.now() - t;
    t = performance.now();
    JSON.stringify(shown);
    console.log({ tLoad, tPresent, tParse, tJson: performance.now() - t });
  }
}
const app = await buildApp({ db, tenantId });
const url = `/api/public/plans/${planId}`;
for (let i = 0; i < 20; i++) await app.inject({ method: 'GET', url });
const times: number[] = [];
let size = 0;
for (let i = 0; i < RUNS; i++) {
  const start = process.hrtime.bigint();
  const res = await app.inject({ method: 'GET', url });
  times.push(Number(process.hrtime.bigint() - start) / 1e6);
  if (res.statusCode !== 200) throw new Error(res.body);
  size = res.body.length;
}
times.sort((a, b) => a - b);
const at = (q: number) =>
  (times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0).toFixed(1);
console.log(
  `${engine}: ${counts[0]?.t} targets, ${counts[0]?.p} projects; ${RUNS} reads: p50 ${at(0.5)} ms, p95 ${at(0.95)} ms, p99 ${at(0.99)} ms; ${(size / 1024).toFixed(0)} KB`,
);
await app.close();
await database.close();
await drop();
