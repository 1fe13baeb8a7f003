import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { smallDirectory } from '../../../test/support/directory.js';
import { type Extraction, parsePlanDocument } from './parse.js';

const directory = smallDirectory();
const parse = (text: string) =>
  parsePlanDocument({ format: 'txt', text, tables: [] }, directory, { today: '2026-11-24' });

/** Pieces of real plan text, so that random documents exercise every rule, mixed with noise. */
const fragment = fc.oneof(
  fc.constantFrom(
    'KẾ HOẠCH',
    'THỰC HIỆN QUYẾT ĐỊNH SỐ 12/QĐ-TTG NGÀY 5 THÁNG 3 NĂM 2024',
    'I. MỤC TIÊU',
    'II. NHIỆM VỤ, GIẢI PHÁP',
    'III. TỔ CHỨC THỰC HIỆN',
    '1. Hạ tầng',
    '2.1. Giao thông',
    'a) Khu công nghiệp',
    '- Sở Xây dựng chủ trì, phối hợp với Sở Tài chính và các đơn vị liên quan thực hiện thường xuyên.',
    '- Các sở, ban, ngành, UBND cấp huyện báo cáo trước ngày 31/12 hằng năm.',
    'Phấn đấu đến năm 2030 có 17 đô thị, trong đó 05 đô thị mới.',
    'Tất cả đơn vị cấp xã có hệ thống truyền thanh; 100% cơ quan dùng cổng thông tin.',
    'dự án Tuyến cao tốc Trà Lĩnh - Đồng Đăng theo hình thức BOT; dự án Cầu Bằng Giang...',
    'Nghị quyết số 13/NQ-TW ngày 16/01/2012 của Ban Chấp hành Trung ương Đảng',
    '[1] gồm: Nghị quyết số 36-NQ/TU ngày 27/6/2021',
    'Nơi nhận:',
    '- Như trên;',
    'TM. ỦY BAN NHÂN DÂN',
    'CHỦ TỊCH',
    'Nguyễn Văn A',
    'Quý II/2026',
    'giai đoạn 2026 - 2030',
  ),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
);
const documentText = fc.array(fragment, { maxLength: 40 }).map((lines) => lines.join('\n'));

function spans(x: Extraction) {
  return [
    ...(x.document.source ? [x.document.source] : []),
    ...x.references.map((r) => r.source),
    ...x.objectives.map((o) => o.source),
    ...x.targets.map((t) => t.source),
    ...x.projects.map((p) => p.source),
    ...x.tasks.flatMap((t) => [
      t.source,
      ...t.lead,
      ...t.coordinators,
      ...(t.deadline.source ? [t.deadline.source] : []),
    ]),
    ...x.warnings.flatMap((w) => (w.source ? [w.source] : [])),
  ];
}

describe('parsePlanDocument (properties)', () => {
  it('never throws, is deterministic, and every item points inside the text', () => {
    fc.assert(
      fc.property(documentText, (text) => {
        const a = parse(text);
        expect(parse(text)).toEqual(a);
        for (const s of spans(a)) {
          expect(s.start).toBeGreaterThanOrEqual(0);
          expect(s.end).toBeLessThanOrEqual(text.length);
          expect(s.start).toBeLessThanOrEqual(s.end);
        }
        for (const r of a.references)
          expect(text.slice(r.source.start, r.source.end).replace(/\s+/g, ' ').trim()).toBe(
            r.as_written,
          );
      }),
      { numRuns: 300 },
    );
  });

  it('gets through pathological input (a catastrophic pattern would hit the test timeout)', () => {
    const nasty = [
      '- '.repeat(20_000),
      '.'.repeat(50_000),
      `${'Sở '.repeat(10_000)}chủ trì`,
      `${'1.'.repeat(10_000)} x`,
      `dự án ${'A'.repeat(30_000)}`,
      `Quyết định số ${'1/'.repeat(10_000)}`,
    ];
    for (const text of nasty) {
      for (const s of spans(parse(text))) expect(s.end).toBeLessThanOrEqual(text.length);
    }
  });
});
