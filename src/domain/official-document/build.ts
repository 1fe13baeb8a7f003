// Lays out an OfficialDocument as a .docx in the format of Decree 30/2020/NĐ-CP (DOMAIN.md §6):
// A4, Times New Roman, the two-column header (issuer | national title), the title or the letter's
// excerpt and addressees, the body, the two-column foot (recipients | signature), and appendices
// on pages of their own. Everything is set explicitly on each run and paragraph rather than left
// to styles, because Word, LibreOffice and the viewers clerks use disagree on default styles.
import {
  AlignmentType,
  BorderStyle,
  Document,
  Header,
  type IBorderOptions,
  type ITableBordersOptions,
  LineRuleType,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  type ParagraphChild,
  SectionType,
  Tab,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TabStopType,
  TextRun,
  UnderlineType,
  VerticalAlignTable,
  WidthType,
} from 'docx';
import { formatPlaceDate } from './format.js';
import type { Appendix, Block, OfficialDocument, Signature, TableColumn } from './types.js';

const FONT = 'Times New Roman';
const BLACK = '000000';

/** A4 in twips (1/20 pt). */
export const A4 = { width: 11906, height: 16838 } as const;
/** Margins in twips: 20 mm top and bottom, 30 mm left (binding), 15 mm right. */
export const MARGINS = { top: 1134, bottom: 1134, left: 1701, right: 850 } as const;
/** Distance of the page-number header from the top edge: 10 mm, inside the 20 mm margin. */
const HEADER_DISTANCE = 567;
/** 1.27 cm, the first-line indent of body paragraphs. */
const FIRST_LINE_INDENT = 720;
/** Line spacing in 240ths of a line. */
const LINE_115 = 276;
const LINE_SINGLE = 240;
/** 6 pt in twips. */
const SPACE_6PT = 120;

const textWidth = (landscape: boolean): number =>
  (landscape ? A4.height : A4.width) - MARGINS.left - MARGINS.right;

const nfc = (text: string): string => text.normalize('NFC');
const upper = (text: string): string => nfc(text).toLocaleUpperCase('vi');

type RunStyle = { size: number; bold?: boolean; italics?: boolean; underline?: boolean };

/** One run in Times New Roman, black, at `size` points; `breakBefore` starts a new line. */
function run(text: string, style: RunStyle, breakBefore = false): TextRun {
  return new TextRun({
    text: nfc(text),
    break: breakBefore ? 1 : undefined,
    font: FONT,
    size: style.size * 2,
    color: BLACK,
    bold: style.bold,
    italics: style.italics,
    underline: style.underline ? { type: UnderlineType.SINGLE, color: BLACK } : undefined,
  });
}

/** Runs for text that may hold line breaks: each "\n" becomes a break inside the paragraph. */
function runs(text: string, style: RunStyle): TextRun[] {
  return nfc(text)
    .split('\n')
    .map((line, i) => run(line, style, i > 0));
}

type Align = (typeof AlignmentType)[keyof typeof AlignmentType];

type LineOptions = {
  align?: Align;
  before?: number;
  after?: number;
  line?: number;
  indentFirst?: number;
  keepNext?: boolean;
};

function paragraph(children: ParagraphChild[], o: LineOptions = {}): Paragraph {
  return new Paragraph({
    children,
    alignment: o.align ?? AlignmentType.CENTER,
    spacing: {
      before: o.before ?? 0,
      after: o.after ?? 0,
      line: o.line ?? LINE_SINGLE,
      lineRule: LineRuleType.AUTO,
    },
    indent: o.indentFirst ? { firstLine: o.indentFirst } : undefined,
    keepNext: o.keepNext,
  });
}

/** A line of centred text: the header's and title's lines. */
function centred(text: string, style: RunStyle, o: LineOptions = {}): Paragraph {
  return paragraph(runs(text, style), { align: AlignmentType.CENTER, ...o });
}

/**
 * Rough width in twips of `text` in Times New Roman at `size` pt: average advance of about 0.6 em
 * for capitals and 0.5 em for lower case. Only used to size the short rules under the issuer's
 * name and the title, which the decree sets at 1/3 to 1/2 of the line above them.
 */
function estimateWidth(text: string, size: number, bold = false): number {
  let ems = 0;
  for (const ch of nfc(text)) {
    if (ch === ' ') ems += 0.25;
    else if (ch === ch.toLocaleUpperCase('vi') && ch !== ch.toLocaleLowerCase('vi')) ems += 0.68;
    else ems += 0.48;
  }
  return ems * size * 20 * (bold ? 1.05 : 1);
}

/**
 * The decree's short solid rule, centred under the line above it, drawn as the bottom border of
 * an empty, 4 pt high paragraph whose side indents leave `ruleWidth` of border.
 */
function shortRule(available: number, lineWidth: number, after = 0): Paragraph {
  const ruleWidth = Math.round(Math.max(567, Math.min(lineWidth, available) * 0.4));
  const side = Math.max(0, Math.round((available - ruleWidth) / 2));
  return new Paragraph({
    children: [],
    alignment: AlignmentType.CENTER,
    indent: { left: side, right: side },
    spacing: { before: 0, after, line: 80, lineRule: LineRuleType.EXACT },
    border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: BLACK, space: 0 } },
    run: { size: 4, font: FONT },
  });
}

const NO_BORDER: IBorderOptions = { style: BorderStyle.NONE, size: 0, color: 'auto' };
const BORDERLESS: ITableBordersOptions = {
  top: NO_BORDER,
  bottom: NO_BORDER,
  left: NO_BORDER,
  right: NO_BORDER,
  insideHorizontal: NO_BORDER,
  insideVertical: NO_BORDER,
};
const THIN: IBorderOptions = { style: BorderStyle.SINGLE, size: 4, color: BLACK };
const GRID: ITableBordersOptions = {
  top: THIN,
  bottom: THIN,
  left: THIN,
  right: THIN,
  insideHorizontal: THIN,
  insideVertical: THIN,
};
/** Cell padding of the layout tables: small, so the columns keep their width for text. */
const LAYOUT_CELL_MARGIN = { top: 0, bottom: 0, left: 57, right: 57 };

/** A borderless table of one row in two columns: the header and the foot of the first page. */
function layoutTable(widths: [number, number], left: Paragraph[], right: Paragraph[]): Table {
  const cell = (children: Paragraph[], width: number) =>
    new TableCell({
      children: children.length > 0 ? children : [new Paragraph({})],
      width: { size: width, type: WidthType.DXA },
      verticalAlign: VerticalAlignTable.TOP,
    });
  return new Table({
    rows: [
      new TableRow({ children: [cell(left, widths[0]), cell(right, widths[1])], cantSplit: true }),
    ],
    width: { size: widths[0] + widths[1], type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: BORDERLESS,
    margins: LAYOUT_CELL_MARGIN,
  });
}

/** Left column 37 %: long enough for "ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN" in two lines at 13 pt. */
function headerTable(doc: OfficialDocument): Table {
  const width = textWidth(false);
  const leftWidth = Math.round(width * 0.37);
  const widths: [number, number] = [leftWidth, width - leftWidth];
  const leftInner = leftWidth - LAYOUT_CELL_MARGIN.left - LAYOUT_CELL_MARGIN.right;

  const name = upper(doc.issuer.name);
  const left: Paragraph[] = [];
  if (doc.issuer.parent) left.push(centred(upper(doc.issuer.parent), { size: 13 }));
  left.push(centred(name, { size: 13, bold: true }));
  left.push(shortRule(leftInner, estimateWidth(name, 13, true)));
  left.push(centred(`Số: ${nfc(doc.number)}`, { size: 13 }, { before: 160 }));
  if (doc.excerpt) left.push(centred(doc.excerpt, { size: 12 }, { before: 80 }));

  const right: Paragraph[] = [
    centred('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { size: 12, bold: true }),
    centred('Độc lập - Tự do - Hạnh phúc', { size: 13, bold: true, underline: true }),
    centred(formatPlaceDate(doc.place, doc.date), { size: 14, italics: true }, { before: 240 }),
  ];
  return layoutTable(widths, left, right);
}

function titleBlock(title: NonNullable<OfficialDocument['title']>): Paragraph[] {
  const width = textWidth(false);
  return [
    centred(upper(title.type), { size: 14, bold: true }, { before: 360, keepNext: true }),
    centred(title.subject, { size: 14, bold: true }, { keepNext: true }),
    shortRule(width, estimateWidth(title.subject, 14, true), SPACE_6PT),
  ];
}

/**
 * "Kính gửi:" and one name on a centred line; several names as a dashed list hanging after
 * "Kính gửi: ", the block put near the middle of the line by its estimated width.
 */
function addresseeBlock(addressees: string[]): Paragraph[] {
  const names = addressees.map((a) => nfc(a).trim()).filter((a) => a.length > 0);
  if (names.length === 0) return [];
  const style: RunStyle = { size: 14 };
  if (names.length === 1) {
    const only = (names[0] as string).replace(/[.;,]$/, '');
    return [centred(`Kính gửi: ${only}.`, style, { before: 240, after: SPACE_6PT })];
  }
  const label = 'Kính gửi:';
  const hang = Math.round(estimateWidth(`${label} `, 14)) + 120;
  const items = names.map(
    (n, i) => `- ${n.replace(/[.;,]$/, '')}${i === names.length - 1 ? '.' : ';'}`,
  );
  const widest = Math.max(...items.map((t) => estimateWidth(t, 14)));
  const width = textWidth(false);
  const blockWidth = hang + widest;
  const start = Math.max(0, Math.round((width - blockWidth) / 2));
  return items.map((item, i) => {
    const first = i === 0;
    return new Paragraph({
      children: first
        ? [run(label, style), new TextRun({ children: [new Tab()], font: FONT }), run(item, style)]
        : [run(item, style)],
      alignment: AlignmentType.LEFT,
      tabStops: [{ type: TabStopType.LEFT, position: start + hang }],
      indent: { left: start + hang, hanging: first ? hang : 0 },
      spacing: {
        before: first ? 240 : 0,
        after: i === items.length - 1 ? SPACE_6PT : 0,
        line: LINE_SINGLE,
        lineRule: LineRuleType.AUTO,
      },
      keepNext: i < items.length - 1,
    });
  });
}

/** Table cells: 13 pt, single spacing (decree, for appendix tables). */
const CELL_STYLE: RunStyle = { size: 13 };

function cellParagraphs(text: string, style: RunStyle, align: Align): Paragraph[] {
  return nfc(text)
    .split('\n')
    .map((line) =>
      paragraph([run(line, style)], { align, before: 20, after: 20, line: LINE_SINGLE }),
    );
}

const alignOf = (column: TableColumn | undefined): Align =>
  column?.align === 'center'
    ? AlignmentType.CENTER
    : column?.align === 'right'
      ? AlignmentType.RIGHT
      : AlignmentType.LEFT;

/** Shares of the text width in twips, scaled so that they fill it exactly. */
function columnWidths(columns: TableColumn[], width: number): number[] {
  const total = columns.reduce((s, c) => s + Math.max(0, c.widthPct), 0);
  const shares = columns.map((c) =>
    total > 0 ? Math.max(0, c.widthPct) / total : 1 / columns.length,
  );
  const widths = shares.map((s) => Math.floor(s * width));
  const rest = width - widths.reduce((s, w) => s + w, 0);
  widths[widths.length - 1] = (widths[widths.length - 1] ?? 0) + rest;
  return widths;
}

function dataTable(block: Extract<Block, { kind: 'table' }>, width: number): Table {
  const { columns } = block;
  if (columns.length === 0) throw new Error('a table needs at least one column');
  const widths = columnWidths(columns, width);
  const cell = (children: Paragraph[], w: number, span = 1) =>
    new TableCell({
      children,
      width: { size: w, type: WidthType.DXA },
      columnSpan: span > 1 ? span : undefined,
      verticalAlign: VerticalAlignTable.CENTER,
    });
  const headerRow = new TableRow({
    // Repeated at the top of every page the table runs onto.
    tableHeader: true,
    cantSplit: true,
    children: columns.map((c, i) =>
      cell(
        cellParagraphs(c.title, { ...CELL_STYLE, bold: true }, AlignmentType.CENTER),
        widths[i] ?? 0,
      ),
    ),
  });
  const bodyRows = block.rows.map((row) => {
    if (row.kind === 'group') {
      return new TableRow({
        cantSplit: true,
        // A group heading left alone at the foot of a page reads as a group without tasks.
        keepNext: true,
        children: [
          cell(
            cellParagraphs(row.text, { ...CELL_STYLE, bold: true }, AlignmentType.LEFT),
            width,
            columns.length,
          ),
        ],
      });
    }
    return new TableRow({
      cantSplit: true,
      children: columns.map((c, i) =>
        cell(cellParagraphs(row.cells[i] ?? '', CELL_STYLE, alignOf(c)), widths[i] ?? 0),
      ),
    });
  });
  return new Table({
    rows: [headerRow, ...bodyRows],
    width: { size: width, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: GRID,
    margins: { top: 0, bottom: 0, left: 80, right: 80 },
  });
}

function blockElements(block: Block, width: number): (Paragraph | Table)[] {
  switch (block.kind) {
    case 'heading':
      return [
        paragraph(
          runs(block.text, { size: 14, bold: block.level < 3, italics: block.level === 3 }),
          {
            align: AlignmentType.JUSTIFIED,
            indentFirst: FIRST_LINE_INDENT,
            before: block.level === 1 ? SPACE_6PT : 0,
            after: SPACE_6PT,
            line: LINE_115,
            keepNext: true,
          },
        ),
      ];
    case 'paragraph':
      return [
        paragraph(runs(block.text, { size: 14, italics: block.italic, bold: block.bold }), {
          align: AlignmentType.JUSTIFIED,
          indentFirst: FIRST_LINE_INDENT,
          after: SPACE_6PT,
          line: LINE_115,
        }),
      ];
    case 'table':
      // An empty paragraph after the table keeps the next one from touching its border.
      return [dataTable(block, width), paragraph([], { after: SPACE_6PT })];
  }
}

function signatureLines(signature: Signature): string[] {
  return [signature.authority, signature.deputy, signature.position]
    .filter((l): l is string => typeof l === 'string' && l.trim().length > 0)
    .map(upper);
}

/** Recipients left (45 %), signature right; it is kept on one page with the end of the text. */
function footTable(doc: OfficialDocument): Table {
  const width = textWidth(false);
  const leftWidth = Math.round(width * 0.45);
  const widths: [number, number] = [leftWidth, width - leftWidth];
  const left: Paragraph[] = [
    paragraph([run('Nơi nhận:', { size: 12, bold: true, italics: true })], {
      align: AlignmentType.LEFT,
    }),
    ...doc.recipients.map((r) =>
      paragraph([run(`- ${nfc(r).trim()}`, { size: 11 })], { align: AlignmentType.LEFT }),
    ),
  ];
  const right: Paragraph[] = [
    ...signatureLines(doc.signature).map((l) => centred(l, { size: 14, bold: true })),
    // Room for the hand signature and the seal.
    ...Array.from({ length: 5 }, () => centred('', { size: 14 })),
    centred(doc.signature.name, { size: 14, bold: true }),
  ];
  return layoutTable(widths, left, right);
}

function pageNumberHeader(): Header {
  return new Header({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [
          new TextRun({ children: [PageNumber.CURRENT], font: FONT, size: 28, color: BLACK }),
        ],
      }),
    ],
  });
}

function pageProperties(landscape: boolean) {
  return {
    size: {
      width: A4.width,
      height: A4.height,
      orientation: landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT,
    },
    margin: { ...MARGINS, header: HEADER_DISTANCE, footer: HEADER_DISTANCE },
  };
}

function appendixChildren(appendix: Appendix): (Paragraph | Table)[] {
  const width = textWidth(appendix.landscape ?? false);
  const out: (Paragraph | Table)[] = [];
  if (appendix.label) out.push(centred(upper(appendix.label), { size: 14, bold: true }));
  out.push(centred(upper(appendix.title), { size: 14, bold: true }, { keepNext: true }));
  if (appendix.subtitle) {
    out.push(centred(appendix.subtitle, { size: 14, italics: true }, { keepNext: true }));
  }
  out.push(shortRule(width, estimateWidth(appendix.title, 14, true), 240));
  for (const block of appendix.blocks) out.push(...blockElements(block, width));
  return out;
}

/** The .docx of `doc`, ready to send or store. */
export async function buildOfficialDocx(doc: OfficialDocument): Promise<Buffer> {
  const width = textWidth(false);
  const main: (Paragraph | Table)[] = [headerTable(doc)];
  if (doc.title) main.push(...titleBlock(doc.title));
  if (doc.addressees) main.push(...addresseeBlock(doc.addressees));
  // Letters have no title: a little air between the header and the first paragraph.
  if (!doc.title && !doc.addressees?.length) main.push(paragraph([], { after: SPACE_6PT }));
  for (const block of doc.body) main.push(...blockElements(block, width));
  main.push(paragraph([], { line: LINE_SINGLE }));
  main.push(footTable(doc));

  const sections = [
    {
      properties: { page: pageProperties(false), titlePage: true },
      // The first page carries no number (decree: numbers from page 2).
      headers: {
        default: pageNumberHeader(),
        first: new Header({ children: [new Paragraph({})] }),
      },
      children: main,
    },
    ...(doc.appendices ?? []).map((appendix) => ({
      properties: {
        type: SectionType.NEXT_PAGE,
        page: pageProperties(appendix.landscape ?? false),
      },
      headers: { default: pageNumberHeader() },
      children: appendixChildren(appendix),
    })),
  ];

  const document = new Document({
    title: nfc(doc.title?.subject ?? doc.excerpt ?? doc.title?.type ?? ''),
    creator: nfc(doc.issuer.name),
    lastModifiedBy: nfc(doc.issuer.name),
    styles: {
      default: {
        document: {
          run: { font: FONT, size: 28, color: BLACK, language: { value: 'vi-VN' } },
          paragraph: { spacing: { after: 0, line: LINE_SINGLE } },
        },
      },
    },
    sections,
  });
  return Packer.toBuffer(document);
}

/**
 * An appendix sent as a file of its own (the consolidated report's task list): its pages as in a
 * document, numbered from the first, without the document's header and foot.
 *
 * A table of thousands of rows is not built through docx's object tree (about a millisecond per
 * cell: a province's 6,000 tasks took half a minute): the document is built with one group row
 * and one body row whose cells hold markers, and those two rows, exactly as docx wrote them, are
 * the templates every real row is written from, its text escaped.
 */
export async function buildAppendixDocx(
  appendix: Appendix,
  meta: { title: string; creator: string },
): Promise<Buffer> {
  const at = appendix.blocks.findIndex((b) => b.kind === 'table' && b.rows.length > LARGE_TABLE);
  const large = appendix.blocks[at];
  if (large?.kind !== 'table') return packAppendix(appendix, meta);
  const templateRows: Block & { kind: 'table' } = {
    ...large,
    rows: [
      { kind: 'group', text: GROUP_MARK },
      { kind: 'row', cells: large.columns.map((_, i) => cellMark(i)) },
    ],
  };
  const blocks = appendix.blocks.map((b, i) => (i === at ? templateRows : b));
  const packed = await packAppendix({ ...appendix, blocks }, meta);
  const { default: JSZip } = await import('jszip');
  const zip = await JSZip.loadAsync(packed);
  const part = zip.file('word/document.xml');
  if (!part) throw new Error('docx without word/document.xml');
  const xml = await part.async('string');
  const group = rowTemplate(xml, [GROUP_MARK]);
  const body = rowTemplate(
    xml,
    large.columns.map((_, i) => cellMark(i)),
  );
  if (group.end !== body.start) throw new Error('template rows are not adjacent');
  const rows: string[] = [];
  for (const row of large.rows) {
    rows.push(row.kind === 'group' ? group.fill([row.text]) : body.fill(row.cells));
  }
  zip.file('word/document.xml', xml.slice(0, group.start) + rows.join('') + xml.slice(body.end));
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/** Tables longer than this are written from row templates. */
const LARGE_TABLE = 200;
const GROUP_MARK = 'TIENDOGROUPMARK';
const cellMark = (i: number) => `TIENDOCELLMARK${i}X`;

const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The start of the element `tag` (w:tr, w:p) that encloses `at`: not its *Pr sibling. */
function elementStart(xml: string, tag: string, at: number): number {
  return Math.max(xml.lastIndexOf(`<${tag}>`, at), xml.lastIndexOf(`<${tag} `, at));
}

/**
 * The row holding `marks` (one per cell, in order) as a template: the text around each cell's
 * paragraph, and the paragraph, repeated for each line of the cell's text.
 */
function rowTemplate(xml: string, marks: string[]) {
  const first = xml.indexOf(marks[0] as string);
  if (first < 0) throw new Error('template row not found');
  const start = elementStart(xml, 'w:tr', first);
  const end = xml.indexOf('</w:tr>', first) + '</w:tr>'.length;
  const row = xml.slice(start, end);
  const between: string[] = [];
  const paragraphs: [string, string][] = [];
  let from = 0;
  for (const mark of marks) {
    const m = row.indexOf(mark, from);
    const pStart = elementStart(row, 'w:p', m);
    const pEnd = row.indexOf('</w:p>', m) + '</w:p>'.length;
    between.push(row.slice(from, pStart));
    paragraphs.push([row.slice(pStart, m), row.slice(m + mark.length, pEnd)]);
    from = pEnd;
  }
  between.push(row.slice(from));
  const fill = (cells: readonly string[]) => {
    let out = '';
    paragraphs.forEach(([before, after], i) => {
      out += between[i];
      for (const line of nfc(cells[i] ?? '').split('\n')) out += before + escapeXml(line) + after;
    });
    return out + between[between.length - 1];
  };
  return { start, end, fill };
}

function packAppendix(appendix: Appendix, meta: { title: string; creator: string }) {
  const document = new Document({
    title: nfc(meta.title),
    creator: nfc(meta.creator),
    lastModifiedBy: nfc(meta.creator),
    styles: {
      default: {
        document: {
          run: { font: FONT, size: 28, color: BLACK, language: { value: 'vi-VN' } },
          paragraph: { spacing: { after: 0, line: LINE_SINGLE } },
        },
      },
    },
    sections: [
      {
        properties: { page: pageProperties(appendix.landscape ?? false) },
        headers: { default: pageNumberHeader() },
        children: appendixChildren(appendix),
      },
    ],
  });
  return Packer.toBuffer(document);
}
