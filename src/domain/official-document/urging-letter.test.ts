import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { buildOfficialDocx } from './build.js';
import type { Block, TableRow } from './types.js';
import {
  archiveLine,
  issuerNameInText,
  type OverdueTask,
  type UrgingLetterInput,
  urgingLetter,
} from './urging-letter.js';

const task = (title: string, overrides: Partial<OverdueTask> = {}): OverdueTask => ({
  code: null,
  title,
  dueOn: '2025-06-30',
  overdueDays: 189,
  dueLabel: '30/6/2025',
  percent: 60,
  ...overrides,
});

function input(overrides: Partial<UrgingLetterInput> = {}): UrgingLetterInput {
  return {
    issuer: { parent: 'UBND TỈNH LẠNG SƠN', name: 'SỞ TÀI CHÍNH', symbol: 'STC-KH' },
    place: 'Lạng Sơn',
    date: '2026-01-05',
    plan: {
      number: '125/KH-UBND',
      issuedOn: '2024-09-10',
      title: 'Thực hiện Quyết định số 693/QĐ-TTg ngày 17/7/2024 của Thủ tướng Chính phủ',
      issuer: 'UBND tỉnh',
    },
    agencies: [
      {
        name: 'Sở Xây dựng',
        tasks: [
          task('Rà soát quy hoạch chung đô thị Lạng Sơn', { code: '3' }),
          task('Xây dựng đề án nhà ở xã hội', {
            dueLabel: 'Quý III/2025',
            overdueDays: 97,
            percent: 35.5,
          }),
        ],
      },
      { name: 'Sở Công Thương', tasks: [] },
      {
        name: 'Sở Nông nghiệp và Môi trường',
        tasks: [
          task('Giải phóng mặt bằng khu công nghiệp Hữu Lũng', {
            overdueDays: 1101,
            dueLabel: '',
            dueOn: '2022-12-31',
            percent: null,
          }),
        ],
      },
      {
        name: 'UBND xã Đồng Đăng',
        tasks: [task('Hạ tầng cửa khẩu thông minh'), task('Chợ biên giới Tân Thanh')],
      },
    ],
    signature: { deputy: 'KT. GIÁM ĐỐC', position: 'PHÓ GIÁM ĐỐC', name: 'Nguyễn Văn An' },
    recipientsExtra: ['Văn phòng UBND tỉnh'],
    ...overrides,
  };
}

const paragraphs = (blocks: Block[]) =>
  blocks.flatMap((b) => (b.kind === 'paragraph' ? [b.text] : []));

function appendixRows(letter: ReturnType<typeof urgingLetter>): TableRow[] {
  const table = letter.appendices?.[0]?.blocks.find((b) => b.kind === 'table');
  if (table?.kind !== 'table') throw new Error('no table in the appendix');
  return table.rows;
}

describe('urgingLetter', () => {
  const letter = urgingLetter(input());
  const text = paragraphs(letter.body).join('\n');

  it('leaves the number blank for the clerk, before the symbol', () => {
    expect(letter.number).toBe('\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0/STC-KH');
    expect(urgingLetter(input({ number: '12/STC-KH' })).number).toBe('12/STC-KH');
  });

  it('states its subject and addresses the agencies that have overdue tasks', () => {
    expect(letter.excerpt).toBe(
      'V/v đôn đốc thực hiện các nhiệm vụ chậm tiến độ theo Kế hoạch số 125/KH-UBND',
    );
    expect(letter.addressees).toEqual([
      'Sở Xây dựng',
      'Sở Nông nghiệp và Môi trường',
      'UBND xã Đồng Đăng',
    ]);
    expect(letter.title).toBeUndefined();
  });

  it('cites the plan with its date as printed and its subject after "về"', () => {
    expect(paragraphs(letter.body)[0]).toMatch(
      /^Thực hiện Kế hoạch số 125\/KH-UBND ngày 10\/9\/2024 của UBND tỉnh về thực hiện Quyết định số 693\/QĐ-TTg/,
    );
    const undated = urgingLetter(
      input({ plan: { ...input().plan, issuedOn: null, title: 'Phát triển hạ tầng.' } }),
    );
    expect(paragraphs(undated.body)[0]).toMatch(
      /^Thực hiện Kế hoạch số 125\/KH-UBND của UBND tỉnh về phát triển hạ tầng; Sở Tài chính/,
    );
  });

  it('names a plan that has no number by its date and issuer', () => {
    const unnumbered = urgingLetter(input({ plan: { ...input().plan, number: '' } }));
    expect(paragraphs(unnumbered.body)[0]).toMatch(
      /^Thực hiện Kế hoạch ngày 10\/9\/2024 của UBND tỉnh về thực hiện Quyết định số 693/,
    );
    expect(unnumbered.excerpt).toBe(
      'V/v đôn đốc thực hiện các nhiệm vụ chậm tiến độ theo Kế hoạch ngày 10/9/2024 của UBND tỉnh',
    );
    expect(paragraphs(unnumbered.body).join('\n')).not.toContain('Kế hoạch số');
  });

  it('counts the overdue tasks and the agencies as of the letter date', () => {
    expect(text).toContain(
      'Tính đến ngày 05/01/2026, còn 5 nhiệm vụ đã quá thời hạn nhưng chưa hoàn thành của 3 cơ quan, đơn vị',
    );
  });

  it('asks for a report, with proposed extensions, 10 days after the letter', () => {
    expect(text).toContain('trước ngày 15/01/2026');
    expect(text).toMatch(/đề xuất điều chỉnh, gia hạn/);
    expect(text).toMatch(/gửi về Sở Tài chính trước ngày/);
    const lateInYear = urgingLetter(input({ date: '2025-12-25' }));
    expect(paragraphs(lateInYear.body).join('\n')).toContain('trước ngày 04/01/2026');
    expect(paragraphs(letter.body).at(-1)).toMatch(/\.\/\.$/);
  });

  it('lists the tasks in one table: a group per agency, numbered 1..n across groups', () => {
    const appendix = letter.appendices?.[0];
    expect(appendix?.title).toBe('DANH MỤC NHIỆM VỤ QUÁ HẠN');
    expect(appendix?.subtitle).toBe(
      '(Kèm theo Công văn số \u00a0\u00a0\u00a0\u00a0\u00a0\u00a0/STC-KH ngày 05/01/2026 của Sở Tài chính)',
    );
    const table = appendix?.blocks[0];
    expect(table?.kind === 'table' && table.columns.map((c) => c.title)).toEqual([
      'STT',
      'Nội dung nhiệm vụ',
      'Thời hạn',
      'Số ngày quá hạn',
      'Tiến độ (%)',
    ]);
    const rows = appendixRows(letter);
    expect(rows.filter((r) => r.kind === 'group').map((r) => r.kind === 'group' && r.text)).toEqual(
      ['Sở Xây dựng', 'Sở Nông nghiệp và Môi trường', 'UBND xã Đồng Đăng'],
    );
    const numbers = rows.flatMap((r) => (r.kind === 'row' ? [r.cells[0]] : []));
    expect(numbers).toEqual(['1', '2', '3', '4', '5']);
    // The third task is the first of the second group: numbering goes on across groups.
    expect(rows[3]).toEqual({ kind: 'group', text: 'Sở Nông nghiệp và Môi trường' });
    expect(rows[4]?.kind === 'row' && rows[4].cells[0]).toBe('3');
    expect(rows[5]).toEqual({ kind: 'group', text: 'UBND xã Đồng Đăng' });
    expect(rows[6]?.kind === 'row' && rows[6].cells[0]).toBe('4');
  });

  it('writes the cells in Vietnamese number format', () => {
    const rows = appendixRows(letter).flatMap((r) => (r.kind === 'row' ? [r.cells] : []));
    expect(rows[0]).toEqual([
      '1',
      'Rà soát quy hoạch chung đô thị Lạng Sơn (STT 3 tại Phụ lục Kế hoạch)',
      '30/6/2025',
      '189',
      '60',
    ]);
    expect(rows[1]?.slice(2)).toEqual(['Quý III/2025', '97', '35,5']);
    // No stated deadline: the due date; no progress reported: an empty cell.
    expect(rows[2]?.slice(2)).toEqual(['31/12/2022', '1.101', '']);
  });

  it('sends copies as usual and files one in the drafting unit', () => {
    expect(letter.recipients).toEqual([
      'Như trên;',
      'UBND tỉnh (b/c);',
      'Văn phòng UBND tỉnh;',
      'Lưu: VT, KH.',
    ]);
    expect(archiveLine('UBND-KT')).toBe('Lưu: VT, KT.');
    expect(archiveLine('STC')).toBe('Lưu: VT.');
  });

  it('throws when there is nothing overdue and no report missing', () => {
    expect(() => urgingLetter(input({ agencies: [] }))).toThrow('nothing to urge');
    expect(() =>
      urgingLetter(input({ agencies: [{ name: 'Sở Y tế', tasks: [] }], lateReports: [] })),
    ).toThrow('nothing to urge');
  });

  const late = (agency: string, workingDaysLate = 7) => ({
    agency,
    period: 'Năm 2025',
    dueOn: '2025-12-31',
    workingDaysLate,
  });

  it('urges agencies escalated for a missing period report, with or without overdue tasks', async () => {
    const both = urgingLetter(input({ lateReports: [late('Sở Xây dựng'), late('Sở Y tế', 12)] }));
    const body = paragraphs(both.body).join('\n');
    expect(body).toContain(
      'Đến ngày 05/01/2026, 2 cơ quan, đơn vị sau chưa gửi báo cáo kết quả thực hiện Kế hoạch (kỳ báo cáo: Năm 2025, hạn nộp 31/12/2025), đã chậm từ 5 ngày làm việc trở lên: Sở Xây dựng (chậm 7 ngày làm việc); Sở Y tế (chậm 12 ngày làm việc).',
    );
    expect(body).toContain('- Khẩn trương gửi báo cáo kết quả thực hiện Kế hoạch của kỳ còn thiếu');
    // Sở Y tế has no overdue task but is addressed; Sở Xây dựng once.
    expect(both.addressees).toEqual([
      'Sở Xây dựng',
      'Sở Nông nghiệp và Môi trường',
      'UBND xã Đồng Đăng',
      'Sở Y tế',
    ]);

    const onlyLate = urgingLetter(input({ agencies: [], lateReports: [late('Sở Y tế')] }));
    const only = paragraphs(onlyLate.body).join('\n');
    expect(only).not.toContain('nhiệm vụ đã quá thời hạn');
    expect(only).not.toContain('hoàn thành các nhiệm vụ quá hạn');
    expect(only).toContain('Sở Tài chính đề nghị Sở Y tế:');
    expect(onlyLate.excerpt).toBe('V/v đôn đốc báo cáo kết quả thực hiện Kế hoạch số 125/KH-UBND');
    expect(onlyLate.appendices).toEqual([]);
    const zip = await JSZip.loadAsync(await buildOfficialDocx(onlyLate));
    const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
    expect(xml).toContain('Khẩn trương gửi báo cáo');
    expect(xml).not.toContain('DANH MỤC NHIỆM VỤ QUÁ HẠN');
  });

  it('addresses a single agency by name', () => {
    const one = urgingLetter(input({ agencies: [{ name: 'Sở Y tế', tasks: [task('Việc A')] }] }));
    const body = paragraphs(one.body).join('\n');
    expect(body).toContain('còn 1 nhiệm vụ đã quá thời hạn nhưng chưa hoàn thành (chi tiết');
    expect(body).toContain('Sở Tài chính đề nghị Sở Y tế:');
  });

  it('builds a .docx with the letter and the appendix', async () => {
    const zip = await JSZip.loadAsync(await buildOfficialDocx(letter));
    const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
    expect(xml).toContain('Số: \u00a0\u00a0\u00a0\u00a0\u00a0\u00a0/STC-KH');
    expect(xml).toContain('DANH MỤC NHIỆM VỤ QUÁ HẠN');
    expect(xml).toContain('- Lưu: VT, KH.');
    expect(xml.match(/<w:gridSpan w:val="5"\/>/g)).toHaveLength(3);
    expect(xml).not.toMatch(/[\u0300-\u036f]/);
  });
});

describe('issuerNameInText', () => {
  it('turns a name in capitals into the form used in sentences', () => {
    expect(issuerNameInText('SỞ TÀI CHÍNH')).toBe('Sở Tài chính');
    expect(issuerNameInText('SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG')).toBe('Sở Nông nghiệp và Môi trường');
    expect(issuerNameInText('SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH')).toBe(
      'Sở Văn hóa, Thể thao và Du lịch',
    );
    expect(issuerNameInText('ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN', 'Lạng Sơn')).toBe(
      'Ủy ban nhân dân tỉnh Lạng Sơn',
    );
    expect(issuerNameInText('VĂN PHÒNG UBND TỈNH')).toBe('Văn phòng UBND tỉnh');
    expect(issuerNameInText('Sở Kế hoạch và Đầu tư')).toBe('Sở Kế hoạch và Đầu tư');
  });
});

describe('urgingLetter: a plan title printed in capitals', () => {
  it('is put into the sentence in sentence case, symbols and names kept', () => {
    const letter = urgingLetter(
      input({
        plan: {
          number: '125/KH-UBND',
          issuedOn: '2024-09-10',
          title:
            'KẾ HOẠCH TRIỂN KHAI THỰC HIỆN QUYẾT ĐỊNH SỐ 693/QĐ-TTG CỦA THỦ TƯỚNG CHÍNH PHỦ TRÊN ĐỊA BÀN TỈNH LẠNG SƠN',
          issuer: 'UBND tỉnh',
        },
      }),
    );
    const first = letter.body[0];
    expect(first?.kind === 'paragraph' && first.text).toBe(
      'Thực hiện Kế hoạch số 125/KH-UBND ngày 10/9/2024 của UBND tỉnh về triển khai thực hiện Quyết định số 693/QĐ-TTg của Thủ tướng Chính phủ trên địa bàn tỉnh Lạng Sơn; Sở Tài chính đã theo dõi, tổng hợp tình hình thực hiện các nhiệm vụ được giao tại Kế hoạch.',
    );
  });
});
