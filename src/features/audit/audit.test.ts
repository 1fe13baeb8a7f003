import { eq, inArray } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/support/app.js';
import { engines } from '../../../test/support/database.js';
import {
  type Auth,
  agencyIdByCode,
  as,
  createCast,
  loginCast,
} from '../../../test/support/users.js';
import { auditRecords, tenants, users } from '../../db/schema.js';
import { isoDateInVietnam } from '../../domain/calendar.js';
import {
  CELL_MAX_CHARS,
  EXPORT_HEADERS,
  jsonCellText,
  SHEET_NAME,
  safeCellText,
  TIME_FORMAT,
  vietnamWallClock,
} from './export.js';
import { parseActor } from './presenter.js';
import type { AuditList } from './schema.js';
import { recordAudit } from './service.js';

const seconds = (d: Date) => Math.round(d.getTime() / 1000);

describe('safeCellText (formula injection)', () => {
  it.each([
    ['=SUM(A1)', "'=SUM(A1)"],
    ['+84 912 345 678', "'+84 912 345 678"],
    ['-1+2', "'-1+2"],
    ['@cmd', "'@cmd"],
    ['\t=1', "'\t=1"],
    ['\r=1', "'\r=1"],
  ])('quotes %j', (input, output) => {
    expect(safeCellText(input)).toBe(output);
  });

  it.each(['Sở Tài chính', '693/QĐ-TTg', 'a=b', '', "'already", '{"x":"=1"}'])(
    'leaves %j alone',
    (input) => {
      expect(safeCellText(input)).toBe(input);
    },
  );

  it('cuts long text to the cell limit without splitting a character', () => {
    const cut = safeCellText('x'.repeat(40_000));
    expect(cut).toHaveLength(CELL_MAX_CHARS);
    expect(cut.endsWith('…')).toBe(true);
    const emoji = safeCellText(`${'x'.repeat(CELL_MAX_CHARS - 2)}😀😀`);
    expect(emoji).toBe(`${'x'.repeat(CELL_MAX_CHARS - 2)}…`);
    expect(safeCellText(`=${'x'.repeat(40_000)}`)).toHaveLength(CELL_MAX_CHARS + 1);
  });

  it('drops characters a workbook cannot hold', () => {
    expect(safeCellText('a\u0000b\u0007c\nd')).toBe('abc\nd');
  });

  it('writes JSON compact, and a JSON string is never a formula', () => {
    expect(jsonCellText({ a: 1, b: ['x'] })).toBe('{"a":1,"b":["x"]}');
    expect(jsonCellText('=1')).toBe('"=1"');
    expect(jsonCellText(-5)).toBe("'-5");
    expect(jsonCellText(null)).toBe('');
  });

  it('turns an instant into the wall clock in Vietnam', () => {
    expect(vietnamWallClock(new Date('2024-01-01T17:30:05Z')).toISOString()).toBe(
      '2024-01-02T00:30:05.000Z',
    );
  });
});

describe('parseActor', () => {
  it('tells users, the command line, the system and anonymous callers apart', () => {
    expect(parseActor('user:8f0c', 'Nguyễn Văn A')).toEqual({
      kind: 'user',
      id: '8f0c',
      displayName: 'Nguyễn Văn A',
    });
    expect(parseActor('cli:nam')).toEqual({ kind: 'cli', id: 'cli:nam', displayName: 'cli:nam' });
    expect(parseActor('system:root').kind).toBe('system');
    expect(parseActor('anonymous').kind).toBe('anonymous');
  });
});

describe.each(engines())('audit API on %s', (engine) => {
  const ctx = useTestApp(engine);
  let cast: Awaited<ReturnType<typeof loginCast>>;
  let adminId: string;
  let stcId: string;

  const list = async (auth: Auth | null, query = '') => {
    const res = await as(ctx.app, auth, { method: 'GET', url: `/api/audit${query}` });
    return res;
  };
  const listOk = async (query: string) => {
    const res = await list(cast.admin, query);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<AuditList>();
  };

  beforeAll(async () => {
    const { db, tenantId } = ctx.database;
    await createCast(db, tenantId);
    cast = await loginCast(ctx.app);
    adminId = cast.admin.userId;
    stcId = await agencyIdByCode(db, tenantId, 'STC');
    const consolidatorId = cast.consolidator.userId;

    // Three changes of a test entity, by a user acting for STC, the command line and the system.
    await recordAudit(
      db,
      { id: `user:${consolidatorId}`, tenantId, agencyId: stcId, requestId: 'req-1' },
      [{ entity: 'widget', entityId: 'w-1', action: 'create', after: { name: 'Một', n: 1 } }],
    );
    await recordAudit(db, { id: 'cli:nam', tenantId }, [
      {
        entity: 'widget',
        entityId: 'w-1',
        action: 'update',
        before: { name: 'Một', n: 1 },
        after: { name: 'Hai', n: 2 },
      },
    ]);
    await recordAudit(db, { id: 'system', tenantId }, [
      { entity: 'widget', entityId: '=SUM(A1)', action: 'create', after: { name: '=cmd' } },
    ]);
    // Reference data (no tenant) is shown; another tenant's records never are.
    await recordAudit(db, { id: 'system', tenantId: null }, [
      { entity: 'widget', entityId: 'reference', action: 'load' },
    ]);
    const [other] = await db
      .insert(tenants)
      .values({ code: `other-${engine}`, name: 'Tỉnh khác', provinceCode: '20' })
      .returning();
    if (!other) throw new Error('no tenant');
    await recordAudit(db, { id: 'system', tenantId: other.id }, [
      { entity: 'widget', entityId: 'foreign', action: 'create' },
    ]);
    // Records at known times, around midnight in Vietnam (UTC+7).
    await db.insert(auditRecords).values([
      {
        tenantId,
        actor: 'system',
        at: new Date('2024-01-01T16:59:59Z'), // 23:59:59 on 01/01/2024 in Vietnam
        entity: 'dated',
        entityId: 'late-day-1',
        action: 'touch',
      },
      {
        tenantId,
        actor: 'system',
        at: new Date('2024-01-01T17:00:00Z'), // 00:00:00 on 02/01/2024 in Vietnam
        entity: 'dated',
        entityId: 'early-day-2',
        action: 'touch',
      },
      {
        tenantId,
        actor: 'system',
        at: new Date('2024-01-02T16:59:59Z'),
        entity: 'dated',
        entityId: 'late-day-2',
        action: 'touch',
      },
    ]);
  });

  it('lists records newest first, with actors named and agencies joined', async () => {
    const page = await listOk('?entity=widget');
    expect(page.total).toBe(4);
    expect(page.items.map((r) => r.entityId)).toEqual(['reference', '=SUM(A1)', 'w-1', 'w-1']);
    expect(page.items.map((r) => r.action)).toEqual(['load', 'create', 'update', 'create']);
    const ids = page.items.map((r) => r.id);
    expect([...ids].sort((a, b) => b - a)).toEqual(ids);

    const [, system, cli, user] = page.items;
    expect(user).toMatchObject({
      actor: { kind: 'user', id: cast.consolidator.userId, displayName: 'consolidator' },
      actorAgency: { id: stcId, name: 'Sở Tài chính' },
      before: null,
      after: { name: 'Một', n: 1 },
      requestId: 'req-1',
    });
    expect(new Date(user?.at ?? '').getTime()).toBeGreaterThan(Date.now() - 600_000);
    expect(cli).toMatchObject({
      actor: { kind: 'cli', id: 'cli:nam', displayName: 'cli:nam' },
      actorAgency: null,
      before: { name: 'Một', n: 1 },
      after: { name: 'Hai', n: 2 },
      requestId: null,
    });
    expect(system?.actor).toEqual({ kind: 'system', id: 'system', displayName: 'system' });
    expect(page.items.some((r) => r.entityId === 'foreign')).toBe(false);
  });

  it('filters by entity id, action, actor (raw or user id) and pages', async () => {
    expect((await listOk('?entity=widget&entityId=w-1')).total).toBe(2);
    expect((await listOk('?entity=widget&action=create')).items.map((r) => r.entityId)).toEqual([
      '=SUM(A1)',
      'w-1',
    ]);
    expect((await listOk('?entity=widget&actor=cli%3Anam')).items.map((r) => r.action)).toEqual([
      'update',
    ]);
    const byUser = await listOk(`?entity=widget&actor=${cast.consolidator.userId}`);
    expect(byUser.items.map((r) => r.action)).toEqual(['create']);
    const raw = await listOk(`?entity=widget&actor=user%3A${cast.consolidator.userId}`);
    expect(raw.total).toBe(1);

    const second = await listOk('?entity=widget&limit=2&offset=2');
    expect(second.total).toBe(4);
    expect(second.items.map((r) => r.action)).toEqual(['update', 'create']);

    // Signing in is audited too, under the user's name.
    const logins = await listOk(`?action=login&actor=${adminId}`);
    expect(logins.total).toBeGreaterThanOrEqual(1);
    expect(logins.items[0]?.actor).toMatchObject({ kind: 'user', displayName: 'admin' });
    // An empty filter (a cleared form field) is no filter.
    expect((await listOk('?entity=widget&action=')).total).toBe(4);
  });

  it('filters by day in Vietnam, both days included', async () => {
    const day = async (q: string) =>
      (await listOk(`?entity=dated${q}`)).items.map((r) => r.entityId);
    expect(await day('&from=2024-01-02&to=2024-01-02')).toEqual(['late-day-2', 'early-day-2']);
    expect(await day('&to=2024-01-01')).toEqual(['late-day-1']);
    expect(await day('&from=2024-01-03')).toEqual([]);
    expect(await day('&from=2024-01-01')).toEqual(['late-day-2', 'early-day-2', 'late-day-1']);
  });

  it('refuses bad queries', async () => {
    for (const q of [
      '?limit=0',
      '?limit=201',
      '?from=2024-13-01',
      '?from=2024-02-01&to=2024-01-01',
    ]) {
      const res = await list(cast.admin, q);
      expect(res.statusCode, q).toBe(400);
      expect(res.json().error.code).toBe('invalid_input');
    }
  });

  it('is for administrators only: 404 for other roles, 401 anonymous', async () => {
    for (const url of ['/api/audit', '/api/audit/export.xlsx']) {
      for (const name of ['consolidator', 'stc-officer', 'viewer', 'leader', 'stc-head'] as const) {
        const res = await as(ctx.app, cast[name], { method: 'GET', url });
        expect(res.statusCode, `${name} ${url}`).toBe(404);
        expect(res.json().error.code).toBe('not_found');
      }
      const anonymous = await as(ctx.app, null, { method: 'GET', url });
      expect(anonymous.statusCode).toBe(401);
    }
  });

  it('has no route that changes a record', async () => {
    const [record] = (await listOk('?entity=widget&entityId=w-1')).items;
    for (const method of ['PUT', 'PATCH', 'DELETE'] as const) {
      for (const url of ['/api/audit', `/api/audit/${record?.id}`]) {
        const res = await as(ctx.app, cast.admin, { method, url, payload: {} });
        expect(res.statusCode, `${method} ${url}`).toBe(404);
      }
    }
    const res = await as(ctx.app, cast.admin, { method: 'POST', url: '/api/audit', payload: {} });
    expect(res.statusCode).toBe(404);
  });

  it('refuses UPDATE and DELETE at the database', async () => {
    const { db } = ctx.database;
    const [record] = await db.select().from(auditRecords).where(eq(auditRecords.entityId, 'w-1'));
    if (!record) throw new Error('no record');
    await expect(
      db.update(auditRecords).set({ action: 'forged' }).where(eq(auditRecords.id, record.id)),
    ).rejects.toThrow();
    await expect(db.delete(auditRecords).where(eq(auditRecords.id, record.id))).rejects.toThrow();
    await expect(
      db.transaction(async (tx) => {
        await tx.delete(auditRecords).where(inArray(auditRecords.entity, ['widget', 'dated']));
      }),
    ).rejects.toThrow();
    const [after] = await db.select().from(auditRecords).where(eq(auditRecords.id, record.id));
    expect(after).toEqual(record);
    expect((await listOk('?entity=widget')).total).toBe(4);
  });

  it('exports an Excel workbook with Vietnamese headers, Vietnam times and quoted formulas', async () => {
    const dayBefore = isoDateInVietnam();
    const res = await as(ctx.app, cast.admin, {
      method: 'GET',
      url: '/api/audit/export.xlsx?entity=widget',
    });
    const dayAfter = isoDateInVietnam();
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toMatch(/spreadsheetml\.sheet/);
    const disposition = String(res.headers['content-disposition']);
    expect([dayBefore, dayAfter].map((d) => `attachment; filename="nhat-ky-${d}.xlsx"`)).toContain(
      disposition,
    );

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet(SHEET_NAME);
    if (!sheet) throw new Error('no sheet "Nhật ký"');
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual([
      'Thời gian',
      'Người thực hiện',
      'Cơ quan',
      'Đối tượng',
      'Mã đối tượng',
      'Thao tác',
      'Trước',
      'Sau',
      'Mã yêu cầu',
    ]);
    expect(header).toEqual(EXPORT_HEADERS);
    expect(sheet.actualRowCount).toBe(5); // header + the 4 widget records, same as the listing

    const rows = [2, 3, 4, 5].map((n) => (sheet.getRow(n).values as unknown[]).slice(1));
    const formula = rows.find((r) => r[5] === 'create' && r[1] === 'system');
    expect(formula?.[4]).toBe("'=SUM(A1)");
    expect(formula?.[7]).toBe('{"name":"=cmd"}');

    const listed = (await listOk('?entity=widget')).items[3];
    const userRow = rows[3];
    expect(userRow?.slice(1)).toEqual([
      'consolidator',
      'Sở Tài chính',
      'widget',
      'w-1',
      'create',
      undefined,
      JSON.stringify(listed?.after), // as stored (jsonb orders the keys)
      'req-1',
    ]);
    expect(JSON.parse(String(userRow?.[7]))).toEqual({ name: 'Một', n: 1 });
    const time = userRow?.[0];
    expect(time).toBeInstanceOf(Date);
    // Excel keeps a day fraction: compare to the second.
    expect(seconds(time as Date)).toBe(seconds(vietnamWallClock(new Date(listed?.at ?? ''))));
    expect(sheet.getRow(5).getCell(1).numFmt).toBe(TIME_FORMAT);
  });

  it('exports the date-filtered records only', async () => {
    const res = await as(ctx.app, cast.admin, {
      method: 'GET',
      url: '/api/audit/export.xlsx?entity=dated&from=2024-01-02',
    });
    expect(res.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet(SHEET_NAME);
    expect(sheet?.actualRowCount).toBe(3);
    expect(sheet?.getRow(2).getCell(5).value).toBe('late-day-2');
    const midnight = sheet?.getRow(3).getCell(1).value as Date;
    expect(seconds(midnight)).toBe(seconds(new Date('2024-01-02T00:00:00Z'))); // 02/01/2024 00:00:00
  });

  it('is in the API description', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    expect(Object.keys(res.json().paths)).toEqual(
      expect.arrayContaining(['/api/audit', '/api/audit/export.xlsx']),
    );
  });

  it('names a deleted-from-view user by the raw actor', async () => {
    // A user id that matches no account (e.g. from another installation's data) keeps the raw text.
    const { db, tenantId } = ctx.database;
    const ghost = '00000000-0000-4000-8000-000000000001';
    await recordAudit(db, { id: `user:${ghost}`, tenantId }, [
      { entity: 'ghost', entityId: 'g', action: 'create' },
    ]);
    const [item] = (await listOk('?entity=ghost')).items;
    expect(item?.actor).toEqual({ kind: 'user', id: ghost, displayName: `user:${ghost}` });
    expect(await db.select().from(users).where(eq(users.id, ghost))).toEqual([]);
  });
});
