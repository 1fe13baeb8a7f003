// The job schedule and the embedded database's runner: a run at start, then every interval, one
// at a time, and a stop that waits for the run under way (and asks it to stop between batches).
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.js';
import type { Db } from '../../db/client.js';
import { startInProcessJobs } from './in-process.js';
import { cronEvery, type JobDefinition, jobScheduleFromEnv } from './jobs.js';
import { startJobs } from './runner.js';

describe('job schedule', () => {
  it('reads the interval and writes it as cron', () => {
    expect(jobScheduleFromEnv({})).toEqual({ enabled: true, everyMinutes: 60 });
    expect(jobScheduleFromEnv({ TIENDO_JOBS_EVERY_MINUTES: '15' })).toEqual({
      enabled: true,
      everyMinutes: 15,
    });
    expect(jobScheduleFromEnv({ TIENDO_JOBS: '0' }).enabled).toBe(false);
    expect(jobScheduleFromEnv({ TIENDO_JOBS: 'off' }).enabled).toBe(false);
    for (const bad of ['0', '-5', '7', '90', '1.5', 'x'])
      expect(() => jobScheduleFromEnv({ TIENDO_JOBS_EVERY_MINUTES: bad }), bad).toThrow(
        /TIENDO_JOBS_EVERY_MINUTES/,
      );
    expect(cronEvery(1)).toBe('* * * * *');
    expect(cronEvery(15)).toBe('*/15 * * * *');
    expect(cronEvery(60)).toBe('0 * * * *');
    expect(cronEvery(180)).toBe('0 */3 * * *');
    expect(cronEvery(1440)).toBe('0 0 * * *');
    expect(cronEvery(7)).toBeNull();
    expect(cronEvery(300)).toBeNull();
  });
});

/** A job that records its runs and can be held in the middle of one. */
function probeJob() {
  const runs: { now: Date; signal: AbortSignal | undefined }[] = [];
  let release: (() => void) | null = null;
  let hold = false;
  const job: JobDefinition = {
    name: 'probe',
    async run(_db, now, signal) {
      runs.push({ now, signal });
      if (hold) await new Promise<void>((resolve) => (release = resolve));
      return undefined;
    },
  };
  return {
    job,
    runs,
    hold: () => (hold = true),
    release: () => release?.(),
    held: () => release !== null,
  };
}

describe('in-process runner', () => {
  it('runs at start, then every interval, with the clock it is given', async () => {
    vi.useFakeTimers();
    try {
      const probe = probeJob();
      const at = new Date('2026-12-04T01:00:00Z');
      const runner = startInProcessJobs({} as Db, [probe.job], {
        everyMs: 60_000,
        log: () => undefined,
        now: () => at,
      });
      await vi.advanceTimersByTimeAsync(0);
      expect(probe.runs).toHaveLength(1);
      await vi.advanceTimersByTimeAsync(59_000);
      expect(probe.runs).toHaveLength(1);
      await vi.advanceTimersByTimeAsync(1_000);
      expect(probe.runs).toHaveLength(2);
      await runner.stop();
      // Nothing runs once stopped.
      await vi.advanceTimersByTimeAsync(10 * 60_000);
      expect(probe.runs).toHaveLength(2);
      expect(probe.runs.every((r) => r.now === at)).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  it('stops after the run under way, which is told to stop', async () => {
    const probe = probeJob();
    probe.hold();
    const runner = startInProcessJobs({} as Db, [probe.job], { everyMs: 10, log: () => undefined });
    await expect.poll(() => probe.held()).toBe(true);
    let stopped = false;
    const stopping = runner.stop().then(() => {
      stopped = true;
    });
    await expect.poll(() => probe.runs[0]?.signal?.aborted).toBe(true);
    expect(stopped).toBe(false);
    probe.release();
    await stopping;
    expect(stopped).toBe(true);
    expect(probe.runs).toHaveLength(1);
  });

  it('logs a failing job and carries on with the next run', async () => {
    const lines: string[] = [];
    let calls = 0;
    const failing: JobDefinition = {
      name: 'failing',
      async run() {
        calls += 1;
        throw new Error('database gone');
      },
    };
    const runner = startInProcessJobs({} as Db, [failing], {
      everyMs: 10,
      log: (l) => lines.push(l),
    });
    await expect.poll(() => calls).toBeGreaterThanOrEqual(2);
    await runner.stop();
    expect(lines[0]).toBe('job failing failed: database gone');
  });
});

describe('runner for the embedded database', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('pglite');
  });
  afterAll(async () => {
    await database?.close();
  });

  it('runs the jobs in the process (no queue can connect to PGlite)', async () => {
    const probe = probeJob();
    const runner = await startJobs(database, {
      enabled: true,
      everyMinutes: 60,
      connectionString: undefined,
      log: () => undefined,
      jobs: [probe.job],
    });
    expect(runner.kind).toBe('in-process');
    await expect.poll(() => probe.runs.length).toBe(1);
    await runner.stop();
  });

  it('runs nothing when the jobs are turned off', async () => {
    const probe = probeJob();
    const runner = await startJobs(database, {
      enabled: false,
      everyMinutes: 60,
      connectionString: undefined,
      log: () => undefined,
      jobs: [probe.job],
    });
    // The in-process runner's first run is a timer of 0 ms: one turn of the timers later it would
    // have started.
    await new Promise((resolve) => setTimeout(resolve, 0));
    await runner.stop();
    expect(probe.runs).toEqual([]);
  });
});
