// What every reader produces from an input file: the document's text, in reading order, and its
// tables. The parser (src/domain/plan-import/) works on this only; it never sees file formats.

export type SourceFormat = 'txt' | 'md' | 'docx' | 'pdf';

export type SourceTableCell = {
  /** One line of text; a line break inside the cell is U+2028 (CELL_LINE_BREAK), never "\n". */
  text: string;
  /** Offsets of the cell's text inside SourceDocument.text (UTF-16, end exclusive). */
  start: number;
  end: number;
};

export type SourceTable = {
  rows: SourceTableCell[][];
  /** Offsets of the whole table inside SourceDocument.text. */
  start: number;
  end: number;
};

export type SourceDocument = {
  format: SourceFormat;
  /**
   * NFC text, one paragraph per line ("\n"), no trailing spaces. A table is rendered into the text
   * at its place in the document, one row per line with cells joined by " | ", so that every
   * cell's offsets point into this text.
   */
  text: string;
  tables: SourceTable[];
};

/** Every reason a file cannot be read, as machine-readable codes (the web client has a message for each). */
export const UNREADABLE_CODES = [
  'unsupported_format',
  'too_large',
  'empty_document',
  'scanned_pdf',
  'legacy_encoding',
  'invalid_encoding',
  'corrupt_file',
  /** Reading (and parsing) took longer than the pool allows (imports/extraction-pool.ts). */
  'timeout',
] as const;

export type UnreadableCode = (typeof UNREADABLE_CODES)[number];

/** Why a file cannot be read as a plan document; `code` is machine-readable, `message` English. */
export class UnreadableDocumentError extends Error {
  constructor(
    readonly code: UnreadableCode,
    message: string,
  ) {
    super(message);
    this.name = 'UnreadableDocumentError';
  }
}
