// No secret in any log line: a user creation failing on a database constraint (the error carries
// the new account's Argon2 hash as a query parameter) and requests carrying the session cookie
// and the CSRF token, logged at the most verbose level.
import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, engines, type TestDatabase } from '../../test/support/database.js';
import { as, createTestUser, login } from '../../test/support/users.js';
import { type App, buildApp } from './app.js';
import { serializeError } from './logging.js';

describe('the error serializer', () => {
  it('drops what a database error repeats of its statement and row', () => {
    const cause = Object.assign(new Error('new row violates check constraint "x"'), {
      code: '23514',
      detail: 'Failing row contains (…, $argon2id$v=19$m=19456…)',
      query: 'insert into users …',
      params: ['$argon2id$v=19$m=19456…'],
    });
    const err = Object.assign(
      new Error('Failed query: insert into users values ($1)\nparams: $argon2id$v=19$m=19456…'),
      { query: 'insert into users values ($1)', params: ['$argon2id$v=19$m=19456…'], cause },
    );
    const out = serializeError(err);
    expect(JSON.stringify(out)).not.toContain('argon2');
    expect(out.message).toBe('Failed query (statement and parameters not logged)');
    expect(out.cause).toMatchObject({
      message: 'new row violates check constraint "x"',
      code: '23514',
    });
  });
});

describe.each(engines())('log lines on %s', (engine) => {
  let database: TestDatabase;
  let app: App;
  const lines: string[] = [];

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    const stream = new Writable({
      write(chunk, _encoding, done) {
        lines.push(...String(chunk).split('\n').filter(Boolean));
        done();
      },
    });
    app = await buildApp({
      db: database.db,
      tenantId: database.tenantId,
      logger: { level: 'trace', stream },
    });
    await createTestUser(database.db, database.tenantId, 'quantri', 'administrator', null);
    // A constraint only this test database has: creating "Hỏng" fails inside the INSERT.
    await database.db.execute(
      sql.raw(`alter table users add constraint test_no_broken check (display_name <> 'Hỏng')`),
    );
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('carry no hash, password, cookie or CSRF token', async () => {
    const password = 'Mat khau rat bi mat 2026';
    const admin = await login(app, 'quantri');
    const failed = await as(app, admin, {
      method: 'POST',
      url: '/api/users',
      payload: {
        username: 'hong',
        displayName: 'Hỏng',
        role: 'administrator',
        agencyId: null,
        password,
      },
    });
    expect(failed.statusCode).toBe(500);
    const logged = lines.join('\n');
    // The failure is logged, with what is needed to understand it.
    expect(logged).toContain('unhandled error');
    expect(logged).toContain('test_no_broken');
    // Requests were logged with their headers, the secret ones redacted.
    expect(logged).toContain('"x-csrf-token":"[redacted]"');
    expect(logged).toContain('"cookie":"[redacted]"');
    for (const secret of [
      '$argon2',
      password,
      admin.cookie.split('=')[1] as string,
      admin.csrf,
      'kiemthu2026ok',
    ]) {
      expect(logged).not.toContain(secret);
    }
  });
});
