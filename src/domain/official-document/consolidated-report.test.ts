import JSZip from 'jszip';
import mammoth from 'mammoth';
import { describe, expect, it } from 'vitest';
import { buildAppendixDocx, buildOfficialDocx } from './build.js';
import {
  type ConsolidatedReportInput,
  consolidatedAppendix,
  consolidatedReport,
  reportSubject,
} from './consolidated-report.js';
import type { Block } from './types.js';

const states = (o: Partial<Record<string, number>> = {}) => ({
  done_on_time: 0,
  done_late: 0,
  in_progress: 0,
  overdue: 0,
  not_started: 0,
  ...o,
});

function input(overrides: Partial<ConsolidatedReportInput> = {}): ConsolidatedReportInput {
  return {
    authorityName: 'Ủy ban nhân dân tỉnh Lạng Sơn',
    authorityInText: 'UBND tỉnh',
    symbol: 'BC-UBND',
    place: 'Lạng Sơn',
    date: '2026-12-20',
    period: { label: 'Năm 2026', windowFrom: '2025-12-15', windowTo: '2026-12-14' },
    plan: {
      number: '125/KH-UBND',
      issuedOn: '2024-09-10',
      title:
        'KẾ HOẠCH TRIỂN KHAI THỰC HIỆN QUYẾT ĐỊNH SỐ 693/QĐ-TTG NGÀY 17/7/2024 CỦA THỦ TƯỚNG CHÍNH PHỦ TRÊN ĐỊA BÀN TỈNH LẠNG SƠN',
      issuer: 'UBND tỉnh',
    },
    keepNames: ['Lạng Sơn'],
    asOf: '2026-12-14',
    tasks: {
      total: 1234,
      states: states({
        done_on_time: 500,
        done_late: 100,
        in_progress: 300,
        overdue: 200,
        not_started: 134,
      }),
      completionRate: 600 / 800,
      overdueByAge: { over_120: 50, over_60: 50, over_30: 60, under_30: 40 },
    },
    bySector: [{ name: 'Giao thông', total: 10, states: states({ done_on_time: 4, overdue: 1 }) }],
    byAgency: [
      {
        name: 'Sở Xây dựng',
        total: 7,
        states: states({ done_late: 3, overdue: 1, in_progress: 3 }),
      },
    ],
    targets: { total: 40, onTrack: 20, atRisk: 8, offTrack: 7, noData: 5 },
    projects: {
      count: 12,
      year: 2026,
      capitalPlan: '1234.5',
      disbursed: '617.25',
      disbursedPercent: '50',
      milestonesPlanned: 30,
      milestonesReached: 18,
      milestonesLate: 4,
    },
    agencyReports: { expected: 20, received: 18 },
    difficulties: [
      { agency: 'Sở Xây dựng', text: 'Thiếu vốn <GPMB> & "mặt bằng"\u0007' },
      { agency: 'Sở Công Thương', text: 'Chậm thủ tục' },
      { agency: 'Sở Xây dựng', text: 'Vướng quy hoạch' },
    ],
    proposals: [{ agency: 'Sở Tài chính', text: 'Bổ sung vốn' }],
    adjustments: [
      {
        agency: 'Sở Xây dựng',
        subject: 'Gia hạn nhiệm vụ "Quy hoạch"',
        reason: 'Chờ vốn',
        state: 'accepted',
        decisionNote: 'Đồng ý',
      },
      {
        agency: 'Sở Y tế',
        subject: 'Bỏ nhiệm vụ',
        reason: 'Không còn phù hợp',
        state: 'rejected',
        decisionNote: null,
      },
    ],
    narrative: { directions: 'Tập trung GPMB\nĐẩy nhanh giải ngân' },
    recipients: ['Thường trực Tỉnh ủy (b/c)', 'Các sở, ban, ngành tỉnh;'],
    draftingUnit: 'STC',
    signature: {
      authority: 'TM. ỦY BAN NHÂN DÂN',
      deputy: 'KT. CHỦ TỊCH',
      position: 'PHÓ CHỦ TỊCH',
      name: 'Nguyễn Văn A',
    },
    ...overrides,
  };
}

const texts = (blocks: Block[]) =>
  blocks.flatMap((b) =>
    b.kind === 'paragraph' || b.kind === 'heading'
      ? [b.text]
      : b.rows.flatMap((r) => (r.kind === 'group' ? [r.text] : r.cells)),
  );

describe('consolidatedReport', () => {
  const doc = consolidatedReport(input());
  const all = texts(doc.body).join('\n');

  it('has the province in the header, a number placeholder and the place and date', () => {
    expect(doc.issuer.name).toBe('Ủy ban nhân dân\ntỉnh Lạng Sơn');
    expect(doc.number).toBe('\u00a0'.repeat(6) + '/BC-UBND');
    expect(doc.place).toBe('Lạng Sơn');
    expect(doc.title?.type).toBe('BÁO CÁO');
  });

  it('names the plan in sentence case in its subject', () => {
    expect(doc.title?.subject).toBe(
      'Kết quả thực hiện Kế hoạch số 125/KH-UBND ngày 10/9/2024 của UBND tỉnh về triển khai thực hiện Quyết định số 693/QĐ-TTg ngày 17/7/2024 của Thủ tướng Chính phủ trên địa bàn tỉnh Lạng Sơn, năm 2026',
    );
    expect(
      reportSubject({ ...input(), plan: { ...input().plan, number: '', issuedOn: null } }),
    ).toMatch(/^Kết quả thực hiện Kế hoạch của UBND tỉnh về/);
  });

  it('places the figures in Vietnamese number format', () => {
    expect(all).toContain(
      'Kế hoạch có 1.234 nhiệm vụ; đã hoàn thành 600 nhiệm vụ (đúng hạn 500, quá hạn 100); đang thực hiện trong hạn 300 nhiệm vụ; quá hạn chưa hoàn thành 200 nhiệm vụ; chưa thực hiện 134 nhiệm vụ.',
    );
    expect(all).toContain('Tỷ lệ hoàn thành đạt 75%');
    expect(all).toContain('quá hạn trên 120 ngày 50');
    expect(all).toContain(
      'trong 40 chỉ tiêu, 20 chỉ tiêu đạt hoặc đúng lộ trình; 8 chỉ tiêu có nguy cơ không đạt; 7 chỉ tiêu không đạt',
    );
    expect(all).toContain('kế hoạch vốn năm 2026 là 1.234,5 tỷ đồng, đã giải ngân 617,25 tỷ đồng');
    expect(all).toContain('18/20 cơ quan, đơn vị đã gửi báo cáo');
    // The agency's row: rate = 3 / (3 + 1).
    const agencyTable = doc.body.find(
      (b) => b.kind === 'table' && b.columns[1]?.title === 'Cơ quan chủ trì',
    );
    expect(agencyTable?.kind === 'table' && agencyTable.rows[0]).toEqual({
      kind: 'row',
      cells: ['1', 'Sở Xây dựng', '7', '0', '3', '3', '1', '0', '75'],
    });
  });

  it('groups the agencies’ difficulties under each agency, control characters removed', () => {
    const paragraphs = texts(doc.body);
    const at = paragraphs.indexOf('- Sở Xây dựng:');
    expect(at).toBeGreaterThan(0);
    expect(paragraphs.slice(at + 1, at + 3)).toEqual([
      'Thiếu vốn <GPMB> & "mặt bằng"',
      'Vướng quy hoạch',
    ]);
    expect(paragraphs).toContain('- Sở Công Thương:');
    expect(all).not.toContain(String.fromCharCode(7));
  });

  it('counts adjustments proposed and decided', () => {
    expect(all).toContain(
      'đề xuất 2 nội dung điều chỉnh Kế hoạch; trong đó đã được chấp thuận 1, không chấp thuận 1, đang xem xét 0',
    );
    expect(all).toContain('Đã chấp thuận\nĐồng ý');
  });

  it('uses the leader’s directions, and the recipients and signature of the settings', () => {
    expect(all).toContain('Tập trung GPMB');
    expect(doc.recipients).toEqual([
      'Thường trực Tỉnh ủy (b/c);',
      'Các sở, ban, ngành tỉnh;',
      'Lưu: VT, STC.',
    ]);
    expect(doc.signature.name).toBe('Nguyễn Văn A');
  });

  it('builds a .docx whose XML escapes the agencies’ text', async () => {
    const zip = await JSZip.loadAsync(await buildOfficialDocx(doc));
    const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
    expect(xml).toContain('Thiếu vốn &lt;GPMB&gt; &amp; ');
    expect(xml).toContain('1.234');
    expect(xml).toContain('ỦY BAN NHÂN DÂN');
  });
});

describe('consolidatedAppendix', () => {
  it('groups tasks by section with continuous numbering and builds a .docx', async () => {
    const task = (title: string) => ({
      code: null,
      title,
      lead: 'Sở Xây dựng',
      coordinators: ['Sở Tài chính', 'Sở Y tế'],
      deadline: '31/12/2026',
      state: 'overdue' as const,
      percent: 40,
      note: 'Đang chờ vốn',
    });
    const appendix = consolidatedAppendix(input(), [
      { section: 'I. Giao thông', tasks: [task('A'), task('B')] },
      { section: 'II. Trống', tasks: [] },
      { section: 'III. Đô thị', tasks: [task('C')] },
    ]);
    const table = appendix.blocks[0];
    if (table?.kind !== 'table') throw new Error('no table');
    expect(table.rows.map((r) => (r.kind === 'group' ? r.text : r.cells[0]))).toEqual([
      'I. Giao thông',
      '1',
      '2',
      'III. Đô thị',
      '3',
    ]);
    expect(table.rows[1]).toEqual({
      kind: 'row',
      cells: [
        '1',
        'A',
        'Sở Xây dựng',
        'Sở Tài chính, Sở Y tế',
        '31/12/2026',
        'Quá hạn chưa hoàn thành',
        '40',
        'Đang chờ vốn',
      ],
    });
    const zip = await JSZip.loadAsync(
      await buildAppendixDocx(appendix, { title: 'Phụ lục', creator: 'UBND' }),
    );
    const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
    expect(xml).toContain('Quá hạn chưa hoàn thành');
    expect(xml).toContain('w:orient="landscape"');
  });

  it('writes a long appendix from row templates with the same table, every row escaped', async () => {
    const task = (title: string) => ({
      code: null,
      title,
      lead: 'Sở Xây dựng',
      coordinators: ['Sở Tài chính', 'Sở Y tế'],
      deadline: '31/12/2026',
      state: 'in_progress' as const,
      percent: 10,
      note: null,
    });
    const many = Array.from({ length: 450 }, (_, i) => task(`Nhiệm vụ <${i}> & "khác"`));
    const appendix = consolidatedAppendix(input(), [
      { section: 'I. Giao thông', tasks: many.slice(0, 300) },
      { section: 'II. Đô thị', tasks: many.slice(300) },
    ]);
    const bytes = await buildAppendixDocx(appendix, { title: 'Phụ lục', creator: 'UBND' });
    const xml =
      (await (await JSZip.loadAsync(bytes)).file('word/document.xml')?.async('string')) ?? '';
    // 450 tasks, 2 groups and the header row, in order; the text escaped, the XML well formed.
    expect(xml.match(/<w:tr[ >]/g)).toHaveLength(453);
    expect(xml).toContain('Nhiệm vụ &lt;449&gt; &amp; &quot;khác&quot;');
    expect(xml.indexOf('&lt;299&gt;')).toBeLessThan(xml.indexOf('II. Đô thị'));
    expect(xml.indexOf('II. Đô thị')).toBeLessThan(xml.indexOf('&lt;300&gt;'));
    expect(xml).not.toContain('TIENDO');
    // Both coordinators, one paragraph each, in every row.
    expect(xml.match(/Sở Y tế/g)).toHaveLength(450);
    const text = (await mammoth.extractRawText({ buffer: bytes })).value;
    expect(text).toContain('Nhiệm vụ <0> & "khác"');
  });
});
