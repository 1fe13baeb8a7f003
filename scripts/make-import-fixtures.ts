// Writes the readers' fixtures in test/fixtures/import/. Run with
//   npx tsx scripts/make-import-fixtures.ts
// The plan text is invented for the tests (a small plan of the People's Committee of Cao Bằng); it
// is not copied from any real document. Needs LibreOffice (soffice) for the text PDF and poppler's
// pdftoppm for the "scanned" PDF: `apt-get install -y libreoffice-writer-nogui poppler-utils`.
// The outputs are committed, so tests need neither. Name fixtures as arguments to write only those
// (e.g. `npx tsx scripts/make-import-fixtures.ts ke-hoach-danh-so-tu-dong.docx`). Output is deterministic: the clock is pinned
// while the .docx is packed (zip entry times, document properties) and LibreOffice's dates, ID and
// checksum are overwritten in place (same length, so the PDF's cross-reference stays valid).
//
// ke-hoach-cao-bang.docx          letterhead table, paragraphs, a Word bullet list, a footnote,
//                                 signature table, appendix table with merged cells, NFD text
// ke-hoach-cao-bang.pdf           that .docx through LibreOffice: a text layer, wrapped lines,
//                                 a footnote at the foot of page 1, the table as positioned text
// ke-hoach-cao-bang-scanned.pdf   page 1 of that PDF as an image, plus a stamped "Trang 1"
// ke-hoach-cao-bang.md            the plan in Markdown with a pipe table and a footnote
// ke-hoach-cao-bang.txt           the plan as plain UTF-8 text
// ke-hoach-cao-bang-tcvn3.txt     part of it in TCVN3 bytes (not UTF-8), CRLF
// ke-hoach-cao-bang-vni-mojibake.txt  the same part as VNI mojibake saved as UTF-8 ("Vieät")
// ke-hoach-cao-bang-vntime.docx   a Word file typed in the .VnTime font (TCVN3 as Latin-1 letters)
// ke-hoach-danh-so-tu-dong.docx   an outline numbered by Word itself (automatic numbering):
//                                 "I." / "1." / "%2.%3." / "a)" levels, a bullet list, a list
//                                 starting at IV, a second instance of the outline restarting
// binary-random.txt               4 KiB of pseudo-random bytes

import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';
import {
  AlignmentType,
  BorderStyle,
  Document,
  FootnoteReferenceRun,
  LevelFormat,
  Packer,
  Paragraph,
  Table,
  TableBorders,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'test', 'fixtures', 'import');

// ---------------------------------------------------------------------------------------------
// The invented plan.

const HEADER_LEFT = ['ỦY BAN NHÂN DÂN', 'TỈNH CAO BẰNG', 'Số: 58/KH-UBND'];
const HEADER_RIGHT = [
  'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
  'Độc lập - Tự do - Hạnh phúc',
  'Cao Bằng, ngày 12 tháng 3 năm 2026',
];
const TITLE = 'KẾ HOẠCH';
const SUBTITLE = 'Phát triển hạ tầng đô thị và nông thôn tỉnh Cao Bằng năm 2026';

/** The preamble is split where the footnote reference goes. */
const PREAMBLE_BEFORE_NOTE =
  'Căn cứ Nghị quyết số 06-NQ/TU ngày 20 tháng 01 năm 2026 của Ban Thường vụ Tỉnh uỷ về phát triển hạ tầng đô thị';
const PREAMBLE_AFTER_NOTE =
  '; xét đề nghị của Sở Xây dựng tại Tờ trình số 112/TTr-SXD ngày 02/3/2026, Ủy ban nhân dân tỉnh ban hành Kế hoạch thực hiện như sau:';
const FOOTNOTE =
  'Nghị quyết số 06-NQ/TU ngày 20/01/2026 của Ban Thường vụ Tỉnh uỷ về phát triển hạ tầng đô thị tỉnh Cao Bằng giai đoạn 2026 - 2030, định hướng đến năm 2035.';

type Block =
  | { kind: 'heading'; text: string } // "I. ..." section headings, bold capitals
  | { kind: 'subheading'; text: string } // "1. ..." bold
  | { kind: 'para'; text: string }
  | { kind: 'dash'; text: string }; // a list item; the text has no "- " (Word uses a bullet list)

const BODY: Block[] = [
  { kind: 'heading', text: 'I. MỤC ĐÍCH, YÊU CẦU' },
  { kind: 'subheading', text: '1. Mục đích' },
  {
    kind: 'para',
    text: 'Cụ thể hoá các nhiệm vụ, giải pháp để phát triển đồng bộ hạ tầng đô thị và nông thôn, nâng cao chất lượng sống của người dân; xác định rõ trách nhiệm của các sở, ban, ngành và UBND các xã, phường trong tổ chức thực hiện.',
  },
  { kind: 'subheading', text: '2. Yêu cầu' },
  {
    kind: 'dash',
    text: 'Các nhiệm vụ phải có lộ trình, thời hạn hoàn thành và sản phẩm cụ thể, gắn với trách nhiệm người đứng đầu.',
  },
  {
    kind: 'dash',
    text: 'Bảo đảm sự phối hợp chặt chẽ, thường xuyên giữa các cơ quan, đơn vị; kịp thời báo cáo khó khăn, vướng mắc.',
  },
  { kind: 'heading', text: 'II. MỤC TIÊU' },
  {
    kind: 'para',
    text: 'Đến hết năm 2026, tỷ lệ đô thị hoá toàn tỉnh đạt 28,5%; 100% xã, phường có quy hoạch được phê duyệt; tổng vốn đầu tư phát triển hạ tầng đạt khoảng 1.250 tỷ đồng.',
  },
  { kind: 'heading', text: 'III. NHIỆM VỤ, GIẢI PHÁP' },
  { kind: 'subheading', text: '1. Công tác quy hoạch' },
  {
    kind: 'para',
    text: 'a) Sở Xây dựng chủ trì, phối hợp với Sở Nông nghiệp và Môi trường, UBND các xã, phường rà soát, điều chỉnh quy hoạch chung đô thị Cao Bằng; hoàn thành trong Quý II/2026.',
  },
  {
    kind: 'para',
    text: 'b) UBND các xã, phường tổ chức lập quy hoạch chung xã theo quy định; hoàn thành trước ngày 30/6/2026.',
  },
  { kind: 'subheading', text: '2. Đầu tư xây dựng hạ tầng' },
  {
    kind: 'para',
    text: 'a) Sở Tài chính chủ trì, phối hợp với Sở Xây dựng tham mưu bố trí vốn đầu tư công năm 2026 cho các công trình hạ tầng trọng điểm; hoàn thành trước ngày 15/4/2026.',
  },
  {
    kind: 'para',
    text: 'b) Ban Quản lý dự án đầu tư xây dựng tỉnh đẩy nhanh tiến độ thi công đường ĐT.208 và cầu Bằng Giang, bảo đảm chất lượng công trình; thực hiện thường xuyên.',
  },
  { kind: 'subheading', text: '3. Quản lý trật tự xây dựng' },
  {
    kind: 'para',
    text: 'Sở Xây dựng chủ trì, phối hợp với Công an tỉnh và UBND các xã, phường tăng cường kiểm tra, xử lý vi phạm trật tự xây dựng; thực hiện thường xuyên, báo cáo kết quả trước ngày 15/12/2026.',
  },
  { kind: 'heading', text: 'IV. TỔ CHỨC THỰC HIỆN' },
  {
    kind: 'para',
    text: '1. Các sở, ban, ngành, UBND các xã, phường căn cứ nhiệm vụ được giao tại Kế hoạch này và Phụ lục kèm theo, xây dựng kế hoạch chi tiết, tổ chức triển khai thực hiện; định kỳ hằng quý (trước ngày 20 của tháng cuối quý) báo cáo kết quả về Sở Xây dựng.',
  },
  {
    kind: 'para',
    text: '2. Sở Xây dựng theo dõi, đôn đốc, tổng hợp, báo cáo UBND tỉnh kết quả thực hiện Kế hoạch trước ngày 25/12/2026.',
  },
  {
    kind: 'para',
    text: 'Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, các cơ quan, đơn vị kịp thời báo cáo UBND tỉnh (qua Sở Xây dựng) để xem xét, giải quyết./.',
  },
];

const SIGNATURE_LEFT = [
  'Nơi nhận:',
  '- Bộ Xây dựng;',
  '- TT Tỉnh uỷ, TT HĐND tỉnh;',
  '- Các sở, ban, ngành tỉnh;',
  '- Lưu: VT, KT.',
];
const SIGNATURE_RIGHT = ['TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH', 'Lý Thị Hoà'];

const APPENDIX_TITLE = [
  'PHỤ LỤC',
  'DANH MỤC NHIỆM VỤ TRIỂN KHAI KẾ HOẠCH',
  '(Kèm theo Kế hoạch số 58/KH-UBND ngày 12/3/2026 của UBND tỉnh Cao Bằng)',
];
const APPENDIX_HEADER = [
  'STT',
  'Nội dung nhiệm vụ',
  'Cơ quan chủ trì',
  'Cơ quan phối hợp',
  'Thời gian hoàn thành',
  'Sản phẩm',
];
/** A group row: the number, then the name spanning the other five columns. */
type GroupRow = { group: string; name: string };
/** A task row; `leadSpan` 2 merges the lead agency cell with the next row's (vertical merge). */
type TaskRow = { cells: [string, string, string, string, string, string]; leadSpan?: number };
const APPENDIX_ROWS: (GroupRow | TaskRow)[] = [
  { group: 'I', name: 'Nhiệm vụ về quy hoạch' },
  {
    cells: [
      '1',
      'Rà soát, điều chỉnh quy hoạch chung đô thị Cao Bằng',
      'Sở Xây dựng',
      'Sở Nông nghiệp và Môi trường; UBND các xã, phường',
      'Quý II/2026',
      'Quyết định phê duyệt điều chỉnh quy hoạch',
    ],
  },
  {
    cells: [
      '2',
      'Lập quy hoạch chung các xã',
      'UBND các xã, phường',
      'Sở Xây dựng',
      'Trước ngày 30/6/2026',
      'Quyết định phê duyệt quy hoạch',
    ],
  },
  { group: 'II', name: 'Nhiệm vụ về đầu tư xây dựng' },
  {
    cells: [
      '3',
      'Bố trí vốn đầu tư công năm 2026 cho các công trình hạ tầng trọng điểm',
      'Sở Tài chính',
      'Sở Xây dựng',
      'Trước ngày 15/4/2026',
      'Quyết định giao vốn',
    ],
    leadSpan: 2,
  },
  {
    cells: [
      '4',
      'Hướng dẫn thanh toán, quyết toán vốn đầu tư công',
      'Sở Tài chính',
      'Kho bạc Nhà nước khu vực',
      'Quý III/2026',
      'Văn bản hướng dẫn',
    ],
  },
  {
    cells: [
      '5',
      'Thi công đường ĐT.208 và cầu Bằng Giang',
      'Ban Quản lý dự án đầu tư xây dựng tỉnh',
      'Sở Xây dựng; UBND các phường',
      'Thường xuyên',
      'Báo cáo tiến độ hằng quý',
    ],
  },
];

/** The body as plain lines, the way someone would type it into a .txt file. */
function bodyLines(): string[] {
  return BODY.map((b) => (b.kind === 'dash' ? `- ${b.text}` : b.text));
}

// ---------------------------------------------------------------------------------------------
// Legacy Vietnamese encodings, only as far as the fixtures need them.

/**
 * TCVN3 (TCVN 5712:1993, "ABC", the .VnTime fonts): one byte per letter. It has codes for the
 * lowercase letters and for the capitals Ă Â Ê Ô Ơ Ư Đ only; capitals with a tone were typed with
 * the lowercase code in a capitals font (.VnTimeH), so we write those as the lowercase code.
 */
// biome-ignore format: a code table reads best in rows
const TCVN3: Record<string, number> = {
  Ă: 0xa1, Â: 0xa2, Ê: 0xa3, Ô: 0xa4, Ơ: 0xa5, Ư: 0xa6, Đ: 0xa7,
  ă: 0xa8, â: 0xa9, ê: 0xaa, ô: 0xab, ơ: 0xac, ư: 0xad, đ: 0xae,
  à: 0xb5, ả: 0xb6, ã: 0xb7, á: 0xb8, ạ: 0xb9,
  ằ: 0xbb, ẳ: 0xbc, ẵ: 0xbd, ắ: 0xbe, ặ: 0xc6,
  ầ: 0xc7, ẩ: 0xc8, ẫ: 0xc9, ấ: 0xca, ậ: 0xcb,
  è: 0xcc, ẻ: 0xce, ẽ: 0xcf, é: 0xd0, ẹ: 0xd1,
  ề: 0xd2, ể: 0xd3, ễ: 0xd4, ế: 0xd5, ệ: 0xd6,
  ì: 0xd7, ỉ: 0xd8, ĩ: 0xdc, í: 0xdd, ị: 0xde,
  ò: 0xdf, ỏ: 0xe1, õ: 0xe2, ó: 0xe3, ọ: 0xe4,
  ồ: 0xe5, ổ: 0xe6, ỗ: 0xe7, ố: 0xe8, ộ: 0xe9,
  ờ: 0xea, ở: 0xeb, ỡ: 0xec, ớ: 0xed, ợ: 0xee,
  ù: 0xef, ủ: 0xf1, ũ: 0xf2, ú: 0xf3, ụ: 0xf4,
  ừ: 0xf5, ử: 0xf6, ữ: 0xf7, ứ: 0xf8, ự: 0xf9,
  ỳ: 0xfa, ỷ: 0xfb, ỹ: 0xfc, ý: 0xfd, ỵ: 0xfe,
};

function encodeTcvn3(text: string): Uint8Array {
  const out: number[] = [];
  for (const ch of text.normalize('NFC')) {
    const code = ch.charCodeAt(0);
    if (code < 0x80) out.push(code);
    else {
      const byte = TCVN3[ch] ?? TCVN3[ch.toLowerCase()];
      if (byte === undefined) throw new Error(`no TCVN3 code for ${ch}`);
      out.push(byte);
    }
  }
  return Uint8Array.from(out);
}

/**
 * VNI (VNI-Windows fonts): an ASCII vowel followed by one or two Latin-1 "mark" bytes. Shown in a
 * Unicode font (Windows-1252), "Việt Nam" reads "Vieät Nam". Returns that mojibake as a string.
 */
function toVniMojibake(text: string): string {
  // Tone marks: grave, acute, hook, tilde, dot; for â/ê/ô, for ă; for plain vowels.
  const plainTones = ['ø', 'ù', 'û', 'õ', 'ï'];
  const circumflexTones = ['à', 'á', 'å', 'ã', 'ä'];
  const breveTones = ['è', 'é', 'ú', 'ü', 'ë'];
  const iTones = ['ì', 'í', 'æ', 'ó', 'ò']; // i with a tone is one byte
  const toneOf: Record<string, number> = {
    '\u0300': 0,
    '\u0301': 1,
    '\u0309': 2,
    '\u0303': 3,
    '\u0323': 4,
  };
  let out = '';
  for (const ch of text.normalize('NFC')) {
    const d = ch.normalize('NFD');
    const base = d[0] as string;
    const marks = d.slice(1);
    if (ch === 'đ') out += 'ñ';
    else if (ch === 'Đ') out += 'Ñ';
    else if (marks === '' || !/[a-zA-Z]/.test(base)) out += ch;
    else {
      const upper = base === base.toUpperCase();
      const toneMark = [...marks].find((m) => m in toneOf);
      const tone = toneMark === undefined ? -1 : (toneOf[toneMark] as number);
      const shape = marks.includes('\u0302')
        ? 'circumflex'
        : marks.includes('\u0306')
          ? 'breve'
          : marks.includes('\u031b')
            ? 'horn'
            : 'plain';
      let s: string;
      if (base.toLowerCase() === 'i' && shape === 'plain') s = iTones[tone] as string;
      else if (shape === 'circumflex') s = base + (tone < 0 ? 'â' : circumflexTones[tone]);
      else if (shape === 'breve') s = base + (tone < 0 ? 'ê' : breveTones[tone]);
      else if (shape === 'horn')
        s = (base.toLowerCase() === 'o' ? 'ô' : 'ö') + (tone < 0 ? '' : plainTones[tone]);
      else s = base + plainTones[tone];
      out += upper ? s.toUpperCase() : s;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Writers.

function markdown(): string {
  const md: string[] = [];
  md.push(`**${HEADER_LEFT.join(' - ')}**`, '', `**${HEADER_RIGHT.join(' - ')}**`, '');
  md.push(`# ${TITLE}`, '', `## ${SUBTITLE}`, '');
  md.push(`${PREAMBLE_BEFORE_NOTE}[^1]${PREAMBLE_AFTER_NOTE}`, '');
  for (const b of BODY) {
    if (b.kind === 'heading') md.push(`## ${b.text}`, '');
    else if (b.kind === 'subheading') md.push(`### **${b.text}**`, '');
    else if (b.kind === 'dash') md.push(`- ${b.text}`);
    else md.push(b.text, '');
  }
  md.push(
    '',
    `## ${APPENDIX_TITLE[0]}`,
    '',
    `**${APPENDIX_TITLE[1]}**`,
    '',
    `*${APPENDIX_TITLE[2]}*`,
  );
  md.push(
    '',
    `| ${APPENDIX_HEADER.join(' | ')} |`,
    `|${APPENDIX_HEADER.map(() => ' --- |').join('')}`,
  );
  for (const r of APPENDIX_ROWS) {
    if ('group' in r) md.push(`| **${r.group}** | **${r.name}** | | | | |`);
    else md.push(`| ${r.cells.join(' | ')} |`);
  }
  md.push('', `[^1]: ${FOOTNOTE}`, '');
  return md.join('\n');
}

function plainText(): string {
  return [
    ...HEADER_LEFT,
    ...HEADER_RIGHT,
    TITLE,
    SUBTITLE,
    `${PREAMBLE_BEFORE_NOTE} [1]${PREAMBLE_AFTER_NOTE}`,
    ...bodyLines(),
    ...SIGNATURE_LEFT,
    ...SIGNATURE_RIGHT,
    `[1] ${FOOTNOTE}`,
    '',
  ].join('\n');
}

const NO_BORDERS = TableBorders.NONE;
const THIN = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const GRID_BORDERS = {
  top: THIN,
  bottom: THIN,
  left: THIN,
  right: THIN,
  insideHorizontal: THIN,
  insideVertical: THIN,
};

function cellParagraphs(lines: string[], opts: { bold?: boolean; center?: boolean } = {}) {
  return lines.map(
    (line) =>
      new Paragraph({
        alignment: opts.center ? AlignmentType.CENTER : AlignmentType.LEFT,
        children: [new TextRun({ text: line, bold: opts.bold, size: 24 })],
      }),
  );
}

function layoutTable(left: string[], right: string[], center: boolean): Table {
  return new Table({
    width: { size: 9070, type: WidthType.DXA },
    columnWidths: [3800, 5270],
    borders: NO_BORDERS,
    rows: [
      new TableRow({
        children: [
          new TableCell({ children: cellParagraphs(left, { bold: true, center }) }),
          new TableCell({ children: cellParagraphs(right, { bold: true, center }) }),
        ],
      }),
    ],
  });
}

function appendixTable(): Table {
  const rows: TableRow[] = [
    new TableRow({
      tableHeader: true,
      children: APPENDIX_HEADER.map(
        (h) => new TableCell({ children: cellParagraphs([h], { bold: true, center: true }) }),
      ),
    }),
  ];
  let skipLead = 0;
  for (const r of APPENDIX_ROWS) {
    if ('group' in r) {
      rows.push(
        new TableRow({
          children: [
            new TableCell({ children: cellParagraphs([r.group], { bold: true, center: true }) }),
            new TableCell({ columnSpan: 5, children: cellParagraphs([r.name], { bold: true }) }),
          ],
        }),
      );
      continue;
    }
    const cells: TableCell[] = [];
    r.cells.forEach((text, i) => {
      if (i === 2 && skipLead > 0) return; // covered by the merged cell above
      // One cell is written decomposed (NFD), as text pasted from a Mac can be: the reader must
      // give it back in NFC with offsets that still match.
      const value = r.cells[0] === '2' && i === 1 ? text.normalize('NFD') : text;
      cells.push(
        new TableCell({
          rowSpan: i === 2 ? r.leadSpan : undefined,
          children: cellParagraphs([value], { center: i === 0 }),
        }),
      );
    });
    if (skipLead > 0) skipLead--;
    if (r.leadSpan) skipLead = r.leadSpan - 1;
    rows.push(new TableRow({ children: cells }));
  }
  return new Table({
    width: { size: 9070, type: WidthType.DXA },
    columnWidths: [600, 2500, 1500, 1770, 1300, 1400],
    borders: GRID_BORDERS,
    rows,
  });
}

async function docx(): Promise<Uint8Array> {
  const body: (Paragraph | Table)[] = [];
  body.push(layoutTable(HEADER_LEFT, HEADER_RIGHT, true));
  body.push(
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: 240 },
      children: [new TextRun({ text: TITLE, bold: true })],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 240 },
      children: [new TextRun({ text: SUBTITLE, bold: true })],
    }),
    new Paragraph({
      alignment: AlignmentType.JUSTIFIED,
      children: [
        new TextRun(PREAMBLE_BEFORE_NOTE),
        new FootnoteReferenceRun(1),
        new TextRun(PREAMBLE_AFTER_NOTE),
      ],
    }),
  );
  for (const b of BODY) {
    if (b.kind === 'heading' || b.kind === 'subheading') {
      body.push(new Paragraph({ children: [new TextRun({ text: b.text, bold: true })] }));
    } else if (b.kind === 'dash') {
      body.push(
        new Paragraph({
          alignment: AlignmentType.JUSTIFIED,
          numbering: { reference: 'dash', level: 0 },
          children: [new TextRun(b.text)],
        }),
      );
    } else {
      // "Cụ thể hoá" is written decomposed (NFD) to check normalisation in the body too.
      const text = b.text.startsWith('Cụ thể') ? b.text.normalize('NFD') : b.text;
      body.push(
        new Paragraph({
          alignment: AlignmentType.JUSTIFIED,
          indent: { firstLine: 567 },
          children: [new TextRun(text)],
        }),
      );
    }
  }
  body.push(new Paragraph({ children: [] }));
  body.push(layoutTable(SIGNATURE_LEFT, SIGNATURE_RIGHT, false));
  body.push(
    new Paragraph({
      pageBreakBefore: true,
      alignment: AlignmentType.CENTER,
      children: [new TextRun({ text: APPENDIX_TITLE[0] as string, bold: true })],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      children: [new TextRun({ text: APPENDIX_TITLE[1] as string, bold: true })],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 240 },
      children: [new TextRun({ text: APPENDIX_TITLE[2] as string, italics: true })],
    }),
    appendixTable(),
  );

  const doc = new Document({
    creator: 'Tiến Độ test fixtures',
    title: 'Kế hoạch phát triển hạ tầng đô thị và nông thôn tỉnh Cao Bằng năm 2026',
    styles: { default: { document: { run: { font: 'Times New Roman', size: 28 } } } },
    numbering: {
      config: [
        {
          reference: 'dash',
          levels: [
            {
              level: 0,
              format: LevelFormat.BULLET,
              text: '-',
              alignment: AlignmentType.LEFT,
              style: { paragraph: { indent: { left: 567, hanging: 283 } } },
            },
          ],
        },
      ],
    },
    footnotes: { 1: { children: [new Paragraph({ children: [new TextRun(FOOTNOTE)] })] } },
    sections: [
      {
        properties: {
          page: {
            size: { width: 11906, height: 16838 },
            margin: { top: 1134, bottom: 1134, left: 1701, right: 1134 },
          },
        },
        children: body,
      },
    ],
  });
  return Packer.toBuffer(doc);
}

/**
 * A Word file typed in the .VnTime font, as many older provincial documents were: the text is
 * TCVN3 bytes stored as Latin-1 characters ("KÕ ho¹ch"), which only that font shows as Vietnamese.
 */
async function vnTimeDocx(): Promise<Uint8Array> {
  const asVnTime = (text: string) => Buffer.from(encodeTcvn3(text)).toString('latin1');
  const doc = new Document({
    creator: 'Tiến Độ test fixtures',
    styles: { default: { document: { run: { font: '.VnTime', size: 28 } } } },
    sections: [
      {
        children: [TITLE, SUBTITLE, ...bodyLines().slice(0, 8)].map(
          (line) => new Paragraph({ children: [new TextRun(asVnTime(line))] }),
        ),
      },
    ],
  });
  return Packer.toBuffer(doc);
}

/**
 * An outline numbered by Word's automatic numbering, not typed: the labels exist only in
 * numbering.xml. Each entry is [level or 'dash' or 'from-four', text, instance].
 */
const AUTO_NUMBERED: [number | 'dash' | 'from-four' | 'text', string, number?][] = [
  ['text', 'KẾ HOẠCH'],
  [0, 'MỤC ĐÍCH, YÊU CẦU'],
  [1, 'Mục đích'],
  ['text', 'Cụ thể hoá các nhiệm vụ phát triển hạ tầng năm 2026.'],
  [1, 'Yêu cầu'],
  [0, 'MỤC TIÊU'],
  [1, 'Mục tiêu chung'],
  [1, 'Mục tiêu cụ thể'],
  [2, 'Về quy hoạch'],
  [3, 'Tỷ lệ phủ kín quy hoạch chung đô thị đạt 100%;'],
  [3, 'Hoàn thành quy hoạch phân khu trung tâm.'],
  [2, 'Về hạ tầng'],
  [3, 'Cứng hoá 150 km đường giao thông nông thôn.'],
  ['dash', 'Sở Xây dựng chủ trì;'],
  ['dash', 'UBND các huyện phối hợp.'],
  ['from-four', 'TỔ CHỨC THỰC HIỆN'],
  [0, 'Danh mục công trình', 2],
  [1, 'Công trình chuyển tiếp', 2],
];

async function autoNumberedDocx(): Promise<Uint8Array> {
  const indent = (left: number) => ({ paragraph: { indent: { left, hanging: 360 } } });
  const doc = new Document({
    creator: 'Tiến Độ test fixtures',
    styles: { default: { document: { run: { font: 'Times New Roman', size: 28 } } } },
    numbering: {
      config: [
        {
          reference: 'outline',
          levels: [
            { level: 0, format: LevelFormat.UPPER_ROMAN, text: '%1.', style: indent(360) },
            { level: 1, format: LevelFormat.DECIMAL, text: '%2.', style: indent(720) },
            { level: 2, format: LevelFormat.DECIMAL, text: '%2.%3.', style: indent(1080) },
            { level: 3, format: LevelFormat.LOWER_LETTER, text: '%4)', style: indent(1440) },
          ],
        },
        {
          reference: 'dash',
          levels: [{ level: 0, format: LevelFormat.BULLET, text: '-', style: indent(720) }],
        },
        {
          reference: 'from-four',
          levels: [{ level: 0, format: LevelFormat.UPPER_ROMAN, text: '%1.', start: 4 }],
        },
      ],
    },
    sections: [
      {
        children: AUTO_NUMBERED.map(([level, text, instance]) => {
          const children = [new TextRun(text)];
          if (level === 'text') return new Paragraph({ children });
          const numbering =
            typeof level === 'number'
              ? { reference: 'outline', level, ...(instance ? { instance } : {}) }
              : { reference: level, level: 0 };
          return new Paragraph({ numbering, children });
        }),
      },
    ],
  });
  return Packer.toBuffer(doc);
}

/** Runs `f` with Date pinned to 2026-03-12 00:00 UTC: docx stamps the properties and zip entries. */
async function withPinnedClock<T>(f: () => Promise<T>): Promise<T> {
  const fixed = Date.UTC(2026, 2, 12);
  const RealDate = Date;
  class PinnedDate extends RealDate {
    constructor(...args: unknown[]) {
      if (args.length === 0) super(fixed);
      else super(...(args as [string]));
    }
    static override now() {
      return fixed;
    }
  }
  globalThis.Date = PinnedDate as DateConstructor;
  try {
    return await f();
  } finally {
    globalThis.Date = RealDate;
  }
}

/** Converts the .docx to PDF with LibreOffice and blanks its dates, ID and checksum in place. */
function pdfFromDocx(docxBytes: Uint8Array, work: string): Uint8Array {
  const input = join(work, 'plan.docx');
  writeFileSync(input, docxBytes);
  execFileSync(
    'soffice',
    [
      `-env:UserInstallation=file://${join(work, 'lo-profile')}`,
      '--headless',
      '--convert-to',
      'pdf',
      '--outdir',
      work,
      input,
    ],
    { stdio: 'pipe' },
  );
  return pinPdfMetadata(readFileSync(join(work, 'plan.pdf')));
}

function pinPdfMetadata(pdf: Uint8Array): Uint8Array {
  let s = Buffer.from(pdf).toString('latin1');
  s = s.replace(/\(D:(\d{14})([^)]*)\)/g, (_m, digits: string, rest: string) => {
    const pinned = '20260312000000'.slice(0, digits.length);
    return `(D:${pinned}${rest.replace(/[0-9]/g, '0')})`;
  });
  s = s.replace(/<([0-9A-Fa-f]{32})>/g, (_m, hex: string) => `<${'0'.repeat(hex.length)}>`);
  s = s.replace(
    /\/DocChecksum \/([0-9A-F]+)/g,
    (_m, hex: string) => `/DocChecksum /${'0'.repeat(hex.length)}`,
  );
  return Buffer.from(s, 'latin1');
}

/**
 * A "scanned" PDF: page 1 of the text PDF rendered to a grey image by pdftoppm and placed as the
 * only content of a hand-written PDF, plus a page number "Trang 1" in Helvetica, as some scanners
 * stamp, so the reader must judge by letters per page rather than "no text at all".
 */
function scannedPdf(textPdf: Uint8Array, work: string): Uint8Array {
  const input = join(work, 'for-scan.pdf');
  writeFileSync(input, textPdf);
  execFileSync('pdftoppm', ['-f', '1', '-l', '1', '-r', '40', '-gray', input, join(work, 'scan')]);
  const pgm = readFileSync(join(work, 'scan-1.pgm'));
  // Binary PGM: "P5\n<w> <h>\n<max>\n" then one byte per pixel.
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.toString('latin1', 0, 64));
  if (!header) throw new Error('unexpected pdftoppm output');
  const width = Number(header[1]);
  const height = Number(header[2]);
  const pixels = pgm.subarray(header[0].length, header[0].length + width * height);
  const image = deflateSync(pixels, { level: 9 });

  const pageW = 595;
  const pageH = 842;
  const content = `q ${pageW} 0 0 ${pageH} 0 0 cm /Im1 Do Q\nBT /F1 9 Tf 280 20 Td (Trang 1) Tj ET\n`;
  const objects: (string | Buffer)[] = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${pageW} ${pageH}] /Resources << /XObject << /Im1 4 0 R >> /Font << /F1 6 0 R >> >> /Contents 5 0 R >>`,
    Buffer.concat([
      Buffer.from(
        `<< /Type /XObject /Subtype /Image /Width ${width} /Height ${height} /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode /Length ${image.length} >>\nstream\n`,
        'latin1',
      ),
      image,
      Buffer.from('\nendstream', 'latin1'),
    ]),
    `<< /Length ${content.length} >>\nstream\n${content}endstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let offset = parts[0]?.length ?? 0;
  const offsets: number[] = [];
  objects.forEach((obj, i) => {
    offsets.push(offset);
    const chunk = Buffer.concat([
      Buffer.from(`${i + 1} 0 obj\n`, 'latin1'),
      typeof obj === 'string' ? Buffer.from(obj, 'latin1') : obj,
      Buffer.from('\nendobj\n', 'latin1'),
    ]);
    parts.push(chunk);
    offset += chunk.length;
  });
  const xref = [
    'xref',
    `0 ${objects.length + 1}`,
    '0000000000 65535 f ',
    ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n `),
    'trailer',
    `<< /Size ${objects.length + 1} /Root 1 0 R >>`,
    'startxref',
    String(offset),
    '%%EOF',
    '',
  ].join('\n');
  parts.push(Buffer.from(xref, 'latin1'));
  return Buffer.concat(parts);
}

/** Deterministic pseudo-random bytes (xorshift32), for the "binary file named .txt" fixture. */
function randomBytes(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out[i] = x & 0xff;
  }
  return out;
}

async function main() {
  mkdirSync(OUT, { recursive: true });
  const only = process.argv.slice(2);
  const wanted = (...names: string[]) => only.length === 0 || names.some((n) => only.includes(n));
  const work = mkdtempSync(join(tmpdir(), 'import-fixtures-'));
  try {
    const write = (name: string, bytes: Uint8Array | string) => {
      if (!wanted(name)) return;
      writeFileSync(join(OUT, name), bytes);
      const size = typeof bytes === 'string' ? Buffer.byteLength(bytes) : bytes.length;
      console.log(`${name.padEnd(36)} ${String(size).padStart(7)} bytes`);
    };
    if (
      wanted('ke-hoach-cao-bang.docx', 'ke-hoach-cao-bang.pdf', 'ke-hoach-cao-bang-scanned.pdf')
    ) {
      const docxBytes = await withPinnedClock(docx);
      write('ke-hoach-cao-bang.docx', docxBytes);
      if (wanted('ke-hoach-cao-bang.pdf', 'ke-hoach-cao-bang-scanned.pdf')) {
        const pdf = pdfFromDocx(docxBytes, work);
        write('ke-hoach-cao-bang.pdf', pdf);
        write('ke-hoach-cao-bang-scanned.pdf', scannedPdf(pdf, work));
      }
    }
    write('ke-hoach-cao-bang-vntime.docx', await withPinnedClock(vnTimeDocx));
    write('ke-hoach-danh-so-tu-dong.docx', await withPinnedClock(autoNumberedDocx));
    write('ke-hoach-cao-bang.md', markdown());
    // The repository's formatter formats Markdown too (it aligns the table): format it here so the
    // committed file is both this script's output and what `biome check --write` leaves.
    if (wanted('ke-hoach-cao-bang.md')) {
      execFileSync(
        join(ROOT, 'node_modules', '.bin', 'biome'),
        ['format', '--write', join(OUT, 'ke-hoach-cao-bang.md')],
        { stdio: 'pipe' },
      );
    }
    write('ke-hoach-cao-bang.txt', plainText());
    const legacyText = `${[TITLE, SUBTITLE, ...bodyLines()].join('\r\n')}\r\n`;
    write('ke-hoach-cao-bang-tcvn3.txt', encodeTcvn3(legacyText));
    write('ke-hoach-cao-bang-vni-mojibake.txt', toVniMojibake(legacyText));
    write('binary-random.txt', randomBytes(4096, 0x5eed));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
