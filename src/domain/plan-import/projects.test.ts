import { describe, expect, it } from 'vitest';
import { smallDirectory } from '../../../test/support/directory.js';
import { parsePlanDocument } from './parse.js';
import { findProjects, isProjectItem } from './projects.js';

const projects = (content: string, keySection = false) =>
  findProjects({ content, contentStart: 0 }, null, keySection).map((p) => ({
    name: p.name,
    form: p.investment_form,
    total: p.total_investment,
    written: content.slice(p.source.start, p.source.end),
  }));

describe('key projects', () => {
  it('reads an item whose name starts in lower case, cut at the colon, with its form and total', () => {
    const text =
      'Dự án nâng cấp, mở rộng đường tỉnh 208: hình thức đầu tư: PPP; tổng mức đầu tư khoảng 1.500 tỷ đồng.';
    expect(projects(text)).toEqual([
      {
        name: 'Nâng cấp, mở rộng đường tỉnh 208',
        form: 'PPP',
        total: { value: 1500, unit: 'tỷ đồng' },
        written: 'nâng cấp, mở rộng đường tỉnh 208',
      },
    ]);
    expect(
      projects('dự án đầu tư xây dựng cầu qua sông, tổng vốn đầu tư dự kiến 320,5 tỷ đồng.'),
    ).toEqual([
      {
        name: 'Đầu tư xây dựng cầu qua sông',
        form: null,
        total: { value: 320.5, unit: 'tỷ đồng' },
        written: 'đầu tư xây dựng cầu qua sông',
      },
    ]);
  });

  it('keeps capitalised names and "theo hình thức", and several projects in one paragraph', () => {
    expect(
      projects(
        'Dự án Tuyến cao tốc Đồng Đăng - Trà Lĩnh theo hình thức BOT; dự án Khu công nghiệp Chu Trinh, hình thức đầu tư công.',
      ).map((p) => [p.name, p.form]),
    ).toEqual([
      ['Tuyến cao tốc Đồng Đăng - Trà Lĩnh', 'BOT'],
      ['Khu công nghiệp Chu Trinh', 'đầu tư công'],
    ]);
  });

  it('does not read running text about projects as a project', () => {
    expect(projects('Dự án này được triển khai theo đúng quy định.')).toEqual([]);
    expect(projects('Các dự án đầu tư công phải được giải ngân đúng tiến độ.')).toEqual([]);
    expect(projects('Dự án phải bảo đảm tiến độ.')).toEqual([]);
  });

  it('tells a project item from a task', () => {
    expect(isProjectItem({ content: 'Dự án nâng cấp Quốc lộ 3: hình thức đầu tư: BOT.' })).toBe(
      true,
    );
    expect(
      isProjectItem({ content: 'Dự án nâng cấp Quốc lộ 3: Sở Xây dựng chủ trì, hoàn thành 2026.' }),
    ).toBe(false);
    expect(isProjectItem({ content: 'Rà soát quy hoạch các dự án.' })).toBe(false);
  });

  it('a project bullet in the tasks section is a project, not also a task', () => {
    const text = [
      'ỦY BAN NHÂN DÂN',
      'TỈNH CAO BẰNG',
      'Số: 4/KH-UBND',
      'Cao Bằng, ngày 2 tháng 1 năm 2026',
      'KẾ HOẠCH',
      'Đầu tư hạ tầng',
      'I. NHIỆM VỤ, GIẢI PHÁP',
      '1. Đầu tư các công trình',
      '- Dự án nâng cấp, mở rộng đường tỉnh 208: hình thức đầu tư: PPP; tổng mức đầu tư khoảng 1.500 tỷ đồng; hoàn thành năm 2027.',
      '- Sở Xây dựng chủ trì rà soát quy hoạch, hoàn thành trong Quý II/2026.',
    ].join('\n');
    const x = parsePlanDocument({ format: 'txt', text, tables: [] }, smallDirectory(), {
      today: '2026-01-10',
    });
    expect(x.projects.map((p) => p.name)).toEqual(['Nâng cấp, mở rộng đường tỉnh 208']);
    expect(x.tasks.map((t) => t.text)).toEqual([
      'Sở Xây dựng chủ trì rà soát quy hoạch, hoàn thành trong Quý II/2026.',
    ]);
  });
});
