// Anonymous callers are refused (401) by the authenticate hook, before their body is read or
// validated; only routes declared public answer them.
import { randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.js';
import { type App, buildApp } from '../../server/app.js';

describe('anonymous callers', () => {
  let database: TestDatabase;
  let app: App;
  let bodiesParsed = 0;

  beforeAll(async () => {
    database = await createTestDatabase('pglite');
    app = await buildApp({ db: database.db, tenantId: database.tenantId });
    // Counts every request whose body Fastify started to read.
    app.addHook('preParsing', async (_request, _reply, payload) => {
      bodiesParsed++;
      return payload;
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('get 401 before validation: no schema disclosed for an invalid body', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/users',
      payload: { username: 1, role: 'nobody' },
    });
    expect(res.statusCode).toBe(401);
    expect(res.json().error).toMatchObject({ code: 'unauthenticated', issues: [] });
    const query = await app.inject({ method: 'GET', url: '/api/tasks?limit=-5&state=x' });
    expect(query.statusCode).toBe(401);
  });

  it('reach the public routes only', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/api/openapi.json' })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/api/auth/session' })).json()).toEqual({
      user: null,
      csrfToken: null,
    });
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'khongco', password: 'sai mat khau 1' },
    });
    expect(login.statusCode).toBe(401);
    expect(login.json().error.code).toBe('invalid_credentials');
    // An unknown API path is still a 404.
    expect((await app.inject({ method: 'GET', url: '/api/khong-co' })).statusCode).toBe(404);
  });

  it('are refused an upload before its body is read', async () => {
    // The counter sees bodies that are read (signing in is public).
    const control = bodiesParsed;
    await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'khongco', password: 'sai mat khau 1' },
    });
    expect(bodiesParsed).toBe(control + 1);
    const before = bodiesParsed;
    const address = app.server.address();
    if (!address || typeof address !== 'object') throw new Error('not listening');
    const total = 8 * 1024 * 1024;
    const boundary = '----tiendoanon';
    const socket = connect(address.port, '127.0.0.1');
    let sent = 0;
    let answer = '';
    const answered = new Promise<void>((resolve, reject) => {
      socket.on('data', (chunk) => {
        answer += chunk.toString('latin1');
        if (answer.includes('\r\n\r\n')) resolve();
      });
      socket.on('error', reject);
      socket.on('close', () => resolve());
    });
    socket.write(
      [
        `POST /api/tasks/${randomUUID()}/progress HTTP/1.1`,
        `Host: 127.0.0.1:${address.port}`,
        `Content-Type: multipart/form-data; boundary=${boundary}`,
        `Content-Length: ${total}`,
        '',
        `--${boundary}\r\nContent-Disposition: form-data; name="evidence"; filename="lon.pdf"\r\n\r\n`,
      ].join('\r\n'),
    );
    // Only the first 64 KB; the rest would follow once the server asks for it. It answers first.
    const chunk = Buffer.alloc(64 * 1024, 0x41);
    socket.write(chunk);
    sent += chunk.length;
    await answered;
    socket.destroy();
    expect(answer.split('\r\n')[0]).toBe('HTTP/1.1 401 Unauthorized');
    expect(sent).toBeLessThan(total);
    expect(bodiesParsed).toBe(before);
  });
});
