import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/support/app.js';
import { engines } from '../../../test/support/database.js';
import { type Auth, as, createCast, loginCast } from '../../../test/support/users.js';
import { readDirectorySnapshot, writeDirectorySnapshot } from './directory-snapshot.js';
import { snapshotDirectories } from './directory-snapshots.js';

const directory = (provinceName: string) => ({
  agencies: [],
  successions: [],
  provinceName,
  provinceNames: [],
});

describe('registry snapshots for the dry run', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tiendo-snapshot-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads nothing before the first write, then a tenant by code or the first created', () => {
    expect(readDirectorySnapshot(dir)).toBeNull();
    writeDirectorySnapshot(dir, {
      tenant: { code: 'b', name: 'Tỉnh B', createdAt: '2026-02-01T00:00:00.000Z' },
      savedAt: '2026-12-01T00:00:00.000Z',
      directory: directory('B'),
    });
    writeDirectorySnapshot(dir, {
      tenant: { code: 'a', name: 'Tỉnh A', createdAt: '2026-01-01T00:00:00.000Z' },
      savedAt: '2026-12-01T00:00:00.000Z',
      directory: directory('A'),
    });
    expect(readDirectorySnapshot(dir)?.directory.provinceName).toBe('A');
    expect(readDirectorySnapshot(dir, 'b')?.directory.provinceName).toBe('B');
    expect(readDirectorySnapshot(dir, 'c')).toBeNull();
    // Written aside and renamed: no temporary file stays.
    expect(readdirSync(join(dir, 'registry')).sort()).toEqual(['a.json', 'b.json']);
  });
});

describe.each(engines())('the registry snapshot follows the registry on %s', (engine) => {
  const changed: string[] = [];
  const ctx = useTestApp(engine, { onRegistryChange: (tenantId) => changed.push(tenantId) });
  const dataDir = mkdtempSync(join(tmpdir(), 'tiendo-snapshot-app-'));
  let admin: Auth;
  beforeAll(async () => {
    await createCast(ctx.database.db, ctx.database.tenantId);
    admin = (await loginCast(ctx.app)).admin;
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('is written from the database, and announced after a registry write, not after a read', async () => {
    expect(await snapshotDirectories(ctx.database.db, dataDir)).toBeGreaterThan(0);
    const first = readDirectorySnapshot(dataDir);
    expect(first?.directory.agencies.some((a) => a.code === 'STC')).toBe(true);

    await as(ctx.app, admin, { method: 'GET', url: '/api/agencies' });
    expect(changed).toEqual([]);
    const added = await as(ctx.app, admin, {
      method: 'POST',
      url: '/api/agencies',
      payload: { name: 'Trung tâm Thử nghiệm Ảnh chụp', kind: 'other' },
    });
    expect(added.statusCode).toBe(201);
    await expect.poll(() => changed).toEqual([ctx.database.tenantId]);
    // What the server does when told: the new agency is in the next dry run's registry.
    await snapshotDirectories(ctx.database.db, dataDir, ctx.database.tenantId);
    expect(
      readDirectorySnapshot(dataDir)?.directory.agencies.some(
        (a) => a.name === 'Trung tâm Thử nghiệm Ảnh chụp',
      ),
    ).toBe(true);
  });
});
