import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/support/database.js';
import { type App, buildApp } from './app.js';

describe('the HTTP application', () => {
  let database: TestDatabase;
  let app: App;
  beforeAll(async () => {
    database = await createTestDatabase('pglite');
    app = await buildApp({ db: database.db, tenantId: database.tenantId });
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('publishes an OpenAPI document generated from the route schemas', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(Object.keys(doc.paths).sort()).toEqual([
      '/api/agencies',
      '/api/agencies/{id}',
      '/api/imports',
      '/api/imports/{id}',
      '/api/imports/{id}/confirm',
      '/api/plans',
      '/api/plans/{id}',
    ]);
    expect(
      doc.paths['/api/agencies'].get.parameters.map((p: { name: string }) => p.name),
    ).toContain('q');
  });

  it('answers unknown API paths with the JSON error shape', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/nothing-here' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: { code: 'not_found', message: 'Not found', issues: [] } });
  });
});
