// PDF files, through pdfjs-dist (Mozilla's PDF.js), its "legacy" build, pinned to 5.6.205.
//
// Why this library and version: of the three candidates, pdfjs-dist 6.x and the current unpdf
// (1.8, which wraps a PDF.js build) declare Node >= 22, and pdf-parse 2.x wraps pdfjs-dist too but
// hard-depends on the native @napi-rs/canvas, for rendering we do not need. pdfjs-dist 5.6.205 is the newest PDF.js that declares Node >= 20.19,
// has no install scripts, and runs here with nothing fetched at run time: the worker runs in this
// thread (we load its module ourselves) and the standard-font and CMap data it may need come from
// the package's own folders. It is pinned exactly because 5.7 already requires Node 22.
//
// Reading: PDF.js gives text items with positions. We keep the producer's order (Word and
// LibreOffice write text in reading order, table cells one after another), start a new line when
// the baseline changes, and separate words where PDF.js saw a gap (with a correction for the
// accented letters LibreOffice wraps in /ActualText spans, see textItems). A small raised number
// is a note reference and becomes "[n]" as in the other formats; a footnote block at the foot of a
// page ("[1] text") is moved to the end of the document, and lone page numbers in the top or bottom
// margin are dropped. Then wrapped lines are joined back into paragraphs (joinWrappedLines).
// Tables are rebuilt from the items' positions (pdf-tables.ts) and go into `tables` at their place
// in the text, as the other readers give them; a table continued on the next page is joined up.

import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { TextItem, TextMarkedContent } from 'pdfjs-dist/types/src/display/api';
import { cleanCellText, SourceDocumentBuilder } from './document-builder.js';
import { type Columns, findTables, type Measure, type PdfTable, type Rule } from './pdf-tables.js';
import { type SourceDocument, UnreadableDocumentError } from './source-document.js';

type Pdfjs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

let pdfjs: Promise<Pdfjs> | undefined;

function loadPdfjs(): Promise<Pdfjs> {
  pdfjs ??= (async () => {
    // PDF.js looks for a worker module on globalThis before trying to start a worker thread.
    const worker = await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
    (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = worker;
    return import('pdfjs-dist/legacy/build/pdf.mjs');
  })();
  return pdfjs;
}

const PDFJS_DIR = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));

/**
 * More pages than this: refused before any page is read (too_large). Plans run to tens of pages,
 * a few hundred with appendices; a PDF can declare hundreds of thousands in a few kilobytes.
 */
export const MAX_PDF_PAGES = 2000;

/** Fewer letters than this per page on average: the PDF is a scanned image without a text layer. */
export const MIN_LETTERS_PER_PAGE = 20;

export async function readPdf(bytes: Uint8Array): Promise<SourceDocument> {
  const { getDocument, VerbosityLevel, OPS } = await loadPdfjs();
  // PDF.js may transfer (detach) the buffer it is given: hand it a copy.
  const task = getDocument({
    data: new Uint8Array(bytes),
    verbosity: VerbosityLevel.ERRORS,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    standardFontDataUrl: `${join(PDFJS_DIR, 'standard_fonts')}/`,
    cMapUrl: `${join(PDFJS_DIR, 'cmaps')}/`,
    cMapPacked: true,
  });
  try {
    let doc: Awaited<typeof task.promise>;
    try {
      doc = await task.promise;
    } catch (error) {
      throw corrupt(error);
    }
    if (doc.numPages > MAX_PDF_PAGES) {
      throw new UnreadableDocumentError(
        'too_large',
        `The PDF has ${doc.numPages.toLocaleString('en-US')} pages, over the ${MAX_PDF_PAGES.toLocaleString('en-US')}-page limit. Upload the plan itself (without long annexes) or split it.`,
      );
    }
    const pages: PageLines[] = [];
    let letters = 0;
    // The columns of the last table on the page before, for a table continued on this one.
    let carried: Columns | null = null;
    try {
      for (let p = 1; p <= doc.numPages; p++) {
        const page = await doc.getPage(p);
        const content = await page.getTextContent({ includeMarkedContent: true });
        const [, bottom, , top] = page.view as [number, number, number, number];
        const items = textItems(content.items as (TextItem | TextMarkedContent)[]);
        for (const item of items) letters += item.str.match(/\p{L}/gu)?.length ?? 0;
        const { blocks, last } = pageBlocks(items, carried, await horizontalRules(page, OPS));
        carried = last;
        pages.push(pageLines(blocks, { top, bottom }));
        page.cleanup();
      }
    } catch (error) {
      throw corrupt(error);
    }
    if (letters < MIN_LETTERS_PER_PAGE * doc.numPages) {
      throw new UnreadableDocumentError(
        'scanned_pdf',
        `The PDF has no text layer (${letters} letters in ${doc.numPages} page${doc.numPages === 1 ? '' : 's'}): it is a scanned image. Run it through OCR first, or upload the original Word file.`,
      );
    }
    const builder = new SourceDocumentBuilder();
    for (const block of joinBlocks(mergeTables(arrangeNotes(pages)))) {
      if (typeof block === 'string') builder.paragraph(block);
      else builder.table(block.rows);
    }
    return builder.build('pdf');
  } finally {
    await task.destroy().catch(() => {});
  }
}

type PdfPage = { getOperatorList: () => Promise<{ fnArray: number[]; argsArray: unknown[] }> };

/**
 * The horizontal lines a page draws (10 pt or longer), from its paths: table borders, from which
 * pdf-tables.ts reads rows. Path data is PDF.js's: [op, coordinates…] with moveTo 0, lineTo 1,
 * curveTo 2, quadraticCurveTo 3, closePath 4; `transform` (cm) and save/restore are followed.
 * Any failure gives no lines (the rows are then found from the text alone).
 */
async function horizontalRules(page: PdfPage, OPS: Pdfjs['OPS']): Promise<Rule[]> {
  const out: Rule[] = [];
  try {
    const list = await page.getOperatorList();
    let m = [1, 0, 0, 1, 0, 0];
    const stack: number[][] = [];
    const at = (x: number, y: number) => [
      (m[0] as number) * x + (m[2] as number) * y + (m[4] as number),
      (m[1] as number) * x + (m[3] as number) * y + (m[5] as number),
    ];
    list.fnArray.forEach((fn, i) => {
      const args = list.argsArray[i] as unknown[];
      if (fn === OPS.save) stack.push(m);
      else if (fn === OPS.restore) m = stack.pop() ?? m;
      else if (fn === OPS.transform) {
        const [a, b, c, d, e, f] = args as number[];
        const [ma, mb, mc, md, me, mf] = m as [number, number, number, number, number, number];
        m = [
          (a as number) * ma + (b as number) * mc,
          (a as number) * mb + (b as number) * md,
          (c as number) * ma + (d as number) * mc,
          (c as number) * mb + (d as number) * md,
          (e as number) * ma + (f as number) * mc + me,
          (e as number) * mb + (f as number) * md + mf,
        ];
      } else if (fn === OPS.constructPath) {
        const data = (args[1] as ArrayLike<number>[] | undefined)?.[0];
        if (!data) return;
        let x = 0;
        let y = 0;
        let k = 0;
        while (k < data.length) {
          const op = data[k] as number;
          if (op === 0 || op === 1) {
            const [nx, ny] = at(data[k + 1] as number, data[k + 2] as number) as [number, number];
            if (op === 1 && Math.abs(ny - y) < 0.5 && Math.abs(nx - x) >= 10)
              out.push({ y: (ny + y) / 2, x1: Math.min(x, nx), x2: Math.max(x, nx) });
            x = nx;
            y = ny;
            k += 3;
          } else if (op === 2) k += 7;
          else if (op === 3) k += 5;
          else k += 1;
        }
      }
    });
  } catch {
    return [];
  }
  return out;
}

function corrupt(error: unknown): UnreadableDocumentError {
  if (error instanceof UnreadableDocumentError) return error;
  const name = error instanceof Error ? error.name : '';
  if (name === 'PasswordException') {
    return new UnreadableDocumentError(
      'corrupt_file',
      'The PDF is password-protected. Remove the password (or upload the original Word file) and try again.',
    );
  }
  const message = error instanceof Error ? error.message : String(error);
  return new UnreadableDocumentError(
    'corrupt_file',
    `The file cannot be read as a PDF: ${message.split('\n')[0]?.slice(0, 200) || 'unknown error'}.`,
  );
}

// ---------------------------------------------------------------------------------------------
// Items → lines. Pure functions, exported for tests.

/**
 * A text item: baseline origin (x, y), font size and advance width, all in PDF points. `str` is
 * " " for a word space (see textItems); `inSpan` marks a letter drawn inside an ActualText span.
 */
export type PdfItem = {
  str: string;
  x: number;
  y: number;
  size: number;
  width: number;
  inSpan?: boolean;
};

export type PdfLine = {
  text: string;
  left: number;
  right: number;
  /** Baseline of the line's largest text. */
  y: number;
  size: number;
  /** Starts with a raised note number, as a footnote at the foot of a page does. */
  startsWithNote: boolean;
};

/** Rough advance widths (em) of a Times-like font, for letters PDF.js reports as zero-wide. */
function estimateWidth(str: string, size: number): number {
  let em = 0;
  for (const ch of str.normalize('NFD')) {
    if (/\p{M}/u.test(ch)) continue;
    if (ch === ' ') em += 0.25;
    else if (/[il.,;:!|'`]/.test(ch)) em += 0.28;
    else if (/[ftrjI()[\]/-]/.test(ch)) em += 0.33;
    else if (/[mwMW]/.test(ch)) em += 0.78;
    else if (/\p{Lu}/u.test(ch)) em += 0.7;
    else if (/[ac-eg-hk-qs-vx-z]/.test(ch)) em += 0.47;
    else em += 0.5;
  }
  return em * size;
}

/** A space this much wider than what it has to cover is a word space. */
const SPACE_EM = 0.12;
/** Two items this far apart, with no whitespace item between them, are two words. */
const GAP_EM = 0.5;

/**
 * PDF.js's items as PdfItems, deciding which of its whitespace items are word spaces. PDF.js
 * makes a whitespace item for every gap it sees, which is right except around the accented letters
 * that LibreOffice draws inside a marked-content /Span with /ActualText (no MCID):
 * - a whitespace item inside such a span covers the span's first glyph ("ph", " ", "á", "p"):
 *   never a word space;
 * - after a letter PDF.js measured as zero-wide (most often in such a span), the whitespace item
 *   covers the letter's own advance ("h", "ợ", " ", "p"): a word space only if it is wider than
 *   the letter's estimated advance by SPACE_EM ("qu", "ả", " ", "trước").
 */
export function textItems(items: readonly (TextItem | TextMarkedContent)[]): PdfItem[] {
  const out: PdfItem[] = [];
  // Open marked-content sections: true for an ActualText-like span.
  const sections: boolean[] = [];
  for (const item of items) {
    if (!('str' in item)) {
      if (item.type === 'endMarkedContent') sections.pop();
      else if (item.type.startsWith('beginMarkedContent')) {
        const tag = (item as { tag?: string }).tag;
        sections.push(item.type === 'beginMarkedContentProps' && tag === 'Span' && item.id == null);
      }
      continue;
    }
    const t = item.transform as number[];
    const inSpan = sections.includes(true);
    const size = Math.hypot(t[2] ?? 0, t[3] ?? 0) || Math.hypot(t[0] ?? 0, t[1] ?? 0) || 1;
    const x = t[4] ?? 0;
    if (item.str.trim() === '') {
      if (inSpan) continue;
      const previous = out[out.length - 1];
      if (previous && previous.str !== ' ' && previous.width === 0) {
        const covered = estimateWidth(previous.str, previous.size);
        if (item.width - covered <= SPACE_EM * size) continue;
      }
      if (item.str !== '') out.push({ str: ' ', x, y: t[5] ?? 0, size, width: item.width });
      continue;
    }
    out.push({ str: item.str, x, y: t[5] ?? 0, size, width: item.width, inSpan });
  }
  return out;
}

/**
 * Groups items into lines in the producer's order: an item joins the current line when its
 * baseline is within half a font size of the line's and it does not move back to the left. Words
 * are separated where a whitespace item was, or where two items are more than GAP_EM apart.
 */
export function itemsToLines(items: readonly PdfItem[]): PdfLine[] {
  type Placed = PdfItem & { right: number; spaceBefore: boolean };
  const groups: Placed[][] = [];
  let current: Placed[] | null = null;
  let lineY = 0;
  let lineSize = 0;
  let lineRight = 0;
  let space = false;
  for (const item of items) {
    if (item.str === ' ') {
      space = true;
      continue;
    }
    const width = item.width > 0 ? item.width : estimateWidth(item.str, item.size);
    const tolerance = 0.5 * Math.max(lineSize, item.size);
    const sameLine =
      current !== null && Math.abs(item.y - lineY) <= tolerance && item.x >= lineRight - tolerance;
    const placed: Placed = { ...item, right: item.x + width, spaceBefore: sameLine && space };
    space = false;
    if (current && sameLine) {
      const previous = current[current.length - 1] as Placed;
      if (!previous.inSpan && !item.inSpan && item.x - previous.right > GAP_EM * item.size) {
        placed.spaceBefore = true;
      }
      current.push(placed);
      if (item.size > lineSize) {
        lineSize = item.size;
        lineY = item.y;
      }
      lineRight = Math.max(lineRight, placed.right);
    } else {
      current = [placed];
      groups.push(current);
      lineY = item.y;
      lineSize = item.size;
      lineRight = placed.right;
    }
  }
  return groups.map((group) => {
    const size = Math.max(...group.map((i) => i.size));
    const y = (group.find((i) => i.size === size) as Placed).y;
    let text = '';
    let startsWithNote = false;
    group.forEach((item, index) => {
      const isNote =
        item.size < 0.8 * size && item.y - y > 0.15 * size && /^\s*\d{1,3}\s*$/.test(item.str);
      const str = isNote ? `[${item.str.trim()}]` : item.str;
      if (index === 0) startsWithNote = isNote;
      const needsSpace =
        text !== '' && !isNote && (item.spaceBefore || (index === 1 && startsWithNote));
      text += (needsSpace ? ' ' : '') + str;
    });
    return {
      text: text.replace(/\s+/g, ' ').trim(),
      left: Math.min(...group.map((i) => i.x)),
      right: Math.max(...group.map((i) => i.right)),
      y,
      size,
      startsWithNote,
    };
  });
}

/** A line ready for joining: its text and what its geometry says. */
export type JoinableLine = {
  text: string;
  /**
   * Spans the page's text from (within 3 em: a first-line indent or list mark) its left edge to
   * (within 2 em) its right edge, as a wrapped line does; lines of a table's columns do not.
   */
  full: boolean;
  /** Centred (a title line): never continued by the next line. */
  centred: boolean;
};

/** A table found on a page, in the place of its first item. */
type TableBlock = Pick<PdfTable, 'rows' | 'headerRows' | 'numbered'> & { y: number };
type Block = JoinableLine | TableBlock;
const isTable = (b: Block | PdfLine): b is TableBlock => 'rows' in b;

type PageLines = { body: Block[]; notes: JoinableLine[] };

const MEASURE: Measure = {
  item: (item) => (item.width > 0 ? item.width : estimateWidth(item.str, item.size)),
  text: estimateWidth,
  line: (items) =>
    itemsToLines(items)
      .map((l) => l.text)
      .join(' ')
      .trim(),
};

/** A page's lines in the producer's order, with each table in the place of its first item. */
function pageBlocks(
  items: readonly PdfItem[],
  carried: Columns | null,
  rules: readonly Rule[],
): { blocks: (PdfLine | TableBlock)[]; last: Columns | null } {
  const tables = findTables(items, MEASURE, carried, rules);
  const at = new Map(tables.map((t) => [t.firstItem, t]));
  const inTable = new Set(tables.flatMap((t) => [...t.items]));
  const out: (PdfLine | TableBlock)[] = [];
  let segment: PdfItem[] = [];
  items.forEach((item, i) => {
    const table = at.get(i);
    if (table) {
      out.push(...itemsToLines(segment));
      segment = [];
      const { rows, headerRows, numbered } = table;
      out.push({ rows, headerRows, numbered, y: table.bottom });
    }
    if (!inTable.has(i)) segment.push(item);
  });
  out.push(...itemsToLines(segment));
  return { blocks: out, last: tables[tables.length - 1]?.columns ?? null };
}

/**
 * One page's lines: page numbers alone in the top or bottom 8% dropped, the footnote block (from a
 * line starting with a note number, below every line before it, to the end) set apart.
 */
function pageLines(
  blocks: (PdfLine | TableBlock)[],
  page: { top: number; bottom: number },
): PageLines {
  const height = page.top - page.bottom || 1;
  const kept = blocks.filter((line) => {
    if (isTable(line)) return true;
    const fromTop = (page.top - line.y) / height;
    return !(/^[-–]?\s*\d{1,4}\s*[-–]?$/.test(line.text) && (fromTop < 0.08 || fromTop > 0.92));
  });
  let noteStart = kept.length;
  for (let i = 0; i < kept.length; i++) {
    const line = kept[i] as PdfLine | TableBlock;
    if (isTable(line) || !line.startsWithNote || (page.top - line.y) / height < 0.6) continue;
    const before = kept.slice(0, i);
    const after = kept.slice(i);
    if (before.every((l) => l.y > line.y) && after.every((l) => !isTable(l) && l.y <= line.y + 1)) {
      noteStart = i;
      break;
    }
  }
  const lines = kept.filter((l): l is PdfLine => !isTable(l));
  const left = Math.min(...lines.map((l) => l.left));
  const right = Math.max(...lines.map((l) => l.right));
  const joinable = (line: PdfLine): JoinableLine => {
    const leftGap = line.left - left;
    const rightGap = right - line.right;
    return {
      text: line.text,
      full: rightGap <= 2 * line.size && leftGap <= 3 * line.size,
      centred:
        leftGap > line.size && rightGap > line.size && Math.abs(leftGap - rightGap) < line.size,
    };
  };
  return {
    body: kept.slice(0, noteStart).map((b) => (isTable(b) ? b : joinable(b))),
    notes: kept
      .slice(noteStart)
      .filter((b): b is PdfLine => !isTable(b))
      .map(joinable),
  };
}

/** The body lines of every page in order, then every page's footnotes. */
function arrangeNotes(pages: PageLines[]): Block[] {
  return [...pages.flatMap((p) => p.body), ...pages.flatMap((p) => p.notes)];
}

const sameRow = (a: readonly string[] | undefined, b: readonly string[] | undefined) =>
  a !== undefined &&
  b !== undefined &&
  a.map(cleanCellText).join('|').toLowerCase() === b.map(cleanCellText).join('|').toLowerCase();

/**
 * A table that follows another directly (nothing but a page break between them) with as many
 * columns continues it: a repeated header is dropped; in a numbered table, the lines before the
 * first number finish the row the page cut.
 */
export function mergeTables(blocks: readonly Block[]): Block[] {
  const out: Block[] = [];
  for (const block of blocks) {
    const previous = out[out.length - 1];
    if (
      !isTable(block) ||
      !previous ||
      !isTable(previous) ||
      (block.rows[0]?.length ?? 0) !== (previous.rows[0]?.length ?? -1)
    ) {
      out.push(isTable(block) ? { ...block, rows: [...block.rows] } : block);
      continue;
    }
    let rows = block.rows;
    if (block.headerRows > 0) {
      if (previous.headerRows > 0 && sameRow(rows[0], previous.rows[0])) rows = rows.slice(1);
      else if (block.numbered && previous.rows.length > previous.headerRows) {
        const last = previous.rows[previous.rows.length - 1] as string[];
        const cut = rows[0] as string[];
        previous.rows[previous.rows.length - 1] = last.map((cell, i) =>
          [cell, cut[i] ?? ''].filter((t) => t !== '').join(' '),
        );
        rows = rows.slice(1);
      }
    }
    previous.rows.push(...rows);
  }
  return out;
}

/** Paragraphs joined back (joinWrappedLines) between tables, which are kept as they are. */
function joinBlocks(blocks: readonly Block[]): (string | TableBlock)[] {
  const out: (string | TableBlock)[] = [];
  let run: JoinableLine[] = [];
  for (const block of blocks) {
    if (!isTable(block)) {
      run.push(block);
      continue;
    }
    out.push(...joinWrappedLines(run), block);
    run = [];
  }
  out.push(...joinWrappedLines(run));
  return out;
}

/** A line that starts a new block: "II.", "1.", "2.1.", "a)", "đ)", "-", "+", "•", "[1]". */
const BLOCK_START = /^(?:[IVXLCDM]+\.\s|\d+(?:\.\d+)*[.)]\s|\p{Ll}\)\s|[-+•–*]|\[\d+\])/u;
/** A line that ends a sentence (or a "như sau:" lead-in, or "./." at the end of a document). */
const SENTENCE_END = /[.!?:…]["”»)]*$/;

function isAllCaps(text: string): boolean {
  const letters = text.match(/\p{L}/gu) ?? [];
  return letters.length >= 2 && letters.every((ch) => ch === ch.toUpperCase());
}

/**
 * Joins lines that a PDF wrapped back into paragraphs. A line is joined (with a space) to the one
 * before it when all of these hold:
 * - the previous line is full (spans the text width, give or take an indent) and not centred;
 * - it does not end a sentence: ". ! ? : …" (a ";" or "," line-end is mid-paragraph in plans);
 * - it is not an all-capitals heading followed by a line that is not all capitals;
 * - the line does not begin a block: "II. ", "1. ", "2.1. ", "1) ", "a) ", "- ", "+ ", "[1]".
 */
export function joinWrappedLines(lines: readonly JoinableLine[]): string[] {
  const out: string[] = [];
  let previous: JoinableLine | null = null;
  for (const line of lines) {
    const join =
      previous?.full &&
      !previous.centred &&
      !SENTENCE_END.test(previous.text) &&
      !(isAllCaps(previous.text) && !isAllCaps(line.text)) &&
      !BLOCK_START.test(line.text);
    if (join) out[out.length - 1] += ` ${line.text}`;
    else out.push(line.text);
    previous = line;
  }
  return out;
}
