import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  AlignmentType,
  Document,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { describe, expect, it } from 'vitest';
import { smallDirectory } from '../../../../test/support/directory.js';
import { parsePlanDocument } from '../../../domain/plan-import/parse.js';
import { sourceDocumentProblems } from './document-builder.js';
import { readSourceDocument } from './index.js';
import { itemsToLines, mergeTables, type PdfItem } from './pdf.js';
import { findTables, type Measure } from './pdf-tables.js';

// Items as PDF.js gives them, with widths at 0.5 em a character (0.7 for capitals).
const width = (s: string, size: number) =>
  [...s].reduce((w, ch) => w + (ch === ' ' ? 0.25 : /\p{Lu}/u.test(ch) ? 0.7 : 0.5), 0) * size;
const item = (str: string, x: number, y: number, size = 12): PdfItem => ({
  str,
  x,
  y,
  size,
  width: width(str, size),
});
const measure: Measure = {
  item: (i) => i.width,
  text: width,
  line: (items) =>
    itemsToLines(items)
      .map((l) => l.text)
      .join(' '),
};
const rows = (items: PdfItem[]) => findTables(items, measure).map((t) => t.rows);

// Columns start at 60 (STT, centred), 90 (task), 250 (lead), 350 (coordinators), 470 (deadline).
const HEADER = [
  item('ST', 62, 700),
  item('Nội dung nhiệm vụ', 120, 700),
  item('Cơ quan', 270, 700),
  item('Cơ quan phối', 365, 700),
  item('Thời gian', 480, 700),
  item('T', 65, 686),
  item('chủ trì', 272, 686),
  item('hợp', 385, 686),
];

describe('PDF tables from item positions', () => {
  it('rebuilds rows, multi-line cells, a group row and the header', () => {
    const items = [
      item('PHỤ LỤC', 250, 740),
      ...HEADER,
      item('I', 64, 660),
      item('Nhiệm vụ chung của các cơ quan', 90, 660),
      item('1', 64, 644),
      item('Rà soát, điều chỉnh quy hoạch', 90, 644),
      item('chung đô thị', 90, 630),
      item('Sở Xây dựng', 250, 644),
      item('Sở Tài chính', 350, 644),
      // A typed break: "Sở" would have fitted after "Sở Tài chính".
      item('UBND các xã, phường', 350, 630),
      item('Quý II/2026', 470, 644),
      item('2', 64, 610),
      item('Lập quy hoạch', 90, 610),
      item('Sở Nông', 250, 610),
      item('nghiệp và Môi', 250, 596),
      item('trường', 250, 582),
      item('Năm 2026', 470, 610),
      item('Văn bản này có hiệu lực từ ngày ký và thay thế các văn bản trước.', 60, 540),
    ];
    expect(rows(items)).toEqual([
      [
        ['STT', 'Nội dung nhiệm vụ', 'Cơ quan chủ trì', 'Cơ quan phối hợp', 'Thời gian'],
        ['I', 'Nhiệm vụ chung của các cơ quan', '', '', ''],
        [
          '1',
          'Rà soát, điều chỉnh quy hoạch chung đô thị',
          'Sở Xây dựng',
          'Sở Tài chính\nUBND các xã, phường',
          'Quý II/2026',
        ],
        ['2', 'Lập quy hoạch', 'Sở Nông nghiệp và Môi trường', '', 'Năm 2026'],
      ],
    ]);
  });

  it('starts rows at capitals when the first column does not number them', () => {
    const items = [
      item('Nhiệm vụ', 60, 700),
      item('Chủ trì', 250, 700),
      item('Phối hợp', 350, 700),
      item('Thời hạn', 470, 700),
      item('Rà soát quy hoạch chung', 60, 684),
      item('đô thị', 60, 670),
      item('Sở Xây dựng', 250, 684),
      item('Sở Tài chính', 350, 684),
      item('Năm 2026', 470, 684),
      item('Lập kế hoạch vốn', 60, 654),
      item('Sở Tài chính', 250, 654),
      item('Quý I/2026', 470, 654),
    ];
    expect(rows(items)).toEqual([
      [
        ['Nhiệm vụ', 'Chủ trì', 'Phối hợp', 'Thời hạn'],
        ['Rà soát quy hoạch chung đô thị', 'Sở Xây dựng', 'Sở Tài chính', 'Năm 2026'],
        ['Lập kế hoạch vốn', 'Sở Tài chính', '', 'Quý I/2026'],
      ],
    ]);
  });

  it('reads rows from the borders: centred cells, and a cell merged over two rows', () => {
    const rule = (y: number, x1 = 55, x2 = 560) => ({ y, x1, x2 });
    const items = [
      item('TT', 62, 700),
      item('Nhiệm vụ', 90, 700),
      item('Chủ trì', 250, 700),
      item('Phối hợp', 350, 700),
      item('Thời hạn', 470, 700),
      // Row 1: the task takes three lines; the number and the agencies are centred on the row.
      item('Rà soát quy hoạch', 90, 680),
      item('chung đô thị', 90, 666),
      item('trung tâm', 90, 652),
      item('1', 64, 666),
      item('Sở Xây dựng', 250, 666),
      item('Sở Tài chính', 350, 666),
      item('Năm 2026', 470, 666),
      // Rows 2 and 3 share their lead, drawn once between them (no border under row 2 there).
      item('2', 64, 630),
      item('Lập kế hoạch vốn', 90, 630),
      item('Quý I/2026', 470, 630),
      item('Sở Tài chính', 250, 617),
      item('3', 64, 604),
      item('Giải ngân vốn', 90, 604),
      item('Quý IV/2026', 470, 604),
    ];
    const rules = [
      rule(715),
      rule(690),
      rule(643),
      rule(617, 55, 240),
      rule(617, 340, 560),
      rule(592),
    ];
    expect(findTables(items, measure, null, rules).map((t) => t.rows)).toEqual([
      [
        ['TT', 'Nhiệm vụ', 'Chủ trì', 'Phối hợp', 'Thời hạn'],
        [
          '1',
          'Rà soát quy hoạch chung đô thị trung tâm',
          'Sở Xây dựng',
          'Sở Tài chính',
          'Năm 2026',
        ],
        ['2', 'Lập kế hoạch vốn', 'Sở Tài chính', '', 'Quý I/2026'],
        ['3', 'Giải ngân vốn', 'Sở Tài chính', '', 'Quý IV/2026'],
      ],
    ]);
  });

  it('leaves text without columns alone', () => {
    const items = [
      item('ỦY BAN NHÂN DÂN', 60, 780),
      item('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 300, 780),
      item('Số: 12/KH-UBND', 60, 760),
      item('Hà Nội, ngày 1 tháng 2 năm 2026', 300, 760),
      item('Thực hiện Kế hoạch số 5/KH-UBND, UBND tỉnh ban hành kế hoạch.', 60, 700),
    ];
    expect(rows(items)).toEqual([]);
  });

  it('joins a table continued on the next page, dropping the repeated header', () => {
    const page = (first: number) =>
      findTables(
        [
          ...HEADER,
          item(String(first), 64, 660),
          item('Nhiệm vụ', 90, 660),
          item('Sở Xây dựng', 250, 660),
          item('Sở Tài chính', 350, 660),
          item('Năm 2026', 470, 660),
          item(String(first + 1), 64, 644),
          item('Nhiệm vụ khác', 90, 644),
          item('Sở Tài chính', 250, 644),
          item('Năm 2027', 470, 644),
        ],
        measure,
      ).map((t) => ({ rows: t.rows, headerRows: t.headerRows, numbered: t.numbered, y: 0 }));
    const merged = mergeTables([...page(1), ...page(3)]);
    expect(merged).toHaveLength(1);
    const table = merged[0] as { rows: string[][] };
    expect(table.rows.map((r) => r[0])).toEqual(['STT', '1', '2', '3', '4']);
  });

  it('reads a last row alone on the next page with the columns of the page before', () => {
    const first = findTables(
      [
        ...HEADER,
        item('1', 64, 660),
        item('Nhiệm vụ', 90, 660),
        item('Sở Xây dựng', 250, 660),
        item('Sở Tài chính', 350, 660),
        item('Năm 2026', 470, 660),
      ],
      measure,
    );
    const columns = first[0]?.columns ?? null;
    const lone = [
      item('2', 64, 780),
      item('Nhiệm vụ cuối', 90, 780),
      item('Sở Tài chính', 250, 780),
      item('Năm 2027', 470, 780),
      item('Nơi nhận:', 60, 700),
    ];
    expect(findTables(lone, measure)).toEqual([]);
    expect(findTables(lone, measure, columns).map((t) => t.rows)).toEqual([
      [['2', 'Nhiệm vụ cuối', 'Sở Tài chính', '', 'Năm 2027']],
    ]);
  });
});

// ---------------------------------------------------------------------------------------------
// The same plan as .docx and as the PDF LibreOffice makes of it: the same tasks.

const SOFFICE = ['/usr/bin/soffice', '/usr/bin/libreoffice'].find((p) => existsSync(p));

const WIDTHS = [567, 3402, 1984, 2268, 1417];

type Row = [string, string, string[], string[], string];

const TASKS: Row[] = [
  [
    '1',
    'Rà soát, điều chỉnh quy hoạch chung đô thị và quy hoạch phân khu các khu vực phát triển',
    ['Sở Xây dựng'],
    ['Sở Tài chính', 'UBND các xã, phường'],
    'Quý II/2026',
  ],
  [
    '2',
    'Bố trí vốn đầu tư công cho các công trình hạ tầng trọng điểm',
    ['Sở Tài chính'],
    ['Sở Xây dựng', 'Sở Khoa học và Công nghệ'],
    'Trước ngày 30/6/2026',
  ],
  ['3', 'Xây dựng cơ sở dữ liệu số về quy hoạch', ['Sở Khoa học và Công nghệ'], [], 'Năm 2027'],
];

function planRows(): Row[] {
  const out: Row[] = [...TASKS];
  // Enough rows to run onto a second page, where the header repeats.
  for (let n = 4; n <= 24; n++) {
    const lead = n % 3 === 0 ? 'Sở Tài chính' : n % 3 === 1 ? 'Sở Xây dựng' : 'UBND các xã, phường';
    const coordinators = n % 2 === 0 ? ['Sở Khoa học và Công nghệ', 'Sở Tài chính'] : [];
    const deadline =
      n % 4 === 0
        ? 'Thường xuyên'
        : n % 4 === 1
          ? `Quý ${['I', 'II', 'III', 'IV'][n % 4]}/2026`
          : `Năm ${2025 + (n % 3)}`;
    out.push([
      String(n),
      `Triển khai nội dung số ${n} của kế hoạch về phát triển kết cấu hạ tầng đồng bộ, hiện đại`,
      [lead],
      coordinators,
      deadline,
    ]);
  }
  return out;
}

function cell(lines: string[], width: number, options: { bold?: boolean; span?: number } = {}) {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    columnSpan: options.span,
    children: (lines.length > 0 ? lines : ['']).map(
      (text) =>
        new Paragraph({
          alignment: options.bold ? AlignmentType.CENTER : AlignmentType.LEFT,
          children: [new TextRun({ text, bold: options.bold })],
        }),
    ),
  });
}

async function planDocx(): Promise<Uint8Array> {
  const p = (text: string, bold = false) =>
    new Paragraph({ children: [new TextRun({ text, bold })] });
  const header = ['STT', 'Nội dung nhiệm vụ', 'Cơ quan chủ trì', 'Cơ quan phối hợp', 'Thời gian'];
  const table = new Table({
    width: { size: WIDTHS.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: WIDTHS,
    rows: [
      new TableRow({
        tableHeader: true,
        children: header.map((h, i) => cell([h], WIDTHS[i] as number, { bold: true })),
      }),
      new TableRow({
        children: [
          cell(['I'], WIDTHS[0] as number),
          cell(['Nhiệm vụ về quy hoạch và đầu tư'], 9071, { span: 4 }),
        ],
      }),
      ...planRows().map(
        ([stt, task, lead, coordinators, deadline]) =>
          new TableRow({
            children: [
              cell([stt], WIDTHS[0] as number),
              cell([task], WIDTHS[1] as number),
              cell(lead, WIDTHS[2] as number),
              // One agency per paragraph, as plans list them.
              cell(coordinators, WIDTHS[3] as number),
              cell([deadline], WIDTHS[4] as number),
            ],
          }),
      ),
    ],
  });
  const doc = new Document({
    styles: { default: { document: { run: { font: 'Times New Roman', size: 26 } } } },
    sections: [
      {
        properties: {
          page: { margin: { top: 1134, bottom: 1134, left: 1418, right: 850 } },
        },
        children: [
          p('ỦY BAN NHÂN DÂN TỈNH CAO BẰNG'),
          p('Số: 12/KH-UBND'),
          p('Cao Bằng, ngày 5 tháng 1 năm 2026'),
          p('KẾ HOẠCH', true),
          p('Phát triển hạ tầng đô thị năm 2026'),
          p('I. MỤC ĐÍCH, YÊU CẦU'),
          p('Bảo đảm triển khai đồng bộ, hiệu quả các nhiệm vụ.'),
          p('II. NHIỆM VỤ'),
          p('Các nhiệm vụ cụ thể tại Phụ lục kèm theo.'),
          p('Nơi nhận:'),
          p('- Như trên;'),
          p('PHỤ LỤC', true),
          table,
          p('Phụ lục này là bộ phận không tách rời của Kế hoạch.'),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

function tasksOf(doc: Awaited<ReturnType<typeof readSourceDocument>>) {
  const extraction = parsePlanDocument(doc, smallDirectory(), { today: '2026-01-10' });
  return extraction.tasks.map((t) => ({
    text: t.text,
    lead: t.lead.map((m) => m.as_written),
    coordinators: t.coordinators.map((m) => m.as_written),
    deadline: t.deadline.deadline,
  }));
}

describe('a plan with a task appendix, as .docx and as PDF', () => {
  it.skipIf(!SOFFICE)(
    'gives the same tasks (LibreOffice converts the .docx; skipped without soffice)',
    async () => {
      const dir = await mkdtemp(join(tmpdir(), 'tiendo-pdf-tables-'));
      try {
        const docxBytes = await planDocx();
        await writeFile(join(dir, 'plan.docx'), docxBytes);
        await promisify(execFile)(
          SOFFICE as string,
          [
            '--headless',
            '--norestore',
            `-env:UserInstallation=file://${join(dir, 'profile')}`,
            '--convert-to',
            'pdf',
            '--outdir',
            dir,
            join(dir, 'plan.docx'),
          ],
          { timeout: 170_000 },
        );
        const pdfBytes = new Uint8Array(await readFile(join(dir, 'plan.pdf')));
        // The table runs over a page break (its header repeated), so the pages are joined up.
        const pages = Buffer.from(pdfBytes)
          .toString('latin1')
          .match(/\/Type\s*\/Page(?!s)/g);
        expect(pages?.length ?? 0).toBeGreaterThanOrEqual(2);
        const fromDocx = await readSourceDocument(docxBytes, 'plan.docx');
        const fromPdf = await readSourceDocument(pdfBytes, 'plan.pdf');
        expect(sourceDocumentProblems(fromPdf)).toEqual([]);
        expect(fromPdf.tables).toHaveLength(1);
        const docxTasks = tasksOf(fromDocx);
        expect(docxTasks).toHaveLength(planRows().length);
        expect(docxTasks[0]).toEqual({
          text: TASKS[0]?.[1],
          lead: ['Sở Xây dựng'],
          coordinators: ['Sở Tài chính', 'UBND các xã, phường'],
          deadline: { kind: 'quarter', year: 2026, quarter: 2 },
        });
        expect(tasksOf(fromPdf)).toEqual(docxTasks);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
    180_000,
  );
});
