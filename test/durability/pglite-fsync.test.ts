// The embedded database in a folder syncs what it commits: fsync is on and a commit fsyncs its WAL
// on the host file system (PGlite's own folder storage would make fsync a no-op). And it shares the
// main thread: a stream of queries leaves the event loop turns to read requests.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openPglite, pgliteFsyncs } from '../../src/db/client.js';

describe('embedded database durability', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tiendo-fsync-'));
  let database: Database;
  beforeAll(async () => {
    database = openPglite(join(dir, 'pglite'));
    await database.db.execute(sql`CREATE TABLE durable_probe (id serial PRIMARY KEY, note text)`);
  });
  afterAll(async () => {
    await database?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs PostgreSQL with fsync on and a WAL sync method that reaches the disk', async () => {
    const setting = async (name: string) => {
      const result = (await database.db.execute(sql.raw(`SHOW ${name}`))) as {
        rows: Record<string, string>[];
      };
      return result.rows[0]?.[name];
    };
    expect(await setting('fsync')).toBe('on');
    expect(await setting('synchronous_commit')).toBe('on');
    // fdatasync is a no-op in the Emscripten runtime; fsync goes to the host file.
    expect(await setting('wal_sync_method')).toBe('fsync');
  });

  it('fsyncs the WAL on the host for every commit', async () => {
    const before = { ...pgliteFsyncs };
    for (let i = 0; i < 3; i++) {
      await database.db.execute(sql`INSERT INTO durable_probe (note) VALUES (${`commit ${i}`})`);
    }
    expect(pgliteFsyncs.wal - before.wal).toBeGreaterThanOrEqual(3);
  });

  it('syncs nothing for a read-only statement', async () => {
    const before = pgliteFsyncs.wal;
    await database.db.execute(sql`SELECT count(*) FROM durable_probe`);
    expect(pgliteFsyncs.wal).toBe(before);
  });

  it('lets the event loop turn while queries keep coming', async () => {
    // Four clients query back to back until the event loop has had a turn, or until CAP queries.
    const CAP = 5_000;
    let done = 0;
    let doneWhenTurned = -1;
    // Runs at the event loop's next turn: with PGlite alone, only once every query has finished.
    setImmediate(() => {
      doneWhenTurned = done;
    });
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        while (doneWhenTurned < 0 && done < CAP) {
          await database.db.execute(sql`SELECT sum(x) FROM generate_series(1, 2000) AS x`);
          done++;
        }
      }),
    );
    expect(doneWhenTurned).toBeGreaterThanOrEqual(0);
    expect(doneWhenTurned).toBeLessThan(CAP);
  });
});
