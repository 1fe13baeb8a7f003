import { describe, expect, it } from 'vitest';
import { smallDirectory } from '../../../test/support/directory.js';
import { mentionFinder } from './agencies.js';
import { agencyNamesAt, cellAgencies, opensAgency, splitAgencyCell } from './agency-names.js';

const finder = mentionFinder(smallDirectory(), '2026-11-24', null);
const names = (s: string) => agencyNamesAt(s, 0).map((p) => s.slice(p.start, p.end));
const cell = (s: string) => splitAgencyCell(s).map((p) => s.slice(p.start, p.end));

describe('agency names the registry does not know', () => {
  it('keeps a whole name and reads a list up to the verb', () => {
    expect(
      names('Sở Nội vụ, Báo Hòa Bình, Đài Phát thanh và Truyền hình tỉnh phối hợp tuyên truyền.'),
    ).toEqual(['Sở Nội vụ', 'Báo Hòa Bình', 'Đài Phát thanh và Truyền hình tỉnh']);
    expect(names('Chi cục Thủy lợi khu vực II triển khai kế hoạch.')).toEqual([
      'Chi cục Thủy lợi khu vực II',
    ]);
    expect(names('Công an tỉnh Yên Bình chủ trì, phối hợp với các đơn vị.')).toEqual([
      'Công an tỉnh Yên Bình',
    ]);
  });

  it('stops at the verb, not at a noun that looks like one', () => {
    expect(
      names('Ban Quản lý dự án đầu tư xây dựng các công trình giao thông tỉnh tổ chức thi công.'),
    ).toEqual(['Ban Quản lý dự án đầu tư xây dựng các công trình giao thông tỉnh']);
    expect(names('Sở Y tế xây dựng kế hoạch tiêm chủng.')).toEqual(['Sở Y tế']);
    expect(names('Trung tâm Xúc tiến đầu tư, Thương mại và Du lịch tham mưu.')).toEqual([
      'Trung tâm Xúc tiến đầu tư, Thương mại và Du lịch',
    ]);
  });

  it('survives a bracketed note and keeps groups whole', () => {
    expect(
      names('Ban Quản lý dự án công trình dân dụng (chủ đầu tư), Sở Xây dựng phối hợp'),
    ).toEqual(['Ban Quản lý dự án công trình dân dụng', 'Sở Xây dựng']);
    expect(names('Các sở, ban, ngành tỉnh, UBND các xã, phường căn cứ chức năng')).toEqual([
      'Các sở, ban, ngành tỉnh',
      'UBND các xã, phường',
    ]);
    expect(names('Ủy ban MTTQ Việt Nam tỉnh và các tổ chức chính trị - xã hội vận động')).toEqual([
      'Ủy ban MTTQ Việt Nam tỉnh',
      'các tổ chức chính trị - xã hội',
    ]);
  });

  it('does not take a verb or a topic for a name', () => {
    expect(opensAgency('Ban hành quy chế phối hợp')).toBe(false);
    expect(opensAgency('Báo cáo kết quả')).toBe(false);
    expect(opensAgency('Công tác tuyên truyền')).toBe(false);
    expect(opensAgency('Các giải pháp chủ yếu')).toBe(false);
    expect(opensAgency('Thanh tra, kiểm tra việc chấp hành')).toBe(false);
    expect(opensAgency('Trường hợp cần thiết')).toBe(false);
    expect(opensAgency('Phòng, chống thiên tai')).toBe(false);
    expect(names('Sở Xây dựng đăng tải thông tin quy hoạch.')).toEqual(['Sở Xây dựng']);
    expect(opensAgency('Các doanh nghiệp bưu chính')).toBe(true);
  });
});

describe('a cell of agencies', () => {
  it('splits at ";", "," and "và" where a new name begins', () => {
    expect(cell('Các sở, ngành, đơn vị, UBND cấp xã.')).toEqual([
      'Các sở, ngành, đơn vị',
      'UBND cấp xã',
    ]);
    expect(cell('Báo và Phát thanh, Truyền hình tỉnh; Sở Nội vụ, các cơ quan, đơn vị')).toEqual([
      'Báo và Phát thanh, Truyền hình tỉnh',
      'Sở Nội vụ',
      'các cơ quan, đơn vị',
    ]);
    expect(cell('Hội Cựu chiến binh tỉnh, Hội Liên hiệp Phụ nữ tỉnh và Tỉnh đoàn')).toEqual([
      'Hội Cựu chiến binh tỉnh',
      'Hội Liên hiệp Phụ nữ tỉnh',
      'Tỉnh đoàn',
    ]);
    expect(cell('Các hợp tác xã, tổ hợp tác, hộ kinh doanh')).toEqual([
      'Các hợp tác xã, tổ hợp tác, hộ kinh doanh',
    ]);
  });

  it('resolves what the registry knows, keeps the rest as written', () => {
    const ms = cellAgencies(
      { text: 'Sở Xây dựng; Ban Quản lý Khu công nghiệp tỉnh', start: 10 },
      finder,
    );
    expect(ms.map((m) => [m.as_written, m.kind, m.start])).toEqual([
      ['Sở Xây dựng', 'agency', 10],
      ['Ban Quản lý Khu công nghiệp tỉnh', 'unknown', 23],
    ]);
    const groups = cellAgencies({ text: 'Các sở, ban, ngành tỉnh', start: 0 }, finder);
    expect(groups[0]).toMatchObject({ as_written: 'Các sở, ban, ngành tỉnh', kind: 'group' });
  });

  it('reads the names before the verb of a cell written as a sentence', () => {
    const ms = cellAgencies(
      {
        text: 'Sở Nội vụ chủ trì tham mưu; Sở Xây dựng và Đài Truyền hình tỉnh phối hợp.',
        start: 0,
      },
      finder,
    );
    expect(ms.map((m) => m.as_written)).toEqual([
      'Sở Nội vụ',
      'Sở Xây dựng',
      'Đài Truyền hình tỉnh',
    ]);
  });
});
