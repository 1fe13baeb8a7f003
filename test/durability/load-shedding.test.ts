// An overloaded server answers 503 with Retry-After instead of hanging, and /api/health answers
// whatever the load. A small configured limit (one at a time, one waiting) and a route that holds
// its place until the test lets it go: the test waits for conditions, never for time.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import type { Db } from '../../src/db/client.js';
import { singleTenant } from '../../src/features/tenants/hosts.js';
import { buildApp } from '../../src/server/app.js';

const TENANT = '00000000-0000-0000-0000-000000000000';

/** Requests to /api/test/slow/:name stay in the handler until released by name. */
async function appWithSlowRoute(load: {
  maxInFlight: number;
  maxQueue: number;
  maxQueueWaitMs: number;
}) {
  // No route used here reaches the database (the tenant is given, not looked up).
  const app = await buildApp({
    db: {} as Db,
    tenants: singleTenant({
      id: TENANT,
      code: 'test',
      name: 'Tỉnh Thử nghiệm',
      province: { code: '00', name: 'Tỉnh Thử nghiệm' },
    }),
    load,
  });
  const waiting = new Map<string, () => void>();
  app.get<{ Params: { name: string } }>(
    '/api/test/slow/:name',
    { config: { public: true } },
    async (request) => {
      await new Promise<void>((resolve) => waiting.set(request.params.name, resolve));
      return { name: request.params.name };
    },
  );
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('not listening');
  const base = `http://127.0.0.1:${address.port}`;
  const stats = () => app.loadStats?.() ?? { inFlight: -1, queued: -1 };
  return {
    app,
    stats,
    get: (path: string, signal?: AbortSignal) => fetch(`${base}${path}`, signal ? { signal } : {}),
    entered: (name: string) => waiting.has(name),
    release: (name: string) => waiting.get(name)?.(),
    releaseAll: () => {
      for (const resolve of waiting.values()) resolve();
    },
  };
}

describe('load shedding', () => {
  let server: Awaited<ReturnType<typeof appWithSlowRoute>>;
  beforeAll(async () => {
    server = await appWithSlowRoute({ maxInFlight: 1, maxQueue: 1, maxQueueWaitMs: 600_000 });
  });
  afterAll(async () => {
    server?.releaseAll();
    // fetch may leave a connection open that never sent a request (after an abort); the server
    // would wait for it to time out.
    server?.app.server.closeAllConnections();
    await server?.app.close();
  });

  it('works on one, queues one, refuses the third at once with 503 and Retry-After', async () => {
    const first = server.get('/api/test/slow/first');
    await expect.poll(() => server.entered('first')).toBe(true);
    const second = server.get('/api/test/slow/second');
    await expect.poll(() => server.stats()).toEqual({ inFlight: 1, queued: 1 });

    const third = await server.get('/api/test/slow/third');
    expect(third.status).toBe(503);
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await third.json()) as { error: { code: string } }).error.code).toBe('server_busy');
    expect(server.entered('third')).toBe(false);

    // Health answers while the API is saturated; the web client's paths are not counted either.
    expect((await server.get('/api/health')).status).toBe(200);
    expect((await server.get('/tasks/1')).status).toBe(404);

    // Letting the first go hands its place to the one waiting.
    expect(server.entered('second')).toBe(false);
    server.release('first');
    expect((await first).status).toBe(200);
    await expect.poll(() => server.entered('second')).toBe(true);
    server.release('second');
    expect((await second).status).toBe(200);
    await expect.poll(() => server.stats()).toEqual({ inFlight: 0, queued: 0 });
  });

  it('frees the place of a client that went away while waiting or being served', async () => {
    const first = new AbortController();
    const a = server.get('/api/test/slow/a').catch(() => null);
    await expect.poll(() => server.entered('a')).toBe(true);
    const queued = server.get('/api/test/slow/b', first.signal).catch(() => null);
    await expect.poll(() => server.stats()).toEqual({ inFlight: 1, queued: 1 });
    first.abort();
    await queued;
    await expect.poll(() => server.stats()).toEqual({ inFlight: 1, queued: 0 });
    server.release('a');
    await a;
    await expect.poll(() => server.stats()).toEqual({ inFlight: 0, queued: 0 });
    expect(server.entered('b')).toBe(false);
  });
});

describe('a queued request that waits too long', () => {
  let server: Awaited<ReturnType<typeof appWithSlowRoute>>;
  beforeAll(async () => {
    server = await appWithSlowRoute({ maxInFlight: 1, maxQueue: 5, maxQueueWaitMs: 50 });
  });
  afterAll(async () => {
    server?.releaseAll();
    // fetch may leave a connection open that never sent a request (after an abort); the server
    // would wait for it to time out.
    server?.app.server.closeAllConnections();
    await server?.app.close();
  });

  it('is refused with 503 once its wait is over, while the first still runs', async () => {
    const first = server.get('/api/test/slow/held');
    await expect.poll(() => server.entered('held')).toBe(true);
    const second = await server.get('/api/test/slow/late');
    expect(second.status).toBe(503);
    expect(second.headers.get('retry-after')).toBe('1');
    expect(server.entered('late')).toBe(false);
    server.release('held');
    expect((await first).status).toBe(200);
  });
});

describe('limits from the environment', () => {
  it('has a short line on the embedded database and a long one on PostgreSQL', () => {
    const embedded = loadConfig({});
    const server = loadConfig({ DATABASE_URL: 'postgres://x@127.0.0.1/db' });
    expect(embedded.load.maxInFlight).toBeLessThan(server.load.maxInFlight);
    expect(server.load.maxInFlight + server.load.maxQueue).toBeGreaterThanOrEqual(200);
    const set = loadConfig({
      TIENDO_MAX_IN_FLIGHT: '1',
      TIENDO_MAX_QUEUE: '0',
      TIENDO_MAX_QUEUE_WAIT_MS: '250',
      TIENDO_DB_POOL_SIZE: '5',
    });
    expect(set.load).toEqual({ maxInFlight: 1, maxQueue: 0, maxQueueWaitMs: 250 });
    expect(set.databasePoolSize).toBe(5);
    expect(() => loadConfig({ TIENDO_MAX_IN_FLIGHT: '0' })).toThrow(/TIENDO_MAX_IN_FLIGHT/);
  });
});
