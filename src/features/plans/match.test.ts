import { describe, expect, it } from 'vitest';
import { matchTasks } from './service.js';

describe('matching tasks across plan versions', () => {
  const old = [
    { id: 'a', code: '1', title: 'Lập kế hoạch đầu tư công' },
    { id: 'b', code: null, title: 'Rà soát quy hoạch' },
    { id: 'c', code: null, title: 'Rà soát quy hoạch' },
  ];
  it('matches by appendix number first, then by title ignoring case and tone placement', () => {
    expect(
      matchTasks(old, [
        { code: '1', title: 'Lập kế hoạch đầu tư công trung hạn' },
        { code: null, title: 'RÀ SOÁT QUY HOẠCH' },
        { code: null, title: 'Nhiệm vụ mới' },
      ]),
    ).toEqual(['a', 'b', null]);
  });
  it('uses each old task once', () => {
    expect(
      matchTasks(old, [
        { title: 'Rà soát quy hoạch' },
        { title: 'Rà soát quy hoạch' },
        { title: 'Rà soát quy hoạch' },
      ]),
    ).toEqual(['b', 'c', null]);
  });
});
