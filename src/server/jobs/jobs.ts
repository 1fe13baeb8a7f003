// The application's background jobs and when they run. A job is a function of the database and the
// instant it runs for; it must be idempotent by itself (a job may run twice: on two instances
// before the queue existed, after a crash half-way, on each start), because the embedded
// database runs it without a queue (runner.ts).
import type { Db } from '../../db/client.js';
import { isoDateInVietnam } from '../../domain/calendar.js';
import { sendPeriodReminders } from '../../features/reminders/service.js';

export type JobDefinition = {
  /** The queue's name on PostgreSQL (pg-boss), and the job's name in logs. */
  name: string;
  /**
   * Runs the job as of `now`; returns a line for the log when it did something. `signal` asks it
   * to stop early (between two of its transactions): the server is stopping.
   */
  run(db: Db, now: Date, signal?: AbortSignal): Promise<string | undefined>;
};

/** Reminders and escalations of agencies missing their period report (features/reminders). */
export const periodRemindersJob: JobDefinition = {
  name: 'period-reminders',
  async run(db, now, signal) {
    const asOf = isoDateInVietnam(now);
    const run = await sendPeriodReminders(db, { asOf, signal });
    if (run.reminded === 0 && run.escalated === 0) return undefined;
    return `period reminders on ${asOf}: ${run.reminded} sent, ${run.escalated} escalated`;
  },
};

export const APP_JOBS: readonly JobDefinition[] = [periodRemindersJob];

export type JobSchedule = {
  /** TIENDO_JOBS=0 turns the jobs off (a second process on the same PostgreSQL that only serves). */
  enabled: boolean;
  /** TIENDO_JOBS_EVERY_MINUTES: how often each job runs after the run at start (default 60). */
  everyMinutes: number;
};

/**
 * The schedule from the environment. The period divides an hour (1–30 minutes) or a day (1–24
 * hours), so that the same schedule can be written as a cron expression for the queue.
 */
export function jobScheduleFromEnv(env: NodeJS.ProcessEnv = process.env): JobSchedule {
  const off = ['0', 'false', 'off', 'no'].includes((env.TIENDO_JOBS ?? '').trim().toLowerCase());
  const raw = env.TIENDO_JOBS_EVERY_MINUTES?.trim();
  const everyMinutes = raw ? Number(raw) : 60;
  if (!Number.isInteger(everyMinutes) || everyMinutes < 1 || cronEvery(everyMinutes) === null) {
    throw new Error(
      'TIENDO_JOBS_EVERY_MINUTES must be a whole number of minutes dividing an hour (1–30) or a multiple of 60 dividing a day',
    );
  }
  return { enabled: !off, everyMinutes };
}

/** The cron expression of "every N minutes", or null when N divides neither an hour nor a day. */
export function cronEvery(minutes: number): string | null {
  if (minutes >= 1 && minutes < 60 && 60 % minutes === 0) {
    return minutes === 1 ? '* * * * *' : `*/${minutes} * * * *`;
  }
  const hours = minutes / 60;
  if (Number.isInteger(hours) && hours >= 1 && hours <= 24 && 24 % hours === 0) {
    if (hours === 24) return '0 0 * * *';
    return hours === 1 ? '0 * * * *' : `0 */${hours} * * *`;
  }
  return null;
}
