// What a worker thread of the extraction pool does, so that the main thread (where the server
// answers requests and PGlite runs its queries) only receives results:
// - `extract`: read an uploaded document (file → SourceDocument) and parse it against the tenant's
//   registry (→ Extraction);
// - `plan-file`: turn a reviewed extraction into a plan file and check it against the plan file
//   schema (for a 300-page plan that is half a second of work), before it is stored.
// Failures come back as values: an Error's own fields do not survive the trip between threads.
import type { AgencyDirectory } from '../../domain/plan-import/agencies.js';
import { type Extraction, parsePlanDocument } from '../../domain/plan-import/parse.js';
import { AppError, type ErrorIssue } from '../../server/errors.js';
import { parsePlanFile } from '../plans/load.js';
import type { PlanFile } from '../plans/plan-file.js';
import { readSourceDocument } from './readers/index.js';
import { type SourceDocument, UnreadableDocumentError } from './readers/source-document.js';
import type { ExtractionDocument } from './schema.js';
import { extractionToPlanFile } from './to-plan-file.js';

export type ExtractionInput = {
  bytes: Uint8Array;
  fileName: string;
  /** The tenant's registry, loaded by the caller (plain data). */
  directory: AgencyDirectory;
  today: string;
};

export type ExtractionAnswer =
  | { ok: true; source: SourceDocument; extraction: Extraction }
  | { ok: false; code: UnreadableDocumentError['code'] | null; message: string };

export type PlanFileInput = { extraction: ExtractionDocument; sourceText: string };

export type PlanFileAnswer =
  | { ok: true; file: PlanFile }
  | { ok: false; status: number; code: string; message: string; issues: ErrorIssue[] };

export type WorkerTask =
  | ({ kind: 'extract' } & ExtractionInput)
  | ({ kind: 'plan-file' } & PlanFileInput);

export async function readAndParse(input: ExtractionInput): Promise<ExtractionAnswer> {
  let source: SourceDocument;
  try {
    source = await readSourceDocument(input.bytes, input.fileName);
  } catch (e) {
    // The readers turn what they expect into UnreadableDocumentError; anything else a library
    // throws on this file still means the file cannot be read, not that the server failed.
    if (e instanceof UnreadableDocumentError)
      return { ok: false, code: e.code, message: e.message };
    const why = e instanceof Error ? e.message.split('\n')[0]?.slice(0, 200) : String(e);
    return { ok: false, code: 'corrupt_file', message: `The file cannot be read: ${why}` };
  }
  try {
    return {
      ok: true,
      source,
      extraction: parsePlanDocument(source, input.directory, { today: input.today }),
    };
  } catch (e) {
    // A parser failure is ours: the caller reports it as an internal error.
    return {
      ok: false,
      code: null,
      message: e instanceof Error ? (e.stack ?? e.message) : String(e),
    };
  }
}

/** The plan file of an extraction, checked by the plan file schema (as `tiendo plan load` reads one). */
export function planFileOf(input: PlanFileInput): PlanFile {
  return parsePlanFile(JSON.stringify(extractionToPlanFile(input.extraction, input.sourceText)));
}

export function planFileAnswer(input: PlanFileInput): PlanFileAnswer {
  try {
    return { ok: true, file: planFileOf(input) };
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    return { ok: false, status: e.status, code: e.code, message: e.message, issues: [...e.issues] };
  }
}

/** The worker's entry (extraction-worker.mjs exports it). */
export async function runTask(task: WorkerTask): Promise<ExtractionAnswer | PlanFileAnswer> {
  if (task.kind === 'plan-file') return planFileAnswer(task);
  return readAndParse(task);
}
