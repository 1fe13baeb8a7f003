// Evidence files reach the disk before the row that points to them can commit: the file is fsynced
// before it is renamed into place, and its folder after; a start sweeps what a crash left behind.
import { existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { storeEvidence, sweepEvidence } from '../../src/features/tasks/evidence-store.js';
import { evidencePath, LocalFolderStorage } from '../../src/server/storage/local-folder.js';
import { SAMPLE_PDF } from '../support/multipart.js';

// Records, in order, every fsync (by path) and every rename the evidence store makes.
const events = vi.hoisted(() => [] as string[]);
vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>();
  const open: typeof actual.open = async (path, ...rest) => {
    const handle = await actual.open(path, ...rest);
    const sync = handle.sync.bind(handle);
    handle.sync = async () => {
      await sync();
      events.push(`sync ${String(path)}`);
    };
    return handle;
  };
  const rename: typeof actual.rename = async (from, to) => {
    await actual.rename(from, to);
    events.push(`rename ${String(from)} -> ${String(to)}`);
  };
  return { ...actual, open, rename, default: { ...actual, open, rename } };
});

const roots: string[] = [];
function filesDir() {
  const dir = mkdtempSync(join(tmpdir(), 'tiendo-evidence-'));
  roots.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of roots) rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  events.length = 0;
});

describe('storing an evidence file', () => {
  it('fsyncs the file before renaming it into place, then its folder and new parents', async () => {
    const dir = filesDir();
    const stored = await storeEvidence(
      new LocalFolderStorage(dir),
      'bao-cao.pdf',
      Readable.from([SAMPLE_PDF]),
    );
    const target = evidencePath(dir, stored.sha256);
    const renameAt = events.findIndex((e) => e.endsWith(`-> ${target}`));
    expect(renameAt).toBeGreaterThan(0);
    const tmp = events[renameAt]?.replace(/^rename (.*) -> .*$/, '$1');
    expect(events.slice(0, renameAt)).toContain(`sync ${tmp}`);
    const after = events.slice(renameAt + 1);
    expect(after).toContain(`sync ${dirname(target)}`);
    // First file: the shard folder and the evidence folder were created, so their parents too.
    expect(after).toContain(`sync ${join(dir, 'evidence')}`);
    expect(after).toContain(`sync ${dir}`);
  });

  it('syncs a file it finds already stored (a concurrent or interrupted upload) and its folder', async () => {
    const dir = filesDir();
    const first = await storeEvidence(
      new LocalFolderStorage(dir),
      'a.pdf',
      Readable.from([SAMPLE_PDF]),
    );
    events.length = 0;
    const again = await storeEvidence(
      new LocalFolderStorage(dir),
      'b.pdf',
      Readable.from([SAMPLE_PDF]),
    );
    expect(again.created).toBe(false);
    const target = evidencePath(dir, first.sha256);
    expect(events).toContain(`sync ${target}`);
    expect(events).toContain(`sync ${dirname(target)}`);
  });
});

describe('sweeping at start', () => {
  const sha = (c: string) => c.repeat(64);
  function put(dir: string, sha256: string, mtime: Date) {
    const path = evidencePath(dir, sha256);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, 'x');
    utimesSync(path, mtime, mtime);
    return path;
  }

  it('removes unreferenced files and temporary leftovers older than the start, nothing else', async () => {
    const dir = filesDir();
    const startedAt = new Date();
    const before = new Date(startedAt.getTime() - 60_000);
    const after = new Date(startedAt.getTime() + 60_000);
    const referenced = put(dir, sha('a'), before);
    const orphan = put(dir, sha('b'), before);
    const newer = put(dir, sha('c'), after);
    mkdirSync(join(dir, 'tmp'), { recursive: true });
    const leftover = join(dir, 'tmp', 'upload-1');
    writeFileSync(leftover, 'partial');
    utimesSync(leftover, before, before);
    const current = join(dir, 'tmp', 'upload-2');
    writeFileSync(current, 'partial');
    utimesSync(current, after, after);

    const swept = await sweepEvidence(
      new LocalFolderStorage(dir),
      (s) => s === sha('a'),
      startedAt,
    );

    expect(swept).toEqual({ orphans: 1, temporary: 1 });
    expect(existsSync(referenced)).toBe(true);
    expect(existsSync(orphan)).toBe(false);
    expect(existsSync(newer)).toBe(true);
    expect(existsSync(leftover)).toBe(false);
    expect(existsSync(current)).toBe(true);
  });

  it('is a no-op on a files folder that does not exist yet', async () => {
    expect(
      await sweepEvidence(
        new LocalFolderStorage(join(filesDir(), 'none')),
        () => false,
        new Date(),
      ),
    ).toEqual({
      orphans: 0,
      temporary: 0,
    });
  });
});
