// The JSON Schema of the plan file, for people and tools outside this code base.
import { z } from 'zod';
import { PLAN_FILE_VERSION, planFileSchema } from './plan-file.js';

export function planFileJsonSchema() {
  return {
    ...z.toJSONSchema(planFileSchema, { io: 'input', unrepresentable: 'any' }),
    $id: `https://tiendo.local/schemas/plan-v${PLAN_FILE_VERSION}.json`,
    title: 'Tiến Độ plan file',
    description:
      'A plan (kế hoạch) as JSON: header, legal basis, and a tree of sections and objectives holding targets, tasks and key projects. Loaded with `npx tiendo plan load FILE.json`.',
  };
}
