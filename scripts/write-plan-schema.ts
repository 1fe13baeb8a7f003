// Writes docs/plan.schema.json from the Zod schema of the plan file (src/features/plans/plan-file.ts).
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { planFileJsonSchema } from '../src/features/plans/plan-file-json-schema.js';

const target = fileURLToPath(new URL('../docs/plan.schema.json', import.meta.url));
writeFileSync(target, `${JSON.stringify(planFileJsonSchema(), null, 2)}\n`);
console.log(`wrote ${target}`);
