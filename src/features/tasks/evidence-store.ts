// Evidence files live outside the database, in the files folder, named by their SHA-256 (the
// same file uploaded twice is stored once). Uploads are streamed to a temporary file while hashed
// and measured, fsynced, then moved into place and their folder fsynced, so that a row committed
// afterwards never points at a file lost with the power; the caller removes what it stored if its
// transaction fails, and a start sweeps what a crash left behind (sweepEvidence).
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, extname, join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../../server/errors.js';

import { type EvidenceExtension, MAX_EVIDENCE_BYTES } from './evidence-rules.js';

export { MAX_EVIDENCE_BYTES, MAX_EVIDENCE_FILES } from './evidence-rules.js';

/** Accepted types by extension, with the bytes a real file of that type starts with. */
const TYPES: Record<EvidenceExtension, { contentType: string; magic: readonly number[][] }> = {
  '.pdf': { contentType: 'application/pdf', magic: [[0x25, 0x50, 0x44, 0x46]] },
  '.docx': {
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    magic: [[0x50, 0x4b, 0x03, 0x04]],
  },
  '.xlsx': {
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    magic: [[0x50, 0x4b, 0x03, 0x04]],
  },
  '.doc': { contentType: 'application/msword', magic: [[0xd0, 0xcf, 0x11, 0xe0]] },
  '.xls': { contentType: 'application/vnd.ms-excel', magic: [[0xd0, 0xcf, 0x11, 0xe0]] },
  '.odt': {
    contentType: 'application/vnd.oasis.opendocument.text',
    magic: [[0x50, 0x4b, 0x03, 0x04]],
  },
  '.ods': {
    contentType: 'application/vnd.oasis.opendocument.spreadsheet',
    magic: [[0x50, 0x4b, 0x03, 0x04]],
  },
  '.zip': { contentType: 'application/zip', magic: [[0x50, 0x4b, 0x03, 0x04]] },
  '.jpg': { contentType: 'image/jpeg', magic: [[0xff, 0xd8, 0xff]] },
  '.jpeg': { contentType: 'image/jpeg', magic: [[0xff, 0xd8, 0xff]] },
  '.png': { contentType: 'image/png', magic: [[0x89, 0x50, 0x4e, 0x47]] },
};

export type StoredFile = {
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
  /** True when this upload created the stored file (so a failed transaction may remove it). */
  created: boolean;
};

const fileTypeError = (fileName: string) =>
  new AppError(400, 'file_type_not_allowed', `file type of ${fileName} is not accepted`, [
    { field: 'evidence', code: 'file_type_not_allowed', message: fileName },
  ]);

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

/** Keeps what a person would recognise, without path parts or control characters. */
export function cleanFileName(name: string): string {
  const base = name.normalize('NFC').split(/[\\/]/).pop() ?? '';
  const clean = [...base]
    .filter((c) => {
      const code = c.codePointAt(0) ?? 0;
      return code >= 0x20 && code !== 0x7f;
    })
    .join('')
    .trim()
    .slice(0, 200);
  return clean || 'minh-chung';
}

export async function storeEvidence(
  filesDir: string,
  fileName: string,
  stream: NodeJS.ReadableStream & { truncated?: boolean },
): Promise<StoredFile> {
  const name = cleanFileName(fileName);
  const type = TYPES[extname(name).toLowerCase() as EvidenceExtension] as
    | (typeof TYPES)[EvidenceExtension]
    | undefined;
  if (!type) throw fileTypeError(name);
  const tmpDir = join(filesDir, 'tmp');
  await mkdir(tmpDir, { recursive: true });
  const tmp = join(tmpDir, randomUUID());
  const hash = createHash('sha256');
  let size = 0;
  let head = Buffer.alloc(0);
  const measure = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      if (head.length < 8) head = Buffer.concat([head, chunk.subarray(0, 8 - head.length)]);
      hash.update(chunk);
      done(null, chunk);
    },
  });
  try {
    await pipeline(stream, measure, createWriteStream(tmp));
    if (stream.truncated || size > MAX_EVIDENCE_BYTES) {
      throw new AppError(413, 'file_too_large', `${name} is larger than the limit`, [
        { field: 'evidence', code: 'file_too_large', message: name },
      ]);
    }
    if (size === 0 || !type.magic.some((m) => m.every((b, i) => head[i] === b))) {
      throw fileTypeError(name);
    }
    const sha256 = hash.digest('hex');
    const target = evidencePath(filesDir, sha256);
    const shard = dirname(target);
    const created = !existsSync(target);
    if (created) {
      await syncPath(tmp);
      const madeFolders = await mkdir(shard, { recursive: true });
      await rename(tmp, target);
      await syncPath(shard);
      // A new shard (or evidence) folder is itself an entry of its parent.
      if (madeFolders) {
        await syncPath(dirname(shard));
        await syncPath(filesDir);
      }
    } else {
      await rm(tmp, { force: true });
      // Stored before, perhaps by an upload still finishing or a process that died before syncing.
      await syncPath(target);
      await syncPath(shard);
    }
    return { fileName: name, contentType: type.contentType, size, sha256, created };
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}

export async function removeStored(filesDir: string, files: readonly StoredFile[]) {
  for (const f of files) if (f.created) await rm(evidencePath(filesDir, f.sha256), { force: true });
}

/**
 * At start, before serving: removes stored files that no evidence row refers to (an upload whose
 * transaction never committed: the process died in between) and what is left in the temporary
 * folder. Only files older than `startedAt` are touched.
 */
export async function sweepEvidence(
  filesDir: string,
  isReferenced: (sha256: string) => boolean,
  startedAt: Date,
): Promise<{ orphans: number; temporary: number }> {
  const old = async (path: string) => (await stat(path)).mtimeMs < startedAt.getTime();
  const entries = async (dir: string) =>
    readdir(dir, { withFileTypes: true }).catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') return [];
      throw e;
    });
  let orphans = 0;
  let temporary = 0;
  const evidenceDir = join(filesDir, 'evidence');
  for (const shard of await entries(evidenceDir)) {
    if (!shard.isDirectory() || !/^[0-9a-f]{2}$/.test(shard.name)) continue;
    for (const file of await entries(join(evidenceDir, shard.name))) {
      if (!file.isFile() || !/^[0-9a-f]{64}$/.test(file.name) || isReferenced(file.name)) continue;
      const path = join(evidenceDir, shard.name, file.name);
      if (!(await old(path))) continue;
      await rm(path, { force: true });
      orphans++;
    }
  }
  const tmpDir = join(filesDir, 'tmp');
  for (const entry of await entries(tmpDir)) {
    const path = join(tmpDir, entry.name);
    if (!(await old(path))) continue;
    await rm(path, { recursive: true, force: true });
    temporary++;
  }
  return { orphans, temporary };
}

export async function openEvidence(filesDir: string, sha256: string) {
  const path = evidencePath(filesDir, sha256);
  // Fail early (404) rather than half-way through a response.
  const handle = await open(path, 'r').catch(() => null);
  if (!handle) return null;
  await handle.close();
  return createReadStream(path);
}
