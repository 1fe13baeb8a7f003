// `npm run bench:tasks`: the reads of a province at full scale (issue #12). For each engine (embedded
// PGlite, and PostgreSQL on postgres://postgres@127.0.0.1:5432 in a temporary database dropped
// afterwards) it generates 120 agencies' work — 20,000 tasks, then 100,000 — with assignments and
// progress reports (26 per led task, the history included: about 510,000 at 20,000 tasks; bulk
// INSERT … SELECT, with progress lines), and once, after the first size's tasks, the plans' targets
// and key projects (issue #9): 200 projects with five years of capital plans and monthly
// disbursements, approved updates and milestones, and 600 targets with milestones, approved actuals
// and their stored projection. It then starts the real server (`src/server/main.ts`, a process of
// its own, as `npm start` runs it) on that database, signs in an agency officer and the consolidator
// (accounts made through the users service), and runs autocannon (in a child process) at 32
// connections for a fixed time per endpoint of the ENDPOINTS table below (one line per endpoint).
// It prints req/s, p50/p95/p99 latency, errors, the CPU one request costs (server process +
// database backends, split in the progress lines; it holds when the machine is busy with other
// work) and the server's peak RSS during the run (sampled from /proc every 100 ms); it asserts
// nothing. `--only agency-open,overdue` measures those endpoints, `--connections 64` changes the
// clients, `--skip-tasks-endpoints` measures only targets and projects, `--skip-goals` neither makes
// nor measures them, `--profile DIR` writes a CPU profile of the server (node --cpu-prof) per run.
//
//   npm run bench:tasks
//   npm run bench:tasks -- --engines postgres --sizes 20000 --seconds 5 --only agency-open
//   BENCH_DATABASE_URL=postgres://user@host:5432/postgres npm run bench:tasks
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import pg from 'pg';
import {
  type Database,
  type Db,
  openPostgres,
  PGLITE_EXTENSIONS,
  wrapPglite,
} from '../src/db/client.js';
import { agencies, legalDocuments, planNodes, plans } from '../src/db/schema.js';
import { isoDateInVietnam } from '../src/domain/calendar.js';
import { loadReferenceData } from '../src/features/reference-data/service.js';
import { projectionSql, refreshProjections } from '../src/features/targets/service.js';
import { createUser } from '../src/features/users/service.js';
import { type ServerProcess, startServer } from '../test/durability/server-process.js';

const { values: args } = parseArgs({
  options: {
    engines: { type: 'string', default: 'pglite,postgres' },
    sizes: { type: 'string', default: '20000,100000' },
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '32' },
    /** Progress reports per led task (approved history, or returned and pending ones). */
    'reports-per-task': { type: 'string', default: '26' },
    /** Only these endpoints (names from the ENDPOINTS table, comma-separated). */
    only: { type: 'string' },
    /** Leave the PostgreSQL database in place (its name is printed) to look at the plans. */
    keep: { type: 'boolean', default: false },
    /** Write a CPU profile of the server process for each endpoint's run into this folder. */
    profile: { type: 'string' },
    /** Measure only the targets and projects endpoints (the tasks are still generated). */
    'skip-tasks-endpoints': { type: 'boolean', default: false },
    /** Neither generate nor measure targets and key projects. */
    'skip-goals': { type: 'boolean', default: false },
  },
});
const ENGINES = (args.engines ?? '').split(',').filter(Boolean) as ('pglite' | 'postgres')[];
const SIZES = (args.sizes ?? '').split(',').map(Number).filter(Boolean);
const SECONDS = Number(args.seconds);
const CONNECTIONS = Number(args.connections);
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const AGENCIES = 120;
const TASKS_PER_PLAN = 1000;
/** Progress reports per led task, history included: about 510,000 at 20,000 tasks (issue #12: 500,000). */
const REPORTS_PER_TASK = Number(args['reports-per-task']);
const PASSWORD = 'Bench2026tiendo';
const TODAY = isoDateInVietnam();

const log = (message: string) => console.log(`[bench] ${message}`);
const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;

// ---------------------------------------------------------------------------------------------
// Data.

/** The first 120 agencies in force (the registry's own, then generated ones if it has fewer). */
async function benchAgencies(db: Db, tenantId: string): Promise<string[]> {
  const current = () =>
    db
      .select({ id: agencies.id })
      .from(agencies)
      .where(and(eq(agencies.tenantId, tenantId), isNull(agencies.inForceTo)))
      .orderBy(asc(agencies.code))
      .limit(AGENCIES);
  let rows = await current();
  if (rows.length < AGENCIES) {
    await db.insert(agencies).values(
      Array.from({ length: AGENCIES - rows.length }, (_, i) => ({
        tenantId,
        code: `BENCH-${i + 1}`,
        name: `Cơ quan thử tải ${i + 1}`,
        kind: 'department',
        searchText: `co quan thu tai ${i + 1}`,
      })),
    );
    rows = await current();
  }
  return rows.map((r) => r.id);
}

/** A plan (document, plan, one section) to hold the next thousand tasks. */
async function benchPlan(db: Db, tenantId: string, n: number) {
  const number = `${n}/KH-TT`;
  const [doc] = await db
    .insert(legalDocuments)
    .values({
      tenantId,
      docType: 'KH',
      numberAsWritten: number,
      numberCanonical: number,
      numberKey: `bench-${n}`,
      issuer: 'UBND tỉnh Lạng Sơn',
      issuedOn: '2024-01-15',
      title: `Kế hoạch thử tải số ${n}`,
      searchText: `${number} ke hoach thu tai so ${n}`,
    })
    .returning({ id: legalDocuments.id });
  const [plan] = await db
    .insert(plans)
    .values({ tenantId, documentId: doc?.id as string })
    .returning({ id: plans.id });
  const [node] = await db
    .insert(planNodes)
    .values({
      tenantId,
      planId: plan?.id as string,
      kind: 'section',
      title: 'NHIỆM VỤ',
      position: 0,
    })
    .returning({ id: planNodes.id });
  return { planId: plan?.id as string, nodeId: node?.id as string };
}

/**
 * Tasks [from, to) of one plan in one INSERT … SELECT: deadlines from 2021 to 2030 (dates,
 * quarters, years; some annual, continuous, or none with the consolidator's date), most past ones
 * completed (some late), some extended; a lead for all but 2 %, a coordinator for 40 %.
 */
function insertTasks(
  db: Db,
  p: { tenantId: string; planId: string; nodeId: string; from: number; to: number },
  agencyIds: readonly string[],
) {
  const ids = sql`${`{${agencyIds.join(',')}}`}::uuid[]`;
  const today = sql`${TODAY}::date`;
  return db.execute(sql`
    with g as (
      select i, h, h % 100 as k, (h / 100) % 3650 as dd, (h / 365000) % 100 as c, (h / 1000) % 10 as yy
      from (select i, (i::bigint * 2654435761) % 4294967291 as h
            from generate_series(${p.from}::int, ${p.to - 1}::int) i) x
    ), d as (
      select g.*,
        case when k < 75 then 'date' when k < 83 then 'quarter' when k < 87 then 'year'
             when k < 92 then 'annual' when k < 96 then 'continuous' else 'none' end as kind,
        case when k < 75 then '2021-01-01'::date + dd::int
             when k < 83 then (make_date(2021 + yy::int, ((h / 7) % 4 + 1)::int * 3, 1) + interval '1 month - 1 day')::date
             when k < 87 then make_date(2021 + yy::int, 12, 31) end as due
      from g
    ), e as (
      select d.*,
        case when kind = 'none' and c < 50 then '2021-01-01'::date + dd::int end as assigned,
        case when due is not null and c % 20 = 0 then due + 90 end as extended
      from d
    ), f as (
      select e.*,
        case when kind in ('annual', 'continuous') then null
             when coalesce(due, assigned) < ${today} and c < 80
               then least(${today}, case when c < 56 then coalesce(due, assigned) - (c % 30)::int else coalesce(due, assigned) + (c % 60)::int + 1 end)
             when c < 8 then ${today} - (c::int + 1) end as completed
      from e
    )
    insert into tasks (tenant_id, plan_id, node_id, position, code, title, body, lead_agency_id,
      lead_as_written, deadline, deadline_kind, due_on, assigned_due_on, extended_due_on,
      completed_on, progress_percent, search_text)
    select ${p.tenantId}::uuid, ${p.planId}::uuid, ${p.nodeId}::uuid, i - ${p.from}::int, (i - ${p.from}::int + 1)::text,
      'Nhiệm vụ thử tải số ' || i || ': đầu tư hạ tầng giao thông, đô thị và chuyển đổi số',
      'Triển khai thực hiện nhiệm vụ số ' || i || ' theo kế hoạch của UBND tỉnh.',
      case when c % 50 = 1 then null else (${ids})[1 + ((i * 31) % ${agencyIds.length}::int)] end,
      case when c % 50 = 1 then 'Các sở, ban, ngành' end,
      case kind
        when 'date' then jsonb_build_object('kind', 'date', 'date', due::text)
        when 'quarter' then jsonb_build_object('kind', 'quarter', 'year', extract(year from due)::int, 'quarter', extract(quarter from due)::int)
        when 'year' then jsonb_build_object('kind', 'year', 'year', extract(year from due)::int)
        when 'annual' then jsonb_build_object('kind', 'annual', 'day', 1 + (h / 13) % 28, 'month', 1 + (h / 17) % 12)
        else jsonb_build_object('kind', kind) end,
      kind, due, assigned, extended, completed,
      case when completed is not null then 100 end,
      'nhiem vu thu tai so ' || i || ': dau tu ha tang giao thong, do thi va chuyen doi so trien khai thuc hien nhiem vu so ' || i || ' theo ke hoach cua ubnd tinh.'
    from f`);
}

/** Leads and coordinators as the plan names them; approved progress for 60 % of tasks. */
async function insertWork(
  db: Db,
  tenantId: string,
  planIds: readonly string[],
  agencyIds: readonly string[],
  userId: string,
) {
  const ids = sql`${`{${agencyIds.join(',')}}`}::uuid[]`;
  const inPlans = sql`t.plan_id in (${sql.join(
    planIds.map((id) => sql`${id}::uuid`),
    sql`, `,
  )})`;
  await db.execute(sql`
    insert into task_assignments (tenant_id, task_id, agency_id, role, started_on, reason, created_by)
    select t.tenant_id, t.id, t.lead_agency_id, 'lead', '2024-01-15', 'plan', 'bench'
    from tasks t where ${inPlans} and t.lead_agency_id is not null`);
  await db.execute(sql`
    insert into task_assignments (tenant_id, task_id, agency_id, role, started_on, reason, created_by)
    select tenant_id, id, coordinator, 'coordinator', '2024-01-15', 'plan', 'bench'
    from (select t.tenant_id, t.id, t.lead_agency_id,
            (${ids})[1 + abs(hashtext(t.id::text)) % ${agencyIds.length}::int] as coordinator
          from tasks t where ${inPlans} and t.position % 5 < 2) c
    where coordinator is distinct from lead_agency_id`);
  await db.execute(sql`
    insert into progress_updates (tenant_id, task_id, agency_id, kind, reported_on, percent, narrative, status, created_by, reviewed_by, reviewed_at)
    select t.tenant_id, t.id, t.lead_agency_id, 'progress',
      coalesce(t.completed_on, ${TODAY}::date - ((t.position * 7) % 400)),
      case when t.completed_on is not null then 100
           when t.recurrence_month is null then 10 + (t.position * 13) % 80 end,
      'Báo cáo tiến độ thử tải', 'approved', ${userId}::uuid, ${userId}::uuid, now()
    from tasks t
    where ${inPlans} and (t.completed_on is not null or (t.position * 11) % 10 < 5)
      and t.lead_agency_id is not null`);
  await db.execute(sql`
    update tasks t set last_reported_on = p.last, progress_percent = coalesce(t.progress_percent, p.percent)
    from (select task_id, max(reported_on) as last, max(percent) as percent from progress_updates
          where tenant_id = ${tenantId}::uuid and status = 'approved' and kind = 'progress' group by task_id) p
    where p.task_id = t.id and ${inPlans}`);
  // The reports before: every led task has REPORTS_PER_TASK in all (~510,000 at 20,000 tasks). A
  // task with an approved report gets the approved ones before it, nine days apart (so its latest
  // stays the latest); one without has returned reports, the latest of a third still pending.
  await db.execute(sql`
    insert into progress_updates (tenant_id, task_id, agency_id, kind, reported_on, percent,
      narrative, status, created_by, created_at, reviewed_by, reviewed_at, review_note)
    select t.tenant_id, t.id, t.lead_agency_id, 'progress',
      coalesce(t.last_reported_on, ${TODAY}::date) - s * 9,
      case when t.recurrence_month is null then greatest(0, coalesce(t.progress_percent, 30) - s * 3) end,
      'Báo cáo tiến độ thử tải, kỳ trước số ' || s,
      case when t.last_reported_on is not null then 'approved'
           when s = 1 and t.position % 3 = 0 then 'pending' else 'returned' end,
      ${userId}::uuid, (coalesce(t.last_reported_on, ${TODAY}::date) - s * 9)::timestamptz,
      case when t.last_reported_on is not null or s > 1 or t.position % 3 <> 0 then ${userId}::uuid end,
      case when t.last_reported_on is not null or s > 1 or t.position % 3 <> 0
        then (coalesce(t.last_reported_on, ${TODAY}::date) - s * 9 + 2)::timestamptz end,
      case when t.last_reported_on is null and (s > 1 or t.position % 3 <> 0) then 'Cần bổ sung số liệu và minh chứng' end
    from tasks t
    cross join lateral generate_series(1, ${REPORTS_PER_TASK}::int - case when t.last_reported_on is not null then 1 else 0 end) s
    where ${inPlans} and t.lead_agency_id is not null`);
  await db.execute(sql`
    update tasks t set last_reported_on = p.last, progress_percent = coalesce(t.progress_percent, p.percent)
    from (select task_id, max(reported_on) as last, max(percent) as percent from progress_updates
          where tenant_id = ${tenantId}::uuid and status = 'approved' and kind = 'progress' group by task_id) p
    where p.task_id = t.id and ${inPlans}`);
}

type Bench = {
  database: Database;
  tenantId: string;
  agencyIds: string[];
  plansMade: number;
  /** The bench plans and their one section each, in the order made. */
  plans: { planId: string; nodeId: string }[];
  tasksMade: number;
  officerId: string | null;
  /** Targets and key projects, made once (after the first size's tasks). */
  goals: Goals | null;
  drop: () => Promise<void>;
  /** The environment of the server process on this database. */
  server: Record<string, string>;
  /** Opens the database again in this process (PGlite: after the server closed it). */
  reopen: () => Database;
};

async function openBench(engine: 'pglite' | 'postgres'): Promise<Bench> {
  let database: Database;
  let drop = async (): Promise<void> => {};
  const dir = mkdtempSync(join(tmpdir(), 'tiendo-bench-'));
  // The server process (npm start) is given the same database: PGlite's folder under its data
  // folder, or the temporary database's address.
  const server: Record<string, string> = {
    TIENDO_DATA_DIR: dir,
    TIENDO_DEMO: '0',
    TIENDO_JOBS: '0',
    DATABASE_URL: '',
  };
  let reopen = (): Database => database;
  if (engine === 'pglite') {
    reopen = () =>
      wrapPglite(new PGlite({ dataDir: join(dir, 'pglite'), extensions: PGLITE_EXTENSIONS }));
    database = reopen();
    drop = async () => {
      if (args.keep) return log(`kept PGlite folder ${dir}`);
      rmSync(dir, { recursive: true, force: true });
    };
  } else {
    const name = `tiendo_bench_${process.pid}_${Date.now()}`;
    const admin = new pg.Client({ connectionString: ADMIN_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(ADMIN_URL);
    url.pathname = `/${name}`;
    database = openPostgres(url.toString());
    server.DATABASE_URL = url.toString();
    drop = async () => {
      rmSync(dir, { recursive: true, force: true });
      if (args.keep) return log(`kept database ${name}`);
      const a = new pg.Client({ connectionString: ADMIN_URL });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    };
  }
  await database.migrate();
  const { tenantId } = await loadReferenceData(database.db, { actor: { id: 'bench' } });
  const agencyIds = await benchAgencies(database.db, tenantId);
  return {
    database,
    tenantId,
    agencyIds,
    plansMade: 0,
    plans: [],
    tasksMade: 0,
    officerId: null,
    goals: null,
    drop,
    server,
    reopen,
  };
}

/** Grows the bench's tasks to `size`, a plan of a thousand at a time, with progress lines. */
async function growTo(bench: Bench, size: number) {
  const { db } = bench.database;
  const started = performance.now();
  const made: string[] = [];
  const officerId = bench.officerId as string;
  while (bench.tasksMade < size) {
    const { planId, nodeId } = await benchPlan(db, bench.tenantId, ++bench.plansMade);
    bench.plans.push({ planId, nodeId });
    const to = Math.min(size, bench.tasksMade + TASKS_PER_PLAN);
    await insertTasks(
      db,
      { tenantId: bench.tenantId, planId, nodeId, from: bench.tasksMade, to },
      bench.agencyIds,
    );
    made.push(planId);
    bench.tasksMade = to;
    if (made.length === 10 || bench.tasksMade === size) {
      await insertWork(db, bench.tenantId, made, bench.agencyIds, officerId);
      made.length = 0;
      process.stdout.write(
        `\r[bench] ${bench.database.engine}: ${bench.tasksMade.toLocaleString('en')} / ${size.toLocaleString('en')} tasks (${seconds(started)})`,
      );
    }
  }
  process.stdout.write('\n');
  const vacuumed = performance.now();
  await db.execute(sql`vacuum analyze`);
  const [shape] = (
    (await db.execute(sql`
    select count(*)::int as tasks,
      (select count(*)::int from task_assignments) as assignments,
      (select count(*)::int from progress_updates) as reports
    from tasks`)) as unknown as { rows: { tasks: number; assignments: number; reports: number }[] }
  ).rows;
  log(
    `${bench.database.engine}: ${shape?.tasks} tasks, ${shape?.assignments} assignments, ${shape?.reports} progress reports (vacuum analyze ${seconds(vacuumed)})`,
  );
}

// ---------------------------------------------------------------------------------------------
// Targets and key projects (issue #9): made once per engine, after the first size's tasks.

const PROJECTS = 200;
const TARGETS = 600;
/** The agencies that own key projects (departments and district committees): the first 24. */
const OWNER_AGENCIES = 24;
const YEAR = Number(TODAY.slice(0, 4));

type Goals = {
  projects: number;
  targets: number;
  /** A project owned by an agency, with five years of capital plans and disbursements. */
  detailProjectId: string;
  /** The agency whose projects the owner filter lists, and how many it owns. */
  ownerAgencyId: string;
  owned: number;
};

const uuidArray = (ids: readonly string[]) => sql`${`{${ids.join(',')}}`}::uuid[]`;

type Rows<T> = { rows: T[] };
const rowsOf = async <T>(query: Promise<unknown>) => ((await query) as Rows<T>).rows;

/**
 * 200 key projects spread over the bench plans' sections (70 % owned by one of 24 agencies, the
 * rest by an outside investor; public, BOT, other PPP or ODA), each with five years (this year and
 * the four before) of capital plans from 2–4 sources, monthly disbursements up to this month
 * (approved monthly updates of the owner agency for the owned ones), and five milestones with
 * planned dates, most past ones reached, some late, some not at all.
 */
async function insertProjects(bench: Bench, ownerAgencyId: string) {
  const { db } = bench.database;
  const userId = bench.officerId as string;
  const planIds = uuidArray(bench.plans.map((p) => p.planId));
  const nodeIds = uuidArray(bench.plans.map((p) => p.nodeId));
  const owners = uuidArray(bench.agencyIds.slice(0, OWNER_AGENCIES));
  const n = bench.plans.length;
  const today = sql`${TODAY}::date`;
  await db.execute(sql`
    with g as (
      select i, h, ${YEAR}::int - 5 + i % 2 as sy, ${YEAR}::int - 1 + i % 4 as ey
      from (select i, (i::bigint * 2654435761) % 4294967291 as h
            from generate_series(0, ${PROJECTS - 1}::int) i) x
    ), d as (
      select g.*, (20 + h % 300)::numeric(14, 3) as clearance_total,
        i % 10 < 7 as owned
      from g
    )
    insert into projects (tenant_id, plan_id, node_id, position, name, sector, investment_form,
      owner, owner_agency_id, total_investment, approval_documents, start_year, end_year,
      clearance_unit, clearance_total, clearance_done, construction_percent, last_updated_on)
    select ${bench.tenantId}::uuid, (${planIds})[1 + i % ${n}::int], (${nodeIds})[1 + i % ${n}::int],
      i / ${n}::int,
      'Dự án thử tải số ' || (i + 1) || ': ' || (array['Đường tỉnh kết nối khu kinh tế cửa khẩu',
        'Cầu qua sông Kỳ Cùng', 'Bệnh viện đa khoa khu vực', 'Trường trung học phổ thông',
        'Hồ chứa nước và kênh tưới'])[1 + i % 5],
      (array['Giao thông', 'Giao thông', 'Y tế', 'Giáo dục', 'Nông nghiệp'])[1 + i % 5],
      (array['public', 'public', 'bot', 'ppp_other', 'oda'])[1 + (h / 7) % 5],
      case when not owned then 'Công ty cổ phần đầu tư thử tải ' || (i + 1) end,
      case when owned then (${owners})[1 + (i * 7) % ${OWNER_AGENCIES}::int] end,
      (200 + (h % 9800000) / 1000.0)::numeric(20, 3),
      jsonb_build_array(
        jsonb_build_object('number', (i + 1) || '/NQ-HĐND', 'issuedOn', make_date(sy - 1, 3, 15)::text,
          'title', 'Quyết định chủ trương đầu tư'),
        jsonb_build_object('number', (i + 1) || '/QĐ-UBND', 'issuedOn', make_date(sy - 1, 9, 30)::text,
          'title', 'Quyết định phê duyệt dự án đầu tư')),
      sy, ey,
      case when i % 3 = 0 then 'household' else 'ha' end, clearance_total,
      round(clearance_total * least(1, 0.4 + (h % 70) / 100.0), 3),
      least(100, 10 + (h / 11) % 95)::int,
      case when owned then date_trunc('month', ${today})::date end
    from d`);
  // Every project in the tenant is the bench's (a new database).
  await db.execute(sql`
    insert into project_capital_plans (tenant_id, project_id, year, source, amount, updated_by)
    select p.tenant_id, p.id, y,
      (array['local', 'central', 'oda', 'investor'])[1 + (p.k + s) % 4],
      round(p.total_investment / 6 / c.n * (0.8 + ((p.k + s + y) % 5) / 10.0), 3),
      ${userId}::uuid
    from (select id, tenant_id, total_investment, abs(hashtext(id::text)) as k from projects
          where tenant_id = ${bench.tenantId}::uuid) p
    cross join generate_series(${YEAR - 4}::int, ${YEAR}::int) y
    cross join lateral (select 2 + (p.k + y) % 3 as n) c
    cross join lateral generate_series(0, c.n - 1) s`);
  // Month by month as they are recorded; the owned projects' figures come from their agency's
  // approved monthly updates (the update each one came from), the others' from the spreadsheet.
  await db.execute(sql`
    with c as (
      select d.tenant_id, d.project_id, d.year, m as month, p.owner_agency_id,
        round(d.total / 12 * (0.45 + (d.k % 60) / 100.0) * (0.5 + ((d.k + m) % 10) / 10.0), 3) as amount
      from (select tenant_id, project_id, year, sum(amount) as total,
              abs(hashtext(project_id::text)) as k
            from project_capital_plans where tenant_id = ${bench.tenantId}::uuid
            group by tenant_id, project_id, year) d
      join projects p on p.id = d.project_id
      cross join generate_series(1, 12) m
      where make_date(d.year, m, 1) <= ${today}
    ), u as (
      insert into project_updates (tenant_id, project_id, agency_id, year, month, disbursed,
        narrative, status, created_by, created_at, reviewed_by, reviewed_at)
      select tenant_id, project_id, owner_agency_id, year, month, amount,
        'Báo cáo tháng ' || month || '/' || year || ': giải ngân, giải phóng mặt bằng và tiến độ thi công theo kế hoạch.',
        'approved', ${userId}::uuid, least(now(), make_date(year, month, 1) + interval '1 month 3 days'),
        ${userId}::uuid, least(now(), make_date(year, month, 1) + interval '1 month 5 days')
      from c where owner_agency_id is not null
      order by year, month
      returning id, project_id, year, month
    )
    insert into project_disbursements (tenant_id, project_id, year, month, amount, update_id, recorded_by)
    select c.tenant_id, c.project_id, c.year, c.month, c.amount, u.id, ${userId}::uuid
    from c left join u on u.project_id = c.project_id and u.year = c.year and u.month = c.month
    order by c.year, c.month`);
  await db.execute(sql`
    insert into project_milestones (project_id, kind, planned_on, actual_on)
    select p.id, m.kind, m.planned,
      case when r < 9 and m.planned + (case when r < 4 then -5 * r when r < 7 then 10 * r + 30 else 10 * r + 120 end) <= ${today}
        then m.planned + (case when r < 4 then -5 * r when r < 7 then 10 * r + 30 else 10 * r + 120 end) end
    from projects p
    cross join lateral (values
      ('investment_policy', make_date(p.start_year - 1, 3, 15)),
      ('approval', make_date(p.start_year - 1, 9, 30)),
      ('groundbreaking', make_date(p.start_year, 6, 1)),
      ('completion', make_date(p.end_year, 12, 31)),
      ('settlement', make_date(p.end_year + 1, 12, 31))) m(kind, planned)
    cross join lateral (select abs(hashtext(p.id::text || m.kind)) % 10 as r) x
    where p.tenant_id = ${bench.tenantId}::uuid`);
  const [pick] = await rowsOf<{ id: string; owned: number }>(
    db.execute(sql`
      select (select id from projects where owner_agency_id = ${ownerAgencyId}::uuid
              order by position, id limit 1) as id,
        (select count(*)::int from projects where owner_agency_id = ${ownerAgencyId}::uuid) as owned`),
  );
  if (!pick?.id) throw new Error('no bench project owned by the officer’s agency');
  return { detailProjectId: pick.id, owned: pick.owned };
}

/**
 * 600 targets over the bench plans' sections: half numbers, 30 % percentages (some to go down), 20 %
 * yes/no milestones due 2024–2029; a responsible agency for 80 %, a 2020 baseline for all but one
 * quantity in twelve; milestones in 2025 and 2030 on a straight path; approved yearly actuals for
 * several years up to last year — on the path, 10 % short of it, or half-way (on track, at risk, off
 * track) — or none; then the projection each target keeps for the list's filter.
 */
async function insertTargets(bench: Bench) {
  const { db } = bench.database;
  const userId = bench.officerId as string;
  const planIds = uuidArray(bench.plans.map((p) => p.planId));
  const nodeIds = uuidArray(bench.plans.map((p) => p.nodeId));
  const ids = uuidArray(bench.agencyIds);
  const n = bench.plans.length;
  await db.execute(sql`
    with g as (
      select i, h,
        case when i % 10 < 5 then 'number' when i % 10 < 8 then 'percentage' else 'milestone' end as kind,
        i % 7 = 3 as falling
      from (select i, (i::bigint * 2654435761) % 4294967291 as h
            from generate_series(0, ${TARGETS - 1}::int) i) x
    ), d as (
      select g.*,
        case kind when 'number' then (100 + h % 900)::numeric when 'percentage' then (20 + h % 50)::numeric end as base,
        case kind
          when 'number' then (100 + h % 900) * case when falling then -(0.3 + ((h / 7) % 30) / 100.0) else 0.3 + ((h / 7) % 70) / 100.0 end
          when 'percentage' then case when falling then -(5 + (h / 7) % 10) else least(30, 5 + (h / 7) % 20) end
        end as delta
      from g
    )
    insert into targets (tenant_id, plan_id, node_id, position, indicator, unit, baseline_value,
      baseline_year, target_value, target_year, kind, comparator, responsible_agency_id, sector)
    select ${bench.tenantId}::uuid, (${planIds})[1 + i % ${n}::int], (${nodeIds})[1 + i % ${n}::int],
      i / ${n}::int,
      'Chỉ tiêu thử tải số ' || (i + 1) || ': ' || case kind
        when 'number' then (array['Giá trị sản xuất công nghiệp', 'Chiều dài đường giao thông nông thôn được cứng hóa', 'Diện tích trồng rừng mới', 'Số lao động được đào tạo nghề'])[1 + i % 4]
        when 'percentage' then (array['Tỷ lệ hộ nghèo', 'Tỷ lệ xã đạt chuẩn nông thôn mới', 'Tỷ lệ che phủ rừng', 'Tỷ lệ hồ sơ giải quyết trực tuyến'])[1 + i % 4]
        else 'Hoàn thành đưa vào sử dụng công trình trọng điểm' end,
      case kind when 'number' then (array['tỷ đồng', 'km', 'ha', 'người'])[1 + i % 4] when 'percentage' then '%' end,
      case when base is not null and i % 12 <> 0 then base end,
      case when base is not null and i % 12 <> 0 then 2020 end,
      round(base + delta, 6), case when kind = 'milestone' then 2024 + i % 6 else 2030 end,
      kind, case when falling and kind <> 'milestone' then 'at_most' else 'at_least' end,
      case when i % 5 <> 4 then (${ids})[1 + (i * 13) % ${bench.agencyIds.length}::int] end,
      (array['Kinh tế', 'Xã hội', 'Môi trường', 'Hạ tầng'])[1 + (h / 3) % 4]
    from d`);
  // Quantities: 2025 half-way, 2030 the value asked; a yes/no milestone: its year.
  await db.execute(sql`
    insert into target_milestones (target_id, year, value)
    select id, 2025, round(baseline_value + (target_value - baseline_value) / 2, 6) from targets
    where tenant_id = ${bench.tenantId}::uuid and kind <> 'milestone' and baseline_value is not null
    union all
    select id, target_year, case when kind <> 'milestone' then target_value end from targets
    where tenant_id = ${bench.tenantId}::uuid`);
  await db.execute(sql`
    insert into target_actuals (tenant_id, target_id, agency_id, year, period, period_end, value,
      achieved, note, status, reported_by, reported_at, reviewed_by, reviewed_at)
    select t.tenant_id, t.id, t.responsible_agency_id, y, y::text, make_date(y, 12, 31),
      case when t.kind <> 'milestone' then round(t.baseline_value + (t.target_value - t.baseline_value) * (y - 2020) / 10.0
        * case when t.k % 10 < 5 then 1.05 when t.k % 10 < 7 then 0.9 else 0.5 end, 6) end,
      case when t.kind = 'milestone' then t.k % 3 = 0 and y = least(t.target_year, ${YEAR - 1}::int) end,
      'Số liệu thử tải năm ' || y, 'approved', ${userId}, make_date(y + 1, 1, 15), ${userId},
      make_date(y + 1, 1, 20)
    from (select *, abs(hashtext(id::text)) as k from targets where tenant_id = ${bench.tenantId}::uuid) t
    cross join generate_series(2021, ${YEAR - 1}::int) y
    where t.k % 15 <> 0 and y >= 2021 + t.k % 3
      and (t.kind <> 'milestone' and t.baseline_value is not null or t.kind = 'milestone' and y <= t.target_year)`);
  const made = await rowsOf<{ id: string }>(
    db.execute(sql`select id from targets where tenant_id = ${bench.tenantId}::uuid`),
  );
  for (let i = 0; i < made.length; i += 200) {
    const batch = made.slice(i, i + 200).map((r) => r.id);
    await db.transaction((tx) => refreshProjections(tx, batch));
  }
}

async function makeGoals(bench: Bench, ownerAgencyId: string): Promise<Goals> {
  const { db } = bench.database;
  const started = performance.now();
  const { detailProjectId, owned } = await insertProjects(bench, ownerAgencyId);
  const projected = performance.now();
  await insertTargets(bench);
  // Feedback on every sixth target and project: one published with an answer (the public view
  // shows it), one waiting for moderation (it does not).
  await db.execute(sql`insert into feedback (tenant_id, target_id, project_id, sender_name, body, status, answer, moderated_at, sender_key)
    select ${bench.tenantId}::uuid, item.target_id, item.project_id, 'Người dân thử tải', 'Góp ý thử tải', f,
      case when f = 'published' then 'Trả lời thử tải' end, case when f = 'published' then now() end, 'bench'
    from (select id as target_id, null::uuid as project_id, position from targets
          union all select null, id, position from projects) item,
      (values ('published'), ('pending')) v(f)
    where item.position % 6 = 0`);
  await db.execute(sql`vacuum analyze projects, project_capital_plans, project_disbursements,
    project_updates, project_milestones, targets, target_milestones, target_actuals, feedback`);
  const [shape] = await rowsOf<Record<string, number>>(
    db.execute(sql`
      select (select count(*)::int from projects) as projects,
        (select count(*)::int from project_capital_plans) as capital,
        (select count(*)::int from project_disbursements) as disbursements,
        (select count(*)::int from project_updates) as updates,
        (select count(*)::int from project_milestones) as milestones,
        (select count(*)::int from project_milestones where actual_on > planned_on) as late,
        (select count(*)::int from targets) as targets,
        (select count(*)::int from target_milestones) as target_milestones,
        (select count(*)::int from target_actuals) as actuals`),
  );
  const states = await rowsOf<{ state: string; n: number }>(
    db.execute(sql`select ${projectionSql(YEAR)} as state, count(*)::int as n from targets
      group by 1 order by 2 desc`),
  );
  log(
    `${bench.database.engine}: ${shape?.projects} projects (${shape?.capital} capital plan lines, ${shape?.disbursements} monthly disbursements, ${shape?.updates} approved updates, ${shape?.milestones} milestones of which ${shape?.late} reached late) in ${((projected - started) / 1000).toFixed(1)} s; ${shape?.targets} targets (${shape?.target_milestones} milestones, ${shape?.actuals} approved actuals; ${states.map((s) => `${s.state} ${s.n}`).join(', ')}) in ${seconds(projected)}`,
  );
  return {
    projects: shape?.projects ?? 0,
    targets: shape?.targets ?? 0,
    detailProjectId,
    ownerAgencyId,
    owned,
  };
}

// ---------------------------------------------------------------------------------------------
// Load.

/** Who calls an endpoint: an officer of the bench agency, the consolidator, or nobody signed in. */
type Who = 'officer' | 'consolidator' | 'anonymous';

/** What an endpoint's path may need: the officer's agency, a bench plan, the targets and projects. */
type EndpointContext = { officerAgency: string; planId: string; goals: Goals | null };

type EndpointSpec = {
  /** Short name for `--only` (agency-open, overdue, …). */
  name: string;
  /** What the table prints. */
  title: string;
  /** tasks: the live-work reads; goals: targets and key projects (skipped with --skip-goals). */
  group: 'tasks' | 'goals' | 'other';
  who: Who;
  path: (c: EndpointContext) => string;
};

/**
 * The endpoints measured, in order. A new one is one line here (name, title, group, who, path).
 * The public plan is the first bench plan (a thousand tasks, its share of the targets and projects,
 * published feedback): a plan the public view shows (public-view/rule.ts: not being stored).
 */
// biome-ignore format: one line per endpoint
const ENDPOINTS: EndpointSpec[] = [
  {
    name: 'agency-open',
    title: 'agency open tasks by deadline (50)',
    group: 'tasks',
    who: 'officer',
    path: (c) => `/api/tasks?agencyId=${c.officerAgency}&open=true&sort=due&limit=50`,
  },
  {
    name: 'agency-open-20',
    title: 'agency open tasks by deadline (20)',
    group: 'tasks',
    who: 'officer',
    path: (c) => `/api/tasks?agencyId=${c.officerAgency}&open=true&sort=due&limit=20`,
  },
  {
    name: 'overdue',
    title: 'overdue list',
    group: 'tasks',
    who: 'consolidator',
    path: () => '/api/tasks?state=overdue&sort=due&limit=20',
  },
  {
    name: 'urging',
    title: 'urging overview',
    group: 'tasks',
    who: 'consolidator',
    path: () => '/api/urging',
  },
  {
    name: 'counts',
    title: 'counts (province)',
    group: 'tasks',
    who: 'consolidator',
    path: () => '/api/tasks/counts',
  },
  {
    name: 'counts-agency',
    title: 'counts (one agency)',
    group: 'tasks',
    who: 'officer',
    path: (c) => `/api/tasks/counts?agencyId=${c.officerAgency}`,
  },
  {
    name: 'my-work',
    title: 'my work',
    group: 'tasks',
    who: 'officer',
    path: () => '/api/my-work',
  },
  {
    name: 'dashboard',
    title: 'dashboard (province)',
    group: 'tasks',
    who: 'consolidator',
    path: () => '/api/dashboard',
  },
  {
    name: 'dashboard-agency',
    title: 'dashboard (one agency)',
    group: 'tasks',
    who: 'consolidator',
    path: (c) => `/api/dashboard?agencyId=${c.officerAgency}`,
  },
  {
    name: 'projects',
    title: 'projects (consolidator)',
    group: 'goals',
    who: 'consolidator',
    path: () => '/api/projects?limit=50',
  },
  {
    name: 'projects-owner',
    title: 'projects of one owner',
    group: 'goals',
    who: 'officer',
    path: (c) => `/api/projects?ownerAgencyId=${c.goals?.ownerAgencyId}&limit=50`,
  },
  {
    name: 'project',
    title: 'project detail (5 years)',
    group: 'goals',
    who: 'officer',
    path: (c) => `/api/projects/${c.goals?.detailProjectId}`,
  },
  {
    name: 'targets',
    title: 'targets',
    group: 'goals',
    who: 'consolidator',
    path: () => '/api/targets?limit=50',
  },
  {
    name: 'targets-off-track',
    title: 'targets off track',
    group: 'goals',
    who: 'consolidator',
    path: () => '/api/targets?projection=off_track&limit=50',
  },
  { name: 'search', title: 'search', group: 'other', who: 'officer', path: () => '/api/search?q=dong%20dang' },
  { name: 'public-plan', title: 'public view of a plan', group: 'other', who: 'anonymous', path: (c) => `/api/public/plans/${c.planId}` },
  { name: 'map', title: 'map measures (overdue)', group: 'other', who: 'consolidator', path: () => '/api/map/measures?measure=overdue' },
];

type Result = {
  name: string;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  bytes: number;
  /** Server and database CPU per request (ms). */
  cpuMs: number;
  /** Of which the database backends' (PostgreSQL on this machine; 0 embedded, where it is the server's). */
  dbCpuMs: number;
  /** The server process's peak resident memory during the run (MB; embedded: the database in it). */
  peakRssMb: number;
};

// autocannon runs in a child process, so that the load generator shares neither the server's event
// loop nor its CPU account; it reports every response time, from which the percentiles are taken.
const LOADER = `
const autocannon = require('autocannon');
const options = JSON.parse(process.argv[1]);
const times = [];
let bytes = 0;
const instance = autocannon(
  { url: options.url, connections: options.connections, duration: options.seconds,
    headers: options.cookie ? { cookie: options.cookie } : {}, timeout: 30 },
  (error, result) => process.stdout.write(JSON.stringify({
    error: error ? String(error) : null, times, bytes,
    non2xx: result ? result.non2xx : 0, errors: result ? result.errors : 0,
    timeouts: result ? result.timeouts : 0, duration: result ? result.duration : 0,
  })),
);
instance.on('response', (_client, status, size, time) => {
  if (status >= 200 && status < 300) { times.push(time); bytes = size; }
});
`;

type Load = {
  error: string | null;
  times: number[];
  bytes: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  duration: number;
};

function load(url: string, cookie: string, duration: number): Promise<Load> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['-e', LOADER, JSON.stringify({ url, cookie, connections: CONNECTIONS, seconds: duration })],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.once('error', reject);
    child.once('exit', () => {
      try {
        resolve(JSON.parse(out) as Load);
      } catch (e) {
        reject(e);
      }
    });
  });
}

const TICK_MS = 1000 / 100; // ms per clock tick (USER_HZ)

/** User + system CPU (ms) of a process on this machine, from /proc; 0 when it cannot be read. */
function processCpuMs(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return 0;
  }
}

/** Resident memory (MB) of a process, from /proc/<pid>/status (VmRSS). */
function rssMb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

/**
 * CPU time (ms) of the server process and, on PostgreSQL, of the database's backends: read before
 * and after a run, it gives the CPU one request costs, whatever else the machine is doing.
 */
async function cpuNow(
  bench: Bench,
  serverPid: number,
): Promise<{ total: number; database: number }> {
  let backends = 0;
  if (bench.database.engine === 'postgres') {
    const pids = (
      (await bench.database.db.execute(
        sql`select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`,
      )) as unknown as { rows: { pid: number }[] }
    ).rows;
    // not on this machine (a remote server): the server process alone is counted
    for (const { pid } of pids) backends += processCpuMs(pid);
  }
  return { total: processCpuMs(serverPid) + backends, database: backends };
}

const percentile = (sorted: readonly number[], p: number) =>
  sorted.length === 0
    ? Number.NaN
    : (sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number);

async function measure(
  bench: Bench,
  server: ServerProcess,
  name: string,
  url: string,
  cookie: string,
): Promise<Result> {
  await load(url, cookie, 2); // warm-up, not counted
  let peakRssMb = rssMb(server.pid);
  const sampling = setInterval(() => {
    peakRssMb = Math.max(peakRssMb, rssMb(server.pid));
  }, 100);
  const before = await cpuNow(bench, server.pid);
  const r = await load(url, cookie, SECONDS);
  const after = await cpuNow(bench, server.pid);
  clearInterval(sampling);
  peakRssMb = Math.max(peakRssMb, rssMb(server.pid));
  if (r.error) throw new Error(`${name}: ${r.error}`);
  const sorted = [...r.times].sort((a, b) => a - b);
  return {
    name,
    rps: sorted.length / (r.duration || SECONDS),
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    errors: r.non2xx + r.errors + r.timeouts,
    bytes: r.bytes,
    cpuMs: sorted.length ? (after.total - before.total) / sorted.length : Number.NaN,
    dbCpuMs: sorted.length ? (after.database - before.database) / sorted.length : Number.NaN,
    peakRssMb,
  };
}

async function signIn(url: string, username: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`sign-in ${username}: ${res.status} ${await res.text()}`);
  const cookie = /tiendo_session=[^;]+/.exec(res.headers.get('set-cookie') ?? '')?.[0];
  if (!cookie) throw new Error('no session cookie');
  return cookie;
}

/** The endpoints this run measures: --only, --skip-tasks-endpoints, --skip-goals. */
function chosenEndpoints(goals: Goals | null): EndpointSpec[] {
  const only = args.only
    ?.split(',')
    .map((n) => n.trim())
    .filter(Boolean);
  if (only) {
    const unknown = only.filter((n) => !ENDPOINTS.some((e) => e.name === n));
    if (unknown.length)
      throw new Error(
        `unknown endpoint(s) ${unknown.join(', ')}; known: ${ENDPOINTS.map((e) => e.name).join(', ')}`,
      );
  }
  return ENDPOINTS.filter(
    (e) =>
      (!only || only.includes(e.name)) &&
      !(e.group === 'tasks' && args['skip-tasks-endpoints']) &&
      !(e.group === 'goals' && !goals),
  );
}

/**
 * The server as `npm start` runs it (a process of its own: its memory and CPU are its own), on the
 * bench's database, with the listener for data changes, so counts and overviews come from the read
 * cache; then each endpoint in turn.
 */
let serverBundled = false;

async function runEndpoints(bench: Bench, officerAgency: string, size: number) {
  const endpoints = chosenEndpoints(bench.goals);
  if (endpoints.length === 0) return [];
  // The embedded database has one process: the bench lets go of it while the server runs.
  if (bench.database.engine === 'pglite') await bench.database.close();
  if (args.profile) mkdirSync(args.profile, { recursive: true });
  // As `npm start` runs it: the bundled server (built once per bench run), not tsx's loader.
  if (!serverBundled) {
    execFileSync(process.execPath, ['scripts/build-cli.mjs'], { stdio: 'inherit' });
    serverBundled = true;
  }
  const server = await startServer(
    bench.server,
    args.profile ? ['--cpu-prof', `--cpu-prof-dir=${args.profile}`] : [],
    { asNpmStart: true },
  );
  try {
    const base = server.url;
    const cookies: Record<Who, string> = {
      officer: await signIn(base, 'bench.canbo'),
      consolidator: await signIn(base, 'bench.tonghop'),
      anonymous: '',
    };
    const context: EndpointContext = {
      officerAgency,
      planId: bench.plans[0]?.planId as string,
      goals: bench.goals,
    };
    log(
      `${bench.database.engine}: server pid ${server.pid}, RSS ${rssMb(server.pid).toFixed(0)} MB after start`,
    );
    const results: (Result & { group: EndpointSpec['group'] })[] = [];
    for (const e of endpoints) {
      const title = e.name === 'projects-owner' ? `${e.title} (${bench.goals?.owned})` : e.title;
      const result = {
        ...(await measure(bench, server, title, `${base}${e.path(context)}`, cookies[e.who])),
        group: e.group,
      };
      results.push(result);
      log(
        `${bench.database.engine} ${size.toLocaleString('en')}: ${title}: ${result.rps.toFixed(0)} req/s, p95 ${result.p95.toFixed(1)} ms, CPU ${(result.cpuMs - result.dbCpuMs).toFixed(2)} ms/req in the server and ${result.dbCpuMs.toFixed(2)} in the database, server peak RSS ${result.peakRssMb.toFixed(0)} MB`,
      );
    }
    return results;
  } finally {
    await server.stop();
    if (args.profile) log(`CPU profile of the server written to ${args.profile}`);
    if (bench.database.engine === 'pglite') bench.database = bench.reopen();
  }
}

function table(rows: { engine: string; size: number; result: Result }[]) {
  const head = [
    'engine',
    'tasks',
    'endpoint',
    'req/s',
    'p50 ms',
    'p95 ms',
    'p99 ms',
    'errors',
    'KB',
    'CPU ms/req',
    'RSS MB',
  ];
  const body = rows.map(({ engine, size, result: r }) => [
    engine,
    size.toLocaleString('en'),
    r.name,
    r.rps.toFixed(0),
    r.p50.toFixed(1),
    r.p95.toFixed(1),
    r.p99.toFixed(1),
    String(r.errors),
    (r.bytes / 1024).toFixed(1),
    r.cpuMs.toFixed(2),
    r.peakRssMb.toFixed(0),
  ]);
  const widths = head.map((h, i) =>
    Math.max(h.length, ...body.map((b) => (b[i] as string).length)),
  );
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => (i >= 3 ? c.padStart(widths[i] as number) : c.padEnd(widths[i] as number))).join(' | ')} |`;
  console.log(line(head));
  console.log(
    `|${widths.map((w, i) => (i >= 3 ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`,
  );
  for (const b of body) console.log(line(b));
}

async function main() {
  log(
    `${CONNECTIONS} connections, ${SECONDS} s per endpoint (after 2 s of warm-up); today ${TODAY}; node ${process.version}; ${cpus().length} CPUs, load average ${loadavg()[0]?.toFixed(1)}`,
  );
  const rows: { engine: string; size: number; result: Result & { group: string } }[] = [];
  for (const engine of ENGINES) {
    const started = performance.now();
    const bench = await openBench(engine);
    try {
      const officerAgency = bench.agencyIds[7] as string;
      const actor = { id: 'bench', tenantId: bench.tenantId };
      const [consolidatorAgency] = (
        await bench.database.db
          .select({ id: agencies.id })
          .from(agencies)
          .where(and(eq(agencies.tenantId, bench.tenantId), eq(agencies.code, 'STC')))
      ).map((r) => r.id);
      const officer = await createUser(bench.database.db, actor, bench.tenantId, {
        username: 'bench.canbo',
        displayName: 'Cán bộ thử tải',
        role: 'agency_officer',
        agencyId: officerAgency,
        password: PASSWORD,
      });
      await createUser(bench.database.db, actor, bench.tenantId, {
        username: 'bench.tonghop',
        displayName: 'Tổng hợp thử tải',
        role: 'consolidator',
        agencyId: consolidatorAgency ?? officerAgency,
        password: PASSWORD,
      });
      bench.officerId = officer.id;
      for (const size of SIZES) {
        await growTo(bench, size);
        if (!bench.goals && !args['skip-goals'])
          bench.goals = await makeGoals(bench, officerAgency);
        for (const result of await runEndpoints(bench, officerAgency, size))
          rows.push({ engine, size, result });
      }
    } finally {
      await bench.database.close();
      await bench.drop();
      log(`${engine}: done in ${seconds(started)}`);
    }
  }
  for (const group of ['tasks', 'goals', 'other']) {
    const of = rows.filter((r) => r.result.group === group);
    if (of.length === 0) continue;
    console.log();
    if (group === 'goals')
      console.log(
        `Targets and key projects (${PROJECTS} projects with ${YEAR - 4}–${YEAR} of capital and disbursement, ${TARGETS} targets), beside the tasks:`,
      );
    table(of);
  }
  log(
    `load average at the end ${loadavg()[0]?.toFixed(1)} (other work on the machine inflates latency, not CPU ms/req)`,
  );
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
