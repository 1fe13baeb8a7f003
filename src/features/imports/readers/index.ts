// Entry point of the readers: an uploaded file's bytes → SourceDocument, chosen by extension.
// Every failure a user can cause is an UnreadableDocumentError with a machine-readable code.

import { readDocx } from './docx.js';
import { detectLegacyEncoding, legacyEncodingMessage } from './legacy-encoding.js';
import { readPdf } from './pdf.js';
import { type SourceDocument, UnreadableDocumentError } from './source-document.js';
import { readMarkdown, readText } from './text.js';
import { withinZipLimits } from './zip-limits.js';

export { sourceDocumentProblems } from './document-builder.js';
export type {
  SourceDocument,
  SourceFormat,
  SourceTable,
  SourceTableCell,
} from './source-document.js';
export { UnreadableDocumentError } from './source-document.js';

/** Largest file read by default: 20 MiB. */
export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;

const READERS: Record<string, (bytes: Uint8Array) => SourceDocument | Promise<SourceDocument>> = {
  '.txt': readText,
  '.md': readMarkdown,
  // A .docx is a zip archive: its declared sizes are checked before anything is inflated.
  '.docx': (bytes) => withinZipLimits(bytes, readDocx),
  '.pdf': readPdf,
};

/** The extensions readSourceDocument accepts, for upload forms and messages. */
export const ACCEPTED_EXTENSIONS = Object.keys(READERS);

export async function readSourceDocument(
  bytes: Uint8Array,
  fileName: string,
  options: { maxBytes?: number } = {},
): Promise<SourceDocument> {
  const extension = /\.[^./\\]+$/.exec(fileName)?.[0].toLowerCase() ?? '';
  const reader = READERS[extension];
  if (!reader) {
    const hint =
      extension === '.doc'
        ? ' Open the .doc file in Word and save it as .docx.'
        : extension === '.rtf' || extension === '.odt'
          ? ' Save it as .docx or PDF first.'
          : '';
    throw new UnreadableDocumentError(
      'unsupported_format',
      `Cannot read "${fileName}": ${extension ? `${extension} files are` : 'a file without an extension is'} not supported. Accepted formats: .txt, .md, .docx and .pdf.${hint}`,
    );
  }
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (bytes.byteLength > maxBytes) {
    throw new UnreadableDocumentError(
      'too_large',
      `"${fileName}" is ${formatSize(bytes.byteLength)}, over the ${formatSize(maxBytes)} limit.`,
    );
  }
  const doc = await reader(bytes);
  if (doc.text.trim() === '') {
    throw new UnreadableDocumentError('empty_document', `"${fileName}" contains no text.`);
  }
  // Word and PDF files typed in .VnTime or VNI fonts hold legacy-encoded text as Latin-1 letters.
  const legacy = detectLegacyEncoding(doc.text);
  if (legacy) throw new UnreadableDocumentError('legacy_encoding', legacyEncodingMessage(legacy));
  return doc;
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  const units = ['KiB', 'MiB', 'GiB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = value < 10 && !Number.isInteger(value) ? 1 : 0;
  return `${value.toFixed(digits)} ${units[unit]} (${bytes.toLocaleString('en-US')} bytes)`;
}
