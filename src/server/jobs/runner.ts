// Starting the background jobs for the database the server runs on.
//
// PostgreSQL: pg-boss (pg-boss.ts), so that several server instances on one database run each
// scheduled job once. The embedded database (PGlite) cannot host it: PGlite is PostgreSQL compiled
// to WebAssembly inside this process, reached through its JavaScript API, with no network socket a
// `pg` client could connect to, one connection, and no LISTEN across processes; and only one
// process can open its data folder anyway (bootstrap.ts). There the same jobs run in the process
// (in-process.ts). Each job is idempotent through its own rows, so it is correct with either.
import type { Database } from '../../db/client.js';
import { type JobRunner, startInProcessJobs } from './in-process.js';
import { APP_JOBS, cronEvery, type JobDefinition, type JobSchedule } from './jobs.js';
import { startPgBossJobs } from './pg-boss.js';

export type { JobRunner } from './in-process.js';

export type StartJobsOptions = JobSchedule & {
  /** DATABASE_URL, for the queue's own connections on PostgreSQL. */
  connectionString: string | undefined;
  log: (message: string) => void;
  jobs?: readonly JobDefinition[];
};

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

export async function startJobs(database: Database, options: StartJobsOptions): Promise<JobRunner> {
  const jobs = options.jobs ?? APP_JOBS;
  if (!options.enabled) return { kind: 'in-process', stop: async () => undefined };
  const inProcess = () =>
    startInProcessJobs(database.db, jobs, {
      everyMs: options.everyMinutes * 60_000,
      log: options.log,
    });
  if (database.engine === 'pglite' || !options.connectionString) return inProcess();
  const cron = cronEvery(options.everyMinutes) ?? '0 * * * *';
  try {
    return await startPgBossJobs(database.db, jobs, {
      connectionString: options.connectionString,
      cron,
      log: options.log,
    });
  } catch (e) {
    // Without the queue (no right to create its schema, say) the jobs still run here: they are
    // idempotent, so several instances doing so send nothing twice, only repeat the reading.
    options.log(`job queue unavailable (${errorText(e)}): running jobs in this process`);
    return inProcess();
  }
}
