// The shapes in which plans of every province give tasks to agencies, on short documents written for
// these tests: agency headings, labelled blocks, " | " appendix rows, dash-separated fields.
import { describe, expect, it } from 'vitest';
import { smallDirectory } from '../../../test/support/directory.js';
import { parsePlanDocument } from './parse.js';

const header = ['ỦY BAN NHÂN DÂN', 'TỈNH CAO BẰNG', 'Số: 12/KH-UBND', 'KẾ HOẠCH', 'Thử nghiệm'];
const parse = (lines: string[]) =>
  parsePlanDocument(
    { format: 'txt', text: [...header, ...lines].join('\n'), tables: [] },
    smallDirectory(),
    {
      today: '2026-11-24',
    },
  );
const rows = (lines: string[]) =>
  parse(lines).tasks.map((t) => ({
    text: t.text,
    lead: t.lead.map((m) => m.as_written),
    coordinators: t.coordinators.map((m) => m.as_written),
    deadline: t.deadline.deadline,
    ...(t.request ? { request: true } : {}),
    ...(t.output ? { output: t.output } : {}),
  }));

describe('agency headings', () => {
  it('every item under the heading is its agency’s, until the next heading of that level', () => {
    const tasks = rows([
      'II. TỔ CHỨC THỰC HIỆN',
      '1. Công an tỉnh:',
      '- Chủ trì bảo đảm an ninh trật tự tại các điểm bầu cử.',
      '- Phối hợp với Sở Xây dựng kiểm tra an toàn công trình.',
      '2. Ban Quản lý Khu kinh tế cửa khẩu',
      'a) Rà soát quỹ đất trong các khu công nghiệp.',
      'b) Hướng dẫn các nhà đầu tư lập hồ sơ.',
      '3. Đề nghị Ủy ban MTTQ Việt Nam tỉnh',
      '- Vận động Nhân dân tham gia giám sát.',
      '4. Sở Tài chính: Bố trí kinh phí thực hiện Kế hoạch.',
      'III. CHẾ ĐỘ BÁO CÁO',
      'Định kỳ báo cáo trước ngày 15/12 hằng năm.',
    ]);
    expect(tasks).toEqual([
      expect.objectContaining({ lead: ['Công an tỉnh'], coordinators: [] }),
      expect.objectContaining({ lead: ['Công an tỉnh'], coordinators: ['Sở Xây dựng'] }),
      expect.objectContaining({ lead: ['Ban Quản lý Khu kinh tế cửa khẩu'] }),
      expect.objectContaining({ lead: ['Ban Quản lý Khu kinh tế cửa khẩu'] }),
      expect.objectContaining({ lead: ['Ủy ban MTTQ Việt Nam tỉnh'], request: true }),
      expect.objectContaining({
        text: 'Bố trí kinh phí thực hiện Kế hoạch.',
        lead: ['Sở Tài chính'],
      }),
    ]);
  });

  it('an agency heading with its text on the next line is one task', () => {
    const tasks = rows([
      'II. NỘI DUNG THỰC HIỆN',
      '1. Sở Văn hóa, Thể thao và Du lịch; Báo Cao Bằng',
      'Chỉ đạo các cơ quan báo chí tăng thời lượng tuyên truyền.',
    ]);
    expect(tasks).toEqual([
      expect.objectContaining({ lead: ['Sở Văn hóa, Thể thao và Du lịch', 'Báo Cao Bằng'] }),
    ]);
  });
});

describe('labelled blocks', () => {
  it('the labelled lines complete the tasks above them and are not tasks', () => {
    const tasks = rows([
      'III. NHIỆM VỤ, GIẢI PHÁP',
      '1. Nâng cao chất lượng đội ngũ',
      '- Rà soát, kiện toàn đội ngũ công chức làm công tác pháp chế.',
      '- Bồi dưỡng kỹ năng soạn thảo văn bản.',
      'Đơn vị chủ trì thực hiện: Các sở, ngành, UBND cấp xã.',
      'Đơn vị phối hợp: Sở Tài chính, Sở Xây dựng.',
      'Thời gian thực hiện: Thường xuyên.',
      '- Tổ chức hội thảo chuyên đề.',
      'Cơ quan chủ trì: Trung tâm Hội nghị tỉnh.',
      'Thời hạn hoàn thành: Quý II/2026.',
      'Sản phẩm: Kỷ yếu hội thảo.',
    ]);
    expect(tasks).toHaveLength(3);
    expect(tasks[0]).toMatchObject({
      lead: ['Các sở, ngành', 'UBND cấp xã'],
      coordinators: ['Sở Tài chính', 'Sở Xây dựng'],
      deadline: { kind: 'continuous' },
    });
    expect(tasks[1]).toMatchObject({ lead: ['Các sở, ngành', 'UBND cấp xã'] });
    expect(tasks[2]).toMatchObject({
      lead: ['Trung tâm Hội nghị tỉnh'],
      deadline: { kind: 'quarter', year: 2026, quarter: 2 },
      output: 'Kỷ yếu hội thảo.',
    });
  });

  it('a list of agencies cut by a line break goes on on the next line', () => {
    const tasks = rows([
      'II. NHIỆM VỤ',
      '- Xây dựng bản đồ số hạ tầng.',
      'Cơ quan chủ trì: Sở Xây dựng',
      'Cơ quan phối hợp: Sở Tài chính, Ban Quản lý dự án tỉnh,',
      'Báo Cao Bằng.',
    ]);
    expect(tasks).toHaveLength(1);
    expect(tasks[0]?.coordinators).toEqual([
      'Sở Tài chính',
      'Ban Quản lý dự án tỉnh',
      'Báo Cao Bằng',
    ]);
  });

  it('the lettered form: a) Nhiệm vụ … b) Cơ quan thực hiện … c) Thời gian thực hiện', () => {
    const tasks = rows([
      'II. NHIỆM VỤ',
      '1. Về dữ liệu',
      'a) Nhiệm vụ:',
      '- Chuẩn hóa cơ sở dữ liệu chuyên ngành.',
      '- Kết nối dữ liệu với nền tảng dùng chung.',
      'b) Cơ quan thực hiện:',
      '- Đơn vị chủ trì: Sở Khoa học và Công nghệ.',
      '- Đơn vị phối hợp: Các sở, ban, ngành.',
      'c) Thời gian thực hiện: Hoàn thành trong năm 2026.',
      '2. Về nhân lực',
      'a) Nhiệm vụ: Tuyển chọn chuyên gia chuyển đổi số.',
      'b) Cơ quan thực hiện:',
      '- Đơn vị chủ trì: Sở Nội vụ.',
    ]);
    expect(tasks.map((t) => [t.text, t.lead, t.deadline])).toEqual([
      [
        'Chuẩn hóa cơ sở dữ liệu chuyên ngành.',
        ['Sở Khoa học và Công nghệ'],
        { kind: 'year', year: 2026 },
      ],
      [
        'Kết nối dữ liệu với nền tảng dùng chung.',
        ['Sở Khoa học và Công nghệ'],
        { kind: 'year', year: 2026 },
      ],
      ['Tuyển chọn chuyên gia chuyển đổi số.', ['Sở Nội vụ'], { kind: 'none' }],
    ]);
    expect(tasks[0]?.coordinators).toEqual(['Các sở, ban, ngành']);
  });

  it('dash-separated fields in one paragraph', () => {
    const tasks = rows([
      'II. NHIỆM VỤ',
      '1. Lập quy hoạch phân khu cửa khẩu – Chủ trì: Sở Xây dựng – Phối hợp: Sở Tài chính – Thời hạn: Quý III/2026.',
    ]);
    expect(tasks).toEqual([
      {
        text: 'Lập quy hoạch phân khu cửa khẩu',
        lead: ['Sở Xây dựng'],
        coordinators: ['Sở Tài chính'],
        deadline: { kind: 'quarter', year: 2026, quarter: 3 },
      },
    ]);
  });
});

describe('appendix rows written as text', () => {
  it('columns found by their header words, group rows skipped, indicators give no task', () => {
    const x = parse([
      'II. NHIỆM VỤ',
      '1. Triển khai các nhiệm vụ tại Phụ lục kèm theo.',
      'Nơi nhận:',
      '- Như trên;',
      'PHỤ LỤC I',
      'Thời hạn | STT | Nội dung nhiệm vụ | Phối hợp | Cơ quan chủ trì',
      'A | CẢI CÁCH HÀNH CHÍNH',
      'Năm 2026 | 1 | Số hóa hồ sơ đất đai | Sở Tài chính | Văn phòng Đăng ký đất đai tỉnh',
      'I. HẠ TẦNG',
      'Quý IV/2026 | 2 | Nâng cấp hạ tầng mạng | UBND các xã, phường | Sở Khoa học và Công nghệ',
      'PHỤ LỤC II',
      'STT | Chỉ tiêu | Đơn vị tính | Năm 2025 | Năm 2026 | Chủ trì',
      '1 | Tỷ lệ hồ sơ trực tuyến | % | 60 | 80 | Sở Nội vụ',
    ]);
    const table = x.tasks.filter((t) => t.section !== null && /CẢI CÁCH|HẠ TẦNG/u.test(t.section));
    expect(
      table.map((t) => [
        t.text,
        t.lead.map((m) => m.as_written),
        t.coordinators.map((m) => m.as_written),
      ]),
    ).toEqual([
      ['Số hóa hồ sơ đất đai', ['Văn phòng Đăng ký đất đai tỉnh'], ['Sở Tài chính']],
      ['Nâng cấp hạ tầng mạng', ['Sở Khoa học và Công nghệ'], ['UBND các xã, phường']],
    ]);
    expect(table[1]?.deadline.deadline).toEqual({ kind: 'quarter', year: 2026, quarter: 4 });
    expect(x.tasks.some((t) => /Tỷ lệ hồ sơ/u.test(t.text))).toBe(false);
  });
});

describe('what is not a task', () => {
  it('closing formulas and the items of an enumeration', () => {
    const tasks = rows([
      'II. NHIỆM VỤ, GIẢI PHÁP',
      '1. Sở Xây dựng',
      'a) Chủ trì thực hiện các dự án thành phần của Chương trình, bao gồm:',
      '- Dự án 1: Cải tạo nút giao thông.',
      '- Dự án 2: Xây dựng cầu vượt.',
      'b) Hướng dẫn các chủ đầu tư lập hồ sơ.',
      'Trên đây là Kế hoạch triển khai Chương trình trên địa bàn tỉnh.',
      'Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, các sở, ngành báo cáo Sở Xây dựng.',
    ]);
    expect(tasks.map((t) => t.text)).toEqual([
      'Chủ trì thực hiện các dự án thành phần của Chương trình, bao gồm:',
      'Hướng dẫn các chủ đầu tư lập hồ sơ.',
    ]);
  });

  it('a header row repeated inside an appendix table', () => {
    const x = parse([
      'II. NHIỆM VỤ',
      '1. Thực hiện các nhiệm vụ tại Phụ lục.',
      'Nơi nhận:',
      'STT | Nội dung | Đơn vị thực hiện | Đơn vị phối hợp',
      'I | Hạ tầng',
      '1 | Lắp đặt trạm quan trắc | Sở Xây dựng | Sở Tài chính',
      'Nội dung | Đơn vị thực hiện | Đơn vị phối hợp',
      '2 | Số hóa bản đồ | Sở Tài chính | Sở Xây dựng',
    ]);
    expect(x.tasks.map((t) => t.text).filter((t) => !/Phụ lục/u.test(t))).toEqual([
      'Lắp đặt trạm quan trắc',
      'Số hóa bản đồ',
    ]);
  });

  it('a general paragraph with no agency, even with a period or a deadline', () => {
    const tasks = rows([
      'II. NHIỆM VỤ, GIẢI PHÁP',
      'Giai đoạn 2026 - 2030 là thời kỳ then chốt để hoàn thành các mục tiêu đến năm 2030.',
      'Sở Xây dựng chủ trì rà soát quy hoạch trong năm 2026.',
    ]);
    expect(tasks.map((t) => t.lead)).toEqual([['Sở Xây dựng']]);
  });
});

describe('a heading titled by its labelled block', () => {
  it('is the task when the block naming who leads follows it at once', () => {
    const tasks = rows([
      'II. NHIỆM VỤ',
      '1. Rà soát, cập nhật quy hoạch hệ thống thủy lợi',
      '- Cơ quan chủ trì: Sở Tài chính.',
      '- Cơ quan phối hợp: Sở Xây dựng.',
      '- Thời gian thực hiện: Quý II/2027.',
      '2. Nội dung khác',
      '- Thời gian thực hiện: Năm 2027.',
      '3. Nhóm nhiệm vụ về vốn',
      '- Sở Tài chính bố trí vốn cho các công trình thủy lợi.',
    ]);
    expect(tasks).toEqual([
      {
        text: 'Rà soát, cập nhật quy hoạch hệ thống thủy lợi',
        lead: ['Sở Tài chính'],
        coordinators: ['Sở Xây dựng'],
        deadline: { kind: 'quarter', year: 2027, quarter: 2 },
      },
      // A block that names no lead does not make its heading a task.
      expect.objectContaining({ text: 'Sở Tài chính bố trí vốn cho các công trình thủy lợi.' }),
    ]);
  });
});
