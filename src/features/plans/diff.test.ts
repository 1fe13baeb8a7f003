import { describe, expect, it } from 'vitest';
import { numberedPlan } from '../../../test/support/factories.js';
import { diffPlanFiles } from './diff.js';
import { planFileSchema } from './plan-file.js';

const parse = (x: unknown) => planFileSchema.parse(x);

describe('diffPlanFiles', () => {
  it('sees no change in the same plan read back with its keys in another order', () => {
    const a = parse(numberedPlan());
    const reordered = JSON.parse(JSON.stringify(a), (_k, v) =>
      v && typeof v === 'object' && !Array.isArray(v)
        ? Object.fromEntries(Object.entries(v).reverse())
        : v,
    );
    expect(diffPlanFiles(a, reordered).unchanged).toBe(true);
  });

  it('names tasks added, removed and changed, and the fields that changed', () => {
    const before = parse(numberedPlan());
    const input = numberedPlan();
    const section = input.sections[0];
    if (!section?.tasks?.[0]) throw new Error('factory has a task');
    section.tasks[0] = { ...section.tasks[0], deadline: { kind: 'year', year: 2027 } };
    section.tasks.push({ title: 'Việc mới', lead: 'Sở Xây dựng' });
    section.projects = [];
    const changes = diffPlanFiles(before, parse(input));
    expect(changes.unchanged).toBe(false);
    expect(changes.tasks).toEqual({
      added: ['Việc mới'],
      removed: [],
      changed: [{ name: 'Lập kế hoạch đầu tư công', fields: ['deadline'] }],
    });
    expect(changes.projects.removed).toEqual(['Khu liên hợp thể thao tỉnh']);
    expect(changes.targets).toEqual({ added: [], removed: [], changed: [] });
  });
});
