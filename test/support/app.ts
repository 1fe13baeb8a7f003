// One database clone and one application per test file (or per engine in describe.each), with its
// own folder for evidence files, removed afterwards.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { type App, type AppOptions, buildApp } from '../../src/server/app.js';
import { createTestDatabase, type Engine, type TestDatabase } from './database.js';

export type TestContext = { readonly database: TestDatabase; readonly app: App };

/** Registers beforeAll/afterAll hooks; read the fields inside tests, once the hooks have run. */
export function useTestApp(engine: Engine, options: Partial<AppOptions> = {}): TestContext {
  let database: TestDatabase | undefined;
  let app: App | undefined;
  let filesDir: string | undefined;
  beforeAll(async () => {
    filesDir = mkdtempSync(join(tmpdir(), 'tiendo-files-'));
    database = await createTestDatabase(engine);
    app = await buildApp({ db: database.db, tenantId: database.tenantId, filesDir, ...options });
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
    if (filesDir) rmSync(filesDir, { recursive: true, force: true });
  });
  return {
    get database() {
      if (!database) throw new Error('useTestApp: read the database inside a test');
      return database;
    },
    get app() {
      if (!app) throw new Error('useTestApp: read the app inside a test');
      return app;
    },
  };
}
