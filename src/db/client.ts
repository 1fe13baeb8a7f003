// Opens the database: embedded PGlite in a folder (default) or a PostgreSQL server (DATABASE_URL).
// Both speak PostgreSQL; the same Drizzle schema and migrations serve both.
import { fsyncSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { NodeFS } from '@electric-sql/pglite/nodefs';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { type DataVersion, type Listener, listenPglite, listenPostgres } from './data-changes.js';
import * as schema from './schema.js';

export type Schema = typeof schema;
/** A database or a transaction: services take this and never care which engine is behind it. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export type Database = {
  db: Db;
  engine: 'pglite' | 'postgres';
  /** Applies pending migrations (idempotent). */
  migrate(): Promise<void>;
  /** Hears the database's announcements of changed task data (data-changes.ts). */
  listen(version: DataVersion): Promise<Listener>;
  close(): Promise<void>;
};

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../drizzle', import.meta.url));

export const PGLITE_EXTENSIONS = { pg_trgm, unaccent };

export function wrapPglite(client: PGlite): Database {
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    db,
    engine: 'pglite',
    migrate: () => migratePglite(db as never, { migrationsFolder: MIGRATIONS_FOLDER }),
    listen: (version) => listenPglite(client, version),
    close: () => client.close(),
  };
}

/** fsync() calls the embedded database made on its files, for tests and benchmarks. */
export const pgliteFsyncs = { total: 0, wal: 0 };

type EmscriptenNodeFs = {
  realPath(node: unknown): string;
  tryFSOperation<T>(f: () => T): T;
  stream_ops: { fsync?: (stream: { nfd: number; node: unknown }) => number };
};

/**
 * PGlite's folder storage is Emscripten's NODEFS, whose files have no fsync operation: PostgreSQL's
 * fsync() of a WAL segment or a data file returns success and syncs nothing, and fdatasync() is a
 * no-op in the Emscripten runtime whatever the file system. PGlite also starts PostgreSQL with -F
 * (fsync=off). A commit then survives the process being killed (the page cache holds it) but not
 * power loss. This file system adds the missing operation (a real fsync of the host file) before
 * PostgreSQL starts; with fsync=on and wal_sync_method=fsync, every commit fsyncs its WAL and
 * checkpoints fsync data files and directories, as PostgreSQL does on a server.
 */
type ModuleOptions = Parameters<NodeFS['init']>[1];
type PostgresMod = Parameters<NonNullable<ModuleOptions['preRun']>[number]>[0];

class DurableNodeFS extends NodeFS {
  override async init(pg: PGlite, options: ModuleOptions) {
    const result = await super.init(pg, options);
    const patch = (mod: PostgresMod) => {
      const nodefs = (mod as unknown as { NODEFS: EmscriptenNodeFs }).NODEFS;
      nodefs.stream_ops.fsync = (stream) => {
        nodefs.tryFSOperation(() => fsyncSync(stream.nfd));
        pgliteFsyncs.total++;
        if (nodefs.realPath(stream.node).includes('/pg_wal/')) pgliteFsyncs.wal++;
        return 0;
      };
    };
    const preRun = result.emscriptenOpts.preRun ?? [];
    result.emscriptenOpts.preRun = [...(Array.isArray(preRun) ? preRun : [preRun]), patch];
    return result;
  }
}

/** PGlite's start parameters with fsync on (without -F) and a WAL sync method that syncs. */
export const DURABLE_START_PARAMS = [
  ...PGlite.defaultStartParams.filter((p) => p !== '-F'),
  '-c',
  'fsync=on',
  '-c',
  'wal_sync_method=fsync',
  '-c',
  'synchronous_commit=on',
];

/** How long PGlite may keep the main thread before the event loop gets a turn. */
const PGLITE_SLICE_MS = 50;
let sliceStarted = performance.now();

/** Lets the event loop turn (read requests, answer health) if PGlite has held it for a slice. */
async function fairTurn() {
  if (performance.now() - sliceStarted < PGLITE_SLICE_MS) return;
  await new Promise<void>((resolve) => setImmediate(resolve));
  sliceStarted = performance.now();
}

/**
 * PGlite runs each query synchronously on the main thread, and the next waiting query starts from a
 * promise callback: while queries keep coming (a busy server), the event loop never reaches its I/O
 * phase, so no new request is read, /api/health is not answered and clients time out however short
 * the line is. This PGlite gives the event loop a turn before a query once queries have held the
 * thread for PGLITE_SLICE_MS (a turn per query would hand most of the time to the I/O of a busy
 * server and starve the requests already admitted).
 */
export class FairPGlite extends PGlite {
  override async execProtocol(...args: Parameters<PGlite['execProtocol']>) {
    await fairTurn();
    return super.execProtocol(...args);
  }
  override async execProtocolStream(...args: Parameters<PGlite['execProtocolStream']>) {
    await fairTurn();
    return super.execProtocolStream(...args);
  }
}

export function openPglite(dataDir: string | undefined): Database {
  if (!dataDir) return wrapPglite(new FairPGlite({ extensions: PGLITE_EXTENSIONS }));
  mkdirSync(dataDir, { recursive: true });
  return wrapPglite(
    new FairPGlite({
      fs: new DurableNodeFS(dataDir),
      startParams: DURABLE_START_PARAMS,
      extensions: PGLITE_EXTENSIONS,
    }),
  );
}

export function openPostgres(url: string, poolSize = 10): Database {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle connection the server closes (restart, failover, a dropped database) is an event on
  // the pool, not an error of any query: without a listener it would crash the process.
  pool.on('error', (error) => {
    console.error(`[tiendo] PostgreSQL connection lost while idle: ${error.message}`);
  });
  const db = drizzleNodePg(pool, { schema }) as unknown as Db;
  return {
    db,
    engine: 'postgres',
    migrate: () => migrateNodePg(db as never, { migrationsFolder: MIGRATIONS_FOLDER }),
    listen: async (version) => listenPostgres(url, version),
    close: () => pool.end(),
  };
}

export type DatabaseConfig = {
  databaseUrl?: string | undefined;
  dataDir: string;
  /** Connections to the PostgreSQL server (TIENDO_DB_POOL_SIZE). */
  databasePoolSize?: number;
};

export function openDatabase(config: DatabaseConfig): Database {
  if (config.databaseUrl) {
    if (!/^postgres(ql)?:\/\//.test(config.databaseUrl)) {
      throw new Error('DATABASE_URL must start with postgres:// or postgresql://');
    }
    return openPostgres(config.databaseUrl, config.databasePoolSize);
  }
  return openPglite(`${config.dataDir.replace(/\/$/, '')}/pglite`);
}
