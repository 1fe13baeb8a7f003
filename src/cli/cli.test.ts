import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, engines, type TestDatabase } from '../../test/support/database.js';
import { numberedPlan } from '../../test/support/factories.js';
import { openDatabase } from '../db/client.js';
import { plans } from '../db/schema.js';
import { runCli } from './main.js';

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

describe.each(engines())('tiendo plan load on %s', (engine) => {
  const dir = mkdtempSync(join(tmpdir(), 'tiendo-cli-'));
  let env: NodeJS.ProcessEnv;
  let testDb: TestDatabase | undefined;
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
      env = { TIENDO_DATA_DIR: join(dir, 'data') };
    }
  });
  afterAll(async () => {
    await testDb?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a missing file and broken JSON before touching the database', async () => {
    const missing = await run(['plan', 'load', join(dir, 'nope.json')], env);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('Không đọc được tệp');
    const broken = await run(['plan', 'load', file('broken.json', '{"schema_version": 1,')], env);
    expect(broken.code).toBe(1);
    expect(broken.err).toContain('Tệp không phải JSON hợp lệ');
    if (engine === 'pglite') expect(existsSync(join(dir, 'data', 'pglite'))).toBe(false);
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

  it.runIf(engine === 'pglite')(
    'refuses to open an embedded database that a running server holds',
    async () => {
      // The parent process stands in for a running server.
      writeFileSync(join(dir, 'data', 'tiendo.lock'), String(process.ppid));
      const r = await run(
        ['plan', 'load', file('locked.json', numberedPlan({ number: '17/KH-UBND' }))],
        env,
      );
      expect(r.code).toBe(1);
      expect(r.err).toContain('đang được tiến trình');
      rmSync(join(dir, 'data', 'tiendo.lock'));
    },
  );
});
