// Importing a plan document: read the file, parse it against the tenant's registry, and (unless it
// is a dry run) store it as a plan in one transaction.
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { plans } from '../../db/schema.js';
import { parsePlanDocument } from '../../domain/plan-import/parse.js';
import { AppError } from '../../server/errors.js';
import type { Actor } from '../audit/service.js';
import { diffPlanFiles, type PlanChanges } from '../plans/diff.js';
import { parsePlanFile } from '../plans/load.js';
import { createPlanFromFile, findPlanByNumber, latestPlanFile } from '../plans/service.js';
import { loadAgencyDirectory } from './directory.js';
import { type Extracted, type ExtractionPool, extractionPool } from './extraction-pool.js';
import { presentExtraction } from './presenter.js';
import { readSourceDocument } from './readers/index.js';
import { UnreadableDocumentError } from './readers/source-document.js';
import type { ExtractionDocument } from './schema.js';
import { extractionToPlanFile } from './to-plan-file.js';

export type { Extracted } from './extraction-pool.js';

/** HTTP status of a document that cannot be read: it is the document, not the request, at fault. */
const UNREADABLE_STATUS = 422;

/**
 * Reads and parses a plan document. `offThread` (the server) does both in the extraction pool's
 * worker threads, so the main thread only receives the result; the CLI reads in its own process.
 */
export async function extractPlan(
  db: Db,
  tenantId: string,
  bytes: Uint8Array,
  fileName: string,
  today: string,
  options: { offThread?: boolean; pool?: ExtractionPool } = {},
): Promise<Extracted> {
  const directory = await loadAgencyDirectory(db, tenantId);
  let extracted: Extracted;
  try {
    if (options.offThread || options.pool) {
      extracted = await (options.pool ?? extractionPool()).extract({
        bytes,
        fileName,
        directory,
        today,
      });
    } else {
      const source = await readSourceDocument(bytes, fileName);
      extracted = { source, extraction: parsePlanDocument(source, directory, { today }) };
    }
  } catch (e) {
    if (e instanceof UnreadableDocumentError)
      throw new AppError(UNREADABLE_STATUS, e.code, e.message);
    throw e;
  }
  const { extraction } = extracted;
  if (extraction.document.type !== 'KH' || extraction.outline.length === 0) {
    const what = extraction.document.type
      ? `a document of type ${extraction.document.type}`
      : 'no plan structure (KẾ HOẠCH, then sections I., II., …)';
    throw new AppError(422, 'not_a_plan', `This is not a plan: found ${what}`);
  }
  return extracted;
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
