import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildOfficialDocx } from './build.js';
import type { OfficialDocument } from './types.js';

type Parts = { document: string; styles: string; core: string; headers: Map<string, string> };

async function unzip(buffer: Buffer): Promise<Parts> {
  const zip = await JSZip.loadAsync(buffer);
  const read = async (name: string) => {
    const file = zip.file(name);
    if (!file) throw new Error(`missing ${name}`);
    return file.async('string');
  };
  // Header parts by relationship id, as document.xml's headerReference elements name them.
  const rels = await read('word/_rels/document.xml.rels');
  const headers = new Map<string, string>();
  for (const m of rels.matchAll(/<Relationship\b[^>]*?\/>/g)) {
    const id = /Id="([^"]+)"/.exec(m[0])?.[1];
    const target = /Target="([^"]+)"/.exec(m[0])?.[1];
    if (id && target && /header\d*\.xml$/.test(target))
      headers.set(id, await read(`word/${target}`));
  }
  return {
    document: await read('word/document.xml'),
    styles: await read('word/styles.xml'),
    core: await read('docProps/core.xml'),
    headers,
  };
}

const unescapeXml = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

type Run = { xml: string; text: string };
type Para = { xml: string; text: string; runs: Run[] };

function runsOf(xml: string): Run[] {
  return [...xml.matchAll(/<w:r\b[^>]*>([\s\S]*?)<\/w:r>/g)].map((m) => ({
    xml: m[0],
    text: [...m[0].matchAll(/<w:t\b[^>]*>([\s\S]*?)<\/w:t>/g)]
      .map((t) => unescapeXml(t[1] ?? ''))
      .join(''),
  }));
}

function paragraphsOf(xml: string): Para[] {
  return [...xml.matchAll(/<w:p\b[^>]*>[\s\S]*?<\/w:p>/g)].map((m) => {
    const runs = runsOf(m[0]);
    return { xml: m[0], text: runs.map((r) => r.text).join(''), runs };
  });
}

function paragraphWith(xml: string, text: string): Para {
  const found = paragraphsOf(xml).find((p) => p.text === text);
  if (!found) throw new Error(`no paragraph reads ${JSON.stringify(text)}`);
  return found;
}

const isBold = (r: Run) => /<w:b\/>/.test(r.xml);
const isItalic = (r: Run) => /<w:i\/>/.test(r.xml);
const sizeOf = (r: Run) => Number(/<w:sz w:val="(\d+)"/.exec(r.xml)?.[1]);

function report(): OfficialDocument {
  return {
    issuer: { parent: 'Ủy ban nhân dân', name: 'Tỉnh Lạng Sơn' },
    number: '15/BC-UBND',
    place: 'Lạng Sơn',
    date: '2026-03-05',
    title: { type: 'Báo cáo', subject: 'Kết quả thực hiện Kế hoạch số 125/KH-UBND năm 2025' },
    body: [
      { kind: 'heading', level: 1, text: 'I. KẾT QUẢ THỰC HIỆN' },
      { kind: 'heading', level: 2, text: '1. Công tác chỉ đạo, điều hành' },
      {
        kind: 'paragraph',
        // Decomposed on purpose: text pasted from some sources arrives in NFD.
        text: 'Các sở, ban, ngành đã triển khai đồng bộ các nhiệm vụ được giao.'.normalize('NFD'),
      },
      {
        kind: 'table',
        columns: [
          { title: 'STT', widthPct: 10, align: 'center' },
          { title: 'Nội dung nhiệm vụ', widthPct: 60 },
          { title: 'Kết quả', widthPct: 30, align: 'center' },
        ],
        rows: [
          { kind: 'group', text: 'I. Hạ tầng giao thông' },
          { kind: 'row', cells: ['1', 'Cao tốc Đồng Đăng - Trà Lĩnh', 'Đạt'] },
          { kind: 'group', text: 'II. Hạ tầng đô thị' },
          { kind: 'row', cells: ['2', 'Quy hoạch chung đô thị Lạng Sơn', 'Chưa đạt'] },
        ],
      },
      { kind: 'paragraph', text: 'Trên đây là báo cáo kết quả thực hiện Kế hoạch năm 2025./.' },
    ],
    recipients: ['Bộ Tài chính;', 'TT Tỉnh ủy, TT HĐND tỉnh;', 'Lưu: VT, KT.'],
    signature: {
      authority: 'TM. Ủy ban nhân dân',
      deputy: 'KT. CHỦ TỊCH',
      position: 'PHÓ CHỦ TỊCH',
      name: 'Đoàn Thanh Sơn',
    },
    appendices: [
      {
        label: 'Phụ lục',
        title: 'Tổng hợp chỉ tiêu',
        subtitle: '(Kèm theo Báo cáo số 15/BC-UBND ngày 05/3/2026 của UBND tỉnh)',
        landscape: true,
        blocks: [
          {
            kind: 'table',
            columns: [
              { title: 'STT', widthPct: 1 },
              { title: 'Chỉ tiêu', widthPct: 3 },
            ],
            rows: [{ kind: 'row', cells: ['1', 'Đô thị loại II'] }],
          },
        ],
      },
    ],
  };
}

describe('buildOfficialDocx: a report', () => {
  let parts: Parts;
  let paras: Para[];

  beforeAll(async () => {
    const buffer = await buildOfficialDocx(report());
    expect(buffer.subarray(0, 2).toString()).toBe('PK');
    parts = await unzip(buffer);
    paras = paragraphsOf(parts.document);
  });

  it('lays the first section out on A4 portrait with the decree margins', () => {
    const sections = [...parts.document.matchAll(/<w:sectPr>[\s\S]*?<\/w:sectPr>/g)].map(
      (m) => m[0],
    );
    expect(sections).toHaveLength(2);
    const first = sections[0] as string;
    expect(first).toMatch(/<w:pgSz w:w="11906" w:h="16838" w:orient="portrait"\/>/);
    expect(first).toMatch(/w:top="1134"/);
    expect(first).toMatch(/w:bottom="1134"/);
    expect(first).toMatch(/w:left="1701"/);
    expect(first).toMatch(/w:right="850"/);
  });

  it('puts the appendix on landscape pages of its own', () => {
    const last = [...parts.document.matchAll(/<w:sectPr>[\s\S]*?<\/w:sectPr>/g)].at(-1)?.[0] ?? '';
    expect(last).toMatch(/<w:type w:val="nextPage"\/>/);
    expect(last).toMatch(/<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"\/>/);
    const label = paragraphWith(parts.document, 'PHỤ LỤC');
    expect(isBold(label.runs[0] as Run)).toBe(true);
    expect(isBold(paragraphWith(parts.document, 'TỔNG HỢP CHỈ TIÊU').runs[0] as Run)).toBe(true);
    const subtitle = paragraphWith(
      parts.document,
      '(Kèm theo Báo cáo số 15/BC-UBND ngày 05/3/2026 của UBND tỉnh)',
    );
    expect(isItalic(subtitle.runs[0] as Run)).toBe(true);
    // Widths 1:3 of the landscape text width, 16838 - 1701 - 850.
    expect(parts.document).toMatch(/<w:gridCol w:w="3571"\/><w:gridCol w:w="10716"\/>/);
  });

  it('writes every run in black Times New Roman, and names no other font', () => {
    const runs = runsOf(parts.document);
    expect(runs.length).toBeGreaterThan(20);
    for (const r of runs) {
      expect(r.xml).toMatch(/w:ascii="Times New Roman"/);
      expect(r.xml).toMatch(/w:hAnsi="Times New Roman"/);
    }
    for (const r of runs.filter((x) => x.text)) expect(r.xml).toMatch(/<w:color w:val="000000"\/>/);
    const fonts = new Set(
      [...parts.document.matchAll(/w:(?:ascii|hAnsi|cs)="([^"]+)"/g)].map((m) => m[1]),
    );
    expect([...fonts]).toEqual(['Times New Roman']);
    expect(parts.styles).toMatch(/<w:docDefaults>[\s\S]*w:ascii="Times New Roman"/);
  });

  it('prints the national title and the motto, bold, the motto underlined', () => {
    const nation = paragraphWith(parts.document, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(isBold(nation.runs[0] as Run)).toBe(true);
    expect(sizeOf(nation.runs[0] as Run)).toBe(24);
    const motto = paragraphWith(parts.document, 'Độc lập - Tự do - Hạnh phúc');
    expect(isBold(motto.runs[0] as Run)).toBe(true);
    expect(motto.runs[0]?.xml).toMatch(/<w:u w:val="single"/);
    expect(sizeOf(motto.runs[0] as Run)).toBe(26);
  });

  it('prints the issuer in capitals, the name bold over a short rule, then the number', () => {
    const parent = paragraphWith(parts.document, 'ỦY BAN NHÂN DÂN');
    expect(isBold(parent.runs[0] as Run)).toBe(false);
    const nameIndex = paras.findIndex((p) => p.text === 'TỈNH LẠNG SƠN');
    expect(isBold(paras[nameIndex]?.runs[0] as Run)).toBe(true);
    const rule = paras[nameIndex + 1]?.xml ?? '';
    expect(rule).toMatch(/<w:pBdr><w:bottom w:val="single"/);
    expect(paras[nameIndex + 2]?.text).toBe('Số: 15/BC-UBND');
    // Both sit in the header table, before the motto's column.
    const headerTable = /<w:tbl>[\s\S]*?<\/w:tbl>/.exec(parts.document)?.[0] ?? '';
    expect(headerTable).toContain('Số: 15/BC-UBND');
    expect(headerTable).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(headerTable).toMatch(/<w:tblBorders><w:top w:val="none"/);
  });

  it('prints the place and date in italics, padded per the decree', () => {
    const date = paragraphWith(parts.document, 'Lạng Sơn, ngày 05 tháng 3 năm 2026');
    expect(isItalic(date.runs[0] as Run)).toBe(true);
  });

  it('prints the document type in bold capitals and the subject in bold', () => {
    expect(isBold(paragraphWith(parts.document, 'BÁO CÁO').runs[0] as Run)).toBe(true);
    const subject = paragraphWith(
      parts.document,
      'Kết quả thực hiện Kế hoạch số 125/KH-UBND năm 2025',
    );
    expect(isBold(subject.runs[0] as Run)).toBe(true);
  });

  it('sets body text at 14 pt, justified, with a 1.27 cm first-line indent and 6 pt after', () => {
    const body = paragraphWith(
      parts.document,
      'Trên đây là báo cáo kết quả thực hiện Kế hoạch năm 2025./.',
    );
    expect(body.xml).toMatch(/<w:jc w:val="both"\/>/);
    expect(body.xml).toMatch(/<w:ind w:firstLine="720"\/>/);
    expect(body.xml).toMatch(/w:after="120"/);
    expect(body.xml).toMatch(/w:line="276"/);
    expect(sizeOf(body.runs[0] as Run)).toBe(28);
    const heading = paragraphWith(parts.document, 'I. KẾT QUẢ THỰC HIỆN');
    expect(isBold(heading.runs[0] as Run)).toBe(true);
    expect(heading.xml).toMatch(/<w:keepNext\/>/);
  });

  it('numbers pages at the top from page 2: a PAGE field in the default header, none on the first', () => {
    const first = /<w:sectPr>[\s\S]*?<\/w:sectPr>/.exec(parts.document)?.[0] ?? '';
    expect(first).toMatch(/<w:titlePg\/>/);
    const idOf = (type: string) =>
      new RegExp(`<w:headerReference w:type="${type}" r:id="([^"]+)"`).exec(first)?.[1] ?? '';
    const defaultHeader = parts.headers.get(idOf('default')) ?? '';
    const firstHeader = parts.headers.get(idOf('first')) ?? '';
    expect(defaultHeader).toMatch(/<w:fldChar w:fldCharType="begin"\/>/);
    expect(defaultHeader).toMatch(/<w:instrText[^>]*>\s*PAGE\s*<\/w:instrText>/);
    expect(defaultHeader).toMatch(/<w:jc w:val="center"\/>/);
    expect(firstHeader).not.toBe('');
    expect(firstHeader).not.toMatch(/PAGE/);
  });

  it('draws body tables with borders, a bold header row and group rows spanning all columns', () => {
    const tables = [...parts.document.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((m) => m[0]);
    const table = tables.find((t) => t.includes('Hạ tầng giao thông')) ?? '';
    expect(table).toMatch(/<w:tblBorders><w:top w:val="single"/);
    expect(table).toMatch(/<w:insideV w:val="single"/);
    // 10 : 60 : 30 of 9355 twips.
    expect(table).toMatch(
      /<w:gridCol w:w="935"\/><w:gridCol w:w="5613"\/><w:gridCol w:w="2807"\/>/,
    );
    const rows = [...table.matchAll(/<w:tr>[\s\S]*?<\/w:tr>/g)].map((m) => m[0]);
    expect(rows[0]).toMatch(/<w:tblHeader\/>/);
    for (const r of runsOf(rows[0] as string)) expect(isBold(r)).toBe(true);
    const groups = rows.filter((r) => /<w:gridSpan w:val="3"\/>/.test(r));
    expect(groups.map((g) => paragraphsOf(g)[0]?.text)).toEqual([
      'I. Hạ tầng giao thông',
      'II. Hạ tầng đô thị',
    ]);
    for (const g of groups) {
      expect(isBold(runsOf(g)[0] as Run)).toBe(true);
      expect([...g.matchAll(/<w:tc>/g)]).toHaveLength(1);
    }
    const cell = paragraphWith(table, 'Cao tốc Đồng Đăng - Trà Lĩnh');
    expect(sizeOf(cell.runs[0] as Run)).toBe(26);
    expect(cell.xml).toMatch(/w:line="240"/);
  });

  it('ends with recipients on the left and the signature on the right', () => {
    const foot = [...parts.document.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)]
      .map((m) => m[0])
      .find((t) => t.includes('Nơi nhận:'));
    expect(foot).toBeDefined();
    const [left, right] = [...(foot as string).matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((m) =>
      paragraphsOf(m[0]),
    );
    const heading = left?.[0]?.runs[0] as Run;
    expect(left?.[0]?.text).toBe('Nơi nhận:');
    expect(isBold(heading) && isItalic(heading)).toBe(true);
    expect(sizeOf(heading)).toBe(24);
    expect(left?.slice(1).map((p) => p.text)).toEqual([
      '- Bộ Tài chính;',
      '- TT Tỉnh ủy, TT HĐND tỉnh;',
      '- Lưu: VT, KT.',
    ]);
    expect(sizeOf(left?.[3]?.runs[0] as Run)).toBe(22);
    const signed = (right ?? []).filter((p) => p.text);
    expect(signed.map((p) => p.text)).toEqual([
      'TM. ỦY BAN NHÂN DÂN',
      'KT. CHỦ TỊCH',
      'PHÓ CHỦ TỊCH',
      'Đoàn Thanh Sơn',
    ]);
    for (const p of signed) expect(isBold(p.runs[0] as Run)).toBe(true);
    // Room to sign between the position and the name.
    expect((right ?? []).length - signed.length).toBeGreaterThanOrEqual(3);
  });

  it('writes Vietnamese text in NFC, even when given decomposed', () => {
    expect(parts.document.normalize('NFC')).toBe(parts.document);
    expect(parts.document).not.toMatch(/[\u0300-\u036f]/);
    expect(parts.document).toContain(
      'Các sở, ban, ngành đã triển khai đồng bộ các nhiệm vụ được giao.'.normalize('NFC'),
    );
  });

  it('sets the title and creator properties', () => {
    expect(parts.core).toContain(
      '<dc:title>Kết quả thực hiện Kế hoạch số 125/KH-UBND năm 2025</dc:title>',
    );
    expect(parts.core).toContain('<dc:creator>Tỉnh Lạng Sơn</dc:creator>');
  });
});

describe('buildOfficialDocx: a letter', () => {
  const letter: OfficialDocument = {
    issuer: { parent: 'UBND TỈNH LẠNG SƠN', name: 'SỞ TÀI CHÍNH' },
    number: '12/STC-KH',
    excerpt: 'V/v đôn đốc thực hiện nhiệm vụ',
    place: 'Lạng Sơn',
    date: '2026-01-05',
    addressees: ['Sở Xây dựng'],
    body: [{ kind: 'paragraph', text: 'Đề nghị Sở Xây dựng khẩn trương thực hiện./.' }],
    recipients: ['Như trên;', 'Lưu: VT, KH.'],
    signature: { deputy: 'KT. GIÁM ĐỐC', position: 'PHÓ GIÁM ĐỐC', name: 'Nguyễn Văn An' },
  };

  it('prints the excerpt at 12 pt under the number and one addressee on one line', async () => {
    const parts = await unzip(await buildOfficialDocx(letter));
    const headerTable = /<w:tbl>[\s\S]*?<\/w:tbl>/.exec(parts.document)?.[0] ?? '';
    const left = paragraphsOf(/<w:tc>[\s\S]*?<\/w:tc>/.exec(headerTable)?.[0] ?? '');
    const texts = left.map((p) => p.text);
    expect(texts.indexOf('V/v đôn đốc thực hiện nhiệm vụ')).toBe(
      texts.indexOf('Số: 12/STC-KH') + 1,
    );
    expect(sizeOf(left.at(-1)?.runs[0] as Run)).toBe(24);
    expect(paragraphWith(parts.document, 'Kính gửi: Sở Xây dựng.').xml).toMatch(
      /<w:jc w:val="center"\/>/,
    );
    expect(parts.document).not.toContain('BÁO CÁO');
    expect(parts.core).toContain('<dc:title>V/v đôn đốc thực hiện nhiệm vụ</dc:title>');
  });

  it('hangs several addressees after "Kính gửi:"', async () => {
    const parts = await unzip(
      await buildOfficialDocx({ ...letter, addressees: ['Sở Xây dựng', 'Sở Y tế;'] }),
    );
    expect(paragraphWith(parts.document, 'Kính gửi:- Sở Xây dựng;').xml).toMatch(/<w:tab\/>/);
    expect(paragraphWith(parts.document, '- Sở Y tế.').xml).toMatch(/<w:jc w:val="left"\/>/);
  });
});

const libreOffice = ['/usr/bin/soffice', '/usr/bin/libreoffice'].find((p) => existsSync(p));
const hasLibreOffice = libreOffice !== undefined;

describe('buildOfficialDocx: rendering', () => {
  it.skipIf(!hasLibreOffice)(
    'converts to a PDF with LibreOffice that has the national title',
    async () => {
      const dir = await mkdtemp(join(tmpdir(), 'tiendo-docx-'));
      try {
        const docx = join(dir, 'report.docx');
        await writeFile(docx, await buildOfficialDocx(report()));
        // A profile of its own: a LibreOffice already running for the user would take the job.
        await promisify(execFile)(
          libreOffice as string,
          [
            '--headless',
            '--norestore',
            `-env:UserInstallation=file://${join(dir, 'profile')}`,
            '--convert-to',
            'pdf',
            '--outdir',
            dir,
            docx,
          ],
          { timeout: 120_000 },
        );
        const pdf = await readFile(join(dir, 'report.pdf'));
        const text = await pdfText(pdf);
        expect(text.pages).toBeGreaterThanOrEqual(1);
        const flat = text.content.normalize('NFC').replace(/\s+/g, ' ');
        expect(flat).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
        expect(flat).toContain('Lạng Sơn, ngày 05 tháng 3 năm 2026');
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
    180_000,
  );
});

/** The text of every page, as src/features/imports/readers/pdf.ts loads PDF.js. */
async function pdfText(bytes: Uint8Array): Promise<{ pages: number; content: string }> {
  const worker = await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
  (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = worker;
  const { getDocument, VerbosityLevel } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const pdfjsDir = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
  const doc = await getDocument({
    data: new Uint8Array(bytes),
    verbosity: VerbosityLevel.ERRORS,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    standardFontDataUrl: `${join(pdfjsDir, 'standard_fonts')}/`,
  }).promise;
  try {
    const lines: string[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const content = await (await doc.getPage(n)).getTextContent();
      for (const item of content.items) if ('str' in item) lines.push(item.str);
    }
    return { pages: doc.numPages, content: lines.join(' ') };
  } finally {
    await doc.destroy();
  }
}
