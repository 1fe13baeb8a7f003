import { describe, expect, it } from 'vitest';
import { smallDirectory } from '../../../test/support/directory.js';
import { type AgencyMention, mentionFinder } from './agencies.js';
import { assignment } from './tasks.js';

const finder = mentionFinder(smallDirectory(), '2026-11-24', null);
const show = (ms: AgencyMention[]) =>
  ms.map((m) => {
    if (m.kind === 'agency') return `${m.as_written}=${m.agency_code}`;
    if (m.kind === 'choose') return `${m.as_written}?${m.candidates.join('/')}`;
    if (m.kind === 'group') return `${m.as_written}#${m.group}`;
    return `${m.as_written}!${m.kind}`;
  });
const parse = (text: string) => {
  const a = assignment(text, 0, finder);
  return { lead: show(a.lead), coordinators: show(a.coordinators), note: a.coordination_note };
};

describe('assignments', () => {
  it('"X chủ trì, phối hợp với Y và Z"', () => {
    expect(
      parse('Sở Xây dựng chủ trì, phối hợp với Sở Tài chính và Sở KH&CN tham mưu xây dựng đề án.'),
    ).toEqual({
      lead: ['Sở Xây dựng=SXD'],
      coordinators: ['Sở Tài chính=STC', 'Sở KH&CN=SKHCN'],
      note: null,
    });
  });

  it('"Giao X …", "Đề nghị X …", "X: chủ trì …", "X có trách nhiệm …"', () => {
    expect(parse('Giao Sở Xây dựng rà soát quy hoạch.').lead).toEqual(['Sở Xây dựng=SXD']);
    expect(parse('Đề nghị tỉnh Lạng Sơn phối hợp đầu tư tuyến đường.').lead).toEqual([
      'tỉnh Lạng Sơn!external',
    ]);
    expect(parse('Sở Tài chính: chủ trì tham mưu bố trí vốn.').lead).toEqual(['Sở Tài chính=STC']);
    expect(parse('Sở Xây dựng có trách nhiệm hướng dẫn.').lead).toEqual(['Sở Xây dựng=SXD']);
  });

  it('a lead written later in the sentence', () => {
    expect(parse('Về quy hoạch, Sở Xây dựng chủ trì thực hiện.').lead).toEqual(['Sở Xây dựng=SXD']);
  });

  it('resolves old names through successions: merge, split, abolished district', () => {
    expect(parse('Sở Kế hoạch và Đầu tư chủ trì.').lead).toEqual(['Sở Kế hoạch và Đầu tư=STC']);
    expect(parse('Sở TT&TT chủ trì.').lead).toEqual(['Sở TT&TT?SKHCN/SVHTTDL']);
    expect(parse('UBND huyện Hoà An chủ trì.').lead).toEqual(['UBND huyện Hoà An?UBND-X1/UBND-X2']);
  });

  it('a lead and a coordinator that are one agency today are listed once', () => {
    expect(
      parse('Sở Kế hoạch và Đầu tư chủ trì, phối hợp với Sở Tài chính thực hiện.').coordinators,
    ).toEqual([]);
  });

  it('groups lead; related agencies go to the note', () => {
    expect(parse('Các sở, ban, ngành, UBND cấp huyện thường xuyên rà soát.')).toEqual({
      lead: ['Các sở, ban, ngành#departments', 'UBND cấp huyện#district_committees'],
      coordinators: [],
      note: null,
    });
    expect(parse('Sở Xây dựng chủ trì, phối hợp với các đơn vị liên quan thực hiện.').note).toBe(
      'các đơn vị liên quan',
    );
    expect(
      parse('UBND các huyện, thành phố phối hợp với các chủ đầu tư giải phóng mặt bằng.'),
    ).toMatchObject({
      lead: ['UBND các huyện, thành phố#district_committees'],
      coordinators: ['các chủ đầu tư#project_owners'],
    });
  });

  it('the district group resolves to the commune committees once districts have ended', () => {
    const [m] = finder.find('UBND cấp huyện');
    expect(m).toMatchObject({
      kind: 'group',
      group: 'district_committees',
      members: ['UBND-X1', 'UBND-X2'],
    });
    const before = mentionFinder(smallDirectory(), '2025-01-01', null).find('UBND cấp huyện')[0];
    expect(before).toMatchObject({ kind: 'group', members: ['UBND-H1'] });
  });

  it('a name shared across a merge is settled by the document date or by today', () => {
    const [m] = mentionFinder(smallDirectory(), '2026-11-24', '2024-05-01').find('Sở Tài chính');
    expect(m).toMatchObject({
      kind: 'agency',
      agency_code: 'STC',
      named_code: 'STC-OLD',
      succession: 'merge',
    });
    const [undated] = finder.find('Sở Tài chính');
    expect(undated).toMatchObject({ kind: 'agency', agency_code: 'STC' });
  });

  it('no lead when the text names none; partners outside the province are external', () => {
    expect(parse('Tăng cường công tác tuyên truyền.').lead).toEqual([]);
    expect(
      finder.find('phối hợp với tỉnh Lạng Sơn và thành phố Hà Nội').map((m) => m.kind),
    ).toEqual(['external', 'external']);
    // The plan's own province is not a partner.
    expect(finder.find('tỉnh Cao Bằng')).toEqual([]);
  });
});
