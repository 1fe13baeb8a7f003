import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../test/support/app.js';

describe('the HTTP application', () => {
  const ctx = useTestApp('pglite');

  it('publishes an OpenAPI document generated from the route schemas', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/openapi.json' });
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
    const res = await ctx.app.inject({ method: 'GET', url: '/api/nothing-here' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: { code: 'not_found', message: 'Not found', issues: [] } });
  });
});
