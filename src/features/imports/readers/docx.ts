// Word (.docx) files, through mammoth's HTML conversion: mammoth resolves styles, numbering,
// merged cells (gridSpan → colspan, vMerge → rowspan) and notes, and its HTML is small and regular
// (p, h1-h6, ul/ol/li, table/tr/td/th, strong/em/u/s/sup/sub, a, br, img), so we read it with a
// tokenizer of our own instead of a DOM.
//
// What comes out:
// - Each paragraph (p, h1-h6, li) is one line; a manual line break (<br>) starts a new line.
//   Runs of spaces and tabs become one space.
// - Word lists: an item gets the label Word displays ("I. ", "2. ", "2.1. ", "a) ", "- " for a
//   bullet), worked out from word/numbering.xml and word/document.xml (see docx-numbering.ts),
//   since mammoth drops the number format. An item that cannot be matched to its paragraph there
//   (or a file without numbering.xml) falls back to mammoth's lists: "- " for a bulleted item,
//   "1. ", "2. ", … counted within its list for a numbered one. Items in tables get no label.
//   An item with no text of its own before its nested list (mammoth's stand-in for the missing
//   parent of a list that starts at level 2) gives no line.
// - Tables become SourceTables. A cell's paragraphs and manual line breaks are kept as line breaks
//   inside the cell (CELL_LINE_BREAK), as when agencies are listed one per line. Merged cells: a
//   horizontally merged cell (colspan) keeps its text in its first column and leaves the columns it
//   covers empty, so a group row "I | Nhiệm vụ về quy hoạch" spanning the table stays two cells
//   of text with every cell index still matching the header's; a vertically merged cell (rowspan)
//   repeats its text in every row it covers, so each task row names its lead agency. A nested
//   table's text goes into the enclosing cell.
// - Footnote and endnote references stay inline as mammoth writes them ("…đô thị[1]; …"); the
//   notes come at the end, one line each, as "[1] text" (the back-link arrow removed).
// - Images are dropped (never decoded); comments are not converted.

import { SourceDocumentBuilder } from './document-builder.js';
import { type NumberedParagraph, numberingKey, readDocxNumbering } from './docx-numbering.js';
import { decodeEntities } from './entities.js';
import { type SourceDocument, UnreadableDocumentError } from './source-document.js';

export async function readDocx(bytes: Uint8Array): Promise<SourceDocument> {
  // mammoth is loaded on the first .docx read (in the extraction worker, usually).
  const { default: mammoth } = await import('mammoth');
  let html: string;
  try {
    const result = await mammoth.convertToHtml(
      { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
      {
        externalFileAccess: false,
        convertImage: mammoth.images.imgElement(async () => ({ src: '' })),
      },
    );
    html = result.value;
  } catch (error) {
    throw new UnreadableDocumentError(
      'corrupt_file',
      `The file cannot be opened as a Word document (.docx): ${describe(error)}. If it is an old .doc file, open it in Word and save it as .docx.`,
    );
  }
  return htmlToSourceDocument(html, await readDocxNumbering(bytes));
}

function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0]?.slice(0, 200) || 'unknown error';
}

// ---------------------------------------------------------------------------------------------
// Mammoth's HTML → SourceDocument.

type Token =
  | { type: 'open'; name: string; attrs: Record<string, string>; selfClosing: boolean }
  | { type: 'close'; name: string }
  | { type: 'text'; text: string };

const TOKEN =
  /<(\/?)([a-zA-Z][a-zA-Z0-9]*)((?:\s+[^\s=/>]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*)\s*(\/?)>|([^<]+|<)/g;
const ATTR = /([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g;

export function tokenizeHtml(html: string): Token[] {
  const tokens: Token[] = [];
  for (const m of html.matchAll(TOKEN)) {
    if (m[5] !== undefined) {
      tokens.push({ type: 'text', text: decodeEntities(m[5], ENTITIES) });
      continue;
    }
    const name = (m[2] as string).toLowerCase();
    if (m[1]) {
      tokens.push({ type: 'close', name });
      continue;
    }
    const attrs: Record<string, string> = {};
    for (const a of (m[3] ?? '').matchAll(ATTR)) {
      attrs[(a[1] as string).toLowerCase()] = decodeEntities(a[2] ?? a[3] ?? a[4] ?? '', ENTITIES);
    }
    tokens.push({ type: 'open', name, attrs, selfClosing: m[4] === '/' || VOID.has(name) });
  }
  return tokens;
}

const VOID = new Set(['br', 'img', 'hr', 'input', 'col', 'wbr']);

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
};

type Cell = { text: string; colspan: number; rowspan: number };

/** A list being read: its kind and the number of the next item. */
type ListFrame = { ordered: boolean; next: number };

/** A footnote or endnote being read: its number and its paragraphs, joined. */
type NoteFrame = { number: number; text: string };

const BLOCKS = new Set([
  'p',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'li',
  'pre',
  'blockquote',
  'dt',
  'dd',
]);

/** How far ahead of the last matched numbered paragraph an <li> looks for its own. */
const NUMBERING_LOOKAHEAD = 8;

/**
 * `numbered`: the numbered body paragraphs outside tables, in document order, with the labels
 * Word displays (readDocxNumbering); each <li> outside tables takes the label of the next one
 * whose text matches its own, or keeps mammoth's generic numbering.
 */
export function htmlToSourceDocument(
  html: string,
  numbered: readonly NumberedParagraph[] | null = null,
): SourceDocument {
  const builder = new SourceDocumentBuilder();
  const notes: string[] = [];
  const lists: ListFrame[] = [];
  // Open tables, innermost last. Only the outermost one becomes a SourceTable.
  const tables: { rows: Cell[][]; cell: Cell | null }[] = [];
  let note: NoteFrame | null = null;
  let noteCount = 0;
  let pending = ''; // text of the current paragraph
  let skipDepth = 0; // inside the back-link <a> of a note
  let itemMark: string | null = null; // mammoth's mark for the list item being read ("1. ", "- ")
  let nextNumbered = 0; // index in `numbered` of the next paragraph to match

  /** The label Word shows for the list item whose text is `text`, if it can be matched. */
  const wordLabel = (text: string): string | null => {
    if (!numbered) return null;
    const key = numberingKey(text);
    const end = Math.min(numbered.length, nextNumbered + NUMBERING_LOOKAHEAD);
    for (let i = nextNumbered; i < end; i++) {
      const candidate = numbered[i] as NumberedParagraph;
      if (candidate.key !== key) continue;
      nextNumbered = i + 1;
      return candidate.label;
    }
    return null;
  };

  const flush = () => {
    let text = pending;
    pending = '';
    if (itemMark !== null) {
      const label = wordLabel(text);
      text = (label === null ? itemMark : label === '' ? '' : `${label} `) + text;
      itemMark = null;
    }
    const table = tables[0];
    if (table) {
      // A cell's paragraphs are its lines (cleanCellText turns the breaks into CELL_LINE_BREAK).
      if (table.cell) table.cell.text += `\n${text}`;
      return;
    }
    const line = text
      .replace(/[ \t]+/g, ' ')
      .replace(/ ?\n ?/g, '\n')
      .trim();
    if (line === '') return;
    if (note) note.text += ` ${line.replace(/\n/g, ' ')}`;
    else builder.paragraph(line);
  };

  for (const token of tokenizeHtml(html)) {
    if (token.type === 'text') {
      if (skipDepth === 0) pending += token.text;
      continue;
    }
    const { name } = token;
    if (token.type === 'open') {
      if (skipDepth > 0) {
        if (name === 'a') skipDepth++;
        continue;
      }
      if (name === 'a' && /^#(footnote|endnote)-ref-/.test(token.attrs.href ?? '')) {
        skipDepth = 1;
        continue;
      }
      if (name === 'br') {
        // Inside a cell too: a cell listing agencies one per line is split on its breaks.
        pending += '\n';
        continue;
      }
      if (name === 'ul' || name === 'ol') {
        // An item with no text before its nested list is mammoth's stand-in for a missing parent
        // level (a Word list that starts at level 2): no line for it.
        if (itemMark !== null && pending.trim() === '') itemMark = null;
        flush(); // the text of an item that holds a nested list
        lists.push({ ordered: name === 'ol', next: 1 });
        continue;
      }
      if (name === 'li') {
        flush();
        const id = token.attrs.id ?? '';
        if (/^(footnote|endnote)-/.test(id)) {
          noteCount++;
          note = { number: noteCount, text: '' };
          continue;
        }
        const list = lists[lists.length - 1];
        if (list && tables.length === 0) itemMark = list.ordered ? `${list.next++}. ` : '- ';
        continue;
      }
      if (name === 'table') {
        flush();
        tables.push({ rows: [], cell: null });
        continue;
      }
      const table = tables[tables.length - 1];
      if (name === 'tr' && table && tables.length === 1) {
        table.rows.push([]);
        continue;
      }
      if ((name === 'td' || name === 'th') && table) {
        if (tables.length > 1) {
          pending += ' '; // a nested table's cells go into the outer cell, space-separated
          continue;
        }
        flush();
        const cell: Cell = {
          text: '',
          colspan: spanOf(token.attrs.colspan),
          rowspan: spanOf(token.attrs.rowspan),
        };
        if (table.rows.length === 0) table.rows.push([]);
        table.rows[table.rows.length - 1]?.push(cell);
        table.cell = cell;
        continue;
      }
      if (BLOCKS.has(name)) flush();
      continue;
    }
    // Closing tags.
    if (skipDepth > 0) {
      if (name === 'a') skipDepth--;
      continue;
    }
    if (name === 'ul' || name === 'ol') {
      flush();
      lists.pop();
      continue;
    }
    if (name === 'li') {
      flush();
      if (note) {
        const text = note.text.trim();
        if (text !== '') notes.push(`[${note.number}] ${text}`);
        note = null;
      }
      continue;
    }
    if (name === 'td' || name === 'th') {
      flush();
      if (tables.length === 1 && tables[0]) tables[0].cell = null;
      continue;
    }
    if (name === 'table') {
      flush();
      const table = tables.pop();
      if (table && tables.length === 0) builder.table(layOut(table.rows));
      continue;
    }
    if (BLOCKS.has(name)) flush();
  }
  flush();
  while (tables.length > 0) {
    const table = tables.pop();
    if (table && tables.length === 0) builder.table(layOut(table.rows));
  }
  for (const line of notes) builder.paragraph(line);
  return builder.build('docx');
}

function spanOf(value: string | undefined): number {
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 ? Math.min(n, 100) : 1;
}

/**
 * Places cells on the table grid the way HTML does: a cell goes to the first free column of its
 * row; colspan leaves the covered columns empty, rowspan repeats the text in the rows below.
 */
export function layOut(rows: Cell[][]): string[][] {
  const grid: (string | undefined)[][] = rows.map(() => []);
  rows.forEach((row, r) => {
    let c = 0;
    for (const cell of row) {
      const gridRow = grid[r] as (string | undefined)[];
      while (gridRow[c] !== undefined) c++;
      const text = cell.text.trim();
      for (let dr = 0; dr < cell.rowspan && r + dr < rows.length; dr++) {
        const target = grid[r + dr] as (string | undefined)[];
        for (let dc = 0; dc < cell.colspan; dc++) target[c + dc] = dc === 0 ? text : '';
      }
      c += cell.colspan;
    }
  });
  return grid.map((row) => Array.from(row, (cell) => cell ?? ''));
}
