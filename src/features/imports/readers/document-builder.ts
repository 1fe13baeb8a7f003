// Builds a SourceDocument line by line, so that every reader renders paragraphs and tables the same
// way and table cell offsets always point into the final text.

import type {
  SourceDocument,
  SourceFormat,
  SourceTable,
  SourceTableCell,
} from './source-document.js';

/** Separator between the cells of a table row in SourceDocument.text. */
export const CELL_SEPARATOR = ' | ';

// Spaces that are not U+0020 (no-break, thin, ideographic, …) become plain spaces; invisible
// characters that only break searches (zero-width space/joiners, stray BOM, soft hyphen) go.
const ODD_SPACES = /[\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]/g;
const INVISIBLES = /[\u00AD\u200B-\u200D\u2060\uFEFF]/g;

/** NFC, plain spaces, no invisible characters. Keeps line breaks and tabs. */
export function cleanText(text: string): string {
  return text.normalize('NFC').replace(ODD_SPACES, ' ').replace(INVISIBLES, '');
}

/**
 * A line break inside a table cell (agencies listed one per line, a cell of several paragraphs):
 * U+2028 LINE SEPARATOR, so that a row stays one line of the text ("\n" separates paragraphs)
 * while the parser can still split a cell's list on it. Regular expressions see it as whitespace.
 */
export const CELL_LINE_BREAK = '\u2028';

/**
 * Text for one table cell: its lines (split at "\n" or CELL_LINE_BREAK) with whitespace runs
 * collapsed and trimmed, empty ones dropped, joined by CELL_LINE_BREAK.
 */
export function cleanCellText(text: string): string {
  return cleanText(text)
    .split(/[\r\n\u2028\u2029]+/)
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter((line) => line !== '')
    .join(CELL_LINE_BREAK);
}

export class SourceDocumentBuilder {
  private readonly lines: string[] = [];
  private length = 0;
  private readonly tables: SourceTable[] = [];

  /** Where the next line starts in the final text. */
  private nextLineStart(): number {
    return this.lines.length === 0 ? 0 : this.length + 1;
  }

  private pushLine(line: string): number {
    const start = this.nextLineStart();
    this.lines.push(line);
    this.length = start + line.length;
    return start;
  }

  /**
   * Adds a paragraph. Line breaks inside it give several lines; trailing spaces are trimmed and
   * empty lines dropped (so the text never has blank lines). Leading spaces are kept.
   */
  paragraph(text: string): void {
    for (const raw of cleanText(text).split(/\r\n|\r|\n/)) {
      const line = raw.trimEnd();
      if (line.trim() !== '') this.pushLine(line);
    }
  }

  /**
   * Adds a table: one line per row, cells joined by " | ". Rows whose cells are all empty are
   * dropped; trailing empty cells are not rendered (no trailing spaces) and get an empty range at
   * the end of their row's line.
   */
  table(rows: readonly (readonly string[])[]): void {
    const tableRows: SourceTableCell[][] = [];
    let tableStart = -1;
    for (const row of rows) {
      const cells = row.map(cleanCellText);
      if (cells.every((c) => c === '')) continue;
      let rendered = cells.length;
      while (rendered > 0 && cells[rendered - 1] === '') rendered--;
      const line = cells.slice(0, rendered).join(CELL_SEPARATOR);
      const lineStart = this.pushLine(line);
      const lineEnd = lineStart + line.length;
      if (tableStart < 0) tableStart = lineStart;
      let pos = lineStart;
      tableRows.push(
        cells.map((text) => {
          const start = Math.min(pos, lineEnd);
          const end = Math.min(pos + text.length, lineEnd);
          pos += text.length + CELL_SEPARATOR.length;
          return { text, start, end };
        }),
      );
    }
    if (tableRows.length > 0) {
      this.tables.push({ rows: tableRows, start: tableStart, end: this.length });
    }
  }

  get isEmpty(): boolean {
    return this.lines.length === 0;
  }

  build(format: SourceFormat): SourceDocument {
    return { format, text: this.lines.join('\n'), tables: this.tables };
  }
}

/**
 * What is wrong with a SourceDocument, as readable sentences (empty when nothing is): text not NFC,
 * "\r", trailing spaces or blank lines, tables or cells whose offsets do not point at their text.
 * Tests assert it is empty for every fixture; it is kept here so the parser's tests can use it too.
 */
export function sourceDocumentProblems(doc: SourceDocument): string[] {
  const problems: string[] = [];
  const { text } = doc;
  if (text.normalize('NFC') !== text) problems.push('text is not NFC');
  if (text.includes('\r')) problems.push('text contains \\r');
  text.split('\n').forEach((line, i) => {
    if (/\s$/.test(line)) problems.push(`line ${i + 1} has trailing whitespace`);
    if (line.trim() === '') problems.push(`line ${i + 1} is blank`);
  });
  doc.tables.forEach((table, t) => {
    if (!(table.start >= 0 && table.start <= table.end && table.end <= text.length)) {
      problems.push(`table ${t} has a bad range ${table.start}..${table.end}`);
    }
    table.rows.forEach((row, r) => {
      row.forEach((cell, c) => {
        const where = `table ${t} row ${r} cell ${c}`;
        if (cell.start < table.start || cell.end > table.end || cell.start > cell.end) {
          problems.push(`${where}: range ${cell.start}..${cell.end} outside its table`);
        }
        if (text.slice(cell.start, cell.end) !== cell.text) {
          problems.push(
            `${where}: text.slice(${cell.start}, ${cell.end}) is ${JSON.stringify(text.slice(cell.start, cell.end))}, not ${JSON.stringify(cell.text)}`,
          );
        }
        if (cell.text.includes('\n')) problems.push(`${where}: cell text has a line break`);
      });
    });
  });
  return problems;
}
