// Hot reads as named prepared statements. A task list or a count is one long statement (the status
// rule is written into it); sent as text each time, PostgreSQL parses and plans it on every request,
// which costs more than running it. Named after a hash of its text, a statement is parsed once per
// connection and its plan can be reused; its values are still bound parameters, so the number of
// names is the number of query shapes (filters × sort), not of requests. PGlite ignores the name.
import { createHash } from 'node:crypto';
import type { SQL } from 'drizzle-orm';
import type { PgDialect, PgSession } from 'drizzle-orm/pg-core';
import type { Db } from './client.js';

type Internals = { dialect: PgDialect; _: { session: PgSession } };

const names = new Map<string, string>();

/** The statement's name: the same text always gets the same name, different texts never share. */
export function statementName(text: string): string {
  let name = names.get(text);
  if (!name) {
    name = `q_${createHash('sha256').update(text).digest('base64url').slice(0, 32)}`;
    // Bounded by the query shapes the code can build; the guard keeps a mistake from growing it.
    if (names.size < 10_000) names.set(text, name);
  }
  return name;
}

type Compiled = { sql: string; params: unknown[]; name: string };

// Building and rendering a long statement costs Drizzle about half a millisecond; the same list
// page is asked for again and again (every officer of an agency, every refresh), so the rendered
// text and values are kept by what they were built from.
const compiledByKey = new Map<string, Compiled>();
const MAX_COMPILED = 2000;

/**
 * Runs the statement `build` returns as a named prepared statement and returns its rows (objects
 * keyed by column). `key` names everything the statement is built from (its text and its values):
 * the same key must always build the same statement.
 */
export async function preparedRows<T>(db: Db, key: string, build: () => SQL): Promise<T[]> {
  const { dialect, _ } = db as unknown as Internals;
  let compiled = compiledByKey.get(key);
  if (compiled) {
    compiledByKey.delete(key);
  } else {
    const query = dialect.sqlToQuery(build());
    compiled = { ...query, name: statementName(query.sql) };
    if (compiledByKey.size >= MAX_COMPILED) {
      compiledByKey.delete(compiledByKey.keys().next().value as string);
    }
  }
  compiledByKey.set(key, compiled);
  const result = (await _.session
    .prepareQuery(compiled, undefined, compiled.name, false)
    .execute()) as { rows: T[] };
  return result.rows;
}
