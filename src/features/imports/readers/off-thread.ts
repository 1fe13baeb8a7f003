// Reading a document in a child process (read-worker.ts) so that a large PDF does not hold up the
// server's other requests: PGlite answers queries on the main thread. The child is the same
// TypeScript, loaded through tsx like the server. (A worker thread would be lighter, but Node 20
// does not apply tsx's loader inside worker threads.)
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { type SourceDocument, UnreadableDocumentError } from './source-document.js';

type Answer =
  | { ok: true; document: SourceDocument }
  | { ok: false; code: UnreadableDocumentError['code'] | null; message: string };

const WORKER = fileURLToPath(new URL('./read-worker.ts', import.meta.url));
/** A document that takes longer than this is refused rather than read forever. */
const TIME_LIMIT_MS = 120_000;

export function readSourceDocumentOffThread(
  bytes: Uint8Array,
  fileName: string,
): Promise<SourceDocument> {
  return new Promise((resolve, reject) => {
    const child = fork(WORKER, [], {
      execArgv: ['--import', 'tsx'],
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    let answered = false;
    const timer = setTimeout(() => {
      child.kill();
      reject(new UnreadableDocumentError('corrupt_file', 'reading the document took too long'));
    }, TIME_LIMIT_MS);
    child.once('message', (answer: Answer) => {
      answered = true;
      clearTimeout(timer);
      child.kill();
      if (answer.ok) resolve(answer.document);
      else if (answer.code) reject(new UnreadableDocumentError(answer.code, answer.message));
      else reject(new Error(answer.message));
    });
    child.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (!answered) reject(new Error(`document reader exited with ${code}`));
    });
    child.send({ bytes, fileName });
  });
}
