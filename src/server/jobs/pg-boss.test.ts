// PostgreSQL's job runner (skipped without TEST_DATABASE_URL): two server instances' workers on
// one database, the reminder job scheduled through pg-boss's cron; each job the queue holds runs
// on one worker only, and the reminders it sends go out once.
import { and, eq, like, type SQL, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, engines, type TestDatabase } from '../../../test/support/database.js';
import { numberedPlan } from '../../../test/support/factories.js';
import { insertOpenedPeriod } from '../../../test/support/reminders.js';
import { createCast, createTestUser } from '../../../test/support/users.js';
import { notifications, periodReminders } from '../../db/schema.js';
import { planFileSchema } from '../../features/plans/plan-file.js';
import { createPlanFromFile } from '../../features/plans/service.js';
import type { JobRunner } from './in-process.js';
import { type JobDefinition, periodRemindersJob } from './jobs.js';
import { PG_BOSS_SCHEMA, startPgBossJobs } from './pg-boss.js';

describe.skipIf(!engines().includes('postgres'))('pg-boss runner on PostgreSQL', () => {
  let database: TestDatabase;
  let periodId: string;
  let stcHead: string;
  const runners: JobRunner[] = [];
  /** Rows of a query on pg-boss's own tables (not in the Drizzle schema). */
  const rowsOf = async <T>(query: SQL) =>
    ((await database.db.execute(query)) as unknown as { rows: T[] }).rows;

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    const { planId } = await createPlanFromFile(
      database.db,
      { id: 'test', tenantId: database.tenantId },
      planFileSchema.parse(numberedPlan()),
    );
    await createCast(database.db, database.tenantId);
    stcHead = (
      await createTestUser(database.db, database.tenantId, 'stc-lead', 'agency_head', 'STC')
    ).id;
    ({ periodId } = await insertOpenedPeriod(database.db, database.tenantId, planId, {
      label: 'Tháng 11 năm 2026',
      windowFrom: '2026-10-15',
      windowTo: '2026-11-14',
      submissionDueOn: '2026-12-04',
      agencies: [{ code: 'STC' }, { code: 'SCT' }],
    }));
  });
  afterAll(async () => {
    for (const r of runners) await r.stop().catch(() => undefined);
    await database?.close();
  });

  it('runs a job scheduled through the queue once, with two instances working', async () => {
    // 10:00 in Vietnam on 27/11/2026: 7 days before the deadline.
    const now = () => new Date('2026-11-27T03:00:00Z');
    const ranBy: Record<'a' | 'b', string[]> = { a: [], b: [] };
    let runs = 0;
    const job: JobDefinition = {
      name: periodRemindersJob.name,
      run: async (db, at, signal) => {
        runs += 1;
        return periodRemindersJob.run(db, at, signal);
      },
    };
    for (const instance of ['a', 'b'] as const) {
      runners.push(
        await startPgBossJobs(database.db, [job], {
          connectionString: database.url as string,
          // Every minute, so that the test's slot comes at once; only the schedule queues it.
          cron: '* * * * *',
          runAtStart: false,
          now,
          log: () => undefined,
          boss: {
            cronMonitorIntervalSeconds: 1,
            cronWorkerIntervalSeconds: 1,
            pollingIntervalSeconds: 0.5,
          },
          onRun: (id) => ranBy[instance].push(id),
        }),
      );
    }
    const completed = async () =>
      Number(
        (
          await rowsOf<{ n: string }>(
            sql`select count(*) as n from ${sql.identifier(PG_BOSS_SCHEMA)}.job where name = ${job.name} and state = 'completed'`,
          )
        )[0]?.n ?? 0,
      );
    await expect.poll(completed).toBeGreaterThanOrEqual(1);
    for (const r of runners.splice(0)) await r.stop();

    // Every job the queue created ran, each on one instance only (a minute boundary during the
    // test may add a second slot's job: still once each).
    const created = (
      await rowsOf<{ id: string }>(
        sql`select id::text as id from ${sql.identifier(PG_BOSS_SCHEMA)}.job where name = ${job.name}`,
      )
    ).map((r) => r.id);
    const ran = [...ranBy.a, ...ranBy.b];
    expect(new Set(ran).size).toBe(ran.length);
    expect(ran.sort()).toEqual(created.sort());
    expect(runs).toBe(ran.length);

    // And the reminder it sent went out once: one row per agency, one notification.
    const rows = await database.db
      .select({ step: periodReminders.step })
      .from(periodReminders)
      .where(eq(periodReminders.periodId, periodId));
    expect(rows.map((r) => r.step)).toEqual(['before:7', 'before:7']);
    const got = await database.db
      .select({ title: notifications.title })
      .from(notifications)
      .where(
        and(
          eq(notifications.userId, stcHead),
          like(notifications.eventKey, `period:${periodId}:%`),
        ),
      );
    expect(got).toEqual([{ title: 'Còn 7 ngày đến hạn nộp báo cáo Tháng 11 năm 2026' }]);
  });
});
