import { describe, expect, it } from 'vitest';
import { textTables } from './text-tables.js';

describe('tables written as " | " rows', () => {
  const text = [
    'Nơi nhận:',
    'PHỤ LỤC',
    'STT | Nhiệm vụ | Chủ trì | Phối hợp',
    'I. CẢI CÁCH THỂ CHẾ',
    '1 | Rà soát văn bản | Sở Tư pháp | Các sở, ngành',
    '2 | Tập huấn | Sở Nội vụ | ',
    'Ghi chú: số liệu ước tính.',
  ].join('\n');

  it('rebuilds rows and cells with offsets, a title between rows as a one-cell row', () => {
    const [t] = textTables(text, []);
    expect(t?.rows.map((r) => r.map((c) => c.text))).toEqual([
      ['STT', 'Nhiệm vụ', 'Chủ trì', 'Phối hợp'],
      ['I. CẢI CÁCH THỂ CHẾ'],
      ['1', 'Rà soát văn bản', 'Sở Tư pháp', 'Các sở, ngành'],
      ['2', 'Tập huấn', 'Sở Nội vụ', ''],
    ]);
    for (const row of t?.rows ?? [])
      for (const c of row) expect(text.slice(c.start, c.end)).toBe(c.text);
    expect(text.slice(t?.start, t?.end).endsWith('Sở Nội vụ | ')).toBe(false);
  });

  it('leaves a reader’s own tables alone', () => {
    const start = text.indexOf('STT');
    expect(textTables(text, [{ start, end: text.length }])).toEqual([]);
  });
});
