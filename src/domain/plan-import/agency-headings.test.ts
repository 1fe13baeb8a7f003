import { describe, expect, it } from 'vitest';
import { agencyHeading } from './agency-headings.js';

const read = (s: string, followed = true) => {
  const h = agencyHeading(s, followed);
  return h
    ? {
        names: h.pieces.map((p) => s.slice(p.start, p.end)),
        request: h.request,
        rest: h.rest?.text ?? null,
      }
    : null;
};

describe('agency headings', () => {
  it('a heading that is only an agency, with or without a colon', () => {
    expect(read('Công an tỉnh:')).toEqual({ names: ['Công an tỉnh'], request: false, rest: null });
    expect(read('Sở Tư pháp')).toEqual({ names: ['Sở Tư pháp'], request: false, rest: null });
    expect(
      read('Sở Văn hóa, Thể thao và Du lịch; Đài Phát thanh và Truyền hình tỉnh')?.names,
    ).toEqual(['Sở Văn hóa, Thể thao và Du lịch', 'Đài Phát thanh và Truyền hình tỉnh']);
  });

  it('a request to a body the plan cannot order', () => {
    expect(read('Đề nghị Ủy ban MTTQ Việt Nam tỉnh và các tổ chức chính trị - xã hội')).toEqual({
      names: ['Ủy ban MTTQ Việt Nam tỉnh', 'các tổ chức chính trị - xã hội'],
      request: true,
      rest: null,
    });
    expect(read('Đề nghị: Hội Nông dân tỉnh, Liên minh Hợp tác xã tỉnh')?.names).toEqual([
      'Hội Nông dân tỉnh',
      'Liên minh Hợp tác xã tỉnh',
    ]);
  });

  it('text after the colon', () => {
    expect(read('Sở Xây dựng: Chủ trì rà soát quy hoạch chung.', false)).toEqual({
      names: ['Sở Xây dựng'],
      request: false,
      rest: 'Chủ trì rà soát quy hoạch chung.',
    });
  });

  it('a long group name stands only when items follow', () => {
    const group = 'Các sở, ngành chủ trì, quản lý các dự án thuộc Chương trình';
    expect(read(group, true)?.names).toEqual([group]);
    expect(read(group, false)).toBeNull();
  });

  it('a heading that introduces the items of its subject, or of the body it directs', () => {
    expect(read('Sở Y tế thực hiện các nhiệm vụ sau:')?.names).toEqual(['Sở Y tế']);
    expect(
      read('Sở Nông nghiệp và Môi trường chỉ đạo Chi cục Thủy lợi thực hiện các nội dung sau:')
        ?.names,
    ).toEqual(['Chi cục Thủy lợi']);
    expect(read('Sở Y tế thực hiện các nhiệm vụ sau:', false)).toBeNull();
  });

  it('topics and sentences are not agency headings', () => {
    expect(read('Công tác tham mưu, chỉ đạo')).toBeNull();
    expect(read('Ban hành cơ chế, chính sách')).toBeNull();
    expect(read('Sở Y tế chủ trì, phối hợp với các đơn vị triển khai kế hoạch.', false)).toBeNull();
  });
});
