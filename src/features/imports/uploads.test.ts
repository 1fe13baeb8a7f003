// POST /api/imports refusals, as the web client sees them: the project's error shape and codes
// (never a 500, never Fastify's own), with Retry-After when every reader is busy.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/support/app.js';
import { engines } from '../../../test/support/database.js';
import { numberedPlan } from '../../../test/support/factories.js';
import { multipart, SAMPLE_PDF } from '../../../test/support/multipart.js';
import { type Auth, as, createTestUser, login } from '../../../test/support/users.js';
import { planFileSchema } from '../plans/plan-file.js';
import { createPlanFromFile } from '../plans/service.js';
import { ExtractionPool, setExtractionPool } from './extraction-pool.js';
import type { ExtractionAnswer } from './extraction-task.js';
import {
  DOCUMENT_XML_HEAD,
  DOCUMENT_XML_TAIL,
  docxParts,
  inflatingPart,
  manyPagesPdf,
  zipArchive,
} from './readers/generated-fixtures.js';

const fixture = (name: string) =>
  readFileSync(fileURLToPath(new URL(`../../../test/fixtures/import/${name}`, import.meta.url)));

type ErrorBody = { error: { code: string; message: string } };

describe.each(engines())('uploading a plan document on %s', (engine) => {
  const ctx = useTestApp(engine);
  let consolidator: Auth;
  beforeAll(async () => {
    await createTestUser(ctx.database.db, ctx.database.tenantId, 'tonghop', 'consolidator', 'STC');
    consolidator = await login(ctx.app, 'tonghop');
  });
  const upload = (name: string, payload: Buffer | Uint8Array) =>
    as(ctx.app, consolidator, {
      method: 'POST',
      url: `/api/imports?fileName=${encodeURIComponent(name)}`,
      headers: { 'content-type': 'application/octet-stream' },
      payload: Buffer.from(payload),
    });

  it('answers 413 file_too_large with the limit for a file over 20 MB', async () => {
    const res = await upload('ke-hoach.docx', Buffer.alloc(21 * 1024 * 1024, 1));
    expect(res.statusCode).toBe(413);
    const body = res.json<ErrorBody>();
    expect(body.error.code).toBe('file_too_large');
    expect(body.error.message).toMatch(/20 MB/);
  });

  it('answers 422 corrupt_file for a damaged Word file or PDF', async () => {
    const docx = fixture('ke-hoach-cao-bang.docx');
    const pdf = fixture('ke-hoach-cao-bang.pdf');
    for (const [name, bytes] of [
      ['cut.docx', docx.subarray(0, docx.length / 2)],
      ['random.docx', fixture('binary-random.txt')],
      ['cut.pdf', pdf.subarray(0, 400)],
      ['random.pdf', fixture('binary-random.txt')],
    ] as const) {
      const res = await upload(name, bytes);
      expect(res.statusCode, name).toBe(422);
      expect(res.json<ErrorBody>().error.code, name).toBe('corrupt_file');
    }
  }, 60_000);

  it('answers 422 too_large for a zip bomb and a 200,000-page PDF', async () => {
    const bomb = zipArchive(
      docxParts(inflatingPart('word/document.xml', DOCUMENT_XML_HEAD, 400, DOCUMENT_XML_TAIL)),
    );
    for (const [name, bytes] of [
      ['bomb.docx', bomb],
      ['many-pages.pdf', manyPagesPdf(200)],
    ] as const) {
      const res = await upload(name, bytes);
      expect(res.statusCode, name).toBe(422);
      expect(res.json<ErrorBody>().error.code, name).toBe('too_large');
    }
  }, 60_000);

  describe('when every reader is busy', () => {
    const finish: ((a: ExtractionAnswer) => void)[] = [];
    let previous: ExtractionPool | null = null;
    beforeAll(() => {
      // One "reader" that finishes when the test says so, and no queue.
      previous = setExtractionPool(
        new ExtractionPool(
          { threads: 1, queue: 0, retryAfterSeconds: 12 },
          () => new Promise((resolve) => finish.push(resolve)),
        ),
      );
    });
    afterAll(() => {
      setExtractionPool(previous);
    });

    it('answers 503 busy with Retry-After, and reads again once a reader is free', async () => {
      const first = upload('a.md', fixture('ke-hoach-cao-bang.md'));
      await expect.poll(() => finish.length).toBe(1);
      const refused = await upload('b.md', fixture('ke-hoach-cao-bang.md'));
      expect(refused.statusCode).toBe(503);
      expect(refused.headers['retry-after']).toBe('12');
      expect(refused.json<ErrorBody>().error.code).toBe('busy');
      finish[0]?.({ ok: false, code: 'corrupt_file', message: 'broken' });
      expect((await first).statusCode).toBe(422);
      const again = upload('c.md', fixture('ke-hoach-cao-bang.md'));
      await expect.poll(() => finish.length).toBe(2);
      finish[1]?.({ ok: false, code: 'timeout', message: 'too slow' });
      const res = await again;
      expect(res.statusCode).toBe(422);
      expect(res.json<ErrorBody>().error.code).toBe('timeout');
    });
  });
});

// The same limit for evidence files (features/tasks/routes.ts): one file over 20 MB in a progress
// report is refused with the project's 413, not the multipart plugin's own error.
describe.each(engines())('uploading an evidence file on %s', (engine) => {
  const ctx = useTestApp(engine);
  let officer: Auth;
  let taskId: string;
  beforeAll(async () => {
    await createPlanFromFile(
      ctx.database.db,
      { id: 'test', tenantId: ctx.database.tenantId },
      planFileSchema.parse(numberedPlan()),
    );
    await createTestUser(ctx.database.db, ctx.database.tenantId, 'canbo', 'agency_officer', 'STC');
    officer = await login(ctx.app, 'canbo');
    const list = await as(ctx.app, officer, { method: 'GET', url: '/api/tasks' });
    taskId = list.json<{ items: { id: string }[] }>().items[0]?.id as string;
    expect(taskId).toBeTruthy();
  });

  it('answers 413 file_too_large with the limit for a file over 20 MB', async () => {
    const big = Buffer.alloc(21 * 1024 * 1024, 0x20);
    SAMPLE_PDF.copy(big);
    const body = multipart([
      { name: 'version', value: '1' },
      { name: 'reportedOn', value: '2026-01-21' },
      { name: 'percent', value: '10' },
      { name: 'narrative', value: 'Đã triển khai' },
      { name: 'evidence', fileName: 'bien-ban.pdf', content: big, contentType: 'application/pdf' },
    ]);
    const res = await as(ctx.app, officer, {
      method: 'POST',
      url: `/api/tasks/${taskId}/progress`,
      payload: body.payload,
      headers: body.headers,
    });
    expect(res.statusCode).toBe(413);
    const error = res.json<ErrorBody>().error;
    expect(error.code).toBe('file_too_large');
    expect(error.message).toMatch(/20 MB/);
  }, 60_000);
});
