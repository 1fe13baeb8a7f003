// The readers' limits on hostile documents: zip bombs refused by their declared sizes before
// anything is inflated, forged sizes caught at the declared size, PDFs with too many pages.
// Heavy fixtures are generated here (generated-fixtures.ts) into a temporary folder removed after.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  DOCUMENT_XML_HEAD,
  DOCUMENT_XML_TAIL,
  deflatedPart,
  docxParts,
  inflatingPart,
  manyPagesPdf,
  pdf,
  smallDocx,
  zipArchive,
} from './generated-fixtures.js';
import { readSourceDocument, UnreadableDocumentError } from './index.js';
import { MAX_PDF_PAGES } from './pdf.js';
import { checkZipContent, DEFAULT_ZIP_LIMITS, zipEntries } from './zip-limits.js';

const dir = mkdtempSync(join(tmpdir(), 'tiendo-limits-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes the bytes to the temporary folder and reads them back, as an upload would arrive. */
function onDisk(name: string, bytes: Uint8Array): Uint8Array {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return new Uint8Array(readFileSync(path));
}

async function failure(promise: Promise<unknown>): Promise<UnreadableDocumentError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UnreadableDocumentError);
  return error as UnreadableDocumentError;
}

describe('zip archives (.docx)', () => {
  it('reads the generated documents when they are within the limits, ZIP64 records included', async () => {
    for (const zip64 of [false, true]) {
      const doc = await readSourceDocument(smallDocx('Kế hoạch nhỏ', { zip64 }), 'nho.docx');
      expect(doc.text).toBe('Kế hoạch nhỏ');
    }
  });

  it('refuses a zip bomb (400 MiB of XML in a few hundred KB) before inflating it', async () => {
    const bomb = onDisk(
      'bomb.docx',
      zipArchive(
        docxParts(inflatingPart('word/document.xml', DOCUMENT_XML_HEAD, 400, DOCUMENT_XML_TAIL)),
      ),
    );
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const error = await failure(readSourceDocument(bomb, 'bomb.docx'));
    expect(error.code).toBe('too_large');
    expect(error.message).toMatch(/word\/document\.xml unpacks to 400 MB, over the 100 MB limit/);
  });

  it('refuses by the total declared size, the entry count and the ratio of one entry', async () => {
    // Three parts of 128 KiB, each declaring 40 MiB: within the ratio, together over the total.
    const noise = randomBytes(128 * 1024);
    const media = [1, 2, 3].map((i) => deflatedPart(`word/media/image${i}.png`, noise));
    const declare = Object.fromEntries(media.map((m) => [m.name, 40 * 1024 * 1024]));
    const total = await failure(
      readSourceDocument(
        zipArchive([...docxParts(deflatedPart('word/document.xml', 'x')), ...media], { declare }),
        'x.docx',
      ),
    );
    expect(total.code).toBe('too_large');
    expect(total.message).toMatch(/unpacks to 120 MB, over the 100 MB limit/);

    const many = smallDocx('x');
    const entries = zipEntries(many);
    expect(entries.map((e) => e.name)).toContain('word/document.xml');
    expect(() =>
      zipEntries(many, { ...DEFAULT_ZIP_LIMITS, maxEntries: entries.length - 1 }),
    ).toThrow(expect.objectContaining({ code: 'too_large' }));

    // A megabyte of one byte repeated deflates about 1000:1; no part of a real document does.
    const ratio = await failure(
      readSourceDocument(
        zipArchive(
          docxParts(inflatingPart('word/document.xml', DOCUMENT_XML_HEAD, 2, DOCUMENT_XML_TAIL)),
        ),
        'x.docx',
      ),
    );
    expect(ratio.code).toBe('too_large');
    expect(ratio.message).toMatch(/times larger than it is stored/);
  });

  it('believes the ZIP64 sizes, not the 32-bit fields', async () => {
    const huge = 5 * 1024 ** 3;
    const error = await failure(
      readSourceDocument(
        smallDocx('x', { zip64: true, declare: { 'word/document.xml': huge } }),
        'x.docx',
      ),
    );
    expect(error.code).toBe('too_large');
    expect(error.message).toMatch(/5120 MB/);
  });

  it('stops an entry that unpacks to more than it declares at the declared size', () => {
    // The directory says 1 KiB; the part is 50 MiB of spaces.
    const liar = zipArchive(
      docxParts(inflatingPart('word/document.xml', DOCUMENT_XML_HEAD, 50, DOCUMENT_XML_TAIL)),
      { declare: { 'word/document.xml': 1024 } },
    );
    const entries = zipEntries(liar);
    expect(() => checkZipContent(liar, entries)).toThrow(
      /unpacks to more than the 1,024 bytes it declares/,
    );
  });

  it('calls an archive without a central directory, or a damaged one, corrupt_file', async () => {
    const good = smallDocx('Kế hoạch');
    const cases: [string, Uint8Array][] = [
      ['no directory', good.subarray(0, good.length - 22)],
      ['directory cut', good.subarray(0, good.length - 40)],
      ['not a zip', new TextEncoder().encode('PK\u0003\u0004 just a header')],
    ];
    for (const [what, bytes] of cases) {
      const error = await failure(readSourceDocument(bytes, 'x.docx'));
      expect(error.code, what).toBe('corrupt_file');
    }
  });
});

describe('PDF', () => {
  it('reads the generated PDF', async () => {
    const doc = await readSourceDocument(pdf({ pages: 2 }), 'x.pdf');
    expect(doc.text).toContain('Ke hoach phat trien ha tang, dong 1');
  });

  it(`refuses a PDF of more than ${MAX_PDF_PAGES} pages before reading any`, async () => {
    const declared = onDisk('many-pages.pdf', manyPagesPdf(200));
    expect(declared.length).toBeLessThan(20_000);
    const error = await failure(readSourceDocument(declared, 'many-pages.pdf'));
    expect(error.code).toBe('too_large');
    expect(error.message).toMatch(/200,000 pages, over the 2,000-page limit/);
  });
});
