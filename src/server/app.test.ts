import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../test/support/app.js';

type Parameter = { name: string; in: string; required?: boolean; schema?: unknown };
type Response = { description?: string; content?: Record<string, { schema?: unknown }> };
type Operation = {
  operationId?: string;
  tags?: unknown;
  parameters?: Parameter[];
  responses?: Record<string, Response>;
};
type OpenApiDocument = {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, unknown>>;
  components?: Record<string, unknown>;
};

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
const PATH_ITEM_FIELDS = new Set<string>([
  ...METHODS,
  '$ref',
  'summary',
  'description',
  'servers',
  'parameters',
]);
const NIL_UUID = '00000000-0000-4000-8000-000000000000';

/** Every operation of the document as [path, method, operation]. */
function operations(doc: OpenApiDocument): [string, string, Operation][] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    METHODS.filter((m) => m in item).map((m) => [path, m, item[m] as Operation] as const),
  ) as [string, string, Operation][];
}

/** Every `$ref` anywhere in the document, with the JSON pointer of the object holding it. */
function refs(node: unknown, at = '#', out: { at: string; ref: string }[] = []) {
  if (Array.isArray(node)) {
    for (const [i, x] of node.entries()) refs(x, `${at}/${i}`, out);
  } else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string') out.push({ at, ref: v });
      else refs(v, `${at}/${k.replaceAll('~', '~0').replaceAll('/', '~1')}`, out);
    }
  }
  return out;
}

function resolve(doc: unknown, ref: string): unknown {
  if (!ref.startsWith('#/')) return undefined;
  return ref
    .slice(2)
    .split('/')
    .map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'))
    .reduce<unknown>(
      (node, key) =>
        node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined,
      doc,
    );
}

const hasSchema = (r: Response) => Object.values(r.content ?? {}).some((c) => c.schema != null);

// These answer a file (.docx, .xlsx, evidence), not JSON; their routes (tasks, audit) declare no
// response schema. Everything else must describe what it returns.
const FILE_DOWNLOADS = new Set([
  '/api/evidence/{id}',
  '/api/urging/letter.docx',
  '/api/audit/export.xlsx',
  '/api/projects/capital-template',
  '/api/periods/{periodId}/agency-reports/{agencyId}/template.xlsx',
  '/api/periods/{periodId}/consolidated-report.docx',
  '/api/periods/{periodId}/consolidated-report/appendix.docx',
  '/api/periods/{periodId}/consolidated-report/appendix.xlsx',
  // The province's commune boundaries: a GeoJSON file of reference/geo/ sent as it is.
  '/api/map/communes',
]);

describe('the HTTP application', () => {
  const ctx = useTestApp('pglite');
  const openapi = async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    return res.json<OpenApiDocument>();
  };

  it('publishes a valid OpenAPI 3 document generated from the route schemas', async () => {
    const doc = await openapi();
    expect(doc.openapi).toMatch(/^3\.\d+\.\d+$/);
    expect(doc.info.title).toEqual(expect.any(String));
    expect(doc.info.version).toEqual(expect.any(String));

    const ops = operations(doc);
    expect(ops.length).toBeGreaterThan(0);
    for (const [path, item] of Object.entries(doc.paths)) {
      expect(path, path).toMatch(/^\/api\//);
      expect(
        Object.keys(item).filter((k) => !PATH_ITEM_FIELDS.has(k)),
        path,
      ).toEqual([]);
      expect(
        METHODS.some((m) => m in item),
        path,
      ).toBe(true);
    }
    const operationIds = ops.flatMap(([, , op]) => (op.operationId ? [op.operationId] : []));
    expect(new Set(operationIds).size).toBe(operationIds.length);

    for (const [path, method, op] of ops) {
      const where = `${method.toUpperCase()} ${path}`;
      // Responses: at least one, each with a valid status key and a description; one a success.
      const responses = Object.entries(op.responses ?? {});
      expect(responses.length, where).toBeGreaterThan(0);
      for (const [status, response] of responses) {
        expect(status, where).toMatch(/^([1-5]\d\d|[1-5]XX|default)$/);
        expect(response.description, where).toEqual(expect.any(String));
      }
      expect(
        responses.some(([status]) => status.startsWith('2')),
        where,
      ).toBe(true);
      if (op.tags !== undefined) {
        expect(Array.isArray(op.tags) && op.tags.every((t) => typeof t === 'string'), where).toBe(
          true,
        );
      }

      // Parameters: a known location, unique, path parameters required and exactly those templated.
      const parameters = op.parameters ?? [];
      for (const p of parameters) {
        expect(['path', 'query', 'header', 'cookie'], where).toContain(p.in);
        expect(p.name, where).toEqual(expect.any(String));
        if (p.in === 'path') expect(p.required, `${where} {${p.name}}`).toBe(true);
      }
      const keys = parameters.map((p) => `${p.in}:${p.name}`);
      expect(new Set(keys).size, where).toBe(keys.length);
      const templated = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]).sort();
      const declared = parameters
        .filter((p) => p.in === 'path')
        .map((p) => p.name)
        .sort();
      expect(declared, where).toEqual(templated);
    }

    // Every reference points inside the document.
    const dangling = refs(doc).filter(({ ref }) => resolve(doc, ref) === undefined);
    // Recursive schemas (plan tree, legal basis, outline) are named components.
    expect(dangling).toEqual([]);
  });

  it('lists the feature paths, each described by a response schema', async () => {
    const doc = await openapi();
    // A representative set of every feature's endpoints (not the complete list).
    const expected: [string, string][] = [
      ['post', '/api/auth/login'],
      ['get', '/api/auth/session'],
      ['get', '/api/users'],
      ['post', '/api/users'],
      ['get', '/api/agencies'],
      ['get', '/api/agencies/{id}'],
      ['get', '/api/plans'],
      ['get', '/api/plans/{id}'],
      ['post', '/api/imports'],
      ['put', '/api/imports/{id}'],
      ['post', '/api/imports/{id}/confirm'],
      ['get', '/api/tasks'],
      ['get', '/api/tasks/{id}'],
      ['post', '/api/tasks/{id}/progress'],
      ['get', '/api/evidence/{id}'],
      ['get', '/api/targets'],
      ['post', '/api/targets/{id}/actuals'],
      ['get', '/api/projects'],
      ['post', '/api/projects/{id}/updates'],
      ['post', '/api/projects/capital-import'],
      ['get', '/api/my-work'],
      ['get', '/api/urging'],
      ['get', '/api/reorganisation'],
      ['get', '/api/audit'],
      ['get', '/api/notifications'],
      ['get', '/api/outbox'],
    ];
    for (const [method, path] of expected) expect(doc.paths[path], path).toHaveProperty(method);
    // Infrastructure stays out of the document.
    expect(doc.paths).not.toHaveProperty('/api/health');
    expect(doc.paths).not.toHaveProperty('/api/openapi.json');

    for (const [path, item] of Object.entries(doc.paths)) {
      if (FILE_DOWNLOADS.has(path)) continue;
      const described = METHODS.filter((m) => m in item).some((m) =>
        Object.values((item[m] as Operation).responses ?? {}).some(hasSchema),
      );
      expect(described, `${path} has no operation with a response schema`).toBe(true);
    }
    // The exemptions are real paths (a renamed download must not hide behind a stale entry).
    for (const path of FILE_DOWNLOADS) expect(doc.paths, path).toHaveProperty([path]);

    const agencies = doc.paths['/api/agencies']?.get as Operation;
    expect(agencies.parameters?.map((p) => p.name)).toContain('q');
  });

  it('leaves only health, the OpenAPI document, signing in, the tenant’s name and the public view to anonymous callers', async () => {
    const health = await ctx.app.inject({ method: 'GET', url: '/api/health' });
    expect(health.json()).toEqual({ status: 'ok' });
    // The login page names the province before anyone signs in: its name, nothing more.
    const tenant = await ctx.app.inject({ method: 'GET', url: '/api/tenant' });
    expect(tenant.statusCode).toBe(200);
    expect(Object.keys(tenant.json()).sort()).toEqual(['code', 'name', 'province']);
    const session = await ctx.app.inject({ method: 'GET', url: '/api/auth/session' });
    expect(session.statusCode).not.toBe(401);
    const login = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'nobody', password: 'not the password' },
    });
    expect(login.json().error?.code).not.toBe('unauthenticated');

    // Every documented GET that needs no query parameter refuses an anonymous caller.
    const doc = await openapi();
    const gets = operations(doc).filter(
      ([path, method, op]) =>
        method === 'get' &&
        path !== '/api/auth/session' &&
        path !== '/api/tenant' &&
        !(op.parameters ?? []).some((p) => p.in === 'query' && p.required),
    );
    // The public view (features/public-view/rule.ts decides its fields) is the one other door.
    const publicGets = gets.filter(([path]) => path.startsWith('/api/public/'));
    expect(publicGets.map(([path]) => path).sort()).toEqual([
      '/api/public/feedback/form',
      '/api/public/plans',
      '/api/public/plans/{id}',
    ]);
    const plans = await ctx.app.inject({ method: 'GET', url: '/api/public/plans' });
    expect(plans.statusCode).toBe(200);
    expect(gets.length).toBeGreaterThan(10);
    for (const [path] of gets.filter((g) => !publicGets.includes(g))) {
      const res = await ctx.app.inject({
        method: 'GET',
        url: path.replace(/\{[^}]+\}/g, NIL_UUID),
      });
      expect(res.statusCode, path).toBe(401);
      expect(res.json().error.code, path).toBe('unauthenticated');
    }
  });

  it('answers unknown API paths with the JSON error shape', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/nothing-here' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: { code: 'not_found', message: 'Not found', issues: [] } });
  });
});
