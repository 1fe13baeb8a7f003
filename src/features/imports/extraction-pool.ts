// Reading and parsing uploaded documents (and preparing a reviewed one for storing) off the main
// thread, in a bounded pool of worker threads
// (piscina), so that a large or hostile document neither holds up the server's other requests nor
// takes the machine with it:
// - at most `threads` documents are read at once; up to `queue` more wait their turn; beyond that
//   the upload is refused at once with 503 `busy` and a Retry-After;
// - each worker's V8 heap is capped (`heapMb`, worker resourceLimits): a document that needs more
//   ends its worker (piscina starts a fresh one) and is refused as `too_large`;
// - each document has `timeoutMs` of wall-clock time from the moment a worker takes it (waiting in
//   the queue does not count); then its worker is terminated and the upload refused as `timeout`.
// The workers load TypeScript through extraction-worker.mjs (see there why).
import { availableParallelism } from 'node:os';
import type { Piscina } from 'piscina';
import type { Extraction } from '../../domain/plan-import/parse.js';
import { AppError, type ErrorIssue, InvalidInputError } from '../../server/errors.js';
import type { PlanFile } from '../plans/plan-file.js';
import type {
  ExtractionAnswer,
  ExtractionInput,
  PlanFileAnswer,
  PlanFileInput,
  WorkerTask,
} from './extraction-task.js';
import { type SourceDocument, UnreadableDocumentError } from './readers/source-document.js';

export type ExtractionPoolOptions = {
  /** Documents read at the same time (worker threads). */
  threads: number;
  /** Documents waiting for a thread; one more is refused with `busy`. */
  queue: number;
  /** Wall-clock limit per document, from the moment a thread takes it. */
  timeoutMs: number;
  /** V8 heap (old generation) per worker, in MB. */
  heapMb: number;
  /** What the Retry-After of a `busy` answer says, in seconds. */
  retryAfterSeconds: number;
};

export const DEFAULT_EXTRACTION_POOL: ExtractionPoolOptions = {
  // One core is left to the main thread (requests, and PGlite's queries): one document at a time
  // on two cores, two on more. Imports are occasional; each read keeps a core busy while it lasts.
  threads: Math.max(1, Math.min(2, availableParallelism() - 1)),
  queue: 4,
  // The largest text a 20 MB upload can hold (a 4,500-page .txt) reads and parses in about 40 s
  // on a busy two-core machine; a real plan takes a few seconds.
  timeoutMs: 90_000,
  // That 4,500-page text peaks at about 370 MB of heap; a real plan needs well under 100 MB.
  heapMb: 768,
  retryAfterSeconds: 15,
};

export type Extracted = { source: SourceDocument; extraction: Extraction };

/** Runs one task in a worker; `signal` aborts it (the worker is then terminated). */
export type Execute = (
  task: WorkerTask,
  signal: AbortSignal,
) => Promise<ExtractionAnswer | PlanFileAnswer>;

/** 503: every reader is busy and the queue is full; try again after `retryAfterSeconds`. */
export class ImportBusyError extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super(
      503,
      'busy',
      `Every document reader is busy and the queue is full; try again in ${retryAfterSeconds} s`,
    );
  }
}

const WORKER = new URL('./extraction-worker.mjs', import.meta.url).href;

export class ExtractionPool {
  readonly options: ExtractionPoolOptions;
  #piscina: Piscina | null = null;
  readonly #execute: Execute;
  #running = 0;
  readonly #waiting: (() => void)[] = [];

  /** `execute` replaces the worker threads (tests of the queue); by default piscina runs them. */
  constructor(options: Partial<ExtractionPoolOptions> = {}, execute?: Execute) {
    this.options = { ...DEFAULT_EXTRACTION_POOL, ...options };
    this.#execute =
      execute ?? (async (input, signal) => (await this.#workers()).run(input, { signal }));
  }

  /** Documents being read now. */
  get running(): number {
    return this.#running;
  }

  /** Documents waiting for a thread. */
  get waiting(): number {
    return this.#waiting.length;
  }

  /** Worker threads alive (started on demand; idle ones end after a minute). */
  get threadCount(): number {
    return this.#piscina?.threads.length ?? 0;
  }

  /** piscina is loaded with the first document, not when the server starts. */
  async #workers(): Promise<Piscina> {
    const { Piscina } = await import('piscina');
    this.#piscina ??= new Piscina({
      filename: WORKER,
      minThreads: 0,
      maxThreads: this.options.threads,
      // The queue is ours (#run): a task reaches piscina only when a thread is free for it. Room
      // for as many again covers a thread being replaced (after a timeout) or still starting.
      maxQueue: this.options.threads,
      idleTimeout: 60_000,
      // No inherited flags (the parent's --import tsx, test runner options): the worker sets up
      // its own loader.
      execArgv: [],
      resourceLimits: { maxOldGenerationSizeMb: this.options.heapMb },
    });
    return this.#piscina;
  }

  /** Reads and parses one document in a worker; rejects with UnreadableDocumentError or busy. */
  async extract(input: ExtractionInput): Promise<Extracted> {
    const answer = (await this.#run(
      { kind: 'extract', ...input },
      `Reading "${input.fileName}"`,
    )) as ExtractionAnswer;
    if (answer.ok) return { source: answer.source, extraction: answer.extraction };
    if (answer.code) throw new UnreadableDocumentError(answer.code, answer.message);
    throw new Error(`reading "${input.fileName}" failed: ${answer.message}`);
  }

  /**
   * The plan file of a reviewed extraction, checked by the plan file schema, made in a worker;
   * rejects as planFileOf does (InvalidInputError, AppError), or busy.
   */
  async planFile(input: PlanFileInput): Promise<PlanFile> {
    const answer = (await this.#run(
      { kind: 'plan-file', ...input },
      'Preparing the plan',
    )) as PlanFileAnswer;
    if (answer.ok) return answer.file;
    if (answer.status === 400)
      throw new InvalidInputError(answer.issues as ErrorIssue[], answer.code);
    throw new AppError(answer.status, answer.code, answer.message, answer.issues);
  }

  async #run(task: WorkerTask, what: string): Promise<ExtractionAnswer | PlanFileAnswer> {
    if (this.#running < this.options.threads) {
      this.#running++;
    } else {
      if (this.#waiting.length >= this.options.queue)
        throw new ImportBusyError(this.options.retryAfterSeconds);
      // A finishing document hands its thread over directly (#running stays the same).
      await new Promise<void>((resolve) => this.#waiting.push(resolve));
    }
    try {
      return await this.#runOne(task, what);
    } finally {
      const next = this.#waiting.shift();
      if (next) next();
      else this.#running--;
    }
  }

  async #runOne(task: WorkerTask, what: string): Promise<ExtractionAnswer | PlanFileAnswer> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.options.timeoutMs);
    try {
      return await this.#execute(task, controller.signal);
    } catch (e) {
      if (controller.signal.aborted) {
        throw new UnreadableDocumentError(
          'timeout',
          `${what} took longer than ${Math.round(this.options.timeoutMs / 1000)} s and was stopped.`,
        );
      }
      if ((e as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY') {
        throw new UnreadableDocumentError(
          'too_large',
          `${what} needs more than the ${this.options.heapMb} MB of memory a document may use.`,
        );
      }
      throw e;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Ends the worker threads; documents being read are abandoned. */
  async close(): Promise<void> {
    const piscina = this.#piscina;
    this.#piscina = null;
    await piscina?.destroy();
  }
}

let shared: ExtractionPool | null = null;

/** The process's pool, created on first use (uploads through the API use it). */
export function extractionPool(): ExtractionPool {
  shared ??= new ExtractionPool();
  return shared;
}

/** Replaces the process's pool (tests with small limits); returns the previous one. */
export function setExtractionPool(pool: ExtractionPool | null): ExtractionPool | null {
  const previous = shared;
  shared = pool;
  return previous;
}
