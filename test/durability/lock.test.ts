// The embedded data folder lock: one process at a time, and free again as soon as its holder dies,
// kill -9 included, whatever a stale lock file says.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { DataDirLockedError, lockDataDir } from '../../src/server/bootstrap.js';

const HOLD_LOCK = fileURLToPath(new URL('./fixtures/hold-lock.ts', import.meta.url));
const dirs: string[] = [];
const children: ChildProcess[] = [];
function dataDir() {
  const dir = mkdtempSync(join(tmpdir(), 'tiendo-lock-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** Starts a process that holds the lock on `dir`; resolves once it holds it. */
function holdLock(dir: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', HOLD_LOCK, dir], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('locked')) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`lock holder exited with ${code}`)));
  });
}

describe('data folder lock', () => {
  it('refuses a second holder while the first holds it, and is free after unlock', async () => {
    const dir = dataDir();
    const unlock = await lockDataDir(dir);
    const second = await lockDataDir(dir, { runningWaitMs: 0 }).catch((e: unknown) => e);
    expect(second).toBeInstanceOf(DataDirLockedError);
    expect((second as DataDirLockedError).pid).toBe(process.pid);
    unlock();
    const again = await lockDataDir(dir);
    again();
  });

  it('refuses while another live process holds it', async () => {
    const dir = dataDir();
    const child = await holdLock(dir);
    const error = await lockDataDir(dir, { runningWaitMs: 0 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataDirLockedError);
    expect((error as DataDirLockedError).pid).toBe(child.pid);
  });

  it('is taken at once after its holder is killed with SIGKILL, before anyone reaps it', async () => {
    const dir = dataDir();
    const child = await holdLock(dir);
    child.kill('SIGKILL');
    // No await between the kill and the lock: the child is dying or a zombie, its pid still exists.
    const unlock = await lockDataDir(dir);
    unlock();
  });

  it('ignores a lock file naming a live process that does not hold the lock', async () => {
    const dir = dataDir();
    // Our parent is alive: a pid file alone would say "in use"; the socket is free, so it is not.
    writeFileSync(join(dir, 'tiendo.lock'), `${process.ppid}\n`);
    const unlock = await lockDataDir(dir, { runningWaitMs: 0, exitingWaitMs: 0 });
    unlock();
  });
});
