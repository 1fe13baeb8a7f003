// The embedded database's runner: each job at start and then every interval, in this process, one
// run at a time. Enough there because only one process can open the embedded data folder (the
// lock in bootstrap.ts), so there is no other instance to share the work with, and durable because
// a job's progress is its own rows (period_reminders): a restart runs it again at once and it
// carries on where it stopped.
import type { Db } from '../../db/client.js';
import type { JobDefinition } from './jobs.js';

export type JobRunner = {
  kind: 'pg-boss' | 'in-process';
  /** Stops scheduling and waits for the runs under way. */
  stop(): Promise<void>;
};

export type InProcessOptions = {
  everyMs: number;
  log: (message: string) => void;
  /** The clock (tests pass a fixed one). */
  now?: () => Date;
};

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

export function startInProcessJobs(
  db: Db,
  jobs: readonly JobDefinition[],
  options: InProcessOptions,
): JobRunner {
  const now = options.now ?? (() => new Date());
  let stopped = false;
  const stopping = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();

  const pass = async () => {
    for (const job of jobs) {
      if (stopped) return;
      try {
        const line = await job.run(db, now(), stopping.signal);
        if (line) options.log(line);
      } catch (e) {
        options.log(`job ${job.name} failed: ${errorText(e)}`);
      }
    }
  };
  const schedule = (delay: number) => {
    timer = setTimeout(() => {
      running = pass().then(() => {
        if (!stopped) schedule(options.everyMs);
      });
    }, delay);
    timer.unref?.();
  };
  schedule(0);

  return {
    kind: 'in-process',
    async stop() {
      stopped = true;
      stopping.abort();
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
