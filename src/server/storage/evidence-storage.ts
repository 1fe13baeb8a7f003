// Where evidence files (minh chứng) are kept: outside the database, named by their SHA-256, behind
// one interface so that the server does not care whether they are in a local folder (the default:
// local-folder.ts), in a folder several instances mount (NFS, a shared volume: the same
// implementation, TIENDO_FILES_DIR naming the mount), or in an object store.
//
// What every implementation promises:
// - put() streams the upload to a staging place while hashing and measuring it, lets the caller
//   refuse it (`accept`, given the size and first bytes, may throw: then nothing is kept), and only
//   resolves once the file is durable under its SHA-256 (a row committed afterwards never points
//   at a file lost with the power). The same content stored twice is one file; a put that finds
//   it already there marks it as written now, so that a sweep that started earlier leaves it.
// - get() streams a stored file, or null when there is none (checked before the first byte, so a
//   missing file is a 404, not a response cut half-way).
// - list() and delete() serve the sweep at start (features/tasks/evidence-store.ts#sweepEvidence):
//   stored files no row refers to, written before a given instant, are removed, as is what
//   interrupted uploads left in staging (sweepStaging).
//
// A new backend (an S3-compatible store, say): a class implementing EvidenceStorage in a module of
// its own beside local-folder.ts — put() uploads to a staging key (`tmp/<uuid>`) while hashing,
// calls `accept`, then copies it to `evidence/<sha256>` unless that exists (then touches it) and
// deletes the staging key; get() is a GetObject stream (null on NoSuchKey); list() pages through
// ListObjectsV2 with LastModified; sweepStaging() lists `tmp/`. Then a case in
// openEvidenceStorage() below chosen by a setting (TIENDO_FILES_STORAGE=s3 with its endpoint,
// bucket and credentials in config.ts). Nothing else changes: the routes, the evidence forms and
// bootstrap.ts only see this interface.
import type { Readable } from 'node:stream';
import { LocalFolderStorage } from './local-folder.js';

/** What a staged upload looks like to the caller deciding whether to keep it. */
export type StagedContent = {
  /** Bytes received. */
  size: number;
  /** The first bytes (up to 8), for checking the type by content. */
  head: Buffer;
};

export type PutResult = {
  sha256: string;
  size: number;
  /** True when this put created the stored file (so a failed transaction may delete it). */
  created: boolean;
};

export type StoredEntry = { sha256: string; writtenAt: Date };

export interface EvidenceStorage {
  /** For logs: where the files are ("folder /srv/tiendo/files"). */
  readonly description: string;
  /** Stores a stream under its SHA-256, durably; `accept` may throw to refuse it (nothing kept). */
  put(content: NodeJS.ReadableStream, accept: (staged: StagedContent) => void): Promise<PutResult>;
  /** The stored file, or null when there is none. */
  get(sha256: string): Promise<Readable | null>;
  exists(sha256: string): Promise<boolean>;
  /** Removes a stored file (no error when it is not there). */
  delete(sha256: string): Promise<void>;
  /** Every stored file with when it was last written (for the sweep). */
  list(): AsyncIterable<StoredEntry>;
  /** Removes staging leftovers (interrupted uploads) last written before `before`; how many. */
  sweepStaging(before: Date): Promise<number>;
}

export type EvidenceStorageConfig = {
  /** TIENDO_FILES_DIR (default <data dir>/files): one folder, shared by every instance. */
  filesDir: string;
};

/** The storage the configuration names: today the local (or mounted) folder. */
export function openEvidenceStorage(config: EvidenceStorageConfig): EvidenceStorage {
  return new LocalFolderStorage(config.filesDir);
}
