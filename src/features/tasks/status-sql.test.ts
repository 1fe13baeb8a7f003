// The status computed in SQL (status-sql.ts) is the domain's (status.ts → domain/task-status.ts),
// for random tasks of every deadline kind, with extensions, consolidator dates, completion and
// approved (and not approved) reports at random dates, judged on random days across year ends and
// 29 February: stored, then read back through every expression and predicate, on each engine.
import { and, eq, inArray, sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, engines, type TestDatabase } from '../../../test/support/database.js';
import { numberedPlan } from '../../../test/support/factories.js';
import { agencyIdByCode, createTestUser } from '../../../test/support/users.js';
import {
  planNodes,
  progressUpdates,
  taskAssignments,
  taskPeriodOutcomes,
  tasks,
} from '../../db/schema.js';
import { type Deadline, dueDate } from '../../domain/deadline.js';
import type { PeriodRecord } from '../../domain/reporting-period.js';
import { overdueAge, type TaskState } from '../../domain/task-status.js';
import { planFileSchema } from '../plans/plan-file.js';
import { createPlanFromFile } from '../plans/service.js';
import { planPeriodRecords, refreshRecurringOutcomes } from '../reporting-periods/outcomes.js';
import { countMatching, countTasks, listTasks, urgingCounts } from './queries.js';
import { isDueSoon, statusOf } from './status.js';
import { addDays, statusSql } from './status-sql.js';

const DAY = 86_400_000;
const dayIn = (fromIso: string, toIso: string) =>
  fc
    .integer({ min: 0, max: Math.round((Date.parse(toIso) - Date.parse(fromIso)) / DAY) })
    .map((n) => addDays(fromIso, n));
const anyDay = dayIn('2023-11-01', '2029-03-31');
/** Days people trip over: around the year's end (the period's window starts 15/12) and 29/2. */
const edgeDay = fc.oneof(
  fc
    .tuple(fc.integer({ min: 2024, max: 2028 }), fc.integer({ min: -20, max: 20 }))
    .map(([y, d]) => addDays(`${y}-12-31`, d)),
  fc
    .tuple(fc.integer({ min: 2024, max: 2028 }), fc.integer({ min: -3, max: 3 }))
    .map(([y, d]) => addDays(`${y}-02-28`, d)),
);
const someDay = fc.oneof(anyDay, edgeDay);
const year = fc.integer({ min: 2024, max: 2028 });

const deadline: fc.Arbitrary<Deadline> = fc.oneof(
  someDay.map((date) => ({ kind: 'date' as const, date })),
  fc
    .tuple(year, fc.integer({ min: 1, max: 4 }))
    .map(([y, quarter]) => ({ kind: 'quarter' as const, year: y, quarter })),
  fc
    .tuple(year, fc.integer({ min: 1, max: 12 }))
    .map(([y, month]) => ({ kind: 'month' as const, year: y, month })),
  year.map((y) => ({ kind: 'year' as const, year: y })),
  fc.tuple(someDay, someDay).map(([a, b]) => {
    const [from, to] = [a, b].sort() as [string, string];
    return { kind: 'range' as const, from, to };
  }),
  fc
    .tuple(fc.integer({ min: 1, max: 31 }), fc.integer({ min: 1, max: 12 }))
    .map(([day, month]) => ({ kind: 'annual' as const, day, month })),
  fc.constant({ kind: 'continuous' as const }),
  fc.constant({ kind: 'none' as const }),
);

/** Dates near the ones the rule turns on for `asOf`: the day itself, the age buckets, the window. */
function datesAround(asOf: string, soonDays: number) {
  const y = Number(asOf.slice(0, 4));
  const offsets = [-121, -120, -61, -60, -31, -30, -1, 0, 1, 30, soonDays, soonDays + 1];
  return fc.oneof(
    someDay,
    fc.constantFrom(...offsets).map((d) => addDays(asOf, d)),
    fc
      .tuple(
        fc.constantFrom(`${y - 1}-12-15`, `${y}-12-15`, `${y}-12-31`),
        fc.integer({ min: -1, max: 1 }),
      )
      .map(([d, n]) => addDays(d, n)),
  );
}

const reportsOn = (day: fc.Arbitrary<string>) =>
  fc.array(
    fc.record({
      reportedOn: day,
      status: fc.constantFrom('approved', 'approved', 'approved', 'pending', 'returned'),
      kind: fc.constantFrom('progress', 'progress', 'progress', 'contribution'),
    }),
    { maxLength: 4 },
  );

function deadlineAround(day: fc.Arbitrary<string>): fc.Arbitrary<Deadline> {
  return fc.oneof(
    deadline,
    day.map((date) => ({ kind: 'date' as const, date })),
    day.map((d) => ({
      kind: 'annual' as const,
      day: Number(d.slice(8, 10)),
      month: Number(d.slice(5, 7)),
    })),
  );
}

const taskFactsAround = (asOf: string, soonDays: number) => {
  const day = datesAround(asOf, soonDays);
  return fc.record({
    deadline: deadlineAround(day),
    assignedDueOn: fc.option(day, { nil: null }),
    extendedDueOn: fc.option(day, { nil: null }),
    completedOn: fc.option(day, { nil: null }),
    reports: reportsOn(day),
  });
};

/** A day asked, and tasks whose dates cluster around it. */
const scenario = fc.tuple(someDay, fc.integer({ min: 0, max: 60 })).chain(([asOf, soonDays]) =>
  fc.record({
    asOf: fc.constant(asOf),
    facts: fc.array(taskFactsAround(asOf, soonDays), { minLength: 1, maxLength: 12 }),
    soonDays: fc.constant(soonDays),
  }),
);

const STATES: readonly TaskState[] = [
  'done_on_time',
  'done_late',
  'in_progress',
  'overdue',
  'not_started',
];

describe.each(engines())('task status in SQL on %s', (engine) => {
  let database: TestDatabase;
  let planId: string;
  let nodeId: string;
  let agencyId: string;
  let userId: string;
  let position = 0;
  let periods: PeriodRecord[];

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    const plan = numberedPlan({ number: '77/KH-UBND' });
    const section = plan.sections[0];
    if (section) section.tasks = [];
    ({ planId } = await createPlanFromFile(
      database.db,
      { id: 'test', tenantId: database.tenantId },
      planFileSchema.parse(plan),
    ));
    const [node] = await database.db
      .select({ id: planNodes.id })
      .from(planNodes)
      .where(eq(planNodes.planId, planId));
    nodeId = node?.id as string;
    // The plan's own period records, as storing it made them (2026–2030 for a plan of 2026).
    periods = await planPeriodRecords(database.db, planId);
    expect(periods.map((p) => p.label)).toContain('Năm 2026');
    agencyId = await agencyIdByCode(database.db, database.tenantId, 'STC');
    userId = (
      await createTestUser(database.db, database.tenantId, 'reporter', 'agency_officer', 'STC')
    ).id;
  });
  afterAll(async () => {
    await database?.close();
  });

  it('matches the domain for every task, state, date and predicate (property)', async () => {
    const { db, tenantId } = database;
    await fc.assert(
      fc.asyncProperty(scenario, async ({ facts, asOf, soonDays }) => {
        // Each run in a plan of its own rows: clear the previous run's.
        await db.delete(taskPeriodOutcomes).where(eq(taskPeriodOutcomes.tenantId, tenantId));
        await db.delete(progressUpdates).where(eq(progressUpdates.tenantId, tenantId));
        await db
          .delete(taskAssignments)
          .where(
            inArray(
              taskAssignments.taskId,
              db.select({ id: tasks.id }).from(tasks).where(eq(tasks.planId, planId)),
            ),
          );
        await db.delete(tasks).where(eq(tasks.planId, planId));
        const rows = await db
          .insert(tasks)
          .values(
            facts.map((f) => ({
              tenantId,
              planId,
              nodeId,
              position: position++,
              title: 'Nhiệm vụ thử',
              deadline: f.deadline,
              deadlineKind: f.deadline.kind,
              dueOn: dueDate(f.deadline),
              assignedDueOn: f.assignedDueOn,
              extendedDueOn: f.extendedDueOn,
              completedOn: f.completedOn,
            })),
          )
          .returning({ id: tasks.id });
        const ids = rows.map((r) => r.id);
        const reports = facts.flatMap((f, i) =>
          f.reports.map((r) => ({
            tenantId,
            taskId: ids[i] as string,
            agencyId,
            kind: r.kind,
            reportedOn: r.reportedOn,
            narrative: 'x',
            status: r.status,
            createdBy: userId,
          })),
        );
        if (reports.length) await db.insert(progressUpdates).values(reports);
        // Every task led by one agency, for the urging counts.
        await db.insert(taskAssignments).values(
          ids.map((taskId) => ({
            tenantId,
            taskId,
            agencyId,
            role: 'lead',
            startedOn: '2024-01-01',
            reason: 'plan',
            createdBy: 'test',
          })),
        );
        // As service.ts#applyApproved keeps it: the latest approved progress report.
        await db
          .update(tasks)
          .set({
            lastReportedOn: sql`(select max(${progressUpdates.reportedOn}) from ${progressUpdates} where ${progressUpdates.taskId} = ${tasks.id} and ${progressUpdates.status} = 'approved' and ${progressUpdates.kind} = 'progress')`,
          })
          .where(inArray(tasks.id, ids));
        // As approving a report does: what recurring work did in the plan's period records.
        await refreshRecurringOutcomes(db, ids);

        const s = statusSql(asOf);
        const soonLast = addDays(asOf, soonDays);
        const byLast = addDays(asOf, soonDays - 30);
        const got = await db
          .select({
            id: tasks.id,
            state: s.state,
            dueOn: sql<string | null>`to_char(${s.dueOn}, 'YYYY-MM-DD')`,
            overdueDays: s.overdueDays,
            age: s.age,
            overdue: sql<boolean>`coalesce(${s.overdue}, false)`,
            open: sql<boolean>`coalesce(${s.open}, false)`,
            soon: sql<boolean>`coalesce(${s.openDueBetween(asOf, soonLast)}, false)`,
            dueBy: sql<boolean>`coalesce(${s.openDueBy(byLast)}, false)`,
            ...Object.fromEntries(
              STATES.map((st) => [st, sql<boolean>`coalesce(${s.inState(st)}, false)`]),
            ),
          })
          .from(tasks)
          .leftJoin(s.period.current(tenantId), s.period.currentOn)
          .leftJoin(s.period.outcome, s.period.outcomeOn)
          .where(and(eq(tasks.tenantId, tenantId), inArray(tasks.id, ids)));
        const byId = new Map(got.map((g) => [g.id, g as Record<string, unknown>]));

        facts.forEach((f, i) => {
          const approved = f.reports
            .filter((r) => r.status === 'approved' && r.kind === 'progress')
            .map((r) => r.reportedOn);
          const want = statusOf(f, approved, asOf, periods);
          const row = byId.get(ids[i] as string);
          const context = JSON.stringify({ asOf, facts: f, want, row });
          expect(row, context).toBeDefined();
          if (!row) return;
          expect(
            {
              state: row.state,
              dueOn: row.dueOn,
              overdueDays: row.overdueDays === null ? null : Number(row.overdueDays),
              age: row.age,
            },
            context,
          ).toEqual({
            state: want.state,
            dueOn: want.dueOn,
            overdueDays: want.overdueDays,
            age: want.overdueDays === null ? null : overdueAge(want.overdueDays),
          });
          const done = want.state === 'done_on_time' || want.state === 'done_late';
          expect(row.overdue, context).toBe(want.state === 'overdue');
          expect(row.open, context).toBe(!done);
          expect(row.soon, context).toBe(isDueSoon(want, asOf, soonDays));
          expect(row.dueBy, context).toBe(!done && want.dueOn !== null && want.dueOn <= byLast);
          for (const st of STATES) expect(row[st], `${st} ${context}`).toBe(want.state === st);
        });

        // The queries that ask each kind of work separately agree too: counts by state and age,
        // a count by filter, and a page ordered by the date judged against.
        const wanted = facts.map((f) =>
          statusOf(
            f,
            f.reports
              .filter((r) => r.status === 'approved' && r.kind === 'progress')
              .map((r) => r.reportedOn),
            asOf,
            periods,
          ),
        );
        const counts = await countTasks(db, tenantId, { planId }, asOf);
        const tally = (st: TaskState) => wanted.filter((w) => w.state === st).length;
        expect(counts.states, asOf).toEqual(
          Object.fromEntries(STATES.map((st) => [st, tally(st)])),
        );
        expect(counts.overdueByAge, asOf).toEqual({
          over_120: wanted.filter((w) => w.age === 'over_120').length,
          over_60: wanted.filter((w) => w.age === 'over_60').length,
          over_30: wanted.filter((w) => w.age === 'over_30').length,
          under_30: wanted.filter((w) => w.age === 'under_30').length,
        });
        for (const st of STATES)
          expect(await countMatching(db, tenantId, { planId, state: st }, asOf)).toBe(tally(st));
        const open = await listTasks(
          db,
          tenantId,
          { planId, open: true },
          { sort: 'due', limit: 50, offset: 0 },
          asOf,
        );
        expect(open.total).toBe(wanted.filter((w) => !w.state.startsWith('done')).length);
        const dues = open.items.map((t) => t.status.dueOn ?? '9999-12-31');
        expect(dues).toEqual([...dues].sort());
        const window = Math.max(1, soonDays);
        const [urging] = await urgingCounts(db, tenantId, { planId }, asOf, window);
        expect({
          overdue: urging?.overdue ?? 0,
          dueSoon: urging?.dueSoon ?? 0,
          ages: urging?.ages ?? { over_120: 0, over_60: 0, over_30: 0, under_30: 0 },
        }).toEqual({
          overdue: tally('overdue'),
          dueSoon: wanted.filter((w) => isDueSoon(w, asOf, window)).length,
          ages: counts.overdueByAge,
        });
      }),
      { numRuns: engine === 'pglite' ? 60 : 100 },
    );
  });
});
