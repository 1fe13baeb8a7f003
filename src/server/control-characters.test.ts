// Control characters are refused at validation, for every route: a query string, a JSON body, a
// login name, a multipart field. Before, a NUL reached PostgreSQL and came back as a 500.
import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, engines, type TestDatabase } from '../../test/support/database.js';
import { numberedPlan } from '../../test/support/factories.js';
import { multipart } from '../../test/support/multipart.js';
import { type Auth, agencyIdByCode, as, createTestUser, login } from '../../test/support/users.js';
import { taskAssignments } from '../db/schema.js';
import { planFileSchema } from '../features/plans/plan-file.js';
import { createPlanFromFile } from '../features/plans/service.js';
import { type App, buildApp } from './app.js';
import { controlCharacterIssues } from './control-characters.js';

describe('the control-character checker', () => {
  it('allows tab, line feed and carriage return and names every other control character', () => {
    expect(controlCharacterIssues({ a: 'dòng 1\r\n\tdòng 2', b: ['Lạng Sơn'] }, 'body')).toEqual(
      [],
    );
    const found = controlCharacterIssues(
      { a: 'x\u0000', b: ['ok', 'y\u007f'], c: { d: 'z\u0085' }, 'k\u0001': 'ok', n: 1 },
      'body',
    );
    expect(found.map((i) => [i.field, i.code, i.message])).toEqual([
      ['body.a', 'control_character', 'contains the control character U+0000'],
      ['body.b.1', 'control_character', 'contains the control character U+007F'],
      ['body.c.d', 'control_character', 'contains the control character U+0085'],
      ['body.k', 'control_character', 'contains the control character U+0001'],
    ]);
    // Uploaded documents arrive as Buffers: not text fields.
    expect(controlCharacterIssues(Buffer.from([0, 1, 2]), 'body')).toEqual([]);
  });
});

describe.each(engines())('requests with control characters on %s', (engine) => {
  let database: TestDatabase;
  let app: App;
  let officer: Auth;
  let taskId: string;

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    app = await buildApp({ db: database.db, tenantId: database.tenantId });
    await createPlanFromFile(
      database.db,
      { id: 'test', tenantId: database.tenantId },
      planFileSchema.parse(numberedPlan()),
    );
    await createTestUser(database.db, database.tenantId, 'stc-officer', 'agency_officer', 'STC');
    officer = await login(app, 'stc-officer');
    // A task Sở Tài chính leads, where its officer may report.
    const stc = await agencyIdByCode(database.db, database.tenantId, 'STC');
    const [lead] = await database.db
      .select({ taskId: taskAssignments.taskId })
      .from(taskAssignments)
      .where(
        and(
          eq(taskAssignments.agencyId, stc),
          eq(taskAssignments.role, 'lead'),
          isNull(taskAssignments.endedOn),
        ),
      );
    taskId = lead?.taskId as string;
    expect(taskId).toBeTruthy();
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  const refusal = (res: { statusCode: number; json: () => unknown }) => {
    expect(res.statusCode).toBe(400);
    const { error } = res.json() as { error: { code: string; issues: unknown[] } };
    expect(error.code).toBe('invalid_input');
    return error.issues;
  };

  it('refuses %00 in a search string', async () => {
    const res = await as(app, officer, { method: 'GET', url: '/api/tasks?q=ha%00tang' });
    expect(refusal(res)).toEqual([
      expect.objectContaining({ field: 'querystring.q', code: 'control_character' }),
    ]);
    const directory = await as(app, officer, { method: 'GET', url: '/api/users/directory?q=%00' });
    expect(refusal(directory)).toEqual([
      expect.objectContaining({ field: 'querystring.q', code: 'control_character' }),
    ]);
  });

  it('refuses a NUL in a JSON body', async () => {
    const res = await as(app, officer, {
      method: 'POST',
      url: `/api/tasks/${taskId}/comments`,
      payload: { kind: 'comment', body: 'Ý kiến\u0000' },
    });
    expect(refusal(res)).toEqual([
      expect.objectContaining({ field: 'body.body', code: 'control_character' }),
    ]);
    // Line breaks and tabs are text.
    const ok = await as(app, officer, {
      method: 'POST',
      url: `/api/tasks/${taskId}/comments`,
      payload: { kind: 'comment', body: 'Dòng 1\r\n\tDòng 2' },
    });
    expect(ok.statusCode).toBe(201);
  });

  it('refuses a NUL in a login name before any sign-in is counted', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'stc-officer\u0000', password: 'sai mat khau 1' },
    });
    expect(refusal(res)).toEqual([
      expect.objectContaining({ field: 'body.username', code: 'control_character' }),
    ]);
  });

  it('refuses a NUL in a multipart field of a progress report', async () => {
    const version = (await as(app, officer, { method: 'GET', url: `/api/tasks/${taskId}` })).json()
      .version;
    const body = multipart([
      { name: 'version', value: String(version) },
      { name: 'reportedOn', value: '2026-01-02' },
      { name: 'percent', value: '30' },
      { name: 'narrative', value: 'Đang\u0000 thực hiện' },
    ]);
    const res = await as(app, officer, {
      method: 'POST',
      url: `/api/tasks/${taskId}/progress`,
      ...body,
    });
    expect(refusal(res)).toEqual([
      expect.objectContaining({ field: 'narrative', code: 'control_character' }),
    ]);
  });
});
