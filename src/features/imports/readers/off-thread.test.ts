import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readSourceDocument } from './index.js';
import { readSourceDocumentOffThread } from './off-thread.js';
import { UnreadableDocumentError } from './source-document.js';

const fixture = (name: string) =>
  readFileSync(fileURLToPath(new URL(`../../../../test/fixtures/import/${name}`, import.meta.url)));

describe('reading a document off the main thread', () => {
  it('gives what reading in the process gives', async () => {
    const bytes = fixture('ke-hoach-cao-bang.docx');
    const [here, there] = await Promise.all([
      readSourceDocument(bytes, 'ke-hoach.docx'),
      readSourceDocumentOffThread(bytes, 'ke-hoach.docx'),
    ]);
    expect(there).toEqual(here);
  });

  it('refuses what cannot be read with the same machine-readable code', async () => {
    const error = await readSourceDocumentOffThread(
      fixture('ke-hoach-cao-bang-scanned.pdf'),
      'scan.pdf',
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnreadableDocumentError);
    expect((error as UnreadableDocumentError).code).toBe('scanned_pdf');
  });
});
