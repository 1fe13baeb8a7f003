// A document the importer read is a plan only with the type KẾ HOẠCH and an outline (I., II., …).
// Light on purpose: the CLI's dry run uses it without the database's modules.
import type { Extraction } from '../../domain/plan-import/parse.js';
import { AppError } from '../../server/errors.js';

export function assertPlan(extraction: Extraction): void {
  if (extraction.document.type !== 'KH' || extraction.outline.length === 0) {
    const what = extraction.document.type
      ? `a document of type ${extraction.document.type}`
      : 'no plan structure (KẾ HOẠCH, then sections I., II., …)';
    throw new AppError(422, 'not_a_plan', `This is not a plan: found ${what}`);
  }
}
