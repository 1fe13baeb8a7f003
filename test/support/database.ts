// A fresh database per test file, on every engine the run has: always PGlite, and PostgreSQL when
// TEST_DATABASE_URL is set (CI). Use with describe.each(engines()).
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { inject } from 'vitest';
import { type Database, openPostgres, PGLITE_EXTENSIONS, wrapPglite } from '../../src/db/client.js';
import { firstTenantId } from '../../src/features/reference-data/service.js';
import { testDatabasePrefix } from './global-setup.js';

export type Engine = 'pglite' | 'postgres';

export function engines(): Engine[] {
  return inject('postgresTemplate') ? ['pglite', 'postgres'] : ['pglite'];
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export type TestDatabase = Database & { tenantId: string; url: string | null };

export async function createTestDatabase(engine: Engine): Promise<TestDatabase> {
  let database: Database;
  let url: string | null = null;
  let drop = async () => undefined;
  if (engine === 'pglite') {
    const blob = new Blob([readFileSync(inject('pgliteTemplate'))]);
    database = wrapPglite(new PGlite({ loadDataDir: blob, extensions: PGLITE_EXTENSIONS }));
  } else {
    const adminUrl = process.env.TEST_DATABASE_URL as string;
    const template = inject('postgresTemplate') as string;
    // Named after the run's template, so the run drops its own databases at the end (global-setup).
    const name = `${testDatabasePrefix(template)}${Math.random().toString(36).slice(2, 10)}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
    await admin.end();
    url = withDatabase(adminUrl, name);
    database = openPostgres(url);
    drop = async () => {
      const a = new pg.Client({ connectionString: adminUrl });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    };
  }
  // The template's tenant: the bundled starter's (reference/tenants/).
  const tenantId = await firstTenantId(database.db);
  if (!tenantId) throw new Error('template has no tenant');
  return {
    ...database,
    tenantId,
    url,
    async close() {
      await database.close();
      await drop();
    },
  };
}

export type TestDataDir = {
  /** A TIENDO_DATA_DIR holding the template database (pglite/), as `npm start` or the CLI use it. */
  readonly path: string;
  remove(): void;
};

/** A copy of the run's template as a data folder: a migrated database with reference data. */
export function createTestDataDir(): TestDataDir {
  const path = mkdtempSync(join(tmpdir(), 'tiendo-data-'));
  cpSync(inject('pgliteTemplateDir'), path, { recursive: true });
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}
