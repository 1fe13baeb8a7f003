// `tiendo tenant create | list | template` in-process (runCli), on a copy of the run's template
// database (Lạng Sơn, the bundled starter) and on an empty data folder (a province that starts
// alone). Refused arguments open no database; a refused registry writes nothing.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDataDir, type TestDataDir } from '../../test/support/database.js';
import { TEST_PASSWORD } from '../../test/support/users.js';
import { openDatabase } from '../db/client.js';
import { tenants } from '../db/schema.js';
import { runCli } from './main.js';

const DONG_THAP = fileURLToPath(new URL('../../examples/dong-thap-agencies.csv', import.meta.url));
/** Each command opens the embedded database (seconds on a loaded machine): a ceiling for a hang. */
const TIMEOUT = 300_000;

async function run(args: string[], env: NodeJS.ProcessEnv) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(
    args,
    { out: (l) => out.push(l), err: (l) => err.push(l), secret: async () => TEST_PASSWORD },
    env,
  );
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('tiendo tenant', { timeout: TIMEOUT }, () => {
  let dir: string;
  let dataDir: TestDataDir;
  let env: NodeJS.ProcessEnv;
  let passwordFile: string;
  const tenantCount = async (dataPath = dataDir.path) => {
    const database = openDatabase({ databaseUrl: undefined, dataDir: dataPath });
    try {
      return (await database.db.select({ n: count() }).from(tenants))[0]?.n;
    } finally {
      await database.close();
    }
  };
  const create = (extra: string[]) => [
    'tenant',
    'create',
    '--code',
    'dong-thap',
    '--province',
    'Đồng Tháp',
    '--registry',
    DONG_THAP,
    '--admin-username',
    'quantri',
    '--admin-password-file',
    passwordFile,
    ...extra,
  ];

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'tiendo-tenant-cli-'));
    dataDir = createTestDataDir();
    env = { TIENDO_DATA_DIR: dataDir.path };
    passwordFile = join(dir, 'password.txt');
    writeFileSync(passwordFile, `${TEST_PASSWORD}\n`);
  });
  afterAll(() => {
    dataDir?.remove();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses an unknown province and a bad registry row before opening the database', async () => {
    const untouched = { TIENDO_DATA_DIR: join(dir, 'untouched') };
    const province = await run(
      create([]).map((a) => (a === 'Đồng Tháp' ? 'Hà Tây' : a)),
      untouched,
    );
    expect(province.code).toBe(1);
    expect(province.err).toContain('Không có gì được ghi');
    expect(province.err).toContain('--province: không có trong danh sách 34 tỉnh, thành phố');
    const bad = join(dir, 'bad.csv');
    writeFileSync(
      bad,
      'code,name,short_name,kind,aliases\nSTC,Sở Tài chính,Sở TC,department,\nSTC,Sở Xây dựng,,vũ trụ,\n',
    );
    const rows = await run(
      create([]).map((a) => (a === DONG_THAP ? bad : a)),
      untouched,
    );
    expect(rows.code).toBe(1);
    expect(rows.err).toContain('Danh mục cơ quan có lỗi');
    expect(rows.err).toContain('dòng 3, cột kind: loại cơ quan không hợp lệ');
    expect(rows.err).toContain('dòng 3, cột code: mã trùng với một dòng trước');
    expect(existsSync(join(dir, 'untouched'))).toBe(false);
  });

  it('writes the template, creates tenants from .csv and .xlsx, and lists them with hosts', async () => {
    const template = join(dir, 'mau.xlsx');
    const written = await run(['tenant', 'template', '--out', template], env);
    expect(written.code).toBe(0);
    expect(existsSync(template)).toBe(true);

    const ok = await run(
      create(['--host', 'DongThap.example.vn', '--consolidator', 'STC', '--place', 'Đồng Tháp']),
      env,
    );
    expect(ok.err).toBe('');
    expect(ok.code).toBe(0);
    expect(ok.out).toContain('Đã tạo Tỉnh Đồng Tháp (mã dong-thap, mã tỉnh 82).');
    expect(ok.out).toContain('20 cơ quan trong danh mục');

    const fromXlsx = await run(
      [
        'tenant',
        'create',
        '--code',
        'tay-ninh',
        '--province',
        '80',
        '--registry',
        template,
        '--host',
        'tayninh.example.vn',
        '--admin-username',
        'quantri',
      ],
      { ...env, TIENDO_ADMIN_PASSWORD: TEST_PASSWORD },
    );
    expect(fromXlsx.err).toBe('');
    expect(fromXlsx.out).toContain('2 cơ quan trong danh mục');

    // The same code again, or a host another tenant serves: refused, nothing written.
    const again = await run(create(['--host', 'other.example.vn']), env);
    expect(again.code).toBe(1);
    expect(again.err).toContain('Đã có tỉnh, thành phố (tenant) cùng mã');
    const host = await run(
      create(['--host', 'dongthap.example.vn']).map((a) => (a === 'dong-thap' ? 'dt2' : a)),
      env,
    );
    expect(host.code).toBe(1);
    expect(host.err).toContain('Tên miền đã được một tỉnh, thành phố khác sử dụng');
    expect(await tenantCount()).toBe(3);

    const list = await run(['tenant', 'list'], env);
    expect(list.code).toBe(0);
    expect(list.out.split('\n')).toEqual([
      'lang-son\tTỉnh Lạng Sơn\t20\t(mặc định: mọi tên miền chưa gán)',
      'dong-thap\tTỉnh Đồng Tháp\t82\tdongthap.example.vn',
      'tay-ninh\tTỉnh Tây Ninh\t80\ttayninh.example.vn',
    ]);

    // Accounts of the new tenant are made the same way as the first one's.
    const user = await run(
      [
        'user',
        'create',
        '--tenant',
        'dong-thap',
        '--username',
        'stc-lead',
        '--role',
        'agency_head',
        '--agency',
        'STC',
      ],
      env,
    );
    expect(user.err).toBe('');
    expect(user.out).toContain('Đã tạo tài khoản stc-lead');
    const unknown = await run(
      ['user', 'create', '--tenant', 'nowhere', '--username', 'ai-do'],
      env,
    );
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('Không có tỉnh, thành phố (tenant) với mã này');
  });

  it('starts a province alone: on an empty database the created tenant is the first', async () => {
    const empty = join(dir, 'empty');
    const ok = await run(create([]), { TIENDO_DATA_DIR: empty });
    expect(ok.err).toBe('');
    expect(ok.out).toContain('Đây là tỉnh, thành phố đầu tiên');
    const list = await run(['tenant', 'list'], { TIENDO_DATA_DIR: empty });
    expect(list.out).toBe('dong-thap\tTỉnh Đồng Tháp\t82\t(mặc định: mọi tên miền chưa gán)');
  });
});
