// The extraction as `tiendo import --json` prints it (docs/import-extraction.md): snake_case,
// versioned, every item with its `source` offsets into the text that was read.
import { EXTRACTION_VERSION, type Extraction } from '../../domain/plan-import/parse.js';

export function presentExtraction(
  x: Extraction,
  meta: { file: string; format: string; characters: number },
) {
  const symbol = x.document.number?.replace(/^\d+(?:\/\d{4})?[-/]/u, '') ?? null;
  return {
    version: EXTRACTION_VERSION,
    file: meta,
    document: { ...x.document, symbol },
    references: x.references.map(({ key: _key, ...r }) => r),
    outline: x.outline,
    objectives: x.objectives,
    targets: x.targets,
    tasks: x.tasks.map((t) => ({
      ...t,
      deadline: {
        ...t.deadline.deadline,
        as_written: t.deadline.as_written || null,
        source: t.deadline.source,
      },
    })),
    projects: x.projects,
    signer: x.signer,
    recipients: x.recipients,
    warnings: x.warnings,
  };
}
