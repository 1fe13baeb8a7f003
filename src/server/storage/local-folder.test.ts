// The local folder as an EvidenceStorage: what the routes, the evidence forms and the sweep at
// start rely on (evidence-storage.ts), whichever instance wrote the file.
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { SAMPLE_PDF } from '../../../test/support/multipart.js';
import { storeEvidence, sweepEvidence } from '../../features/tasks/evidence-store.js';
import { openEvidenceStorage } from './evidence-storage.js';
import { evidencePath, LocalFolderStorage, readAll } from './local-folder.js';

const roots: string[] = [];
function folder() {
  const dir = mkdtempSync(join(tmpdir(), 'tiendo-storage-'));
  roots.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of roots) rmSync(dir, { recursive: true, force: true });
});
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('the local folder storage', () => {
  it('stores by SHA-256, streams it back, says whether it exists, deletes it', async () => {
    const storage = new LocalFolderStorage(folder());
    const put = await storage.put(Readable.from([SAMPLE_PDF]), () => undefined);
    expect(put).toEqual({ sha256: sha(SAMPLE_PDF), size: SAMPLE_PDF.length, created: true });
    expect(await storage.exists(put.sha256)).toBe(true);
    const stream = await storage.get(put.sha256);
    expect(stream && (await readAll(stream)).equals(SAMPLE_PDF)).toBe(true);
    expect((await storage.put(Readable.from([SAMPLE_PDF]), () => undefined)).created).toBe(false);
    await storage.delete(put.sha256);
    expect(await storage.exists(put.sha256)).toBe(false);
    expect(await storage.get(put.sha256)).toBeNull();
    // Not a checksum: nothing is looked up outside the evidence folder.
    expect(await storage.get('../../etc/passwd')).toBeNull();
  });

  it('keeps nothing of an upload the caller refuses', async () => {
    const dir = folder();
    const storage = new LocalFolderStorage(dir);
    await expect(
      storage.put(Readable.from([Buffer.from('not a pdf')]), ({ head }) => {
        if (head[0] !== 0x25) throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(readdirSync(join(dir, 'tmp'))).toEqual([]);
    expect(readdirSync(dir)).toEqual(['tmp']);
  });

  it('lists what it holds with when it was written; storing it again makes it new', async () => {
    const dir = folder();
    const storage = new LocalFolderStorage(dir);
    const stored = await storeEvidence(storage, 'a.pdf', Readable.from([SAMPLE_PDF]));
    const old = new Date(Date.now() - 3 * 60 * 60_000);
    utimesSync(evidencePath(dir, stored.sha256), old, old);
    const listed = async () => {
      const all = [];
      for await (const e of storage.list()) all.push(e);
      return all;
    };
    expect((await listed()).map((e) => [e.sha256, e.writtenAt.getTime()])).toEqual([
      [stored.sha256, old.getTime()],
    ]);
    // Another upload of the same content (on any instance) refreshes it: a sweep that began
    // before leaves it for the row about to refer to it.
    await storeEvidence(storage, 'b.pdf', Readable.from([SAMPLE_PDF]));
    const hourAgo = new Date(Date.now() - 60 * 60_000);
    expect(await sweepEvidence(storage, () => false, hourAgo)).toEqual({
      orphans: 0,
      temporary: 0,
    });
    expect(await storage.exists(stored.sha256)).toBe(true);
    utimesSync(evidencePath(dir, stored.sha256), old, old);
    expect(await sweepEvidence(storage, () => false, hourAgo)).toEqual({
      orphans: 1,
      temporary: 0,
    });
  });

  it('is the folder the configuration names', () => {
    const dir = folder();
    const storage = openEvidenceStorage({ filesDir: dir });
    expect(storage).toBeInstanceOf(LocalFolderStorage);
    expect(storage.description).toBe(`folder ${dir}`);
  });
});
