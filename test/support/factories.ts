// Test data in one place: small valid plan files and ways to vary them.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import type { planFileSchema } from '../../src/features/plans/plan-file.js';

export type PlanFileInput = z.input<typeof planFileSchema>;

export const EXAMPLE_PLAN_PATH = fileURLToPath(
  new URL('../../examples/ke-hoach-693-lang-son.json', import.meta.url),
);

export function examplePlan(): PlanFileInput {
  return JSON.parse(readFileSync(EXAMPLE_PLAN_PATH, 'utf8')) as PlanFileInput;
}

/** A small numbered plan: one objective with a target, one task, one project. */
export function numberedPlan(overrides: Partial<PlanFileInput['document']> = {}): PlanFileInput {
  return {
    schema_version: 1,
    document: {
      type: 'KH',
      number: '15/KH-UBND',
      issuer: 'UBND tỉnh Lạng Sơn',
      date: '2026-01-20',
      title: 'Kế hoạch thử nghiệm',
      implements: ['693/QĐ-TTg'],
      ...overrides,
    },
    references: [
      { type: 'QĐ', number: '693/QĐ-TTg', issuer: 'Thủ tướng Chính phủ', date: '2024-07-17' },
    ],
    sections: [
      {
        label: 'I',
        title: 'NHIỆM VỤ',
        targets: [{ indicator: 'Số cụm công nghiệp', value: 24, unit: 'cụm', year: 2030 }],
        tasks: [
          {
            title: 'Lập kế hoạch đầu tư công',
            lead: 'Sở Tài chính',
            coordinators: ['Sở Xây dựng', 'Sở Tài chính'],
            deadline: { kind: 'quarter', year: 2026, quarter: 2 },
          },
        ],
        projects: [{ name: 'Khu liên hợp thể thao tỉnh', location: ['05977'] }],
      },
    ],
  };
}
