// Tables in a PDF page, rebuilt from the positions of its text items. A PDF has no table
// structure, only text drawn at places; Word and LibreOffice write a table cell by cell, each line
// of a cell as a run of items on one baseline.
//
// 1. Fragments: runs of items on one baseline with no column-sized gap between them (a cell line).
// 2. Baselines: fragments whose baselines are within a fraction of a font size of each other.
// 3. A table is a run of baselines with 3 or more fragments ("full" baselines), close together,
//    with the lines around them that fit its columns (wrapped cell lines, a group row "II | …").
// 4. Columns: from the full baselines with the most fragments (the header and the first lines of
//    most rows, since cells are top-aligned): a boundary midway between the right end of a
//    column's text and the left start of the next one's.
// 5. Rows: when the first column holds row numbers (STT: "1", "2.1", "II", "a)"), a row starts
//    at each baseline with a number there, and what comes before the first one is the header;
//    otherwise a row starts where the first column starts with a capital or a digit.
// 6. Cell text: a cell's lines joined with a space where the text wrapped, and with a line
//    break where the next line's first word would have fitted on the line before (a manual break,
//    as between agencies listed one per line), or where the next line is a "- " item.
import type { PdfItem } from './pdf.js';

/** A gap this wide (in em) between two items on one baseline separates two table columns. */
const COLUMN_GAP_EM = 0.8;
/** Baselines further apart than this (em) do not belong to one table. */
const MAX_ROW_GAP_EM = 3;
/** Lines before or after a table's full baselines join it only this close (em). */
const MAX_EDGE_GAP_EM = 1.8;

/** A line break kept inside a table cell (see document-builder's cleanCellText). */
export const CELL_BREAK = '\n';

export type Fragment = {
  /** Indices of the fragment's items in the page's item list. */
  items: number[];
  text: string;
  left: number;
  right: number;
  y: number;
  size: number;
};

export type PdfTable = {
  /** Cells as text; a cell's manual line breaks are CELL_BREAK. */
  rows: string[][];
  /** Indices of the page items the table is made of (they are not read as paragraphs). */
  items: Set<number>;
  /** The first of those in the producer's order: where the table goes in the text. */
  firstItem: number;
  /** Lowest baseline (for footnote placement). */
  bottom: number;
  /** How many of `rows` are the header (0 or 1): rows before the first numbered row. */
  headerRows: number;
  /** The first column numbers the rows (STT). */
  numbered: boolean;
  /** Its columns, for a continuation on the next page (findTables' `carried`). */
  columns: Columns;
};

/** How the PDF reader measures items and words and joins a line's items into text. */
export type Measure = {
  item: (item: PdfItem) => number;
  text: (str: string, size: number) => number;
  line: (items: PdfItem[]) => string;
};

type Baseline = { y: number; size: number; fragments: Fragment[] };

/**
 * Runs of items on one baseline in the producer's order, split where the next item is on another
 * baseline, moves left, or starts a column-sized gap away. Word spaces are joined by `lineText`.
 */
export function fragmentsOf(items: readonly PdfItem[], measure: Measure): Fragment[] {
  const out: Fragment[] = [];
  let current: number[] = [];
  let y = 0;
  let size = 0;
  let right = 0;
  const flush = () => {
    const real = current.filter((i) => (items[i] as PdfItem).str !== ' ');
    if (real.length > 0) {
      const placed = real.map((i) => items[i] as PdfItem);
      const text = measure.line(current.map((i) => items[i] as PdfItem));
      if (text !== '') {
        const big = Math.max(...placed.map((p) => p.size));
        out.push({
          items: current,
          text,
          left: Math.min(...placed.map((p) => p.x)),
          right: Math.max(...placed.map((p) => p.x + measure.item(p))),
          y: (placed.find((p) => p.size === big) as PdfItem).y,
          size: big,
        });
      }
    }
    current = [];
  };
  items.forEach((item, i) => {
    if (item.str === ' ') {
      if (current.length > 0) current.push(i);
      return;
    }
    const tolerance = 0.5 * Math.max(size, item.size);
    const same =
      current.length > 0 &&
      Math.abs(item.y - y) <= tolerance &&
      item.x >= right - tolerance &&
      item.x - right <= COLUMN_GAP_EM * Math.max(size, item.size);
    if (!same) {
      flush();
      y = item.y;
      size = item.size;
      right = item.x;
    }
    current.push(i);
    if (item.size > size) {
      size = item.size;
      y = item.y;
    }
    right = Math.max(right, item.x + measure.item(item));
  });
  flush();
  return out;
}

function baselinesOf(fragments: readonly Fragment[]): Baseline[] {
  const sorted = [...fragments].sort((a, b) => b.y - a.y || a.left - b.left);
  const out: Baseline[] = [];
  for (const f of sorted) {
    const last = out[out.length - 1];
    if (last && Math.abs(last.y - f.y) <= 0.4 * Math.max(last.size, f.size)) {
      last.fragments.push(f);
      last.size = Math.max(last.size, f.size);
    } else out.push({ y: f.y, size: f.size, fragments: [f] });
  }
  for (const b of out) b.fragments.sort((a, c) => a.left - c.left);
  return out;
}

/**
 * Columns: `bounds[i]` is the x where column i+1 starts (for assigning text), `starts[i]` where
 * its text starts (the leftmost text of column i+1 on the reference baselines). Null if none.
 */
export type Columns = { bounds: number[]; starts: number[] };

/** A horizontal line drawn on the page (a table's border), in PDF points. */
export type Rule = { y: number; x1: number; x2: number };

function columnsOf(full: readonly Baseline[]): Columns | null {
  const counts = full.map((b) => b.fragments.length);
  for (let k = Math.max(...counts); k >= 3; k--) {
    const refs = full.filter((b) => b.fragments.length === k);
    if (refs.length < 2) continue;
    const bounds: number[] = [];
    const starts: number[] = [];
    for (let i = 1; i < k; i++) {
      const maxRight = Math.max(...refs.map((b) => (b.fragments[i - 1] as Fragment).right));
      const minLeft = Math.min(...refs.map((b) => (b.fragments[i] as Fragment).left));
      bounds.push(maxRight < minLeft ? (maxRight + minLeft) / 2 : minLeft - 1);
      starts.push(minLeft);
    }
    if (bounds.every((b, i) => i === 0 || b > (bounds[i - 1] as number))) return { bounds, starts };
  }
  return null;
}

const columnOf = (bounds: readonly number[], x: number) => bounds.filter((b) => b <= x).length;

/** A row number in the first column: "1", "12.", "2.1", "II", "IV.", "a)", "b.", "A.". */
const ROW_NUMBER = /^(?:\d{1,3}(?:\.\d{1,3})*\.?|[IVXLC]{1,7}\.?|[a-zđ][.)]|[A-Z]\.)$/u;

/** Lines that fit the table's columns (a wrapped cell line, not body text). */
function fitsColumns(b: Baseline, columns: Columns): boolean {
  return b.fragments.every((f) => {
    const c = columnOf(columns.bounds, f.left + 0.5);
    const next = columns.starts[c];
    return next === undefined || f.right <= next + 0.5 * f.size;
  });
}

/** Each fragment in a column of its own, within it: a row of a table with these columns. */
function inColumns(b: Baseline, columns: Columns): boolean {
  const used = b.fragments.map((f) => columnOf(columns.bounds, f.left + 0.5));
  return new Set(used).size === used.length && fitsColumns(b, columns);
}

/** A body line: one fragment from the first column into the last. */
function isForeign(b: Baseline, { bounds }: Columns): boolean {
  const first = bounds[0] as number;
  const last = bounds[bounds.length - 1] as number;
  return (
    b.fragments.length === 1 &&
    (b.fragments[0] as Fragment).left < first &&
    (b.fragments[0] as Fragment).right > last
  );
}

/** The tables of one page's items (in the producer's order). */
/**
 * The tables of one page's items (in the producer's order). `carried`: the columns of the last
 * table on the page before, for its continuation when this page holds too few of its rows (one
 * full baseline) to find the columns again.
 */
export function findTables(
  items: readonly PdfItem[],
  measure: Measure,
  carried: Columns | null = null,
  rules: readonly Rule[] = [],
): PdfTable[] {
  const baselines = baselinesOf(fragmentsOf(items, measure));
  const tables: PdfTable[] = [];
  let i = 0;
  while (i < baselines.length) {
    if ((baselines[i] as Baseline).fragments.length < 3) {
      i++;
      continue;
    }
    // Full baselines chained by small gaps.
    let end = i;
    for (let j = i + 1; j < baselines.length; j++) {
      const prev = baselines[j - 1] as Baseline;
      const b = baselines[j] as Baseline;
      if (prev.y - b.y > MAX_ROW_GAP_EM * Math.max(prev.size, b.size)) break;
      if (b.fragments.length >= 3) end = j;
    }
    let run = baselines.slice(i, end + 1);
    const full = run.filter((b) => b.fragments.length >= 3);
    const columns =
      columnsOf(full) ??
      (carried && tables.length === 0 && full.every((b) => inColumns(b, carried)) ? carried : null);
    if (!columns) {
      i = end + 1;
      continue;
    }
    // Body text between full baselines ends the table there.
    const foreign = run.findIndex((b) => isForeign(b, columns));
    if (foreign > 0) {
      end = i + foreign - 1;
      while (end > i && (baselines[end] as Baseline).fragments.length < 3) end--;
      run = baselines.slice(i, end + 1);
    }
    let start = i;
    const close = (a: Baseline, b: Baseline) =>
      Math.abs(a.y - b.y) <= MAX_EDGE_GAP_EM * Math.max(a.size, b.size);
    while (
      start > 0 &&
      close(baselines[start - 1] as Baseline, baselines[start] as Baseline) &&
      fitsColumns(baselines[start - 1] as Baseline, columns) &&
      (baselines[start - 1] as Baseline).fragments.length >= 2
    )
      start--;
    while (
      end + 1 < baselines.length &&
      close(baselines[end] as Baseline, baselines[end + 1] as Baseline) &&
      fitsColumns(baselines[end + 1] as Baseline, columns)
    )
      end++;
    run = baselines.slice(start, end + 1);
    const table = buildTable(run, columns, measure, columns === carried, rules);
    if (table) tables.push(table);
    i = end + 1;
  }
  return tables;
}

type PlacedFragment = Fragment & { column: number };

function buildTable(
  run: readonly Baseline[],
  { bounds, starts: textStarts }: Columns,
  measure: Measure,
  /** Continues a table of the page before: one row is enough. */
  continuation: boolean,
  rules: readonly Rule[],
): PdfTable | null {
  const columns = bounds.length + 1;
  const lines: PlacedFragment[][] = run.map((b) =>
    b.fragments.map((f) => ({ ...f, column: columnOf(bounds, f.left + 0.5) })),
  );
  const firstColumn = lines.flatMap((l) => l.filter((f) => f.column === 0));
  const numbered =
    firstColumn.length > 0 &&
    firstColumn.filter((f) => ROW_NUMBER.test(f.text)).length >= firstColumn.length / 2;
  const starts: number[] = [];
  lines.forEach((line, index) => {
    const first = line.find((f) => f.column === 0);
    if (
      numbered
        ? first && ROW_NUMBER.test(first.text)
        : index === 0 || (first && /^[\p{Lu}\d]/u.test(first.text))
    )
      starts.push(index);
  });
  let headerRows = 0;
  if (numbered && (starts[0] ?? 0) > 0) {
    starts.unshift(0);
    headerRows = 1;
  } else if (!numbered) headerRows = 1;
  if (starts.length < (continuation ? 1 : 2)) return null;
  // How far a column's text reaches: its wrap width, for telling wraps from manual breaks.
  const reach: number[] = Array.from({ length: columns }, () => 0);
  for (const line of lines)
    for (const f of line) {
      const next = textStarts[f.column];
      if (next === undefined || f.right <= next)
        reach[f.column] = Math.max(reach[f.column] ?? 0, f.right);
    }
  const cellText = (fragments: readonly PlacedFragment[], c: number, header: boolean) => {
    let text = '';
    let previous: PlacedFragment | null = null;
    for (const f of fragments) {
      if (previous === null) text = f.text;
      else if (Math.abs(previous.y - f.y) <= 0.4 * f.size) text += ` ${f.text}`;
      else if (brokenWord(previous.text, f.text)) text += f.text;
      else {
        const hard = !header && manualBreak(previous, f, reach[c] ?? 0, measure);
        text += (hard ? CELL_BREAK : ' ') + f.text;
      }
      previous = f;
    }
    return text;
  };
  const ruled = ruledRows(lines, bounds, rules, numbered);
  let rows: string[][];
  if (ruled) {
    headerRows = ruled.headerRows;
    rows = ruled.cells.map((row, r) =>
      row.map((fragments, c) => cellText(fragments, c, r < headerRows)),
    );
  } else {
    rows = starts.map((from, r) => {
      const block = lines.slice(from, starts[r + 1] ?? lines.length).flat();
      return Array.from({ length: columns }, (_, c) =>
        cellText(
          block.filter((f) => f.column === c),
          c,
          r < headerRows,
        ),
      );
    });
  }
  const used = new Set<number>(run.flatMap((b) => b.fragments.flatMap((f) => f.items)));
  return {
    rows,
    items: used,
    firstItem: Math.min(...used),
    bottom: (run[run.length - 1] as Baseline).y,
    headerRows,
    numbered,
    columns: { bounds: [...bounds], starts: [...textStarts] },
  };
}

/**
 * Rows from the table's horizontal borders, when the PDF draws them: each band between two
 * borders is a row (so a row whose cells are centred vertically is still one row), and where a
 * border stops short of a column, that column's cell spans the rows on both sides (a vertically
 * merged cell: its text goes to each of them, as the .docx reader repeats it). The header is the
 * bands before the first numbered row (or the first band). Null when the borders do not frame the
 * text (fewer than three, or text outside them): rows are then found from the row numbers.
 */
function ruledRows(
  lines: readonly PlacedFragment[][],
  bounds: readonly number[],
  rules: readonly Rule[],
  numbered: boolean,
): { cells: PlacedFragment[][][]; headerRows: number } | null {
  const all = lines.flat();
  if (all.length === 0 || rules.length === 0) return null;
  const left = Math.min(...all.map((f) => f.left));
  const right = Math.max(...all.map((f) => f.right));
  const size = Math.max(...all.map((f) => f.size));
  const top = Math.max(...all.map((f) => f.y)) + 1.5 * size;
  const bottom = Math.min(...all.map((f) => f.y)) - 1.5 * size;
  const near = rules
    .filter((r) => r.y <= top && r.y >= bottom && r.x2 > left && r.x1 < right)
    .sort((a, b) => b.y - a.y);
  // Borders at one height (a line drawn in pieces, or both edges of a thin rectangle).
  const levels: { y: number; spans: [number, number][] }[] = [];
  for (const r of near) {
    const last = levels[levels.length - 1];
    if (last && last.y - r.y <= 1.5) last.spans.push([r.x1, r.x2]);
    else levels.push({ y: r.y, spans: [[r.x1, r.x2]] });
  }
  if (levels.length < 3) return null;
  const firstY = (levels[0] as { y: number }).y;
  const lastY = (levels[levels.length - 1] as { y: number }).y;
  const mid = (f: Fragment) => f.y + 0.3 * f.size;
  if (all.some((f) => mid(f) >= firstY || mid(f) < lastY)) return null;
  const columns = bounds.length + 1;
  const centre = (c: number) => {
    const from = c === 0 ? left : (bounds[c - 1] as number);
    const to = c === columns - 1 ? right : (bounds[c] as number);
    return (from + to) / 2;
  };
  const covered = (level: { spans: [number, number][] }, x: number) =>
    level.spans.some(([a, b]) => a - 1 <= x && x <= b + 1);
  // Fragments of each band and column.
  const bands: PlacedFragment[][][] = [];
  for (let i = 0; i + 1 < levels.length; i++) {
    const upper = (levels[i] as { y: number }).y;
    const lower = (levels[i + 1] as { y: number }).y;
    // By the middle of the text (a merged cell's text may sit on the missing border).
    const inBand = all.filter((f) => mid(f) < upper && mid(f) >= lower);
    bands.push(Array.from({ length: columns }, (_, c) => inBand.filter((f) => f.column === c)));
  }
  // A column whose border between two bands is missing: one cell over both.
  for (let c = 0; c < columns; c++) {
    let from = 0;
    for (let i = 1; i <= bands.length; i++) {
      const joined =
        i < bands.length && !covered(levels[i] as { spans: [number, number][] }, centre(c));
      if (joined) continue;
      if (i - from > 1) {
        const merged = bands.slice(from, i).flatMap((b) => b[c] as PlacedFragment[]);
        for (let k = from; k < i; k++) (bands[k] as PlacedFragment[][])[c] = merged;
      }
      from = i;
    }
  }
  const filled = bands.filter((b) => b.some((cell) => cell.length > 0));
  const isNumber = (b: PlacedFragment[][]) => ROW_NUMBER.test((b[0] ?? [])[0]?.text ?? '');
  const firstRow = numbered ? filled.findIndex(isNumber) : Math.min(1, filled.length);
  if (firstRow < 0) return null;
  const header = filled.slice(0, firstRow);
  const cells =
    header.length > 0
      ? [
          Array.from({ length: columns }, (_, c) =>
            header.flatMap((b) => b[c] as PlacedFragment[]),
          ),
          ...filled.slice(firstRow),
        ]
      : filled;
  return { cells, headerRows: header.length > 0 ? 1 : 0 };
}

/** An abbreviation too wide for a narrow column, broken across lines: "ST" / "T" (STT). */
const brokenWord = (before: string, next: string) =>
  /^\p{Lu}{1,3}$/u.test(before) && /^\p{Lu}{1,3}$/u.test(next);

/**
 * Whether the line break between `before` and `next` (lines of one cell) was typed rather than a
 * wrap: the next line is a list item; or its first word would have fitted after `before` within
 * the column's reach, with room to spare; or it starts with a capitalised word ("Sở …", "UBND …";
 * not a code such as "ĐT.208") where
 * most of its first word would have fitted, after a line that cannot end mid-name (it does not end
 * with "và", "của", ",", "-" or a capitalised word, as "UBND tỉnh Cao" / "Bằng" does).
 */
function manualBreak(before: Fragment, next: Fragment, reach: number, measure: Measure): boolean {
  if (/^[-+•–]\s/u.test(next.text)) return true;
  const word = next.text.split(' ')[0] ?? '';
  const room = reach - before.right - 0.25 * next.size;
  const width = measure.text(word, next.size);
  if (width * 1.1 + 0.3 * next.size < room) return true;
  return (
    /^\p{Lu}[\p{L}\p{M}]*$/u.test(word) &&
    !/(?:[,&\-–]|\s(?:và|của|các|tại|thuộc)|(?:^|\s)\p{Lu}\p{Ll}*)$/u.test(
      before.text.normalize('NFC'),
    ) &&
    0.6 * width < room
  );
}
