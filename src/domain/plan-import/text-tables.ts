// Tables that reach the parser as plain text: one row per line, cells joined by " | " (how every
// reader renders a table into the text, and how plain-text copies of plans keep their appendices).
// They are rebuilt into the same SourceTable shape a .docx table has, so both end in one code path.
import type {
  SourceTable,
  SourceTableCell,
} from '../../features/imports/readers/source-document.js';
import type { Span } from './paragraphs.js';

const CELL_SEPARATOR = ' | ';
/** A line between rows without separators is a one-cell row ("I. NÂNG CAO NHẬN THỨC") if short. */
const MAX_ONE_CELL_ROW = 300;

/** " | " between cells; a row's last cell may be empty ("… | Sở Nội vụ |" once trimmed). */
const SEPARATOR = / \|(?: |$)/gu;

function cellsOf(line: string, lineStart: number): SourceTableCell[] {
  const cells: SourceTableCell[] = [];
  let from = 0;
  const cell = (to: number) => {
    const raw = line.slice(from, to);
    const lead = raw.length - raw.trimStart().length;
    const text = raw.trim();
    const start = lineStart + from + lead;
    cells.push({ text, start, end: start + text.length });
  };
  for (const m of line.matchAll(SEPARATOR)) {
    cell(m.index ?? 0);
    from = (m.index ?? 0) + m[0].length;
  }
  cell(line.length);
  return cells;
}

/**
 * The tables written as " | " rows in `text` that are not already among `known` (a reader's own
 * tables, which it also renders into the text).
 */
export function textTables(text: string, known: readonly Span[]): SourceTable[] {
  const lines: { text: string; start: number; row: boolean }[] = [];
  let offset = 0;
  for (const raw of text.split('\n')) {
    const lead = raw.length - raw.trimStart().length;
    const line = raw.trim();
    if (line)
      lines.push({
        text: line,
        start: offset + lead,
        row: line.includes(CELL_SEPARATOR) || / \|$/u.test(line),
      });
    offset += raw.length + 1;
  }
  const inKnown = (at: number) => known.some((t) => at >= t.start && at < t.end);
  const tables: SourceTable[] = [];
  for (let i = 0; i < lines.length; i++) {
    const first = lines[i] as (typeof lines)[number];
    if (!first.row || inKnown(first.start)) continue;
    const rows: SourceTableCell[][] = [];
    let j = i;
    let lastRow = i;
    while (j < lines.length) {
      const line = lines[j] as (typeof lines)[number];
      if (inKnown(line.start)) break;
      if (line.row) {
        rows.push(cellsOf(line.text, line.start));
        lastRow = j;
        j++;
        continue;
      }
      // A group row between rows: the next row must come within two lines.
      const next = lines.slice(j + 1, j + 3).findIndex((l) => l.row);
      if (line.text.length > MAX_ONE_CELL_ROW || next < 0) break;
      rows.push([{ text: line.text, start: line.start, end: line.start + line.text.length }]);
      j++;
    }
    // Trailing one-cell rows after the last real row are not part of the table.
    const kept = rows.slice(0, rows.length - (j - 1 - lastRow));
    const last = lines[lastRow] as (typeof lines)[number];
    if (kept.length >= 2)
      tables.push({ rows: kept, start: first.start, end: last.start + last.text.length });
    i = lastRow;
  }
  return tables;
}
