// Several provinces on one server: a tenant created from a registry (.csv, .xlsx), all or nothing;
// each request finds its tenant by host name; sign-in, sessions and every list are the tenant's.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { count, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, engines, type TestDatabase } from '../../../test/support/database.js';
import { numberedPlan } from '../../../test/support/factories.js';
import { insertOpenedPeriod } from '../../../test/support/reminders.js';
import { createTestUser, TEST_PASSWORD } from '../../../test/support/users.js';
import {
  agencies,
  agencyAliases,
  periodReminders,
  plans,
  tenantHosts,
  tenants,
  users,
} from '../../db/schema.js';
import { type App, buildApp } from '../../server/app.js';
import { AppError } from '../../server/errors.js';
import { planFileSchema } from '../plans/plan-file.js';
import { createPlanFromFile } from '../plans/service.js';
import { sendPeriodReminders } from '../reminders/service.js';
import { normalizeHost, TenantDirectory } from './hosts.js';
import { checkRegistry, readRegistryCells, registryTemplateXlsx } from './registry-file.js';
import { type CreateTenantInput, createTenant, findProvince, listTenants } from './service.js';
import { readStarter, starterCodes } from './starter.js';

const DONG_THAP = fileURLToPath(
  new URL('../../../examples/dong-thap-agencies.csv', import.meta.url),
);
const A_HOST = 'langson.tiendo.test';
const B_HOST = 'dongthap.tiendo.test';

const input = (overrides: Partial<CreateTenantInput> = {}): CreateTenantInput => ({
  code: 'dong-thap',
  province: 'Đồng Tháp',
  hosts: ['DongThap.TienDo.test:8443'],
  registry: [],
  settings: { consolidator: 'STC', reportSymbol: 'BC-UBND' },
  admin: { username: 'admin', displayName: 'Quản trị', email: null, password: TEST_PASSWORD },
  ...overrides,
});

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('host names', () => {
  it('are the Host header without port, in lower case', () => {
    expect(normalizeHost('DongThap.TienDo.test:8443')).toBe('dongthap.tiendo.test');
    expect(normalizeHost('localhost')).toBe('localhost');
    expect(normalizeHost('[::1]:3000')).toBe('::1');
    expect(normalizeHost('example.vn.')).toBe('example.vn');
  });

  it('find provinces by code or name, with or without diacritics and "Tỉnh"', () => {
    expect(findProvince('82')?.name).toBe('Tỉnh Đồng Tháp');
    expect(findProvince('dong thap')?.code).toBe('82');
    expect(findProvince('Thành phố Huế')?.code).toBe('46');
    expect(findProvince('Hà Tây')).toBeNull();
  });
});

describe('tenant starters', () => {
  it('are data: the bundled one by default, another by TIENDO_TENANT, none guessed among several', () => {
    expect(starterCodes()).toEqual(['lang-son']);
    const bundled = readStarter(undefined);
    expect(bundled).toMatchObject({ code: 'lang-son', name: 'Tỉnh Lạng Sơn', provinceCode: '20' });
    expect(bundled.files.agencies).toMatch(/admin-units\/lang-son-agencies-2025\.csv$/);
    expect(() => readStarter('dong-thap')).toThrow(/no tenant starter "dong-thap"/);
    const dir = mkdtempSync(join(tmpdir(), 'tiendo-starters-'));
    try {
      for (const code of ['a-tinh', 'b-tinh']) {
        mkdirSync(join(dir, 'tenants', code), { recursive: true });
        writeFileSync(
          join(dir, 'tenants', code, 'tenant.json'),
          JSON.stringify({ code, name: code, provinceCode: '82', files: { agencies: 'x.csv' } }),
        );
      }
      expect(() => readStarter(undefined, dir)).toThrow(/choose one with TIENDO_TENANT/);
      expect(readStarter('b-tinh', dir).files.agencies).toBe(
        join(dir, 'tenants', 'b-tinh', 'x.csv'),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the agency registry file', () => {
  it('reports every bad row by its number and accepts Vietnamese kinds', () => {
    const refused = (() => {
      try {
        checkRegistry([
          ['name', 'short_name', 'kind', 'aliases', 'code'],
          ['Sở Tài chính', 'Sở TC', 'sở', 'Sở KH&ĐT', ''],
          ['', '', 'department', '', ''],
          ['Sở Xây dựng', '', 'bộ', '', ''],
          ['Sở Y tế', '', 'department', 'Sở TC', ''],
        ]);
      } catch (e) {
        return e as AppError;
      }
      throw new Error('expected a refusal');
    })();
    expect(refused.code).toBe('invalid_registry');
    expect(refused.issues.map((i) => [i.field, i.code])).toEqual([
      ['row 3: name', 'required'],
      ['row 4: kind', 'invalid_kind'],
      ['row 5: name', 'duplicate_name'],
    ]);
    const ok = checkRegistry([
      ['name', 'kind', 'aliases'],
      ['Sở Tài chính', 'Sở', 'Sở KH&ĐT; Sở Kế hoạch và Đầu tư'],
    ]);
    expect(ok).toEqual([
      {
        row: 2,
        code: 'STAICHINH',
        name: 'Sở Tài chính',
        shortName: null,
        kind: 'department',
        aliases: ['Sở KH&ĐT', 'Sở Kế hoạch và Đầu tư'],
      },
    ]);
  });
});

describe.each(engines())('tenants on %s', (engine) => {
  let database: TestDatabase;
  let app: App;
  let dir: string;
  let dongThap: string;
  const tenantCount = async () =>
    (await database.db.select({ n: count() }).from(tenants))[0]?.n ?? 0;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tiendo-tenants-'));
    database = await createTestDatabase(engine);
    // No tenant given: unclaimed hosts go to the first created (the starter's, Lạng Sơn).
    app = await buildApp({ db: database.db });
    await database.db.insert(tenantHosts).values({ host: A_HOST, tenantId: database.tenantId });
    await createTestUser(database.db, database.tenantId, 'admin', 'administrator', null);
    await createPlanFromFile(
      database.db,
      { id: 'test', tenantId: database.tenantId },
      planFileSchema.parse(numberedPlan()),
    );
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses an unknown province, a bad registry and a taken host, writing nothing', async () => {
    const before = await tenantCount();
    const registry = checkRegistry(await readRegistryCells(DONG_THAP));
    const unknown = await rejection(
      createTenant(database.db, { id: 'test' }, input({ province: 'Hà Tây', registry })),
    );
    expect(unknown.issues.map((i) => i.code)).toContain('unknown_province');
    const taken = await rejection(
      createTenant(database.db, { id: 'test' }, input({ registry, hosts: [A_HOST] })),
    );
    expect(taken.code).toBe('host_taken');
    // The registry is right, the administrator's password is not: the tenant goes with it.
    const weak = await rejection(
      createTenant(
        database.db,
        { id: 'test' },
        input({ registry, admin: { ...input().admin, password: 'short' } }),
      ),
    );
    expect(weak.code).toBe('weak_password');
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'name,kind\nSở Tài chính,department\nSở Lạ,vũ trụ\n');
    const badRows = await rejection(readRegistryCells(bad).then(checkRegistry));
    expect(badRows.issues[0]?.field).toBe('row 3: kind');
    expect(await tenantCount()).toBe(before);
    expect(
      (await database.db.select({ n: count() }).from(tenantHosts))[0]?.n,
      'only the host this test gave Lạng Sơn',
    ).toBe(1);
  });

  it('creates a tenant from a .csv registry: agencies with aliases, settings, administrator, audit', async () => {
    const registry = checkRegistry(await readRegistryCells(DONG_THAP));
    const created = await createTenant(database.db, { id: 'test' }, input({ registry }));
    dongThap = created.tenantId;
    expect(created).toMatchObject({
      name: 'Tỉnh Đồng Tháp',
      province: { code: '82' },
      hosts: [B_HOST],
      agencies: registry.length,
    });
    const [stc] = await database.db
      .select()
      .from(agencies)
      .where(eq(agencies.tenantId, dongThap))
      .then((rows) => rows.filter((a) => a.code === 'STC'));
    expect(stc?.name).toBe('Sở Tài chính');
    const aliases = await database.db
      .select({ alias: agencyAliases.alias })
      .from(agencyAliases)
      .where(eq(agencyAliases.agencyId, stc?.id as string));
    expect(aliases.map((a) => a.alias)).toContain('Sở KH&ĐT');
    const [tenant] = await database.db.select().from(tenants).where(eq(tenants.id, dongThap));
    expect(tenant?.settings).toMatchObject({ consolidatingAgencyId: stc?.id, version: 0 });
    const list = await listTenants(database.db);
    expect(list.map((t) => [t.code, t.hosts, t.isDefault])).toEqual([
      ['lang-son', [A_HOST], true],
      ['dong-thap', [B_HOST], false],
    ]);
  });

  it('creates a tenant from an .xlsx registry (the template filled in)', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await registryTemplateXlsx()) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0] as ExcelJS.Worksheet;
    sheet.addRow(['SYT', 'Sở Y tế', 'Sở YT', 'department', '']);
    const path = join(dir, 'registry.xlsx');
    await workbook.xlsx.writeFile(path);
    const registry = checkRegistry(await readRegistryCells(path));
    expect(registry.map((r) => r.code)).toEqual(['STC', 'VPUBND', 'SYT']);
    const created = await createTenant(
      database.db,
      { id: 'test' },
      input({ code: 'tay-ninh', province: '80', hosts: ['tayninh.tiendo.test'], registry }),
    );
    expect(created).toMatchObject({ name: 'Tỉnh Tây Ninh', agencies: 3 });
  });

  const signIn = async (host: string, username = 'admin') => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { host },
      payload: { username, password: TEST_PASSWORD },
    });
    expect(res.statusCode, res.body).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'tiendo_session');
    return { cookie: `tiendo_session=${cookie?.value}`, userId: res.json().user.id as string };
  };
  const get = (host: string, url: string, cookie?: string) =>
    app.inject({ method: 'GET', url, headers: { host, ...(cookie ? { cookie } : {}) } });

  it('names the tenant of the host, the first created for hosts nobody claims', async () => {
    app.tenants.invalidate();
    expect((await get(`${B_HOST}:3000`, '/api/tenant')).json()).toEqual({
      code: 'dong-thap',
      name: 'Tỉnh Đồng Tháp',
      province: { code: '82', name: 'Tỉnh Đồng Tháp' },
    });
    expect((await get(A_HOST, '/api/tenant')).json().code).toBe('lang-son');
    expect((await get('anything.example', '/api/tenant')).json().code).toBe('lang-son');
  });

  it('signs the same username in per host, and refuses a session on another tenant’s host', async () => {
    const a = await signIn(A_HOST);
    const b = await signIn(B_HOST);
    expect(a.userId).not.toBe(b.userId);
    const [bUser] = await database.db.select().from(users).where(eq(users.id, b.userId));
    expect(bUser?.tenantId).toBe(dongThap);
    // A's session on B's host is nobody there, and stays valid on A's host.
    expect((await get(B_HOST, '/api/auth/session', a.cookie)).json().user).toBeNull();
    expect((await get(B_HOST, '/api/users', a.cookie)).statusCode).toBe(401);
    expect((await get(A_HOST, '/api/auth/session', a.cookie)).json().user.id).toBe(a.userId);
    expect((await get(A_HOST, '/api/auth/session', b.cookie)).json().user).toBeNull();
    expect((await get(B_HOST, '/api/auth/session', b.cookie)).json().user.id).toBe(b.userId);
  });

  it('lists only the tenant’s own plans, agencies, users and audit', async () => {
    const a = await signIn(A_HOST);
    const b = await signIn(B_HOST);
    const both = async (url: string) => ({
      a: (await get(A_HOST, url, a.cookie)).body,
      b: (await get(B_HOST, url, b.cookie)).body,
    });
    const plans = await both('/api/plans');
    expect(plans.a).toContain('15/KH-UBND');
    expect(plans.b).not.toContain('15/KH-UBND');
    const agencyList = await both('/api/agencies?q=bao%20va%20phat%20thanh');
    expect(agencyList.b).toContain('Báo và Phát thanh, Truyền hình Đồng Tháp');
    expect(agencyList.a).not.toContain('Đồng Tháp');
    const lead = await both('/api/agencies?q=lang%20son');
    expect(lead.b).not.toContain('Lạng Sơn');
    const userList = await both('/api/users');
    expect(JSON.parse(userList.b).items.map((u: { id: string }) => u.id)).toEqual([b.userId]);
    expect(userList.a).not.toContain(b.userId);
    const audit = await both('/api/audit?limit=200');
    expect(audit.b).toContain('"entity":"tenant"');
    expect(audit.b).not.toContain(database.tenantId);
    expect(audit.a).not.toContain(dongThap);
  });

  it('reminds the agencies of every tenant in one run of the reminder job', async () => {
    const plan = numberedPlan();
    for (const section of plan.sections) section.projects = [];
    await createPlanFromFile(
      database.db,
      { id: 'test', tenantId: dongThap },
      planFileSchema.parse(plan),
    );
    const planOf = async (tenantId: string) =>
      (
        await database.db.select({ id: plans.id }).from(plans).where(eq(plans.tenantId, tenantId))
      )[0]?.id as string;
    const period = {
      windowFrom: '2026-01-01',
      windowTo: '2026-06-30',
      submissionDueOn: '2026-07-15',
    };
    const a = await insertOpenedPeriod(
      database.db,
      database.tenantId,
      await planOf(database.tenantId),
      {
        ...period,
        label: 'Kỳ của Lạng Sơn',
        agencies: [{ code: 'STC' }],
      },
    );
    const b = await insertOpenedPeriod(database.db, dongThap, await planOf(dongThap), {
      ...period,
      label: 'Kỳ của Đồng Tháp',
      agencies: [{ code: 'STC' }],
    });
    // As the job runs it (server/jobs/jobs.ts): no tenant named.
    await sendPeriodReminders(database.db, { asOf: '2026-07-16' });
    const sent = await database.db
      .select({ periodId: periodReminders.periodId, tenantId: periodReminders.tenantId })
      .from(periodReminders);
    expect(sent).toEqual(
      expect.arrayContaining([
        { periodId: a.periodId, tenantId: database.tenantId },
        { periodId: b.periodId, tenantId: dongThap },
      ]),
    );
  });

  it('sees a tenant created elsewhere once its cache is refreshed', async () => {
    let now = 0;
    const directory = new TenantDirectory(database.db, { ttlMs: 1000, now: () => now });
    expect((await directory.resolve('vinhlong.tiendo.test')).code).toBe('lang-son');
    await createTenant(
      database.db,
      { id: 'test' },
      input({
        code: 'vinh-long',
        province: 'Vĩnh Long',
        hosts: ['vinhlong.tiendo.test'],
        registry: checkRegistry([
          ['code', 'name', 'kind'],
          ['STC', 'Sở Tài chính', 'department'],
        ]),
      }),
    );
    expect((await directory.resolve('vinhlong.tiendo.test')).code).toBe('lang-son');
    now = 1000;
    expect((await directory.resolve('vinhlong.tiendo.test')).code).toBe('vinh-long');
  });
});
