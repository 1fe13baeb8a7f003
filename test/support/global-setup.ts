// Once per test run: a migrated database with reference data, as a template that every test file
// clones (PGlite: a dumped data folder, and the same as a folder the CLI can open; PostgreSQL, when
// TEST_DATABASE_URL is set: a template database). Cloning is far faster than migrating per file.
//
// Every temporary file of the run lives in one folder: TMPDIR points there for the test workers
// and the processes they start (servers, browsers, the CLI), and the folder is removed at the end,
// whatever a test or a library left in it. A run that was killed leaves its folder behind; the
// next run removes the folders of runs whose process is gone. Another run beside this one keeps
// its own folder and its own PostgreSQL databases.
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openPostgres, PGLITE_EXTENSIONS, wrapPglite } from '../../src/db/client.js';
import { loadReferenceData } from '../../src/features/reference-data/service.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    /** The template as a PGlite data folder: copy it to give the CLI or a server a database. */
    pgliteTemplateDir: string;
    postgresTemplate: string | null;
  }
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

const RUN_PREFIX = 'tiendo-test-';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Folders of earlier runs (tiendo-test-<pid>-xxxxxx) whose process no longer exists. */
function removeLeftoverRuns(base: string) {
  for (const name of readdirSync(base)) {
    const pid = new RegExp(`^${RUN_PREFIX}(\\d+)-`).exec(name)?.[1];
    if (pid && Number(pid) !== process.pid && !alive(Number(pid)))
      rmSync(join(base, name), { recursive: true, force: true });
  }
}

/** The run's own temporary folder, made the default for everything started from here on. */
function makeRunTmpdir(): { dir: string; remove: () => void } {
  const base = tmpdir();
  removeLeftoverRuns(base);
  const dir = mkdtempSync(join(base, `${RUN_PREFIX}${process.pid}-`));
  // tsx keeps its transpile cache in $TMPDIR/tsx-<uid>: keep using the shared one, so servers and
  // CLIs started by tests do not transpile from scratch. rmSync removes the link, not the cache.
  const tsxCache = `tsx-${process.geteuid?.() ?? 'user'}`;
  mkdirSync(join(base, tsxCache), { recursive: true });
  symlinkSync(join(base, tsxCache), join(dir, tsxCache), 'dir');
  const saved = { TMPDIR: process.env.TMPDIR, TMP: process.env.TMP, TEMP: process.env.TEMP };
  process.env.TMPDIR = dir;
  process.env.TMP = dir;
  process.env.TEMP = dir;
  return {
    dir,
    remove() {
      for (const [key, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The PGlite template, as a dump (database.ts loads it in memory) and as a data folder. */
async function preparePgliteTemplate(project: TestProject, dir: string) {
  const client = new PGlite({ extensions: PGLITE_EXTENSIONS });
  const database = wrapPglite(client);
  await database.migrate();
  await loadReferenceData(database.db, { actor: { id: 'test' } });
  const dump = await client.dumpDataDir('none');
  await database.close();
  const templatePath = join(dir, 'template.tar');
  writeFileSync(templatePath, Buffer.from(await dump.arrayBuffer()));
  project.provide('pgliteTemplate', templatePath);
  // The same database as a folder, as `openDatabase` opens one ({TIENDO_DATA_DIR}/pglite).
  const templateDir = join(dir, 'template-data');
  mkdirSync(join(templateDir, 'pglite'), { recursive: true });
  const folder = new PGlite(join(templateDir, 'pglite'), {
    loadDataDir: dump,
    extensions: PGLITE_EXTENSIONS,
  });
  await folder.waitReady;
  await folder.close();
  if (!existsSync(join(templateDir, 'pglite', 'PG_VERSION')))
    throw new Error(`the PGlite template folder was not written: ${templateDir}`);
  project.provide('pgliteTemplateDir', templateDir);
}

export default async function setup(project: TestProject) {
  const run = makeRunTmpdir();
  const adminUrl = process.env.TEST_DATABASE_URL;
  let templateName: string | null = null;
  try {
    await preparePgliteTemplate(project, run.dir);
    if (adminUrl) {
      // Test databases are named after the template (tiendo_t_<pid>_<time>_<random>,
      // database.ts), so this run drops its own and never those of a run beside it.
      templateName = `tiendo_tpl_${process.pid}_${Date.now()}`;
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${templateName}`);
      await admin.end();
      const tpl = openPostgres(withDatabase(adminUrl, templateName));
      await tpl.migrate();
      await loadReferenceData(tpl.db, { actor: { id: 'test' } });
      await tpl.close();
    }
  } catch (e) {
    run.remove();
    throw e;
  }
  project.provide('postgresTemplate', templateName);

  return async () => {
    run.remove();
    if (adminUrl && templateName) {
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      const own = `${testDatabasePrefix(templateName).replaceAll('_', '\\_')}%`;
      const leftovers = await admin.query<{ datname: string }>(
        'SELECT datname FROM pg_database WHERE datname LIKE $1 OR datname = $2',
        [own, templateName],
      );
      for (const { datname } of leftovers.rows)
        await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
      await admin.end();
    }
  };
}

/** Test databases cloned from a template are named with this prefix (see database.ts). */
export function testDatabasePrefix(templateName: string): string {
  return `${templateName.replace(/^tiendo_tpl_/, 'tiendo_t_')}_`;
}
