import { describe, expect, it } from 'vitest';
import { inlineFields, labelledLine } from './labelled-blocks.js';

const field = (s: string) => labelledLine(s, 0);

describe('labelled lines of a task block', () => {
  it('recognises the labels plans use', () => {
    expect(field('Cơ quan chủ trì: Sở Xây dựng.')).toMatchObject({
      field: 'lead',
      value: 'Sở Xây dựng.',
    });
    expect(field('Đơn vị chủ trì tham mưu thực hiện: Sở Nội vụ')).toMatchObject({ field: 'lead' });
    expect(field('Cơ quan thực hiện: Sở Y tế')).toMatchObject({ field: 'lead' });
    expect(field('Đơn vị phối hợp thực hiện: Sở Tư pháp')).toMatchObject({ field: 'coordinators' });
    expect(field('Thời hạn hoàn thành: Quý IV/2026')).toMatchObject({ field: 'deadline' });
    expect(field('Thời gian thực hiện: Thường xuyên.')).toMatchObject({ field: 'deadline' });
    expect(field('Sản phẩm: Quyết định của UBND tỉnh')).toMatchObject({ field: 'output' });
    expect(field('Nhiệm vụ: Rà soát quy hoạch')).toMatchObject({
      field: 'task',
      value: 'Rà soát quy hoạch',
    });
    expect(field('Cơ quan thực hiện:')).toMatchObject({ field: 'header', value: '' });
  });

  it('gives the value offset and ignores ordinary sentences', () => {
    expect(field('Đơn vị phối hợp:  Sở Tư pháp')?.valueStart).toBe(18);
    expect(field('Thời gian qua, công tác cải cách được quan tâm.')).toBeNull();
    expect(field('Chủ trì, phối hợp với các sở tổ chức hội nghị.')).toBeNull();
  });

  it('reads fields written after the task, separated by dashes', () => {
    const text =
      'Rà soát quy hoạch – Chủ trì: Sở Xây dựng – Phối hợp: Sở Tài chính – Thời hạn: Quý II/2026.';
    const x = inlineFields(text, 100);
    expect(x?.task).toEqual({ text: 'Rà soát quy hoạch', start: 100 });
    expect(x?.fields.map((f) => [f.field, f.value])).toEqual([
      ['lead', 'Sở Xây dựng'],
      ['coordinators', 'Sở Tài chính'],
      ['deadline', 'Quý II/2026'],
    ]);
    expect(inlineFields('Nâng cấp đường tỉnh - đoạn qua xã Hòa An.', 0)).toBeNull();
  });
});
