// Opening the installation's database the same way for the server and the CLI: lock the embedded
// data folder, migrate, load reference data on first start.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, realpathSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { createConnection, createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { Config } from '../config.js';
import { type Database, openDatabase } from '../db/client.js';
import { evidenceFiles } from '../db/schema.js';
import { snapshotDirectories } from '../features/imports/directory-snapshots.js';
import { releaseStoringDrafts } from '../features/imports/drafts.js';
import { discardStoringPlans } from '../features/plans/service.js';
import {
  firstTenantId,
  loadProvinces,
  loadReferenceData,
} from '../features/reference-data/service.js';
import { ensureMissingPeriods } from '../features/reporting-periods/service.js';
import { refreshMissingProjections } from '../features/targets/service.js';
import { sweepEvidence } from '../features/tasks/evidence-store.js';
import type { TenantStarter } from '../features/tenants/starter.js';
import { openEvidenceStorage } from './storage/evidence-storage.js';

export type Progress = (message: string) => void;

/**
 * With several instances sharing one PostgreSQL and one evidence storage, what another instance
 * began this long before a start (an upload whose row is not committed yet, a plan being stored,
 * a draft being confirmed) is still its work, not a crash's leftover.
 */
export const SHARED_STORAGE_SWEEP_GRACE_MS = 60 * 60_000;

/** The advisory lock key of a start on PostgreSQL ("tiendo-start" as a 32-bit number). */
const START_LOCK_KEY = 0x7469_656e;

/**
 * Takes PostgreSQL's session advisory lock for starting, on a connection of its own, waiting for
 * another instance's start to finish; resolves with its release (idempotent).
 */
async function holdStartLock(url: string, progress: Progress): Promise<() => Promise<void>> {
  const client = new pg.Client({ connectionString: url, application_name: 'tiendo-start' });
  client.on('error', () => undefined);
  await client.connect();
  try {
    const free = await client.query<{ ok: boolean }>('select pg_try_advisory_lock($1) as ok', [
      START_LOCK_KEY,
    ]);
    if (!free.rows[0]?.ok) {
      progress('Another instance is starting on this database: waiting for it…');
      await client.query('select pg_advisory_lock($1)', [START_LOCK_KEY]);
    }
  } catch (e) {
    await client.end().catch(() => undefined);
    throw e;
  }
  let released = false;
  return async () => {
    if (released) return;
    released = true;
    // Ending the session releases its advisory locks.
    await client.end().catch(() => undefined);
  };
}

export class DataDirLockedError extends Error {
  constructor(readonly pid: number | null) {
    super(
      `The embedded database is in use by ${pid ? `process ${pid}` : 'another process'} (is the server running?).`,
    );
  }
}

/** Linux: the process's state letter and start time (clock ticks since boot), from /proc. */
function procStat(pid: number): { state: string; startTime: string } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // pid (comm) state ppid …: comm may hold spaces and parentheses, so split after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { state: fields[0] ?? '', startTime: fields[19] ?? '' };
  } catch {
    return null;
  }
}

/** Who the lock file names, and whether that process still runs (not a zombie, not a recycled pid). */
function holder(lockFile: string): { pid: number | null; running: boolean } {
  let pid: number | null = null;
  let startTime: string | undefined;
  try {
    const [p, s] = readFileSync(lockFile, 'utf8').trim().split(/\s+/);
    pid = Number.isInteger(Number(p)) && Number(p) > 0 ? Number(p) : null;
    startTime = s;
  } catch {
    return { pid: null, running: true };
  }
  if (!pid) return { pid: null, running: true };
  if (process.platform === 'linux') {
    const stat = procStat(pid);
    const running =
      stat !== null &&
      stat.state !== 'Z' &&
      stat.state !== 'X' &&
      (!startTime || stat.startTime === startTime);
    return { pid, running };
  }
  try {
    process.kill(pid, 0);
    return { pid, running: true };
  } catch (e) {
    return { pid, running: (e as NodeJS.ErrnoException).code === 'EPERM' };
  }
}

function listen(server: Server, path: string): Promise<'listening' | 'in-use'> {
  return new Promise((resolve, reject) => {
    const onError = (e: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      if (e.code === 'EADDRINUSE') resolve('in-use');
      else reject(e);
    };
    const onListening = () => {
      server.off('error', onError);
      resolve('listening');
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen({ path, exclusive: true });
  });
}

/** A socket file left by a dead process refuses connections; a live one accepts them. */
function socketFileIsStale(path: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ path });
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (e: NodeJS.ErrnoException) =>
      resolve(e.code === 'ECONNREFUSED' || e.code === 'ENOENT'),
    );
  });
}

export type LockOptions = {
  /** How long to wait for a holder that is exiting (killed, a zombie, a recycled pid). */
  exitingWaitMs?: number;
  /** How long to wait for a holder that still looks alive (it may have just been killed). */
  runningWaitMs?: number;
};

/**
 * PGlite is one process's database: two processes writing one folder would corrupt it. The lock is
 * a listening Unix socket named after the folder (Linux: in the abstract namespace; elsewhere a
 * socket file). The kernel closes it when the process ends, however it ends (kill -9 included), so
 * no stale lock outlives its owner and a recycled pid cannot hold it. The lock file beside the
 * database only says who holds it (pid and start time) for the message, and how long to wait: a
 * holder that is exiting (a zombie, a pid reused by another program) is waited for, up to a bound.
 */
export async function lockDataDir(dataDir: string, options: LockOptions = {}): Promise<() => void> {
  mkdirSync(dataDir, { recursive: true });
  const lockFile = join(dataDir, 'tiendo.lock');
  const key = createHash('sha256').update(realpathSync(dataDir)).digest('hex').slice(0, 32);
  const socketFile = join(dataDir, 'tiendo.sock');
  const address =
    process.platform === 'linux'
      ? `\0tiendo-data-${key}`
      : socketFile.length < 100
        ? socketFile
        : join(tmpdir(), `tiendo-data-${key}.sock`);
  const started = Date.now();
  for (;;) {
    const server = createServer((socket) => socket.destroy());
    const result = await listen(server, address);
    if (result === 'listening') {
      server.unref();
      const self = procStat(process.pid);
      writeFileSync(lockFile, `${process.pid}${self ? ` ${self.startTime}` : ''}\n`);
      return () => {
        server.close();
        rmSync(lockFile, { force: true });
      };
    }
    if (process.platform !== 'linux' && (await socketFileIsStale(address))) {
      unlinkSync(address);
      continue;
    }
    const { pid, running } = holder(lockFile);
    const wait = running ? (options.runningWaitMs ?? 1_500) : (options.exitingWaitMs ?? 15_000);
    if (Date.now() - started >= wait) throw new DataDirLockedError(pid);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export type Opened<T extends string | null = string> = {
  database: Database;
  /** The default tenant: the first created (it serves every host no tenant claims). */
  tenantId: T;
  /** True when this start created the tenant (a new database). */
  created: boolean;
  /** The starter the tenant was created from, when this start created it (its demo plan). */
  starter: TenantStarter | null;
  close(): Promise<void>;
};

export type OpenOptions = {
  /**
   * false: a database without tenants stays without (`tiendo tenant create` makes the first);
   * otherwise its first tenant is created from the starter (TIENDO_TENANT, reference/tenants/).
   */
  starter?: boolean;
};

export async function openInstallation(
  config: Config,
  actorId: string,
  progress: Progress,
): Promise<Opened>;
export async function openInstallation(
  config: Config,
  actorId: string,
  progress: Progress,
  options: OpenOptions,
): Promise<Opened<string | null>>;
export async function openInstallation(
  config: Config,
  actorId: string,
  progress: Progress,
  options: OpenOptions = {},
): Promise<Opened<string | null>> {
  const startedAt = new Date();
  const unlock = config.databaseUrl ? () => undefined : await lockDataDir(config.dataDir);
  // Several instances may start together on one PostgreSQL: one at a time migrates, creates the
  // first tenant and repairs what a crash left; the others wait, then find it done.
  const endStart = config.databaseUrl
    ? await holdStartLock(config.databaseUrl, progress)
    : async () => undefined;
  let database: Database | undefined;
  try {
    progress(
      config.databaseUrl
        ? 'Connecting to PostgreSQL (DATABASE_URL)…'
        : `Opening the embedded database in ${join(config.dataDir, 'pglite')}…`,
    );
    database = openDatabase(config);
    progress('Applying database migrations…');
    await database.migrate();
    progress('Checking reference data (administrative units, agencies)…');
    let tenantId: string | null;
    let created = false;
    let starter: TenantStarter | null = null;
    if (options.starter === false) {
      await loadProvinces(database.db);
      tenantId = await firstTenantId(database.db);
    } else {
      ({ tenantId, created, starter } = await loadReferenceData(database.db, {
        actor: { id: actorId },
        starter: config.tenantStarter,
      }));
      if (starter)
        progress(`Loaded administrative units and the agency registry of ${starter.name}.`);
    }
    // What an interrupted upload left: files no row refers to, temporary files.
    const referenced = new Set(
      (await database.db.selectDistinct({ sha256: evidenceFiles.sha256 }).from(evidenceFiles)).map(
        (r) => r.sha256,
      ),
    );
    // Several instances may share the storage (PostgreSQL): another one's upload whose row is not
    // yet committed must stay, so only what was last written an hour before this start goes.
    const sweptBefore = config.databaseUrl
      ? new Date(startedAt.getTime() - SHARED_STORAGE_SWEEP_GRACE_MS)
      : startedAt;
    const swept = await sweepEvidence(
      openEvidenceStorage(config),
      (s) => referenced.has(s),
      sweptBefore,
    );
    // A plan whose content a crash cut short was never shown: it goes (plans/service.ts).
    // With several instances, another one may be storing a plan or confirming a draft right now:
    // only what was begun an hour before this start is taken for a crash's leftover.
    const leftBefore = config.databaseUrl
      ? new Date(startedAt.getTime() - SHARED_STORAGE_SWEEP_GRACE_MS)
      : undefined;
    const discarded = await discardStoringPlans(
      database.db,
      { id: actorId, tenantId: null },
      leftBefore,
    );
    if (discarded)
      progress(`Removed ${discarded} plan(s) left half-stored by an interrupted import.`);
    // Targets stored before their projection was kept in columns (migration 0017).
    const projected = await refreshMissingProjections(database.db);
    if (projected) progress(`Computed the projection of ${projected} target(s).`);
    // Plans stored before reporting periods were records get their default periods (0018).
    const periods = await ensureMissingPeriods(database.db);
    if (periods) progress(`Gave plans their ${periods} default reporting period(s).`);
    const released = await releaseStoringDrafts(database.db, leftBefore);
    // The registry as files, for `tiendo import --dry-run` while this process holds the lock.
    if (!config.databaseUrl) await snapshotDirectories(database.db, config.dataDir);
    if (released)
      progress(`Reopened ${released} import draft(s) whose confirmation was interrupted.`);
    if (swept.orphans || swept.temporary)
      progress(
        `Removed ${swept.orphans} evidence file(s) no report refers to and ${swept.temporary} temporary file(s) left by an interrupted upload.`,
      );
    await endStart();
    const db = database;
    return {
      database: db,
      tenantId,
      created,
      starter,
      async close() {
        // What a command changed (a new tenant, its registry) reaches the dry run's snapshot.
        if (!config.databaseUrl)
          await snapshotDirectories(db.db, config.dataDir).catch((e: unknown) =>
            progress(`Could not write the registry snapshot: ${(e as Error).message}`),
          );
        await db.close();
        unlock();
      },
    };
  } catch (e) {
    await endStart().catch(() => undefined);
    await database?.close().catch(() => undefined);
    unlock();
    throw e;
  }
}
