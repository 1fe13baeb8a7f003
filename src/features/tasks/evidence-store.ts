// Evidence files live outside the database, named by their SHA-256 (the same file uploaded twice
// is stored once), in an EvidenceStorage (server/storage/: the files folder by default). This module
// is what is accepted and how: the name kept, the type checked by extension and by content, the
// size limit; the storage makes the file durable before its report's transaction can commit. The
// caller removes what it stored if its transaction fails, and a start sweeps what a crash left
// behind (sweepEvidence).
import { extname } from 'node:path';
import { AppError } from '../../server/errors.js';
import type { EvidenceStorage } from '../../server/storage/evidence-storage.js';

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
  storage: EvidenceStorage,
  fileName: string,
  stream: NodeJS.ReadableStream & { truncated?: boolean },
): Promise<StoredFile> {
  const name = cleanFileName(fileName);
  const type = TYPES[extname(name).toLowerCase() as EvidenceExtension] as
    | (typeof TYPES)[EvidenceExtension]
    | undefined;
  if (!type) throw fileTypeError(name);
  const put = await storage.put(stream, ({ size, head }) => {
    if (stream.truncated || size > MAX_EVIDENCE_BYTES) {
      throw new AppError(413, 'file_too_large', `${name} is larger than the limit`, [
        { field: 'evidence', code: 'file_too_large', message: name },
      ]);
    }
    if (size === 0 || !type.magic.some((m) => m.every((b, i) => head[i] === b))) {
      throw fileTypeError(name);
    }
  });
  return { fileName: name, contentType: type.contentType, ...put };
}

export async function removeStored(storage: EvidenceStorage, files: readonly StoredFile[]) {
  for (const f of files) if (f.created) await storage.delete(f.sha256);
}

/**
 * At start, before serving: removes stored files that no evidence row refers to (an upload whose
 * transaction never committed: the process died in between) and what interrupted uploads left in
 * staging. Only files last written before `before` are touched: the start itself on a storage of
 * one instance; with several instances sharing the storage, an hour earlier (bootstrap.ts), so that
 * another instance's upload in flight (stored, its row not yet committed) is left alone.
 */
export async function sweepEvidence(
  storage: EvidenceStorage,
  isReferenced: (sha256: string) => boolean,
  before: Date,
): Promise<{ orphans: number; temporary: number }> {
  let orphans = 0;
  for await (const entry of storage.list()) {
    if (isReferenced(entry.sha256) || entry.writtenAt.getTime() >= before.getTime()) continue;
    await storage.delete(entry.sha256);
    orphans++;
  }
  const temporary = await storage.sweepStaging(before);
  return { orphans, temporary };
}

/** The stored file of an evidence row, or null when the storage has none. */
export function openEvidence(storage: EvidenceStorage, sha256: string) {
  return storage.get(sha256);
}
