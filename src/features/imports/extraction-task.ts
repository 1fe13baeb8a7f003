// What one worker thread of the extraction pool does with an uploaded document: read it (file →
// SourceDocument) and parse it against the tenant's registry (→ Extraction), so that the main
// thread, where the server answers requests and PGlite runs its queries, only receives the result.
// Failures come back as values: an Error's own fields do not survive the trip between threads.
import type { AgencyDirectory } from '../../domain/plan-import/agencies.js';
import { type Extraction, parsePlanDocument } from '../../domain/plan-import/parse.js';
import { readSourceDocument } from './readers/index.js';
import { type SourceDocument, UnreadableDocumentError } from './readers/source-document.js';

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
