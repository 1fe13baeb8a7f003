// Hot reads run as named prepared statements: one name per statement text, built once per key,
// prepared once per connection on PostgreSQL, with the same rows as a plain query on both engines.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, engines, type TestDatabase } from '../../test/support/database.js';
import { type Database, openPostgres } from './client.js';
import { preparedRows, statementName } from './prepared.js';

describe('statementName', () => {
  it('gives the same text the same name and different texts different names', () => {
    expect(statementName('select 1')).toBe(statementName('select 1'));
    expect(statementName('select 1')).not.toBe(statementName('select 2'));
    expect(statementName('select 1')).toMatch(/^q_[\w-]{32}$/);
  });
});

describe.each(engines())('preparedRows on %s', (engine) => {
  let database: TestDatabase;
  let single: Database | null = null;

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    // One connection, so that what it has prepared can be read back from it.
    if (database.url) single = openPostgres(database.url, 1);
  });
  afterAll(async () => {
    await single?.close();
    await database?.close();
  });

  it('answers like a plain query and builds the statement once per key', async () => {
    const db = single?.db ?? database.db;
    let builds = 0;
    const build = (n: number) => () => {
      builds += 1;
      return sql`select ${n}::int + 1 as "next", ${'chữ'}::text as "text"`;
    };
    const key = `prepared-test-${engine}`;
    expect(await preparedRows(db, key, build(41))).toEqual([{ next: 42, text: 'chữ' }]);
    expect(await preparedRows(db, key, build(41))).toEqual([{ next: 42, text: 'chữ' }]);
    expect(builds).toBe(1);
    // Another key with other values: the same text, so the same statement.
    expect(await preparedRows(db, `${key}-2`, build(1))).toEqual([{ next: 2, text: 'chữ' }]);
    expect(builds).toBe(2);
    if (single) {
      const prepared = (await db.execute(
        sql`select name from pg_prepared_statements where statement like ${'%::int + 1 as "next"%'}`,
      )) as unknown as { rows: { name: string }[] };
      expect(prepared.rows).toHaveLength(1);
      expect(prepared.rows[0]?.name).toMatch(/^q_/);
    }
  });
});
