// Importing a plan document: read the file, parse it against the tenant's registry, and (unless it
// is a dry run) store it as a plan in one transaction.
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { plans } from '../../db/schema.js';
import { parsePlanDocument } from '../../domain/plan-import/parse.js';
import { AppError } from '../../server/errors.js';
import type { Actor } from '../audit/service.js';
import { diffPlanFiles, type PlanChanges } from '../plans/diff.js';
import type { PlanFile } from '../plans/plan-file.js';
import { createPlanFromFile, findPlanByNumber, latestPlanFile } from '../plans/service.js';
import { loadAgencyDirectory } from './directory.js';
import { type Extracted, type ExtractionPool, extractionPool } from './extraction-pool.js';
import { planFileOf } from './extraction-task.js';
import { assertPlan } from './plan-check.js';
import { presentExtraction } from './presenter.js';
import { readSourceDocument } from './readers/index.js';
import { UnreadableDocumentError } from './readers/source-document.js';
import type { ExtractionDocument } from './schema.js';

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
  assertPlan(extracted.extraction);
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
  /** The extraction's plan file, when the caller has it already. */
  file?: PlanFile,
) {
  const d = extraction.document;
  const existing = await findPlanByNumber(db, tenantId, d.number, d.issuer, d.date);
  if (!existing) return null;
  const before = await latestPlanFile(db, existing.id);
  // A draft under review may not be a valid plan yet (no issuer, say): then there is no diff to show.
  let after: PlanFile | null = file ?? null;
  if (!after) {
    try {
      after = planFileOf({ extraction, sourceText });
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
    }
  }
  return {
    planId: existing.id,
    revision: existing.revision,
    changes: before && after ? diffPlanFiles(before, after) : null,
  };
}

/**
 * The plan file a (possibly corrected) extraction is stored as, checked by the plan file schema.
 * With `pool` the work (half a second for a 300-page plan) is done in a worker thread.
 */
export async function planFileForStoring(
  extraction: ExtractionDocument,
  sourceText: string,
  options: { pool?: ExtractionPool } = {},
): Promise<PlanFile> {
  if (!extraction.document.issuer) {
    throw new AppError(
      422,
      'missing_issuer',
      'The issuing authority was not found; review the extraction and give it',
    );
  }
  if (!options.pool) return planFileOf({ extraction, sourceText });
  try {
    return await options.pool.planFile({ extraction, sourceText });
  } catch (e) {
    if (e instanceof UnreadableDocumentError)
      throw new AppError(UNREADABLE_STATUS, e.code, e.message);
    throw e;
  }
}

/**
 * 409 `already_imported` when a plan of the tenant was stored from this very text: at upload (a
 * draft is not even made) and again at confirmation (another draft of it may have been confirmed
 * meanwhile). Plans of the same size in bytes are read (from the stored value's header, nothing
 * decompressed), then compared here, so the text (a megabyte for a large plan) is not sent as a
 * query parameter; PGlite encodes parameters on the server's main thread.
 */
export async function refuseImportedText(db: Db, tenantId: string, sourceText: string) {
  const sameSize = await db
    .select({ id: plans.id, sourceText: plans.sourceText })
    .from(plans)
    .where(
      and(
        eq(plans.tenantId, tenantId),
        sql`octet_length(${plans.sourceText}) = ${Buffer.byteLength(sourceText, 'utf8')}`,
      ),
    );
  const same = sameSize.find((p) => p.sourceText === sourceText);
  if (same)
    throw new AppError(
      409,
      'already_imported',
      `This document was already imported as plan ${same.id}`,
    );
}

/**
 * Stores a (possibly corrected) extraction as a plan. The same text twice is refused; a document
 * whose number the tenant already has is a new version: refused unless `newVersion`, which
 * replaces the plan's content and keeps the previous one as a revision. `file` is the extraction's
 * plan file when the caller made it already (planFileForStoring).
 */
export async function storePlan(
  db: Db,
  actor: Actor & { tenantId: string },
  extraction: ExtractionDocument,
  sourceText: string,
  options: { newVersion?: boolean; file?: PlanFile } = {},
) {
  const file = options.file ?? (await planFileForStoring(extraction, sourceText));
  await refuseImportedText(db, actor.tenantId, sourceText);
  const previous = await previousVersion(db, actor.tenantId, extraction, sourceText, file);
  if (previous && !options.newVersion) throw new PlanExistsError(previous.planId, previous.changes);
  return createPlanFromFile(db, actor, file, previous ? { revising: previous.planId } : {});
}
