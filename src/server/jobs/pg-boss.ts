// PostgreSQL's runner: pg-boss, a job queue kept in the database itself (schema `pgboss`). Its
// scheduler puts one job per cron slot in the queue whatever the number of server instances (each
// slot's job carries a singleton key), and workers take jobs with SELECT … FOR UPDATE SKIP LOCKED,
// so each job runs on one instance only; a job an instance took and did not finish (crash, stop)
// expires and is retried. The queue is "stately": at most one job waiting and one running, so a
// slow run never piles up runs behind it.
import type PgBoss from 'pg-boss';
import type { Db } from '../../db/client.js';
import { PROVINCE_TIME_ZONE } from '../../domain/calendar.js';
import type { JobRunner } from './in-process.js';
import type { JobDefinition } from './jobs.js';

export type PgBossOptions = {
  connectionString: string;
  /** When each job is scheduled (cron, in Vietnam's time zone). */
  cron: string;
  log: (message: string) => void;
  /** Queue a run at start too (the server does; a test may only schedule). */
  runAtStart?: boolean;
  /** The clock passed to jobs (tests pass a fixed one). */
  now?: () => Date;
  /** pg-boss's own settings (tests shorten its polling intervals). */
  boss?: Partial<PgBoss.ConstructorOptions>;
  /** Called with each job id a worker of this instance ran (tests count them). */
  onRun?: (jobId: string, name: string) => void;
};

export const PG_BOSS_SCHEMA = 'pgboss';

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

export async function startPgBossJobs(
  db: Db,
  jobs: readonly JobDefinition[],
  options: PgBossOptions,
): Promise<JobRunner & { boss: PgBoss }> {
  const now = options.now ?? (() => new Date());
  const stopping = new AbortController();
  // Loaded here, not at start: the embedded database's server never needs it.
  const { default: PgBossQueue } = await import('pg-boss');
  const boss = new PgBossQueue({
    connectionString: options.connectionString,
    schema: PG_BOSS_SCHEMA,
    application_name: 'tiendo-jobs',
    // The queue's own connections; the jobs use the application's pool (db).
    max: 2,
    ...options.boss,
  });
  boss.on('error', (e) => options.log(`job queue: ${errorText(e)}`));
  await boss.start();
  try {
    for (const job of jobs) {
      await boss.createQueue(job.name, {
        name: job.name,
        policy: 'stately',
        retryLimit: 2,
        retryDelay: 60,
        expireInSeconds: 30 * 60,
      });
      await boss.schedule(job.name, options.cron, {}, { tz: PROVINCE_TIME_ZONE });
      await boss.work(job.name, { batchSize: 1 }, async ([taken]) => {
        if (!taken) return;
        options.onRun?.(taken.id, job.name);
        try {
          const line = await job.run(db, now(), stopping.signal);
          if (line) options.log(line);
        } catch (e) {
          options.log(`job ${job.name} failed: ${errorText(e)}`);
          throw e; // failed: pg-boss retries it
        }
      });
      // A run at start, as on the embedded database; two instances starting together queue one.
      if (options.runAtStart ?? true) await boss.send(job.name, {});
    }
  } catch (e) {
    await boss.stop({ graceful: false, wait: true }).catch(() => undefined);
    throw e;
  }
  return {
    kind: 'pg-boss',
    boss,
    async stop() {
      // Waits for the jobs under way (up to 30 s), then closes the queue's connections.
      stopping.abort();
      await boss.stop({ graceful: true, wait: true, timeout: 30_000 });
    },
  };
}
