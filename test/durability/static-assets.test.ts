// The web client's files: hashed assets compressed (br, gzip) and cached for a year as immutable;
// index.html and the client-side routes revalidated every time; API JSON compressed when large.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/client.js';
import { singleTenant } from '../../src/features/tenants/hosts.js';
import { type App, buildApp } from '../../src/server/app.js';

const IMMUTABLE = 'public, max-age=31536000, immutable';
const SCRIPT = `export const rows = [${Array.from({ length: 2000 }, (_, i) => `{ id: ${i}, name: "Nhiệm vụ ${i}" }`).join(', ')}];\n`;
const STYLE = `${Array.from({ length: 200 }, (_, i) => `.c${i} { margin: ${i}px; }`).join('\n')}\n`;
const INDEX = `<!doctype html><html><head><script type="module" src="/assets/index-B1a2C3d4.js"></script></head><body><div id="root"></div>${' '.repeat(2000)}</body></html>`;

describe('web client files', () => {
  const webDir = mkdtempSync(join(tmpdir(), 'tiendo-web-'));
  let app: App;
  beforeAll(async () => {
    mkdirSync(join(webDir, 'assets'));
    writeFileSync(join(webDir, 'index.html'), INDEX);
    writeFileSync(join(webDir, 'assets', 'index-B1a2C3d4.js'), SCRIPT);
    writeFileSync(join(webDir, 'assets', 'index-Zz9Yy8Xx.css'), STYLE);
    // No route used here reaches the database (the tenant is given, not looked up).
    app = await buildApp({
      db: {} as Db,
      tenants: singleTenant({
        id: '00000000-0000-0000-0000-000000000000',
        code: 'test',
        name: 'Tỉnh Thử nghiệm',
        province: { code: '00', name: 'Tỉnh Thử nghiệm' },
      }),
      webDir,
    });
  });
  afterAll(async () => {
    await app?.close();
    rmSync(webDir, { recursive: true, force: true });
  });

  it('serves a hashed script with brotli and a year of immutable caching', async () => {
    const res = await app.inject({
      url: '/assets/index-B1a2C3d4.js',
      headers: { 'accept-encoding': 'gzip, deflate, br' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['cache-control']).toBe(IMMUTABLE);
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.rawPayload.length).toBeLessThan(SCRIPT.length / 4);
    expect(brotliDecompressSync(res.rawPayload).toString()).toBe(SCRIPT);
  });

  it('serves gzip to a client without brotli, and as is to one asking for nothing', async () => {
    const gz = await app.inject({
      url: '/assets/index-Zz9Yy8Xx.css',
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.headers['cache-control']).toBe(IMMUTABLE);
    expect(gunzipSync(gz.rawPayload).toString()).toBe(STYLE);
    const plain = await app.inject({
      url: '/assets/index-Zz9Yy8Xx.css',
      headers: { 'accept-encoding': 'identity' },
    });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(STYLE);
  });

  it('revalidates index.html and client-side routes (no-cache)', async () => {
    for (const url of ['/', '/index.html', '/tasks/123', '/plans']) {
      const res = await app.inject({ url, headers: { 'accept-encoding': 'br' } });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type'], url).toMatch(/text\/html/);
      expect(res.headers['cache-control'], url).toBe('no-cache');
      expect(res.headers['content-encoding'], url).toBe('br');
    }
  });

  it('answers 404 for a missing asset instead of the web client', async () => {
    const res = await app.inject({ url: '/assets/index-gone.js' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['cache-control']).not.toBe(IMMUTABLE);
  });

  it('compresses API JSON above the threshold, not below it', async () => {
    const big = await app.inject({
      url: '/api/openapi.json',
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(big.statusCode).toBe(200);
    expect(big.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(big.rawPayload).toString())).toHaveProperty('openapi');
    const small = await app.inject({ url: '/api/health', headers: { 'accept-encoding': 'gzip' } });
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(small.json()).toEqual({ status: 'ok' });
  });
});
