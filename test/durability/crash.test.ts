// kill -9 while writes are in flight: every write the server acknowledged is there after a restart,
// the restart succeeds right after the kill, and what the crash left in the files folder is swept.
// The real server runs as a child process on its own data folder: PGlite always, PostgreSQL too
// when TEST_DATABASE_URL is set.
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { evidencePath } from '../../src/server/storage/local-folder.js';
import {
  getJson,
  headers,
  type ServerProcess,
  type Session,
  signIn,
  startServer,
  temporaryDatabase,
} from './server-process.js';

type Engine = 'pglite' | 'postgres';
const ENGINES: Engine[] = process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

type TaskDetail = {
  id: string;
  version: number;
  comments: { body: string }[];
  progress: { narrative: string; evidence: { sha256: string }[] }[];
};

/** A small PDF that differs from every other (its checksum names the stored file). */
function pdf(label: string) {
  return Buffer.from(`%PDF-1.4\n% ${label}\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n`, 'latin1');
}

describe.each(ENGINES)('kill -9 during writes (%s)', (engine) => {
  const cleanups: (() => Promise<unknown> | unknown)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('keeps every acknowledged write, restarts at once and sweeps orphans', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tiendo-crash-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const env: Record<string, string> = { TIENDO_DATA_DIR: dataDir, TIENDO_DEMO: '1' };
    if (engine === 'postgres') {
      const database = await temporaryDatabase(
        process.env.TEST_DATABASE_URL as string,
        'tiendo_crash',
      );
      cleanups.push(() => database.drop());
      env.DATABASE_URL = database.url;
    } else {
      env.DATABASE_URL = '';
    }
    const servers: ServerProcess[] = [];
    cleanups.push(async () => {
      for (const s of servers) {
        if (s.child.exitCode === null && s.child.signalCode === null) s.child.kill('SIGKILL');
        await s.exited;
      }
    });

    // First start: creates the demo database.
    const first = await startServer(env);
    servers.push(first);
    const consolidator = await signIn(first.url, 'tonghop');
    const officer = await signIn(first.url, 'stc.canbo');
    const list = await getJson<{ items: { id: string }[] }>(
      first.url,
      consolidator,
      '/api/tasks?limit=100',
    );
    const taskIds = list.items.map((t) => t.id);
    expect(taskIds.length).toBeGreaterThan(1);
    // The officer's agency leads one task, so the officer can report progress with evidence.
    const reportTask = taskIds[0] as string;
    const before = await getJson<TaskDetail>(first.url, consolidator, `/api/tasks/${reportTask}`);
    const assigned = await fetch(`${first.url}/api/tasks/${reportTask}/assignment`, {
      method: 'PUT',
      headers: headers(consolidator),
      body: JSON.stringify({
        version: before.version,
        leadAgencyId: officer.user.agency?.id,
        coordinatorAgencyIds: [],
      }),
    });
    expect(assigned.status).toBe(200);

    // Writers: comments on every task, progress reports with a new evidence file each; a write
    // counts once the server answered 201.
    let killed = false;
    const comments: { taskId: string; body: string }[] = [];
    const reports: { narrative: string; sha256: string }[] = [];
    let reached: () => void = () => undefined;
    const enough = new Promise<void>((resolve) => {
      reached = resolve;
    });
    const check = () => {
      if (comments.length >= 20 && reports.length >= 2) reached();
    };
    async function commentWriter(writer: number, session: Session) {
      for (let n = 0; !killed; n++) {
        const taskId = taskIds[(writer + n) % taskIds.length] as string;
        const body = `crash-probe ${engine} ${writer}-${n}`;
        try {
          const res = await fetch(`${first.url}/api/tasks/${taskId}/comments`, {
            method: 'POST',
            headers: headers(session),
            body: JSON.stringify({ body }),
          });
          if (res.status !== 201) throw new Error(`comment: ${res.status} ${await res.text()}`);
          comments.push({ taskId, body });
          check();
        } catch (e) {
          if (killed) return;
          throw e;
        }
      }
    }
    async function reportWriter() {
      for (let n = 0; !killed; n++) {
        const narrative = `crash-report ${engine} ${n}`;
        const file = pdf(`${engine}-${n}-${Math.random()}`);
        try {
          const task = await getJson<TaskDetail>(first.url, officer, `/api/tasks/${reportTask}`);
          const form = new FormData();
          form.set('version', String(task.version));
          form.set('reportedOn', new Date().toISOString().slice(0, 10));
          form.set('narrative', narrative);
          form.set('percent', '10');
          form.set('evidence', new Blob([file], { type: 'application/pdf' }), `bc-${n}.pdf`);
          const res = await fetch(`${first.url}/api/tasks/${reportTask}/progress`, {
            method: 'POST',
            headers: headers(officer, false),
            body: form,
          });
          if (res.status !== 201) throw new Error(`progress: ${res.status} ${await res.text()}`);
          reports.push({ narrative, sha256: createHash('sha256').update(file).digest('hex') });
          check();
        } catch (e) {
          if (killed) return;
          throw e;
        }
      }
    }
    const writers = [
      ...Array.from({ length: 6 }, (_, w) => commentWriter(w, consolidator)),
      reportWriter(),
    ];
    const failed = Promise.all(writers).catch((e: unknown) => {
      killed = true;
      throw e;
    });
    await Promise.race([enough, failed]);

    // kill -9 with writes in flight, then start again straight away.
    killed = true;
    first.child.kill('SIGKILL');
    const filesDir = join(dataDir, 'files');
    const orphan = evidencePath(filesDir, 'f'.repeat(64));
    mkdirSync(dirname(orphan), { recursive: true });
    writeFileSync(orphan, pdf('orphan'));
    mkdirSync(join(filesDir, 'tmp'), { recursive: true });
    const leftover = join(filesDir, 'tmp', 'interrupted-upload');
    writeFileSync(leftover, 'partial');
    // Older than the grace a start on PostgreSQL leaves other instances' uploads (bootstrap.ts).
    const past = new Date(Date.now() - 2 * 60 * 60_000);
    utimesSync(orphan, past, past);
    utimesSync(leftover, past, past);
    const restarted = startServer(env);
    await failed;
    expect(await first.exited).toBe('SIGKILL');
    const second = await restarted;
    servers.push(second);
    expect(second.output()).not.toMatch(/in use/);

    // Every acknowledged write is there.
    const reader = await signIn(second.url, 'tonghop');
    const found = new Map<string, TaskDetail>();
    for (const id of taskIds)
      found.set(id, await getJson<TaskDetail>(second.url, reader, `/api/tasks/${id}`));
    const missingComments = comments.filter(
      (c) => !found.get(c.taskId)?.comments.some((x) => x.body === c.body),
    );
    expect(missingComments).toEqual([]);
    const stored = found.get(reportTask)?.progress ?? [];
    for (const report of reports) {
      const row = stored.find((p) => p.narrative === report.narrative);
      expect(row?.evidence.map((e) => e.sha256)).toEqual([report.sha256]);
      const path = evidencePath(filesDir, report.sha256);
      expect(createHash('sha256').update(readFileSync(path)).digest('hex')).toBe(report.sha256);
    }
    expect(comments.length).toBeGreaterThanOrEqual(20);
    expect(reports.length).toBeGreaterThanOrEqual(2);

    // What the crash left is gone; every file a row refers to stays.
    expect(existsSync(orphan)).toBe(false);
    expect(existsSync(leftover)).toBe(false);
    await second.stop();
    expect(await second.exited).toBe(0);
  }, 600_000);
});
