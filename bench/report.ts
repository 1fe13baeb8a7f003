// `npm run bench:report`: the consolidated report at province scale (issue #10). In a temporary
// PostgreSQL database (on the server of DATABASE_URL, default postgres://postgres@127.0.0.1:5432,
// dropped afterwards) it generates a province: 120 agencies × 50 tasks of one plan (6,000 tasks in
// 12 sections, one-off deadlines from 2024 to 2027, a lead each, coordinators for 40 %), a year of
// approved progress reports (one a quarter for most tasks), 300 targets with their stored
// projection, 60 key projects with the year's capital plan by source, monthly disbursements and
// milestones, the annual period with every agency expected and 100 agencies' reports with their
// difficulties and proposals, and adjustments proposed and decided. It then times producing the
// report (.docx), its appendix (.docx) and the task list (.xlsx), prints the figures, and checks
// them against counts written directly in SQL: it exits 1 if any differs or the report .docx and
// the .xlsx together take more than the goal (2 s; the appendix .docx is printed beside).
//
//   npm run bench:report
//   DATABASE_URL=postgres://user@host:5432/postgres npm run bench:report -- --keep
import { parseArgs } from 'node:util';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import pg from 'pg';
import { openPostgres } from '../src/db/client.js';
import {
  agencies,
  legalDocuments,
  planNodes,
  plans,
  reportingPeriods,
  users,
} from '../src/db/schema.js';
import { formatNumberVi } from '../src/domain/official-document/format.js';
import {
  appendixRows,
  buildAppendixFile,
  buildAppendixWorkbook,
  buildReportDocx,
  findPeriod,
} from '../src/features/consolidated-report/service.js';
import { loadReferenceData } from '../src/features/reference-data/service.js';

const { values: args } = parseArgs({
  options: {
    keep: { type: 'boolean', default: false },
    /** The goal, in milliseconds, for the report .docx and the task list .xlsx together. */
    goal: { type: 'string', default: '2000' },
    runs: { type: 'string', default: '3' },
  },
});
const ADMIN_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const AGENCIES = 120;
const TASKS_PER_AGENCY = 50;
const SECTIONS = 12;
const PROJECTS = 60;
const TARGETS = 300;
const YEAR = 2026;
const WINDOW = { from: `${YEAR - 1}-12-15`, to: `${YEAR}-12-14` };
const ASOF = WINDOW.to;

const log = (message: string) => console.log(`[bench:report] ${message}`);
type Rows<T> = { rows: T[] };

async function main() {
  const name = `tiendo_report_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const database = openPostgres(url.toString());
  let failed = false;
  try {
    await database.migrate();
    const { db } = database;
    const { tenantId } = await loadReferenceData(db, { actor: { id: 'bench' } });
    const started = performance.now();

    // Agencies: the registry's in force, then generated ones up to 120.
    const current = () =>
      db
        .select({ id: agencies.id })
        .from(agencies)
        .where(and(eq(agencies.tenantId, tenantId), isNull(agencies.inForceTo)))
        .orderBy(asc(agencies.code))
        .limit(AGENCIES);
    let agencyRows = await current();
    if (agencyRows.length < AGENCIES) {
      await db.insert(agencies).values(
        Array.from({ length: AGENCIES - agencyRows.length }, (_, i) => ({
          tenantId,
          code: `BENCH-${i + 1}`,
          name: `Cơ quan thử tải ${i + 1}`,
          kind: 'department',
          searchText: `co quan thu tai ${i + 1}`,
        })),
      );
      agencyRows = await current();
    }
    const ids = sql`${`{${agencyRows.map((a) => a.id).join(',')}}`}::uuid[]`;
    const n = agencyRows.length;
    const [user] = await db
      .insert(users)
      .values({
        tenantId,
        username: 'bench',
        displayName: 'Bench',
        role: 'consolidator',
        agencyId: agencyRows[0]?.id as string,
        passwordHash: 'x',
      })
      .returning({ id: users.id });
    const userId = user?.id as string;

    const [doc] = await db
      .insert(legalDocuments)
      .values({
        tenantId,
        docType: 'KH',
        numberAsWritten: '125/KH-UBND',
        numberCanonical: '125/KH-UBND',
        numberKey: 'bench-125',
        issuer: 'UBND tỉnh',
        issuedOn: '2024-09-10',
        title:
          'KẾ HOẠCH TRIỂN KHAI THỰC HIỆN QUYẾT ĐỊNH SỐ 693/QĐ-TTG NGÀY 17/7/2024 CỦA THỦ TƯỚNG CHÍNH PHỦ',
        searchText: 'ke hoach 125',
      })
      .returning({ id: legalDocuments.id });
    const [plan] = await db
      .insert(plans)
      .values({ tenantId, documentId: doc?.id as string })
      .returning({ id: plans.id });
    const planId = plan?.id as string;
    const nodes = await db
      .insert(planNodes)
      .values(
        Array.from({ length: SECTIONS }, (_, i) => ({
          tenantId,
          planId,
          kind: 'section',
          label: `${i + 1}.`,
          title: `Lĩnh vực thử tải ${i + 1}`,
          sector: `Lĩnh vực ${i + 1}`,
          position: i,
        })),
      )
      .returning({ id: planNodes.id });
    const nodeIds = sql`${`{${nodes.map((x) => x.id).join(',')}}`}::uuid[]`;
    const total = n * TASKS_PER_AGENCY;

    // Tasks: one-off deadlines from 2024 to 2027, most past ones done (some late), some started.
    await db.execute(sql`
      with g as (select i, (i::bigint * 2654435761) % 4294967291 as h from generate_series(0, ${total - 1}::int) i),
      d as (select i, h, h % 100 as c, '2024-01-01'::date + ((h / 100) % 1460)::int as due from g),
      f as (select d.*,
        case when due < ${ASOF}::date and c < 70 then least(${ASOF}::date, case when c < 50 then due - (c % 30)::int else due + (c % 60)::int + 1 end)
             when c > 95 then ${ASOF}::date - (c::int % 20) end as completed
        from d)
      insert into tasks (tenant_id, plan_id, node_id, position, code, title, sector, lead_agency_id, current_lead_agency_id,
        deadline, deadline_kind, due_on, completed_on, progress_percent, search_text)
      select ${tenantId}::uuid, ${planId}::uuid, (${nodeIds})[1 + i % ${SECTIONS}::int], i, (i + 1)::text,
        'Nhiệm vụ thử tải số ' || i || ': đầu tư hạ tầng giao thông, đô thị và chuyển đổi số',
        'Lĩnh vực ' || (1 + i % ${SECTIONS}::int),
        (${ids})[1 + i % ${n}::int], (${ids})[1 + i % ${n}::int],
        jsonb_build_object('kind', 'date', 'date', due::text), 'date', due, completed,
        case when completed is not null then 100 end, 'nhiem vu thu tai so ' || i
      from f`);
    await db.execute(sql`
      insert into task_assignments (tenant_id, task_id, agency_id, role, started_on, reason, created_by)
      select tenant_id, id, current_lead_agency_id, 'lead', '2024-09-10', 'plan', 'bench' from tasks where plan_id = ${planId}`);
    await db.execute(sql`
      insert into task_assignments (tenant_id, task_id, agency_id, role, started_on, reason, created_by)
      select t.tenant_id, t.id, (${ids})[1 + (t.position * 7 + 3) % ${n}::int], 'coordinator', '2024-09-10', 'plan', 'bench'
      from tasks t where t.plan_id = ${planId} and t.position % 5 < 2
        and (${ids})[1 + (t.position * 7 + 3) % ${n}::int] <> t.current_lead_agency_id`);
    // A year of reports: one a quarter for 80 % of tasks.
    await db.execute(sql`
      insert into progress_updates (tenant_id, task_id, agency_id, kind, reported_on, percent, narrative, status, created_by, reviewed_by, reviewed_at)
      select t.tenant_id, t.id, t.current_lead_agency_id, 'progress', ${WINDOW.from}::date + q * 91 + (t.position % 30),
        least(100, 20 * (q + 1) + t.position % 10), 'Quý ' || (q + 1) || ': đã triển khai, đang hoàn thiện hồ sơ nhiệm vụ ' || t.position,
        'approved', ${userId}::uuid, ${userId}::uuid, now()
      from tasks t cross join generate_series(0, 3) q where t.plan_id = ${planId} and t.position % 5 <> 4`);
    await db.execute(sql`
      update tasks t set last_reported_on = p.last, progress_percent = coalesce(t.progress_percent, least(p.percent, 99))
      from (select task_id, max(reported_on) as last, max(percent) as percent from progress_updates group by task_id) p
      where p.task_id = t.id`);

    // Targets with their stored projection; key projects with capital, disbursements, milestones.
    await db.execute(sql`
      insert into targets (tenant_id, plan_id, node_id, position, indicator, kind, responsible_agency_id, projection_state)
      select ${tenantId}::uuid, ${planId}::uuid, (${nodeIds})[1 + i % ${SECTIONS}::int], i, 'Chỉ tiêu thử tải ' || i, 'number',
        (${ids})[1 + i % ${n}::int], (array['on_track','at_risk','off_track','no_data','done'])[1 + i % 5]
      from generate_series(0, ${TARGETS - 1}::int) i`);
    await db.execute(sql`
      insert into projects (tenant_id, plan_id, node_id, position, name, owner_agency_id)
      select ${tenantId}::uuid, ${planId}::uuid, (${nodeIds})[1 + i % ${SECTIONS}::int], i, 'Dự án thử tải ' || i, (${ids})[1 + i % ${n}::int]
      from generate_series(0, ${PROJECTS - 1}::int) i`);
    await db.execute(sql`
      insert into project_capital_plans (tenant_id, project_id, year, source, amount, updated_by)
      select p.tenant_id, p.id, ${YEAR}, s, (100 + p.position * 3.125)::numeric(20, 3), ${userId}::uuid
      from projects p cross join unnest(array['central', 'local']) s where p.plan_id = ${planId}`);
    await db.execute(sql`
      insert into project_disbursements (tenant_id, project_id, year, month, amount, recorded_by)
      select p.tenant_id, p.id, ${YEAR}, m, (5 + (p.position + m) % 17 * 1.5)::numeric(20, 3), ${userId}::uuid
      from projects p cross join generate_series(1, 12) m where p.plan_id = ${planId}`);
    await db.execute(sql`
      insert into project_milestones (project_id, kind, planned_on, actual_on)
      select p.id, k, ${`${YEAR}-01-01`}::date + (p.position * 11 + length(k) * 17) % 360,
        case when p.position % 3 <> 0 then ${`${YEAR}-01-01`}::date + (p.position * 11 + length(k) * 17) % 360 + (p.position % 20) end
      from projects p cross join unnest(array['approval', 'groundbreaking', 'completion']) k where p.plan_id = ${planId}`);

    // The annual period, every agency expected, 100 reports (90 in, 10 drafts), adjustments.
    const [period] = await db
      .insert(reportingPeriods)
      .values({
        tenantId,
        planId,
        kind: 'annual',
        label: `Năm ${YEAR}`,
        windowFrom: WINDOW.from,
        windowTo: WINDOW.to,
        submissionDueOn: `${YEAR}-12-31`,
        openedAt: new Date(`${WINDOW.from}T00:00:00Z`),
      })
      .returning({ id: reportingPeriods.id });
    const periodId = period?.id as string;
    await db.execute(sql`
      insert into reporting_period_agencies (period_id, agency_id, tenant_id, source)
      select ${periodId}::uuid, a, ${tenantId}::uuid, 'derived' from unnest(${ids}) a`);
    await db.execute(sql`
      insert into agency_reports (tenant_id, period_id, agency_id, state, results, difficulties, proposals)
      select ${tenantId}::uuid, ${periodId}::uuid, a, case when o % 10 = 0 then 'draft' when o % 3 = 0 then 'submitted' else 'accepted' end,
        'Kết quả', 'Khó khăn của cơ quan ' || o || ': thiếu vốn, vướng GPMB.', 'Đề xuất của cơ quan ' || o || ': bổ sung vốn.'
      from unnest(${ids}) with ordinality u(a, o) where o <= 100`);
    await db.execute(sql`
      insert into adjustment_proposals (tenant_id, plan_id, agency_id, kind, task_id, change, reason, state, decided_at, created_by, created_at)
      select t.tenant_id, t.plan_id, t.current_lead_agency_id, 'deadline', t.id, '{}'::jsonb, 'Chờ vốn',
        (array['accepted','rejected','submitted','proposed'])[1 + t.position % 4],
        case when t.position % 4 < 2 then ${`${YEAR}-10-01T03:00:00Z`}::timestamptz end, ${userId}::uuid, ${`${YEAR}-06-01T03:00:00Z`}::timestamptz
      from tasks t where t.plan_id = ${planId} and t.position % 150 = 0`);
    await db.execute(sql`vacuum analyze`);
    log(
      `generated ${total.toLocaleString('en')} tasks and the rest in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );

    const found = await findPeriod(db, tenantId, periodId);
    if (!found) throw new Error('no period');
    const goal = Number(args.goal);
    const times: number[] = [];
    const appendixTimes: number[] = [];
    let figures: Awaited<ReturnType<typeof buildReportDocx>>['figures'] | null = null;
    let sizes = { report: 0, appendix: 0, xlsx: 0, rows: 0, xlsxRows: 0 };
    for (let run = 0; run < Number(args.runs); run++) {
      const t0 = performance.now();
      const report = await buildReportDocx(db, found, ASOF);
      const t1 = performance.now();
      const appendix = await buildAppendixFile(db, found, ASOF);
      const t2 = performance.now();
      const xlsx = await buildAppendixWorkbook(db, found, ASOF);
      const t3 = performance.now();
      // The rows alone (both appendix files read them): what is left is building the file.
      for await (const _page of appendixRows(db, found, ASOF));
      const t4 = performance.now();
      // The goal (issue #10) is the report .docx and the task list .xlsx; the appendix .docx is timed
      // and printed beside it.
      times.push(t1 - t0 + (t3 - t2));
      appendixTimes.push(t2 - t1);
      log(
        `run ${run + 1}: report ${(t1 - t0).toFixed(0)} ms, appendix .docx ${(t2 - t1).toFixed(0)} ms, .xlsx ${(t3 - t2).toFixed(0)} ms — ${(t3 - t0).toFixed(0)} ms in all (reading the rows alone: ${(t4 - t3).toFixed(0)} ms)`,
      );
      figures = report.figures;
      sizes = {
        report: report.bytes.length,
        appendix: appendix.bytes.length,
        xlsx: xlsx.bytes.length,
        rows: appendix.count,
        xlsxRows: xlsx.count,
      };
    }
    if (!figures) throw new Error('no run');
    const f = figures;
    const s = f.tasks.states;
    log(
      `files: report ${(sizes.report / 1024).toFixed(0)} KiB, appendix ${(sizes.appendix / 1024).toFixed(0)} KiB (${sizes.rows} tasks), xlsx ${(sizes.xlsx / 1024).toFixed(0)} KiB (${sizes.xlsxRows} tasks)`,
    );
    log(
      `tasks ${formatNumberVi(f.tasks.total)}: done on time ${s.done_on_time}, late ${s.done_late}, in progress ${s.in_progress}, overdue ${s.overdue}, not started ${s.not_started}; completion ${f.tasks.completionRate === null ? '-' : formatNumberVi(f.tasks.completionRate * 100, 1)} %`,
    );
    log(
      `targets ${f.targets.total}: on track ${f.targets.onTrack}, at risk ${f.targets.atRisk}, off track ${f.targets.offTrack}, no data ${f.targets.noData}`,
    );
    log(
      `projects ${f.projects.count}: plan ${f.projects.capitalPlan}, disbursed ${f.projects.disbursed} (${f.projects.disbursedPercent} %), milestones ${f.projects.milestonesReached}/${f.projects.milestonesPlanned} reached, ${f.projects.milestonesLate} late`,
    );
    log(
      `agencies ${f.byAgency.length}, sectors ${f.bySector.length}, reports ${f.agencyReports.received}/${f.agencyReports.expected}, difficulties ${f.difficulties.length}, adjustments ${f.adjustments.length}`,
    );

    // The same figures, counted directly.
    const [d] = (
      (await db.execute(sql`select count(*)::int as total,
        count(*) filter (where completed_on is not null and completed_on <= effective_due_on)::int as done_on_time,
        count(*) filter (where completed_on > effective_due_on)::int as done_late,
        count(*) filter (where completed_on is null and effective_due_on < ${ASOF}::date)::int as overdue,
        count(*) filter (where completed_on is null and effective_due_on >= ${ASOF}::date and last_reported_on is not null)::int as in_progress,
        count(*) filter (where completed_on is null and effective_due_on >= ${ASOF}::date and last_reported_on is null)::int as not_started,
        count(distinct current_lead_agency_id)::int as agencies,
        (select count(*)::int from targets where plan_id = ${planId}) as targets,
        (select count(*)::int from targets where plan_id = ${planId} and projection_state in ('on_track', 'done')) as on_track,
        (select count(*)::int from targets where plan_id = ${planId} and projection_state = 'off_track') as off_track,
        (select sum(amount)::text from project_capital_plans where year = ${YEAR}) as capital,
        (select sum(amount)::text from project_disbursements where year = ${YEAR} and month <= ${Number(ASOF.slice(5, 7))}) as disbursed,
        (select count(*)::int from agency_reports where period_id = ${periodId} and state in ('submitted', 'accepted')) as received,
        (select count(*)::int from adjustment_proposals where plan_id = ${planId}) as adjustments
        from tasks where plan_id = ${planId}`)) as unknown as Rows<Record<string, number | string>>
    ).rows;
    const checks: [string, unknown, unknown][] = [
      ['tasks', f.tasks.total, d?.total],
      ['done on time', s.done_on_time, d?.done_on_time],
      ['done late', s.done_late, d?.done_late],
      ['overdue', s.overdue, d?.overdue],
      ['in progress', s.in_progress, d?.in_progress],
      ['not started', s.not_started, d?.not_started],
      ['agencies', f.byAgency.length, d?.agencies],
      ['agency rows add up', f.byAgency.reduce((x, a) => x + a.total, 0), d?.total],
      ['sector rows add up', f.bySector.reduce((x, a) => x + a.total, 0), d?.total],
      ['appendix rows', sizes.rows, d?.total],
      ['spreadsheet rows', sizes.xlsxRows, d?.total],
      ['targets', f.targets.total, d?.targets],
      ['targets on track', f.targets.onTrack, d?.on_track],
      ['targets off track', f.targets.offTrack, d?.off_track],
      ['capital plan', Number(f.projects.capitalPlan), Number(d?.capital)],
      ['disbursed', Number(f.projects.disbursed), Number(d?.disbursed)],
      ['reports received', f.agencyReports.received, d?.received],
      ['adjustments', f.adjustments.length, d?.adjustments],
    ];
    for (const [what, got, want] of checks) {
      if (got !== want) {
        failed = true;
        log(`MISMATCH ${what}: report ${String(got)}, direct SQL ${String(want)}`);
      }
    }
    if (!failed) log(`figures match direct SQL counts (${checks.length} checks)`);
    const best = Math.min(...times);
    const median = [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)] as number;
    const appendixMedian = [...appendixTimes].sort((a, b) => a - b)[
      Math.floor(appendixTimes.length / 2)
    ] as number;
    log(
      `report .docx + task list .xlsx: best ${best.toFixed(0)} ms, median ${median.toFixed(0)} ms (goal < ${goal} ms); the appendix .docx besides: median ${appendixMedian.toFixed(0)} ms`,
    );
    if (median >= goal) {
      failed = true;
      log('SLOWER than the goal');
    }
  } finally {
    await database.close();
    if (args.keep) log(`kept database ${name}`);
    else {
      const a = new pg.Client({ connectionString: ADMIN_URL });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    }
  }
  process.exit(failed ? 1 : 0);
}

await main();
