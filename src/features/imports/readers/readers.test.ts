import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Document, Packer, Paragraph } from 'docx';
import fc from 'fast-check';
import mammoth from 'mammoth';
import { describe, expect, it } from 'vitest';
import { htmlToSourceDocument, layOut, readDocx } from './docx.js';
import { numberedParagraphs, numberingKey } from './docx-numbering.js';
import {
  DEFAULT_MAX_BYTES,
  readSourceDocument,
  type SourceDocument,
  sourceDocumentProblems,
  UnreadableDocumentError,
} from './index.js';
import { detectLegacyEncoding } from './legacy-encoding.js';
import { itemsToLines, type JoinableLine, joinWrappedLines, type PdfItem } from './pdf.js';
import { firstInvalidUtf8, markdownToBlocks } from './text.js';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '../../../../test/fixtures/import');

function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(join(FIXTURES, name)));
}

function read(name: string, bytes: Uint8Array = fixture(name)): Promise<SourceDocument> {
  return readSourceDocument(bytes, name);
}

/** The error readSourceDocument rejects with; fails the test if it resolves. */
async function failure(promise: Promise<unknown>): Promise<UnreadableDocumentError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(UnreadableDocumentError);
    return error as UnreadableDocumentError;
  }
  throw new Error('expected the document to be unreadable');
}

/** The offset invariant and the text rules, for every table and cell. */
function expectWellFormed(doc: SourceDocument): void {
  expect(sourceDocumentProblems(doc)).toEqual([]);
  for (const table of doc.tables) {
    for (const row of table.rows) {
      for (const cell of row) expect(doc.text.slice(cell.start, cell.end)).toBe(cell.text);
    }
  }
}

const lines = (doc: SourceDocument) => doc.text.split('\n');
const rowTexts = (doc: SourceDocument, t: number) =>
  doc.tables[t]?.rows.map((row) => row.map((cell) => cell.text));

const utf8 = (s: string) => new TextEncoder().encode(s);

// Lines every format of the Cao Bằng fixture must give exactly.
const BODY_LINES = [
  'KẾ HOẠCH',
  'Phát triển hạ tầng đô thị và nông thôn tỉnh Cao Bằng năm 2026',
  'I. MỤC ĐÍCH, YÊU CẦU',
  '1. Mục đích',
  'Cụ thể hoá các nhiệm vụ, giải pháp để phát triển đồng bộ hạ tầng đô thị và nông thôn, nâng cao chất lượng sống của người dân; xác định rõ trách nhiệm của các sở, ban, ngành và UBND các xã, phường trong tổ chức thực hiện.',
  '- Các nhiệm vụ phải có lộ trình, thời hạn hoàn thành và sản phẩm cụ thể, gắn với trách nhiệm người đứng đầu.',
  'a) Sở Xây dựng chủ trì, phối hợp với Sở Nông nghiệp và Môi trường, UBND các xã, phường rà soát, điều chỉnh quy hoạch chung đô thị Cao Bằng; hoàn thành trong Quý II/2026.',
  'b) UBND các xã, phường tổ chức lập quy hoạch chung xã theo quy định; hoàn thành trước ngày 30/6/2026.',
  'b) Ban Quản lý dự án đầu tư xây dựng tỉnh đẩy nhanh tiến độ thi công đường ĐT.208 và cầu Bằng Giang, bảo đảm chất lượng công trình; thực hiện thường xuyên.',
  'Sở Xây dựng chủ trì, phối hợp với Công an tỉnh và UBND các xã, phường tăng cường kiểm tra, xử lý vi phạm trật tự xây dựng; thực hiện thường xuyên, báo cáo kết quả trước ngày 15/12/2026.',
  'IV. TỔ CHỨC THỰC HIỆN',
  'Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, các cơ quan, đơn vị kịp thời báo cáo UBND tỉnh (qua Sở Xây dựng) để xem xét, giải quyết./.',
];
const PREAMBLE =
  'Căn cứ Nghị quyết số 06-NQ/TU ngày 20 tháng 01 năm 2026 của Ban Thường vụ Tỉnh uỷ về phát triển hạ tầng đô thị[1]; xét đề nghị của Sở Xây dựng tại Tờ trình số 112/TTr-SXD ngày 02/3/2026, Ủy ban nhân dân tỉnh ban hành Kế hoạch thực hiện như sau:';
const FOOTNOTE =
  '[1] Nghị quyết số 06-NQ/TU ngày 20/01/2026 của Ban Thường vụ Tỉnh uỷ về phát triển hạ tầng đô thị tỉnh Cao Bằng giai đoạn 2026 - 2030, định hướng đến năm 2035.';
const APPENDIX_ROWS = [
  [
    'STT',
    'Nội dung nhiệm vụ',
    'Cơ quan chủ trì',
    'Cơ quan phối hợp',
    'Thời gian hoàn thành',
    'Sản phẩm',
  ],
  ['I', 'Nhiệm vụ về quy hoạch', '', '', '', ''],
  [
    '1',
    'Rà soát, điều chỉnh quy hoạch chung đô thị Cao Bằng',
    'Sở Xây dựng',
    'Sở Nông nghiệp và Môi trường; UBND các xã, phường',
    'Quý II/2026',
    'Quyết định phê duyệt điều chỉnh quy hoạch',
  ],
  [
    '2',
    'Lập quy hoạch chung các xã',
    'UBND các xã, phường',
    'Sở Xây dựng',
    'Trước ngày 30/6/2026',
    'Quyết định phê duyệt quy hoạch',
  ],
  ['II', 'Nhiệm vụ về đầu tư xây dựng', '', '', '', ''],
  [
    '3',
    'Bố trí vốn đầu tư công năm 2026 cho các công trình hạ tầng trọng điểm',
    'Sở Tài chính',
    'Sở Xây dựng',
    'Trước ngày 15/4/2026',
    'Quyết định giao vốn',
  ],
  [
    '4',
    'Hướng dẫn thanh toán, quyết toán vốn đầu tư công',
    'Sở Tài chính',
    'Kho bạc Nhà nước khu vực',
    'Quý III/2026',
    'Văn bản hướng dẫn',
  ],
  [
    '5',
    'Thi công đường ĐT.208 và cầu Bằng Giang',
    'Ban Quản lý dự án đầu tư xây dựng tỉnh',
    'Sở Xây dựng; UBND các phường',
    'Thường xuyên',
    'Báo cáo tiến độ hằng quý',
  ],
];
const APPENDIX_LINES = [
  'STT | Nội dung nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành | Sản phẩm',
  'I | Nhiệm vụ về quy hoạch',
  '1 | Rà soát, điều chỉnh quy hoạch chung đô thị Cao Bằng | Sở Xây dựng | Sở Nông nghiệp và Môi trường; UBND các xã, phường | Quý II/2026 | Quyết định phê duyệt điều chỉnh quy hoạch',
];

describe('every readable fixture', () => {
  const readable = [
    'ke-hoach-cao-bang.txt',
    'ke-hoach-cao-bang.md',
    'ke-hoach-cao-bang.docx',
    'ke-hoach-cao-bang.pdf',
  ];
  it.each(readable)(
    '%s: NFC text, no trailing spaces or blank lines, cell offsets exact',
    async (name) => {
      const doc = await read(name);
      expectWellFormed(doc);
      expect(doc.text.normalize('NFC')).toBe(doc.text);
      for (const line of BODY_LINES.slice(0, 4)) expect(lines(doc)).toContain(line);
    },
  );

  it('reads the real seed plan (a Unicode .txt) without calling it legacy-encoded', async () => {
    const seeds = [
      join(FIXTURES, 'ke-hoach-693-lang-son.txt'),
      join(FIXTURES, '../../../../shared/seeds/ke-hoach-693-lang-son.txt'),
    ].filter((p) => existsSync(p));
    for (const path of seeds) {
      const doc = await readSourceDocument(new Uint8Array(readFileSync(path)), 'seed.txt');
      expectWellFormed(doc);
      expect(lines(doc)).toContain('I. MỤC ĐÍCH, YÊU CẦU');
    }
  });
});

describe('.txt', () => {
  it('keeps the lines as they are', async () => {
    const doc = await read('ke-hoach-cao-bang.txt');
    expect(doc.format).toBe('txt');
    expect(doc.tables).toEqual([]);
    expect(lines(doc).slice(0, 3)).toEqual(['ỦY BAN NHÂN DÂN', 'TỈNH CAO BẰNG', 'Số: 58/KH-UBND']);
    for (const line of BODY_LINES) expect(lines(doc)).toContain(line);
    expect(lines(doc).at(-1)).toBe(FOOTNOTE);
  });

  it('strips a BOM, normalises line ends and NFC, trims line ends, drops blank lines', async () => {
    const nfd = 'Ủy ban nhân dân tỉnh Hà Giang'.normalize('NFD');
    const bytes = utf8(
      `\uFEFF  KẾ HOẠCH  \r\n\r\n\r\n${nfd}\t \rII. MỤC TIÊU\n\n   \n- Quý II/2026\f- thường xuyên`,
    );
    const doc = await read('plan.txt', bytes);
    expect(doc.text).toBe(
      '  KẾ HOẠCH\nỦy ban nhân dân tỉnh Hà Giang\nII. MỤC TIÊU\n- Quý II/2026\n- thường xuyên',
    );
    expectWellFormed(doc);
  });

  it('turns odd spaces into spaces and drops invisible characters', async () => {
    const doc = await read('plan.txt', utf8('Quý\u00A0II/2026\u200B; Sở\u202FXây dựng\u00AD'));
    expect(doc.text).toBe('Quý II/2026; Sở Xây dựng');
  });

  it('reads UTF-16 LE and BE with a BOM', async () => {
    const text = 'Sở Xây dựng chủ trì\r\nhoàn thành trước ngày 30/6/2026';
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const be = Buffer.from(le);
    be.swap16();
    for (const bytes of [le, be]) {
      const doc = await read('plan.txt', new Uint8Array(bytes));
      expect(doc.text).toBe('Sở Xây dựng chủ trì\nhoàn thành trước ngày 30/6/2026');
    }
  });
});

describe('.md', () => {
  it('strips headings and emphasis, keeps list dashes, renders the pipe table', async () => {
    const doc = await read('ke-hoach-cao-bang.md');
    expect(doc.format).toBe('md');
    expectWellFormed(doc);
    expect(lines(doc).slice(0, 2)).toEqual([
      'ỦY BAN NHÂN DÂN - TỈNH CAO BẰNG - Số: 58/KH-UBND',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM - Độc lập - Tự do - Hạnh phúc - Cao Bằng, ngày 12 tháng 3 năm 2026',
    ]);
    for (const line of [...BODY_LINES, PREAMBLE, ...APPENDIX_LINES]) {
      expect(lines(doc)).toContain(line);
    }
    expect(lines(doc)).toContain(
      '(Kèm theo Kế hoạch số 58/KH-UBND ngày 12/3/2026 của UBND tỉnh Cao Bằng)',
    );
    expect(lines(doc).at(-1)).toBe(FOOTNOTE);
    expect(doc.text).not.toMatch(/[*#]|__/);
    expect(doc.tables).toHaveLength(1);
    expect(rowTexts(doc, 0)).toEqual(APPENDIX_ROWS);
  });

  it('handles the rest of the markup a plan may carry', () => {
    const md = [
      'Title',
      '=====',
      '> ## 2.1. Hạ tầng *giao thông* và __đô thị__ ##',
      '* Sở [Xây dựng](https://example.org) chủ trì ![logo](x.png)',
      '  + phối hợp: `UBND` các xã\\_phường; 5 \\* 3',
      '---',
      '```',
      '| not | a table |',
      '```',
      'STT | Nội dung',
      ':-- | --:',
      '1 | a \\| b',
      '',
      'after',
    ].join('\n');
    expect(markdownToBlocks(md)).toEqual([
      { kind: 'line', text: 'Title' },
      { kind: 'line', text: '2.1. Hạ tầng giao thông và đô thị' },
      { kind: 'line', text: '- Sở Xây dựng chủ trì ' },
      { kind: 'line', text: '  + phối hợp: UBND các xã_phường; 5 * 3' },
      { kind: 'line', text: '| not | a table |' },
      {
        kind: 'table',
        rows: [
          ['STT', 'Nội dung'],
          ['1', 'a | b'],
        ],
      },
      { kind: 'line', text: '' },
      { kind: 'line', text: 'after' },
    ]);
  });
});

describe('.docx', () => {
  it('gives paragraphs in order, Word bullets as "- ", the footnote at the end', async () => {
    const doc = await read('ke-hoach-cao-bang.docx');
    expect(doc.format).toBe('docx');
    expectWellFormed(doc);
    const all = lines(doc);
    for (const line of [...BODY_LINES, PREAMBLE, ...APPENDIX_LINES]) expect(all).toContain(line);
    // Order: title, preamble, first heading; the footnote is the last line.
    expect(all.indexOf('KẾ HOẠCH')).toBeLessThan(all.indexOf(PREAMBLE));
    expect(all.indexOf(PREAMBLE)).toBeLessThan(all.indexOf('I. MỤC ĐÍCH, YÊU CẦU'));
    expect(all.at(-1)).toBe(FOOTNOTE);
    // The paragraph written decomposed (NFD) in the .docx comes out NFC.
    expect(all).toContain(BODY_LINES[4]);
  });

  it('renders the layout tables and the appendix, with merged cells laid out on the grid', async () => {
    const doc = await read('ke-hoach-cao-bang.docx');
    expect(doc.tables).toHaveLength(3);
    // The letterhead and the signature block are two-column tables in real plans too.
    expect(rowTexts(doc, 0)).toEqual([
      [
        // A cell's paragraphs are its lines, separated by U+2028.
        'ỦY BAN NHÂN DÂN\u2028TỈNH CAO BẰNG\u2028Số: 58/KH-UBND',
        'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\u2028Độc lập - Tự do - Hạnh phúc\u2028Cao Bằng, ngày 12 tháng 3 năm 2026',
      ],
    ]);
    expect(rowTexts(doc, 1)?.[0]?.[0]).toMatch(/^Nơi nhận:\u2028- Bộ Xây dựng;/);
    // Group rows span five columns: text in the first, the rest empty. "Sở Tài chính" is merged
    // over rows 3 and 4: repeated. Row 2's task was written in NFD.
    expect(rowTexts(doc, 2)).toEqual(APPENDIX_ROWS);
    const appendix = doc.tables[2];
    expect(appendix && doc.text.slice(appendix.start, appendix.end).split('\n')).toHaveLength(8);
    const group = appendix?.rows[1];
    expect(group?.[5]).toEqual({ text: '', start: group?.[1]?.end, end: group?.[1]?.end });
  });

  it('reads mammoth HTML: nested and numbered lists, line breaks, nested tables, entities', () => {
    const html = [
      '<h1>KẾ HOẠCH</h1>',
      '<p>dòng một<br />dòng hai &amp; ba&nbsp;&#7897;</p>',
      '<ol><li>Thứ nhất<ul><li>con</li></ul></li><li>Thứ hai</li></ol>',
      '<table><tr><td rowspan="2"><p>A</p></td><td colspan="2"><p>B</p><p>C</p></td></tr>',
      '<tr><td><table><tr><td>x</td><td>y</td></tr></table></td><td>z<br/>w</td></tr></table>',
      '<p>Ghi chú<sup><a href="#footnote-7" id="footnote-ref-7">[1]</a></sup></p>',
      '<ol><li id="footnote-7"><p>Chú thích</p><p>tiếp <a href="#footnote-ref-7">↑</a></p></li></ol>',
    ].join('');
    const doc = htmlToSourceDocument(html);
    expect(doc.text).toBe(
      [
        'KẾ HOẠCH',
        'dòng một',
        'dòng hai & ba ộ',
        '1. Thứ nhất',
        '- con',
        '2. Thứ hai',
        // A cell's paragraphs and line breaks are U+2028 inside its row's line.
        'A | B\u2028C',
        'A | x\u2028y | z\u2028w',
        'Ghi chú[1]',
        '[1] Chú thích tiếp',
      ].join('\n'),
    );
    expect(rowTexts(doc, 0)).toEqual([
      ['A', 'B\u2028C', ''],
      ['A', 'x\u2028y', 'z\u2028w'],
    ]);
    expectWellFormed(doc);
  });

  it("renders Word's automatic numbering as Word shows it: I., 1., 2.1., a), -", async () => {
    const doc = await read('ke-hoach-danh-so-tu-dong.docx');
    expectWellFormed(doc);
    expect(lines(doc)).toEqual([
      'KẾ HOẠCH',
      'I. MỤC ĐÍCH, YÊU CẦU',
      '1. Mục đích',
      'Cụ thể hoá các nhiệm vụ phát triển hạ tầng năm 2026.',
      '2. Yêu cầu',
      'II. MỤC TIÊU',
      '1. Mục tiêu chung',
      '2. Mục tiêu cụ thể',
      '2.1. Về quy hoạch',
      'a) Tỷ lệ phủ kín quy hoạch chung đô thị đạt 100%;',
      'b) Hoàn thành quy hoạch phân khu trung tâm.',
      '2.2. Về hạ tầng',
      'a) Cứng hoá 150 km đường giao thông nông thôn.',
      '- Sở Xây dựng chủ trì;',
      '- UBND các huyện phối hợp.',
      // A list whose w:start is 4, then a second instance (new numId) of the outline: restarts.
      'IV. TỔ CHỨC THỰC HIỆN',
      'I. Danh mục công trình',
      '1. Công trình chuyển tiếp',
    ]);
  });

  it('reads the other .docx fixtures exactly as mammoth alone would', async () => {
    for (const name of ['ke-hoach-cao-bang.docx', 'ke-hoach-cao-bang-vntime.docx']) {
      const bytes = fixture(name);
      const { value } = await mammoth.convertToHtml({ buffer: Buffer.from(bytes) });
      const plain = htmlToSourceDocument(value); // no numbering: the reader's behaviour before

      const doc = await readDocx(bytes);
      expect(doc.text).toBe(plain.text);
      expect(doc.tables).toEqual(plain.tables);
    }
  });

  it("takes Word's labels for list items matched by text, mammoth's numbering otherwise", () => {
    const html = [
      '<ol><li>MỤC TIÊU<ol><li>Chung</li><li>Cụ thể<sup><a href="#footnote-1">[1]</a></sup></li></ol></li></ol>',
      '<ul><li><ol><li>Không khớp</li><li>Khớp</li></ol></li></ul>',
      '<table><tr><td><ol><li>Trong bảng</li></ol></td></tr></table>',
    ].join('');
    const numbered = [
      { key: numberingKey('MỤC TIÊU'), label: 'II.' },
      { key: numberingKey('Chung'), label: '2.1.' },
      { key: numberingKey('Cụ thể'), label: 'a)' },
      { key: numberingKey('Khớp'), label: '-' },
    ];
    expect(lines(htmlToSourceDocument(html, numbered))).toEqual([
      'II. MỤC TIÊU',
      '2.1. Chung',
      'a) Cụ thể[1]',
      '1. Không khớp',
      '- Khớp',
      'Trong bảng',
    ]);
    // Without numbering.xml: mammoth's numbering, as before.
    expect(lines(htmlToSourceDocument(html))).toEqual([
      '1. MỤC TIÊU',
      '1. Chung',
      '2. Cụ thể[1]',
      '1. Không khớp',
      '2. Khớp',
      'Trong bảng',
    ]);
  });

  it('counts Word numbering: overrides, lvlRestart, isLgl, tables and text boxes', () => {
    const lvl = (ilvl: number, fmt: string, text: string, extra = '') =>
      `<w:lvl w:ilvl="${ilvl}"><w:start w:val="1"/><w:numFmt w:val="${fmt}"/><w:lvlText w:val="${text}"/>${extra}</w:lvl>`;
    const numbering = [
      '<w:numbering xmlns:w="w">',
      `<w:abstractNum w:abstractNumId="0">${lvl(0, 'upperRoman', '%1.')}${lvl(1, 'lowerRoman', '%2.', '<w:lvlRestart w:val="0"/>')}${lvl(2, 'decimal', '%1.%3.', '<w:isLgl/>')}</w:abstractNum>`,
      `<w:abstractNum w:abstractNumId="1">${lvl(0, 'upperLetter', '%1)')}${lvl(1, 'bullet', '&#8226;')}</w:abstractNum>`,
      '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>',
      '<w:num w:numId="2"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="3"/></w:lvlOverride></w:num>',
      `<w:num w:numId="3"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0">${lvl(0, 'lowerLetter', '(%1)')}</w:lvlOverride></w:num>`,
      '</w:numbering>',
    ].join('');
    const p = (text: string, numId?: number, ilvl = 0) =>
      `<w:p><w:pPr>${numId === undefined ? '' : `<w:numPr><w:ilvl w:val="${ilvl}"/><w:numId w:val="${numId}"/></w:numPr>`}</w:pPr><w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`;
    const document = [
      '<w:document xmlns:w="w"><w:body>',
      p('A', 1),
      p('B', 1, 1),
      p('C', 1),
      p('D', 1, 1), // lvlRestart 0: level 2 goes on after "I."
      p('E', 1, 2),
      `<w:tbl><w:tr><w:tc>${p('in table', 1)}</w:tc></w:tr></w:tbl>`, // counted, not returned
      p('F', 1),
      p('G', 2),
      p('H', 2, 1),
      p('K', 3),
      p('x &amp; y', 0), // numId 0: not numbered
      `<w:p><w:r><mc:AlternateContent><mc:Choice><w:txbxContent>${p('box', 1)}</w:txbxContent></mc:Choice></mc:AlternateContent><w:t>L</w:t></w:r></w:p>`,
      '</w:body></w:document>',
    ].join('');
    expect(numberedParagraphs(document, numbering)).toEqual([
      { key: 'A', label: 'I.' },
      { key: 'B', label: 'i.' },
      { key: 'C', label: 'II.' },
      { key: 'D', label: 'ii.' },
      { key: 'E', label: '2.1.' },
      { key: 'F', label: 'IV.' },
      { key: 'G', label: 'C)' },
      { key: 'H', label: '-' },
      { key: 'K', label: '(a)' },
    ]);
  });

  it('lays out spans like HTML', () => {
    const cell = (text: string, colspan = 1, rowspan = 1) => ({ text, colspan, rowspan });
    expect(
      layOut([[cell('a', 1, 3), cell('b', 2)], [cell('c'), cell('d')], [cell('e', 3)]]),
    ).toEqual([
      ['a', 'b', ''],
      ['a', 'c', 'd'],
      ['a', 'e', '', ''],
    ]);
  });
});

describe('.pdf', () => {
  it('gives one line per paragraph, wrapped lines joined, the footnote moved to the end', async () => {
    const doc = await read('ke-hoach-cao-bang.pdf');
    expect(doc.format).toBe('pdf');
    expectWellFormed(doc);
    // The appendix table is rebuilt from the text positions and the borders: "Sở Tài chính",
    // merged over rows 3 and 4 (no border between them in its column), goes to both, as in the .docx.
    expect(doc.tables).toHaveLength(1);
    expect(rowTexts(doc, 0)).toEqual(APPENDIX_ROWS);
    const all = lines(doc);
    expect(all.slice(0, 9)).toEqual([
      'ỦY BAN NHÂN DÂN',
      'TỈNH CAO BẰNG',
      'Số: 58/KH-UBND',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Cao Bằng, ngày 12 tháng 3 năm 2026',
      'KẾ HOẠCH',
      'Phát triển hạ tầng đô thị và nông thôn tỉnh Cao Bằng năm 2026',
      PREAMBLE,
    ]);
    // Includes the paragraph LibreOffice drew glyph by glyph (NFD in the .docx) and paragraphs
    // that cross a page break and a footnote.
    for (const line of BODY_LINES) expect(all).toContain(line);
    expect(all.at(-1)).toBe(FOOTNOTE);
    expect(all).toContain('Nơi nhận:');
    expect(all).toContain('- Lưu: VT, KT.');
    // Table rows come out as lines, cells joined by " | ".
    expect(all).toContain('I | Nhiệm vụ về quy hoạch');
  });

  it('joins wrapped lines only where a paragraph goes on', () => {
    const full = (text: string): JoinableLine => ({ text, full: true, centred: false });
    const short = (text: string): JoinableLine => ({ text, full: false, centred: false });
    expect(
      joinWrappedLines([
        full('a) Sở Xây dựng chủ trì, phối hợp với Sở Tài chính,'),
        full('UBND các xã rà soát quy hoạch; hoàn thành trong'),
        short('Quý II/2026.'),
        full('Tổng vốn đầu tư đạt khoảng'),
        short('1.250 tỷ đồng.'),
        full('Câu này kết thúc ở đây.'),
        short('Câu mới.'),
        full('Kế hoạch thực hiện như sau:'),
        short('Tuyên truyền.'),
        full('KẾ HOẠCH TRIỂN KHAI THỰC HIỆN QUYẾT ĐỊNH SỐ 693/QĐ-TTG VỀ'),
        full('KẾT CẤU HẠ TẦNG ĐỒNG BỘ'),
        full('Thực hiện Quyết định số 693/QĐ-TTg, UBND tỉnh ban hành'),
        short('Kế hoạch.'),
        short('1. Mục đích'),
        short('Tuyên truyền, quán triệt.'),
        { text: 'Phát triển hạ tầng đô thị năm 2026', full: true, centred: true },
        short('Căn cứ Luật.'),
      ]),
    ).toEqual([
      'a) Sở Xây dựng chủ trì, phối hợp với Sở Tài chính, UBND các xã rà soát quy hoạch; hoàn thành trong Quý II/2026.',
      'Tổng vốn đầu tư đạt khoảng 1.250 tỷ đồng.',
      'Câu này kết thúc ở đây.',
      'Câu mới.',
      'Kế hoạch thực hiện như sau:',
      'Tuyên truyền.',
      'KẾ HOẠCH TRIỂN KHAI THỰC HIỆN QUYẾT ĐỊNH SỐ 693/QĐ-TTG VỀ KẾT CẤU HẠ TẦNG ĐỒNG BỘ',
      'Thực hiện Quyết định số 693/QĐ-TTg, UBND tỉnh ban hành Kế hoạch.',
      '1. Mục đích',
      'Tuyên truyền, quán triệt.',
      'Phát triển hạ tầng đô thị năm 2026',
      'Căn cứ Luật.',
    ]);
    // A full line is never continued by a line that starts a block.
    for (const marker of [
      'II. MỤC TIÊU',
      '2. Yêu cầu',
      '2.1. Hạ tầng',
      'b) UBND',
      '- Sở',
      '+ Sở',
      '[2] Chương trình',
    ]) {
      expect(joinWrappedLines([full('phối hợp với các cơ quan'), short(marker)])).toHaveLength(2);
    }
  });

  it('groups items into lines, places spaces and note marks', () => {
    const item = (str: string, x: number, y: number, width: number, size = 14): PdfItem => ({
      str,
      x,
      y,
      size,
      width,
    });
    const result = itemsToLines([
      item('đô thị', 85, 700, 40),
      item('1', 125.5, 705, 4, 8),
      item('; xét', 130, 700, 30),
      item(' ', 160, 700, 4),
      item('đề nghị', 164, 700, 40),
      item('h', 85, 684, 7),
      item('ợ', 92, 684, 0), // zero-wide: its advance is estimated
      item('p', 99.4, 684, 7),
      item('1', 85, 100, 4, 8),
      item('Nghị quyết', 89, 95, 60),
    ]);
    expect(result.map((l) => l.text)).toEqual(['đô thị[1]; xét đề nghị', 'hợp', '[1] Nghị quyết']);
    expect(result.map((l) => l.startsWithNote)).toEqual([false, false, true]);
  });
});

describe('errors', () => {
  it('unsupported_format names the accepted formats', async () => {
    for (const name of ['plan.doc', 'plan.xlsx', 'plan', 'plan.docx.zip']) {
      const error = await failure(readSourceDocument(utf8('x'), name));
      expect(error.code).toBe('unsupported_format');
      expect(error.message).toContain('.txt, .md, .docx and .pdf');
    }
    expect((await failure(readSourceDocument(utf8('x'), 'Plan.DOC'))).message).toMatch(
      /save it as \.docx/,
    );
    await expect(readSourceDocument(utf8('Kế hoạch'), 'KE-HOACH.TXT')).resolves.toMatchObject({
      format: 'txt',
    });
  });

  it('too_large says the size and the limit', async () => {
    expect(DEFAULT_MAX_BYTES).toBe(20 * 1024 * 1024);
    const error = await failure(
      readSourceDocument(new Uint8Array(3000), 'plan.pdf', { maxBytes: 2048 }),
    );
    expect(error.code).toBe('too_large');
    expect(error.message).toContain('2.9 KiB (3,000 bytes)');
    expect(error.message).toContain('2 KiB (2,048 bytes) limit');
    const big = await failure(
      readSourceDocument(new Uint8Array(DEFAULT_MAX_BYTES + 1), 'big.docx'),
    );
    expect(big.code).toBe('too_large');
    expect(big.message).toContain('20 MiB');
  });

  it('empty_document for files with no text', async () => {
    const emptyDocx = new Uint8Array(
      await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('  ')] }] })),
    );
    for (const [name, bytes] of [
      ['a.txt', new Uint8Array()],
      ['a.txt', utf8('\uFEFF \r\n\t\n  ')],
      ['a.md', utf8('---\n\n# \n')],
      ['a.docx', emptyDocx],
    ] as const) {
      expect((await failure(readSourceDocument(bytes, name))).code).toBe('empty_document');
    }
  });

  it('scanned_pdf for a PDF that is only an image (and a stamped page number)', async () => {
    const error = await failure(read('ke-hoach-cao-bang-scanned.pdf'));
    expect(error.code).toBe('scanned_pdf');
    expect(error.message).toMatch(/scanned image.*OCR.*original Word file/);
  });

  it('legacy_encoding for TCVN3 and VNI, as bytes or as mojibake, in text and Word files', async () => {
    const tcvn3Bytes = fixture('ke-hoach-cao-bang-tcvn3.txt');
    const vniMojibake = fixture('ke-hoach-cao-bang-vni-mojibake.txt');
    const cases: [string, Uint8Array, string][] = [
      // TCVN3 bytes: not UTF-8.
      ['tcvn3.txt', tcvn3Bytes, 'TCVN3'],
      // The same text copied out of a .VnTime document: valid UTF-8, "KÕ ho¹ch".
      ['tcvn3.md', utf8(Buffer.from(tcvn3Bytes).toString('latin1')), 'TCVN3'],
      // VNI shown in Windows-1252 and saved as UTF-8: "Vieät Nam".
      ['vni.txt', vniMojibake, 'VNI'],
      // VNI bytes: not UTF-8.
      [
        'vni.txt',
        new Uint8Array(Buffer.from(new TextDecoder().decode(vniMojibake), 'latin1')),
        'VNI',
      ],
      ['short.txt', utf8('Vieät Nam'), 'VNI'],
      ['vntime.docx', fixture('ke-hoach-cao-bang-vntime.docx'), 'TCVN3'],
    ];
    for (const [name, bytes, encoding] of cases) {
      const error = await failure(readSourceDocument(bytes, name));
      expect(error.code, name).toBe('legacy_encoding');
      expect(error.message).toContain(encoding);
      expect(error.message).toMatch(/Convert it to Unicode.*Unikey/);
    }
  });

  it('does not call Unicode Vietnamese legacy because of a stray Latin-1 sign', () => {
    expect(
      detectLegacyEncoding('Căn cứ § 3; hợp tác với Peña Nieto («Đề án») về hạ tầng'),
    ).toBeNull();
    expect(detectLegacyEncoding('Kế hoạch số 58/KH-UBND: hoà, khoá, Uỷ ban')).toBeNull();
    expect(detectLegacyEncoding('plain ASCII text')).toBeNull();
    expect(detectLegacyEncoding('KÕ ho¹ch ph¸t triÓn h¹ tÇng')).toBe('TCVN3');
    expect(detectLegacyEncoding('Keá hoaïch phaùt trieån haï taàng')).toBe('VNI');
  });

  it('invalid_encoding for bytes that are neither Unicode nor legacy Vietnamese', async () => {
    const cases: [string, Uint8Array][] = [
      ['binary-random.txt', fixture('binary-random.txt')],
      ['nul.txt', utf8('Kế hoạch\u0000\u0000\u0000')],
      ['odd.txt', new Uint8Array([0xff, 0xfe, 0x41, 0x00, 0x42])], // UTF-16 BOM, odd length
      ['latin1.md', new Uint8Array(Buffer.from('R\u00e9sum\u00e9 of the plan', 'latin1'))],
    ];
    for (const [name, bytes] of cases) {
      const error = await failure(readSourceDocument(bytes, name));
      expect(error.code, name).toBe('invalid_encoding');
    }
  });

  it('invalid_encoding, not legacy_encoding, for a UTF-8 file with a damaged byte', async () => {
    const bytes = fixture('ke-hoach-cao-bang.md').slice();
    bytes[1] = 0xff;
    bytes[500] = 0xc3;
    const error = await failure(readSourceDocument(bytes, 'damaged.md'));
    expect(error.code).toBe('invalid_encoding');
    expect(error.message).toContain('invalid bytes in it (the first at byte 1)');
  });

  it('finds the first invalid UTF-8 byte exactly where a strict decoder stops', () => {
    const strict = new TextDecoder('utf-8', { fatal: true });
    const decodes = (b: Uint8Array) => {
      try {
        strict.decode(b);
        return true;
      } catch {
        return false;
      }
    };
    const mostlyUtf8 = fc
      .tuple(fc.string({ unit: 'grapheme', maxLength: 30 }), fc.uint8Array({ maxLength: 4 }))
      .map(([s, tail]) => new Uint8Array([...utf8(s), ...tail]));
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 64 }), mostlyUtf8), (bytes) => {
        const at = firstInvalidUtf8(bytes);
        expect(decodes(bytes.subarray(0, at))).toBe(true);
        expect(decodes(bytes)).toBe(at === bytes.length);
      }),
    );
  });

  it('corrupt_file for broken or mislabelled Word and PDF files', async () => {
    const docx = fixture('ke-hoach-cao-bang.docx');
    const pdf = fixture('ke-hoach-cao-bang.pdf');
    const cases: [string, Uint8Array][] = [
      ['random.docx', fixture('binary-random.txt')],
      ['truncated.docx', docx.subarray(0, docx.length / 2)],
      ['pdf-named.docx', pdf],
      ['random.pdf', fixture('binary-random.txt')],
      ['text.pdf', utf8('%PDF-1.7\nnot really')],
      ['docx-named.pdf', docx],
    ];
    for (const [name, bytes] of cases) {
      const error = await failure(readSourceDocument(bytes, name));
      expect(error.code, name).toBe('corrupt_file');
    }
  });
});

describe('arbitrary input', () => {
  const NAMES = ['x.txt', 'x.md', 'x.docx', 'x.pdf'];
  // Real files with bytes changed, cut or appended reach deeper into the parsers than noise.
  const SEEDS = [
    fixture('ke-hoach-cao-bang.docx'),
    fixture('ke-hoach-cao-bang.pdf'),
    fixture('ke-hoach-cao-bang.md'),
  ];
  const mutated = fc
    .record({
      seed: fc.constantFrom(...SEEDS),
      cut: fc.nat(),
      flips: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }),
    })
    .map(({ seed, cut, flips }) => {
      const bytes = seed.slice(0, seed.length - (cut % 64));
      for (const [at, value] of flips) bytes[at % bytes.length] = value;
      return bytes;
    });
  const bytes = fc.oneof(fc.uint8Array({ maxLength: 4096 }), mutated);

  it('readSourceDocument only ever rejects with UnreadableDocumentError, and soon', async () => {
    await fc.assert(
      fc.asyncProperty(bytes, fc.constantFrom(...NAMES), async (input, name) => {
        const outcome = await Promise.race([
          readSourceDocument(input, name).then(
            (doc) => ({ doc }),
            (error: unknown) => ({ error }),
          ),
          new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 10_000)),
        ]);
        expect(outcome).not.toBe('timeout');
        if (outcome === 'timeout') return;
        if ('error' in outcome) expect(outcome.error).toBeInstanceOf(UnreadableDocumentError);
        else expect(sourceDocumentProblems(outcome.doc)).toEqual([]);
      }),
      { numRuns: 150 },
    );
  }, 120_000);
});
