// Two real server processes on one PostgreSQL database and one shared files folder, as behind a load
// balancer: whichever instance answers, a session, the sign-in throttle, a scheduled job, an
// evidence file and a cached count behave the same. PostgreSQL only: the embedded database is one
// process by design (bootstrap.ts locks its folder), so there is no second instance to run.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { type Database, openPostgres } from '../../src/db/client.js';
import { evidencePath } from '../../src/server/storage/local-folder.js';
import { insertOpenedPeriod } from '../support/reminders.js';
import {
  DEMO_PASSWORD,
  getJson,
  headers,
  type ServerProcess,
  type Session,
  signIn,
  startServer,
  temporaryDatabase,
} from './server-process.js';

const POSTGRES = process.env.TEST_DATABASE_URL;
/** How long a condition may take on a busy 2-core machine (starts, a job's run). */
const WAIT = { timeout: 120_000, interval: 250 };

type TaskRow = { id: string; lead: { id: string } | null };
type Counts = { total: number };
type TaskDetail = {
  version: number;
  progress: { narrative: string; evidence: { id: string; sha256: string; url: string }[] }[];
};

/** A small PDF that differs from every other (its checksum names the stored file). */
const pdf = (label: string) =>
  Buffer.from(`%PDF-1.4\n% ${label}\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n`, 'latin1');

const pad = (n: number) => String(n).padStart(2, '0');
/** Today in Vietnam plus `days`, as an ISO date. */
function dayInVietnam(days: number): string {
  const d = new Date(Date.now() + 7 * 3_600_000 + days * 86_400_000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

async function login(url: string, username: string, password: string) {
  return fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
}

const sessionUser = async (url: string, session: Session) =>
  (await getJson<{ user: { id: string } | null }>(url, session, '/api/auth/session')).user;

describe.skipIf(!POSTGRES)(
  'two server instances on one PostgreSQL (skipped without TEST_DATABASE_URL: the embedded database is one process)',
  () => {
    const cleanups: (() => Promise<unknown> | unknown)[] = [];
    const servers: ServerProcess[] = [];
    afterAll(async () => {
      for (const s of servers) {
        if (s.child.exitCode === null && s.child.signalCode === null) s.child.kill('SIGKILL');
        await s.exited;
      }
      for (const cleanup of cleanups.reverse()) await cleanup();
    });

    it('share sessions, throttles, jobs, evidence files and cached counts', async () => {
      const database = await temporaryDatabase(POSTGRES as string, 'tiendo_two');
      cleanups.push(() => database.drop());
      const shared = mkdtempSync(join(tmpdir(), 'tiendo-shared-files-'));
      cleanups.push(() => rmSync(shared, { recursive: true, force: true }));
      const instance = (name: string) => {
        const dataDir = mkdtempSync(join(tmpdir(), `tiendo-${name}-`));
        cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
        return {
          DATABASE_URL: database.url,
          TIENDO_DATA_DIR: dataDir,
          TIENDO_FILES_DIR: shared,
          TIENDO_DEMO: '1',
        };
      };
      const envA = instance('a');
      const envB = instance('b');
      const startBoth = async () => {
        const [a, b] = await Promise.all([startServer(envA), startServer(envB)]);
        servers.push(a, b);
        return [a, b] as const;
      };

      // Both start at once on an empty database: one migrates and creates the tenant (and the
      // demo), the other waits for it (bootstrap.ts's start lock) and finds it done.
      let [a, b] = await startBoth();
      const demoLoads = [a, b].filter((s) => /loading the example plan/.test(s.output()));
      expect(demoLoads).toHaveLength(1);
      // The demo accounts come after the creator's plan: wait for them.
      let consolidator: Session | undefined;
      await expect
        .poll(async () => {
          consolidator = await signIn(a.url, 'tonghop').catch(() => undefined);
          return Boolean(consolidator);
        }, WAIT)
        .toBe(true);
      if (!consolidator) throw new Error('no session');

      // A session signed in on A works on B; signing out on B ends it on A.
      const viewer = await signIn(a.url, 'xem');
      expect((await sessionUser(b.url, viewer))?.id).toBe(viewer.user.id);
      const out = await fetch(`${b.url}/api/auth/logout`, {
        method: 'POST',
        headers: headers(viewer, false),
      });
      expect(out.status).toBe(204);
      expect(await sessionUser(a.url, viewer)).toBeNull();
      expect(await sessionUser(b.url, viewer)).toBeNull();

      // Sign-in failures on A and B add up: 3 wrong passwords on A and 1 on B from this address for
      // one name are refused as wrong; the 5th, on B, reaches the pair's limit (5 in 15 minutes) and
      // blocks it on both, even with the right password.
      for (const s of [a, a, a, b])
        expect((await login(s.url, 'lanhdao', 'sai-mat-khau')).status).toBe(401);
      expect((await login(b.url, 'lanhdao', 'sai-mat-khau')).status).toBe(429);
      for (const s of [b, a]) {
        const refused = await login(s.url, 'lanhdao', DEMO_PASSWORD);
        expect(refused.status).toBe(429);
        expect(((await refused.json()) as { error: { code: string } }).error.code).toBe(
          'too_many_attempts',
        );
      }

      // A count B has cached follows a write made on A (the database's NOTIFY reaches B).
      const officer = await signIn(b.url, 'stc.canbo');
      const stcId = officer.user.agency?.id as string;
      const countsPath = `/api/tasks/counts?agencyId=${stcId}`;
      const countOnB = async () =>
        (await getJson<Counts>(b.url, consolidator as Session, countsPath)).total;
      const before = await countOnB();
      expect(await countOnB()).toBe(before); // computed, then served from B's cache
      const tasks = await getJson<{ items: TaskRow[] }>(
        a.url,
        consolidator,
        '/api/tasks?limit=100',
      );
      const task = tasks.items.find((t) => t.lead?.id !== stcId);
      if (!task) throw new Error('no task led by another agency');
      const current = await getJson<TaskDetail>(a.url, consolidator, `/api/tasks/${task.id}`);
      const assigned = await fetch(`${a.url}/api/tasks/${task.id}/assignment`, {
        method: 'PUT',
        headers: headers(consolidator),
        body: JSON.stringify({
          version: current.version,
          leadAgencyId: stcId,
          coordinatorAgencyIds: [],
        }),
      });
      expect(assigned.status).toBe(200);
      await expect.poll(countOnB, WAIT).toBe(before + 1);

      // Evidence uploaded through A downloads through B (one shared files folder).
      const file = pdf(`two-instances ${Math.random()}`);
      const detail = await getJson<TaskDetail>(a.url, officer, `/api/tasks/${task.id}`);
      const form = new FormData();
      form.set('version', String(detail.version));
      form.set('reportedOn', dayInVietnam(0));
      form.set('narrative', 'Báo cáo qua máy chủ A');
      form.set('percent', '20');
      form.set('evidence', new Blob([file], { type: 'application/pdf' }), 'bao-cao.pdf');
      const reported = await fetch(`${a.url}/api/tasks/${task.id}/progress`, {
        method: 'POST',
        headers: headers(officer, false),
        body: form,
      });
      expect(reported.status).toBe(201);
      const onB = await getJson<TaskDetail>(b.url, officer, `/api/tasks/${task.id}`);
      const evidence = onB.progress.find((p) => p.narrative === 'Báo cáo qua máy chủ A')
        ?.evidence[0];
      expect(evidence?.sha256).toBe(createHash('sha256').update(file).digest('hex'));
      const download = await fetch(`${b.url}/api/evidence/${evidence?.id}`, {
        headers: headers(officer, false),
      });
      expect(download.status).toBe(200);
      expect(Buffer.from(await download.arrayBuffer()).equals(file)).toBe(true);

      // A scheduled job runs once across both. A period due in two days, opened with two agencies
      // missing; then both instances restart together, and each start queues the reminder job.
      const db: Database = openPostgres(database.url, 2);
      cleanups.push(() => db.close());
      const rows = async <T>(query: ReturnType<typeof sql>) =>
        ((await db.db.execute(query)) as unknown as { rows: T[] }).rows;
      const [tenant] = await rows<{ id: string }>(sql`select id from tenants limit 1`);
      const plans = await getJson<{ items: { id: string }[] }>(a.url, consolidator, '/api/plans');
      const { periodId } = await insertOpenedPeriod(
        db.db,
        tenant?.id as string,
        plans.items[0]?.id as string,
        {
          label: 'Kỳ kiểm thử hai máy chủ',
          windowFrom: dayInVietnam(-30),
          windowTo: dayInVietnam(-1),
          submissionDueOn: dayInVietnam(2),
          agencies: [{ code: 'STC' }, { code: 'SXD' }],
        },
      );
      // Meanwhile: a file another instance is uploading right now (no row yet), and one an old crash
      // left. A start on the shared folder sweeps the second only.
      const inFlight = evidencePath(shared, 'a'.repeat(64));
      const leftover = evidencePath(shared, 'b'.repeat(64));
      for (const path of [inFlight, leftover]) {
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, pdf(path));
      }
      const old = new Date(Date.now() - 2 * 60 * 60_000);
      utimesSync(leftover, old, old);

      const restartedAt = new Date();
      await Promise.all([a.stop(), b.stop()]);
      expect([await a.exited, await b.exited]).toEqual([0, 0]);
      [a, b] = await startBoth();
      expect([a, b].filter((s) => /loading the example plan/.test(s.output()))).toHaveLength(0);

      const jobs = () =>
        rows<{ state: string; n: number }>(sql`
        select state, count(*)::int as n from pgboss.job
        where name = 'period-reminders' and created_on >= ${restartedAt.toISOString()}::timestamptz
        group by state`);
      await expect
        .poll(async () => {
          const states = await jobs();
          const waiting = states.filter((s) => ['created', 'retry', 'active'].includes(s.state));
          return states.some((s) => s.state === 'completed') && waiting.length === 0;
        }, WAIT)
        .toBe(true);
      expect((await jobs()).filter((s) => s.state === 'failed')).toEqual([]);
      const claims = await rows<{ code: string; step: string }>(sql`
      select a.code, r.step from period_reminders r join agencies a on a.id = r.agency_id
      where r.period_id = ${periodId}::uuid order by a.code, r.step`);
      expect(claims).toEqual([
        { code: 'STC', step: 'before:2' },
        { code: 'SXD', step: 'before:2' },
      ]);
      const sent = await rows<{ users: number; notes: number }>(sql`
      select count(distinct user_id)::int as users, count(*)::int as notes from notifications
      where event_key like ${`period:${periodId}:reminder:%`}`);
      expect(sent[0]?.notes).toBeGreaterThan(0);
      expect(sent[0]?.notes).toBe(sent[0]?.users); // one reminder per person, not one per run

      // The sessions outlived both restarts (they are rows, not process memory), and the sweep left
      // the other instance's upload.
      expect((await sessionUser(b.url, officer))?.id).toBe(officer.user.id);
      expect(existsSync(inFlight)).toBe(true);
      expect(existsSync(leftover)).toBe(false);

      for (const s of [a, b]) await s.stop();
      expect([await a.exited, await b.exited]).toEqual([0, 0]);
    }, 600_000);
  },
);
