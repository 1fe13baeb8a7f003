// Reports with evidence (minh chứng) arrive as multipart forms: text fields and up to
// MAX_EVIDENCE_FILES files in the field "evidence". Tasks, targets and projects read them the same
// way: files are stored (content-addressed) while the form is read, the fields validated after,
// and everything stored is removed again if validation or the write that follows fails.
import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import {
  MAX_EVIDENCE_BYTES,
  MAX_EVIDENCE_FILES,
  removeStored,
  type StoredFile,
  storeEvidence,
} from '../features/tasks/evidence-store.js';
import { checkedTextField } from './control-characters.js';
import { AppError, InvalidInputError } from './errors.js';
import type { EvidenceStorage } from './storage/evidence-storage.js';

/** Registers the multipart parser, with the evidence limits, in the calling plugin's scope. */
export async function registerEvidenceForms(app: FastifyInstance) {
  await app.register(fastifyMultipart, {
    limits: {
      fileSize: MAX_EVIDENCE_BYTES,
      files: MAX_EVIDENCE_FILES,
      fields: 20,
      fieldSize: 64 * 1024,
      parts: MAX_EVIDENCE_FILES + 20,
    },
  });
}

export type EvidenceForm<T> = { data: T; files: StoredFile[] };

/**
 * Reads a multipart form: files of the field "evidence" stored, text fields checked for control
 * characters and then by `schema` (the `optional` fields read as absent when empty). Throws 415 for another
 * content type, 400 for too many files or invalid fields, 413 for a file over the limit; nothing
 * stays stored when it throws.
 */
export async function readEvidenceForm<S extends z.ZodType>(
  request: FastifyRequest,
  storage: EvidenceStorage,
  schema: S,
  optional: readonly string[] = [],
): Promise<EvidenceForm<z.infer<S>>> {
  if (!request.isMultipart()) {
    throw new AppError(415, 'multipart_expected', 'send multipart/form-data');
  }
  const stored: StoredFile[] = [];
  const fields: Record<string, string> = {};
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        if (part.fieldname !== 'evidence') {
          part.file.resume();
          continue;
        }
        stored.push(await storeEvidence(storage, part.filename, part.file));
      } else {
        fields[part.fieldname] = checkedTextField(part.fieldname, String(part.value));
      }
    }
  } catch (e) {
    await removeStored(storage, stored);
    const code = (e as { code?: string }).code;
    if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT')
      throw new AppError(400, 'too_many_files', 'too many files');
    // One file over the limit, seen by the multipart plugin (FST_REQ_FILE_TOO_LARGE) or by the
    // store (a truncated stream): one answer, naming the file and the limit.
    if (code === 'FST_REQ_FILE_TOO_LARGE' || code === 'file_too_large') {
      const limit = `${MAX_EVIDENCE_BYTES / 1024 / 1024} MB`;
      const name = e instanceof AppError ? e.issues[0]?.message : undefined;
      throw new AppError(
        413,
        'file_too_large',
        `${name ?? 'An evidence file'} is larger than the ${limit} limit`,
        [{ field: 'evidence', code: 'file_too_large', message: `at most ${limit} per file` }],
      );
    }
    throw e;
  }
  const present = Object.fromEntries(
    Object.entries(fields).filter(([k, v]) => v !== '' || !optional.includes(k)),
  );
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    await removeStored(storage, stored);
    throw new InvalidInputError(
      parsed.error.issues.map((i) => ({
        field: i.path.join('.'),
        code: i.code,
        message: i.message,
      })),
    );
  }
  return { data: parsed.data, files: stored };
}

/** Runs the write that records the form; if it fails, the files stored for it are removed. */
export async function keepingEvidenceOnSuccess<T>(
  storage: EvidenceStorage,
  files: readonly StoredFile[],
  write: () => Promise<T>,
): Promise<T> {
  try {
    return await write();
  } catch (e) {
    await removeStored(storage, files);
    throw e;
  }
}
