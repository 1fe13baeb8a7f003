// Runs in a child process: reads one uploaded document (PDF and Word parsing can take seconds on a
// large file) away from the server's main thread, where PGlite answers every other request.
import { readSourceDocument, UnreadableDocumentError } from './index.js';

process.once('message', (request: { bytes: Uint8Array; fileName: string }) => {
  readSourceDocument(request.bytes, request.fileName).then(
    (document) => process.send?.({ ok: true, document }),
    (e: unknown) =>
      process.send?.({
        ok: false,
        code: e instanceof UnreadableDocumentError ? e.code : null,
        message: e instanceof Error ? e.message : String(e),
      }),
  );
});
