// The consolidated report's files are built in a worker thread (piscina), not on the thread that
// answers requests and, on the embedded database, runs every query: a province's appendix is a
// second or more of CPU. One thread is enough (a report is an occasional click); its heap is
// capped, and it ends after a few idle minutes. TIENDO_DOCUMENT_WORKER=0 builds in the calling
// thread instead (a machine where worker threads are not wanted).
import type { Piscina } from 'piscina';
import type { DocumentTask } from './documents.js';

const WORKER = new URL('./document-worker.mjs', import.meta.url).href;

let pool: Piscina | null = null;

// piscina, and the builders (exceljs, docx) below, are loaded on the first report file, not when
// the server starts.
async function workers(): Promise<Piscina> {
  const { Piscina } = await import('piscina');
  pool ??= new Piscina({
    filename: WORKER,
    minThreads: 0,
    maxThreads: 1,
    idleTimeout: 5 * 60_000,
    // No inherited flags (the parent's --import tsx, the test runner's): the worker sets up its
    // own loader.
    execArgv: [],
    resourceLimits: { maxOldGenerationSizeMb: 768 },
  });
  return pool;
}

const inWorker = () => process.env.TIENDO_DOCUMENT_WORKER !== '0';

/** Builds one of the report's files off the main thread. */
export async function buildInWorker(task: DocumentTask): Promise<Buffer> {
  if (!inWorker()) {
    const { buildDocument } = await import('./documents.js');
    return buildDocument(task);
  }
  const bytes = (await (await workers()).run(task)) as Uint8Array;
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Ends the worker thread (server shutdown, tests). */
export async function closeDocumentPool(): Promise<void> {
  const p = pool;
  pool = null;
  await p?.destroy();
}
