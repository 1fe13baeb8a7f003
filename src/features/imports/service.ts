// Importing a plan document: read the file, parse it against the tenant's registry, and (unless it
// is a dry run) store it as a plan in one transaction.
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { plans } from '../../db/schema.js';
import { type Extraction, parsePlanDocument } from '../../domain/plan-import/parse.js';
import { AppError } from '../../server/errors.js';
import type { Actor } from '../audit/service.js';
import { diffPlanFiles, type PlanChanges } from '../plans/diff.js';
import { parsePlanFile } from '../plans/load.js';
import { createPlanFromFile, findPlanByNumber, latestPlanFile } from '../plans/service.js';
import { loadAgencyDirectory } from './directory.js';
import { presentExtraction } from './presenter.js';
import { readSourceDocument } from './readers/index.js';
import { readSourceDocumentOffThread } from './readers/off-thread.js';
import { type SourceDocument, UnreadableDocumentError } from './readers/source-document.js';
import type { ExtractionDocument } from './schema.js';
import { extractionToPlanFile } from './to-plan-file.js';

export type Extracted = { source: SourceDocument; extraction: Extraction };

export async function extractPlan(
  db: Db,
  tenantId: string,
  bytes: Uint8Array,
  fileName: string,
  today: string,
  /** Read the file in a worker thread (the server: keeps the main thread free for requests). */
  options: { offThread?: boolean } = {},
): Promise<Extracted> {
  let source: SourceDocument;
  try {
    source = await (options.offThread
      ? readSourceDocumentOffThread(bytes, fileName)
      : readSourceDocument(bytes, fileName));
  } catch (e) {
    if (e instanceof UnreadableDocumentError) throw new AppError(422, e.code, e.message);
    throw e;
  }
  const directory = await loadAgencyDirectory(db, tenantId);
  const extraction = parsePlanDocument(source, directory, { today });
  if (extraction.document.type !== 'KH' || extraction.outline.length === 0) {
    const what = extraction.document.type
      ? `a document of type ${extraction.document.type}`
      : 'no plan structure (KẾ HOẠCH, then sections I., II., …)';
    throw new AppError(422, 'not_a_plan', `This is not a plan: found ${what}`);
  }
  return { source, extraction };
}

export async function importPlan(
  db: Db,
  actor: Actor & { tenantId: string },
  extracted: Extracted,
  options: { newVersion?: boolean } = {},
) {
  const { source, extraction } = extracted;
  const presented = presentExtraction(extraction, {
    file: 'document',
    format: source.format,
    characters: source.text.length,
  });
  return storePlan(db, actor, presented, source.text, options);
}

/** Refusal to store a plan whose number the tenant already has, with what the new version changes. */
export class PlanExistsError extends AppError {
  constructor(
    readonly planId: string,
    readonly changes: PlanChanges | null,
  ) {
    super(
      409,
      'plan_exists',
      `A plan with this number already exists (${planId}); confirm it as a new version to replace its content`,
    );
  }
}

/** The stored plan this extraction is a new version of (same number, year and issuer), with the changes. */
export async function previousVersion(
  db: Db,
  tenantId: string,
  extraction: ExtractionDocument,
  sourceText: string,
) {
  const d = extraction.document;
  const existing = await findPlanByNumber(db, tenantId, d.number, d.issuer, d.date);
  if (!existing) return null;
  const before = await latestPlanFile(db, existing.id);
  // A draft under review may not be a valid plan yet (no issuer, say): then there is no diff to show.
  let after: ReturnType<typeof parsePlanFile> | null = null;
  try {
    after = parsePlanFile(JSON.stringify(extractionToPlanFile(extraction, sourceText)));
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
  }
  return {
    planId: existing.id,
    revision: existing.revision,
    changes: before && after ? diffPlanFiles(before, after) : null,
  };
}

/**
 * Stores a (possibly corrected) extraction as a plan. The same text twice is refused; a document
 * whose number the tenant already has is a new version: refused unless `newVersion`, which
 * replaces the plan's content and keeps the previous one as a revision.
 */
export async function storePlan(
  db: Db,
  actor: Actor & { tenantId: string },
  extraction: ExtractionDocument,
  sourceText: string,
  options: { newVersion?: boolean } = {},
) {
  if (!extraction.document.issuer) {
    throw new AppError(
      422,
      'missing_issuer',
      'The issuing authority was not found; review the extraction and give it',
    );
  }
  const [same] = await db
    .select({ id: plans.id })
    .from(plans)
    .where(and(eq(plans.tenantId, actor.tenantId), eq(plans.sourceText, sourceText)));
  if (same)
    throw new AppError(
      409,
      'already_imported',
      `This document was already imported as plan ${same.id}`,
    );
  const file = parsePlanFile(JSON.stringify(extractionToPlanFile(extraction, sourceText)));
  const previous = await previousVersion(db, actor.tenantId, extraction, sourceText);
  if (previous && !options.newVersion) throw new PlanExistsError(previous.planId, previous.changes);
  return createPlanFromFile(db, actor, file, previous ? { revising: previous.planId } : {});
}
