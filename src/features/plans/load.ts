// Reading a plan file from disk: JSON syntax, then the schema; every problem names its field.
import { readFileSync } from 'node:fs';
import { InvalidInputError } from '../../server/errors.js';
import { formatPath, type PlanFile, planFileSchema } from './plan-file.js';

export function parsePlanFile(text: string): PlanFile {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new InvalidInputError(
      [{ field: '(file)', code: 'invalid_json', message: (e as Error).message }],
      'invalid_json',
    );
  }
  const result = planFileSchema.safeParse(json);
  if (!result.success) {
    throw new InvalidInputError(
      result.error.issues.map((i) => ({
        field: formatPath(i.path) || '(root)',
        code: i.code,
        message: i.message,
      })),
      'invalid_plan',
    );
  }
  return result.data;
}

export function readPlanFile(path: string): PlanFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new InvalidInputError(
      [{ field: '(file)', code: 'unreadable_file', message: (e as Error).message }],
      'unreadable_file',
    );
  }
  return parsePlanFile(text);
}
