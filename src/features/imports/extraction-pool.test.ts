// The extraction pool: worker threads give what reading in the process gives; a document is
// stopped at the pool's wall-clock limit and at its heap limit; at most `threads` run, `queue`
// wait, and one more is refused as busy.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.js';
import type { AgencyDirectory } from '../../domain/plan-import/agencies.js';
import { parsePlanDocument } from '../../domain/plan-import/parse.js';
import { InvalidInputError } from '../../server/errors.js';
import { loadAgencyDirectory } from './directory.js';
import { ExtractionPool, ImportBusyError } from './extraction-pool.js';
import { type ExtractionAnswer, type ExtractionInput, planFileOf } from './extraction-task.js';
import { presentExtraction } from './presenter.js';
import { pdf, planText } from './readers/generated-fixtures.js';
import { readSourceDocument } from './readers/index.js';
import { UnreadableDocumentError } from './readers/source-document.js';
import type { ExtractionDocument } from './schema.js';

const fixture = (name: string) =>
  readFileSync(fileURLToPath(new URL(`../../../test/fixtures/import/${name}`, import.meta.url)));
const TODAY = '2026-11-24';

let database: TestDatabase;
let directory: AgencyDirectory;
const pools: ExtractionPool[] = [];
const pool = (options: ConstructorParameters<typeof ExtractionPool>[0] = {}) => {
  const p = new ExtractionPool(options);
  pools.push(p);
  return p;
};
beforeAll(async () => {
  database = await createTestDatabase('pglite');
  directory = await loadAgencyDirectory(database.db, database.tenantId);
});
afterAll(async () => {
  await Promise.all(pools.map((p) => p.close()));
  await database?.close();
});

const input = (fileName: string, bytes: Uint8Array): ExtractionInput => ({
  bytes,
  fileName,
  directory,
  today: TODAY,
});

async function refusal(promise: Promise<unknown>): Promise<UnreadableDocumentError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UnreadableDocumentError);
  return error as UnreadableDocumentError;
}

describe('reading and parsing in the pool', () => {
  it('gives what reading and parsing in the process gives, with at most `threads` threads', async () => {
    const p = pool({ threads: 2 });
    const names = ['ke-hoach-cao-bang.docx', 'ke-hoach-cao-bang.pdf', 'ke-hoach-cao-bang.md'];
    const files = [...names, 'ke-hoach-cao-bang.docx'];
    const there = await Promise.all(files.map((name) => p.extract(input(name, fixture(name)))));
    expect(p.threadCount).toBeLessThanOrEqual(2);
    for (const [i, name] of files.entries()) {
      const source = await readSourceDocument(fixture(name), name);
      expect(there[i]).toEqual({
        source,
        extraction: parsePlanDocument(source, directory, { today: TODAY }),
      });
    }
  });

  it('refuses what cannot be read with the readers’ own codes', async () => {
    const p = pool({ threads: 1 });
    expect(
      (await refusal(p.extract(input('scan.pdf', fixture('ke-hoach-cao-bang-scanned.pdf'))))).code,
    ).toBe('scanned_pdf');
    expect((await refusal(p.extract(input('x.docx', fixture('binary-random.txt'))))).code).toBe(
      'corrupt_file',
    );
    expect((await refusal(p.extract(input('x.odt', fixture('binary-random.txt'))))).code).toBe(
      'unsupported_format',
    );
  });

  it('stops a document at the wall-clock limit (timeout) and frees its thread', async () => {
    // 2,000 pages of 400 lines each: minutes of work for PDF.js, against a limit of one second.
    const p = pool({ threads: 1, timeoutMs: 1000 });
    const slow = pdf({ pages: 2000, linesPerPage: 400 });
    const error = await refusal(p.extract(input('slow.pdf', slow)));
    expect(error.code).toBe('timeout');
    expect(error.message).toMatch(/took longer than 1 s/);
    expect(p.running).toBe(0);
  }, 60_000);

  it('stops a document that needs more heap than a worker may use (too_large)', async () => {
    // A 1,500-page plan (4.5 MB of text, 17,000 tasks) needs some 200 MB of heap; the cap is 64 MB.
    const p = pool({ threads: 1, heapMb: 64 });
    const big = new TextEncoder().encode(planText(1500));
    const error = await refusal(p.extract(input('big.txt', big)));
    expect(error.code).toBe('too_large');
    expect(error.message).toMatch(/more than the 64 MB of memory/);
    // The pool replaces the worker: a small document reads.
    const small = await p.extract(input('ke-hoach-cao-bang.md', fixture('ke-hoach-cao-bang.md')));
    expect(small.extraction.document.number).toBe('58/KH-UBND');
  }, 60_000);
});

describe('preparing a reviewed extraction for storing in the pool', () => {
  it('gives the plan file made in the process, and its problems by field', async () => {
    const p = pool({ threads: 1 });
    const source = await readSourceDocument(fixture('ke-hoach-cao-bang.docx'), 'ke-hoach.docx');
    const extraction = presentExtraction(parsePlanDocument(source, directory, { today: TODAY }), {
      file: 'ke-hoach.docx',
      format: source.format,
      characters: source.text.length,
    }) as ExtractionDocument;
    const job = { extraction, sourceText: source.text };
    expect(await p.planFile(job)).toEqual(planFileOf(job));

    const broken = structuredClone(extraction);
    (broken.tasks[0] as { title: string }).title = '';
    const error = await p.planFile({ ...job, extraction: broken }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error).toMatchObject({ status: 400, code: 'invalid_plan' });
    expect((error as InvalidInputError).issues[0]?.field).toMatch(/^sections\[\d+\].*title$/);
  }, 60_000);
});

describe('the queue', () => {
  /** A pool whose "workers" finish when the test says so. */
  function controlled(options: { threads: number; queue: number }) {
    const started: { name: string; finish: (a: ExtractionAnswer) => void }[] = [];
    const p = new ExtractionPool(
      { ...options, retryAfterSeconds: 7 },
      (task) =>
        new Promise((resolve) =>
          started.push({
            name: task.kind === 'extract' ? task.fileName : task.kind,
            finish: resolve,
          }),
        ),
    );
    const done = (name: string): ExtractionAnswer => ({
      ok: true,
      source: { format: 'txt', text: name, tables: [] },
      extraction: { document: { type: 'KH' } } as never,
    });
    return { p, started, done };
  }
  const doc = (name: string) => input(name, new Uint8Array([1]));

  it('runs `threads` documents, queues `queue` more, and refuses the next one as busy', async () => {
    const { p, started, done } = controlled({ threads: 2, queue: 1 });
    const a = p.extract(doc('a'));
    const b = p.extract(doc('b'));
    const c = p.extract(doc('c'));
    const refused = await p.extract(doc('d')).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ImportBusyError);
    expect(refused).toMatchObject({ status: 503, code: 'busy', retryAfterSeconds: 7 });
    expect(started.map((s) => s.name)).toEqual(['a', 'b']);
    expect([p.running, p.waiting]).toEqual([2, 1]);

    // A finished document hands its thread to the first in the queue.
    started[0]?.finish(done('a'));
    expect((await a).source.text).toBe('a');
    await expect.poll(() => started.length).toBe(3);
    expect(started[2]?.name).toBe('c');
    expect([p.running, p.waiting]).toEqual([2, 0]);
    started[1]?.finish(done('b'));
    started[2]?.finish(done('c'));
    await Promise.all([b, c]);
    expect([p.running, p.waiting]).toEqual([0, 0]);
  });

  it('frees the thread of a document that fails', async () => {
    const { p, started } = controlled({ threads: 1, queue: 0 });
    const a = p.extract(doc('a'));
    started[0]?.finish({ ok: false, code: 'corrupt_file', message: 'broken' });
    expect(await a.catch((e: unknown) => e)).toMatchObject({ code: 'corrupt_file' });
    expect(p.running).toBe(0);
  });
});
