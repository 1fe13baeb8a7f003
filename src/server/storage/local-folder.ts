// The default evidence storage: a folder (TIENDO_FILES_DIR, default <data dir>/files), local or
// mounted by several instances. Files are `evidence/<first two hex digits>/<sha256>`; uploads are
// streamed to `tmp/<uuid>` while hashed and measured, fsynced, renamed into place and their folder
// fsynced (a rename within one file system is atomic, so a reader never sees half a file, and two
// instances storing the same content at once both end with the one complete file).
import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat, utimes } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { EvidenceStorage, PutResult, StagedContent, StoredEntry } from './evidence-storage.js';

const HEAD_BYTES = 8;

export function evidencePath(filesDir: string, sha256: string) {
  return join(filesDir, 'evidence', sha256.slice(0, 2), sha256);
}

/** fsync of a file, or of a folder (its entries: a file created or renamed into it). */
async function syncPath(path: string) {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, 'r');
  } catch (e) {
    // Windows cannot open a folder to sync it; its file system orders metadata itself.
    if (process.platform === 'win32' && (e as NodeJS.ErrnoException).code === 'EISDIR') return;
    throw e;
  }
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

const exists = (path: string) =>
  stat(path).then(
    () => true,
    (e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') return false;
      throw e;
    },
  );

const entries = async (dir: string) =>
  readdir(dir, { withFileTypes: true }).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return [];
    throw e;
  });

const SHA256 = /^[0-9a-f]{64}$/;

export class LocalFolderStorage implements EvidenceStorage {
  readonly description: string;

  constructor(readonly filesDir: string) {
    this.description = `folder ${filesDir}`;
  }

  path(sha256: string) {
    return evidencePath(this.filesDir, sha256);
  }

  async put(
    content: NodeJS.ReadableStream,
    accept: (staged: StagedContent) => void,
  ): Promise<PutResult> {
    const tmpDir = join(this.filesDir, 'tmp');
    await mkdir(tmpDir, { recursive: true });
    const tmp = join(tmpDir, randomUUID());
    const hash = createHash('sha256');
    let size = 0;
    let head = Buffer.alloc(0);
    const measure = new Transform({
      transform(chunk: Buffer, _enc, done) {
        size += chunk.length;
        if (head.length < HEAD_BYTES)
          head = Buffer.concat([head, chunk.subarray(0, HEAD_BYTES - head.length)]);
        hash.update(chunk);
        done(null, chunk);
      },
    });
    try {
      await pipeline(content, measure, createWriteStream(tmp));
      accept({ size, head });
      const sha256 = hash.digest('hex');
      const target = this.path(sha256);
      const shard = dirname(target);
      const created = !(await exists(target));
      if (created) {
        await syncPath(tmp);
        const madeFolders = await mkdir(shard, { recursive: true });
        await rename(tmp, target);
        await syncPath(shard);
        // A new shard (or evidence) folder is itself an entry of its parent.
        if (madeFolders) {
          await syncPath(dirname(shard));
          await syncPath(this.filesDir);
        }
      } else {
        await rm(tmp, { force: true });
        // Written now, for a sweep running elsewhere (another instance's start): it only removes
        // files written before it started, and this one is about to be referenced.
        const now = new Date();
        await utimes(target, now, now).catch(() => undefined);
        // Stored before, perhaps by an upload still finishing or a process that died before syncing.
        await syncPath(target);
        await syncPath(shard);
      }
      return { sha256, size, created };
    } catch (e) {
      await rm(tmp, { force: true });
      throw e;
    }
  }

  async get(sha256: string) {
    if (!SHA256.test(sha256)) return null;
    const path = this.path(sha256);
    // Fail early (404) rather than half-way through a response.
    const handle = await open(path, 'r').catch(() => null);
    if (!handle) return null;
    return handle.createReadStream();
  }

  exists(sha256: string) {
    return SHA256.test(sha256) ? exists(this.path(sha256)) : Promise.resolve(false);
  }

  async delete(sha256: string) {
    if (SHA256.test(sha256)) await rm(this.path(sha256), { force: true });
  }

  async *list(): AsyncIterable<StoredEntry> {
    const evidenceDir = join(this.filesDir, 'evidence');
    for (const shard of await entries(evidenceDir)) {
      if (!shard.isDirectory() || !/^[0-9a-f]{2}$/.test(shard.name)) continue;
      for (const file of await entries(join(evidenceDir, shard.name))) {
        if (!file.isFile() || !SHA256.test(file.name)) continue;
        const written = await stat(join(evidenceDir, shard.name, file.name)).catch(() => null);
        if (written) yield { sha256: file.name, writtenAt: written.mtime };
      }
    }
  }

  async sweepStaging(before: Date) {
    const tmpDir = join(this.filesDir, 'tmp');
    let removed = 0;
    for (const entry of await entries(tmpDir)) {
      const path = join(tmpDir, entry.name);
      const written = await stat(path).catch(() => null);
      if (!written || written.mtimeMs >= before.getTime()) continue;
      await rm(path, { recursive: true, force: true });
      removed++;
    }
    return removed;
  }
}

/** Reads a whole stream (tests, small files). */
export async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}
