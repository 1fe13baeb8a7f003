// The CLI in-process (runCli) on a copy of the run's template database, and as an operator runs
// it: `node bin/tiendo.js` and the bundle `npm install` builds, each a process of its own.
// Every test here opens the embedded database several times (about a second each on an idle
// machine, many more on a loaded one): the limits below are ceilings for a hang, with a wide
// margin over what the work takes; the tests wait for each command to finish, never for a time.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestDatabase,
  createTestDataDir,
  engines,
  type TestDatabase,
  type TestDataDir,
} from '../../test/support/database.js';
import { numberedPlan } from '../../test/support/factories.js';
import { openDatabase } from '../db/client.js';
import { planRevisions, plans, tasks, users } from '../db/schema.js';
import { lockDataDir } from '../server/bootstrap.js';
import { runCli } from './main.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SEED = fileURLToPath(
  new URL('../../test/fixtures/import/ke-hoach-693-lang-son.txt', import.meta.url),
);
/** A test that runs the CLI in-process several times, each opening the database. */
const DATABASE_TEST_TIMEOUT = 180_000;
/** A test that starts CLI processes (one creates a database from scratch). */
const PROCESS_TEST_TIMEOUT = 300_000;

async function run(args: string[], env: NodeJS.ProcessEnv) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (l) => out.push(l), err: (l) => err.push(l) }, env);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('tiendo --help', () => {
  it('lists the plan load command', async () => {
    const help = await run(['--help'], {});
    expect(help.code).toBe(0);
    expect(help.out).toContain('plan');
    const sub = await run(['plan', 'load', '--help'], {});
    expect(sub.out).toContain('<file>');
  });

  it('fails on an unknown command', async () => {
    const r = await run(['plan', 'explode'], {});
    expect(r.code).not.toBe(0);
  });
});

describe.each(engines())(
  'tiendo plan load and import on %s',
  { timeout: DATABASE_TEST_TIMEOUT },
  (engine) => {
    const dir = mkdtempSync(join(tmpdir(), 'tiendo-cli-'));
    let env: NodeJS.ProcessEnv;
    let testDb: TestDatabase | undefined;
    let dataDir: TestDataDir | undefined;
    const file = (name: string, content: unknown) => {
      const path = join(dir, name);
      writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
      return path;
    };
    const planCount = async () => {
      const database = openDatabase({
        databaseUrl: env.DATABASE_URL,
        dataDir: env.TIENDO_DATA_DIR as string,
      });
      try {
        const [row] = await database.db.select({ n: count() }).from(plans);
        return row?.n;
      } finally {
        await database.close();
      }
    };

    beforeAll(async () => {
      if (engine === 'postgres') {
        testDb = await createTestDatabase('postgres');
        env = { DATABASE_URL: testDb.url as string, TIENDO_DATA_DIR: join(dir, 'unused') };
      } else {
        // A copy of the template: migrated, with reference data, as a first start leaves it.
        dataDir = createTestDataDir();
        env = { TIENDO_DATA_DIR: dataDir.path };
      }
    });
    afterAll(async () => {
      await testDb?.close();
      dataDir?.remove();
      rmSync(dir, { recursive: true, force: true });
    });

    it('refuses a missing file and broken JSON before touching the database', async () => {
      // A data folder nobody has opened yet: it must still not exist afterwards.
      const untouched = { ...env, TIENDO_DATA_DIR: join(dir, 'untouched') };
      const missing = await run(['plan', 'load', join(dir, 'nope.json')], untouched);
      expect(missing.code).toBe(1);
      expect(missing.err).toContain('Không đọc được tệp');
      const broken = await run(
        ['plan', 'load', file('broken.json', '{"schema_version": 1,')],
        untouched,
      );
      expect(broken.code).toBe(1);
      expect(broken.err).toContain('Tệp không phải JSON hợp lệ');
      const unreadable = await run(['import', join(dir, 'nope.txt')], untouched);
      expect(unreadable.code).toBe(1);
      expect(unreadable.err).toContain('Không đọc được tệp');
      expect(existsSync(join(dir, 'untouched'))).toBe(false);
    });

    it('names the field that breaks the schema', async () => {
      const plan = numberedPlan({ date: '24/11/2026' });
      const r = await run(['plan', 'load', file('schema.json', plan)], env);
      expect(r.code).toBe(1);
      expect(r.err).toContain('Kế hoạch không hợp lệ');
      expect(r.err).toContain('document.date');
    });

    it('loads a plan, then refuses the same number again and an unknown agency, writing nothing', async () => {
      const ok = await run(['plan', 'load', file('ok.json', numberedPlan())], env);
      expect(ok.err).toBe('');
      expect(ok.code).toBe(0);
      expect(ok.out).toMatch(/Đã tải kế hoạch: [0-9a-f-]{36}/);
      expect(ok.out).toContain('1 chỉ tiêu, 1 nhiệm vụ, 1 dự án');
      expect(await planCount()).toBe(1);

      const again = await run(['plan', 'load', file('again.json', numberedPlan())], env);
      expect(again.code).toBe(1);
      expect(again.err).toContain('document.number: đã có văn bản cùng số, ký hiệu');

      const unknown = numberedPlan({ number: '16/KH-UBND' });
      const section = unknown.sections[0];
      if (section) section.tasks = [{ title: 'Việc', lead: 'Sở Vũ Trụ' }];
      const r = await run(['plan', 'load', file('unknown.json', unknown)], env);
      expect(r.code).toBe(1);
      expect(r.err).toContain('sections[0].tasks[0].lead: cơ quan không có trong danh mục');
      expect(r.err).toContain('Không có gì được ghi');
      expect(await planCount()).toBe(1);
    });

    it('imports the Lạng Sơn plan: a dry run prints the extraction, then it is stored once', async () => {
      const seed = SEED;
      const before = await planCount();
      const dry = await run(['import', seed, '--dry-run', '--json'], env);
      expect(dry.code).toBe(0);
      const x = JSON.parse(dry.out);
      expect(x.version).toBe(1);
      expect(x.references).toHaveLength(19);
      expect(x.projects).toHaveLength(10);
      expect(await planCount()).toBe(before);
      const summary = await run(['import', seed, '--dry-run'], env);
      expect(summary.out).toContain('19 văn bản được viện dẫn');
      // The seed has no number: stored only when the operator accepts that gap.
      const gaps = await run(['import', seed], env);
      expect(gaps.code).toBe(1);
      expect(gaps.err).toContain('văn bản chưa có số, ký hiệu');
      expect(await planCount()).toBe(before);
      const stored = await run(['import', seed, '--accept-gaps'], env);
      expect(stored.err).toBe('');
      expect(stored.out).toMatch(/Đã nhập kế hoạch: [0-9a-f-]{36}/);
      expect(await planCount()).toBe((before ?? 0) + 1);
      const again = await run(['import', seed, '--accept-gaps'], env);
      expect(again.code).toBe(1);
      expect(again.err).toContain('Văn bản này đã được nhập trước đây');
      const scanned = await run(
        [
          'import',
          fileURLToPath(
            new URL('../../test/fixtures/import/ke-hoach-cao-bang-scanned.pdf', import.meta.url),
          ),
        ],
        env,
      );
      expect(scanned.code).toBe(1);
      expect(scanned.err).toContain('ảnh quét');
      expect(await planCount()).toBe((before ?? 0) + 1);
    });

    it('re-importing a numbered plan offers a new version, shows what changed, and keeps the old one', async () => {
      const original = readFileSync(
        fileURLToPath(new URL('../../test/fixtures/import/ke-hoach-cao-bang.txt', import.meta.url)),
        'utf8',
      );
      const first = await run(['import', file('v1.txt', original), '--accept-gaps'], env);
      expect(first.code).toBe(0);
      const planId = /Đã nhập kế hoạch: ([0-9a-f-]{36})/.exec(first.out)?.[1];
      // Version 2 moves a deadline and adds a task.
      const revised = original
        .replace('hoàn thành trước ngày 15/4/2026', 'hoàn thành trước ngày 30/5/2026')
        .replace(
          '3. Quản lý trật tự xây dựng',
          '3. Quản lý trật tự xây dựng\nSở Tư pháp chủ trì thẩm định các văn bản quy phạm pháp luật về xây dựng; hoàn thành Quý III/2026.',
        );
      const refused = await run(['import', file('v2.txt', revised), '--accept-gaps'], env);
      expect(refused.code).toBe(1);
      expect(refused.err).toContain('--new-version');
      expect(refused.err).toContain('+ nhiệm vụ: Sở Tư pháp chủ trì thẩm định');
      expect(refused.err).toMatch(/~ nhiệm vụ: Sở Tài chính chủ trì.*\(deadline\)/);
      const stored = await run(
        ['import', file('v2.txt', revised), '--new-version', '--accept-gaps'],
        env,
      );
      expect(stored.err).toBe('');
      expect(stored.out).toContain(`Đã lưu phiên bản 2 của kế hoạch: ${planId}`);
      const database = openDatabase({
        databaseUrl: env.DATABASE_URL,
        dataDir: env.TIENDO_DATA_DIR as string,
      });
      try {
        const revisions = await database.db
          .select()
          .from(planRevisions)
          .where(eq(planRevisions.planId, planId as string));
        expect(revisions.map((r) => r.revision).sort()).toEqual([1, 2]);
        const planTasks = await database.db
          .select()
          .from(tasks)
          .where(eq(tasks.planId, planId as string));
        expect(planTasks.some((t) => t.title.startsWith('Sở Tư pháp chủ trì'))).toBe(true);
        expect(planTasks.some((t) => t.dueOn === '2026-05-30')).toBe(true);
        expect(planTasks.some((t) => t.dueOn === '2026-04-15')).toBe(false);
      } finally {
        await database.close();
      }
    });

    it.runIf(engine === 'pglite')(
      'refuses to open an embedded database that a running server holds',
      async () => {
        // This process holds the data folder's lock, standing in for a running server.
        const unlock = await lockDataDir(env.TIENDO_DATA_DIR as string);
        try {
          const r = await run(
            ['plan', 'load', file('locked.json', numberedPlan({ number: '17/KH-UBND' }))],
            env,
          );
          expect(r.code).toBe(1);
          expect(r.err).toContain(`đang được tiến trình ${process.pid}`);
          // A dry run reads the registry's snapshot (left by the last command) instead: it works
          // while the server runs.
          const dry = await run(['import', SEED, '--dry-run', '--json'], env);
          expect(dry.err).toBe('');
          expect(dry.code).toBe(0);
          const x = JSON.parse(dry.out);
          expect(x.tasks.length).toBeGreaterThan(0);
          expect(
            x.tasks.some((t: { lead: { kind: string }[] }) => t.lead[0]?.kind === 'agency'),
          ).toBe(true);
          const other = await run(['import', SEED, '--dry-run', '--tenant', 'khong-co'], env);
          expect(other.code).toBe(1);
          expect(other.err).toContain('Không có tỉnh, thành phố (tenant) với mã này');
        } finally {
          unlock();
        }
      },
    );
  },
);

describe.each(engines())(
  'tiendo user create on %s',
  { timeout: DATABASE_TEST_TIMEOUT },
  (engine) => {
    const dir = mkdtempSync(join(tmpdir(), 'tiendo-cli-user-'));
    let env: NodeJS.ProcessEnv;
    let testDb: TestDatabase | undefined;
    let dataDir: TestDataDir | undefined;
    const create = async (args: string[], answers: string[]) => {
      const out: string[] = [];
      const err: string[] = [];
      const queue = [...answers];
      const code = await runCli(
        ['user', 'create', ...args],
        {
          out: (l) => out.push(l),
          err: (l) => err.push(l),
          secret: async () => queue.shift() ?? '',
        },
        env,
      );
      return { code, out: out.join('\n'), err: err.join('\n') };
    };
    const accounts = async () => {
      const database = openDatabase({
        databaseUrl: env.DATABASE_URL,
        dataDir: env.TIENDO_DATA_DIR as string,
      });
      try {
        return await database.db
          .select({ username: users.username, role: users.role, hash: users.passwordHash })
          .from(users);
      } finally {
        await database.close();
      }
    };

    beforeAll(async () => {
      if (engine === 'postgres') {
        testDb = await createTestDatabase('postgres');
        env = { DATABASE_URL: testDb.url as string, TIENDO_DATA_DIR: join(dir, 'unused') };
      } else {
        dataDir = createTestDataDir();
        env = { TIENDO_DATA_DIR: dataDir.path };
      }
    });
    afterAll(async () => {
      await testDb?.close();
      dataDir?.remove();
      rmSync(dir, { recursive: true, force: true });
    });

    it('creates the first administrator with a hashed password, refusing weak or mismatched ones', async () => {
      const weak = await create(['--admin', '--username', 'quantri'], ['ngan', 'ngan']);
      expect(weak.code).toBe(1);
      expect(weak.err).toContain('Mật khẩu chưa đủ mạnh');
      expect(weak.err).toContain('ít nhất 10 ký tự');
      const mismatch = await create(
        ['--admin', '--username', 'quantri'],
        ['Lang Son 2026 a', 'Lang Son 2026 b'],
      );
      expect(mismatch.code).toBe(1);
      expect(mismatch.err).toContain('không khớp');
      expect(await accounts()).toEqual([]);
      const ok = await create(
        ['--admin', '--username', 'QuanTri', '--name', 'Quản trị'],
        ['Lang Son 2026 ok', 'Lang Son 2026 ok'],
      );
      expect(ok.code).toBe(0);
      expect(ok.out).toContain('quantri');
      const [admin] = await accounts();
      expect(admin).toMatchObject({ username: 'quantri', role: 'administrator' });
      expect(admin?.hash).toMatch(/^\$argon2id\$/);
      const again = await create(
        ['--admin', '--username', 'quantri'],
        ['Lang Son 2026 ok', 'Lang Son 2026 ok'],
      );
      expect(again.code).toBe(1);
      expect(again.err).toContain('Tên đăng nhập đã có người dùng');
    });

    it('needs an agency for agency roles', async () => {
      const none = await create(
        ['--role', 'agency_officer', '--username', 'canbo'],
        ['Lang Son 2026 ok', 'Lang Son 2026 ok'],
      );
      expect(none.code).toBe(1);
      expect(none.err).toContain('cần gắn với một cơ quan');
      const bad = await create(['--role', 'chief', '--username', 'canbo'], []);
      expect(bad.code).toBe(1);
      expect(bad.err).toContain('vai trò không hợp lệ');
      const ok = await create(
        ['--role', 'agency_officer', '--agency', 'STC', '--username', 'canbo'],
        ['Lang Son 2026 ok', 'Lang Son 2026 ok'],
      );
      expect(ok.code).toBe(0);
      expect((await accounts()).map((a) => a.username).sort()).toEqual(['canbo', 'quantri']);
    });
  },
);

type Finished = { code: number | null; out: string; err: string };

/** Runs `node …args` from the repository root; resolves when the process has exited. */
async function node(args: string[], env: NodeJS.ProcessEnv, input = ''): Promise<Finished> {
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: '', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    err += chunk.toString();
  });
  child.stdin?.end(input);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (exit) => resolve(exit));
  });
  return { code, out, err };
}

describe('the tiendo command as a process', { timeout: PROCESS_TEST_TIMEOUT }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'tiendo-cli-process-'));
  // Inside the repository, so the bundle finds node_modules as dist/cli does.
  const bundleDir = join(ROOT, 'dist', `cli-test-${process.pid}-${Date.now()}`);
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(bundleDir, { recursive: true, force: true });
  });

  it('bin/tiendo.js prints its help and reads a plan document (--dry-run) on an installed database', async () => {
    const help = await node(['bin/tiendo.js', '--help'], {});
    expect(help.err).toBe('');
    expect(help.code).toBe(0);
    expect(help.out).toContain('plan');
    expect(help.out).toContain('import');
    const dataDir = createTestDataDir();
    try {
      const dry = await node(['bin/tiendo.js', 'import', SEED, '--dry-run'], {
        TIENDO_DATA_DIR: dataDir.path,
      });
      expect(dry.err).toBe('');
      expect(dry.code).toBe(0);
      expect(dry.out).toContain('19 văn bản được viện dẫn');
      expect(dry.out).toContain('Chưa ghi gì (--dry-run)');
    } finally {
      dataDir.remove();
    }
  });

  it('the bundle that npm install builds creates a database, an account, and reads a plan document', async () => {
    const built = await node(['scripts/build-cli.mjs', bundleDir], {});
    expect(built.err).toBe('');
    expect(built.out).toContain('tiendo CLI bundled');
    const manifest = JSON.parse(readFileSync(join(bundleDir, 'manifest.json'), 'utf8'));
    expect(manifest.inputs).toContain('src/cli/main.ts');
    const cli = join(bundleDir, manifest.entry);
    // A new data folder: migrations and reference data are found from the bundle's location.
    const env = { TIENDO_DATA_DIR: join(dir, 'fresh') };
    const admin = await node(
      [cli, 'user', 'create', '--admin', '--username', 'quantri', '--password-stdin'],
      env,
      'Lang Son 2026 ok\n',
    );
    expect(admin.err).toBe('');
    expect(admin.code).toBe(0);
    expect(admin.out).toContain('Đã tạo tài khoản quantri');
    const dry = await node([cli, 'import', SEED, '--dry-run'], env);
    expect(dry.err).toBe('');
    expect(dry.code).toBe(0);
    expect(dry.out).toContain('19 văn bản được viện dẫn');
  });
});
