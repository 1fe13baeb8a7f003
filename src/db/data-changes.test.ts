// The database announces committed changes of task data (migration 0008) and the listener turns
// them into a new data version: a committed change is heard, a rolled-back one is not, a
// transaction's changes are one announcement, and on PostgreSQL a lost listener makes the version
// untrusted until it has reconnected.
import { eq, sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, engines, type TestDatabase } from '../../test/support/database.js';
import { DataVersion, type Listener } from './data-changes.js';
import { agencies, tasks } from './schema.js';

describe.each(engines())('data change announcements on %s', (engine) => {
  let database: TestDatabase;
  let version: DataVersion;
  let listener: Listener;

  /** A committed change of task data that leaves it as it was (an agency renamed to itself). */
  const touch = () =>
    database.db
      .update(agencies)
      .set({ name: sql`${agencies.name}` })
      .where(eq(agencies.code, 'STC'));
  const heardVersion = async () => {
    await expect.poll(() => version.current, { timeout: 30_000 }).not.toBeNull();
    return version.current as number;
  };

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    version = new DataVersion();
    listener = await database.listen(version);
  });
  afterAll(async () => {
    await listener?.stop();
    await database?.close();
  });

  it('hears a committed change, once per transaction, and not a rolled-back one', async () => {
    const before = await heardVersion();
    await touch();
    await expect.poll(() => version.current, { timeout: 30_000 }).toBe(before + 1);

    // Rolled back: no announcement. A committed change after it is heard as the only one (the
    // announcements of one connection arrive in commit order).
    await expect(
      database.db.transaction(async (tx) => {
        await tx.update(tasks).set({ title: 'x' }).where(sql`false`);
        await tx.update(agencies).set({ name: 'Đổi tên rồi bỏ' }).where(eq(agencies.code, 'STC'));
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    // Three statements on two tables in one transaction: one announcement.
    await database.db.transaction(async (tx) => {
      await tx.update(tasks).set({ title: 'x' }).where(sql`false`);
      await tx
        .update(agencies)
        .set({ name: sql`${agencies.name}` })
        .where(eq(agencies.code, 'STC'));
      await tx
        .update(agencies)
        .set({ name: sql`${agencies.name}` })
        .where(eq(agencies.code, 'SXD'));
    });
    await expect.poll(() => version.current, { timeout: 30_000 }).toBe(before + 2);
  });

  it.runIf(engine === 'postgres')(
    'treats the version as untrusted while the listener is lost, then listens again',
    async () => {
      await heardVersion();
      const admin = new pg.Client({ connectionString: database.url as string });
      await admin.connect();
      try {
        const killed = await admin.query(
          `select pg_terminate_backend(pid) from pg_stat_activity
           where datname = current_database() and query ilike 'LISTEN%'`,
        );
        expect(killed.rowCount).toBe(1);
      } finally {
        await admin.end();
      }
      await expect.poll(() => version.current, { timeout: 30_000 }).toBeNull();
      const back = await heardVersion();
      await touch();
      await expect.poll(() => version.current, { timeout: 30_000 }).toBe(back + 1);
    },
  );
});
