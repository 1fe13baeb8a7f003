// Opening the installation's database the same way for the server and the CLI: lock the embedded
// data folder, migrate, load reference data on first start.
import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config.js';
import { type Database, openDatabase } from '../db/client.js';
import { loadReferenceData } from '../features/reference-data/service.js';

export type Progress = (message: string) => void;

export class DataDirLockedError extends Error {
  constructor(readonly pid: number) {
    super(`The embedded database is in use by process ${pid} (is the server running?).`);
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * PGlite is one process's database: two processes writing one folder would corrupt it. A lock file
 * with the owner's pid keeps the server and the CLI apart; a stale lock (dead pid) is taken over.
 */
export function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, 'tiendo.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeFileSync(fd, String(process.pid));
      closeSync(fd);
      return () => {
        try {
          unlinkSync(path);
        } catch {
          // already gone
        }
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pid = Number(readFileSync(path, 'utf8').trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid))
        throw new DataDirLockedError(pid);
      unlinkSync(path);
    }
  }
  throw new Error(`could not lock ${path}`);
}

export type Opened = {
  database: Database;
  tenantId: string;
  /** True when this start created the tenant (a new database). */
  created: boolean;
  close(): Promise<void>;
};

export async function openInstallation(
  config: Config,
  actorId: string,
  progress: Progress,
): Promise<Opened> {
  const unlock = config.databaseUrl ? () => undefined : lockDataDir(config.dataDir);
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
    const { tenantId, created } = await loadReferenceData(database.db, { actor: { id: actorId } });
    if (created) progress('Loaded administrative units and the Lạng Sơn agency registry.');
    const db = database;
    return {
      database: db,
      tenantId,
      created,
      async close() {
        await db.close();
        unlock();
      },
    };
  } catch (e) {
    await database?.close().catch(() => undefined);
    unlock();
    throw e;
  }
}
